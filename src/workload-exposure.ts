import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PortPeer, PortProtocol } from './app-port';
import { fail } from './errors';
import { Exposure } from './exposure/exposure';
import type { NodeFirewallRule } from './exposure/node-firewall';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ResolvedPort } from './exposure/way-in';
import { claimAppName, claimHostPath } from './internal/app-claims';
import { buildPodDisruptionBudget, buildService } from './internal/app-objects';
import { checkAgainstClusterNetwork } from './internal/cluster-network';
import { isImageError, parseImageReference } from './internal/image-reference';
import { firewallNotes } from './internal/node-firewall';
import { registerNotes } from './internal/notes-file';
import { kplus, k8s } from './internal/plus.generated';
import { podSecurityViolations, podSpecOf } from './internal/pod-security';
import { missingPrerequisites, prerequisiteNotes } from './internal/prerequisites';
import { serviceFqdn } from './internal/service-dns';
import { checkStructKeys } from './internal/struct-keys';
import { checkPort, isDnsLabel, isHostname, labelsText } from './internal/validation';
import { addWarning } from './internal/warnings';
import { recordConstructPaths } from './lint/construct-paths';
import type { Prerequisite } from './prerequisite';
import { Tls } from './tls';

/** Props of a `WorkloadExposure`. */
export interface WorkloadExposureProps {
  /**
   * The cdk8s-plus workload to expose (a `kplus.Deployment`, `StatefulSet` or
   * `DaemonSet`), built completely before it is passed here: its selector,
   * pod spec and containers are read when the exposure is created. Its pods
   * are not rewritten: what the way in needs of them (hostNetwork, a hostPort,
   * a nodeSelector, one pod per node) is refused with the fix when missing;
   * only pod labels and annotations the way in needs (e.g. Istio's sidecar
   * label) are added, through cdk8s-plus's `podMetadata`.
   */
  readonly workload: kplus.Workload;
  /** How clients reach the workload (the same factories as `PublicWebAppProps.exposure`). */
  readonly exposure: Exposure;
  /** Container port clients reach through the way in. */
  readonly port: number;
  /**
   * Service port.
   * @default - the container port
   */
  readonly servicePort?: number;
  /**
   * Name of the Service port (Istio picks the protocol from it).
   * @default - the name the workload's container gives `port`, else `http`
   */
  readonly portName?: string;
  /**
   * Protocol of the port.
   * @default PortProtocol.TCP
   */
  readonly protocol?: PortProtocol;
  /**
   * Name of the objects this construct creates (Service, NetworkPolicy, PDB,
   * the way in's objects): a DNS label, distinct from the workload's own
   * Services (a StatefulSet's headless Service keeps its name).
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
  /**
   * Public host name.
   * @default - none (the way in's default)
   */
  readonly host?: string;
  /**
   * Routed path prefix (HTTP ways in).
   * @default '/'
   */
  readonly path?: string;
  /**
   * TLS at the edge.
   * @default - plain HTTP
   */
  readonly tls?: Tls;
  /**
   * In-cluster clients that keep reaching every port of the pods. The
   * NetworkPolicy this construct creates selects the workload's pods, and a
   * pod selected by any Ingress policy refuses what no policy admits
   * (kubernetes.io NetworkPolicy docs, "isolated pods"): without this list
   * only the way in's sources (on `port`) and the workload's own pods (on
   * every port, for replication between StatefulSet members) get in.
   * @default - none
   */
  readonly internalPeers?: PortPeer[];
}

/** The `daemonSet`/`replicas` facts of a cdk8s-plus workload. */
function workloadKind(w: kplus.Workload): { kind: string; replicas: number | undefined } {
  if (w instanceof kplus.DaemonSet) return { kind: 'DaemonSet', replicas: undefined };
  // cdk8s-plus emits replicas 2 for a Deployment and 1 for a StatefulSet when unset (deployment.js / stateful-set.js _toKube)
  if (w instanceof kplus.Deployment) return { kind: 'Deployment', replicas: w.replicas ?? 2 };
  if (w instanceof kplus.StatefulSet) return { kind: 'StatefulSet', replicas: w.replicas ?? 1 };
  return { kind: ApiObject.of(w).kind, replicas: undefined };
}

