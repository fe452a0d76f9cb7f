import { ManifestIndex } from './manifest-index';
import { labelSelectorMatches } from './selector';
import { fail } from '../errors';
import { checkStructKeys } from '../internal/struct-keys';
import { ipBlockAdmits, isLabelKey, isLabelValue, parseIp } from '../internal/validation';

/** Transport protocol of a connection (NetworkPolicyPort.protocol). */
export enum NetworkProtocol {
  /** TCP (the NetworkPolicy default). */
  TCP = 'TCP',
  /** UDP */
  UDP = 'UDP',
  /** SCTP */
  SCTP = 'SCTP',
}

/**
 * One end of a connection: a pod (namespace and labels, and optionally its
 * IP) or an address outside the pod network (a client, a load balancer's
 * health checker, or a node, which is where host-network pods such as a
 * hostNetwork Ingress controller connect from).
 */
export class NetworkEndpoint {
  /**
   * A pod in `namespace` with `labels`.
   * @param namespace the pod's namespace
   * @param labels the pod's labels
   * @param ip the pod's IP, to match `ipBlock` peers (CNIs such as Calico and Cilium apply ipBlock to pod IPs too). Default: ipBlock peers never match the pod.
   */
  public static pod(namespace: string, labels: { [key: string]: string }, ip?: string): NetworkEndpoint {
    return new NetworkEndpoint(namespace, { ...(labels ?? {}) }, ip);
  }

  /**
   * An address that is not a pod: a client outside the cluster, a load
   * balancer, or a node (host-network pods connect from their node's IP).
   */
  public static address(ip: string): NetworkEndpoint {
    return new NetworkEndpoint(undefined, undefined, ip);
  }

  private constructor(
    /** @internal */ public readonly _namespace: string | undefined,
    /** @internal */ public readonly _labels: { [key: string]: string } | undefined,
    /** @internal */ public readonly _ip: string | undefined,
  ) {}

  /** Text for messages, e.g. `pod app=web in shop` or `203.0.113.9`. */
  public toString(): string {
    if (this._namespace === undefined) return this._ip ?? '?';
    const labels = Object.entries(this._labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    return `pod ${labels || '(no labels)'} in ${this._namespace}${this._ip ? ` (${this._ip})` : ''}`;
  }
}

/** A connection to evaluate against the NetworkPolicies. */
export interface NetworkConnection {
  /** Who opens the connection. */
  readonly from: NetworkEndpoint;
  /** Who receives it. */
  readonly to: NetworkEndpoint;
  /** Destination port (the pod's port, after any Service translation). */
  readonly port: number;
  /**
   * Transport protocol.
   * @default NetworkProtocol.TCP
   */
  readonly protocol?: NetworkProtocol;
}

/** The answer for one connection. */
export interface NetworkVerdict {
  /** Whether the NetworkPolicies admit the connection (both the sender's egress and the receiver's ingress). */
  readonly allowed: boolean;
  /** Which policy admits it, or why it is dropped. */
  readonly reason: string;
}

/**
 * Evaluates Kubernetes NetworkPolicies (`networking.k8s.io/v1`) in a set of
 * manifests: is a connection from a source to a pod port admitted?
 *
 * It follows the NetworkPolicy API: a pod is isolated for ingress (egress)
 * when a policy of its namespace selects it with that policy type; then a
 * connection passes only when a rule of such a policy matches both the peer
 * (namespaceSelector, podSelector, ipBlock with except) and the port
 * (protocol, number, named port of the receiving pod's containers, endPort).
 * Namespace labels come from Namespace objects in the manifests, plus
 * `kubernetes.io/metadata.name`, which the API server sets on every
 * namespace. Policies of other APIs (Calico, Cilium, AdminNetworkPolicy)
 * and host-network pods (NetworkPolicy does not apply to them) are out of
 * scope.
 *
 * @exampleMetadata fixture=chart
 * @example
 * import { Testing } from 'cdk8s';
 * import { NetworkEndpoint, NetworkPolicyEvaluator } from 'cdk8s-expose';
 *
 * const policies = new NetworkPolicyEvaluator(Testing.synth(chart));
 * const verdict = policies.evaluate({
 *   from: NetworkEndpoint.pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }),
 *   to: NetworkEndpoint.pod('shop', { 'app.kubernetes.io/name': 'web' }),
 *   port: 8080,
 * });
 * console.log(verdict.allowed, verdict.reason);
 */
export class NetworkPolicyEvaluator {
  /**
   * An evaluator over objects the linter has indexed already (one index per lint run).
   * @internal
   */
  public static _forIndex(index: ManifestIndex): NetworkPolicyEvaluator {
    const e = new NetworkPolicyEvaluator([]);
    e.init(index);
    return e;
  }

