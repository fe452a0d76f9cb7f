import { Lazy } from 'cdk8s';
import type { CanaryOptions } from './canary';
import { RequestHeaderOptions, SPOOFABLE_REQUEST_HEADERS } from './request-headers';
import type { SecurityHeaderOptions } from './security-headers';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
import { fail } from '../errors';
import * as gw from '../imports/gateway-api';
import { canaryShareKey, checkCanary, ResolvedCanary } from '../internal/canary';
import { checkNodeCidrs, edgePeers } from '../internal/host-network-peers';
import { kubePrerequisite } from '../internal/prerequisites';
import { ResolvedRequestHeaders, resolveRequestHeaders } from '../internal/request-headers';
import { resolveSecurityHeaders, securityHeaderList } from '../internal/security-headers';
import { isDnsLabel, isDnsSubdomain } from '../internal/validation';
import type { Prerequisite } from '../prerequisite';

/**
 * A Gateway that already exists (usually shared by many apps and owned by
 * the platform team) to attach the app's HTTPRoute to.
 */
export interface GatewayReference {
  /** metadata.name of the Gateway. */
  readonly name: string;
  /**
   * Namespace of the Gateway. A route from another namespace is attached
   * only when the listener's `allowedRoutes.namespaces` admits the app's
   * namespace (this is not a ReferenceGrant).
   * @default - the app's namespace
   */
  readonly namespace?: string;
  /**
   * The listener (normally the HTTPS one) to attach the route to. Without it
   * the route attaches to every listener, the plain HTTP one included, so it
   * is required unless `allowPlainHttp` is set.
   * @default - none; required unless allowPlainHttp
   */
  readonly sectionName?: string;
  /**
   * The plain-HTTP listener of the Gateway. When set, a second HTTPRoute is
   * attached to it that only redirects the app's host and path to HTTPS (301).
   * @default - no redirect route (the Gateway owner handles plain HTTP)
   */
  readonly httpSectionName?: string;
}

/**
 * Options for `Exposure.gateway()`. Give exactly one of `gateway` (attach to
 * an existing Gateway) and `gatewayClassName` (create a Gateway for the app),
 * or neither for a canary (it rides on its stable app's HTTPRoute).
 */