/**
 * Exposes a workload you already have (a cdk8s-plus Deployment, StatefulSet
 * or DaemonSet) through the same `Exposure` factories as PublicWebApp: a
 * Service selecting the workload's pods, the way in's objects, a
 * NetworkPolicy admitting the way in's sources, a PodDisruptionBudget when
 * more than one pod runs (not for a DaemonSet), NOTES and prerequisites.
 * The pods stay the user's: what the way in needs of them is checked and
 * refused with the fix; Pod Security "restricted" gaps and unpinned images
 * become warnings naming the container.
 *
 * @exampleMetadata fixture=chart
 * @example
 * import * as kplus from 'cdk8s-plus-28';
 * import { Exposure, WorkloadExposure } from 'cdk8s-expose';
 *
 * const broker = new kplus.StatefulSet(chart, 'broker', {
 *   containers: [{ image: 'eclipse-mosquitto:2.0.20', ports: [{ number: 1883, name: 'mqtt' }] }],
 * });
 * new WorkloadExposure(chart, 'mqtt', {
 *   workload: broker,
 *   port: 1883,
 *   exposure: Exposure.loadBalancer({ allowSourceRanges: ['203.0.113.0/24'] }),
 * });
 */
export class WorkloadExposure extends Construct {
  /** Name shared by the objects this construct creates. */
  public readonly name: string;
  /** Namespace (the chart's), if set. */
  public readonly namespace?: string;
  /** Public host, if any. */
  public readonly host?: string;
  /** Routed path prefix. */
  public readonly path: string;
  /** Container port reached through the way in. */
  public readonly port: number;
  /** Service port. */
  public readonly servicePort: number;
  /** The exposed workload. */
  public readonly workload: kplus.Workload;
  /** Labels that select the workload's pods (its matchLabels). */
  public readonly selectorLabels: { [key: string]: string };
  /** The Service in front of the pods. */
  public readonly service: kplus.Service;
  /** The NetworkPolicy that admits the way in's sources, the workload's own pods and `internalPeers`. */
  public readonly networkPolicy: k8s.KubeNetworkPolicy;
  /** The PodDisruptionBudget (only with more than one replica, never for a DaemonSet). */
  public readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The Ingress, for Ingress exposures. */
  public readonly ingress?: kplus.Ingress;
  /** How the workload is exposed. */
  public readonly exposure: Exposure;

  private readonly facts: AppFacts;

