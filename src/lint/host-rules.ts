import { LintSeverity } from './finding';
import { describe, Workload } from './manifest-index';
import { Rule, rule } from './rule';
import { labelSelectorMatches } from './selector';
import { NAMES_SHOWN, someNames } from './some-names';

/**
 * hostNetwork and hostPort: a pod that binds a port on the node's own network
 * can run at most once per node, so a second replica on the same node fails
 * to bind (the articles' CrashLoopBackOff), and two workloads that bind the
 * same node port conflict on every node they share.
 */

const ANTI_AFFINITY_FIX = 'add a required pod anti-affinity (affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution) '
  + 'with topologyKey kubernetes.io/hostname and a labelSelector matching the pod labels, run it as a DaemonSet, or set replicas to 1';

/** True when a required pod anti-affinity term keeps two replicas of this pod off one node. */
export function hasSelfAntiAffinity(w: Workload): boolean {
  const terms = w.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!Array.isArray(terms)) return false;
  return terms.some((t: any) => typeof t?.topologyKey === 'string' && t.topologyKey !== ''
    && (!Array.isArray(t.namespaces) || t.namespaces.length === 0 || t.namespaces.includes(w.ref.ns))
    && labelSelectorMatches(t.labelSelector, w.labels));
}

const ROLLOUT_FIX = 'set spec.strategy.rollingUpdate to maxSurge: 0 and maxUnavailable: 1 (replace one pod at a time in place), or run it as a DaemonSet';

/**
 * maxSurge / maxUnavailable as a pod count: the default is 25%; a percentage
 * rounds up for maxSurge and down for maxUnavailable (apps/v1 Deployment docs).
 */