export interface GatewayExposureOptions {
  /**
   * Attach the app's HTTPRoute to this existing Gateway.
   * @default - none; give gatewayClassName to create a Gateway
   */
  readonly gateway?: GatewayReference;
  /**
   * Create a Gateway of this GatewayClass for the app: an HTTPS listener
   * (port 443) with the app's certificate and an HTTP listener (port 80)
   * whose only route redirects to HTTPS.
   * @default - none; give gateway to attach to an existing Gateway
   */
  readonly gatewayClassName?: string;
  /**
   * Name of the created Gateway.
   * @default - the app's name
   */
  readonly gatewayName?: string;
  /**
   * Namespace of the created Gateway. When it differs from the app's, the
   * listeners admit routes from the app's namespace only, and a certificate
   * from `Tls.fromSecret` is referenced across namespaces with a
   * ReferenceGrant in the app's namespace. With `Tls.certManager`,
   * cert-manager's gateway-shim creates the Certificate, and writes the
   * Secret, in the Gateway's namespace: an `issuer` (namespaced Issuer) must
   * then exist in the Gateway's namespace, and an HTTP-01 solver creates its
   * HTTPRoute there, so the plain-HTTP listener admits routes from the
   * Gateway's namespace as well as the app's (cert-manager.io/docs/usage/gateway;
   * the `gatewayHTTPRoute` solver "will create HTTPRoutes ... in the same
   * namespace as the challenge").
   * @default - the app's namespace
   */
  readonly gatewayNamespace?: string;
  /**
   * Namespace of the Gateway's proxy pods: the only namespace the app's
   * NetworkPolicy lets in. Istio, NGINX Gateway Fabric and kgateway run the
   * proxy next to the Gateway; Envoy Gateway runs it in
   * `envoy-gateway-system`; Cilium's Envoy runs on the nodes (allow the node
   * CIDRs with a NetworkPolicy of your own).
   * @default - the Gateway's namespace
   */
  readonly proxyNamespace?: string;
  /**
   * Labels of the proxy pods, to narrow the NetworkPolicy source.
   * @default - every pod in proxyNamespace
   */
  readonly proxyPodLabels?: { [key: string]: string };
  /**
   * The Gateway's proxies run with `hostNetwork: true` and connect to the
   * pods from these node addresses: a host-network pod carries its node's
   * IP, which a namespace or pod selector never matches. The app's
   * NetworkPolicy then admits these CIDR blocks instead of `proxyNamespace`.
   * @default - the proxies run in pods of proxyNamespace (no hostNetwork)
   */
  readonly proxyNodeCidrs?: string[];
  /**
   * Serve the app over plain HTTP without TLS (no HTTPS listener, or a route
   * on every listener of an existing Gateway). Must be asked for.
   * @default false
   */
  readonly allowPlainHttp?: boolean;
  /**
   * Make this app a canary of another Gateway-exposed app: it gets no route
   * of its own; the stable app's HTTPRoute sends `weight` percent to it
   * (backendRef weights stable 100-w, canary w) and, with `header`, every
   * matching request (a separate rule). Cookies are not supported.
   * @default - not a canary
   */
  readonly canary?: CanaryOptions;
  /**
   * Filter the headers of client requests: a `RequestHeaderModifier` filter
   * (Support: Core) on every rule of the app's HTTPRoute removes the default
   * set of spoofable headers (`SPOOFABLE_REQUEST_HEADERS`) plus `remove`,
   * and sets `set` (at most 16 names each, the CRD's maxItems). Envoy-based
   * implementations (Envoy Gateway, Istio, kgateway, Cilium) pass a client's
   * X-Real-IP, X-Forwarded-Host and X-Forwarded-Port through unchanged, while
   * NGINX Gateway Fabric writes them itself: add them to `remove` on an
   * Envoy-based Gateway. A canary takes its stable app's filter.
   * @default - the default set removed
   */
  readonly requestHeaders?: RequestHeaderOptions;
  /**
   * Security response headers (HSTS, X-Content-Type-Options,
   * X-Frame-Options, Referrer-Policy), sent by default for HTTPS apps with a
   * `ResponseHeaderModifier` filter (`set`) on every rule of the app's
   * HTTPRoute. ResponseHeaderModifier is "Support: Extended" (Envoy Gateway,
   * Istio, NGINX Gateway Fabric and kgateway implement it; an implementation
   * that does not reports the route not Accepted). Turn them off with
   * `{ enabled: false }`. A canary takes its stable app's headers.
   * @default - the defaults of SecurityHeaderOptions for an HTTPS app, none for plain HTTP
   */
  readonly securityHeaders?: SecurityHeaderOptions;
}

const PROP = 'exposure';
const SECTION = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A backend the stable route splits traffic to. */
interface CanaryBackend {
  readonly name: string;
  readonly namespace?: string;
  readonly port: number;
  readonly canary: ResolvedCanary;
}

/** @internal */
export class GatewayWayIn implements WayIn {
  public readonly kind = 'gateway';
  public readonly canary?: CanaryOptions;
  public shareKey?: string;
  /** objects created by bind() */
  public _gateway?: gw.Gateway;
  public _route?: gw.HttpRoute;
  public _redirectRoute?: gw.HttpRoute;
  public readonly _referenceGrants: gw.ReferenceGrant[] = [];
  /** canaries that split the stable route, filled by the canaries' bind() */
  public readonly _canaries: CanaryBackend[] = [];
  private resolvedCanary?: ResolvedCanary;
  private requestHeaders?: ResolvedRequestHeaders;
  private responseHeaders?: { name: string; value: string }[];
  private proxyPeers: NetworkPeer[] = [];

  constructor(private readonly options: GatewayExposureOptions) {
    this.canary = options.canary;
  }

