/**
 * Checks shared by the Service-based ways in (NodePort, LoadBalancer,
 * externalIPs, hostPort, hostNetwork). Not exported from the package.
 */
import { IConstruct } from 'constructs';
import { AppRegistry } from './registry';
import { checkInt, isIpv4Mapped, parseCidr, parseIp } from './validation';
import { fail } from '../errors';
import type { AppFacts, NetworkPeer } from '../exposure/way-in';

/** The default NodePort range of kube-apiserver (`--service-node-port-range`). */
export const NODE_PORT_MIN = 30000;
/** Last port of the default NodePort range. */
export const NODE_PORT_MAX = 32767;

/**
 * Every source address. Both families are listed: the cluster's family is not
 * known at synth time, and `::/0` matches nothing on an IPv4-only cluster.
 */
export const EVERYWHERE: NetworkPeer[] = [{ cidr: '0.0.0.0/0' }, { cidr: '::/0' }];

/** NetworkPolicy peers for clients that keep their source IP: the allowed ranges, or everyone when none are given. */
export function sourceRangePeers(ranges: string[] | undefined, prop: string): NetworkPeer[] {
  return ranges && ranges.length > 0 ? ranges.map((cidr, i) => ({ cidr, clientRangeProp: `${prop}[${i}]` })) : EVERYWHERE;
}

/**
 * Ports that the node's own daemons listen on: a hostPort/hostNetwork app on
 * one of them breaks the node (kubelet, kube-proxy, API server, etcd, ssh).
 */
export const NODE_DAEMON_PORTS: { [port: number]: string } = {
  22: 'sshd',
  2379: 'etcd',
  2380: 'etcd peers',
  6443: 'kube-apiserver',
  10249: 'kube-proxy metrics',
  10250: 'kubelet',
  10255: 'kubelet read-only port',
  10256: 'kube-proxy health check',
  10257: 'kube-controller-manager',
  10259: 'kube-scheduler',
};

/** Service-based ways in do not terminate TLS: refuse `tls` instead of ignoring it. */
export function refuseTls(app: AppFacts, kind: string, alternative: string): void {
  if (app.tls) {
    fail(app.scope, 'tls', 'set', `Exposure.${kind}() forwards TCP to the pods and cannot terminate TLS, so the certificate would be ignored`,
      `serve TLS in the app itself and drop tls, ${alternative}`);
  }
}

/** Check an enum value given from any jsii language. */
export function enumCheck(scope: IConstruct, prop: string, value: string | undefined, values: Record<string, string>): void {
  if (value !== undefined && !Object.values(values).includes(value)) {
    fail(scope, prop, value, `is not one of ${Object.values(values).join(', ')}`, 'use one of the enum members');
  }
}

/** Check an optional boolean. */
export function boolCheck(scope: IConstruct, prop: string, value: boolean | undefined): void {
  if (value !== undefined && typeof value !== 'boolean') fail(scope, prop, value, 'must be true or false', `write ${prop.split('.').pop()}: true or false`);
}

/** Check an optional string: non-empty, no control characters, matching `pattern`. */
export function stringCheck(scope: IConstruct, prop: string, value: string | undefined, pattern: RegExp, problem: string, fix: string): void {
  if (value !== undefined && (typeof value !== 'string' || !pattern.test(value))) fail(scope, prop, value, problem, fix);
}

/** Check an enum value of an app's exposure option. */
export function checkEnum(app: AppFacts, prop: string, value: string | undefined, values: Record<string, string>): void {
  enumCheck(app.scope, prop, value, values);
}

/** Check an optional boolean of an app's exposure option. */
export function checkBool(app: AppFacts, prop: string, value: boolean | undefined): void {
  boolCheck(app.scope, prop, value);
}

/**
 * Check a pinned nodePort and claim it app-wide: two Services with one
 * nodePort are refused by the API server, and a hostPort on the same number
 * would be shadowed by kube-proxy. @internal
 */
export function claimNodePort(app: AppFacts, prop: string, nodePort: number | undefined): void {
  if (nodePort === undefined) return;
  checkInt(app.scope, prop, nodePort, NODE_PORT_MIN, NODE_PORT_MAX,
    `use a port in the NodePort range ${NODE_PORT_MIN}-${NODE_PORT_MAX}, or leave it unset so Kubernetes assigns a free one`);
  const registry = AppRegistry.of(app.scope);
  const taken = registry.claim('node-port', String(nodePort), { owner: app.scope });
  if (taken) {
    fail(app.scope, prop, nodePort, `'${taken.owner.node.path}' already uses nodePort ${nodePort}; the API server refuses the second Service`,
      'pick another nodePort or leave it unset so Kubernetes assigns a free one');
  }
  const host = registry.claimsOf('host-port').get(String(nodePort));
  if (host && host.length > 0) {
    fail(app.scope, prop, nodePort, `'${host[0].owner.node.path}' binds port ${nodePort} on the nodes (hostPort/hostNetwork); kube-proxy would capture its traffic`,
      'pick another nodePort or leave it unset');
  }
}

/**
 * Claim a port on the nodes for a hostPort/hostNetwork app. Two such apps
 * clash when they use the same port on nodes they may share: only two
 * nodeSelectors that give different values to the same label key are known to
 * be disjoint. @internal
 */
