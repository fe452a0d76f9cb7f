import { LintSeverity } from './finding';
import { ingressBackends, ingresses, routeBackends, routes, ServiceBackend } from './ingress-rules';
import { LintEdgeInstall } from './linter';
import { isPrivateEntry } from './load-balancer-reach';
import { describe, ManifestIndex, ObjRef, Workload } from './manifest-index';
import { NetworkEndpoint, NetworkPolicyEvaluator } from './reachability';
import { Rule, rule, RuleSettings } from './rule';
import { labelsText } from '../internal/validation';
import { HBONE_PORT } from '../mesh-gateway/mesh-route';

/**
 * NetworkPolicies that do not admit the edge that carries the traffic to a
 * pod: the Ingress controller's pods, a Gateway's proxy pods, an Istio
 * ingress gateway, or addresses outside the pod network (a hostNetwork
 * controller connects from its node's address, an AWS ALB or NLB with `ip`
 * targets from its VPC addresses). Facts (exposure-api-facts.md §8):
 * - ingress-nginx, Traefik and Kong proxy from their own pods (Helm charts:
 *   namespace and `app.kubernetes.io/name` of the release: ingress-nginx,
 *   traefik, kong); IngressClass `spec.controller` names the implementation
 *   (`k8s.io/ingress-nginx`, `traefik.io/ingress-controller`,
 *   `ingress-controllers.konghq.com/kong`, `ingress.k8s.aws/alb`);
 * - Istio runs a Gateway API Gateway's proxy as a Deployment in the
 *   Gateway's namespace labelled `gateway.networking.k8s.io/gateway-name:
 *   <gateway>` (istio.io "Gateway API" deployment docs); Envoy Gateway by
 *   default in its controller namespace `envoy-gateway-system` labelled
 *   `gateway.envoyproxy.io/owning-gateway-name` / `-namespace`
 *   (gateway.envoyproxy.io "Gateway namespace mode");
 * - an Istio (networking.istio.io) Gateway programs the pods its
 *   `spec.selector` matches in its namespace;
 * - host-network pods and load balancers outside the cluster are not pods to
 *   a NetworkPolicy: only a rule that admits every source or an `ipBlock`
 *   can admit them (NetworkPolicy docs; aws-load-balancer-controller#1813 for
 *   NLB `ip` targets: health checks come from the NLB's VPC addresses).
 */

/** Where an edge's traffic comes from. */
interface EdgeSource {
  /** for messages: `ingress-nginx pods (app.kubernetes.io/name=ingress-nginx in ingress-nginx)` */
  readonly text: string;
  /** pods in a namespace with labels (undefined: addresses outside the pod network) */
  readonly pod?: { readonly ns: string; readonly labels: { [key: string]: string } };
}


interface KnownController {
  readonly name: string;
  readonly ns?: string;
  readonly labels?: { [key: string]: string };
}