  public validate(app: AppFacts): void {
    const o = this.options;
    const s = app.scope;
    if (o.canary !== undefined) {
      for (const k of ['gateway', 'gatewayClassName', 'gatewayName', 'gatewayNamespace', 'proxyNamespace', 'proxyPodLabels', 'proxyNodeCidrs', 'allowPlainHttp', 'requestHeaders', 'securityHeaders'] as const) {
        if (o[k] !== undefined) fail(s, `${PROP}.${k}`, 'set', "a canary has no route of its own: it is added to its stable app's HTTPRoute and Gateway", `remove ${k} from the canary's exposure`);
      }
      if (o.canary.cookie !== undefined) {
        fail(s, `${PROP}.canary.cookie`, o.canary.cookie, 'Gateway API has no portable cookie match',
          "use header (e.g. header: 'X-Canary'), or Exposure.ingress({ canary }) with ingress-nginx for cookie routing");
      }
      const c = checkCanary(app, `${PROP}.canary`, this.kind, o.canary);
      const stable = c.stable;
      if ((stable.namespace === undefined) !== (app.namespace === undefined)) {
        fail(s, 'namespace', app.namespace, `the stable app's namespace is ${stable.namespace === undefined ? 'unset' : `'${stable.namespace}'`}; a route crossing namespaces needs both known`,
          'give both Charts a namespace (or neither)');
      }
      this.resolvedCanary = c;
      this.shareKey = canaryShareKey(app, o.canary);
      this.proxyPeers = (stable.exposure._wayIn as GatewayWayIn).proxyPeers;
      return;
    }
    if ((o.gateway === undefined) === (o.gatewayClassName === undefined)) {
      fail(s, PROP, o.gateway ? 'gateway+gatewayClassName' : undefined, 'give exactly one of gateway (attach to an existing Gateway) and gatewayClassName (create one)',
        "use Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https' } }) or Exposure.gateway({ gatewayClassName: 'istio' })");
    }
    for (const k of ['gatewayNamespace', 'proxyNamespace'] as const) {
      if (o[k] !== undefined && !isDnsLabel(o[k]!)) fail(s, `${PROP}.${k}`, o[k], 'is not a valid namespace name', 'use a lower-case DNS label');
    }
    for (const [k, v] of Object.entries(o.proxyPodLabels ?? {})) {
      if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(k) || typeof v !== 'string' || !/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/.test(v)) {
        fail(s, `${PROP}.proxyPodLabels.${k}`, v, 'is not a valid label', 'use e.g. { "gateway.networking.k8s.io/gateway-name": "shared" }');
      }
    }
    checkNodeCidrs(app, `${PROP}.proxyNodeCidrs`, o.proxyNodeCidrs);
    if (o.proxyNodeCidrs !== undefined && (o.proxyNamespace !== undefined || o.proxyPodLabels !== undefined)) {
      fail(s, `${PROP}.${o.proxyNamespace !== undefined ? 'proxyNamespace' : 'proxyPodLabels'}`, o.proxyNamespace ?? o.proxyPodLabels,
        'host-network proxies connect from their node addresses, so a namespace or pod selector never matches them',
        'give either proxyNodeCidrs (hostNetwork proxies) or proxyNamespace/proxyPodLabels (proxies in pods)');
    }
    let gatewayNs: string | undefined;
    if (o.gateway !== undefined) {
      const g = o.gateway;
      if (o.gatewayName !== undefined || o.gatewayNamespace !== undefined) {
        fail(s, `${PROP}.${o.gatewayName !== undefined ? 'gatewayName' : 'gatewayNamespace'}`, o.gatewayName ?? o.gatewayNamespace, 'only applies to a Gateway created by the app', 'use gateway.name and gateway.namespace for an existing Gateway');
      }
      if (typeof g.name !== 'string' || !isDnsSubdomain(g.name)) fail(s, `${PROP}.gateway.name`, g.name, 'is not a valid Gateway name', 'use the metadata.name of the Gateway');
      if (g.namespace !== undefined && !isDnsLabel(g.namespace)) fail(s, `${PROP}.gateway.namespace`, g.namespace, 'is not a valid namespace name', 'use the namespace of the Gateway');
      for (const k of ['sectionName', 'httpSectionName'] as const) {
        if (g[k] !== undefined && (!SECTION.test(g[k]!) || g[k]!.length > 253)) fail(s, `${PROP}.gateway.${k}`, g[k], 'is not a listener name', 'use the name of a listener of the Gateway');
      }
      if (app.tls !== undefined) {
        fail(s, 'tls', 'set', "on an existing Gateway the certificate belongs to the Gateway's HTTPS listener, not to the route",
          'remove tls and attach to the HTTPS listener with gateway.sectionName, or create a Gateway with gatewayClassName');
      }
      if (g.sectionName === undefined && !o.allowPlainHttp) {
        fail(s, `${PROP}.gateway.sectionName`, undefined, 'without a listener name the route attaches to every listener, plain HTTP included, and serves cookies in clear text',
          "give the HTTPS listener, e.g. sectionName: 'https', or opt in with allowPlainHttp: true");
      }
      if (g.httpSectionName !== undefined && (o.allowPlainHttp || g.httpSectionName === g.sectionName)) {
        fail(s, `${PROP}.gateway.httpSectionName`, g.httpSectionName, 'the redirect route would compete with the app route on the same listener',
          'give the HTTP listener that should only redirect, different from sectionName, and do not set allowPlainHttp');
      }
      gatewayNs = g.namespace ?? app.namespace;
    } else {
      if (typeof o.gatewayClassName !== 'string' || !isDnsSubdomain(o.gatewayClassName)) {
        fail(s, `${PROP}.gatewayClassName`, o.gatewayClassName, 'is not a valid GatewayClass name', "use the metadata.name of the GatewayClass, e.g. 'istio' or 'eg'");
      }
      if (o.gatewayName !== undefined && !isDnsSubdomain(o.gatewayName)) fail(s, `${PROP}.gatewayName`, o.gatewayName, 'is not a valid Gateway name', "use a lower-case DNS name, e.g. 'shop'");
      if (!app.tls && !o.allowPlainHttp) {
        fail(s, 'tls', undefined, 'a public Gateway without TLS serves passwords and cookies in clear text',
          "set host and tls (e.g. Tls.certManager({ clusterIssuer: 'letsencrypt-prod' })), or opt in with Exposure.gateway({ gatewayClassName, allowPlainHttp: true })");
      }
      if (app.tls && o.allowPlainHttp) {
        fail(s, `${PROP}.allowPlainHttp`, true, 'the app has tls, so plain HTTP is redirected to HTTPS', 'remove allowPlainHttp, or remove tls');
      }
      if (o.gatewayNamespace !== undefined && o.gatewayNamespace !== app.namespace && app.namespace === undefined) {
        fail(s, 'namespace', undefined, "a Gateway in another namespace must admit the app's namespace by name, so it must be known at synth time",
          "give the Chart a namespace: new Chart(app, 'shop', { namespace: 'shop' })");
      }
      gatewayNs = o.gatewayNamespace ?? app.namespace;
    }
    const headers = resolveRequestHeaders(s, `${PROP}.requestHeaders`, o.requestHeaders, SPOOFABLE_REQUEST_HEADERS);
    if (headers.remove.length > 16 || headers.set.length > 16) {
      const k = headers.remove.length > 16 ? 'remove' : 'set';
      fail(s, `${PROP}.requestHeaders.${k}`, `${headers[k].length} headers`,
        `a RequestHeaderModifier filter takes at most 16 names in ${k} (Gateway API HTTPHeaderFilter maxItems)${k === 'remove' ? `, and the default set already has ${SPOOFABLE_REQUEST_HEADERS.length}` : ''}`,
        k === 'remove' ? 'list fewer headers, or keepSpoofableHeaders: true and list the ones you need' : 'set at most 16 headers');
    }
    this.requestHeaders = headers.remove.length > 0 || headers.set.length > 0 ? headers : undefined;
    const security = resolveSecurityHeaders(s, `${PROP}.securityHeaders`, o.securityHeaders, this.https(app));
    this.responseHeaders = security === undefined ? undefined : securityHeaderList(security);
    this.shareKey = canaryShareKey(app);
    const proxyNs = o.proxyNamespace ?? gatewayNs;
    this.proxyPeers = o.proxyNodeCidrs !== undefined ? edgePeers(undefined, undefined, o.proxyNodeCidrs)
      : [proxyNs === undefined ? { podLabels: o.proxyPodLabels ?? {} } : { namespace: proxyNs, podLabels: o.proxyPodLabels }];
  }

  public pod(): PodRequirements {
    return {};
  }

  public service(): ServiceRequirements {
    return { type: 'ClusterIP' };
  }

  public peers(): NetworkPeer[] {
    return this.proxyPeers;
  }

  public bind(app: AppFacts): void {
    if (this.resolvedCanary) return this.bindCanary(app, this.resolvedCanary);
    const o = this.options;
    const scope = app.scope;
    let parent: gw.HttpRouteSpecParentRefs;
    let redirectParent: gw.HttpRouteSpecParentRefs | undefined;
    if (o.gateway) {
      const ns = o.gateway.namespace !== undefined && o.gateway.namespace !== app.namespace ? o.gateway.namespace : undefined;
      parent = { name: o.gateway.name, namespace: ns, sectionName: o.gateway.sectionName };
      if (o.gateway.httpSectionName) redirectParent = { name: o.gateway.name, namespace: ns, sectionName: o.gateway.httpSectionName };
    } else {
      const name = o.gatewayName ?? app.name;
      const gwNs = o.gatewayNamespace !== undefined && o.gatewayNamespace !== app.namespace ? o.gatewayNamespace : undefined;
      const allowedRoutes: gw.GatewaySpecListenersAllowedRoutes = gwNs === undefined
        ? { namespaces: { from: gw.GatewaySpecListenersAllowedRoutesNamespacesFrom.SAME } }
        : { namespaces: { from: gw.GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR, selector: { matchLabels: { 'kubernetes.io/metadata.name': app.namespace! } } } };
      const listeners: gw.GatewaySpecListeners[] = [];
      if (app.tls) {
        const fromSecret = Object.keys(app.tls._annotations()).length === 0;
        const crossSecret = gwNs !== undefined && fromSecret;
        const secretName = app.tls._secretName(app.name);
        listeners.push({
          name: 'https',
          protocol: 'HTTPS',
          port: 443,
          hostname: app.host,
          tls: { mode: gw.GatewaySpecListenersTlsMode.TERMINATE, certificateRefs: [{ group: '', kind: 'Secret', name: secretName, namespace: crossSecret ? app.namespace : undefined }] },
          allowedRoutes,
        });
        if (crossSecret) {
          // The Secret stays with the app; the Gateway may read it only with a grant in the Secret's namespace.
          this._referenceGrants.push(new gw.ReferenceGrant(scope, 'GatewaySecretGrant', {
            metadata: { name: `${name}-gateway-tls`, namespace: app.namespace },
            spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: gwNs }], to: [{ group: '', kind: 'Secret', name: secretName }] },
          }));
        }
      }
      // cert-manager's gateway-shim creates the Certificate in the Gateway's namespace, so the HTTP-01
      // solver's HTTPRoute is created there too ("in the same namespace as the challenge", cert-manager
      // ACMEChallengeSolverHTTP01GatewayHTTPRoute): the plain-HTTP listener must admit that namespace as well.
      const solverNs = gwNs !== undefined && app.tls !== undefined && Object.keys(app.tls._annotations()).length > 0 ? gwNs : undefined;
      const httpAllowedRoutes: gw.GatewaySpecListenersAllowedRoutes = solverNs === undefined ? allowedRoutes : {
        namespaces: {
          from: gw.GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR,
          selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [app.namespace!, solverNs] }] },
        },
      };
      listeners.push({ name: 'http', protocol: 'HTTP', port: 80, hostname: app.host, allowedRoutes: httpAllowedRoutes });
      const annotations = app.tls?._annotations() ?? {};
      this._gateway = new gw.Gateway(scope, 'Gateway', {
        metadata: { name, namespace: gwNs, annotations: Object.keys(annotations).length ? annotations : undefined },
        spec: { gatewayClassName: o.gatewayClassName!, listeners },
      });
      parent = { name, namespace: gwNs, sectionName: app.tls ? 'https' : 'http' };
      if (app.tls) redirectParent = { name, namespace: gwNs, sectionName: 'http' };
    }
    const hostnames = app.host ? [app.host] : undefined;
    const pathMatch = { path: { type: gw.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: app.path } };
    this._route = new gw.HttpRoute(scope, 'HttpRoute', {
      metadata: { name: app.name },
      spec: {
        parentRefs: [parent],
        hostnames,
        rules: Lazy.any({ produce: () => this.rules(app, pathMatch) }) as any,
      },
    });
    if (redirectParent) {
      this._redirectRoute = new gw.HttpRoute(scope, 'HttpRedirectRoute', {
        metadata: { name: `${app.name}-http-redirect` },
        spec: {
          parentRefs: [redirectParent],
          hostnames,
          rules: [{
            matches: [pathMatch],
            filters: [{
              type: gw.HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
              requestRedirect: {
                scheme: gw.HttpRouteSpecRulesFiltersRequestRedirectScheme.HTTPS,
                statusCode: gw.HttpRouteSpecRulesFiltersRequestRedirectStatusCode.VALUE_301,
              },
            }],
          }],
        },
      });
    }
  }

  /** Rules of the stable route: header rules for canaries, then the weighted split. */
  private rules(app: AppFacts, pathMatch: gw.HttpRouteSpecRulesMatches): gw.HttpRouteSpecRules[] {
    const ref = (b: { name: string; namespace?: string; port: number }, weight?: number): gw.HttpRouteSpecRulesBackendRefs =>
      ({ name: b.name, namespace: b.namespace, port: b.port, weight });
    const h = this.requestHeaders;
    const filters: gw.HttpRouteSpecRulesFilters[] = [];
    if (h !== undefined) {
      filters.push({
        type: gw.HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER,
        requestHeaderModifier: { remove: h.remove.length > 0 ? h.remove : undefined, set: h.set.length > 0 ? h.set : undefined },
      });
    }
    if (this.responseHeaders !== undefined) {
      filters.push({ type: gw.HttpRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER, responseHeaderModifier: { set: this.responseHeaders } });
    }
    const rules: gw.HttpRouteSpecRules[] = [];
    for (const c of this._canaries) {
      if (c.canary.header === undefined) continue;
      rules.push({
        matches: [{ ...pathMatch, headers: [{ type: gw.HttpRouteSpecRulesMatchesHeadersType.EXACT, name: c.canary.header, value: c.canary.headerValue ?? 'always' }] }],
        filters: filters.length > 0 ? filters : undefined,
        backendRefs: [ref(c)],
      });
    }
    const self = { name: app.name, port: app.servicePort };
    const weighted = this._canaries.filter((c) => c.canary.weight > 0);
    if (weighted.length === 0) {
      rules.push({ matches: [pathMatch], filters: filters.length > 0 ? filters : undefined, backendRefs: [ref(self)] });
    } else {
      const rest = 100 - weighted.reduce((sum, c) => sum + c.canary.weight, 0);
      const backendRefs = [ref(self, rest), ...weighted.map((c) => ref(c, c.canary.weight))];
      rules.push({ matches: [pathMatch], filters: filters.length > 0 ? filters : undefined, backendRefs });
    }
    return rules;
  }

  private bindCanary(app: AppFacts, c: ResolvedCanary): void {
    const stableWayIn = c.stable.exposure._wayIn as GatewayWayIn;
    const crossNs = app.namespace !== c.stable.namespace;
    stableWayIn._canaries.push({ name: app.name, namespace: crossNs ? app.namespace : undefined, port: app.servicePort, canary: c });
    if (crossNs) {
      // The stable app's route points at this app's Service: allowed only by a grant here.
      this._referenceGrants.push(new gw.ReferenceGrant(app.scope, 'CanaryRouteGrant', {
        metadata: { name: `${app.name}-canary-route` },
        spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: c.stable.namespace! }], to: [{ group: '', kind: 'Service', name: app.name }] },
      }));
    }
  }

  /**
   * An existing Gateway the route attaches to, or the GatewayClass of the
   * Gateway created here (its implementation creates the class; a Gateway of
   * a class nobody serves is never programmed), and the certificate: a
   * `Tls.fromSecret` Secret stays in the app's namespace (a ReferenceGrant is
   * emitted when the Gateway is elsewhere); cert-manager's gateway-shim
   * writes the Secret in the Gateway's namespace, so an Issuer must be there,
   * and cert-manager needs Gateway API support turned on
   * (cert-manager.io/docs/usage/gateway: Helm `config.enableGatewayAPI: true`).
   * A canary uses its stable app's route and Gateway: nothing of its own.
   */
  public prerequisites(app: AppFacts): Prerequisite[] {
    if (this.resolvedCanary) return [];
    const o = this.options;
    const qualified = (ns: string | undefined, name: string) => `${ns ? `${ns}/` : ''}${name}`;
    const route = `HTTPRoute ${qualified(app.namespace, app.name)}`;
    if (o.gateway) {
      return [kubePrerequisite({
        kind: 'Gateway',
        apiVersion: 'gateway.networking.k8s.io/v1',
        resource: 'gateways.gateway.networking.k8s.io',
        name: o.gateway.name,
        namespace: o.gateway.namespace ?? app.namespace,
        why: `${route} attaches to it${o.gateway.sectionName ? ` (listener ${o.gateway.sectionName})` : ''}; without it (or when its listeners do not admit routes from this namespace) the route is never accepted`,
      })];
    }
    const gwNs = o.gatewayNamespace ?? app.namespace;
    const gateway = `Gateway ${qualified(gwNs, o.gatewayName ?? app.name)}`;
    return [
      kubePrerequisite({
        kind: 'GatewayClass',
        apiVersion: 'gateway.networking.k8s.io/v1',
        resource: 'gatewayclasses.gateway.networking.k8s.io',
        name: o.gatewayClassName!,
        why: `${gateway} sets gatewayClassName ${o.gatewayClassName}; the Gateway API implementation creates the class when installed, and a Gateway of a class nobody serves gets no address`,
      }),
      ...(app.tls ? app.tls._prerequisites(app.name, gateway, app.namespace, gwNs, '; cert-manager must run with Gateway API support (Helm config.enableGatewayAPI: true)') : []),
    ];
  }

  /** The route is served over HTTPS: the app's certificate, or an existing Gateway's listener (plain HTTP must be asked for). */
  private https(app: AppFacts): boolean {
    return app.tls !== undefined || (this.options.gateway !== undefined && !this.options.allowPlainHttp);
  }

  public describe(app: AppFacts): AccessInfo {
    const ns = app.namespace ? ` -n ${app.namespace}` : '';
    if (this.resolvedCanary) {
      const c = this.resolvedCanary;
      return {
        url: c.stable._url, // the stable app's listener decides the scheme (plain HTTP when it allows it)
        reach: [`Canary of '${c.stable.node.path}': ${c.weight}% of the requests on its HTTPRoute '${c.stable.name}'`
          + `${c.header ? `, and every request with header ${c.header}: ${c.headerValue ?? 'always'}` : ''}.`],
      };
    }
    const scheme = this.https(app) ? 'https' : 'http';
    const url = app.host ? `${scheme}://${app.host}${app.path}` : undefined;
    const g = this.options.gateway;
    const gwName = g ? g.name : this.options.gatewayName ?? app.name;
    const gwNs = g ? g.namespace ?? app.namespace : this.options.gatewayNamespace ?? app.namespace;
    return {
      url,
      reach: [
        url ? `Open ${url} (DNS for ${app.host} must point at the address of Gateway '${gwName}').` : `Send requests for path ${app.path} to the address of Gateway '${gwName}'.`,
        `kubectl get gateway ${gwName}${gwNs ? ` -n ${gwNs}` : ''}  # ADDRESS column; PROGRAMMED must be True`,
        `kubectl get httproute ${app.name}${ns} -o yaml  # status.parents[].conditions: Accepted and ResolvedRefs must be True`,
      ],
      edgeChecks: [
        `kubectl describe httproute ${app.name}${ns}  # a parent that is not Accepted names the reason (NotAllowedByListeners, NoMatchingListenerHostname, ...)`,
        `kubectl describe gateway ${gwName}${gwNs ? ` -n ${gwNs}` : ''}  # listeners: attached routes and conditions; then the logs of the Gateway's controller (kubectl get gatewayclass: CONTROLLER)`,
      ],
    };
  }
}
