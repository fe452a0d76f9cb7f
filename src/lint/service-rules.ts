import { LintSeverity } from './finding';
import { getsOnlyPrivateAddresses } from './load-balancer-reach';
import { describe, ManifestIndex, ObjRef, Workload } from './manifest-index';
import { Rule, rule } from './rule';
import { NAMES_SHOWN, someNames } from './some-names';
import { isOpenToTheWorld, labelsText } from '../internal/validation';

/**
 * Services: NodePort allocation, LoadBalancer exposure, externalIPs and the
 * selector / targetPort wiring between a Service and its pods.
 */

function coreServices(index: { ofKind(kind: string): ObjRef[] }): ObjRef[] {
  return index.ofKind('Service').filter((s) => s.apiVersion === 'v1');
}

function typeOf(svc: ObjRef): string {
  return svc.obj.spec?.type ?? 'ClusterIP';
}

function portsOf(svc: ObjRef): any[] {
  const ports = svc.obj.spec?.ports;
  return Array.isArray(ports) ? ports : [];
}

function portText(p: any): string {
  return p?.name ? `${p.name} (${p.port})` : String(p?.port);
}

/**
 * Annotations that make a LoadBalancer internal (private address), per the
 * cloud providers' docs. An internal LoadBalancer does not need source ranges.
 */
function isInternalLoadBalancer(index: ManifestIndex, svc: ObjRef): boolean {
  const a = svc.obj.metadata?.annotations ?? {};
  const lower = (k: string) => String(a[k] ?? '').toLowerCase();
  if (lower('networking.gke.io/load-balancer-type') === 'internal') return true;
  if (lower('cloud.google.com/load-balancer-type') === 'internal') return true;
  if (lower('service.beta.kubernetes.io/azure-load-balancer-internal') === 'true') return true;
  if (lower('service.beta.kubernetes.io/aws-load-balancer-internal') === 'true') return true;
  if (lower('service.beta.kubernetes.io/aws-load-balancer-scheme') === 'internal') return true;
  if (lower('service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type') === 'intranet') return true;
  const cls = svc.obj.spec?.loadBalancerClass;
  if (cls === 'networking.gke.io/l4-regional-internal') return true;
  // the AWS Load Balancer Controller creates internal NLBs unless the scheme says internet-facing
  if (cls === 'service.k8s.aws/nlb' && lower('service.beta.kubernetes.io/aws-load-balancer-scheme') !== 'internet-facing') return true;
  // a private address (asked for, or the only kind its MetalLB pools hand out) is not reachable from the internet
  return getsOnlyPrivateAddresses(index, svc);
}

const RANGES_FIX = 'set spec.loadBalancerSourceRanges to the client CIDRs that may connect (or make the LoadBalancer internal)';
const ETP_FIX = 'set spec.externalTrafficPolicy: Local (traffic goes only to nodes running a ready pod, the client IP is kept)';
const NODE_PORT_FIX = 'leave nodePort unset so Kubernetes assigns a free one, or pick a free port in the node port range';

/**
 * Workloads selected by a NetworkPolicy that admits ingress by client address:
 * an ingress rule with an ipBlock peer narrower than every address, and no
 * rule that admits every source. Each with the first such policy.
 */
