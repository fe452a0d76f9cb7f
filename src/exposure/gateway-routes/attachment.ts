/**
 * Whether a route can attach to a Gateway listener, by the rules of the
 * Gateway API v1.6.1 (kubernetes-sigs/gateway-api config/crd/standard,
 * field docs of Gateway `spec.listeners[]` and HTTPRoute/TLSRoute
 * `spec.hostnames`): the listener protocol must carry the route kind, the
 * listener's `allowedRoutes` must admit the route's kind and namespace, and
 * when both name hostnames they must intersect (a `*.` label is a suffix
 * match of one or more labels: `*.example.com` matches `a.example.com` and
 * `a.b.example.com`, never `example.com`). A route that fails any of these is
 * not Accepted (reasons NotAllowedByListeners, NoMatchingListenerHostname).
 */

/** The part of a listener (of a Gateway or a ListenerSet) that decides attachment. */
export interface ListenerFacts {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
  readonly hostname?: string;
  readonly tlsMode?: string;
  readonly allowedRoutes?: {
    readonly kinds?: { readonly group?: string; readonly kind: string }[];
    readonly namespaces?: {
      readonly from?: string;
      readonly selector?: {
        readonly matchLabels?: Record<string, string>;
        readonly matchExpressions?: { key: string; operator: string; values?: string[] }[];
      };
    };
  };
}

/** The route side. */
export interface RouteFacts {
  /** HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute */
  readonly kind: string;
  /** route namespace; undefined = the namespace the manifests are applied to */
  readonly namespace?: string;
  readonly hostnames: string[];
  /** the route needs a passthrough TLS listener (the pods terminate TLS) */
  readonly passthrough?: boolean;
}

const KINDS_BY_PROTOCOL: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute', 'TCPRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** Does hostname `a` (listener or route side, maybe `*.`-prefixed) intersect hostname `b`? */
export function hostnamesIntersect(a: string, b: string): boolean {
  const wa = a.startsWith('*.');
  const wb = b.startsWith('*.');
  if (!wa && !wb) return a === b;
  if (wa && !wb) return b.endsWith(a.slice(1));
  if (!wa && wb) return a.endsWith(b.slice(1));
  // two wildcards intersect when one suffix contains the other
  return a.endsWith(b.slice(1)) || b.endsWith(a.slice(1));
}

/**
 * Why the route cannot attach to the listener, or undefined when it can.
 * `gatewayNamespace` is the namespace of the Gateway (or ListenerSet) that owns the listener.
 */
export function attachmentProblem(listener: ListenerFacts, route: RouteFacts, gatewayNamespace: string | undefined): string | undefined {
  const protocol = listener.protocol;
  const carried = KINDS_BY_PROTOCOL[protocol];
  if (carried !== undefined && !carried.includes(route.kind)) {
    return `listener '${listener.name}' has protocol ${protocol}, which carries ${carried.join(' and ')}, not ${route.kind}`;
  }
  if (protocol === 'TLS') {
    const mode = listener.tlsMode ?? 'Terminate';
    if (route.kind === 'TLSRoute' && route.passthrough && mode !== 'Passthrough') {
      return `listener '${listener.name}' terminates TLS (tls.mode ${mode}), so the pods would get plain TCP while they expect the client's TLS; a passthrough TLSRoute needs tls.mode Passthrough`;
    }
    if (route.kind === 'TCPRoute' && mode !== 'Terminate') {
      return `listener '${listener.name}' passes TLS through (tls.mode ${mode}): only a TLSRoute can route on its SNI`;
    }
  }
  const kinds = listener.allowedRoutes?.kinds ?? [];
  if (kinds.length > 0 && !kinds.some((k) => k.kind === route.kind && (k.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io')) {
    return `listener '${listener.name}' allowedRoutes.kinds admits ${kinds.map((k) => k.kind).join(', ')}, not ${route.kind}`;
  }
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'Same' && route.namespace !== gatewayNamespace) {
    return `listener '${listener.name}' admits routes from its own namespace only (allowedRoutes.namespaces.from: Same), and the route is in ${route.namespace ?? 'the default namespace'}, the Gateway in ${gatewayNamespace ?? 'the default namespace'}`;
  }
  if (from === 'Selector' && route.namespace !== undefined) {
    const sel = listener.allowedRoutes?.namespaces?.selector ?? {};
    const nameLabel = 'kubernetes.io/metadata.name';
    const byName = sel.matchLabels?.[nameLabel];
    const expr = (sel.matchExpressions ?? []).find((e) => e.key === nameLabel);
    const refused = (byName !== undefined && byName !== route.namespace)
      || (expr !== undefined && ((expr.operator === 'In' && !(expr.values ?? []).includes(route.namespace))
        || (expr.operator === 'NotIn' && (expr.values ?? []).includes(route.namespace))));
    if (refused) {
      return `listener '${listener.name}' admits routes from the namespaces its allowedRoutes selector picks by ${nameLabel}, and namespace ${route.namespace} is not one of them`;
    }
  }
  if (listener.hostname !== undefined && route.hostnames.length > 0 && KINDS_BY_PROTOCOL[protocol] !== undefined && protocol !== 'TCP' && protocol !== 'UDP') {
    if (!route.hostnames.some((h) => hostnamesIntersect(listener.hostname!, h))) {
      return `listener '${listener.name}' serves hostname ${listener.hostname}, which does not intersect the route's ${route.hostnames.join(', ')} (NoMatchingListenerHostname)`;
    }
  }
  return undefined;
}