  private index!: ManifestIndex;
  private readonly namespaceLabels = new Map<string, { [key: string]: string }>();
  /**
   * namespace -> the networking.k8s.io/v1 NetworkPolicies of that namespace,
   * indexed by one `key=value` their podSelector requires (policies without
   * one under ''), so that finding the policies of a pod reads only those
   * that can select it (linear lint time with many policies in one namespace).
   */
  private readonly policiesByNs = new Map<string, Map<string, { order: number; ref: any }[]>>();

  /** @param objects Kubernetes objects as plain JSON (e.g. `Testing.synth(chart)`) */
  constructor(objects: any[]) {
    this.init(new ManifestIndex(objects));
  }

  private init(index: ManifestIndex): void {
    this.index = index;
    this.namespaceLabels.clear();
    this.policiesByNs.clear();
    for (const ns of this.index.ofKind('Namespace')) {
      this.namespaceLabels.set(ns.name, { ...(ns.obj.metadata?.labels ?? {}), 'kubernetes.io/metadata.name': ns.name });
    }
    this.index.ofKind('NetworkPolicy').forEach((p, order) => {
      if (p.apiVersion !== 'networking.k8s.io/v1') return;
      let byLabel = this.policiesByNs.get(p.ns);
      if (!byLabel) this.policiesByNs.set(p.ns, byLabel = new Map());
      // the required label that the fewest pod templates carry: its bucket stays small
      let key = '';
      let fewest = Infinity;
      for (const [k, v] of Object.entries(p.obj.spec?.podSelector?.matchLabels ?? {})) {
        const n = index.labelCount(p.ns, k, String(v));
        if (n < fewest) [key, fewest] = [`${k}=${v}`, n];
      }
      let l = byLabel.get(key);
      if (!l) byLabel.set(key, l = []);
      l.push({ order, ref: p });
    });
  }

  /** The policies of `ns` that may select a pod with `labels` (in input order). */
  private candidatePolicies(ns: string, labels: { [key: string]: string }): any[] {
    const byLabel = this.policiesByNs.get(ns);
    if (!byLabel) return [];
    const found = [...(byLabel.get('') ?? [])];
    for (const [k, v] of Object.entries(labels)) found.push(...(byLabel.get(`${k}=${v}`) ?? []));
    return found.sort((a, b) => a.order - b.order).map((x) => x.ref);
  }

  /** Whether the connection is admitted (see `evaluate` for the reason). */
  public isAllowed(connection: NetworkConnection): boolean {
    return this.evaluate(connection).allowed;
  }

  /** Whether the connection is admitted, and by which policy or why not. */
  public evaluate(connection: NetworkConnection): NetworkVerdict {
    const c = this.check(connection);
    const protocol = c.protocol ?? NetworkProtocol.TCP;
    const egress = c.from._namespace !== undefined ? this.side(c.from, c.to, 'Egress', c.port, protocol) : undefined;
    if (egress && !egress.allowed) return egress;
    const ingress = c.to._namespace !== undefined ? this.side(c.to, c.from, 'Ingress', c.port, protocol) : undefined;
    if (ingress && !ingress.allowed) return ingress;
    const reasons = [egress?.reason, ingress?.reason].filter((r) => r !== undefined);
    return { allowed: true, reason: reasons.length > 0 ? reasons.join('; ') : 'no pod end: NetworkPolicy does not apply' };
  }

  private check(c: NetworkConnection): NetworkConnection {
    const what = 'NetworkPolicyEvaluator connection';
    if (!c || !(c.from instanceof NetworkEndpoint) || !(c.to instanceof NetworkEndpoint)) {
      fail(what, c && c.from instanceof NetworkEndpoint ? 'to' : 'from', undefined, 'must be a NetworkEndpoint', 'use NetworkEndpoint.pod(namespace, labels) or NetworkEndpoint.address(ip)');
    }
    checkStructKeys(what, '', c, 'NetworkConnection');
    if (typeof c.port !== 'number' || !Number.isInteger(c.port) || c.port < 1 || c.port > 65535) fail(what, 'port', c.port, 'is not a port number', 'use 1-65535');
    if (c.protocol !== undefined && !Object.values(NetworkProtocol).includes(c.protocol)) fail(what, 'protocol', c.protocol, 'is not a protocol', 'use NetworkProtocol.TCP, UDP or SCTP');
    for (const [k, e] of [['from', c.from], ['to', c.to]] as const) {
      if (e._ip !== undefined && parseIp(e._ip) === undefined) fail(what, `${k}.ip`, e._ip, 'is not an IP address', "use e.g. '203.0.113.9'");
      for (const [lk, lv] of Object.entries(e._labels ?? {})) {
        if (!isLabelKey(lk) || typeof lv !== 'string' || !isLabelValue(lv)) fail(what, `${k}.labels.${lk}`, lv, 'is not a valid label', 'use Kubernetes label keys and values');
      }
    }
    return c;
  }