function ipBlockFencedWorkloads(index: ManifestIndex): Map<Workload, ObjRef> {
  const out = new Map<Workload, ObjRef>();
  const seen = new Set<string>(); // many policies share a selector (one per namespace): select once
  for (const np of index.ofKind('NetworkPolicy')) {
    if (np.apiVersion !== 'networking.k8s.io/v1') continue;
    const spec = np.obj.spec ?? {};
    const types = spec.policyTypes;
    if (Array.isArray(types) && types.length > 0 && !types.includes('Ingress')) continue;
    const rules: any[] = Array.isArray(spec.ingress) ? spec.ingress : [];
    if (rules.some((r) => !Array.isArray(r?.from) || r.from.length === 0)) continue; // admits every source
    const byAddress = rules.some((r) => r.from.some((peer: any) => typeof peer?.ipBlock?.cidr === 'string'
      && (!isOpenToTheWorld(peer.ipBlock.cidr) || (Array.isArray(peer.ipBlock.except) && peer.ipBlock.except.length > 0))));
    if (!byAddress) continue;
    const key = `${np.ns}|${JSON.stringify(spec.podSelector ?? {})}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const w of index.selectWorkloads(np.ns, spec.podSelector ?? {})) if (!out.has(w)) out.set(w, np);
  }
  return out;
}

export const SERVICE_RULES: Rule[] = [
  rule('node-port-range', LintSeverity.ERROR,
    'The API server refuses a nodePort outside its --service-node-port-range (30000-32767 by default).',
    NODE_PORT_FIX,
    (index, report, s) => {
      for (const svc of coreServices(index)) {
        portsOf(svc).forEach((p, i) => {
          if (p?.nodePort === undefined || p.nodePort === null || p.nodePort === 0) return; // 0: let Kubernetes assign
          if (typeof p.nodePort === 'number' && p.nodePort >= s.nodePortMin && p.nodePort <= s.nodePortMax) return;
          report(svc, `${describe(svc)} port ${portText(p)} pins nodePort ${JSON.stringify(p.nodePort)}, outside the node port range ${s.nodePortMin}-${s.nodePortMax}: the API server refuses it`,
            NODE_PORT_FIX, `spec.ports[${i}].nodePort`);
        });
      }
    }),

  rule('node-port-duplicate', LintSeverity.ERROR,
    'A nodePort is allocated cluster-wide: the second Service asking for the same one is refused.',
    'use a different nodePort for each Service, or leave nodePort unset so Kubernetes assigns one',
    (index, report) => {
      const byPort = new Map<number, { svc: ObjRef; i: number; protocol: string }[]>();
      for (const svc of coreServices(index)) {
        portsOf(svc).forEach((p, i) => {
          if (typeof p?.nodePort !== 'number' || p.nodePort === 0) return;
          let l = byPort.get(p.nodePort);
          if (!l) byPort.set(p.nodePort, l = []);
          l.push({ svc, i, protocol: String(p.protocol ?? 'TCP') });
        });
      }
      for (const [port, uses] of byPort) {
        if (uses.length < 2) continue;
        const bySvc = new Map<ObjRef, typeof uses>();
        for (const u of uses) {
          let l = bySvc.get(u.svc);
          if (!l) bySvc.set(u.svc, l = []);
          l.push(u);
        }
        for (const u of uses) {
          // one Service may use the same nodePort for TCP and UDP of the same port
          const own = bySvc.get(u.svc)!.filter((o) => o !== u && o.protocol === u.protocol).map((o) => `spec.ports[${o.i}]`);
          const otherServices = bySvc.size - 1;
          const total = own.length + otherServices;
          if (total === 0) continue;
          const shown = own.slice(0, NAMES_SHOWN);
          for (const svc of bySvc.keys()) {
            if (shown.length >= NAMES_SHOWN) break;
            if (svc !== u.svc) shown.push(describe(svc));
          }
          report(u.svc, `${describe(u.svc)} pins nodePort ${port}, also used by ${someNames(shown, total)}: node ports are unique in the cluster`,
            'use a different nodePort for each Service, or leave nodePort unset so Kubernetes assigns one', `spec.ports[${u.i}].nodePort`);
        }
      }
    }),

  rule('node-port-pinned', LintSeverity.WARNING,
    'A pinned nodePort collides with whatever else took it first (other apps, other clusters sharing the config); Kubernetes can pick a free one.',
    'remove nodePort and read the assigned port from the Service (kubectl get svc)',
    (index, report, s) => {
      for (const svc of coreServices(index)) {
        portsOf(svc).forEach((p, i) => {
          // out-of-range values are errors of node-port-range already
          if (typeof p?.nodePort !== 'number' || p.nodePort < s.nodePortMin || p.nodePort > s.nodePortMax) return;
          report(svc, `${describe(svc)} port ${portText(p)} pins nodePort ${p.nodePort}: it may already be taken in the cluster`,
            'remove nodePort and read the assigned port from the Service (kubectl get svc)', `spec.ports[${i}].nodePort`);
        });
      }
    }),

  rule('lb-source-ranges', LintSeverity.WARNING,
    'An internet-facing LoadBalancer without source ranges accepts connections from anywhere.',
    RANGES_FIX,
    (index, report) => {
      for (const svc of coreServices(index)) {
        if (typeOf(svc) !== 'LoadBalancer' || isInternalLoadBalancer(index, svc)) continue;
        const field = svc.obj.spec?.loadBalancerSourceRanges;
        const annotation = svc.obj.metadata?.annotations?.['service.beta.kubernetes.io/load-balancer-source-ranges'];
        const ranges: string[] = Array.isArray(field) && field.length > 0 ? field.map(String)
          : typeof annotation === 'string' ? annotation.split(',').map((r) => r.trim()).filter((r) => r !== '') : [];
        const open = ranges.filter(isOpenToTheWorld);
        if (ranges.length > 0 && open.length === 0) continue;
        report(svc, ranges.length === 0
          ? `${describe(svc)} is a LoadBalancer with no loadBalancerSourceRanges: it accepts connections from any address`
          : `${describe(svc)} is a LoadBalancer whose loadBalancerSourceRanges include ${open.join(', ')}: it accepts connections from any address`,
        RANGES_FIX, 'spec.loadBalancerSourceRanges');
      }
    }),

  rule('external-traffic-policy-cluster', LintSeverity.WARNING,
    'With externalTrafficPolicy Cluster, nodes forward traffic to pods on other nodes and SNAT it: the pods never see the client source IP. '
    + 'A LoadBalancer loses nothing with Local (its health checks send traffic only to nodes running a pod). A NodePort is reported only when a '
    + 'NetworkPolicy admits its pods by client address (ipBlock): with Cluster the pods see node addresses and the allowlist blocks every client; '
    + 'otherwise Cluster is the usual choice for a NodePort, as with Local only the nodes running a pod answer.',
    ETP_FIX,
    (index, report) => {
      let fenced: Map<Workload, ObjRef> | undefined;
      for (const svc of coreServices(index)) {
        const type = typeOf(svc);
        if (type !== 'LoadBalancer' && type !== 'NodePort') continue;
        const etp = svc.obj.spec?.externalTrafficPolicy;
        if (etp !== undefined && etp !== 'Cluster') continue;
        const policy = `externalTrafficPolicy ${etp ?? '(unset, Cluster)'}`;
        if (type === 'LoadBalancer') {
          report(svc, `${describe(svc)} is a LoadBalancer with ${policy}: connections are SNATed and the client source IP is lost`,
            ETP_FIX, 'spec.externalTrafficPolicy');
          continue;
        }
        fenced ??= ipBlockFencedWorkloads(index);
        const np = index.workloadsForService(svc).map((w) => fenced!.get(w)).find((x) => x !== undefined);
        if (!np) continue;
        report(svc, `${describe(svc)} is a NodePort with ${policy} and ${describe(np)} admits its pods only from ipBlock addresses: `
          + 'the nodes SNAT client connections, so the pods see node addresses and the policy blocks every client',
        `${ETP_FIX}; clients must then connect to a node that runs a pod`, 'spec.externalTrafficPolicy');
      }
    }),

  rule('service-external-ips', LintSeverity.WARNING,
    'spec.externalIPs is deprecated since Kubernetes 1.36 (KEP-5707) and not managed by Kubernetes: traffic reaches the IP only if the network routes it to a node, and any user who can create a Service can intercept traffic for any IP (CVE-2020-8554).',
    'use a LoadBalancer Service (e.g. MetalLB on bare metal) instead; if you keep externalIPs, route the addresses to the nodes and restrict the field with the DenyServiceExternalIPs admission plugin or a policy',
    (index, report) => {
      for (const svc of coreServices(index)) {
        const ips = svc.obj.spec?.externalIPs;
        if (!Array.isArray(ips) || ips.length === 0) continue;
        report(svc, `${describe(svc)} sets externalIPs ${ips.join(', ')}: the field is deprecated since Kubernetes 1.36 (KEP-5707), the addresses must be routed to the nodes by the network, and externalIPs are a known interception vector (CVE-2020-8554)`,
          'use a LoadBalancer Service (e.g. MetalLB on bare metal) instead; if you keep externalIPs, route the addresses to the nodes and restrict the field with the DenyServiceExternalIPs admission plugin or a policy',
          'spec.externalIPs');
      }
    }),

  rule('service-selector-no-pods', LintSeverity.WARNING,
    'A Service whose selector matches no pod has no endpoints: clients get connection refused or 503s.',
    'make spec.selector equal to (a subset of) the pod template labels of the workload it fronts',
    (index, report) => {
      for (const svc of coreServices(index)) {
        const selector = svc.obj.spec?.selector;
        if (typeOf(svc) === 'ExternalName' || !selector || typeof selector !== 'object' || Object.keys(selector).length === 0) continue;
        if (index.workloadsForService(svc).length > 0) continue;
        const text = labelsText(selector);
        report(svc, `${describe(svc)} selects pods with ${text} but no pod template in namespace ${svc.ns} carries these labels: the Service has no endpoints`,
          'make spec.selector equal to (a subset of) the pod template labels of the workload it fronts', 'spec.selector');
      }
    }),

  rule('named-target-port-missing', LintSeverity.ERROR,
    'A named targetPort resolves only against container ports with that name; if no selected container declares it, the Service has no endpoints for that port.',
    'name the container port (ports[].name) as the targetPort, or use the port number',
    (index, report) => {
      for (const svc of coreServices(index)) {
        const workloads = index.workloadsForService(svc);
        if (workloads.length === 0) continue; // service-selector-no-pods reports that
        portsOf(svc).forEach((p, i) => {
          const target = p?.targetPort;
          if (typeof target !== 'string' || /^\d+$/.test(target)) return;
          const declared = workloads.some((w) => (Array.isArray(w.spec.containers) ? w.spec.containers : [])
            .some((c: any) => Array.isArray(c?.ports) && c.ports.some((cp: any) => cp?.name === target)));
          if (declared) return;
          report(svc, `${describe(svc)} port ${portText(p)} targets the named port "${target}", which no container of ${workloads.map((w) => describe(w.ref)).join(', ')} declares`,
            'name the container port (ports[].name) as the targetPort, or use the port number', `spec.ports[${i}].targetPort`);
        });
      }
    }),
];
