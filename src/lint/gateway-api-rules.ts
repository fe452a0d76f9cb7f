import { LintSeverity } from './finding';
import { routes } from './ingress-rules';
import { describe, ManifestIndex, ObjRef } from './manifest-index';
import { Rule, rule } from './rule';
import { labelSelectorMatches } from './selector';

/**
 * Gateway API attachments and references that every schema accepts and the
 * implementation still refuses. Facts from the Gateway API spec
 * (kubernetes-sigs/gateway-api v1.6.1, `apis/v1/gateway_types.go` and
 * `shared_types.go` docs; exposure-api-facts.md §6):
 * - a route attaches to a listener only if `allowedRoutes.namespaces.from`
 *   admits its namespace (Same, the default: the Gateway's namespace; All;
 *   Selector: the namespace's labels) and `allowedRoutes.kinds` (default: the
 *   kinds of the listener protocol: HTTP/HTTPS -> HTTPRoute and GRPCRoute,
 *   TLS -> TLSRoute, TCP -> TCPRoute, UDP -> UDPRoute) lists its kind;
 * - and only if its hostnames intersect the listener's: a listener without
 *   hostname, or a route without hostnames, matches all; `*.example.com`
 *   matches every name with at least one more label in front of
 *   `example.com` (not `example.com` itself);
 * - a reference to another namespace (a backendRef, a listener's
 *   certificateRef) is valid only with a ReferenceGrant in the target
 *   namespace whose `from` names the referring kind and namespace and whose
 *   `to` names the target kind (and the name, when it sets one);
 *   otherwise ResolvedRefs=False / RefNotPermitted;
 * - cert-manager's gateway-shim (cert-manager `pkg/controller/certificate-shim`
 *   `validateGatewayListenerBlock`) skips, with a BadConfig event, every
 *   HTTPS/TLS listener of an annotated Gateway that has no hostname, no
 *   certificateRefs, a certificateRef in another namespace or a mode other
 *   than Terminate: no Certificate is made and the listener's Secret never
 *   appears.
 */

const GW_GROUP = 'gateway.networking.k8s.io';

function gatewayApi(index: ManifestIndex, kind: string): ObjRef[] {
  return index.ofKind(kind).filter((o) => o.apiVersion.startsWith(`${GW_GROUP}/`));
}

const DEFAULT_KINDS: { [protocol: string]: string[] } = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** Route kinds that carry hostnames. */
const HOSTNAME_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

/** Whether two Gateway API hostnames (either may be a `*.` wildcard) can match one request. */
export function hostnamesIntersect(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const wild = (h: string) => h.startsWith('*.');
  // a wildcard covers names with at least one label in front of its suffix
  const covers = (w: string, h: string) => wild(w) && h.endsWith(w.slice(1)) && h.length > w.length - 1;
  return covers(x, y) || covers(y, x) || (wild(x) && wild(y) && (covers(x, y.slice(2)) || covers(y, x.slice(2))));
}

interface NamespaceLabels {
  /** labels of namespace `ns`, or undefined when the input has no Namespace object for it */
  of(ns: string): { [key: string]: string } | undefined;
}

function namespaceLabels(index: ManifestIndex): NamespaceLabels {
  const m = new Map<string, { [key: string]: string }>();
  for (const n of index.ofKind('Namespace')) m.set(n.name, { ...(n.obj.metadata?.labels ?? {}), 'kubernetes.io/metadata.name': n.name });
  return { of: (ns) => m.get(ns) };
}

/** Why `listener` of `gw` does not take the route, or undefined when it does (or cannot be known). */
function listenerRefuses(route: ObjRef, gw: ObjRef, listener: any, nsLabels: NamespaceLabels): string | undefined {
  const name = `listener ${listener?.name ?? '?'}`;
  const from = listener?.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'Same' && route.ns !== gw.ns) return `${name} admits routes from namespace ${gw.ns} only (allowedRoutes.namespaces.from Same)`;
  if (from === 'None') return `${name} admits no routes (from None)`;
  if (from === 'Selector') {
    const selector = listener?.allowedRoutes?.namespaces?.selector ?? {};
    const labels = nsLabels.of(route.ns);
    const known = labels ?? { 'kubernetes.io/metadata.name': route.ns };
    const needsOnlyName = labels !== undefined || Object.keys(selector.matchLabels ?? {}).every((k) => k === 'kubernetes.io/metadata.name')
      && (selector.matchExpressions ?? []).every((e: any) => e?.key === 'kubernetes.io/metadata.name');
    if (needsOnlyName && !labelSelectorMatches(selector, known)) return `${name} admits namespaces by selector and namespace ${route.ns} does not match it`;
  }
  const kinds: any[] | undefined = listener?.allowedRoutes?.kinds;
  const allowed = Array.isArray(kinds) && kinds.length > 0
    ? kinds.filter((k) => (k?.group ?? GW_GROUP) === GW_GROUP).map((k) => k?.kind)
    : DEFAULT_KINDS[String(listener?.protocol)];
  if (allowed !== undefined && !allowed.includes(route.kind)) return `${name} (${listener?.protocol}) admits ${allowed.join(', ') || 'no'} routes, not ${route.kind}`;
  const routeHosts: string[] = Array.isArray(route.obj.spec?.hostnames) ? route.obj.spec.hostnames.map(String) : [];
  if (HOSTNAME_KINDS.has(route.kind) && typeof listener?.hostname === 'string' && listener.hostname !== '' && routeHosts.length > 0
    && !routeHosts.some((h) => hostnamesIntersect(h, listener.hostname))) {
    return `${name} serves ${listener.hostname}, which none of the route's hostnames (${routeHosts.join(', ')}) match`;
  }
  return undefined;
}

