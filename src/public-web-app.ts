import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { AppPort, PortAccess, PortPeer, PortProtocol } from './app-port';
import { AutoscalingOptions } from './autoscaling';
import { KeyReference, MountedFiles } from './configuration';
import { ExternalDnsOptions } from './dns/external-dns';
import { fail } from './errors';
import { Exposure } from './exposure/exposure';
import type { NodeFirewallRule } from './exposure/node-firewall';
import { exposedPorts } from './exposure/way-in';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ResolvedPort, ServiceRequirements, WayIn } from './exposure/way-in';
import { claimAppName, claimHostPath } from './internal/app-claims';
import { appProtocolPatches, buildPodDisruptionBudget, buildService } from './internal/app-objects';
import { checkAgainstClusterNetwork, POD_CIDRS_CONTEXT } from './internal/cluster-network';
import { applyExternalDns, externalDnsNotes, ResolvedExternalDns, resolveExternalDns } from './internal/external-dns';
import { isImageError, parseImageReference } from './internal/image-reference';
import { firewallNotes } from './internal/node-firewall';
import { NOTES_CONTEXT_KEY, registerNotes } from './internal/notes-file';
import { kplus, k8s } from './internal/plus.generated';
import { missingPrerequisites, prerequisiteNotes } from './internal/prerequisites';
import { NAMESPACE_PLACEHOLDER, serviceFqdn } from './internal/service-dns';
import { checkStructKeys } from './internal/struct-keys';
import { checkCidrs, checkInt, checkPort, checkText, isDnsLabel, isHostname, isLabelKey, labelsText } from './internal/validation';
import { addWarning } from './internal/warnings';
import { recordConstructPaths } from './lint/construct-paths';
import type { Prerequisite } from './prerequisite';
import { bindSecondaryNetworks, needsOnePodPerNode, ResolvedSecondaryNetwork, resolveSecondaryNetworks, secondaryNetworkNotes } from './secondary-networks/attach';
import { SecondaryNetwork } from './secondary-networks/secondary-network';
import { Tls } from './tls';

/**
 * Props for `PublicWebApp`.
 */
export interface PublicWebAppProps {
  /**
   * Container image, `[registry/]repository[:tag][@digest]`, e.g.
   * `ghcr.io/acme/shop:1.4.2`. References the kubelet cannot parse
   * (`Tomcat:9.0`, `tomcat::9.0`; the grammar of github.com/distribution/reference,
   * which the kubelet uses) are refused: the pods would stay in `InvalidImageName`.
   * An image without a tag or digest, or with `:latest`, gets a synth warning.
   */
  readonly image: string;
  /**
   * Port the container serves HTTP on (the port named `http`, reached
   * through the exposure). Non-root containers cannot bind ports below 1024
   * without extra capabilities, hence 8080.
   * @default 8080, unless `ports` is given: then no `http` port is added
   */
  readonly port?: number;
  /**
   * Port of the Service in front of `port`.
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * Further ports of the container, each with its protocol and who may
   * reach it (`PortAccess.exposure()`, `.internal([...])`, `.podLocal()`),
   * e.g. an internal metrics port, a gRPC port, or DNS on UDP and TCP 53.
   * Listed after the `http` port of `port` (when `port` is set, or `ports`
   * is not); without `port`, the first port reached through the exposure
   * is the app's public port (routes, notes, `servicePort` of the app).
   * Each becomes a named container port, a Service port (internal ports on
   * a `<name>-internal` ClusterIP Service when the app's Service is a
   * LoadBalancer, NodePort or has externalIPs) and a NetworkPolicy rule for
   * its port and protocol. Refused: two ports with one name or one
   * number/protocol pair, and a UDP or SCTP port, or a second port, reached
   * through an HTTP way in (ingress, gateway, mesh), which routes one HTTP
   * port only.
   * @default - only the `http` port of `port`
   */
  readonly ports?: AppPort[];
  /**
   * Scale the Deployment with a HorizontalPodAutoscaler (`autoscaling/v2`)
   * between `minReplicas` and `maxReplicas` on CPU and/or memory use. The
   * Deployment then has no `spec.replicas` (the HPA owns the count, and an
   * apply would reset it: kubernetes.io "Migrating Deployments and
   * StatefulSets to horizontal autoscaling"), so `replicas` is refused beside
   * it. Refused where the node count bounds the pods: a DaemonSet, or
   * hostPort / hostNetwork pods kept one per node (extra pods stay Pending).
   * @default - a fixed number of `replicas`
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * Environment variables from keys of Secrets in the app's namespace
   * (`valueFrom.secretKeyRef`): credentials stay out of the manifests.
   * @default - none
   */
  readonly envFromSecrets?: { [name: string]: KeyReference };
  /**
   * Environment variables from keys of ConfigMaps in the app's namespace
   * (`valueFrom.configMapKeyRef`).
   * @default - none
   */
  readonly envFromConfigMaps?: { [name: string]: KeyReference };
  /**
   * Secrets and ConfigMaps mounted read-only as files (one file per key).
   * @default - none
   */
  readonly files?: MountedFiles[];
  /**
   * An existing ServiceAccount for the pods (RBAC, cloud workload identity).
   * @default - the namespace's `default` ServiceAccount
   */
  readonly serviceAccountName?: string;
  /**
   * Mount the ServiceAccount token into the pods. Only for apps that call
   * the Kubernetes API: a stolen token is a foothold in the cluster.
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * How long the app may take to start before the kubelet restarts it: a
   * startup probe (same check as the liveness probe, every 5 seconds) holds
   * back the liveness and readiness probes until it first succeeds, so a slow
   * start (JVM, migrations) is not killed by liveness.
   * @default - no startup probe (liveness starts after 10 seconds)
   */
  readonly startupTimeout?: Duration;
  /**
   * Secrets (type `kubernetes.io/dockerconfigjson`) in the app's namespace
   * with credentials for a private registry (`imagePullSecrets`).
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * Number of pods. Refused when the exposure runs one pod per node as a
   * DaemonSet (`Exposure.hostNetwork()` by default, `Exposure.hostPort({ daemonSet: true })`):
   * the node count decides there, and a silently ignored number would mislead.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Public DNS name the app answers on. Wildcards only as a leading `*.`.
   * @default - no host: every host the edge receives (TLS is then impossible)
   */
  readonly host?: string;
  /**
   * URL path prefix routed to the app.
   * @default '/'
   */
  readonly path?: string;
  /**
   * Certificate for `host`. TLS ends at the edge and HTTP is redirected to HTTPS.
   * @default - no TLS: the exposure must allow plain HTTP explicitly
   */
  readonly tls?: Tls;
  /**
   * How traffic from outside the cluster reaches the app. Choose it
   * explicitly: the default is kept for compatibility and uses
   * `IngressController.nginx()`, whose project is retired (no more
   * releases); new clusters should prefer `Exposure.gateway()` or an
   * ingress with `IngressController.traefik()` / `kong()`.
   * @default Exposure.ingress() - with IngressController.nginx()
   */
  readonly exposure?: Exposure;
  /**
   * Publish the app's DNS name with external-dns: annotations (hostname,
   * ttl, target) on the object the way in exposes, and a DNS section in the
   * NOTES (which name resolves to what, `dig`, external-dns logs).
   * @default - no external-dns annotations
   */
  readonly externalDns?: ExternalDnsOptions;
  /**
   * HTTP path for the readiness and liveness probes, on the public port (or
   * the first TCP port when the public port is UDP or SCTP).
   * @default - TCP probes on that port (no HTTP path is assumed)
   */
  readonly healthCheckPath?: string;
  /**
   * Environment variables of the container (plain values; use Secrets through
   * the `container` escape hatch for credentials).
   * @default - none
   */
  readonly env?: { [key: string]: string };
  /**
   * CPU and memory requests and limits of the container.
   * @default - requests 100m CPU / 128Mi memory, limits 500m CPU / 256Mi memory
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Name of every object of the app (Deployment, Service, Ingress, ...).
   * Must be a DNS label starting with a letter (Service names are DNS-1035).
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
  /**
   * Command of the container (its ENTRYPOINT).
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Arguments of the container (its CMD).
   * @default - the image's command
   */
  readonly args?: string[];
  /**
   * UID (and GID) the container runs as. Never 0: the pods must pass the
   * Pod Security "restricted" profile.
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Paths that get a writable `emptyDir`, since the root filesystem is read-only.
   * @default ['/tmp']
   */
  readonly writablePaths?: string[];
  /**
   * Outbound destinations the pods may reach, as CIDR blocks, in addition to
   * cluster DNS. Egress is denied otherwise.
   * @default - DNS only (UDP and TCP 53 to kube-system)
   */
  readonly egressCidrs?: string[];
  /**
   * Let the pods connect anywhere (no egress restriction).
   * @default false
   */
  readonly allowAllEgress?: boolean;
  /**
   * Additional labels for every object and pod of the app.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Secondary networks (Multus) of the pods: written to the pod annotation
   * `k8s.v1.cni.cncf.io/networks` in its JSON form, each guarded by a
   * deny-by-default MultiNetworkPolicy (see `SecondaryNetwork`).
   * @default - none: the pods have the cluster network only
   */
  readonly secondaryNetworks?: SecondaryNetwork[];
}