function resolveRollingValue(v: unknown, replicas: number, roundUp: boolean): number {
  const value = v ?? '25%';
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(String(value));
  if (!m) return roundUp ? 1 : 0;
  const exact = (Number(m[1]) * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function replicasText(w: Workload): string {
  return `${w.replicas} replica${w.replicas === 1 ? '' : 's'}`;
}

/** A port a workload binds on its node: an explicit hostPort, or any container port under hostNetwork. */
interface HostPort {
  readonly w: Workload;
  readonly port: number;
  readonly protocol: string;
  readonly hostIP: string;
  readonly field: string;
}

function hostPortsOf(w: Workload): HostPort[] {
  const out: HostPort[] = [];
  for (const group of ['initContainers', 'containers']) {
    const containers = w.spec[group];
    if (!Array.isArray(containers)) continue;
    containers.forEach((c: any, ci: number) => {
      (Array.isArray(c?.ports) ? c.ports : []).forEach((p: any, pi: number) => {
        const field = `${w.specPath}.${group}[${ci}].ports[${pi}]`;
        const protocol = String(p?.protocol ?? 'TCP');
        const hostIP = typeof p?.hostIP === 'string' ? p.hostIP : '';
        if (typeof p?.hostPort === 'number' && p.hostPort > 0) {
          out.push({ w, port: p.hostPort, protocol, hostIP, field: `${field}.hostPort` });
        } else if (w.hostNetwork && typeof p?.containerPort === 'number') {
          out.push({ w, port: p.containerPort, protocol, hostIP, field: `${field}.containerPort` });
        }
      });
    });
  }
  return out;
}

/** A hostIP that binds every address of the node (unset, 0.0.0.0 or ::). */
function isWildcardIp(ip: string): boolean {
  return ip === '' || ip === '0.0.0.0' || ip === '::';
}

export const HOST_RULES: Rule[] = [
  rule('host-network-replicas', LintSeverity.ERROR,
    'Every replica of a hostNetwork pod binds the same ports on its node: two replicas on one node crash-loop with "address already in use" (or stay Pending when the ports are declared).',
    ANTI_AFFINITY_FIX,
    (index, report) => {
      for (const w of index.workloads) {
        if (!w.hostNetwork || w.perNode || w.replicas <= 1 || hasSelfAntiAffinity(w)) continue;
        report(w.ref,
          `${describe(w.ref)} runs ${replicasText(w)} with hostNetwork: true and no required pod anti-affinity: two replicas scheduled on one node bind the same ports and crash-loop`,
          ANTI_AFFINITY_FIX, `${w.specPath}.hostNetwork`);
      }
    }),

  rule('host-network-dns-policy', LintSeverity.WARNING,
    'A hostNetwork pod with the default dnsPolicy (ClusterFirst) falls back to the node\'s resolver and cannot resolve cluster Service names.',
    'set dnsPolicy: ClusterFirstWithHostNet on the pod spec',
    (index, report) => {
      for (const w of index.workloads) {
        const policy = w.spec.dnsPolicy;
        if (!w.hostNetwork || policy === 'ClusterFirstWithHostNet' || policy === 'None') continue;
        report(w.ref,
          `${describe(w.ref)} uses hostNetwork: true with dnsPolicy ${policy ?? '(unset, ClusterFirst)'}: the pod uses the node's resolver and cannot resolve cluster Service names`,
          'set dnsPolicy: ClusterFirstWithHostNet on the pod spec', `${w.specPath}.dnsPolicy`);
      }
    }),

  rule('host-port-replicas', LintSeverity.ERROR,
    'A hostPort can be bound once per node: replicas beyond the number of eligible nodes stay Pending, and a rolling update can stall when every node already runs one.',
    ANTI_AFFINITY_FIX,
    (index, report) => {
      for (const w of index.workloads) {
        // hostNetwork workloads are reported by host-network-replicas already
        if (w.hostNetwork || w.perNode || w.replicas <= 1 || hasSelfAntiAffinity(w)) continue;
        const ports = hostPortsOf(w);
        if (ports.length === 0) continue;
        report(w.ref,
          `${describe(w.ref)} runs ${replicasText(w)} with hostPort ${ports.map((p) => `${p.port}/${p.protocol}`).join(', ')} and no required pod anti-affinity: at most one replica fits per node, the others stay Pending`,
          ANTI_AFFINITY_FIX, ports[0].field);
      }
    }),

  rule('host-port-rollout-surge', LintSeverity.WARNING,
    'A Deployment whose pods bind a node port (hostPort or hostNetwork) cannot start a surge pod on a node that already runs one: with maxSurge above 0 (the default 25% rounds up to 1) '
    + 'and maxUnavailable 0 (the default rounds down for fewer than 4 replicas) the rollout waits for a node without the app and hangs when there is none.',
    ROLLOUT_FIX,
    (index, report) => {
      for (const w of index.workloads) {
        if (w.ref.kind !== 'Deployment' || hostPortsOf(w).length === 0) continue;
        const strategy = w.ref.obj?.spec?.strategy;
        if (strategy?.type === 'Recreate') continue;
        const surge = resolveRollingValue(strategy?.rollingUpdate?.maxSurge, w.replicas, true);
        const unavailable = resolveRollingValue(strategy?.rollingUpdate?.maxUnavailable, w.replicas, false);
        if (surge === 0 || unavailable > 0) continue;
        report(w.ref,
          `${describe(w.ref)} binds a port on its node and rolls out with maxSurge ${surge} / maxUnavailable ${unavailable}: the surge pod needs a node without the app, so the rollout hangs when every eligible node runs one`,
          ROLLOUT_FIX, `${w.specPath.replace(/\.template\.spec$/, '')}.strategy`);
      }
    }),

  rule('host-port-shared', LintSeverity.WARNING,
    'Two workloads binding the same port on the node cannot run on the same node; the second one stays Pending there.',
    'give each workload its own host port, or keep them on disjoint nodes (nodeSelector) on purpose',
    (index, report) => {
      const byPort = new Map<string, HostPort[]>();
      for (const w of index.workloads) {
        for (const p of hostPortsOf(w)) {
          const key = `${p.port}/${p.protocol}`;
          let l = byPort.get(key);
          if (!l) byPort.set(key, l = []);
          l.push(p);
        }
      }
      for (const [key, ports] of byPort) {
        const all = new Set(ports.map((p) => p.w));
        if (all.size < 2) continue;
        // bound to every address (hostIP unset, 0.0.0.0 or ::) overlaps with every entry; a fixed hostIP with the wildcards and itself
        const wildcard = new Set<Workload>();
        const byIp = new Map<string, Set<Workload>>();
        for (const p of ports) {
          if (isWildcardIp(p.hostIP)) {
            wildcard.add(p.w);
          } else {
            let set = byIp.get(p.hostIP);
            if (!set) byIp.set(p.hostIP, set = new Set());
            set.add(p.w);
          }
        }
        const unionSize = new Map<string, number>();
        for (const [ip, set] of byIp) unionSize.set(ip, wildcard.size + [...set].filter((w) => !wildcard.has(w)).length);
        for (const p of ports) {
          const groups: Iterable<Workload>[] = isWildcardIp(p.hostIP) ? [all] : [wildcard, byIp.get(p.hostIP)!];
          const size = isWildcardIp(p.hostIP) ? all.size : unionSize.get(p.hostIP)!;
          const total = size - 1; // p.w is in its own group
          if (total === 0) continue;
          const shown: string[] = [];
          for (const g of groups) {
            for (const w of g) {
              if (shown.length >= NAMES_SHOWN) break;
              const name = describe(w.ref);
              if (w !== p.w && !shown.includes(name)) shown.push(name);
            }
          }
          report(p.w.ref,
            `${describe(p.w.ref)} binds node port ${key} which ${someNames(shown, total)} also bind${total === 1 ? 's' : ''}${p.w.hostNetwork ? ' (hostNetwork)' : ''}: the two cannot run on the same node`,
            'give each workload its own host port, or keep them on disjoint nodes (nodeSelector) on purpose', p.field);
        }
      }
    }),
];
