import { LintSeverity } from './finding';
import { ingressBackends, ingresses, routeBackends, routes } from './ingress-rules';
import { describe, ManifestIndex, ObjRef } from './manifest-index';
import { Rule, rule } from './rule';
import { SPOOFABLE_REQUEST_HEADERS } from '../exposure/request-headers';

/**
 * The security checklist of a public HTTP edge (issue 18) on manifests no
 * construct wrote: client-supplied forwarding headers passed on untouched,
 * HTTPS without HSTS where the route could set it, and a backend that serves
 * TLS reached in plain HTTP.
 */

const SPOOFABLE = new Set(SPOOFABLE_REQUEST_HEADERS.map((h) => h.toLowerCase()));

/** Every filter of an HTTPRoute rule, rule-level and per backendRef. */
function ruleFilters(r: any): any[] {
  const own = Array.isArray(r?.filters) ? r.filters : [];
  const perBackend = (Array.isArray(r?.backendRefs) ? r.backendRefs : []).flatMap((b: any) => (Array.isArray(b?.filters) ? b.filters : []));
  return [...own, ...perBackend].filter((f) => f && typeof f === 'object');
}

const names = (list: unknown): string[] => (Array.isArray(list) ? list : []).map((h: any) => String(typeof h === 'object' && h !== null ? h.name : h).toLowerCase());

/** The Service port a backend names (by number or name), when the Service is in the manifests. */
function servicePort(svc: ObjRef, port: number | string | undefined): any {
  const ports: any[] = Array.isArray(svc.obj.spec?.ports) ? svc.obj.spec.ports : [];
  if (port === undefined) return ports.length === 1 ? ports[0] : undefined;
  return ports.find((p) => (typeof port === 'number' ? p?.port === port : p?.name === port));
}

/** A Service port that says its pods serve TLS: named `https`, or appProtocol https (RFC 6335 service name / IANA). */
function servesTls(p: any): boolean {
  const ap = typeof p?.appProtocol === 'string' ? p.appProtocol.toLowerCase() : '';
  return p?.name === 'https' || ap === 'https' || ap === 'kubernetes.io/wss';
}

/** How each Ingress controller is told to speak TLS to the backend, on the Ingress or on the Service. */
function ingressSpeaksTls(ing: ObjRef, svc: ObjRef): boolean {
  const a = ing.obj.metadata?.annotations ?? {};
  const s = svc.obj.metadata?.annotations ?? {};
  return /^(HTTPS|GRPCS)$/i.test(a['nginx.ingress.kubernetes.io/backend-protocol'] ?? '')
    || /^HTTPS$/i.test(a['alb.ingress.kubernetes.io/backend-protocol'] ?? '')
    || /^https$/i.test(s['traefik.ingress.kubernetes.io/service.serversscheme'] ?? '')
    || /^(https|grpcs|tls)$/i.test(s['konghq.com/protocol'] ?? '')
    || /^true$/i.test(s['haproxy.org/server-ssl'] ?? a['haproxy.org/server-ssl'] ?? '');
}

/** BackendTLSPolicies (any served version) that target a Service. */
function tlsPolicyTargets(index: ManifestIndex): Set<string> {
  const out = new Set<string>();
  for (const p of index.ofKind('BackendTLSPolicy')) {
    if (!p.apiVersion.startsWith('gateway.networking.k8s.io/')) continue;
    for (const t of Array.isArray(p.obj.spec?.targetRefs) ? p.obj.spec.targetRefs : []) {
      if ((t?.group ?? '') === '' && t?.kind === 'Service') out.add(`${p.ns}/${t.name}`);
    }
  }
  return out;
}

/** Gateway listeners (namespace/name/section) that terminate HTTPS. */
function httpsListeners(index: ManifestIndex): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const g of index.ofKind('Gateway')) {
    if (!g.apiVersion.startsWith('gateway.networking.k8s.io/')) continue;
    for (const l of Array.isArray(g.obj.spec?.listeners) ? g.obj.spec.listeners : []) {
      out.set(`${g.ns}/${g.name}/${l?.name}`, l?.protocol === 'HTTPS');
    }
  }
  return out;
}