  constructor(scope: Construct, id: string, props: WorkloadExposureProps) {
    super(scope, id);
    recordConstructPaths(this);
    // 1. resolve and validate everything before creating anything
    checkStructKeys(this, '', props, 'WorkloadExposureProps');
    if (!(props.workload instanceof kplus.Workload)) {
      fail(this, 'workload', props.workload, 'is not a cdk8s-plus workload', 'pass a kplus.Deployment, kplus.StatefulSet or kplus.DaemonSet');
    }
    if (!(props.exposure instanceof Exposure)) {
      fail(this, 'exposure', props.exposure, 'is not an Exposure', 'pass e.g. Exposure.loadBalancer()');
    }
    this.workload = props.workload;
    this.exposure = props.exposure;
    const wayIn = this.exposure._wayIn;
    const { kind, replicas } = workloadKind(props.workload);
    const selector = this.resolveSelector(props.workload);
    const facts = this.resolve(id, props, selector, replicas);
    this.facts = facts;
    this.name = facts.name;
    this.namespace = facts.namespace;
    this.host = facts.host;
    this.path = facts.path;
    this.port = facts.port;
    this.servicePort = facts.servicePort;
    this.selectorLabels = selector;
    claimAppName(facts);
    const p = facts.ports[0];
    if (!wayIn.layer4 && p.protocol !== 'TCP') {
      fail(this, 'protocol', p.protocol, `Exposure.${wayIn.kind}() routes HTTP over TCP only; a ${p.protocol} port cannot be reached through it`, 'use a Service-based way in (Exposure.loadBalancer(), nodePort(), hostPort() ...)');
    }
    wayIn.validate(facts);
    const pod = wayIn.pod(facts);
    const spec = podSpecOf(ApiObject.of(props.workload).toJson()) ?? {};
    this.checkPods(kind, replicas, spec, pod, facts);
    const svc = wayIn.service(facts);
    const network = checkAgainstClusterNetwork(this, wayIn.peers(facts));
    claimHostPath(facts, wayIn);
    this.warnAboutPods(spec, pod);

    // 2. create: the pod labels and annotations the way in needs (cdk8s-plus's own podMetadata API), then our objects
    for (const [k, v] of Object.entries(pod.podLabels ?? {})) props.workload.podMetadata.addLabel(k, v);
    for (const [k, v] of Object.entries(pod.podAnnotations ?? {})) props.workload.podMetadata.addAnnotation(k, v);
    this.service = buildService(this, 'Service', facts.name, svc, facts.labels, facts.ports, selector);
    this.networkPolicy = this.createNetworkPolicy(facts, network.peers, props.internalPeers ?? []);
    if (kind !== 'DaemonSet' && (replicas ?? 1) > 1) {
      this.podDisruptionBudget = buildPodDisruptionBudget(this, facts.name, facts.labels, selector);
    }

    // 3. the way in adds its own objects
    wayIn.bind(facts);
    this.ingress = (wayIn as any)._ingress;
    // every object of this construct carries its labels (never the pod selector: a Gateway's labels go onto the proxy pods Istio creates)
    for (const c of this.node.findAll()) {
      if (!(c instanceof ApiObject)) continue;
      for (const [k, v] of Object.entries(facts.labels)) if (c.metadata.getLabel(k) === undefined) c.metadata.addLabel(k, v);
    }
    registerNotes(this);
  }

  /** How to reach the workload, as text: the URL (or address) and how to debug it. */
  public accessInfo(): string {
    const info: AccessInfo = this.exposure._wayIn.describe(this.facts);
    return [info.url ? `URL: ${info.url}` : undefined, ...info.reach].filter((l) => l !== undefined).join('\n');
  }

  /** The node ports clients reach directly (NodePort, hostPort, hostNetwork), for the node firewall; empty otherwise. */
  public firewallRules(): NodeFirewallRule[] {
    return this.exposure._wayIn.firewall?.(this.facts) ?? [];
  }

  /** Objects the manifests depend on but do not create, each with a check command (those the App creates left out). */
  public prerequisites(): Prerequisite[] {
    return missingPrerequisites(this, this.exposure._wayIn.prerequisites(this.facts));
  }

  /** Helm-style NOTES (written to `<outdir>/<chart>.NOTES.txt` by `app.synth()`, like PublicWebApp's). */
  public notes(): string {
    const f = this.facts;
    const info = this.exposure._wayIn.describe(f);
    const n = this.namespace ? ` -n ${this.namespace}` : '';
    const sel = labelsText(f.selector);
    return [
      `${this.exposure._wayIn.kind} exposure of ${ApiObject.of(this.workload).kind.toLowerCase()}/${this.workload.name} (${this.node.path}, ${f.namespace ? `namespace ${f.namespace}` : 'the namespace the manifests are applied to'})`,
      ...(info.url ? [`URL: ${info.url}`] : []),
      '',
      ...prerequisiteNotes(this.prerequisites()),
      'Reach it:',
      ...info.reach.map((l) => `  ${l}`),
      '',
      'Inside the cluster:',
      `  ${serviceFqdn(f)}:${f.servicePort}`,
      '',
      ...firewallNotes(f, this.firewallRules()),
      'If it does not answer, check in this order:',
      '1. Does the Service have ready endpoints?',
      `  kubectl get endpointslices${n} -l kubernetes.io/service-name=${f.name}`,
      `  No addresses: no Ready pod matches ${sel}. kubectl get pods${n} -l ${sel}, then kubectl describe pod on one of them.`,
      '2. Does the Service answer from inside the cluster?',
      `  ${this.portForwardCommand()}  # bypasses NetworkPolicy`,
      '3. Does the edge reach the Service?',
      ...(info.edgeLogs ? [`  ${info.edgeLogs}`] : []),
      `  kubectl describe service ${f.name}${n}`,
      ...(info.edgeChecks ?? []).map((l) => `  ${l}`),
    ].join('\n');
  }