const grantsCache = new WeakMap<ManifestIndex, Map<string, ObjRef[]>>();

/** ReferenceGrants by namespace (once per lint run). */
function grantsByNs(index: ManifestIndex): Map<string, ObjRef[]> {
  let m = grantsCache.get(index);
  if (!m) {
    m = new Map();
    for (const g of gatewayApi(index, 'ReferenceGrant')) {
      let l = m.get(g.ns);
      if (!l) m.set(g.ns, l = []);
      l.push(g);
    }
    grantsCache.set(index, m);
  }
  return m;
}

/** A ReferenceGrant in `toNs` admits `fromKind` in `fromNs` referring to `toGroup`/`toKind` `name`. */
function granted(index: ManifestIndex, fromKind: string, fromNs: string, toNs: string, toGroup: string, toKind: string, name: string): boolean {
  return (grantsByNs(index).get(toNs) ?? []).some((g) => (Array.isArray(g.obj.spec?.from) ? g.obj.spec.from : [])
    .some((f: any) => f?.group === GW_GROUP && f?.kind === fromKind && f?.namespace === fromNs)
    && (Array.isArray(g.obj.spec?.to) ? g.obj.spec.to : []).some((t: any) => (t?.group ?? '') === toGroup && t?.kind === toKind && (t?.name === undefined || t.name === '' || t.name === name)));
}

const nsCache = new WeakMap<ManifestIndex, Map<string, Set<string>>>();

/** The input shows namespace `ns` (an object of the target kind, or a ReferenceGrant, lives there). */
function seesNamespace(index: ManifestIndex, ns: string, kind: string): boolean {
  let byKind = nsCache.get(index);
  if (!byKind) nsCache.set(index, byKind = new Map());
  let set = byKind.get(kind);
  if (!set) byKind.set(kind, set = new Set(index.ofKind(kind).map((o) => o.ns)));
  return set.has(ns) || grantsByNs(index).has(ns);
}

const ATTACH_FIX = 'make a listener admit the route: allowedRoutes.namespaces (from: All, or a Selector matching the route\'s namespace), allowedRoutes.kinds with the route kind, and a listener hostname that the route\'s hostnames match';
const GRANT_FIX = 'add a ReferenceGrant in the target namespace with from {group: gateway.networking.k8s.io, kind: <referring kind>, namespace: <its namespace>} and to {group: "", kind: Service or Secret}';
const CERT_FIX = 'give the listener a hostname (cert-manager puts it in the certificate), tls.mode Terminate and a certificateRef to a Secret in the Gateway\'s namespace';

