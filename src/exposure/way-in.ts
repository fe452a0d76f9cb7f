/**
 * The internal contract between PublicWebApp and the way traffic gets in.
 * PublicWebApp resolves and validates its own props into `AppFacts`, asks the
 * way in what the pods, the Service and the NetworkPolicy need, creates them,
 * then lets the way in add its own objects. Not exported from the package.
 */
import type { IConstruct } from 'constructs';
import type { NodeFirewallRule } from './node-firewall';
import type { PortPeer } from '../app-port';
import type { kplus } from '../internal/plus.generated';
import type { Prerequisite } from '../prerequisite';
import type { Tls } from '../tls';

/**
 * What a way in needs from the construct that owns the app (PublicWebApp
 * today): errors, warnings and registry claims are scoped to it, its
 * objects are created inside it, and canaries read their stable app through
 * it. Ways in depend on this interface, not on PublicWebApp, so another
 * owner (an exposure of a user's own workload) can use them.
 */
export interface WayInOwner extends IConstruct {
  /** object name shared by the app's objects */
  readonly name: string;
  readonly namespace?: string;
  readonly host?: string;
  readonly path: string;
  /** the owner's exposure (read by canaries to find the stable app's way in) */
  readonly exposure: { readonly _wayIn: WayIn };
  /** the app's Service (created before bind()) */
  readonly service: kplus.Service;
  /** the app's public URL, if known at synth time */
  readonly _url: string | undefined;
  portForwardCommand(localPort?: number): string;
  kubectlProxyUrl(proxyPort?: number, namespace?: string): string;
}

/** Resolved, validated props of one PublicWebApp. */
export interface AppFacts {
  readonly scope: WayInOwner;
  /** object name (a DNS label), used for every object of the app */
  readonly name: string;
  readonly namespace?: string;
  /** container port of the public port (the first port reached through the way in) */
  readonly port: number;
  /** Service port of the public port */
  readonly servicePort: number;
  /**
   * Every port of the app, those reached through the way in first (the
   * public port `port` / `servicePort` at index 0).
   */
  readonly ports: ResolvedPort[];
  readonly host?: string;
  readonly path: string;
  readonly tls?: Tls;
  readonly replicas: number;
  /** pod selector labels */
  readonly selector: Record<string, string>;
  /** labels of every object of the app (the user's labels, the selector and app.kubernetes.io/instance) */
  readonly labels: Record<string, string>;
}

/** One port of the app, validated. */
export interface ResolvedPort {
  /** container and Service port name */
  readonly name: string;
  /** container port */
  readonly port: number;
  /** Service port */
  readonly servicePort: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly appProtocol?: string;
  /** who may reach it: the way in's clients, the named in-cluster peers, or nobody outside the pod */
  readonly access: 'exposure' | 'internal' | 'podLocal';
  /** the in-cluster peers of an internal port */
  readonly peers: PortPeer[];
  /** the prop that declared it, for messages: `port` or `ports[i]` */
  readonly prop: string;
}

/** The ports reached through the way in (the public port first). */
export function exposedPorts(app: AppFacts): ResolvedPort[] {
  return app.ports.filter((p) => p.access === 'exposure');
}

/** What the way in needs the pods to look like. */
export interface PodRequirements {
  /** DaemonSet instead of Deployment (one pod per selected node). */
  readonly daemonSet?: boolean;
  readonly nodeSelector?: Record<string, string>;
  readonly hostNetwork?: boolean;
  /** container hostPort, same number as the container port */
  readonly hostPort?: number;
  /** required pod anti-affinity on kubernetes.io/hostname */
  readonly oneReplicaPerNode?: boolean;
  readonly podLabels?: Record<string, string>;
  readonly podAnnotations?: Record<string, string>;
  /** the user acknowledged that these pods cannot meet Pod Security baseline */
  readonly needsPrivilegedNamespace?: boolean;
}

/** What the way in needs of the Service. */
export interface ServiceRequirements {
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  readonly nodePort?: number;
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly loadBalancerClass?: string;
  readonly loadBalancerSourceRanges?: string[];
  readonly externalIPs?: string[];
  readonly ipFamilyPolicy?: string;
  readonly ipFamilies?: string[];
  readonly annotations?: Record<string, string>;
  readonly labels?: Record<string, string>;
  /** name of the Service port (and container port); Istio selects the protocol from it. Default `http`. */
  readonly portName?: string;
  /** `appProtocol` of the Service port (e.g. `kubernetes.io/h2c` for gRPC backends) */
  readonly appProtocol?: string;
}

/** One source the NetworkPolicy lets in (fields combine as in a NetworkPolicyPeer). */
export interface NetworkPeer {
  /** namespace name (matched on kubernetes.io/metadata.name) */
  readonly namespace?: string;
  /** pod labels within that namespace */
  readonly podLabels?: Record<string, string>;
  /** an IP block */
  readonly cidr?: string;
  /** TCP pod ports this peer may reach (default: every port reached through the way in, each with its protocol) */
  readonly ports?: number[];
  /**
   * The option that put this CIDR here, when it lists the clients themselves
   * (e.g. `exposure.loadBalancerSourceRanges[0]`): such ranges are checked
   * against the cluster's pod and service CIDRs. Unset for the addresses of
   * the infrastructure (load-balancer health checks, nodes, the VPC).
   */
  readonly clientRangeProp?: string;
  /** addresses inside `cidr` the policy does not admit (the pod network), set by PublicWebApp */
  readonly except?: string[];
}