/**
 * The rollout of a Deployment whose pods are pinned one per node (hostPort,
 * hostNetwork): the default `maxSurge: 25%` rounds up to 1 and
 * `maxUnavailable: 25%` down to 0 for small replica counts, so the rollout
 * first needs a node without a pod of the app, and hangs when there is none
 * (kubernetes.io Deployment docs, "Max Surge" / "Max Unavailable"). Replacing
 * one pod at a time in place (surge 0, unavailable 1) always progresses.
 * Other Deployments keep the Kubernetes default.
 */
function rolloutStrategy(pod: PodRequirements): kplus.DeploymentStrategy | undefined {
  if (!pod.oneReplicaPerNode) return undefined;
  const count = kplus.PercentOrAbsolute;
  return kplus.DeploymentStrategy.rollingUpdate({ maxSurge: count.absolute(0), maxUnavailable: count.absolute(1) });
}

/**
 * Refuse an image reference the kubelet cannot parse (the pod would sit in
 * InvalidImageName), and warn when it is not pinned: no tag means `:latest`,
 * which changes under the app and, with the default `imagePullPolicy:
 * Always` for `:latest`, on every pod start.
 */
function checkImage(scope: Construct, image: string): void {
  if (typeof image !== 'string' || image.trim() === '' || /\s/.test(image)) {
    fail(scope, 'image', image, 'an image reference is required and cannot contain spaces', "pass e.g. image: 'ghcr.io/acme/shop:1.4.2'");
  }
  const ref = parseImageReference(image);
  if (isImageError(ref)) {
    fail(scope, 'image', image, `is not an image reference the kubelet can parse (${ref.error}); the pods would stay in InvalidImageName`,
      `write [registry/]repository[:tag][@sha256:digest] in lower case, e.g. '${suggestImage(image)}'`);
  }
  if (ref.digest === undefined && (ref.tag === undefined || ref.tag === 'latest')) {
    addWarning(scope, `image ${JSON.stringify(image)} is not pinned (${ref.tag === undefined ? 'no tag means :latest' : ':latest'}): every pod start may run a different version; pin a version tag or a digest, e.g. ${ref.domain ? `${ref.domain}/` : ''}${ref.path}:1.2.3`);
  }
}

/** A likely intended reference for a refused one: lower case, one ':' before the tag. */
function suggestImage(image: string): string {
  const guess = image.toLowerCase().replace(/:{2,}/g, ':');
  return isImageError(parseImageReference(guess)) ? 'ghcr.io/acme/shop:1.4.2' : guess;
}

/** The debugging image of the NOTES (curl, dig, tcpdump). */
const NETSHOOT = 'nicolaka/netshoot';

/**
 * `kubectl run --overrides` for a one-off pod that passes Pod Security
 * "restricted" (kubernetes/pod-security-admission: runAsNonRoot, a non-zero
 * runAsUser, allowPrivilegeEscalation false, capabilities drop ALL, seccomp
 * RuntimeDefault). UID 65534 (nobody) runs curl fine.
 */
function restrictedRunOverrides(podName: string, args: string[]): string {
  return JSON.stringify({
    apiVersion: 'v1',
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{
        name: podName,
        image: NETSHOOT,
        args,
        stdin: true,
        stdinOnce: true,
        tty: true,
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      }],
    },
  });
}

/** A DaemonSet runs one pod per eligible node: an explicit replica count would be silently ignored, so it is refused. */
function checkReplicasFit(scope: Construct, props: PublicWebAppProps, pod: PodRequirements): void {
  if (props.autoscaling !== undefined && (pod.daemonSet || pod.oneReplicaPerNode)) {
    fail(scope, 'autoscaling', 'set', pod.daemonSet
      ? 'the exposure runs the app as a DaemonSet (one pod per eligible node), which a HorizontalPodAutoscaler cannot scale'
      : 'the exposure keeps one pod per node (hostPort / hostNetwork), so pods above the number of eligible nodes would stay Pending',
    'drop autoscaling, or expose the app through a Service-based way in that does not bind node ports (Exposure.loadBalancer(), nodePort(), ingress())');
  }
  if (pod.daemonSet && props.replicas !== undefined) {
    fail(scope, 'replicas', props.replicas, 'the exposure runs the app as a DaemonSet (one pod on every eligible node), so a replica count would be ignored',
      'drop replicas (choose the nodes with the exposure\'s nodeSelector), or set the exposure\'s daemonSet: false to run that many pods as a Deployment (one per node)');
  }
}

/**
 * The port the readiness and liveness probes check: the public port when it
 * is TCP, else the first TCP port (kubelet probes are TCP or HTTP; a UDP port
 * cannot be probed). Undefined for an app without a TCP port.
 */
function probeTarget(facts: AppFacts): ResolvedPort | undefined {
  return exposedPorts(facts).find((p) => p.protocol === 'TCP') ?? facts.ports.find((p) => p.protocol === 'TCP');
}

/** A startup probe every 5 seconds for up to `timeout` (Kubernetes docs, "Protect slow starting containers with startup probes"). */
function startupTiming(timeout: Duration): { periodSeconds: Duration; failureThreshold: number } {
  return { periodSeconds: Duration.seconds(5), failureThreshold: Math.ceil(timeout.toSeconds() / 5) };
}

/** `appProtocol` of each Service port that has one (cdk8s-plus has no field for it). */
const DEFAULT_RESOURCES = {
  cpu: { request: 100, limit: 500 },
  memoryMi: { request: 128, limit: 256 },
};

/**
 * A web application reachable from outside the cluster, hardened by default.
 *
 * It creates the workload (a Deployment, or what the exposure needs), a
 * ClusterIP Service with a named port, the objects of the chosen way in, a
 * NetworkPolicy that admits only the edge, and a PodDisruptionBudget. Pods
 * pass the Pod Security "restricted" profile unless an exposure that cannot
 * (hostPort, hostNetwork) is explicitly acknowledged.
 *
 * Client source ranges (`allowSourceRanges` of every way in)
 * become `ipBlock` sources of the NetworkPolicy. CNIs such as Calico and
 * Cilium apply `ipBlock` to pod IPs too, so a range that contains the pod
 * network would admit every pod. State the cluster's networks in the cdk8s
 * context, before any chart is added:
 * `app.node.setContext('cdk8s-expose:podCidrs', ['10.244.0.0/16'])` and
 * `app.node.setContext('cdk8s-expose:serviceCidrs', ['10.96.0.0/12'])`
 * (a list or a comma-separated string). Then a range that contains a pod
 * CIDR gets it as `ipBlock.except`, and a range inside the pod or Service
 * network is refused. Unstated, a range that overlaps a common default pod
 * network (192.168.0.0/16 Calico, 10.244.0.0/16 flannel, 10.42.0.0/16 k3s)
 * is warned about.
 *
 * @exampleMetadata fixture=chart
 * @example
 * import { Exposure, IngressController, PublicWebApp, Tls } from 'cdk8s-expose';
 *
 * new PublicWebApp(chart, 'web', {
 *   image: 'ghcr.io/acme/shop:1.4.2',
 *   port: 8080,
 *   host: 'shop.example.com',
 *   tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
 *   exposure: Exposure.ingress({ controller: IngressController.nginx() }),
 * });
 */
export class PublicWebApp extends Construct {
  /**
   * Context key that turns off the `<chart>.NOTES.txt` files `app.synth()`
   * writes: `app.node.setContext(PublicWebApp.NOTES_FILE_CONTEXT_KEY, false)`
   * right after `new App()` (or on a Chart, before its first child).
   */
  public static readonly NOTES_FILE_CONTEXT_KEY = NOTES_CONTEXT_KEY;

  /** Name shared by the app's objects. */
  public readonly name: string;
  /** Container port. */
  public readonly port: number;
  /** Service port. */
  public readonly servicePort: number;
  /** Public host, if any. */
  public readonly host?: string;
  /** Routed path prefix. */
  public readonly path: string;
  /** Namespace of the app (the chart's), if set. */
  public readonly namespace?: string;
  /** Labels that select the app's pods. */
  public readonly selectorLabels: { [key: string]: string };
  /** The workload running the pods (a Deployment, or a DaemonSet for host-network exposures). */
  public readonly workload: kplus.Workload;
  /** The Deployment, when the workload is one. */
  public readonly deployment?: kplus.Deployment;
  /** The DaemonSet, when the workload is one. */
  public readonly daemonSet?: kplus.DaemonSet;
  /** The application container. */
  public readonly container: kplus.Container;
  /** The Service in front of the pods. */
  public readonly service: kplus.Service;
  /**
   * The ClusterIP Service of the internal ports (`<name>-internal`), when the
   * app's Service reaches outside the cluster (LoadBalancer, NodePort, externalIPs).
   */
  public readonly internalService?: kplus.Service;
  /** The NetworkPolicy that admits only the edge. */
  public readonly networkPolicy: k8s.KubeNetworkPolicy;
  /** One deny-by-default MultiNetworkPolicy per secondary network (empty without `secondaryNetworks`). */
  public readonly multiNetworkPolicies: ApiObject[];
  /** The PodDisruptionBudget (only with more than one replica). */
  public readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The HorizontalPodAutoscaler, with `autoscaling`. */
  public readonly horizontalPodAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The Ingress, for Ingress exposures. */
  public readonly ingress?: kplus.Ingress;
  /** How the app is exposed. */
  public readonly exposure: Exposure;