export const GATEWAY_API_RULES: Rule[] = [
  rule('route-not-accepted', LintSeverity.ERROR,
    'A route attaches to a Gateway listener only when the listener\'s allowedRoutes admit its namespace and kind and their hostnames intersect; otherwise the route is not Accepted and serves nothing, although every schema accepts it.',
    ATTACH_FIX,
    (index, report) => {
      const gateways = new Map(gatewayApi(index, 'Gateway').map((g) => [`${g.ns}/${g.name}`, g]));
      if (gateways.size === 0) return;
      const nsLabels = namespaceLabels(index);
      for (const route of routes(index)) {
        const parents = Array.isArray(route.obj.spec?.parentRefs) ? route.obj.spec.parentRefs : [];
        parents.forEach((p: any, i: number) => {
          if ((p?.group ?? GW_GROUP) !== GW_GROUP || (p?.kind ?? 'Gateway') !== 'Gateway') return;
          const gw = gateways.get(`${typeof p?.namespace === 'string' && p.namespace !== '' ? p.namespace : route.ns}/${p?.name}`);
          if (!gw) return;
          const all: any[] = Array.isArray(gw.obj.spec?.listeners) ? gw.obj.spec.listeners : [];
          const listeners = all.filter((l) => (p.sectionName === undefined || l?.name === p.sectionName)
            && (p.port === undefined || l?.port === p.port));
          if (listeners.length === 0) {
            report(route, `${describe(route)} parentRefs[${i}] names ${p.sectionName !== undefined ? `listener ${p.sectionName}` : `port ${p.port}`} of ${describe(gw)}, which has no such listener: the route is not accepted`,
              ATTACH_FIX, `spec.parentRefs[${i}]`);
            return;
          }
          const reasons = listeners.map((l) => listenerRefuses(route, gw, l, nsLabels));
          if (reasons.some((r) => r === undefined)) return;
          report(route, `${describe(route)} is not accepted by ${describe(gw)}: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? `; and ${reasons.length - 3} more listeners` : ''}`,
            ATTACH_FIX, `spec.parentRefs[${i}]`);
        });
      }
    }),

  rule('reference-grant-missing', LintSeverity.ERROR,
    'A route backendRef or a Gateway certificateRef to another namespace needs a ReferenceGrant in that namespace; without it the reference is not resolved (RefNotPermitted) and the route answers 500 or the listener has no certificate. Reported when the input shows the target namespace (the target object or a ReferenceGrant is there).',
    GRANT_FIX,
    (index, report) => {
      for (const route of routes(index)) {
        const rules = Array.isArray(route.obj.spec?.rules) ? route.obj.spec.rules : [];
        rules.forEach((r: any, ri: number) => {
          (Array.isArray(r?.backendRefs) ? r.backendRefs : []).forEach((b: any, bi: number) => {
            const ns = b?.namespace;
            if (typeof ns !== 'string' || ns === '' || ns === route.ns) return;
            const group = b?.group ?? '';
            const kind = b?.kind ?? 'Service';
            if (!seesNamespace(index, ns, kind) || granted(index, route.kind, route.ns, ns, group, kind, String(b?.name))) return;
            report(route, `${describe(route)} sends to ${kind} ${ns}/${b?.name} in another namespace, and no ReferenceGrant in ${ns} admits ${route.kind}s from ${route.ns}: the backendRef is not resolved (RefNotPermitted)`,
              GRANT_FIX, `spec.rules[${ri}].backendRefs[${bi}]`);
          });
        });
      }
      for (const gw of gatewayApi(index, 'Gateway')) {
        (Array.isArray(gw.obj.spec?.listeners) ? gw.obj.spec.listeners : []).forEach((l: any, li: number) => {
          (Array.isArray(l?.tls?.certificateRefs) ? l.tls.certificateRefs : []).forEach((c: any, ci: number) => {
            const ns = c?.namespace;
            if (typeof ns !== 'string' || ns === '' || ns === gw.ns) return;
            const group = c?.group ?? '';
            const kind = c?.kind ?? 'Secret';
            if (!seesNamespace(index, ns, kind) || granted(index, 'Gateway', gw.ns, ns, group, kind, String(c?.name))) return;
            report(gw, `${describe(gw)} listener ${l?.name} uses ${kind} ${ns}/${c?.name} from another namespace, and no ReferenceGrant in ${ns} admits Gateways from ${gw.ns}: the listener has no certificate (RefNotPermitted)`,
              GRANT_FIX, `spec.listeners[${li}].tls.certificateRefs[${ci}]`);
          });
        });
      }
    }),

  rule('gateway-cert-manager-listener-skipped', LintSeverity.ERROR,
    'cert-manager\'s gateway-shim makes a Certificate for each HTTPS/TLS listener of a Gateway annotated with cert-manager.io/issuer or cluster-issuer, but skips (BadConfig event) a listener without hostname, without certificateRefs, with a certificateRef in another namespace or with a mode other than Terminate: its Secret never appears and the listener serves no TLS.',
    CERT_FIX,
    (index, report) => {
      for (const gw of gatewayApi(index, 'Gateway')) {
        const a = gw.obj.metadata?.annotations ?? {};
        if (!a['cert-manager.io/issuer'] && !a['cert-manager.io/cluster-issuer']) continue;
        (Array.isArray(gw.obj.spec?.listeners) ? gw.obj.spec.listeners : []).forEach((l: any, li: number) => {
          if (l?.protocol !== 'HTTPS' && l?.protocol !== 'TLS') return;
          const refs: any[] = Array.isArray(l?.tls?.certificateRefs) ? l.tls.certificateRefs : [];
          const problem: [string, string] | undefined = typeof l?.hostname !== 'string' || l.hostname === '' ? ['it has no hostname', 'hostname']
            : (l?.tls?.mode ?? 'Terminate') !== 'Terminate' ? [`its tls.mode is ${l.tls.mode}`, 'tls.mode']
              : refs.length === 0 ? ['it has no tls.certificateRefs', 'tls.certificateRefs']
                : refs.some((c) => typeof c?.namespace === 'string' && c.namespace !== '' && c.namespace !== gw.ns)
                  ? ['a certificateRef points to another namespace', 'tls.certificateRefs'] : undefined;
          if (!problem) return;
          report(gw, `${describe(gw)} asks cert-manager for certificates, but its gateway-shim skips listener ${l?.name} because ${problem[0]}: no Certificate is made for it`,
            CERT_FIX, `spec.listeners[${li}].${problem[1]}`);
        });
      }
    }),
];
