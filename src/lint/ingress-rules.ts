import { LintSeverity } from './finding';
import { describe, ManifestIndex, ObjRef } from './manifest-index';
import { Rule, rule } from './rule';

/**
 * Ingress and Gateway API routes: TLS, ingress-nginx snippet annotations and
 * backends that point at Services (or ports) that are not in the manifests.
 */

/** A Service backend named by an Ingress or a route. */
export interface ServiceBackend {
  readonly from: ObjRef;
  readonly ns: string;
  readonly service: string;
  /** port number or name; undefined when unset */
  readonly port?: number | string;
  readonly field: string;
  /** written with the removed `serviceName`/`servicePort` fields */
  readonly legacy: boolean;
}

const INGRESS_API_VERSIONS = new Set(['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1']);
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

export function ingresses(index: ManifestIndex): ObjRef[] {
  return index.ofKind('Ingress').filter((i) => INGRESS_API_VERSIONS.has(i.apiVersion));
}

export function routes(index: ManifestIndex): ObjRef[] {
  return ROUTE_KINDS.flatMap((k) => index.ofKind(k)).filter((r) => r.apiVersion.startsWith('gateway.networking.k8s.io/'));
}

function backendOf(ing: ObjRef, b: any, field: string): ServiceBackend | undefined {
  if (!b || typeof b !== 'object') return undefined;
  if (b.service && typeof b.service === 'object') {
    const port = b.service.port?.number ?? b.service.port?.name;
    return { from: ing, ns: ing.ns, service: String(b.service.name), port, field: `${field}.service`, legacy: false };
  }
  if (b.serviceName !== undefined) {
    return { from: ing, ns: ing.ns, service: String(b.serviceName), port: b.servicePort, field: `${field}.serviceName`, legacy: true };
  }
  return undefined; // resource backends are not Services
}

/** Every Service backend of an Ingress (default backend and rule paths, v1 and the removed v1beta1 shape). */
export function ingressBackends(ing: ObjRef): ServiceBackend[] {
  const spec = ing.obj.spec ?? {};
  const out: ServiceBackend[] = [];
  const push = (b: ServiceBackend | undefined) => { if (b) out.push(b); };
  push(backendOf(ing, spec.defaultBackend, 'spec.defaultBackend'));
  push(backendOf(ing, spec.backend, 'spec.backend'));
  (Array.isArray(spec.rules) ? spec.rules : []).forEach((r: any, ri: number) => {
    (Array.isArray(r?.http?.paths) ? r.http.paths : []).forEach((p: any, pi: number) => {
      push(backendOf(ing, p?.backend, `spec.rules[${ri}].http.paths[${pi}].backend`));
    });
  });
  return out;
}

/** Every Service backendRef of a Gateway API route. */
export function routeBackends(route: ObjRef): ServiceBackend[] {
  const out: ServiceBackend[] = [];
  const rules = route.obj.spec?.rules;
  (Array.isArray(rules) ? rules : []).forEach((r: any, ri: number) => {
    (Array.isArray(r?.backendRefs) ? r.backendRefs : []).forEach((b: any, bi: number) => {
      if (!b || typeof b !== 'object') return;
      if ((b.group ?? '') !== '' || (b.kind ?? 'Service') !== 'Service') return;
      out.push({
        from: route,
        ns: typeof b.namespace === 'string' && b.namespace !== '' ? b.namespace : route.ns,
        service: String(b.name),
        port: b.port,
        field: `spec.rules[${ri}].backendRefs[${bi}]`,
        legacy: false,
      });
    });
  });
  return out;
}