/** How a user reaches the app, for notes and docs. */
export interface AccessInfo {
  /** URL or address, when one is known at synth time */
  readonly url?: string;
  /** short lines: how to reach it */
  readonly reach: string[];
  /** where the edge's logs are (controller, gateway), for troubleshooting */
  readonly edgeLogs?: string;
  /** further checks at the edge (objects to describe, firewalls, routes), for troubleshooting */
  readonly edgeChecks?: string[];
  /** replaces the generic in-cluster check of the notes, when a plain pod cannot reach the app (mesh mTLS) */
  readonly inClusterCheck?: string[];
}

export interface WayIn {
  /** factory name for messages, e.g. `ingress` */
  readonly kind: string;
  /**
   * True for a way in that forwards any set of TCP, UDP and SCTP ports (a
   * Service-based one). Absent or false: one HTTP port over TCP (Ingress,
   * HTTPRoute, mesh HTTP routes), so PublicWebApp refuses other protocols
   * and more than one port reached through it.
   */
  readonly layer4?: boolean;
  /** Refuse invalid options for this app (throw through fail()). Runs before anything is created. */
  validate(app: AppFacts): void;
  pod(app: AppFacts): PodRequirements;
  service(app: AppFacts): ServiceRequirements;
  /** Who may reach the pods on the app port. An empty list means nobody from outside the app. */
  peers(app: AppFacts): NetworkPeer[];
  /**
   * Egress that components this way in puts into the pods need, beyond DNS
   * (e.g. an Istio sidecar to istiod). Each peer's `ports` are TCP ports.
   * Absent or empty: DNS only (plus the app's own egressCidrs).
   */
  egress?(app: AppFacts): NetworkPeer[];
  /** Create this way in's own objects (Ingress, routes, ...) inside `app.scope`. */
  bind(app: AppFacts): void;
  describe(app: AppFacts): AccessInfo;
  /**
   * The node ports clients reach directly (NodePort, hostPort, hostNetwork),
   * for the node firewall. Absent or empty: clients never reach a node port
   * of the app (an edge in between does).
   */
  firewall?(app: AppFacts): NodeFirewallRule[];
  /**
   * Objects the way in's output depends on and does not create (IngressClass,
   * GatewayClass or Gateway, TLS Secrets, cert-manager issuers, the load
   * balancer's or gateway's own prerequisites ...), each with a check command.
   * Called after bind(); PublicWebApp drops those the App emits itself.
   */
  prerequisites(app: AppFacts): Prerequisite[];
}

const HTTP_APP_PROTOCOLS = new Set(['http', 'https', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss']);

/**
 * `http` or `https` when the public port speaks HTTP, undefined for another
 * protocol (an MQTT broker, a database, DNS). HTTP is what the port's name
 * or appProtocol says: named `http`/`https` (or `http-*`/`https-*`, the
 * naming convention Istio also reads), or appProtocol http, https or a
 * `kubernetes.io/` HTTP value (KEP-3726 standard application protocols).
 */
export function publicScheme(app: AppFacts): 'http' | 'https' | undefined {
  const p = exposedPorts(app)[0] ?? app.ports[0];
  if (p === undefined) return 'http';
  if (p.protocol !== 'TCP') return undefined;
  const a = p.appProtocol?.toLowerCase();
  if (a !== undefined && HTTP_APP_PROTOCOLS.has(a)) return a === 'https' || a === 'kubernetes.io/wss' ? 'https' : 'http';
  if (a !== undefined) return undefined;
  if (p.name === 'https' || p.name.startsWith('https-')) return 'https';
  if (p.name === 'http' || p.name.startsWith('http-')) return 'http';
  return undefined;
}

/**
 * How to reach `host:port`: an URL and `curl` for an HTTP app, the address and
 * `nc` for another protocol (no URL: `http://` would be wrong for it).
 */
export function reachText(app: AppFacts, host: string, port: string | number, scheme?: 'http' | 'https'): { url?: string; open: string; check: string } {
  const s = scheme ?? publicScheme(app);
  if (s !== undefined) {
    const url = `${s}://${host}:${port}${app.path}`;
    return { url, open: `Open ${url}`, check: `curl -sv --max-time 5 ${url}` };
  }
  const proto = (exposedPorts(app)[0] ?? app.ports[0])?.protocol ?? 'TCP';
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  return {
    open: `Connect to ${host}:${port} (${proto}, the app's own protocol)`,
    check: proto === 'UDP' ? `nc -vzu -w 5 ${bare} ${port}  # UDP: no answer is not proof of a drop; use the app's own client`
      : `nc -vz -w 5 ${bare} ${port}  # 'succeeded' / 'open': the TCP connection reaches the app`,
  };
}
