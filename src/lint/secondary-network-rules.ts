import { LintSeverity } from './finding';
import { describe, ObjRef, Workload } from './manifest-index';
import { Rule, rule } from './rule';
import { labelSelectorMatches } from './selector';

/**
 * Secondary networks (Multus): a pod names NetworkAttachmentDefinitions in
 * its `k8s.v1.cni.cncf.io/networks` annotation, either as JSON (a list of
 * `{ name, namespace, interface, ... }`) or as text (`ns/name@ifname`, comma
 * separated), per the Network Plumbing WG multi-net-spec. Multus looks each
 * one up when the pod sandbox is created: a missing one keeps the pod in
 * ContainerCreating. NetworkPolicy does not apply to these interfaces; a
 * MultiNetworkPolicy whose `k8s.v1.cni.cncf.io/policy-for` annotation names
 * the network does (multi-networkpolicy-iptables).
 */

const NETWORKS = 'k8s.v1.cni.cncf.io/networks';
const POLICY_FOR = 'k8s.v1.cni.cncf.io/policy-for';

interface NetworkRef {
  readonly ns: string;
  readonly name: string;
}

function podAnnotations(w: Workload): { [key: string]: any } | undefined {
  const o = w.ref.obj;
  const md = w.ref.kind === 'Pod' ? o.metadata
    : w.ref.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.metadata
      : o.spec?.template?.metadata;
  return md?.annotations;
}

function annotationField(w: Workload): string {
  return w.ref.kind === 'Pod' ? 'metadata.annotations' : `${w.specPath.replace(/\.spec$/, '')}.metadata.annotations`;
}

/** The networks a pod selects; `undefined` when the annotation cannot be read. */
export function selectedNetworks(w: Workload): NetworkRef[] | undefined {
  const value = podAnnotations(w)?.[NETWORKS];
  if (value === undefined) return [];
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return [];
  if (text.startsWith('[') || text.startsWith('{')) {
    let parsed: any;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    if (!list.every((e) => e && typeof e.name === 'string' && e.name !== '')) return undefined;
    return list.map((e) => ({ ns: typeof e.namespace === 'string' && e.namespace !== '' ? e.namespace : w.ref.ns, name: e.name }));
  }
  return text.split(',').map((item) => {
    const ref = item.trim().split('@')[0];
    const slash = ref.indexOf('/');
    return slash >= 0 ? { ns: ref.slice(0, slash), name: ref.slice(slash + 1) } : { ns: w.ref.ns, name: ref };
  });
}

/** The networks a MultiNetworkPolicy names in policy-for. */
function policyNetworks(p: ObjRef): NetworkRef[] {
  const value = p.obj.metadata?.annotations?.[POLICY_FOR];
  if (typeof value !== 'string') return [];
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
    const slash = s.indexOf('/');
    return slash >= 0 ? { ns: s.slice(0, slash), name: s.slice(slash + 1) } : { ns: p.ns, name: s };
  });
}

const text = (n: NetworkRef) => `${n.ns}/${n.name}`;

export const SECONDARY_NETWORK_RULES: Rule[] = [
  rule('secondary-network-missing-attachment', LintSeverity.ERROR,
    'A pod whose k8s.v1.cni.cncf.io/networks annotation names a NetworkAttachmentDefinition that does not exist never starts: Multus fails the pod sandbox and the pod stays in ContainerCreating.',
    'add the NetworkAttachmentDefinition (in the namespace the annotation names, by default the pod\'s), fix the name in the annotation, or disable the rule when the definition is deployed separately',
    (index, report) => {
      const defined = new Set(index.ofKind('NetworkAttachmentDefinition').filter((r) => r.apiVersion.startsWith('k8s.cni.cncf.io/')).map((r) => `${r.ns}/${r.name}`));
      for (const w of index.workloads) {
        const nets = selectedNetworks(w);
        if (nets === undefined) {
          report(w.ref, `${describe(w.ref)} has a ${NETWORKS} annotation that is neither a JSON list of {name, namespace, interface} nor a comma-separated list of [namespace/]name[@interface]`,
            'write the annotation as JSON, e.g. [{"name":"external","interface":"net1"}]', annotationField(w));
          continue;
        }
        for (const n of nets) {
          if (defined.has(text(n))) continue;
          report(w.ref, `${describe(w.ref)} selects secondary network ${text(n)}, and no NetworkAttachmentDefinition ${text(n)} is in the input: the pod stays in ContainerCreating`,
            `add NetworkAttachmentDefinition ${n.name} in namespace ${n.ns}, or correct the annotation`, annotationField(w));
        }
      }
    }),

  rule('secondary-network-no-policy', LintSeverity.WARNING,
    'A Kubernetes NetworkPolicy does not apply to a secondary (Multus) interface: without a MultiNetworkPolicy for that network (k8s.v1.cni.cncf.io/policy-for) selecting the pod, anything on the attached network reaches every port of the pod.',
    'add a MultiNetworkPolicy (k8s.cni.cncf.io/v1beta1) with the annotation k8s.v1.cni.cncf.io/policy-for naming the network, a podSelector matching the pod, and policyTypes Ingress and Egress; run multi-networkpolicy-iptables to enforce it',
    (index, report) => {
      const policies = index.ofKind('MultiNetworkPolicy').filter((r) => r.apiVersion.startsWith('k8s.cni.cncf.io/'));
      for (const w of index.workloads) {
        for (const n of selectedNetworks(w) ?? []) {
          const guarded = policies.some((p) => p.ns === w.ref.ns
            && labelSelectorMatches(p.obj.spec?.podSelector ?? {}, w.labels)
            && policyNetworks(p).some((x) => x.ns === n.ns && x.name === n.name)
            && (p.obj.spec?.policyTypes === undefined || (Array.isArray(p.obj.spec.policyTypes) && p.obj.spec.policyTypes.includes('Ingress'))));
          if (guarded) continue;
          report(w.ref, `${describe(w.ref)} is attached to secondary network ${text(n)} and no MultiNetworkPolicy for that network selects it: its interface on that network is open to every peer`,
            `add a MultiNetworkPolicy in namespace ${w.ref.ns} with annotation ${POLICY_FOR}: ${text(n)} selecting the pod labels`, annotationField(w));
        }
      }
    }),
];