  /** Does `pod`'s policy of `type` admit `peer` on port/protocol? */
  private side(pod: NetworkEndpoint, peer: NetworkEndpoint, type: 'Ingress' | 'Egress', port: number, protocol: string): NetworkVerdict {
    const ns = pod._namespace!;
    const selecting = this.candidatePolicies(ns, pod._labels ?? {}).filter((p) => policyTypes(p.obj).includes(type)
      && labelSelectorMatches(p.obj.spec?.podSelector ?? {}, pod._labels ?? {}));
    const dir = type === 'Ingress' ? 'ingress' : 'egress';
    if (selecting.length === 0) return { allowed: true, reason: `no NetworkPolicy isolates ${pod} for ${dir}` };
    // named ports are resolved on the receiving pod
    const receiver = type === 'Ingress' ? pod : peer;
    for (const p of selecting) {
      const rules: any[] = Array.isArray(p.obj.spec?.[dir]) ? p.obj.spec[dir] : [];
      for (const [i, r] of rules.entries()) {
        const peers = type === 'Ingress' ? r?.from : r?.to;
        if (this.peersMatch(peers, peer, ns) && this.portsMatch(r?.ports, port, protocol, receiver)) {
          return { allowed: true, reason: `NetworkPolicy ${ns}/${p.name} ${dir}[${i}] admits ${peer} to port ${port}/${protocol}` };
        }
      }
    }
    return {
      allowed: false,
      reason: `${pod} is isolated for ${dir} by ${selecting.map((p) => `NetworkPolicy ${ns}/${p.name}`).join(', ')} and no rule admits ${type === 'Ingress' ? 'from' : 'to'} ${peer} on port ${port}/${protocol}`,
    };
  }

  private peersMatch(peers: any, other: NetworkEndpoint, policyNs: string): boolean {
    if (peers === undefined || peers === null || (Array.isArray(peers) && peers.length === 0)) return true;
    if (!Array.isArray(peers)) return false;
    return peers.some((p) => this.peerMatches(p, other, policyNs));
  }

  private peerMatches(peer: any, other: NetworkEndpoint, policyNs: string): boolean {
    if (!peer || typeof peer !== 'object') return false;
    if (peer.ipBlock) {
      const ip = other._ip === undefined ? undefined : parseIp(other._ip);
      return ip !== undefined && ipBlockAdmits(peer.ipBlock, ip);
    }
    if (!peer.namespaceSelector && !peer.podSelector) return false;
    if (other._namespace === undefined) return false;
    if (peer.namespaceSelector) {
      const nsLabels = this.namespaceLabels.get(other._namespace) ?? { 'kubernetes.io/metadata.name': other._namespace };
      if (!labelSelectorMatches(peer.namespaceSelector, nsLabels)) return false;
    } else if (other._namespace !== policyNs) {
      return false;
    }
    return peer.podSelector ? labelSelectorMatches(peer.podSelector, other._labels ?? {}) : true;
  }

  private portsMatch(ports: any, port: number, protocol: string, receiver: NetworkEndpoint): boolean {
    if (ports === undefined || ports === null || (Array.isArray(ports) && ports.length === 0)) return true;
    if (!Array.isArray(ports)) return false;
    return ports.some((p) => {
      if (!p || typeof p !== 'object') return false;
      if ((p.protocol ?? 'TCP') !== protocol) return false;
      if (p.port === undefined || p.port === null) return true;
      if (typeof p.port === 'number') return typeof p.endPort === 'number' ? port >= p.port && port <= p.endPort : port === p.port;
      return this.namedPort(receiver, String(p.port), protocol) === port;
    });
  }

  /** The number of a named container port of the pods `receiver` stands for. */
  private namedPort(receiver: NetworkEndpoint, name: string, protocol: string): number | undefined {
    if (receiver._namespace === undefined) return undefined;
    const labels = receiver._labels ?? {};
    for (const w of this.index.selectWorkloads(receiver._namespace, { matchLabels: labels })) {
      for (const c of [...(w.spec.containers ?? []), ...(w.spec.initContainers ?? [])]) {
        for (const cp of c?.ports ?? []) {
          if (cp?.name === name && (cp.protocol ?? 'TCP') === protocol) return cp.containerPort;
        }
      }
    }
    return undefined;
  }
}

function policyTypes(policy: any): string[] {
  const t = policy.spec?.policyTypes;
  if (Array.isArray(t) && t.length > 0) return t;
  // unset: Ingress always, Egress when the policy has egress rules
  return Array.isArray(policy.spec?.egress) && policy.spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