  /** @internal */
  public get _url(): string | undefined {
    return this.exposure._wayIn.describe(this.facts).url;
  }

  /**
   * A `kubectl port-forward` command to the Service, for debugging.
   * @param localPort local port (default: the Service port, or 8080 when it is below 1024)
   */
  public portForwardCommand(localPort?: number): string {
    const sp = this.facts.servicePort;
    return `kubectl port-forward${this.namespace ? ` -n ${this.namespace}` : ''} service/${this.name} ${localPort ?? (sp < 1024 ? 8080 : sp)}:${sp}`;
  }

  /**
   * The URL of the Service through `kubectl proxy`, for debugging.
   * @param proxyPort port `kubectl proxy` listens on (default 8001)
   * @param namespace namespace the manifests were applied to, when the chart sets none
   */
  public kubectlProxyUrl(proxyPort?: number, namespace?: string): string {
    checkPort(this, 'proxyPort', proxyPort);
    if (namespace !== undefined && !isDnsLabel(namespace)) fail(this, 'namespace', namespace, 'is not a namespace name', "pass the namespace the workload runs in, e.g. 'shop'");
    const ns = this.namespace ?? namespace ?? '<namespace>';
    return `http://localhost:${proxyPort ?? 8001}/api/v1/namespaces/${ns}/services/${this.name}:${this.facts.ports[0].name}/proxy${this.path}`;
  }

  /** The workload's matchLabels; a selector the Service cannot express is refused. */
  private resolveSelector(w: kplus.Workload): Record<string, string> {
    if (w.matchExpressions.length > 0) {
      fail(this, 'workload', w.node.path, 'selects its pods with matchExpressions, which a Service selector cannot express (it matches labels only)',
        'select the pods with labels: workload.select(kplus.LabelSelector.of({ labels: { app: \'db\' } }))');
    }
    const labels = { ...w.matchLabels };
    if (Object.keys(labels).length === 0) {
      fail(this, 'workload', w.node.path, 'has no matchLabels (created with select: false?), so no Service or NetworkPolicy can select its pods',
        'let cdk8s-plus select the pods (the default) or call workload.select(kplus.LabelSelector.of({ labels: { ... } }))');
    }
    return labels;
  }