export function claimHostPort(app: AppFacts, prop: string, port: number, nodeSelector: Record<string, string> | undefined): void {
  const daemon = NODE_DAEMON_PORTS[port];
  if (daemon) {
    fail(app.scope, prop, port, `port ${port} belongs to ${daemon} on the nodes; binding it on the host breaks the node or hijacks its traffic`,
      'use another port (e.g. 8080)');
  }
  const registry = AppRegistry.of(app.scope);
  const nodePort = registry.claimsOf('node-port').get(String(port));
  if (nodePort && nodePort.length > 0) {
    fail(app.scope, prop, port, `'${nodePort[0].owner.node.path}' uses ${port} as a Service nodePort; kube-proxy would capture the traffic on every node`,
      'use another port');
  }
  const disjoint = (a?: Record<string, string>, b?: Record<string, string>) =>
    a !== undefined && b !== undefined && Object.keys(a).some((k) => k in b && a[k] !== b[k]);
  for (const c of registry.claimsOf('host-port').get(String(port)) ?? []) {
    if (c.owner !== app.scope && !disjoint(c.detail?.nodeSelector, nodeSelector)) {
      fail(app.scope, prop, port, `'${c.owner.node.path}' also binds port ${port} on the nodes (hostPort/hostNetwork) and the two can land on the same node, where the second pod never starts`,
        'use another port, or give both apps nodeSelectors that pick different nodes (same label key, different values)');
    }
  }
  registry.claim('host-port', String(port), { owner: app.scope, shareKey: 'host-port', detail: { nodeSelector } });
}

/** Check a nodeSelector map. */
export function checkNodeSelector(app: AppFacts, prop: string, sel: Record<string, string> | undefined): void {
  if (sel === undefined) return;
  if (sel === null || typeof sel !== 'object' || Array.isArray(sel)) fail(app.scope, prop, sel, 'must be a map of node label keys to values', "pass e.g. { 'node-role.kubernetes.io/edge': 'true' }");
  const entries = Object.entries(sel);
  if (entries.length === 0) fail(app.scope, prop, sel, 'an empty nodeSelector selects every node', 'leave it unset to use every node, or give at least one label');
  for (const [k, v] of entries) {
    if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(k) || k.length > 316) {
      fail(app.scope, prop, k, 'is not a valid label key', "use prefix/name, e.g. 'node-role.kubernetes.io/edge'");
    }
    if (typeof v !== 'string' || !/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/.test(v)) {
      fail(app.scope, `${prop}.${k}`, v, 'is not a valid label value', 'use at most 63 letters, digits, "-", "_" or "."');
    }
  }
}

/** Require the explicit Pod Security acknowledgement of hostPort / hostNetwork. */
export function requirePrivilegedAck(app: AppFacts, kind: string, ack: boolean | undefined, what: string): void {
  checkBool(app, 'exposure.acknowledgePrivilegedNamespace', ack);
  if (ack !== true) {
    const ns = app.namespace ? `namespace '${app.namespace}'` : 'the target namespace';
    fail(app.scope, 'exposure.acknowledgePrivilegedNamespace', ack,
      `${what} violates Pod Security "baseline", so the pods are rejected unless ${ns} is labelled pod-security.kubernetes.io/enforce: privileged`,
      `label ${ns} with pod-security.kubernetes.io/enforce=privileged and pass Exposure.${kind}({ acknowledgePrivilegedNamespace: true })`);
  }
}

/** Parse a list of plain IPs for `prop`; refuses addresses that cannot be external IPs. */
export function checkExternalIps(app: AppFacts, prop: string, ips: string[]): string[] {
  if (!Array.isArray(ips) || ips.length === 0) fail(app.scope, prop, ips, 'needs at least one IP address', "pass e.g. ['203.0.113.10']");
  const seen = new Set<string>();
  return ips.map((ip, i) => {
    const p = parseIp(ip);
    if (!p) fail(app.scope, `${prop}[${i}]`, ip, 'is not an IP address', "write a plain IPv4 or IPv6 address without prefix, e.g. '203.0.113.10'");
    // strict IP validation (k8s.io/apimachinery/pkg/util/validation/ip.go parseIP, on by default since v1.33)
    if (isIpv4Mapped(p)) {
      fail(app.scope, `${prop}[${i}]`, ip, 'is an IPv4-mapped IPv6 address, which the API server refuses', 'write the IPv4 address instead, e.g. \'192.0.2.10\'');
    }
    const special = specialRange(p.version, p.value);
    if (special) fail(app.scope, `${prop}[${i}]`, ip, `is a ${special} address, which the API server refuses as an external IP`, 'use an address routed to the nodes');
    if (seen.has(`${p.version}/${p.value}`)) fail(app.scope, `${prop}[${i}]`, ip, 'is listed twice', 'list each address once');
    seen.add(`${p.version}/${p.value}`);
    return ip;
  });
}

const SPECIAL_RANGES: Array<[string, string]> = [
  ['0.0.0.0/32', 'unspecified'], ['127.0.0.0/8', 'loopback'], ['169.254.0.0/16', 'link-local'], ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'], ['::/128', 'unspecified'], ['::1/128', 'loopback'], ['fe80::/10', 'link-local'], ['ff00::/8', 'multicast'],
];

/** SPECIAL_RANGES parsed once (they were parsed again for every address checked). */
let specialRangesParsed: Array<{ version: 4 | 6; first: bigint; last: bigint; what: string }> | undefined;

/** What kind of special address `ip` is (loopback, link-local, multicast ...), or undefined for an ordinary one. */
export function specialAddress(ip: { version: 4 | 6; value: bigint }): string | undefined {
  return specialRange(ip.version, ip.value);
}

function specialRange(version: 4 | 6, v: bigint): string | undefined {
  specialRangesParsed ??= SPECIAL_RANGES.map(([cidr, what]) => ({ ...parseCidr(cidr)!, what }));
  for (const r of specialRangesParsed) {
    if (r.version === version && v >= r.first && v <= r.last) return r.what;
  }
  return undefined;
}