const INGRESS_CONTROLLERS: { [controller: string]: KnownController } = {
  'k8s.io/ingress-nginx': { name: 'ingress-nginx', ns: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
  'traefik.io/ingress-controller': { name: 'Traefik', ns: 'traefik', labels: { 'app.kubernetes.io/name': 'traefik' } },
  'ingress-controllers.konghq.com/kong': { name: 'Kong', ns: 'kong', labels: { 'app.kubernetes.io/name': 'kong' } },
  // haproxytech/kubernetes-ingress Helm chart: IngressClass haproxy, controller haproxy.org/ingress-controller/haproxy, namespace haproxy-controller
  'haproxy.org/ingress-controller/haproxy': { name: 'HAProxy', ns: 'haproxy-controller', labels: { 'app.kubernetes.io/name': 'kubernetes-ingress' } },
  // the ALB sends from its VPC addresses (ip targets) or through the NodePort from the nodes (instance targets)
  'ingress.k8s.aws/alb': { name: 'the AWS ALB' },
};

/** IngressClass names the controllers' Helm charts create by default, for input without the IngressClass object. */
const INGRESS_CLASS_DEFAULTS: { [className: string]: string } = {
  nginx: 'k8s.io/ingress-nginx',
  traefik: 'traefik.io/ingress-controller',
  kong: 'ingress-controllers.konghq.com/kong',
  haproxy: 'haproxy.org/ingress-controller/haproxy',
  alb: 'ingress.k8s.aws/alb',
};

const ISTIO_GATEWAY_CONTROLLER = 'istio.io/gateway-controller';
const ENVOY_GATEWAY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';

/** Per lint run: the evaluator and the workloads by namespace that a NetworkPolicy isolates for ingress. */
interface EdgeContext {
  readonly index: ManifestIndex;
  readonly evaluator: NetworkPolicyEvaluator;
  readonly installs: Map<string, LintEdgeInstall>;
  /** Gateway API Gateways by `namespace/name` */
  readonly gateways: Map<string, ObjRef>;
  readonly gatewayClasses: Map<string, ObjRef>;
  /** Istio Gateways by `namespace/name` */
  readonly istioGateways: Map<string, ObjRef>;
}

const contextCache = new WeakMap<ManifestIndex, EdgeContext>();

function contextOf(index: ManifestIndex, settings: RuleSettings): EdgeContext {
  let c = contextCache.get(index);
  if (!c) {
    c = {
      index,
      evaluator: NetworkPolicyEvaluator._forIndex(index),
      installs: new Map((settings.edges ?? []).map((e) => [e.className, e])),
      gateways: byName(index, 'Gateway', 'gateway.networking.k8s.io/', true),
      gatewayClasses: byName(index, 'GatewayClass', 'gateway.networking.k8s.io/', false),
      istioGateways: byName(index, 'Gateway', 'networking.istio.io/', true),
    };
    contextCache.set(index, c);
  }
  return c;
}

/** Objects of a kind and API group by `namespace/name` (or name), the first one winning. */
function byName(index: ManifestIndex, kind: string, apiPrefix: string, namespaced: boolean): Map<string, ObjRef> {
  const m = new Map<string, ObjRef>();
  for (const o of index.ofKind(kind)) {
    if (!o.apiVersion.startsWith(apiPrefix)) continue;
    const key = namespaced ? `${o.ns}/${o.name}` : o.name;
    if (!m.has(key)) m.set(key, o);
  }
  return m;
}

/** The sources of a custom install, or of the controller's pods found in the input (hostNetwork: addresses). */
function sourcesOf(index: ManifestIndex, name: string, ns: string | undefined, labels: { [key: string]: string } | undefined,
  hostNetwork: boolean): EdgeSource[] {
  if (hostNetwork || ns === undefined || labels === undefined) return [{ text: `${name} (node or load-balancer addresses, not pods)` }];
  // without labels ("any pod of the namespace") the install is not looked up among the workloads: that would pick the apps themselves
  const running = Object.keys(labels).length > 0 ? index.selectWorkloads(ns, { matchLabels: labels }) : [];
  if (running.some((w) => w.hostNetwork)) return [{ text: `${name} (hostNetwork pods of ${running.filter((w) => w.hostNetwork).map((w) => describe(w.ref)).join(', ')}: node addresses)` }];
  if (running.length > 0) {
    // one source per distinct label set (copies of one install carry the same labels)
    const distinct = new Map<string, Workload>();
    for (const w of running) {
      const key = JSON.stringify(Object.entries(w.labels).sort());
      if (!distinct.has(key)) distinct.set(key, w);
    }
    return [...distinct.values()].map((w) => ({ text: `${name} pods (${describe(w.ref)})`, pod: { ns, labels: w.labels } }));
  }
  return [{ text: `${name} pods (${labelsText(labels)} in ${ns})`, pod: { ns, labels } }];
}

function installSources(index: ManifestIndex, install: LintEdgeInstall): EdgeSource[] {
  return sourcesOf(index, `the controller of class ${install.className}`, install.namespace, install.podLabels ?? {}, install.hostNetwork === true);
}

/** The class an Ingress names, or the default IngressClass of the input. */
function ingressClassOf(index: ManifestIndex, ing: ObjRef): string | undefined {
  const named = ing.obj.spec?.ingressClassName ?? ing.obj.metadata?.annotations?.['kubernetes.io/ingress.class'];
  if (typeof named === 'string' && named !== '') return named;
  const dflt = index.ofKind('IngressClass').find((c) => String(c.obj.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class']) === 'true');
  return dflt?.name;
}

/**
 * The `spec.controller` of the Ingress's class: from the IngressClass in the
 * input, else the class name the controller's Helm chart creates by default
 * (`nginx`, `traefik`, `kong`, `haproxy`, `alb`).
 */
export function ingressControllerOf(index: ManifestIndex, ing: ObjRef, settings?: RuleSettings): string | undefined {
  const cls = ingressClassOf(index, ing);
  if (cls === undefined) return undefined;
  const klass = index.ofKind('IngressClass').find((k) => k.name === cls);
  // a class the linter options describe as a custom install is not guessed from its name
  if (!klass && (settings?.edges ?? []).some((e) => e.className === cls)) return undefined;
  const controller = klass ? klass.obj.spec?.controller : INGRESS_CLASS_DEFAULTS[cls];
  return typeof controller === 'string' ? controller : undefined;
}

function ingressSources(c: EdgeContext, ing: ObjRef): EdgeSource[] | undefined {
  const cls = ingressClassOf(c.index, ing);
  if (cls === undefined) return undefined;
  const install = c.installs.get(cls);
  if (install) return installSources(c.index, install);
  const controller = ingressControllerOf(c.index, ing);
  const known = typeof controller === 'string' ? INGRESS_CONTROLLERS[controller] : undefined;
  if (!known) return undefined; // an implementation the linter does not know: say nothing
  return sourcesOf(c.index, known.name, known.ns, known.labels, false);
}

/** The proxies of a Gateway API Gateway, when its implementation is known. */
function gatewaySources(c: EdgeContext, gwNs: string, gwName: string): EdgeSource[] | undefined {
  const gateway = c.gateways.get(`${gwNs}/${gwName}`);
  if (!gateway) return undefined;
  const cls = gateway.obj.spec?.gatewayClassName;
  if (typeof cls !== 'string') return undefined;
  const install = c.installs.get(cls);
  if (install) return installSources(c.index, install);
  const klass = c.gatewayClasses.get(cls);
  const controller = klass ? klass.obj.spec?.controllerName : (cls === 'istio' ? ISTIO_GATEWAY_CONTROLLER : undefined);
  if (controller === ISTIO_GATEWAY_CONTROLLER) {
    return sourcesOf(c.index, `the Istio proxy of Gateway ${gwNs}/${gwName}`, gwNs, { 'gateway.networking.k8s.io/gateway-name': gwName }, false);
  }
  if (controller === ENVOY_GATEWAY_CONTROLLER) {
    return sourcesOf(c.index, `the Envoy Gateway proxy of Gateway ${gwNs}/${gwName}`, 'envoy-gateway-system',
      { 'gateway.envoyproxy.io/owning-gateway-name': gwName, 'gateway.envoyproxy.io/owning-gateway-namespace': gwNs }, false);
  }
  return undefined;
}

/** The pods and pod port a Service backend sends to. */
function targets(index: ManifestIndex, b: ServiceBackend): { w: Workload; port: number }[] {
  const svc = index.service(b.ns, b.service);
  if (!svc) return [];
  const ports: any[] = Array.isArray(svc.obj.spec?.ports) ? svc.obj.spec.ports : [];
  const isNumber = typeof b.port === 'number' || /^\d+$/.test(String(b.port));
  const chosen = b.port === undefined || b.port === null ? ports
    : ports.filter((p) => (isNumber ? Number(p?.port) === Number(b.port) : p?.name === b.port));
  const out: { w: Workload; port: number }[] = [];
  for (const w of index.workloadsForService(svc)) {
    for (const p of chosen) {
      if ((p?.protocol ?? 'TCP') !== 'TCP') continue;
      const port = containerPort(w, p?.targetPort ?? p?.port);
      if (port !== undefined) out.push({ w, port });
    }
  }
  return out;
}

function containerPort(w: Workload, target: unknown): number | undefined {
  if (typeof target === 'number') return target;
  if (typeof target === 'string' && /^\d+$/.test(target)) return Number(target);
  for (const c of Array.isArray(w.spec?.containers) ? w.spec.containers : []) {
    for (const cp of Array.isArray(c?.ports) ? c.ports : []) if (cp?.name === target && typeof cp.containerPort === 'number') return cp.containerPort;
  }
  return undefined;
}

const isolationCache = new WeakMap<ManifestIndex, Map<Workload, ObjRef[]>>();

function isolatingCached(index: ManifestIndex, w: Workload): ObjRef[] {
  let m = isolationCache.get(index);
  if (!m) {
    m = new Map();
    // one pass over the policies: a workload is isolated when a policy of its namespace selects it
    for (const np of index.ofKind('NetworkPolicy')) {
      if (np.apiVersion !== 'networking.k8s.io/v1') continue;
      const types = np.obj.spec?.policyTypes;
      if (Array.isArray(types) && types.length > 0 && !types.includes('Ingress')) continue;
      for (const sel of index.selectWorkloads(np.ns, np.obj.spec?.podSelector ?? {})) {
        let l = m.get(sel);
        if (!l) m.set(sel, l = []);
        l.push(np);
      }
    }
    isolationCache.set(index, m);
  }
  return m.get(w) ?? [];
}
function rulesOf(np: ObjRef): any[] {
  return Array.isArray(np.obj.spec?.ingress) ? np.obj.spec.ingress : [];
}

/** Whether an ingress rule's ports admit TCP `port` of the workload (named ports resolved on its containers). */
function rulePortsAdmit(w: Workload, ports: unknown, port: number): boolean {
  if (!Array.isArray(ports) || ports.length === 0) return true;
  return ports.some((p: any) => {
    if (!p || typeof p !== 'object' || (p.protocol ?? 'TCP') !== 'TCP') return false;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port === 'number') return typeof p.endPort === 'number' ? port >= p.port && port <= p.endPort : port === p.port;
    return containerPort(w, String(p.port)) === port;
  });
}

/**
 * Why the edge cannot reach TCP `port` of the workload's pods, or undefined
 * when the NetworkPolicies admit it (or do not isolate the pods).
 */
function blocked(c: EdgeContext, src: EdgeSource, w: Workload, port: number): string | undefined {
  const policies = isolatingCached(c.index, w);
  if (policies.length === 0) return undefined;
  if (src.pod) {
    let verdict;
    try {
      verdict = c.evaluator.evaluate({ from: NetworkEndpoint.pod(src.pod.ns, src.pod.labels), to: NetworkEndpoint.pod(w.ref.ns, w.labels), port });
    } catch {
      return undefined; // labels the API server would refuse: other rules and the schema report those
    }
    if (verdict.allowed) return undefined;
    // a private ipBlock on the port is read as the node addresses of a hostNetwork install the input does not show
    if (policies.some((np) => rulesOf(np).some((r: any) => rulePortsAdmit(w, r?.ports, port)
      && Array.isArray(r?.from) && r.from.some((peer: any) => typeof peer?.ipBlock?.cidr === 'string' && isPrivateEntry(peer.ipBlock.cidr))))) return undefined;
    return verdict.reason;
  }
  // addresses outside the pod network: only a rule that admits every source or an ipBlock can admit them
  const ok = policies.some((np) => rulesOf(np).some((r: any) =>
    rulePortsAdmit(w, r?.ports, port) && (!Array.isArray(r?.from) || r.from.length === 0 || r.from.some((peer: any) => peer?.ipBlock))));
  if (ok) return undefined;
  return `${policies.map((p) => `NetworkPolicy ${p.ns}/${p.name}`).join(', ')} isolate${policies.length === 1 ? 's' : ''} the pods and no rule admits an ipBlock or every source on port ${port}/TCP`;
}

/** Report each backend pod port that an edge cannot reach (once per workload and port). */
function checkBackends(c: EdgeContext, sources: EdgeSource[], backends: ServiceBackend[],
  report: (field: string, w: Workload, port: number, src: EdgeSource, why: string) => void, portFor?: (w: Workload, port: number) => number[]): void {
  const seen = new Set<string>();
  for (const b of backends) {
    for (const t of targets(c.index, b)) {
      for (const src of sources) {
        const key = `${describe(t.w.ref)}|${t.port}|${src.text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const ports = portFor ? portFor(t.w, t.port) : [t.port];
        const reasons = ports.map((p) => blocked(c, src, t.w, p));
        if (reasons.some((r) => r === undefined)) continue;
        report(b.field, t.w, t.port, src, reasons[0]!);
      }
    }
  }
}

const INGRESS_FIX = 'admit the controller in the backend pods\' NetworkPolicy (namespaceSelector kubernetes.io/metadata.name: <controller namespace>, and podSelector with its pod labels; an ipBlock of the node or VPC addresses for a hostNetwork controller or an ALB), or tell the linter where a custom install runs (option edges)';
const GATEWAY_FIX = 'admit the Gateway\'s proxy pods in the backend pods\' NetworkPolicy (namespaceSelector of the proxy namespace and podSelector with the proxy labels), or tell the linter where a custom install runs (option edges)';
const MESH_FIX = 'admit the Istio ingress gateway pods (namespaceSelector of the Gateway\'s namespace and podSelector with its spec.selector labels) in the destination pods\' NetworkPolicy';
const NLB_FIX = 'admit the VPC CIDR of the NLB (an ipBlock) on the target port in the pods\' NetworkPolicy, or use instance targets';

/** Istio Gateway (networking.istio.io) `ns/name` references of a VirtualService, resolved to the gateway pods. */
function meshSources(c: EdgeContext, vs: ObjRef): EdgeSource[] {
  const index = c.index;
  const out: EdgeSource[] = [];
  for (const ref of Array.isArray(vs.obj.spec?.gateways) ? vs.obj.spec.gateways : []) {
    if (typeof ref !== 'string' || ref === 'mesh') continue;
    const [ns, name] = ref.includes('/') ? ref.split('/', 2) : [vs.ns, ref];
    const gw = c.istioGateways.get(`${ns}/${name}`);
    const selector = gw?.obj.spec?.selector;
    if (!gw || !selector || typeof selector !== 'object' || Object.keys(selector).length === 0) continue;
    out.push(...sourcesOf(index, `the Istio ingress gateway of ${describe(gw)}`, ns, selector, false));
  }
  return out;
}

/** The Service backends of a VirtualService's http/tcp/tls routes (`host` short name, `name.ns`, or `name.ns.svc...`). */
function virtualServiceBackends(vs: ObjRef): ServiceBackend[] {
  const out: ServiceBackend[] = [];
  for (const kind of ['http', 'tcp', 'tls']) {
    const rs = vs.obj.spec?.[kind];
    (Array.isArray(rs) ? rs : []).forEach((r: any, ri: number) => {
      (Array.isArray(r?.route) ? r.route : []).forEach((d: any, di: number) => {
        const host = d?.destination?.host;
        if (typeof host !== 'string' || host === '') return;
        const parts = host.split('.');
        if (parts.length > 2 && parts[2] !== 'svc') return; // an external host (ServiceEntry)
        out.push({
          from: vs,
          ns: parts.length > 1 ? parts[1] : vs.ns,
          service: parts[0],
          port: d.destination.port?.number,
          field: `spec.${kind}[${ri}].route[${di}].destination`,
          legacy: false,
        });
      });
    });
  }
  return out;
}

/** The AWS Load Balancer Controller provisions the NLB with `ip` targets. */
function isNlbIpTargets(svc: ObjRef): boolean {
  const a = svc.obj.metadata?.annotations ?? {};
  const type = String(a['service.beta.kubernetes.io/aws-load-balancer-type'] ?? '');
  const byController = svc.obj.spec?.loadBalancerClass === 'service.k8s.aws/nlb' || type === 'external' || type === 'nlb-ip';
  const target = String(a['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type'] ?? (type === 'nlb-ip' ? 'ip' : ''));
  return svc.obj.spec?.type === 'LoadBalancer' && byController && target === 'ip';
}

export const EDGE_RULES: Rule[] = [
  rule('ingress-controller-network-policy', LintSeverity.ERROR,
    'The Ingress controller\'s pods (or, for a hostNetwork controller or an AWS ALB, node and VPC addresses) open the connections to the backend pods: a NetworkPolicy on those pods that does not admit them drops every request (504/502).',
    INGRESS_FIX,
    (index, report, settings) => {
      const c = contextOf(index, settings);
      for (const ing of ingresses(index)) {
        const sources = ingressSources(c, ing);
        if (!sources) continue;
        checkBackends(c, sources, ingressBackends(ing), (field, w, port, src, why) => {
          report(ing, `${describe(ing)} is served by ${src.text}, which cannot reach ${describe(w.ref)} on port ${port}: ${why}`, INGRESS_FIX, field);
        });
      }
    }),

  rule('gateway-network-policy', LintSeverity.ERROR,
    'A Gateway\'s proxy pods open the connections to the route\'s backend pods (Istio: in the Gateway\'s namespace, labelled gateway.networking.k8s.io/gateway-name; Envoy Gateway: in envoy-gateway-system): a NetworkPolicy that does not admit them drops every request.',
    GATEWAY_FIX,
    (index, report, settings) => {
      const c = contextOf(index, settings);
      for (const route of routes(index)) {
        const sources: EdgeSource[] = [];
        for (const p of Array.isArray(route.obj.spec?.parentRefs) ? route.obj.spec.parentRefs : []) {
          if ((p?.kind ?? 'Gateway') !== 'Gateway' || (p?.group ?? 'gateway.networking.k8s.io') !== 'gateway.networking.k8s.io' || typeof p?.name !== 'string') continue;
          sources.push(...(gatewaySources(c, typeof p.namespace === 'string' && p.namespace !== '' ? p.namespace : route.ns, p.name) ?? []));
        }
        checkBackends(c, sources, routeBackends(route), (field, w, port, src, why) => {
          report(route, `${describe(route)} is served by ${src.text}, which cannot reach ${describe(w.ref)} on port ${port}: ${why}`, GATEWAY_FIX, field);
        });
      }
    }),

  rule('mesh-gateway-network-policy', LintSeverity.ERROR,
    'The Istio ingress gateway pods selected by an Istio Gateway open the connections to a VirtualService\'s destinations: a NetworkPolicy on the destination pods that does not admit them drops every request.',
    MESH_FIX,
    (index, report, settings) => {
      const c = contextOf(index, settings);
      for (const vs of index.ofKind('VirtualService')) {
        if (!vs.apiVersion.startsWith('networking.istio.io/')) continue;
        const sources = meshSources(c, vs);
        if (sources.length === 0) continue;
        // ambient pods receive the gateway's traffic over HBONE (TCP 15008): either port admitted is enough here
        const ports = (w: Workload, port: number) => (w.labels['istio.io/dataplane-mode'] === 'ambient' ? [port, HBONE_PORT] : [port]);
        checkBackends(c, sources, virtualServiceBackends(vs), (field, w, port, src, why) => {
          report(vs, `${describe(vs)} is served by ${src.text}, which cannot reach ${describe(w.ref)} on port ${port}: ${why}`, MESH_FIX, field);
        }, ports);
      }
    }),

  rule('nlb-ip-target-network-policy', LintSeverity.ERROR,
    'An AWS NLB with ip targets connects to the pods from its own VPC addresses (health checks always; client traffic too unless client IP preservation is on): a NetworkPolicy that admits only the loadBalancerSourceRanges, or only pods, fails the health checks and no target ever becomes healthy.',
    NLB_FIX,
    (index, report) => {
      for (const svc of index.ofKind('Service')) {
        if (svc.apiVersion !== 'v1' || !isNlbIpTargets(svc)) continue;
        const ranges: string[] = Array.isArray(svc.obj.spec?.loadBalancerSourceRanges) ? svc.obj.spec.loadBalancerSourceRanges.map(String) : [];
        const backend: ServiceBackend = { from: svc, ns: svc.ns, service: svc.name, field: 'spec.ports', legacy: false };
        const seen = new Set<string>();
        for (const t of targets(index, backend)) {
          const key = `${describe(t.w.ref)}|${t.port}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const policies = isolatingCached(index, t.w);
          if (policies.length === 0) continue;
          // admitted when a rule on the port admits every source, or an ipBlock beyond the client ranges (the VPC)
          const ok = policies.some((np) => rulesOf(np).some((r: any) =>
            rulePortsAdmit(t.w, r?.ports, t.port) && (!Array.isArray(r?.from) || r.from.length === 0
              || r.from.some((peer: any) => typeof peer?.ipBlock?.cidr === 'string' && !ranges.includes(peer.ipBlock.cidr)))));
          if (ok) continue;
          report(svc, `${describe(svc)} sends through an NLB with ip targets, but ${policies.map((p) => `NetworkPolicy ${p.ns}/${p.name}`).join(', ')} admit${policies.length === 1 ? 's' : ''} traffic to ${describe(t.w.ref)} on port ${t.port} from no address beyond ${ranges.length > 0 ? `the loadBalancerSourceRanges (${ranges.join(', ')})` : 'pods'}: the NLB health checks fail`,
            NLB_FIX, 'metadata.annotations.service.beta.kubernetes.io/aws-load-balancer-nlb-target-type');
        }
      }
    }),
];