  private resolve(id: string, props: WorkloadExposureProps, selector: Record<string, string>, replicas: number | undefined): AppFacts {
    const name = props.name ?? id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
    if (!isDnsLabel(name) || !/^[a-z]/.test(name) || name.length > 52) {
      fail(this, 'name', props.name ?? id, 'is not a valid object name (a DNS label of at most 52 characters starting with a letter)', "pass name: 'my-db' (lower-case letters, digits and '-')");
    }
    checkPort(this, 'port', props.port);
    if (props.port === undefined) fail(this, 'port', props.port, 'is required', 'pass the container port clients reach, e.g. port: 1883');
    checkPort(this, 'servicePort', props.servicePort);
    if (props.host !== undefined && !isHostname(props.host)) {
      fail(this, 'host', props.host, 'is not a DNS name', "use e.g. 'db.example.com'");
    }
    const path = props.path ?? '/';
    if (typeof path !== 'string' || !path.startsWith('/') || /[\s{};]/.test(path)) {
      fail(this, 'path', path, "must start with '/' and contain no spaces, braces or semicolons", "use e.g. '/' or '/api'");
    }
    const protocol = (props.protocol ?? PortProtocol.TCP) as string;
    if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) fail(this, 'protocol', protocol, 'is not a protocol', 'use PortProtocol.TCP, UDP or SCTP');
    const declared = props.workload.containers.flatMap((c) => c.ports).find((cp) => cp.number === props.port && (cp.protocol ?? 'TCP') === protocol);
    const portName = props.portName ?? declared?.name ?? 'http';
    if (!isDnsLabel(portName) || portName.length > 15) {
      fail(this, 'portName', portName, 'is not a port name (an IANA service name: at most 15 lower-case letters, digits and \'-\')', "pass e.g. portName: 'mqtt'");
    }
    (props.internalPeers ?? []).forEach((peer, i) => {
      if (peer.namespace === undefined && (peer.podLabels === undefined || Object.keys(peer.podLabels).length === 0)) {
        fail(this, `internalPeers[${i}]`, peer, 'names neither a namespace nor pod labels', "give namespace: 'monitoring', podLabels, or both");
      }
      if (peer.namespace !== undefined && !isDnsLabel(peer.namespace)) fail(this, `internalPeers[${i}].namespace`, peer.namespace, 'is not a namespace name', "use e.g. 'monitoring'");
    });
    const namespace = Chart.of(this).namespace;
    if (namespace !== undefined && !isDnsLabel(namespace)) {
      fail(this, 'namespace', namespace, "is not a namespace name (the Chart's namespace, which every object of the exposure is written to)",
        "give the Chart a lower-case DNS label as namespace, e.g. new Chart(app, 'iot', { namespace: 'iot' }), or none for the default namespace");
    }
    const workloadNamespace = ApiObject.of(props.workload).metadata.namespace;
    if (workloadNamespace !== namespace) {
      fail(this, 'workload', props.workload.node.path, `runs in namespace '${workloadNamespace ?? '(none set)'}' and this exposure's objects go to '${namespace ?? '(none set)'}'; a Service selects pods of its own namespace only`,
        'create the WorkloadExposure in the chart of the workload');
    }
    if (props.tls !== undefined) {
      if (props.host === undefined) fail(this, 'tls', 'set', 'TLS needs a host to issue and serve the certificate for', "set host: 'mqtt.example.com'");
      props.tls._validate(this, 'tls');
    }
    const port: ResolvedPort = {
      name: portName,
      port: props.port,
      servicePort: props.servicePort ?? props.port,
      protocol: protocol as 'TCP' | 'UDP' | 'SCTP',
      access: 'exposure',
      peers: [],
      prop: 'port',
    };
    // our objects' labels never repeat a selector key: a Gateway's labels are copied onto the proxy pods it creates
    const labels: Record<string, string> = 'app.kubernetes.io/instance' in selector ? {} : { 'app.kubernetes.io/instance': name };
    return {
      scope: this,
      name,
      namespace,
      port: port.port,
      servicePort: port.servicePort,
      ports: [port],
      host: props.host,
      path,
      tls: props.tls,
      replicas: replicas ?? 1,
      selector,
      labels,
    };
  }

  /** What the way in needs of the pods, checked against the workload's pod spec (the pods are not ours to rewrite). */
  private checkPods(kind: string, replicas: number | undefined, spec: any, pod: PodRequirements, f: AppFacts): void {
    const wayIn = this.exposure._wayIn;
    const by = `Exposure.${wayIn.kind}()`;
    if (pod.daemonSet && kind !== 'DaemonSet') {
      fail(this, 'workload', kind, `${by} runs one pod per node (daemonSet) and this workload is a ${kind}`,
        `run the pods as a kplus.DaemonSet, or pass daemonSet: false to Exposure.${wayIn.kind}() (then one replica per node is required)`);
    }
    if (pod.hostNetwork && spec.hostNetwork !== true) {
      fail(this, 'workload', kind, `${by} needs the pods on the node's network and the workload does not set hostNetwork`, 'create the workload with hostNetwork: true (kplus pod props)');
    }
    if (pod.hostPort !== undefined) {
      const hp = (spec.containers ?? []).flatMap((c: any) => c.ports ?? []).find((cp: any) => cp.containerPort === f.port && (cp.protocol ?? 'TCP') === f.ports[0].protocol);
      if (hp?.hostPort !== pod.hostPort) {
        fail(this, 'workload', kind, `${by} needs container port ${f.port} published as hostPort ${pod.hostPort}, and the workload's containers ${hp ? `publish hostPort ${hp.hostPort ?? '(none)'}` : `do not declare port ${f.port}`}`,
          `declare the port on the container: ports: [{ number: ${f.port}, hostPort: ${pod.hostPort} }]`);
      }
    }
    for (const [k, v] of Object.entries(pod.nodeSelector ?? {})) {
      if (spec.nodeSelector?.[k] !== v) {
        fail(this, 'workload', kind, `${by} runs the pods on nodes labelled ${k}=${v} (its nodeSelector) and the workload's pod spec has no such nodeSelector`,
          `add it to the workload: ApiObject.of(workload).addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', { '${k}': '${v}' }))`);
      }
    }
    if (pod.oneReplicaPerNode && kind !== 'DaemonSet' && (replicas === undefined || replicas > 1)) {
      const antiAffinity = (spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).some((t: any) => t.topologyKey === 'kubernetes.io/hostname');
      if (!antiAffinity) {
        fail(this, 'workload', kind, `${by} binds a port of the node, so two pods on one node collide (the second stays Pending) and the ${kind}'s ${replicas ?? 'several'} replicas have no required anti-affinity on kubernetes.io/hostname`,
          'keep them apart: workload.scheduling.separate(workload, { topology: kplus.Topology.HOSTNAME }) (no weight: required)');
      }
    }
    for (const [k, v] of Object.entries(pod.podLabels ?? {})) {
      const have = this.workload.podMetadata.getLabel(k);
      if (have !== undefined && have !== v) {
        fail(this, 'workload', `${k}=${have}`, `${by} needs pod label ${k}=${v} and the workload's pods carry ${k}=${have}`, `remove the label ${k} from the workload's podMetadata`);
      }
    }
  }

  /** Pod Security "restricted" gaps and unpinned images: warnings, since the pods are the user's. */
  private warnAboutPods(spec: any, pod: PodRequirements): void {
    const violations = podSecurityViolations(spec);
    if (pod.needsPrivilegedNamespace) {
      addWarning(this, `Exposure.${this.exposure._wayIn.kind}() needs a namespace whose Pod Security level admits host ports or host networking (privileged); ${violations.length} restricted gap(s) found in the workload's pods`);
    } else if (violations.length > 0) {
      addWarning(this, `the workload's pods do not pass Pod Security "restricted" (a namespace enforcing it refuses them): ${violations.join('; ')}`);
    }
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      const ref = parseImageReference(String(c.image ?? ''));
      if (isImageError(ref)) {addWarning(this, `container ${c.name} image '${c.image}': ${ref.error}`);} else if (ref.digest === undefined && (ref.tag === undefined || ref.tag === 'latest')) {
        addWarning(this, `container ${c.name} image '${c.image}' is not pinned (no tag, or 'latest'): every node may run a different build; pin a version tag or a digest`);
      }
    }
  }

  private createNetworkPolicy(f: AppFacts, peers: NetworkPeer[], internal: PortPeer[]): k8s.KubeNetworkPolicy {
    const exposed = { port: k8s.IntOrString.fromNumber(f.port), protocol: f.ports[0].protocol };
    const nsSel = (ns?: string) => (ns !== undefined ? { matchLabels: { 'kubernetes.io/metadata.name': ns } } : undefined);
    const ingress: k8s.NetworkPolicyIngressRule[] = [
      ...peers.map((p): k8s.NetworkPolicyIngressRule => ({
        from: [{
          namespaceSelector: nsSel(p.namespace),
          podSelector: p.podLabels !== undefined ? { matchLabels: { ...p.podLabels } } : undefined,
          ipBlock: p.cidr !== undefined ? { cidr: p.cidr, except: p.except } : undefined,
        }],
        ports: p.ports ? p.ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) })) : [exposed],
      })),
      // the workload's own pods on every port (StatefulSet members replicate to each other)
      { from: [{ podSelector: { matchLabels: { ...f.selector } } }] },
      ...(internal.length > 0 ? [{
        from: internal.map((p) => ({
          namespaceSelector: nsSel(p.namespace),
          podSelector: p.podLabels !== undefined ? { matchLabels: { ...p.podLabels } } : undefined,
        })),
      }] : []),
    ];
    // Ingress only: the workload's egress is its own (an egress policy would cut off whatever it calls)
    return new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
      metadata: { name: f.name, labels: f.labels },
      spec: { podSelector: { matchLabels: { ...f.selector } }, policyTypes: ['Ingress'], ingress },
    });
  }
}
