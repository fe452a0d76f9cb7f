import { LintSeverity } from './finding';
import { ingressBackends, ingresses, routeBackends, routes } from './ingress-rules';
import { describe, ManifestIndex, ObjRef, Workload } from './manifest-index';
import { Rule, rule } from './rule';
import { podSecurityViolations } from '../internal/pod-security';

/**
 * Pods that traffic from outside the cluster can reach: selected by a
 * NodePort or LoadBalancer Service, a Service with externalIPs, or a Service
 * behind an Ingress or a Gateway API route. Those pods should be fenced by a
 * NetworkPolicy and meet the restricted Pod Security profile.
 */

const exposedCache = new WeakMap<ManifestIndex, Map<Workload, string>>();

/** Exposed workloads, each with the reason (first Service / Ingress that exposes it). */
export function exposedWorkloads(index: ManifestIndex): Map<Workload, string> {
  const cached = exposedCache.get(index);
  if (cached) return cached;
  const exposed = new Map<Workload, string>();
  const mark = (svc: ObjRef, via: string) => {
    for (const w of index.workloadsForService(svc)) if (!exposed.has(w)) exposed.set(w, via);
  };
  for (const svc of index.ofKind('Service')) {
    if (svc.apiVersion !== 'v1') continue;
    const type = svc.obj.spec?.type;
    const ips = svc.obj.spec?.externalIPs;
    if (type === 'LoadBalancer' || type === 'NodePort') mark(svc, `${type} ${describe(svc)}`);
    else if (Array.isArray(ips) && ips.length > 0) mark(svc, `${describe(svc)} (externalIPs)`);
  }
  const backends = [...ingresses(index).flatMap(ingressBackends), ...routes(index).flatMap(routeBackends)];
  for (const b of backends) {
    const svc = index.service(b.ns, b.service);
    if (svc) mark(svc, `${describe(svc)} behind ${describe(b.from)}`);
  }
  exposedCache.set(index, exposed);
  return exposed;
}

/** NetworkPolicy objects that restrict ingress (policyTypes unset or containing Ingress). */
function ingressPolicies(index: ManifestIndex): ObjRef[] {
  return index.ofKind('NetworkPolicy').filter((np) => {
    if (np.apiVersion !== 'networking.k8s.io/v1') return false;
    const types = np.obj.spec?.policyTypes;
    return !Array.isArray(types) || types.length === 0 || types.includes('Ingress');
  });
}

const NP_FIX = 'add a NetworkPolicy whose podSelector selects these pods and allows ingress only from the ingress controller / load balancer sources and the ports you serve';
const PSS_FIX = 'set the restricted securityContext: runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities.drop: [ALL], seccompProfile.type: RuntimeDefault';

export const EXPOSED_POD_RULES: Rule[] = [
  rule('exposed-pods-no-network-policy', LintSeverity.WARNING,
    'Pods reachable from outside the cluster with no NetworkPolicy accept traffic from every pod too; a compromised neighbour can reach them directly.',
    NP_FIX,
    (index, report) => {
      const exposed = exposedWorkloads(index);
      if (exposed.size === 0) return;
      const selected = new Set<Workload>();
      const seen = new Set<string>(); // many policies share a selector (e.g. one default-deny per namespace)
      for (const np of ingressPolicies(index)) {
        const selector = np.obj.spec?.podSelector ?? {};
        const key = `${np.ns}|${JSON.stringify(selector)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const w of index.selectWorkloads(np.ns, selector)) selected.add(w);
      }
      for (const [w, via] of exposed) {
        // NetworkPolicy does not apply to hostNetwork pods
        if (selected.has(w) || w.hostNetwork) continue;
        report(w.ref, `${describe(w.ref)} is reachable from outside the cluster through ${via} but no NetworkPolicy in namespace ${w.ref.ns} selects its pods`,
          NP_FIX, w.specPath === 'spec' ? 'metadata.labels' : `${w.specPath.replace(/\.spec$/, '')}.metadata.labels`);
      }
    }),

  rule('exposed-pods-not-restricted', LintSeverity.WARNING,
    'Pods reachable from outside the cluster are the first thing an attacker lands in; the restricted Pod Security profile limits what they can do from there.',
    PSS_FIX,
    (index, report) => {
      for (const [w, via] of exposedWorkloads(index)) {
        const v = podSecurityViolations(w.spec);
        if (v.length === 0) continue;
        const shown = v.slice(0, 3).join('; ') + (v.length > 3 ? `; and ${v.length - 3} more` : '');
        report(w.ref, `${describe(w.ref)} is reachable from outside the cluster through ${via} but its pods do not meet the restricted Pod Security profile: ${shown}`,
          PSS_FIX, w.specPath);
      }
    }),
];