  private readonly facts: AppFacts;
  /** the pods serve TLS (backendTls: Service port named https) */
  private readonly servesTls: boolean;
  private readonly peers: NetworkPeer[];
  /** CIDR sources of the NetworkPolicy that may hold pod addresses (for notes) */
  private readonly peersMayAdmitPods: string[];
  private readonly healthCheckPath?: string;
  private readonly externalDns?: ResolvedExternalDns;
  private readonly secondaryNetworks: ResolvedSecondaryNetwork[];
  /** emptyDir volumes for writablePaths, named in resolve() */
  private writableVolumes: { path: string; volumeName: string }[] = [];

  constructor(scope: Construct, id: string, props: PublicWebAppProps) {
    super(scope, id);
    recordConstructPaths(this);
    // 1. resolve and validate everything before creating anything
    checkStructKeys(this, '', props, 'PublicWebAppProps');
    const facts = this.resolve(id, props ?? ({} as PublicWebAppProps));
    this.facts = facts;
    this.name = facts.name;
    this.port = facts.port;
    this.servicePort = facts.servicePort;
    this.host = facts.host;
    this.path = facts.path;
    this.namespace = facts.namespace;
    this.selectorLabels = facts.selector;
    this.exposure = props.exposure ?? Exposure.ingress();
    const wayIn = this.exposure._wayIn;
    claimAppName(facts);
    this.checkPortsFitWayIn(facts, wayIn);
    wayIn.validate(facts);
    const dns = resolveExternalDns(facts, wayIn, props.externalDns);
    this.externalDns = dns;
    const pod = wayIn.pod(facts);
    checkReplicasFit(this, props, pod);
    const svc = wayIn.service(facts);
    this.servesTls = svc.portName === 'https';
    const network = checkAgainstClusterNetwork(this, wayIn.peers(facts));
    const peers = network.peers;
    this.peers = peers;
    this.peersMayAdmitPods = network.mayAdmitPods;
    const egressPeers = wayIn.egress?.(facts) ?? [];
    this.healthCheckPath = props.healthCheckPath;
    claimHostPath(facts, wayIn);
    const secondary = resolveSecondaryNetworks({
      scope: this,
      name: facts.name,
      namespace: facts.namespace,
      replicas: facts.replicas,
      daemonSet: pod.daemonSet === true,
      hostNetwork: pod.hostNetwork === true,
    }, props.secondaryNetworks);
    this.secondaryNetworks = secondary;

    // 2. create
    const labels = { ...facts.labels };
    // the most pods the app may run: spreading and the PDB follow it
    const maxPods = props.autoscaling?.maxReplicas ?? facts.replicas;
    const workloadProps = this.workloadProps(props, facts, pod, labels);
    if (pod.daemonSet) {
      this.daemonSet = new kplus.DaemonSet(this, 'DaemonSet', workloadProps);
      this.workload = this.daemonSet;
    } else {
      this.deployment = new kplus.Deployment(this, 'Deployment', { ...workloadProps, replicas: facts.replicas, strategy: rolloutStrategy(pod) });
      this.workload = this.deployment;
    }
    this.workload.select(kplus.LabelSelector.of({ labels: facts.selector }));
    this.container = this.workload.addContainer(this.containerProps(props, facts, pod, svc));
    for (const { path, volumeName } of this.writableVolumes) {
      this.container.mount(path, kplus.Volume.fromEmptyDir(this, `Volume${path}`, volumeName));
    }
    (props.files ?? []).forEach((f, i) => {
      const name = `files-${i}`;
      const volume = f.secretName !== undefined
        ? kplus.Volume.fromSecret(this, `Files${i}`, kplus.Secret.fromSecretName(this, `FilesSecret${i}`, f.secretName), { name })
        : kplus.Volume.fromConfigMap(this, `Files${i}`, kplus.ConfigMap.fromConfigMapName(this, `FilesConfigMap${i}`, f.configMapName!), { name });
      this.container.mount(f.path, volume, { readOnly: true });
    });
    if (props.imagePullSecrets !== undefined && props.imagePullSecrets.length > 0) {
      ApiObject.of(this.workload).addJsonPatch(JsonPatch.add('/spec/template/spec/imagePullSecrets', props.imagePullSecrets.map((name) => ({ name }))));
    }
    const workloadObject = ApiObject.of(this.workload);
    // a host-device or macvlan passthru interface is held by one pod per node, as a host port is
    if (pod.oneReplicaPerNode || (!pod.daemonSet && facts.replicas > 1 && needsOnePodPerNode(secondary))) {
      // Two pods binding the same host port on one node: the second never starts.
      workloadObject.addJsonPatch(JsonPatch.add('/spec/template/spec/affinity', {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: facts.selector }, topologyKey: 'kubernetes.io/hostname' }],
        },
      }));
    } else if (!pod.daemonSet && maxPods > 1) {
      // Spread replicas over nodes and zones when possible, without blocking scheduling.
      workloadObject.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey) => ({
        maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: facts.selector },
      }))));
    }
    if (pod.nodeSelector) workloadObject.addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', pod.nodeSelector));

    const addPodAnnotation = (k: string, v: string) => this.workload.podMetadata.addAnnotation(k, v);
    this.multiNetworkPolicies = bindSecondaryNetworks(this, facts, workloadObject, addPodAnnotation, secondary);
    // internal ports stay off a Service that reaches outside the cluster
    const reachesOutside = svc.type !== 'ClusterIP' || (svc.externalIPs ?? []).length > 0;
    const onService = facts.ports.filter((p) => p.access === 'exposure' || (p.access === 'internal' && !reachesOutside));
    const internalOnly = reachesOutside ? facts.ports.filter((p) => p.access === 'internal') : [];
    this.service = this.createService(facts, svc, labels, onService);
    if (internalOnly.length > 0) this.internalService = this.createInternalService(facts, labels, internalOnly);
    this.networkPolicy = this.createNetworkPolicy(props, facts, peers, labels, egressPeers);
    if (props.autoscaling !== undefined && this.deployment) {
      workloadObject.addJsonPatch(JsonPatch.remove('/spec/replicas'));
      this.horizontalPodAutoscaler = this.createAutoscaler(facts, props.autoscaling, labels);
    }
    if (!pod.daemonSet && facts.replicas > 1) {
      this.podDisruptionBudget = buildPodDisruptionBudget(this, facts.name, labels, facts.selector);
    }

    // 3. the way in adds its own objects
    wayIn.bind(facts);
    this.ingress = (wayIn as any)._ingress;
    if (dns) applyExternalDns(facts, wayIn, ApiObject.of(this.service), dns);

    // 4. every object of the app carries the app's labels, whichever way in wrote it
    this.labelObjects(labels, facts.selector);

    // 5. app.synth() writes notes() into <outdir>/<chart>.NOTES.txt
    registerNotes(this);
  }

  /**
   * Put the app's labels (`labels` prop, `app.kubernetes.io/name` and
   * `/instance`) on every object under this construct that lacks them: the
   * Ingress, routes, mesh policies, controller CRs, canary objects. Keys an
   * object already sets are kept. A Gateway API Gateway gets them without the
   * pod selector keys: Istio copies a Gateway's labels onto the proxy
   * Deployment and pods it creates (istio/istio `extractInfrastructureMetadata`,
   * when `spec.infrastructure.labels` is unset), and proxy pods labelled with
   * the app's selector would join the app's Service, NetworkPolicy and PDB.
   */
  private labelObjects(labels: Record<string, string>, selector: Record<string, string>): void {
    for (const c of this.node.findAll()) {
      if (!(c instanceof ApiObject)) continue;
      const gatewayApiGateway = c.apiGroup === 'gateway.networking.k8s.io' && c.kind === 'Gateway';
      for (const [k, v] of Object.entries(labels)) {
        if (gatewayApiGateway && k in selector) continue;
        if (c.metadata.getLabel(k) === undefined) c.metadata.addLabel(k, v);
      }
    }
  }

  /**
   * How to reach the app, as text: the URL (or address), and how to debug it.
   */
  public accessInfo(): string {
    const info: AccessInfo = this.exposure._wayIn.describe(this.facts);
    return [info.url ? `URL: ${info.url}` : undefined, ...info.reach].filter((l) => l !== undefined).join('\n');
  }

  /**
   * The node ports clients reach directly, for the node firewall or cloud
   * security groups: for NodePort, hostPort and hostNetwork apps one rule
   * (protocol, port, the app's source ranges or every address, the nodes
   * and, with a VirtualIp, its address); empty for ways in with an edge in
   * between (Ingress, Gateway, load balancer, mesh, ClusterIP). The NOTES list
   * the same rules.
   */
  public firewallRules(): NodeFirewallRule[] {
    return this.exposure._wayIn.firewall?.(this.facts) ?? [];
  }

  /**
   * Helm-style NOTES for this app: where it is reached (URL, node and port,
   * or load balancer) and, when it does not answer, the three checks that
   * find most faults (endpoints, the Service from inside the cluster, the
   * edge), with this app's names filled in. `app.synth()` (and so
   * `cdk8s synth`) writes the notes of every PublicWebApp of a chart to
   * `<outdir>/<chart>.NOTES.txt`, next to `<chart>.k8s.yaml`; the context key
   * `NOTES_FILE_CONTEXT_KEY` set to `false` turns that off.
   */
  public notes(): string {
    const f = this.facts;
    const info: AccessInfo = this.exposure._wayIn.describe(f);
    const n = this.nsFlag();
    const selector = labelsText(f.selector);
    const target = probeTarget(f);
    const probe = target === undefined ? 'absent (the app has no TCP port): every running pod counts as ready'
      : this.healthCheckPath !== undefined ? `GET ${this.healthCheckPath} on port ${target.port}` : `a TCP connection to port ${target.port}`;
    const lines = [
      `${this.exposure._wayIn.kind} exposure of ${this.node.path} (${f.namespace ? `namespace ${f.namespace}` : 'the namespace the manifests are applied to'})`,
      ...(info.url ? [`URL: ${info.url}`] : []),
      '',
      ...prerequisiteNotes(this.prerequisites()),
      'Reach it:',
      ...info.reach.map((l) => `  ${l}`),
      ...this.portNotes(),
      '',
      ...(this.externalDns ? [...externalDnsNotes(this.externalDns), ''] : []),
      'Inside the cluster:',
      `  ${serviceFqdn(f)}:${f.servicePort}  # cluster DNS name of the Service: <service>.<namespace>.svc.cluster.local resolves to its ClusterIP; from namespace ${f.namespace ?? NAMESPACE_PLACEHOLDER} '${f.name}' alone is enough (the pod's DNS search path)`,
      '  A headless Service (clusterIP: None), as a StatefulSet uses, resolves to the ready pods\' IPs instead, and each pod gets <pod>.<service>.<namespace>.svc.cluster.local.',
      '',
      ...firewallNotes(f, this.firewallRules()),
      'If it does not answer, check in this order:',
      '1. Does the Service have ready endpoints?',
      `  kubectl get endpoints ${f.name}${n}`,
      `  kubectl get endpointslices${n} -l kubernetes.io/service-name=${f.name}  # the same from the EndpointSlice API (v1 Endpoints is deprecated since Kubernetes 1.33)`,
      `  No addresses: no Ready pod matches ${selector}. kubectl get pods${n} -l ${selector}, then kubectl describe pod on one of them: the readiness probe is ${probe}.`,
      '2. Does the Service answer from inside the cluster?',
      ...(info.inClusterCheck ?? this.inClusterCheck()).map((l) => `  ${l}`),
      `  kubectl port-forward${n} service/${f.name} 8080:${f.servicePort}, then curl http://localhost:8080${f.path}  # bypasses NetworkPolicy: answers here but not above means the policy or DNS`,
      '3. Does the edge reach the Service?',
      ...(info.edgeLogs ? [`  ${info.edgeLogs}`] : []),
      `  kubectl describe service ${f.name}${n}  # ${this.servicePortText()}, Endpoints and Events`,
      ...(info.edgeChecks ?? []).map((l) => `  ${l}`),
      ...secondaryNetworkNotes(this.secondaryNetworks, {
        name: f.name, namespace: f.namespace, selector, container: this.container.name ?? 'app', workload: `${this.daemonSet ? 'daemonset' : 'deployment'}/${f.name}`,
      }),
      ...(f.namespace === undefined && this.usesNamespacePlaceholder(info) ? [
        '',
        '<namespace>: the namespace the manifests were applied to (kubectl config view --minify -o jsonpath=\'{..namespace}\'; empty means default).',
      ] : []),
    ];
    return lines.join('\n');
  }

  /**
   * Objects the app's manifests depend on but do not create, each with why
   * and a command to check it: the IngressClass, GatewayClass or Gateway, TLS
   * Secrets and cert-manager issuers, the load balancer's controller (MetalLB
   * and its BGP password Secrets, the AWS Load Balancer Controller), the
   * Istio gateway ... Objects created in the same cdk8s App are left out.
   * Also listed at the top of `notes()`.
   */
  public prerequisites(): Prerequisite[] {
    return missingPrerequisites(this, this.exposure._wayIn.prerequisites(this.facts));
  }

  /** Every port but the public one, with who may reach it (only when the app has more than one). */
  private portNotes(): string[] {
    const f = this.facts;
    if (f.ports.length < 2) return [];
    const who = (p: ResolvedPort) => {
      if (p.access === 'exposure') return `through the ${this.exposure._wayIn.kind} way in, like the public port`;
      if (p.access === 'podLocal') return `from inside the pod only: kubectl port-forward${this.nsFlag()} ${this.daemonSet ? 'daemonset' : 'deployment'}/${f.name} ${p.port}${p.protocol === 'TCP' ? '' : ' (port-forward carries TCP only)'}`;
      const svc = this.internalService ? `${f.name}-internal` : f.name;
      return `from ${p.peers.map((peer) => [peer.namespace ? `namespace ${peer.namespace}` : undefined, peer.podLabels ? `pods ${labelsText(peer.podLabels)}` : undefined].filter((x) => x).join(', ')).join('; ')}, at service ${svc} port ${p.servicePort}`;
    };
    return ['Ports:', ...f.ports.map((p) => `  ${p.name} ${p.port}/${p.protocol}${p.appProtocol ? ` (${p.appProtocol})` : ''}: ${p === f.ports[0] ? 'the public port' : who(p)}`)];
  }

  /** The Service's selector and port mapping as the emitted Service states them (a numeric targetPort is not a named port). */
  private servicePortText(): string {
    const spec = ApiObject.of(this.service).toJson().spec ?? {};
    const port = (spec.ports ?? [])[0] ?? {};
    const target = port.targetPort;
    const targetText = typeof target === 'string'
      ? `TargetPort ${target} (the container port named ${target}, ${this.port})`
      : `TargetPort ${target ?? port.port}/${port.protocol ?? 'TCP'} (the container port)`;
    return `Selector, Port ${port.name ? `${port.name} ` : ''}${port.port}/${port.protocol ?? 'TCP'}, ${targetText}`;
  }

  /** The Service's cluster DNS name seen from `fromNamespace` (undefined: the namespace the manifests were applied to). */
  private serviceUrl(fromNamespace: string | undefined): string {
    const f = this.facts;
    // Without a chart namespace the app lands in the namespace kubectl applies to: from there the short name resolves,
    // from anywhere else the namespace must be filled in.
    const host = f.namespace === undefined && fromNamespace === undefined ? f.name : serviceFqdn(f);
    return `${this.servesTls ? 'https' : 'http'}://${host}:${f.servicePort}${f.path}`;
  }

  private usesNamespacePlaceholder(info: AccessInfo): boolean {
    return [...info.reach, ...(info.edgeChecks ?? []), ...(info.inClusterCheck ?? this.inClusterCheck())].some((l) => l.includes('<namespace>'));
  }

  /**
   * Step 2 of notes(): a one-off netshoot curl that the app's NetworkPolicy
   * admits, or why none does. The pod gets a securityContext that passes Pod
   * Security "restricted" (non-root UID, no privilege escalation, all
   * capabilities dropped, RuntimeDefault seccomp), so `kubectl run` is not
   * refused in a restricted namespace; the whole container is given in
   * `--overrides` because kubectl merges it as a JSON merge patch, which
   * replaces the containers list.
   */
  private inClusterCheck(): string[] {
    const f = this.facts;
    // pods that serve TLS (backendTls): a reachability check, so the certificate is not verified (-k); the NOTES verify it separately
    const curlArgs = (url: string) => ['curl', '-sv', ...(url.startsWith('https:') ? ['-k'] : []), '--max-time', '5', url];
    const run = (namespace: string | undefined, url: string) => {
      const pod = `netshoot-${f.name.slice(0, 40)}`;
      return `kubectl run ${pod}${namespace ? ` -n ${namespace}` : ''} --rm -it --restart=Never --image=${NETSHOOT} --overrides='${restrictedRunOverrides(pod, curlArgs(url))}'`;
    };
    const edgePod = this.peers.find((p) => p.podLabels !== undefined && Object.keys(p.podLabels).length > 0);
    if (edgePod) {
      // Borrowing the edge's labels would put the test pod behind the edge's own Service; attach to an edge pod instead.
      const epNs = edgePod.namespace ?? f.namespace;
      const epSel = labelsText(edgePod.podLabels!);
      const url = this.serviceUrl(epNs);
      return [
        `kubectl debug${epNs ? ` -n ${epNs}` : ''} -it $(kubectl get pods${epNs ? ` -n ${epNs}` : ''} -l ${epSel} -o name | head -n 1) --image=${NETSHOOT} -- ${curlArgs(url).join(' ')}`,
        `  (a netshoot container inside an edge pod: the NetworkPolicy admits only pods labelled ${epSel}${epNs ? ` in namespace ${epNs}` : ''}, so a pod of your own would time out;`
        + ' the ephemeral container runs as the image\'s user (root), which a namespace enforcing Pod Security "restricted" refuses: then rely on the port-forward below)',
      ];
    }
    const nsOnly = this.peers.find((p) => p.namespace !== undefined && p.cidr === undefined);
    if (nsOnly) return [run(nsOnly.namespace, this.serviceUrl(nsOnly.namespace)), `  (run in namespace ${nsOnly.namespace}: the NetworkPolicy admits pods of that namespace only)`];
    const url = this.serviceUrl(f.namespace);
    if (this.peers.some((p) => p.cidr === '0.0.0.0/0' || p.cidr === '::/0')) {
      return [run(f.namespace, url), '  (the NetworkPolicy admits every address; a CNI that does not apply ipBlock to pod IPs may still refuse it: then rely on the port-forward below)'];
    }
    if (this.peersMayAdmitPods.length > 0) {
      return [
        run(f.namespace, url),
        `  (answers only if this pod's IP is inside ${this.peersMayAdmitPods.join(', ')}, which the NetworkPolicy admits and which may hold pod addresses`
        + ` (the pod network is not stated in context ${POD_CIDRS_CONTEXT}, or lies inside that block); otherwise it times out: the port-forward below is the in-cluster check)`,
      ];
    }
    const excepted = [...new Set(this.peers.flatMap((p) => p.except ?? []))];
    return [
      run(f.namespace, url),
      `  (expected to time out: the NetworkPolicy admits ${this.peers.length === 0 ? 'no client outside the app' : `only ${this.peers.map((p) => p.cidr).join(', ')}`}`
      + `${excepted.length > 0 ? ` except the pod network ${excepted.join(', ')}` : ''}; the port-forward below is the in-cluster check)`,
    ];
  }

  /**
   * The app's public URL as its exposure states it (scheme from the emitted
   * TLS settings), if known at synth time. Canaries print their stable app's.
   * @internal
   */
  public get _url(): string | undefined {
    return this.exposure._wayIn.describe(this.facts).url;
  }

  /**
   * A `kubectl port-forward` command that reaches the app from your machine
   * without any exposure (for debugging): then open http://localhost:<localPort>/.
   * @param localPort local port to listen on (default: the Service port, or 8080 when it is below 1024)
   */
  public portForwardCommand(localPort?: number): string {
    const local = localPort ?? (this.servicePort < 1024 ? 8080 : this.servicePort);
    return `kubectl port-forward${this.nsFlag()} service/${this.name} ${local}:${this.servicePort}`;
  }

  /**
   * The URL of the app through `kubectl proxy` (the API server's service
   * proxy), for debugging. The app's NetworkPolicy must admit the API server.
   * @param proxyPort port `kubectl proxy` listens on (default 8001)
   * @param namespace namespace the manifests were applied to, when the chart
   * sets none (default: the chart's namespace; without either the URL holds a
   * `<namespace>` placeholder, since the namespace is not known at synth time)
   */
  public kubectlProxyUrl(proxyPort?: number, namespace?: string): string {
    checkPort(this, 'proxyPort', proxyPort);
    if (namespace !== undefined && !isDnsLabel(namespace)) fail(this, 'namespace', namespace, 'is not a namespace name', "pass the namespace the app runs in, e.g. 'shop'");
    const ns = this.namespace ?? namespace ?? '<namespace>';
    const portName = ApiObject.of(this.service).toJson().spec?.ports?.[0]?.name ?? 'http';
    // the API server's service proxy speaks TLS to the pods only when asked: <scheme>:<name>:<port> (Kubernetes API, services/proxy)
    const service = portName === 'https' ? `https:${this.name}:${portName}` : `${this.name}:${portName}`;
    return `http://localhost:${proxyPort ?? 8001}/api/v1/namespaces/${ns}/services/${service}/proxy${this.path}`;
  }

  private nsFlag(): string {
    return this.namespace ? ` -n ${this.namespace}` : '';
  }

  private resolve(id: string, props: PublicWebAppProps): AppFacts {
    const name = props.name ?? id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
    if (!isDnsLabel(name) || !/^[a-z]/.test(name) || name.length > 52) {
      fail(this, 'name', props.name ?? id, 'is not a valid object name (a DNS label of at most 52 characters starting with a letter; Services need a DNS-1035 label and suffixes are added to some objects)',
        "pass name: 'my-app' (lower-case letters, digits and '-')");
    }
    checkImage(this, props.image);
    const ports = this.resolvePorts(props);
    const replicas = this.resolveReplicas(props);
    if (props.host !== undefined && !isHostname(props.host)) {
      fail(this, 'host', props.host, 'is not a DNS name (lower-case labels separated by dots; a wildcard only as a leading "*.")', "use e.g. 'shop.example.com' or '*.example.com'");
    }
    const path = props.path ?? '/';
    if (typeof path !== 'string' || !path.startsWith('/') || /[\s{};]/.test(path)) {
      fail(this, 'path', path, "must start with '/' and contain no spaces, braces or semicolons", "use e.g. '/' or '/api'");
    }
    if (props.healthCheckPath !== undefined && (typeof props.healthCheckPath !== 'string' || !props.healthCheckPath.startsWith('/') || /\s/.test(props.healthCheckPath))) {
      fail(this, 'healthCheckPath', props.healthCheckPath, "must start with '/' and contain no spaces", "use e.g. '/healthz'");
    }
    if (!ports.some((p) => p.protocol === 'TCP')) {
      if (props.healthCheckPath !== undefined) {
        fail(this, 'healthCheckPath', props.healthCheckPath, 'an HTTP probe needs a TCP port, and the app has none', 'drop healthCheckPath, or add the TCP port that serves it to ports');
      }
      addWarning(this, 'the app has no TCP port, so it gets no readiness or liveness probe (the kubelet probes over TCP or HTTP): a pod that stops answering stays in the Service; add a TCP health port to ports (PortAccess.podLocal() is enough)');
    }
    if (props.tls) {
      if (props.host === undefined) fail(this, 'tls', 'set', 'TLS needs a host to issue and serve the certificate for', "set host: 'shop.example.com'");
      props.tls._validate(this, 'tls');
    }
    checkInt(this, 'runAsUser', props.runAsUser, 1, 2147483647, 'use a non-zero UID (the pods must not run as root)');
    for (const [k, v] of Object.entries(props.env ?? {})) {
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(k)) fail(this, 'env', k, 'is not a valid environment variable name', 'use letters, digits, "_", "-" and "." and do not start with a digit');
      if (typeof v !== 'string') fail(this, `env.${k}`, v, 'environment values must be strings', `write "${String(v)}"`);
    }
    this.checkConfiguration(props);
    for (const [i, p] of (props.writablePaths ?? []).entries()) {
      if (typeof p !== 'string' || !p.startsWith('/') || p === '/' || /\s|\.\./.test(p)) fail(this, `writablePaths[${i}]`, p, 'must be an absolute directory other than /', "use e.g. '/tmp' or '/var/cache/app'");
    }
    this.writableVolumes = this.nameWritableVolumes(props.writablePaths ?? ['/tmp']);
    checkCidrs(this, 'egressCidrs', props.egressCidrs);
    (props.command ?? []).forEach((c, i) => checkText(this, `command[${i}]`, c, 'pass each word of the command as its own entry'));
    for (const [k, v] of Object.entries(props.labels ?? {})) {
      if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(k)) fail(this, 'labels', k, 'is not a valid label key', 'use prefix/name with a name of at most 63 characters');
      if (typeof v !== 'string' || !/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/.test(v)) fail(this, `labels.${k}`, v, 'is not a valid label value', 'use at most 63 letters, digits, "-", "_" or "."');
    }
    const namespace = Chart.of(this).namespace;
    if (namespace !== undefined && !isDnsLabel(namespace)) {
      fail(this, 'namespace', namespace, "is not a namespace name (the Chart's namespace, which every object of the app is written to)",
        "give the Chart a lower-case DNS label as namespace, e.g. new Chart(app, 'shop', { namespace: 'shop' }), or none for the default namespace");
    }
    return {
      scope: this,
      name,
      namespace,
      port: ports[0].port,
      servicePort: ports[0].servicePort,
      ports,
      host: props.host,
      path,
      tls: props.tls,
      replicas,
      selector: { 'app.kubernetes.io/name': name },
      labels: { ...props.labels, 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name },
    };
  }

  /** Secrets, ConfigMaps, service account, startup probe and pull secrets. */
  private checkConfiguration(props: PublicWebAppProps): void {
    const objectName = (prop: string, v: unknown) => {
      if (typeof v !== 'string' || v.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v)) fail(this, prop, v, 'is not an object name (a DNS subdomain)', "use e.g. 'shop-db'");
    };
    const key = (prop: string, v: unknown) => {
      if (typeof v !== 'string' || v.length > 253 || !/^[-._a-zA-Z0-9]+$/.test(v)) fail(this, prop, v, 'is not a Secret or ConfigMap key (letters, digits, "-", "_", ".")', "use e.g. 'password'");
    };
    const names = new Set(Object.keys(props.env ?? {}));
    for (const [prop, refs] of [['envFromSecrets', props.envFromSecrets], ['envFromConfigMaps', props.envFromConfigMaps]] as const) {
      for (const [k, ref] of Object.entries(refs ?? {})) {
        if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(k)) fail(this, prop, k, 'is not a valid environment variable name', 'use letters, digits, "_", "-" and "." and do not start with a digit');
        if (names.has(k)) fail(this, `${prop}.${k}`, k, 'is set twice (env, envFromSecrets, envFromConfigMaps); the last entry would win silently', 'set each variable once');
        names.add(k);
        if (ref === null || typeof ref !== 'object') fail(this, `${prop}.${k}`, ref, 'must be a key reference', "pass e.g. { name: 'shop-db', key: 'password' }");
        checkStructKeys(this, `${prop}.${k}`, ref, 'KeyReference');
        objectName(`${prop}.${k}.name`, ref.name);
        key(`${prop}.${k}.key`, ref.key);
      }
    }
    const dirs = new Set((props.writablePaths ?? ['/tmp']).map((p) => String(p).replace(/\/+$/, '')));
    (props.files ?? []).forEach((f, i) => {
      const prop = `files[${i}]`;
      if (f === null || typeof f !== 'object') fail(this, prop, f, 'must be mounted files', "pass e.g. { path: '/etc/app', configMapName: 'app-config' }");
      checkStructKeys(this, prop, f, 'MountedFiles');
      if (typeof f.path !== 'string' || !f.path.startsWith('/') || f.path === '/' || /\s|\.\./.test(f.path)) fail(this, `${prop}.path`, f.path, 'must be an absolute directory other than /', "use e.g. '/etc/app'");
      if ((f.secretName === undefined) === (f.configMapName === undefined)) {
        fail(this, prop, f, 'needs exactly one of secretName and configMapName', "pass e.g. { path: '/etc/app/tls', secretName: 'app-tls' }");
      }
      if (f.secretName !== undefined) objectName(`${prop}.secretName`, f.secretName);
      if (f.configMapName !== undefined) objectName(`${prop}.configMapName`, f.configMapName);
      const dir = f.path.replace(/\/+$/, '');
      if (dirs.has(dir)) fail(this, `${prop}.path`, f.path, 'is already a mount (writablePaths or another files entry); the API server refuses two mounts on one path', 'use another directory');
      dirs.add(dir);
    });
    if (props.serviceAccountName !== undefined && !isDnsLabel(props.serviceAccountName) && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(String(props.serviceAccountName))) {
      fail(this, 'serviceAccountName', props.serviceAccountName, 'is not a ServiceAccount name (a DNS subdomain)', "use e.g. 'shop'");
    }
    if (props.automountServiceAccountToken !== undefined && typeof props.automountServiceAccountToken !== 'boolean') {
      fail(this, 'automountServiceAccountToken', props.automountServiceAccountToken, 'must be true or false', 'write automountServiceAccountToken: true or false');
    }
    if (props.startupTimeout !== undefined) {
      const seconds = props.startupTimeout instanceof Duration ? props.startupTimeout.toSeconds() : NaN;
      if (!Number.isFinite(seconds) || seconds < 5 || seconds > 3600) {
        fail(this, 'startupTimeout', seconds, 'must be a Duration from 5 seconds to 1 hour', 'use e.g. Duration.minutes(2)');
      }
    }
    (props.imagePullSecrets ?? []).forEach((n, i) => objectName(`imagePullSecrets[${i}]`, n));
  }

  /** The replica count, or the autoscaler's minimum (validated); the autoscaler's own checks. */
  private resolveReplicas(props: PublicWebAppProps): number {
    const a = props.autoscaling;
    if (a === undefined) {
      const replicas = props.replicas ?? 2;
      checkInt(this, 'replicas', replicas, 0, 10_000, 'use 0 or more replicas (2 or more for availability)');
      return replicas;
    }
    if (a === null || typeof a !== 'object') fail(this, 'autoscaling', a, 'must be autoscaling options', 'pass e.g. { minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 }');
    if (props.replicas !== undefined) {
      fail(this, 'replicas', props.replicas, 'the HorizontalPodAutoscaler owns the replica count, so a fixed count would be reset on every apply', 'drop replicas and set autoscaling.minReplicas');
    }
    const min = a.minReplicas ?? 2;
    checkInt(this, 'autoscaling.minReplicas', min, 1, 10_000, 'use at least 1 (2 or more for availability; the HPA never scales to 0 without the HPAScaleToZero feature gate)');
    if (a.maxReplicas === undefined) fail(this, 'autoscaling.maxReplicas', undefined, 'is required', 'give the most pods the app may run, e.g. maxReplicas: 10');
    checkInt(this, 'autoscaling.maxReplicas', a.maxReplicas, 1, 10_000, 'use the most pods the app may run, e.g. 10');
    if (a.maxReplicas < min) fail(this, 'autoscaling.maxReplicas', a.maxReplicas, `is below minReplicas (${min}); the API server refuses it`, `use ${min} or more`);
    checkInt(this, 'autoscaling.cpuUtilization', a.cpuUtilization, 1, 1000, 'use a percentage of the CPU request, e.g. 70');
    checkInt(this, 'autoscaling.memoryUtilization', a.memoryUtilization, 1, 1000, 'use a percentage of the memory request, e.g. 80');
    // the HPA computes utilization against the container's requests; without one the metric is unavailable and the HPA never scales
    const r = props.resources;
    if (r !== undefined) {
      if ((a.cpuUtilization !== undefined || a.memoryUtilization === undefined) && r.cpu?.request === undefined) {
        fail(this, 'resources', 'no CPU request', 'CPU utilization is measured against the CPU request, so the HorizontalPodAutoscaler would report the metric as missing and never scale',
          'give resources.cpu.request, or scale on memoryUtilization only');
      }
      if (a.memoryUtilization !== undefined && r.memory?.request === undefined) {
        fail(this, 'resources', 'no memory request', 'memory utilization is measured against the memory request, so the HorizontalPodAutoscaler could not compute it', 'give resources.memory.request');
      }
    }
    return min;
  }

  /**
   * The app's ports: the `http` port of `port` (unless only `ports` is
   * given), then `ports`, those reached through the exposure first. Names are
   * IANA service names (k8s.io/apimachinery validation IsValidPortName: at
   * most 15 characters, [a-z0-9-], a letter, no '--'); a name, a container
   * port/protocol pair and a Service port/protocol pair appear once (the API
   * server refuses duplicate Service ports; duplicate container ports are
   * ambiguous for probes and named targetPorts).
   */
  private resolvePorts(props: PublicWebAppProps): ResolvedPort[] {
    const list: ResolvedPort[] = [];
    if (props.ports === undefined || props.port !== undefined) {
      const port = props.port ?? 8080;
      checkPort(this, 'port', port);
      const servicePort = props.servicePort ?? 80;
      checkPort(this, 'servicePort', servicePort);
      list.push({ name: 'http', port, servicePort, protocol: 'TCP', access: 'exposure', peers: [], prop: 'port' });
    } else if (props.servicePort !== undefined) {
      fail(this, 'servicePort', props.servicePort, 'is the Service port of the `port` prop, which is not set (only `ports` is)',
        'set servicePort on the entry of ports instead, or set port too');
    }
    if (props.ports !== undefined && !Array.isArray(props.ports)) fail(this, 'ports', props.ports, 'must be a list of ports', "pass e.g. [{ name: 'metrics', port: 9090, access: PortAccess.internal([{ namespace: 'monitoring' }]) }]");
    (props.ports ?? []).forEach((p, i) => {
      const prop = `ports[${i}]`;
      if (p === null || typeof p !== 'object') fail(this, prop, p, 'must be a port', "pass e.g. { name: 'metrics', port: 9090, access: PortAccess.podLocal() }");
      checkStructKeys(this, prop, p, 'AppPort');
      const name = p.name;
      if (typeof name !== 'string' || name.length > 15 || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) || !/[a-z]/.test(name) || name.includes('--')) {
        fail(this, `${prop}.name`, name, "is not a valid port name (at most 15 lower-case letters, digits and '-', with a letter, no '--', as the API server requires)", "use e.g. 'metrics' or 'dns-udp'");
      }
      checkPort(this, `${prop}.port`, p.port);
      if (p.port === undefined) fail(this, `${prop}.port`, p.port, 'is required', 'give the port the container listens on');
      if (p.protocol !== undefined && !Object.values(PortProtocol).includes(p.protocol)) {
        fail(this, `${prop}.protocol`, p.protocol, `is not one of ${Object.values(PortProtocol).join(', ')}`, 'use PortProtocol.TCP, UDP or SCTP');
      }
      if (p.appProtocol !== undefined && (typeof p.appProtocol !== 'string' || !isLabelKey(p.appProtocol))) {
        fail(this, `${prop}.appProtocol`, p.appProtocol, 'is not an application protocol name (a qualified name, as the API server requires)', "use e.g. 'kubernetes.io/h2c' or 'grpc'");
      }
      checkPort(this, `${prop}.servicePort`, p.servicePort);
      if (!(p.access instanceof PortAccess)) {
        fail(this, `${prop}.access`, p.access, 'must say who may reach the port', 'pass PortAccess.exposure(), PortAccess.internal([{ namespace: ... }]) or PortAccess.podLocal()');
      }
      const peers = p.access._peers;
      if (p.access._kind === 'internal') this.checkPortPeers(`${prop}.access`, peers);
      if (p.access._kind === 'podLocal' && p.servicePort !== undefined) {
        fail(this, `${prop}.servicePort`, p.servicePort, 'a pod-local port is on no Service', 'drop servicePort, or give the port another access');
      }
      list.push({
        name,
        port: p.port,
        servicePort: p.servicePort ?? p.port,
        protocol: p.protocol ?? PortProtocol.TCP,
        appProtocol: p.appProtocol,
        access: p.access._kind,
        peers: [...peers],
        prop,
      });
    });
    const seen = new Map<string, string>();
    const once = (key: string, prop: string, value: unknown, what: string) => {
      const first = seen.get(key);
      if (first !== undefined) fail(this, prop, value, `${what} as ${first}`, 'give each port its own name and number/protocol pair');
      seen.set(key, prop);
    };
    for (const p of list) {
      const at = p.prop === 'port' ? 'port' : `${p.prop}.port`;
      once(`name/${p.name}`, p.prop === 'port' ? 'port' : `${p.prop}.name`, p.name, 'is the same port name');
      once(`container/${p.port}/${p.protocol}`, at, p.port, `is the same container port and protocol (${p.port}/${p.protocol})`);
      if (p.access !== 'podLocal') {
        once(`service/${p.servicePort}/${p.protocol}`, p.prop === 'port' ? 'servicePort' : `${p.prop}.servicePort`, p.servicePort, `is the same Service port and protocol (${p.servicePort}/${p.protocol})`);
      }
    }
    const exposed = list.filter((p) => p.access === 'exposure');
    if (exposed.length === 0) {
      fail(this, 'ports', props.ports?.map((p) => p?.name), 'no port is reached through the exposure, so the way in would have nothing to forward',
        'set port (the http port), or give one of ports access: PortAccess.exposure()');
    }
    return [...exposed, ...list.filter((p) => p.access !== 'exposure')];
  }

  /** Peers of an internal port: at least one, each a namespace and/or pod labels. */
  private checkPortPeers(prop: string, peers: PortPeer[]): void {
    if (!Array.isArray(peers) || peers.length === 0) {
      fail(this, prop, peers, 'an internal port needs at least one peer (an empty list would admit nobody)', "list the clients, e.g. PortAccess.internal([{ namespace: 'monitoring' }]), or use PortAccess.podLocal()");
    }
    peers.forEach((peer, i) => {
      const at = `${prop}.peers[${i}]`;
      if (peer === null || typeof peer !== 'object') fail(this, at, peer, 'must be a peer', "pass e.g. { namespace: 'monitoring' }");
      checkStructKeys(this, at, peer, 'PortPeer');
      if (peer.namespace === undefined && peer.podLabels === undefined) {
        fail(this, at, peer, 'names no namespace and no pod labels (that would admit every pod of the app\'s namespace)', "give namespace: 'monitoring' and/or podLabels");
      }
      if (peer.namespace !== undefined && !isDnsLabel(peer.namespace)) fail(this, `${at}.namespace`, peer.namespace, 'is not a namespace name (a DNS label)', "use e.g. 'monitoring'");
      if (peer.podLabels !== undefined) {
        const entries = peer.podLabels === null || typeof peer.podLabels !== 'object' ? [] : Object.entries(peer.podLabels);
        if (entries.length === 0) fail(this, `${at}.podLabels`, peer.podLabels, 'an empty label map selects every pod', 'give at least one label, or leave podLabels unset');
        for (const [k, v] of entries) {
          if (!isLabelKey(k)) fail(this, `${at}.podLabels`, k, 'is not a valid label key', "use e.g. 'app.kubernetes.io/name'");
          if (typeof v !== 'string' || !/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/.test(v)) fail(this, `${at}.podLabels.${k}`, v, 'is not a valid label value', 'use at most 63 letters, digits, "-", "_" or "."');
        }
      }
    });
  }

  /**
   * An HTTP way in (Ingress, HTTPRoute, mesh HTTP route) forwards one HTTP
   * port over TCP: a UDP/SCTP port or a second port reached through it would
   * get a Service port that no route ever uses, while the user believes it public.
   */
  private checkPortsFitWayIn(facts: AppFacts, wayIn: WayIn): void {
    if (wayIn.layer4) return;
    exposedPorts(facts).forEach((p, i) => {
      if (p.protocol !== 'TCP') {
        fail(this, p.prop === 'port' ? 'port' : `${p.prop}.protocol`, p.protocol, `Exposure.${wayIn.kind}() routes HTTP over TCP only; a ${p.protocol} port cannot be reached through it`,
          'use a Service-based way in (Exposure.loadBalancer(), nodePort(), hostPort(), hostNetwork()) for this app, or make the port PortAccess.internal(...)');
      }
      if (i > 0) {
        fail(this, `${p.prop}.access`, 'exposure', `Exposure.${wayIn.kind}() routes one HTTP port (${exposedPorts(facts)[0].name}); port ${p.name} would be on the Service but no route would reach it`,
          'make it PortAccess.internal([...]) or PortAccess.podLocal(), or expose the app through a Service-based way in (Exposure.loadBalancer(), nodePort(), ...)');
      }
    });
  }

  /**
   * One emptyDir volume per writable path. The same directory twice would
   * mount two volumes on one path (the API server refuses it); volume names
   * are DNS labels of at most 63 characters, unique in the pod.
   */
  private nameWritableVolumes(paths: string[]): { path: string; volumeName: string }[] {
    const dirs = new Map<string, number>();
    const names = new Set<string>();
    return paths.map((path, i) => {
      const dir = path.replace(/\/+/g, '/').replace(/\/$/, '');
      const first = dirs.get(dir);
      if (first !== undefined) fail(this, `writablePaths[${i}]`, path, `is the same directory as writablePaths[${first}]`, 'list each directory once');
      dirs.set(dir, i);
      let volumeName = `writable${path.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`.replace(/-+$/, '');
      if (volumeName.length > 63 || names.has(volumeName)) {
        const base = volumeName.slice(0, 55).replace(/-+$/, '');
        for (let n = i; names.has(volumeName = `${base}-${n}`) || volumeName.length > 63; n++);
      }
      names.add(volumeName);
      return { path, volumeName };
    });
  }

  private workloadProps(props: PublicWebAppProps, facts: AppFacts, pod: PodRequirements, labels: Record<string, string>): kplus.DeploymentProps {
    const uid = props.runAsUser ?? 10001;
    return {
      metadata: { name: facts.name, labels },
      podMetadata: { labels: { ...labels, ...pod.podLabels }, annotations: pod.podAnnotations },
      select: false,
      automountServiceAccountToken: props.automountServiceAccountToken ?? false,
      serviceAccount: props.serviceAccountName !== undefined ? kplus.ServiceAccount.fromServiceAccountName(this, 'ServiceAccount', props.serviceAccountName) : undefined,
      securityContext: { ensureNonRoot: true, user: uid, group: uid, fsGroup: uid },
      hostNetwork: pod.hostNetwork,
      dns: pod.hostNetwork ? { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET } : undefined,
    };
  }

  private containerProps(props: PublicWebAppProps, facts: AppFacts, pod: PodRequirements, svc: ServiceRequirements): kplus.ContainerProps {
    const uid = props.runAsUser ?? 10001;
    const target = probeTarget(facts);
    // pods that serve TLS themselves (backendTls): the kubelet probes the public port over HTTPS (it does not verify the certificate)
    const servesTls = svc.portName === 'https';
    const probePort = servesTls && props.healthCheckPath && (target?.port ?? facts.port) === facts.port
      ? { port: facts.port, scheme: kplus.ConnectionScheme.HTTPS } : { port: target?.port ?? facts.port };
    const probe = (initialDelay: number) => target === undefined ? undefined : props.healthCheckPath
      ? kplus.Probe.fromHttpGet(props.healthCheckPath, { ...probePort, initialDelaySeconds: Duration.seconds(initialDelay) })
      : kplus.Probe.fromTcpSocket({ ...probePort, initialDelaySeconds: Duration.seconds(initialDelay) });
    const envVariables: Record<string, kplus.EnvValue> = {};
    for (const [k, v] of Object.entries(props.env ?? {})) envVariables[k] = kplus.EnvValue.fromValue(v);
    for (const [k, ref] of Object.entries(props.envFromSecrets ?? {})) {
      const secret = kplus.Secret.fromSecretName(this, `EnvSecret-${k}`, ref.name);
      envVariables[k] = kplus.EnvValue.fromSecretValue({ secret, key: ref.key }, { optional: ref.optional });
    }
    for (const [k, ref] of Object.entries(props.envFromConfigMaps ?? {})) {
      envVariables[k] = kplus.EnvValue.fromConfigMap(kplus.ConfigMap.fromConfigMapName(this, `EnvConfigMap-${k}`, ref.name), ref.key, { optional: ref.optional });
    }
    return {
      name: 'app',
      image: props.image,
      command: props.command,
      args: props.args,
      // every port is named (Service targetPorts, probes and port-forward can use the names); hostPort for each port of the way in
      ports: facts.ports.map((p, i) => ({
        number: p.port,
        // the public port is named after what it serves (https for backendTls) when the user kept the default name
        name: i === 0 && servesTls && p.name === 'http' ? 'https' : p.name,
        // TCP is the default; left out so single-port output is unchanged
        protocol: p.protocol === 'TCP' ? undefined : p.protocol as kplus.Protocol,
        hostPort: pod.hostPort === undefined || p.access !== 'exposure' ? undefined : i === 0 ? pod.hostPort : p.port,
      })),
      envVariables,
      resources: props.resources ?? {
        cpu: { request: kplus.Cpu.millis(DEFAULT_RESOURCES.cpu.request), limit: kplus.Cpu.millis(DEFAULT_RESOURCES.cpu.limit) },
        memory: { request: Size.mebibytes(DEFAULT_RESOURCES.memoryMi.request), limit: Size.mebibytes(DEFAULT_RESOURCES.memoryMi.limit) },
      },
      securityContext: {
        ensureNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        user: uid,
        group: uid,
        // Ports below 1024 need NET_BIND_SERVICE for a non-root process (the only capability "restricted" allows).
        capabilities: {
          drop: [kplus.Capability.ALL],
          add: facts.ports.some((p) => p.port < 1024) ? [kplus.Capability.NET_BIND_SERVICE] : undefined,
        },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
      readiness: probe(0),
      liveness: probe(10),
      startup: target === undefined || props.startupTimeout === undefined ? undefined : props.healthCheckPath
        ? kplus.Probe.fromHttpGet(props.healthCheckPath, { ...probePort, ...startupTiming(props.startupTimeout) })
        : kplus.Probe.fromTcpSocket({ ...probePort, ...startupTiming(props.startupTimeout) }),
    };
  }

  private createService(facts: AppFacts, svc: ServiceRequirements, labels: Record<string, string>, ports: ResolvedPort[]): kplus.Service {
    return buildService(this, 'Service', facts.name, svc, labels, ports, { 'app.kubernetes.io/name': facts.name });
  }

  /** An autoscaling/v2 HorizontalPodAutoscaler on the app's Deployment. */
  private createAutoscaler(facts: AppFacts, a: AutoscalingOptions, labels: Record<string, string>): k8s.KubeHorizontalPodAutoscalerV2 {
    const target = (name: string, averageUtilization: number): k8s.MetricSpecV2 => ({
      type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization } },
    });
    const metrics = [
      ...(a.cpuUtilization !== undefined || a.memoryUtilization === undefined ? [target('cpu', a.cpuUtilization ?? 80)] : []),
      ...(a.memoryUtilization !== undefined ? [target('memory', a.memoryUtilization)] : []),
    ];
    return new k8s.KubeHorizontalPodAutoscalerV2(this, 'HorizontalPodAutoscaler', {
      metadata: { name: facts.name, labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: facts.name },
        minReplicas: facts.replicas,
        maxReplicas: a.maxReplicas,
        metrics,
      },
    });
  }

  /**
   * The ClusterIP Service `<name>-internal` for internal ports, when the
   * app's own Service would carry them to the edge: every port of a
   * LoadBalancer Service gets a listener (and a NodePort on every node), a
   * NodePort Service opens every port on every node, and externalIPs answer
   * on every port of the Service (kubernetes.io Service docs).
   */
  private createInternalService(facts: AppFacts, labels: Record<string, string>, ports: ResolvedPort[]): kplus.Service {
    const service = new kplus.Service(this, 'InternalService', {
      metadata: { name: `${facts.name}-internal`, labels },
      type: kplus.ServiceType.CLUSTER_IP,
      ports: ports.map((p) => ({ name: p.name, port: p.servicePort, targetPort: p.port, protocol: p.protocol as kplus.Protocol })),
      selector: undefined,
    });
    service.selectLabel('app.kubernetes.io/name', facts.name);
    ApiObject.of(service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'), ...appProtocolPatches(ports));
    return service;
  }

  private createNetworkPolicy(
    props: PublicWebAppProps, facts: AppFacts, peers: NetworkPeer[], labels: Record<string, string>, egressPeers: NetworkPeer[] = [],
  ): k8s.KubeNetworkPolicy {
    // peers with the same ports share one rule; NetworkPolicy ports carry their protocol (TCP when unset)
    const rules = new Map<string, { ports: { port: number; protocol: string }[]; from: k8s.NetworkPolicyPeer[] }>();
    const exposed = exposedPorts(facts).map((p) => ({ port: p.port, protocol: p.protocol }));
    const add = (ports: { port: number; protocol: string }[], from: k8s.NetworkPolicyPeer) => {
      const key = ports.map((p) => `${p.port}/${p.protocol}`).join(',');
      const rule = rules.get(key) ?? { ports, from: [] };
      rule.from.push(from);
      rules.set(key, rule);
    };
    for (const p of peers) {
      add(p.ports?.map((port) => ({ port, protocol: 'TCP' })) ?? exposed, {
        namespaceSelector: p.namespace !== undefined ? { matchLabels: { 'kubernetes.io/metadata.name': p.namespace } } : undefined,
        podSelector: p.podLabels !== undefined ? { matchLabels: p.podLabels } : undefined,
        ipBlock: p.cidr !== undefined ? { cidr: p.cidr, except: p.except } : undefined,
      });
    }
    // internal ports: only their named peers (a peer without namespace is in the app's namespace)
    for (const port of facts.ports.filter((p) => p.access === 'internal')) {
      for (const peer of port.peers) {
        add([{ port: port.port, protocol: port.protocol }], {
          namespaceSelector: peer.namespace !== undefined ? { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } } : undefined,
          podSelector: peer.podLabels !== undefined ? { matchLabels: { ...peer.podLabels } } : undefined,
        });
      }
    }
    const ingress: k8s.NetworkPolicyIngressRule[] = [...rules.values()].map((r) => ({
      from: r.from,
      ports: r.ports.map((p) => ({ protocol: p.protocol, port: k8s.IntOrString.fromNumber(p.port) })),
    }));
    const egress: k8s.NetworkPolicyEgressRule[] = props.allowAllEgress ? [{}] : [
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) }, { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) }],
      },
      ...(props.egressCidrs && props.egressCidrs.length > 0 ? [{ to: props.egressCidrs.map((cidr) => ({ ipBlock: { cidr } })) }] : []),
      // what the way in's own components need (an Istio sidecar: istiod on TCP 15012)
      ...egressPeers.map((p): k8s.NetworkPolicyEgressRule => ({
        to: [{
          namespaceSelector: p.namespace !== undefined ? { matchLabels: { 'kubernetes.io/metadata.name': p.namespace } } : undefined,
          podSelector: p.podLabels !== undefined ? { matchLabels: { ...p.podLabels } } : undefined,
          ipBlock: p.cidr !== undefined ? { cidr: p.cidr } : undefined,
        }],
        ports: (p.ports ?? []).map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) })),
      })),
    ];
    return new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
      metadata: { name: facts.name, labels },
      spec: {
        podSelector: { matchLabels: facts.selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress,
        egress,
      },
    });
  }
}