/** Why a backend does not resolve, or undefined when the Service and port are in the manifests. */
function missing(index: ManifestIndex, b: ServiceBackend): string | undefined {
  const svc = index.service(b.ns, b.service);
  const target = `${b.ns === b.from.ns ? '' : `${b.ns}/`}${b.service}`;
  if (!svc) return `Service ${target}, which is not in the manifests`;
  if (b.port === undefined || b.port === null) return undefined;
  const ports = Array.isArray(svc.obj.spec?.ports) ? svc.obj.spec.ports : [];
  if (ports.length === 0 && svc.obj.spec?.type === 'ExternalName') return undefined;
  const isNumber = typeof b.port === 'number' || /^\d+$/.test(String(b.port));
  const found = ports.some((p: any) => (isNumber ? Number(p?.port) === Number(b.port) : p?.name === b.port));
  if (found) return undefined;
  const have = ports.map((p: any) => (p?.name ? `${p.name}/${p.port}` : String(p?.port))).join(', ') || 'none';
  return `port ${isNumber ? b.port : `"${b.port}"`} of Service ${target}, which has no such port (it has: ${have})`;
}

const TLS_ANNOTATIONS = [
  // TLS terminated by the cloud load balancer in front of the controller
  'alb.ingress.kubernetes.io/certificate-arn',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'networking.gke.io/managed-certificates',
];

const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

function hostsOf(ing: ObjRef): string[] {
  const rules = Array.isArray(ing.obj.spec?.rules) ? ing.obj.spec.rules : [];
  return rules.map((r: any) => r?.host).filter((h: any): h is string => typeof h === 'string' && h !== '');
}

/**
 * An ingress-nginx canary Ingress is merged into the server of the main
 * Ingress for the same host, which terminates TLS for both.
 */
function isNginxCanary(ing: ObjRef): boolean {
  return String(ing.obj.metadata?.annotations?.[`${NGINX_PREFIX}canary`]) === 'true';
}

function isCanaryOfTlsIngress(index: ManifestIndex, ing: ObjRef): boolean {
  if (!isNginxCanary(ing)) return false;
  const hosts = hostsOf(ing);
  if (hosts.length === 0) return false;
  const tlsHosts = mainTlsHosts(index).get(ing.ns);
  return tlsHosts !== undefined && hosts.every((h) => tlsHosts.has(h));
}

const mainTlsHostsCache = new WeakMap<ManifestIndex, Map<string, Set<string>>>();

/** Per namespace, the spec.tls hosts of the Ingresses that are not ingress-nginx canaries (computed once per lint run). */
function mainTlsHosts(index: ManifestIndex): Map<string, Set<string>> {
  let byNs = mainTlsHostsCache.get(index);
  if (byNs) return byNs;
  byNs = new Map();
  for (const m of ingresses(index)) {
    if (isNginxCanary(m)) continue;
    for (const t of Array.isArray(m.obj.spec?.tls) ? m.obj.spec.tls : []) {
      for (const h of Array.isArray(t?.hosts) ? t.hosts : []) {
        let set = byNs.get(m.ns);
        if (!set) byNs.set(m.ns, set = new Set());
        set.add(h);
      }
    }
  }
  mainTlsHostsCache.set(index, byNs);
  return byNs;
}

/**
 * A plain-HTTP Ingress whose Traefik router only redirects to HTTPS (a
 * Middleware with redirectScheme https in the manifests) serves no content.
 */
function isTraefikHttpsRedirect(index: ManifestIndex, ing: ObjRef): boolean {
  const refs = String(ing.obj.metadata?.annotations?.['traefik.ingress.kubernetes.io/router.middlewares'] ?? '').split(',').map((s) => s.trim()).filter((s) => s);
  if (refs.length === 0) return false;
  const redirects = httpsRedirectMiddlewares(index);
  return refs.some((r) => redirects.has(r));
}

const redirectCache = new WeakMap<ManifestIndex, Set<string>>();