export const EDGE_SECURITY_RULES: Rule[] = [
  rule('route-forwards-spoofable-headers', LintSeverity.WARNING,
    'An HTTPRoute or Istio VirtualService that removes none of the client-IP, forwarding and path-override headers its proxy never writes itself (Forwarded, True-Client-IP, X-Original-URL, ...) hands whatever a client invents to the app: spoofed client addresses in logs and allowlists, path overrides behind the edge\'s access rules',
    'remove them at the edge: a RequestHeaderModifier filter (Gateway API) or http[].headers.request.remove (Istio), e.g. with the requestHeaders option of Exposure.gateway() / Exposure.mesh()',
    (index, report) => {
      for (const r of routes(index).filter((x) => x.kind === 'HTTPRoute')) {
        const rules: any[] = Array.isArray(r.obj.spec?.rules) ? r.obj.spec.rules : [];
        rules.forEach((ru, i) => {
          if (!Array.isArray(ru?.backendRefs) || ru.backendRefs.length === 0) return; // redirects forward nothing
          const removed = ruleFilters(ru).filter((f) => f.type === 'RequestHeaderModifier').flatMap((f) => names(f.requestHeaderModifier?.remove));
          if (removed.some((h) => SPOOFABLE.has(h))) return;
          report(r, `${describe(r)} rule ${i} forwards client-supplied ${SPOOFABLE_REQUEST_HEADERS.slice(0, 4).join(', ')}, ... untouched to its backends`,
            `add a RequestHeaderModifier filter removing ${SPOOFABLE_REQUEST_HEADERS.join(', ')}`, `spec.rules[${i}].filters`);
        });
      }
      for (const vs of index.ofKind('VirtualService').filter((x) => x.apiVersion.startsWith('networking.istio.io/'))) {
        if (!Array.isArray(vs.obj.spec?.gateways) || vs.obj.spec.gateways.every((g: unknown) => g === 'mesh')) continue; // no ingress gateway: not an edge
        const http: any[] = Array.isArray(vs.obj.spec?.http) ? vs.obj.spec.http : [];
        http.forEach((h, i) => {
          if (!Array.isArray(h?.route) || h.route.length === 0) return;
          const perDestination = (h.route as any[]).flatMap((d: any) => names(d?.headers?.request?.remove));
          const removed = [...names(h.headers?.request?.remove), ...perDestination];
          if (removed.some((n) => SPOOFABLE.has(n))) return;
          report(vs, `${describe(vs)} http[${i}] forwards client-supplied ${SPOOFABLE_REQUEST_HEADERS.slice(0, 4).join(', ')}, ... untouched through its gateway`,
            `add headers.request.remove: [${SPOOFABLE_REQUEST_HEADERS.join(', ')}, X-Real-IP, X-Forwarded-Host, X-Forwarded-Port]`, `spec.http[${i}].headers`);
        });
      }
    }),

  rule('route-https-without-hsts', LintSeverity.WARNING,
    'An HTTPRoute on an HTTPS listener that does not set Strict-Transport-Security lets browsers fall back to plain HTTP on the next visit (an SSL-stripping window); the route can set it per app with a ResponseHeaderModifier filter',
    'add a ResponseHeaderModifier filter setting Strict-Transport-Security: max-age=31536000 (the securityHeaders option of Exposure.gateway() does it by default)',
    (index, report) => {
      const listeners = httpsListeners(index);
      for (const r of routes(index).filter((x) => x.kind === 'HTTPRoute')) {
        const parents: any[] = Array.isArray(r.obj.spec?.parentRefs) ? r.obj.spec.parentRefs : [];
        // only routes whose parents are all known HTTPS listeners of Gateways in the manifests
        const https = parents.length > 0 && parents.every((p) => p?.sectionName !== undefined
          && listeners.get(`${typeof p.namespace === 'string' && p.namespace !== '' ? p.namespace : r.ns}/${p.name}/${p.sectionName}`) === true);
        if (!https) continue;
        const rules: any[] = Array.isArray(r.obj.spec?.rules) ? r.obj.spec.rules : [];
        rules.forEach((ru, i) => {
          if (!Array.isArray(ru?.backendRefs) || ru.backendRefs.length === 0) return;
          const set = ruleFilters(ru).filter((f) => f.type === 'ResponseHeaderModifier')
            .flatMap((f) => [...names(f.responseHeaderModifier?.set), ...names(f.responseHeaderModifier?.add)]);
          if (set.includes('strict-transport-security')) return;
          report(r, `${describe(r)} rule ${i} answers on an HTTPS listener without Strict-Transport-Security`,
            'add a ResponseHeaderModifier filter with set: [{ name: Strict-Transport-Security, value: max-age=31536000 }]', `spec.rules[${i}].filters`);
        });
      }
    }),

  rule('backend-tls-reached-in-plain-http', LintSeverity.ERROR,
    'A Service port named https (or with appProtocol https) says its pods serve TLS; an Ingress or HTTPRoute that reaches it without telling the proxy to speak TLS sends plain HTTP to a TLS port, and every request fails (400 "plain HTTP request was sent to HTTPS port", or a reset)',
    'tell the edge to speak TLS to the backend: ingress-nginx backend-protocol: HTTPS (with proxy-ssl-verify), ALB backend-protocol: HTTPS, Traefik service.serversscheme: https, Kong konghq.com/protocol: https, Gateway API a BackendTLSPolicy for the Service',
    (index, report) => {
      const check = (from: ObjRef, ns: string, service: string, port: number | string | undefined, field: string,
        speaksTls: (svc: ObjRef) => boolean) => {
        const svc = index.service(ns, service);
        if (!svc) return;
        const p = servicePort(svc, port);
        if (!p || !servesTls(p) || speaksTls(svc)) return;
        report(from, `${describe(from)} reaches Service ${ns}/${service} port ${p.name ?? p.port} (${p.appProtocol ? `appProtocol ${p.appProtocol}` : 'named https'}) in plain HTTP`,
          from.kind === 'Ingress' ? 'add the controller\'s backend-protocol HTTPS setting (ingress-nginx: nginx.ingress.kubernetes.io/backend-protocol: HTTPS)'
            : 'add a BackendTLSPolicy (gateway.networking.k8s.io/v1) targeting the Service, with the CA and hostname to verify', field);
      };
      for (const ing of ingresses(index)) {
        for (const b of ingressBackends(ing)) check(ing, b.ns, b.service, b.port, b.field, (svc) => ingressSpeaksTls(ing, svc));
      }
      const policies = tlsPolicyTargets(index);
      for (const r of routes(index).filter((x) => x.kind === 'HTTPRoute' || x.kind === 'GRPCRoute')) {
        for (const b of routeBackends(r)) check(r, b.ns, b.service, b.port, b.field, () => policies.has(`${b.ns}/${b.service}`));
      }
    }),
];
