import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { ExternalDnsOptions } from './dns/external-dns';
import { fail } from './errors';
import { Exposure } from './exposure/exposure';
import type { NodeFirewallRule } from './exposure/node-firewall';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements } from './exposure/way-in';
import { claimAppName, claimHostPath } from './internal/app-claims';
import { checkAgainstClusterNetwork, POD_CIDRS_CONTEXT } from './internal/cluster-network';
import { applyExternalDns, externalDnsNotes, ResolvedExternalDns, resolveExternalDns } from './internal/external-dns';
import { isImageError, parseImageReference } from './internal/image-reference';
import { firewallNotes } from './internal/node-firewall';
import { NOTES_CONTEXT_KEY, registerNotes } from './internal/notes-file';
import { kplus, k8s } from './internal/plus.generated';
import { missingPrerequisites, prerequisiteNotes } from './internal/prerequisites';
import { NAMESPACE_PLACEHOLDER, serviceFqdn } from './internal/service-dns';
import { checkStructKeys } from './internal/struct-keys';
import { checkCidrs, checkInt, checkPort, checkText, isDnsLabel, isHostname, labelsText } from './internal/validation';
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
   * Port the container listens on. Non-root containers cannot bind ports
   * below 1024 without extra capabilities, hence 8080.
   * @default 8080
   */
  readonly port?: number;
  /**
   * Port of the Service in front of the pods.
   * @default 80
   */
  readonly servicePort?: number;
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
   * How traffic from outside the cluster reaches the app.
   * @default Exposure.ingress()
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
   * HTTP path for the readiness and liveness probes.
   * @default - TCP probes on the app port (no HTTP path is assumed)
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
  if (pod.daemonSet && props.replicas !== undefined) {
    fail(scope, 'replicas', props.replicas, 'the exposure runs the app as a DaemonSet (one pod on every eligible node), so a replica count would be ignored',
      'drop replicas (choose the nodes with the exposure\'s nodeSelector), or set the exposure\'s daemonSet: false to run that many pods as a Deployment (one per node)');
  }
}

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
 * Client source ranges (`allowSourceRanges`, `loadBalancerSourceRanges`)
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
  /** The NetworkPolicy that admits only the edge. */
  public readonly networkPolicy: k8s.KubeNetworkPolicy;
  /** One deny-by-default MultiNetworkPolicy per secondary network (empty without `secondaryNetworks`). */
  public readonly multiNetworkPolicies: ApiObject[];
  /** The PodDisruptionBudget (only with more than one replica). */
  public readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
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
    const workloadObject = ApiObject.of(this.workload);
    // a host-device or macvlan passthru interface is held by one pod per node, as a host port is
    if (pod.oneReplicaPerNode || (!pod.daemonSet && facts.replicas > 1 && needsOnePodPerNode(secondary))) {
      // Two pods binding the same host port on one node: the second never starts.
      workloadObject.addJsonPatch(JsonPatch.add('/spec/template/spec/affinity', {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: facts.selector }, topologyKey: 'kubernetes.io/hostname' }],
        },
      }));
    } else if (!pod.daemonSet && facts.replicas > 1) {
      // Spread replicas over nodes and zones when possible, without blocking scheduling.
      workloadObject.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey) => ({
        maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: facts.selector },
      }))));
    }
    if (pod.nodeSelector) workloadObject.addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', pod.nodeSelector));

    const addPodAnnotation = (k: string, v: string) => this.workload.podMetadata.addAnnotation(k, v);
    this.multiNetworkPolicies = bindSecondaryNetworks(this, facts, workloadObject, addPodAnnotation, secondary);
    this.service = this.createService(facts, svc, labels);
    this.networkPolicy = this.createNetworkPolicy(props, facts, peers, labels, egressPeers);
    if (!pod.daemonSet && facts.replicas > 1) {
      this.podDisruptionBudget = new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
        metadata: { name: facts.name, labels },
        spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: facts.selector } },
      });
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
    const probe = this.healthCheckPath !== undefined ? `GET ${this.healthCheckPath} on port ${f.port}` : `a TCP connection to port ${f.port}`;
    const lines = [
      `${this.exposure._wayIn.kind} exposure of ${this.node.path} (${f.namespace ? `namespace ${f.namespace}` : 'the namespace the manifests are applied to'})`,
      ...(info.url ? [`URL: ${info.url}`] : []),
      '',
      ...prerequisiteNotes(this.prerequisites()),
      'Reach it:',
      ...info.reach.map((l) => `  ${l}`),
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
    const port = props.port ?? 8080;
    checkPort(this, 'port', port);
    const servicePort = props.servicePort ?? 80;
    checkPort(this, 'servicePort', servicePort);
    const replicas = props.replicas ?? 2;
    checkInt(this, 'replicas', replicas, 0, 10_000, 'use 0 or more replicas (2 or more for availability)');
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
    if (props.tls) {
      if (props.host === undefined) fail(this, 'tls', 'set', 'TLS needs a host to issue and serve the certificate for', "set host: 'shop.example.com'");
      props.tls._validate(this, 'tls');
    }
    checkInt(this, 'runAsUser', props.runAsUser, 1, 2147483647, 'use a non-zero UID (the pods must not run as root)');
    for (const [k, v] of Object.entries(props.env ?? {})) {
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(k)) fail(this, 'env', k, 'is not a valid environment variable name', 'use letters, digits, "_", "-" and "." and do not start with a digit');
      if (typeof v !== 'string') fail(this, `env.${k}`, v, 'environment values must be strings', `write "${String(v)}"`);
    }
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
      port,
      servicePort,
      host: props.host,
      path,
      tls: props.tls,
      replicas,
      selector: { 'app.kubernetes.io/name': name },
      labels: { ...props.labels, 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name },
    };
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
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true, user: uid, group: uid, fsGroup: uid },
      hostNetwork: pod.hostNetwork,
      dns: pod.hostNetwork ? { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET } : undefined,
    };
  }

  private containerProps(props: PublicWebAppProps, facts: AppFacts, pod: PodRequirements, svc: ServiceRequirements): kplus.ContainerProps {
    const uid = props.runAsUser ?? 10001;
    // pods that serve TLS themselves (backendTls): the kubelet probes over HTTPS (it does not verify the certificate)
    const servesTls = svc.portName === 'https';
    const probePort = servesTls && props.healthCheckPath ? { port: facts.port, scheme: kplus.ConnectionScheme.HTTPS } : { port: facts.port };
    const probe = (initialDelay: number) => props.healthCheckPath
      ? kplus.Probe.fromHttpGet(props.healthCheckPath, { ...probePort, initialDelaySeconds: Duration.seconds(initialDelay) })
      : kplus.Probe.fromTcpSocket({ ...probePort, initialDelaySeconds: Duration.seconds(initialDelay) });
    const envVariables: Record<string, kplus.EnvValue> = {};
    for (const [k, v] of Object.entries(props.env ?? {})) envVariables[k] = kplus.EnvValue.fromValue(v);
    return {
      name: 'app',
      image: props.image,
      command: props.command,
      args: props.args,
      ports: [{ number: facts.port, name: servesTls ? 'https' : 'http', hostPort: pod.hostPort }],
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
          add: facts.port < 1024 ? [kplus.Capability.NET_BIND_SERVICE] : undefined,
        },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
      readiness: probe(0),
      liveness: probe(10),
    };
  }

  private createService(facts: AppFacts, svc: ServiceRequirements, labels: Record<string, string>): kplus.Service {
    const service = new kplus.Service(this, 'Service', {
      metadata: { name: facts.name, labels: { ...labels, ...svc.labels }, annotations: svc.annotations },
      type: svc.type as kplus.ServiceType,
      ports: [{ name: svc.portName ?? 'http', port: facts.servicePort, targetPort: facts.port, nodePort: svc.nodePort, protocol: kplus.Protocol.TCP }],
      externalIPs: svc.externalIPs,
      loadBalancerSourceRanges: svc.loadBalancerSourceRanges,
      selector: undefined,
    });
    service.selectLabel('app.kubernetes.io/name', facts.name);
    const patches: JsonPatch[] = [];
    if (!svc.externalIPs || svc.externalIPs.length === 0) patches.push(JsonPatch.remove('/spec/externalIPs'));
    if (svc.externalTrafficPolicy) patches.push(JsonPatch.add('/spec/externalTrafficPolicy', svc.externalTrafficPolicy));
    if (svc.loadBalancerClass) patches.push(JsonPatch.add('/spec/loadBalancerClass', svc.loadBalancerClass));
    if (svc.ipFamilyPolicy) patches.push(JsonPatch.add('/spec/ipFamilyPolicy', svc.ipFamilyPolicy));
    if (svc.ipFamilies) patches.push(JsonPatch.add('/spec/ipFamilies', svc.ipFamilies));
    if (svc.appProtocol) patches.push(JsonPatch.add('/spec/ports/0/appProtocol', svc.appProtocol));
    ApiObject.of(service).addJsonPatch(...patches);
    return service;
  }

  private createNetworkPolicy(
    props: PublicWebAppProps, facts: AppFacts, peers: NetworkPeer[], labels: Record<string, string>, egressPeers: NetworkPeer[] = [],
  ): k8s.KubeNetworkPolicy {
    // peers with the same ports share one rule
    const rules = new Map<string, { ports: number[]; from: k8s.NetworkPolicyPeer[] }>();
    for (const p of peers) {
      const ports = p.ports ?? [facts.port];
      const key = ports.join(',');
      const rule = rules.get(key) ?? { ports, from: [] };
      rule.from.push({
        namespaceSelector: p.namespace !== undefined ? { matchLabels: { 'kubernetes.io/metadata.name': p.namespace } } : undefined,
        podSelector: p.podLabels !== undefined ? { matchLabels: p.podLabels } : undefined,
        ipBlock: p.cidr !== undefined ? { cidr: p.cidr, except: p.except } : undefined,
      });
      rules.set(key, rule);
    }
    const ingress: k8s.NetworkPolicyIngressRule[] = [...rules.values()].map((r) => ({
      from: r.from,
      ports: r.ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) })),
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