/** `<namespace>-<name>@kubernetescrd` of every Traefik Middleware that redirects to https (computed once per lint run). */
function httpsRedirectMiddlewares(index: ManifestIndex): Set<string> {
  let set = redirectCache.get(index);
  if (set) return set;
  set = new Set(index.ofKind('Middleware')
    .filter((m) => /^traefik\.(io|containo\.us)\//.test(m.apiVersion) && m.obj.spec?.redirectScheme?.scheme === 'https')
    .map((m) => `${m.ns}-${m.name}@kubernetescrd`));
  redirectCache.set(index, set);
  return set;
}
const SNIPPET_KEYS = new Set(['configuration-snippet', 'server-snippet', 'stream-snippet', 'auth-snippet', 'modsecurity-snippet']);

export const INGRESS_RULES: Rule[] = [
  rule('ingress-no-tls', LintSeverity.WARNING,
    'An Ingress without TLS serves plain HTTP: credentials and cookies cross the network in clear text.',
    'add spec.tls with the hosts and a certificate Secret (e.g. via the cert-manager.io/cluster-issuer annotation)',
    (index, report) => {
      for (const ing of ingresses(index)) {
        const tls = ing.obj.spec?.tls;
        if (Array.isArray(tls) && tls.length > 0) continue;
        const annotations = ing.obj.metadata?.annotations ?? {};
        if (TLS_ANNOTATIONS.some((k) => annotations[k])) continue;
        if (isCanaryOfTlsIngress(index, ing) || isTraefikHttpsRedirect(index, ing)) continue;
        report(ing, `${describe(ing)} has no spec.tls: it serves plain HTTP`,
          'add spec.tls with the hosts and a certificate Secret (e.g. via the cert-manager.io/cluster-issuer annotation)', 'spec.tls');
      }
    }),

  rule('nginx-snippet-annotation', LintSeverity.ERROR,
    'ingress-nginx snippet annotations inject raw nginx configuration (risk level Critical in ingress-nginx\'s own annotation risk table) and are rejected by default since controller v1.9 (allow-snippet-annotations: false) and v1.12 (annotations-risk-level: High).',
    'remove the snippet annotation and use the dedicated annotations (or a Gateway API filter) for the behaviour you need',
    (index, report) => {
      for (const obj of index.objects) {
        const annotations = obj.obj.metadata?.annotations;
        if (!annotations || typeof annotations !== 'object') continue;
        for (const key of Object.keys(annotations)) {
          if (!key.startsWith(NGINX_PREFIX)) continue;
          const name = key.slice(NGINX_PREFIX.length);
          if (!SNIPPET_KEYS.has(name) && !name.endsWith('-snippet')) continue;
          report(obj, `${describe(obj)} sets the ingress-nginx annotation ${key}: snippets inject raw nginx configuration (risk level Critical) and current controllers reject them by default`,
            'remove the snippet annotation and use the dedicated annotations (or a Gateway API filter) for the behaviour you need', `metadata.annotations.${key}`);
        }
      }
    }),

  rule('ingress-backend-missing', LintSeverity.ERROR,
    'An Ingress backend that names a Service or port that does not exist answers 503 for that path.',
    'point the backend at a Service (and a port number or name) defined in the manifests',
    (index, report) => {
      for (const ing of ingresses(index)) {
        for (const b of ingressBackends(ing)) {
          const why = missing(index, b);
          if (!why) continue;
          report(ing, `${describe(ing)} routes to ${why}: requests for this backend fail with 503`,
            'point the backend at a Service (and a port number or name) defined in the manifests', b.field);
        }
      }
    }),

  rule('route-backend-missing', LintSeverity.ERROR,
    'A Gateway API route backendRef that names a missing Service or port is not resolved (ResolvedRefs=False) and its requests fail with 500.',
    'point backendRefs at a Service and one of its port numbers defined in the manifests',
    (index, report) => {
      for (const route of routes(index)) {
        for (const b of routeBackends(route)) {
          const why = missing(index, b);
          if (!why) continue;
          report(route, `${describe(route)} routes to ${why}: the backendRef does not resolve`,
            'point backendRefs at a Service and one of its port numbers defined in the manifests', b.field);
        }
      }
    }),
];
