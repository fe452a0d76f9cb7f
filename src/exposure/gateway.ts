import { ApiObject, Lazy } from 'cdk8s';
import type { BackendTls } from './backend-tls';
import type { CanaryOptions } from './canary';
import { apiObjectsOfKind } from '../internal/object-index';
import { attachmentProblem, ListenerFacts } from './gateway-routes/attachment';
import { GatewayMeshOptions } from './gateway-routes/gateway-mesh';
import { GatewayRouteKind } from './gateway-routes/route-kind';
import { RequestHeaderOptions, SPOOFABLE_REQUEST_HEADERS } from './request-headers';
import type { SecurityHeaderOptions } from './security-headers';
import { exposedPorts } from './way-in';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ResolvedPort, ServiceRequirements, WayIn } from './way-in';
import { fail } from '../errors';
import * as gw from '../imports/gateway-api';
import * as istiosec from '../imports/istio-security';
import { BACKEND_TLS_APP_PROTOCOL, BACKEND_TLS_PORT_NAME, BackendCaSource, backendTlsCheck, ResolvedBackendTls, resolveBackendTls } from '../internal/backend-tls';
import { canaryShareKey, checkCanary, ResolvedCanary } from '../internal/canary';
import { checkNodeCidrs, edgePeers } from '../internal/host-network-peers';
import { crdPrerequisite, kubePrerequisite } from '../internal/prerequisites';
import { ResolvedRequestHeaders, resolveRequestHeaders } from '../internal/request-headers';
import { resolveSecurityHeaders, securityHeaderList } from '../internal/security-headers';
import { checkPort, isDnsLabel, isDnsSubdomain, isLabelValue } from '../internal/validation';
import { MeshDataplane } from '../mesh-gateway/mesh-exposure-options';
import { AMBIENT_PROBE_SOURCES, HBONE_PORT, ISTIOD_XDS_PORT } from '../mesh-gateway/mesh-route';
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
  /**
   * Attach through a ListenerSet (`gateway.networking.k8s.io/v1`, standard
   * channel since Gateway API v1.5, GEP-1713): the app creates a ListenerSet
   * named after it in its own namespace, attached to this Gateway, with its
   * own listeners (HTTPS with the app's `tls` certificate and HTTP for the
   * redirect; or the TLS/TCP listener of `routeKind`), and its route attaches
   * to the ListenerSet. The certificate Secret stays in the app's namespace
   * (no ReferenceGrant); with `Tls.certManager` the annotations go on the
   * ListenerSet, which cert-manager reads from v1.20 with its ListenerSet
   * support turned on (cert-manager.io/docs/usage/gateway/#listenerset). The
   * Gateway must admit ListenerSets from the app's namespace in
   * `spec.allowedListeners` (the default admits none), and its
   * implementation must support ListenerSet. `sectionName` and
   * `httpSectionName` do not apply; a `host` is required (a listener without
   * hostname would conflict with the Gateway's own listener on the port).
   * @default false
   */
  readonly listenerSet?: boolean;
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
   * The route kind that carries the app's traffic: HTTPRoute (HTTP), GRPCRoute
   * (gRPC), TLSRoute with a passthrough listener (the pods terminate TLS) or
   * TCPRoute (any TCP protocol). A created Gateway gets the matching listener
   * (HTTPS/HTTP, TLS with `tls.mode: Passthrough`, TCP); on an existing
   * Gateway `gateway.sectionName` must name such a listener. When the Gateway
   * is an object of the same cdk8s App (created by another app or by you), the
   * route is checked against that listener at synth: protocol, allowedRoutes
   * kinds and namespaces, hostname intersection (Gateway API v1.6.1 listener
   * and route `hostnames` rules). A canary uses its stable app's kind.
   * @default GatewayRouteKind.HTTP
   */
  readonly routeKind?: GatewayRouteKind;
  /**
   * Port of the listener of a created Gateway for `GatewayRouteKind.TCP` and
   * `TLS_PASSTHROUGH` (HTTP and gRPC use 443 and 80).
   * @default - TCP: the app's servicePort; TLS passthrough: 443
   */
  readonly listenerPort?: number;
  /**
   * The mesh way in through the Gateway API, on a Gateway of class `istio`:
   * the app's pods join the Istio mesh (sidecar, or ambient), a STRICT
   * PeerAuthentication refuses clients without a mesh certificate, and an
   * AuthorizationPolicy admits only the Gateway proxy's identity
   * (`<trustDomain>/ns/<gateway namespace>/sa/<gateway>-istio`, the service
   * account of Istio's automated Gateway deployment) on the app's port.
   * Canaries get the same policies; traffic is split by backendRef weights.
   * HTTPRoute and GRPCRoute only. The Istio-native path (`MeshGateway` +
   * `Exposure.mesh()`) stays for installs that run the classic ingress gateway.
   * @default - no mesh: the Gateway's proxy connects in plain text
   */
  readonly mesh?: GatewayMeshOptions;
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
  /**
   * The pods serve TLS themselves: a `BackendTLSPolicy`
   * (gateway.networking.k8s.io/v1, standard channel since Gateway API v1.4;
   * schema of v1.6.1) named after the app targets the app's Service port
   * `https` (`targetRefs[].sectionName`), with `validation.hostname` (the
   * SNI and the name verified) and `validation.caCertificateRefs` the
   * ConfigMap `caConfigMap` (key `ca.crt`; a ConfigMap is "Support: Core",
   * other kinds implementation-specific, so `caSecret` is refused). The
   * Service and container ports become `https` with `appProtocol: https`.
   * BackendTLSPolicy is an Extended feature: an implementation without it
   * leaves the policy without status and sends plain HTTP (the NOTES check
   * the policy's `Accepted` condition). HTTPRoute only; a canary may set its
   * own (the policy is per Service). Not with `mesh`: the mesh already
   * encrypts Gateway-to-pod traffic with mutual TLS.
   * @default - the pods serve plain HTTP
   */
  readonly backendTls?: BackendTls;
}

/** Resolved mesh settings of one app. */
interface ResolvedGatewayMesh {
  readonly dataplane: MeshDataplane;
  readonly principal: string;
  readonly serviceAccount: string;
  readonly gatewayName: string;
  readonly gatewayNamespace?: string;
  readonly revision?: string;
  readonly istiodNamespace: string;
}

const PROP = 'exposure';
const GROUP = 'gateway.networking.k8s.io';
/** Service port name per route kind: Istio selects the protocol from it (istio.io docs/ops/configuration/traffic-management/protocol-selection). */
const PORT_NAME: Record<string, string> = { HTTPRoute: 'http', GRPCRoute: 'grpc', TLSRoute: 'tls', TCPRoute: 'tcp', UDPRoute: 'udp' };
/** lower-case resource name for kubectl */
const RESOURCE: Record<string, string> = { HTTPRoute: 'httproute', GRPCRoute: 'grpcroute', TLSRoute: 'tlsroute', TCPRoute: 'tcproute', UDPRoute: 'udproute' };
/** the layer-4 route kind that carries a port of each protocol */
const STREAM_KIND: Record<string, GatewayRouteKind> = { TCP: GatewayRouteKind.TCP, UDP: GatewayRouteKind.UDP };

/** One exposed port of a layer-4 app: its own listener and route. */
interface StreamPort {
  readonly port: ResolvedPort;
  /** TCPRoute or UDPRoute */
  readonly kind: GatewayRouteKind;
  /** listener name (and sectionName): the Service port name */
  readonly listener: string;
  /** port of the listener on a Gateway or ListenerSet created for the app */
  readonly listenerPort: number;
}
const SECTION = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A backend the stable route splits traffic to. */
interface CanaryBackend {
  readonly name: string;
  readonly namespace?: string;
  readonly port: number;
  readonly canary: ResolvedCanary;
  /** layer 4: the canary's Service port per port name of the stable app */
  readonly ports?: Record<string, number>;
}

function backendRef(b: { name: string; namespace?: string; port: number }, weight?: number) {
  return { name: b.name, namespace: b.namespace, port: b.port, weight };
}

/** @internal */
export class GatewayWayIn implements WayIn {
  public readonly kind = 'gateway';
  public readonly canary?: CanaryOptions;
  public shareKey?: string;
  /** objects created by bind() */
  public _gateway?: gw.Gateway;
  public _route?: ApiObject;
  public _redirectRoute?: gw.HttpRoute;
  public _listenerSet?: gw.ListenerSet;
  public readonly _referenceGrants: gw.ReferenceGrant[] = [];
  /** canaries that split the stable route, filled by the canaries' bind() */
  public readonly _canaries: CanaryBackend[] = [];
  private resolvedCanary?: ResolvedCanary;
  private requestHeaders?: ResolvedRequestHeaders;
  private responseHeaders?: { name: string; value: string }[];
  private proxyPeers: NetworkPeer[] = [];
  private backendTls?: ResolvedBackendTls;
  /** the BackendTLSPolicy created by bind() */
  public _backendTlsPolicy?: gw.BackendTlsPolicy;
  /** the mesh settings (a canary's are its stable app's) */
  public _mesh?: ResolvedGatewayMesh;
  /** the route kind (a canary's is its stable app's, set in validate) */
  public routeKind: GatewayRouteKind;
  /** TCP and UDP route kinds: every exposed port with its listener and route kind (set in validate) */
  public _streamPorts: StreamPort[] = [];
  /** every route bind() created (the first is `_route`) */
  public readonly _routes: ApiObject[] = [];

  constructor(private readonly options: GatewayExposureOptions) {
    this.canary = options.canary;
    this.routeKind = options.routeKind ?? GatewayRouteKind.HTTP;
  }

  /**
   * TCP and UDP route kinds forward every exposed TCP and UDP port (a
   * TCPRoute or UDPRoute per port); the other kinds one HTTP or TLS port.
   * A canary follows its stable app's kind.
   */
  public get layer4(): boolean {
    const stable = this.options.canary?.stable as any;
    const kind = this.options.canary !== undefined ? stable?.exposure?._wayIn?.routeKind : this.routeKind;
    return kind === GatewayRouteKind.TCP || kind === GatewayRouteKind.UDP;
  }

  /** TCPRoute or UDPRoute: layer 4, no hostnames, one listener and route per exposed port. */
  private stream(): boolean {
    return this.routeKind === GatewayRouteKind.TCP || this.routeKind === GatewayRouteKind.UDP;
  }

  public validate(app: AppFacts): void {
    if (this.options.canary !== undefined) {
      this.validateCanary(app);
      this.validateBackendTls(app);
      return;
    }
    this.validateRouteKind(app);
    this.validateOwnRoute(app);
    this.validateBackendTls(app);
  }

  /** backendTls: HTTPRoute backends outside the mesh; validated after the route kind is known. */
  private validateBackendTls(app: AppFacts): void {
    const t = this.options.backendTls;
    if (t === undefined) return;
    const prop = `${PROP}.backendTls`;
    if (this.routeKind !== GatewayRouteKind.HTTP) {
      fail(app.scope, prop, 'set', this.routeKind === GatewayRouteKind.GRPC
        ? 'a GRPCRoute backend speaks cleartext HTTP/2 here (appProtocol kubernetes.io/h2c); gRPC over TLS to the pods is not mapped'
        : `a ${this.routeKind} forwards the connection's bytes: the Gateway does not open a TLS connection of its own to the pods`,
      'remove backendTls, or use routeKind HTTP');
    }
    if (this._mesh !== undefined) {
      fail(app.scope, prop, 'set', "with mesh the Gateway's proxy reaches the pods through their sidecar or ztunnel over mutual TLS already; a BackendTLSPolicy would ask it to speak a second TLS layer the sidecar does not terminate",
        'remove backendTls (mesh mTLS encrypts to the pod), or remove mesh');
    }
    this.backendTls = resolveBackendTls(app, prop, t, { edge: 'Gateway API BackendTLSPolicy', caSources: [BackendCaSource.CONFIG_MAP] });
  }

  private validateCanary(app: AppFacts): void {
    const o = this.options;
    const s = app.scope;
    const canary = o.canary!;
    for (const k of ['gateway', 'gatewayClassName', 'gatewayName', 'gatewayNamespace', 'proxyNamespace', 'proxyPodLabels', 'proxyNodeCidrs', 'allowPlainHttp', 'routeKind', 'listenerPort', 'mesh', 'requestHeaders', 'securityHeaders'] as const) {
      if (o[k] !== undefined) fail(s, `${PROP}.${k}`, 'set', "a canary has no route of its own: it is added to its stable app's route and Gateway", `remove ${k} from the canary's exposure`);
    }
    if (canary.cookie !== undefined) {
      fail(s, `${PROP}.canary.cookie`, canary.cookie, 'Gateway API has no portable cookie match',
        "use header (e.g. header: 'X-Canary'), or Exposure.ingress({ canary }) with ingress-nginx for cookie routing");
    }
    const c = checkCanary(app, `${PROP}.canary`, this.kind, canary);
    const stable = c.stable;
    this.routeKind = (stable.exposure._wayIn as GatewayWayIn).routeKind;
    if (canary.header !== undefined && this.routeKind !== GatewayRouteKind.HTTP && this.routeKind !== GatewayRouteKind.GRPC) {
      fail(s, `${PROP}.canary.header`, canary.header, `the stable app's ${this.routeKind} sees no headers (it forwards the TLS or TCP stream)`, 'remove header and split by weight only');
    }
    if ((stable.namespace === undefined) !== (app.namespace === undefined)) {
      fail(s, 'namespace', app.namespace, `the stable app's namespace is ${stable.namespace === undefined ? 'unset' : `'${stable.namespace}'`}; a route crossing namespaces needs both known`,
        'give both Charts a namespace (or neither)');
    }
    if (this.stream()) this.checkCanaryPorts(app, (stable.exposure._wayIn as GatewayWayIn)._streamPorts);
    this.resolvedCanary = c;
    this.shareKey = canaryShareKey(app, canary);
    this.proxyPeers = (stable.exposure._wayIn as GatewayWayIn).proxyPeers;
    this._mesh = (stable.exposure._wayIn as GatewayWayIn)._mesh;
  }

  private validateOwnRoute(app: AppFacts): void {
    const o = this.options;
    const s = app.scope;
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
      if (g.listenerSet) {
        this.validateListenerSet(app, g);
      } else if (app.tls !== undefined && this.terminatesHttp()) {
        fail(s, 'tls', 'set', "on an existing Gateway the certificate belongs to the Gateway's HTTPS listener, not to the route",
          'remove tls and attach to the HTTPS listener with gateway.sectionName, or create a Gateway with gatewayClassName');
      }
      if (g.sectionName === undefined && !this.terminatesHttp() && !g.listenerSet) {
        const proto = this.routeKind === GatewayRouteKind.TCP ? 'TCP' : this.routeKind === GatewayRouteKind.UDP ? 'UDP' : 'TLS';
        fail(s, `${PROP}.gateway.sectionName`, undefined, `without a listener name the ${this.routeKind} attaches to every ${proto} listener of the Gateway, taking ports meant for other apps`,
          `give the listener for this app, e.g. sectionName: '${proto === 'TLS' ? 'tls-passthrough' : `${proto.toLowerCase()}-${app.servicePort}`}'`);
      }
      if (g.sectionName === undefined && !o.allowPlainHttp && !g.listenerSet) {
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
      if (!app.tls && !o.allowPlainHttp && this.terminatesHttp()) {
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
    if (!this.terminatesHttp()) {
      // TLSRoute, TCPRoute and UDPRoute forward bytes: the Gateway sees no HTTP header to filter or add
      for (const k of ['requestHeaders', 'securityHeaders'] as const) {
        if (o[k] !== undefined) fail(s, `${PROP}.${k}`, 'set', `a ${this.routeKind} forwards the connection's bytes: the Gateway sees no HTTP headers`, `remove ${k}, or use routeKind HTTP or GRPC`);
      }
    } else {
      const headers = resolveRequestHeaders(s, `${PROP}.requestHeaders`, o.requestHeaders, SPOOFABLE_REQUEST_HEADERS);
      if (headers.remove.length > 16 || headers.set.length > 16) {
        const k = headers.remove.length > 16 ? 'remove' : 'set';
        fail(s, `${PROP}.requestHeaders.${k}`, `${headers[k].length} headers`,
          `a RequestHeaderModifier filter takes at most 16 names in ${k} (Gateway API HTTPHeaderFilter maxItems)${k === 'remove' ? `, and the default set already has ${SPOOFABLE_REQUEST_HEADERS.length}` : ''}`,
          k === 'remove' ? 'list fewer headers, or keepSpoofableHeaders: true and list the ones you need' : 'set at most 16 headers');
      }
      this.requestHeaders = headers.remove.length > 0 || headers.set.length > 0 ? headers : undefined;
      // gRPC clients are not browsers: security headers only when asked for
      const security = this.routeKind === GatewayRouteKind.HTTP || o.securityHeaders !== undefined
        ? resolveSecurityHeaders(s, `${PROP}.securityHeaders`, o.securityHeaders, this.https(app)) : undefined;
      this.responseHeaders = security === undefined ? undefined : securityHeaderList(security);
    }
    this.shareKey = canaryShareKey(app);
    if (o.gateway !== undefined) this.checkKnownGateway(app, o.gateway);
    const gwName = o.gateway ? o.gateway.name : o.gatewayName ?? app.name;
    if (o.mesh !== undefined) this._mesh = this.validateMesh(app, o.mesh, gwName, gatewayNs);
    const proxyNs = o.proxyNamespace ?? gatewayNs;
    // Istio labels the proxy pods of its automated deployment with the Gateway's name
    const proxyLabels = o.proxyPodLabels ?? (this._mesh ? { 'gateway.networking.k8s.io/gateway-name': gwName } : undefined);
    this.proxyPeers = o.proxyNodeCidrs !== undefined ? edgePeers(undefined, undefined, o.proxyNodeCidrs)
      : [proxyNs === undefined ? { podLabels: proxyLabels ?? {} } : { namespace: proxyNs, podLabels: proxyLabels }];
  }

  /** The mesh option: refused before anything is created. */
  private validateMesh(app: AppFacts, m: GatewayMeshOptions, gwName: string, gwNs: string | undefined): ResolvedGatewayMesh {
    const s = app.scope;
    const o = this.options;
    const at = `${PROP}.mesh`;
    if (!this.terminatesHttp()) {
      fail(s, `${at}`, 'set', `the mesh way in routes HTTP and gRPC; a ${this.routeKind} forwards the stream without the Gateway's HTTP routing`,
        'use routeKind HTTP or GRPC, or remove mesh');
    }
    if (o.gatewayClassName !== undefined && o.gatewayClassName !== 'istio') {
      fail(s, `${PROP}.gatewayClassName`, o.gatewayClassName, "the mesh way in needs Istio's Gateway implementation: its proxy holds the mesh identity the AuthorizationPolicy admits",
        "use gatewayClassName: 'istio'");
    }
    if (o.proxyNodeCidrs !== undefined) {
      fail(s, `${PROP}.proxyNodeCidrs`, o.proxyNodeCidrs, "Istio's Gateway proxies run as pods with a mesh identity, not on the host network", 'remove proxyNodeCidrs');
    }
    const dataplane = m.dataplane ?? MeshDataplane.SIDECAR;
    if (!Object.values(MeshDataplane).includes(dataplane)) {
      fail(s, `${at}.dataplane`, dataplane, 'is not a dataplane mode', 'use MeshDataplane.SIDECAR, SIDECAR_WITH_INIT_CONTAINER or AMBIENT');
    }
    const ack = m.acknowledgePrivilegedNamespace;
    if (dataplane === MeshDataplane.SIDECAR_WITH_INIT_CONTAINER && ack !== true) {
      fail(s, `${at}.acknowledgePrivilegedNamespace`, ack,
        'without Istio CNI the injected istio-init container adds NET_ADMIN and NET_RAW, which Pod Security "baseline" refuses, so the namespace must enforce "privileged"',
        'install the Istio CNI node agent and use MeshDataplane.SIDECAR, or label the namespace pod-security.kubernetes.io/enforce=privileged and pass acknowledgePrivilegedNamespace: true');
    }
    if (dataplane !== MeshDataplane.SIDECAR_WITH_INIT_CONTAINER && ack !== undefined && ack !== false) {
      fail(s, `${at}.acknowledgePrivilegedNamespace`, ack, `the ${dataplane} data plane injects no privileged container`, 'remove acknowledgePrivilegedNamespace');
    }
    const trustDomain = m.trustDomain ?? 'cluster.local';
    if (typeof trustDomain !== 'string' || !isDnsSubdomain(trustDomain)) fail(s, `${at}.trustDomain`, m.trustDomain, 'is not a trust domain', "use the mesh's meshConfig.trustDomain, e.g. 'cluster.local'");
    const serviceAccount = m.serviceAccount ?? `${gwName}-istio`;
    if (typeof serviceAccount !== 'string' || !isDnsSubdomain(serviceAccount)) {
      fail(s, `${at}.serviceAccount`, m.serviceAccount, 'is not a service account name', `use the serviceAccountName of the Gateway's proxy pods, e.g. '${gwName}-istio'`);
    }
    if (m.revision !== undefined && (typeof m.revision !== 'string' || m.revision.length === 0 || !isLabelValue(m.revision))) {
      fail(s, `${at}.revision`, m.revision, 'is not a revision name (a label value)', "use the revision or tag of your istiod install, e.g. 'stable'");
    }
    if (m.revision !== undefined && dataplane === MeshDataplane.AMBIENT) {
      fail(s, `${at}.revision`, m.revision, 'selects the sidecar injector; ambient pods get no sidecar', 'remove revision, or use a sidecar data plane');
    }
    const istiodNamespace = m.istiodNamespace ?? 'istio-system';
    if (typeof istiodNamespace !== 'string' || !isDnsLabel(istiodNamespace)) fail(s, `${at}.istiodNamespace`, m.istiodNamespace, 'is not a namespace name', "use e.g. 'istio-system'");
    if (gwNs === undefined) {
      fail(s, 'namespace', undefined, "the AuthorizationPolicy names the Gateway proxy's identity, which contains the Gateway's namespace, so it must be known at synth time",
        "give the Chart a namespace (new Chart(app, 'shop', { namespace: 'shop' })), or the Gateway's: gateway.namespace / gatewayNamespace");
    }
    return {
      dataplane,
      serviceAccount,
      gatewayName: gwName,
      gatewayNamespace: gwNs,
      revision: m.revision,
      istiodNamespace,
      principal: `${trustDomain}/ns/${gwNs}/sa/${serviceAccount}`,
    };
  }

  /** STRICT mTLS for the app's pods and an ALLOW policy for the Gateway proxy's identity only, on the app's port. */
  private bindMesh(app: AppFacts, m: ResolvedGatewayMesh): void {
    new istiosec.PeerAuthentication(app.scope, 'MeshPeerAuthentication', {
      metadata: { name: app.name },
      spec: { selector: { matchLabels: { ...app.selector } }, mtls: { mode: istiosec.PeerAuthenticationSpecMtlsMode.STRICT } },
    });
    new istiosec.AuthorizationPolicy(app.scope, 'MeshAuthorizationPolicy', {
      metadata: { name: `${app.name}-from-gateway` },
      spec: {
        selector: { matchLabels: { ...app.selector } },
        action: istiosec.AuthorizationPolicySpecAction.ALLOW,
        rules: [{ from: [{ source: { principals: [m.principal] } }], to: [{ operation: { ports: [String(app.port)] } }] }],
      },
    });
  }

  /** Mesh: the pod labels that enrol the pods (sidecar injection or ambient), as for Exposure.mesh(). */
  public pod(): PodRequirements {
    const m = this._mesh;
    if (m === undefined) return {};
    const podLabels: Record<string, string> = m.dataplane === MeshDataplane.AMBIENT
      ? { 'istio.io/dataplane-mode': 'ambient', 'sidecar.istio.io/inject': 'false' }
      : m.revision !== undefined ? { 'istio.io/rev': m.revision } : { 'sidecar.istio.io/inject': 'true' };
    return { podLabels, needsPrivilegedNamespace: m.dataplane === MeshDataplane.SIDECAR_WITH_INIT_CONTAINER || undefined };
  }

  /** A sidecar fetches its configuration and certificate from istiod on TCP 15012. */
  public egress(): NetworkPeer[] {
    const m = this._mesh;
    if (m === undefined || m.dataplane === MeshDataplane.AMBIENT) return [];
    return [{ namespace: m.istiodNamespace, podLabels: { app: 'istiod' }, ports: [ISTIOD_XDS_PORT] }];
  }

  public service(): ServiceRequirements {
    // appProtocol https: the Service says its pods serve TLS (the BackendTLSPolicy tells the Gateway to speak it)
    if (this.backendTls) return { type: 'ClusterIP', portName: BACKEND_TLS_PORT_NAME, appProtocol: BACKEND_TLS_APP_PROTOCOL };
    return { type: 'ClusterIP', portName: PORT_NAME[this.routeKind], appProtocol: this.routeKind === GatewayRouteKind.GRPC ? 'kubernetes.io/h2c' : undefined };
  }

  /** HTTPRoute and GRPCRoute: the Gateway terminates TLS (or serves plain HTTP) and sees hosts and paths. */
  private terminatesHttp(): boolean {
    return this.routeKind === GatewayRouteKind.HTTP || this.routeKind === GatewayRouteKind.GRPC;
  }

  /** What each route kind needs of the app, refused before anything is created. */
  private validateRouteKind(app: AppFacts): void {
    const o = this.options;
    const s = app.scope;
    const k = this.routeKind;
    if (!Object.values(GatewayRouteKind).includes(k)) {
      fail(s, `${PROP}.routeKind`, k, 'is not a route kind', 'use GatewayRouteKind.HTTP, GRPC, TLS_PASSTHROUGH, TCP or UDP');
    }
    if (k !== GatewayRouteKind.HTTP && app.path !== '/') {
      fail(s, 'path', app.path, k === GatewayRouteKind.GRPC ? 'a GRPCRoute matches gRPC services and methods, never URL paths' : `a ${k} forwards whole connections and sees no URL path`,
        "remove path (it defaults to '/')");
    }
    if (o.listenerPort !== undefined) {
      checkPort(s, `${PROP}.listenerPort`, o.listenerPort);
      if (this.terminatesHttp() || (o.gatewayClassName === undefined && !o.gateway?.listenerSet)) {
        fail(s, `${PROP}.listenerPort`, o.listenerPort, 'only sets the port of the TCP, UDP or TLS listener of a Gateway created for the app',
          'remove listenerPort (HTTP and gRPC listen on 443 and 80), or use routeKind TCP, UDP or TLS_PASSTHROUGH with gatewayClassName or gateway.listenerSet');
      }
    }
    if (k === GatewayRouteKind.TLS_PASSTHROUGH || this.stream()) {
      if (app.tls !== undefined) {
        fail(s, 'tls', 'set', this.stream() ? `a ${k} forwards the ${k === GatewayRouteKind.TCP ? 'TCP stream' : 'UDP datagrams'} unchanged: the Gateway holds no certificate`
          : 'with TLS passthrough the pods terminate TLS with their own certificate; the Gateway only reads the SNI',
        'remove tls from the app and serve TLS from the pods (mount the certificate Secret), or use routeKind HTTP/GRPC to terminate TLS at the Gateway');
      }
      if (o.allowPlainHttp !== undefined) {
        fail(s, `${PROP}.allowPlainHttp`, o.allowPlainHttp, `has no meaning for a ${k}: the Gateway neither terminates nor requires TLS`, 'remove allowPlainHttp');
      }
      if (o.gateway?.httpSectionName !== undefined) {
        fail(s, `${PROP}.gateway.httpSectionName`, o.gateway.httpSectionName, `a ${k} has no HTTP to redirect`, 'remove httpSectionName');
      }
    }
    if (k === GatewayRouteKind.TLS_PASSTHROUGH && app.host === undefined) {
      fail(s, 'host', undefined, 'a TLSRoute routes on the SNI hostname of the ClientHello, and its hostnames are required',
        "set host to the name the pods' certificate is for, e.g. host: 'db.example.com'");
    }
    if (this.stream() && app.host !== undefined) {
      fail(s, 'host', app.host, `a ${k} has no hostnames: every ${k === GatewayRouteKind.TCP ? 'connection' : 'datagram'} to the listener port reaches the app, whatever name the client used`,
        k === GatewayRouteKind.TCP ? 'remove host, or use routeKind TLS_PASSTHROUGH to route on the SNI hostname' : 'remove host');
    }
    if (this.stream()) this._streamPorts = this.resolveStreamPorts(app);
  }

  /**
   * Layer 4: a listener and a route per exposed port, a TCPRoute per TCP port
   * and a UDPRoute per UDP port. The public port's protocol is the route
   * kind's; SCTP has no route kind; listeners must differ in port or protocol
   * (Gateway CEL rule "Combination of port, protocol and hostname must be unique").
   */
  private resolveStreamPorts(app: AppFacts): StreamPort[] {
    const o = this.options;
    const s = app.scope;
    const exposed = exposedPorts(app);
    const names = new Set(app.ports.map((p) => p.name));
    const out = exposed.map((p, i): StreamPort => {
      const kind = STREAM_KIND[p.protocol];
      if (kind === undefined) {
        fail(s, p.prop === 'port' ? 'port' : `${p.prop}.protocol`, p.protocol, `the Gateway API has no route kind for ${p.protocol} (TCPRoute and UDPRoute carry TCP and UDP)`,
          'make the port PortAccess.internal(...), or expose the app through a Service-based way in (Exposure.loadBalancer(), nodePort(), ...)');
      }
      if (i === 0 && kind !== this.routeKind) {
        fail(s, `${PROP}.routeKind`, this.routeKind, `the public port ${p.name} is ${p.protocol}, which a ${this.routeKind} cannot carry`,
          `use routeKind GatewayRouteKind.${p.protocol} (further TCP and UDP ports get their own TCPRoute or UDPRoute)`);
      }
      // the Service port name (PublicWebApp names a default 'http' public port after the route kind)
      const listener = i === 0 && p.name === 'http' && !names.has(PORT_NAME[kind]) ? PORT_NAME[kind] : p.name;
      return { port: p, kind, listener, listenerPort: i === 0 ? o.listenerPort ?? p.servicePort : p.servicePort };
    });
    if (out.length > 1 && o.gateway !== undefined && !o.gateway.listenerSet) {
      fail(s, `${out[1].port.prop}.access`, 'exposure', `on an existing Gateway the route attaches to one listener (gateway.sectionName), so port ${out[1].port.name} would be on the Service but no route would reach it`,
        'create a Gateway for the app (gatewayClassName) or a ListenerSet (gateway.listenerSet: true), which get a listener per port; or make the port PortAccess.internal([...])');
    }
    out.forEach((a, i) => {
      const clash = out.findIndex((b) => b.listenerPort === a.listenerPort && b.port.protocol === a.port.protocol);
      if (clash !== i) {
        fail(s, `${PROP}.listenerPort`, a.listenerPort, `ports ${out[clash].port.name} and ${a.port.name} would both get a ${a.port.protocol} listener on port ${a.listenerPort} (listener port and protocol must be unique)`,
          `use another listenerPort for the public port ${out[0].port.name}`);
      }
    });
    return out;
  }

  /** A canary of a layer-4 app serves the same exposed ports (names and protocols), one backend per route. */
  private checkCanaryPorts(app: AppFacts, stablePorts: StreamPort[]): void {
    const mine = exposedPorts(app);
    const key = (p: ResolvedPort) => `${p.name}/${p.protocol}`;
    const want = stablePorts.map((sp) => key(sp.port)).sort();
    const have = mine.map(key).sort();
    if (want.join(',') !== have.join(',')) {
      fail(app.scope, 'ports', have.join(', '), `the stable app's routes forward ${want.join(', ')}; each route's canary backend must be the same port`,
        'expose the same port names and protocols as the stable app');
    }
  }

  /** A ListenerSet carries the app's own listeners: what they need, refused before anything is created. */
  private validateListenerSet(app: AppFacts, g: GatewayReference): void {
    const s = app.scope;
    const o = this.options;
    for (const k of ['sectionName', 'httpSectionName'] as const) {
      if (g[k] !== undefined) fail(s, `${PROP}.gateway.${k}`, g[k], "with listenerSet the route attaches to the app's own ListenerSet listeners", `remove ${k}`);
    }
    if (app.host === undefined && !this.stream()) {
      fail(s, 'host', undefined, "a ListenerSet listener without hostname conflicts with the Gateway's own listener on the same port",
        "set host, e.g. host: 'shop.example.com'");
    }
    if (this.terminatesHttp() && !app.tls && !o.allowPlainHttp) {
      fail(s, 'tls', undefined, 'a public listener without TLS serves passwords and cookies in clear text',
        "set tls (e.g. Tls.fromSecret('shop-tls')), or opt in with allowPlainHttp: true");
    }
    if (app.tls && o.allowPlainHttp) {
      fail(s, `${PROP}.allowPlainHttp`, true, 'the app has tls, so plain HTTP is redirected to HTTPS', 'remove allowPlainHttp, or remove tls');
    }
  }

  /**
   * When the existing Gateway (or its listener) is an object of this cdk8s App,
   * check the route against the listener it names: protocol, allowedRoutes,
   * hostnames. A Gateway outside the App is checked by the cluster only.
   */
  private checkKnownGateway(app: AppFacts, g: GatewayReference): void {
    const ns = g.namespace ?? app.namespace;
    const found = apiObjectsOfKind(app.scope, 'Gateway').find((c) => c.apiGroup === GROUP && c.name === g.name && c.metadata.namespace === ns);
    if (found === undefined) return;
    const spec = found.toJson().spec ?? {};
    if (g.listenerSet) {
      const from = spec.allowedListeners?.namespaces?.from ?? 'None';
      const byName = spec.allowedListeners?.namespaces?.selector?.matchLabels?.['kubernetes.io/metadata.name'];
      if (from === 'None' || (from === 'Same' && app.namespace !== ns) || (from === 'Selector' && byName !== undefined && byName !== app.namespace)) {
        fail(app.scope, `${PROP}.gateway.listenerSet`, true, `Gateway ${ns ? `${ns}/` : ''}${g.name} (${found.node.path}) admits no ListenerSet from namespace ${app.namespace ?? '(default)'} (spec.allowedListeners.namespaces.from: ${from})`,
          "set spec.allowedListeners on the Gateway (e.g. { namespaces: { from: 'All' } }), or attach to one of its listeners with sectionName");
      }
      return;
    }
    const listeners: ListenerFacts[] = (spec.listeners ?? []).map((l: any) => ({ ...l, tlsMode: l.tls?.mode }));
    const passthrough = this.routeKind === GatewayRouteKind.TLS_PASSTHROUGH;
    const route = { kind: this.routeKind, namespace: app.namespace, hostnames: app.host ? [app.host] : [], passthrough };
    for (const [prop, section] of [['sectionName', g.sectionName], ['httpSectionName', g.httpSectionName]] as const) {
      const candidates = section === undefined ? listeners : listeners.filter((l) => l.name === section);
      if (section !== undefined && candidates.length === 0) {
        fail(app.scope, `${PROP}.gateway.${prop}`, section, `Gateway ${ns ? `${ns}/` : ''}${g.name} (${found.node.path}) has no listener of that name`,
          `use one of: ${listeners.map((l) => l.name).join(', ')}`);
      }
      if (section === undefined && prop === 'httpSectionName') continue;
      const kindHere = prop === 'httpSectionName' ? { ...route, kind: 'HTTPRoute' } : route;
      const problems = candidates.map((l) => attachmentProblem(l, kindHere, ns));
      if (problems.every((p) => p !== undefined)) {
        fail(app.scope, `${PROP}.gateway.${prop}`, section, `the ${kindHere.kind} would not be accepted: ${problems.join('; ')}`,
          'attach to a listener whose protocol, allowedRoutes and hostname admit this app, or change the Gateway');
      }
    }
  }

  /** The proxies; in ambient mode over HBONE (TCP 15008) too, and the kubelet probes SNATed by ztunnel. */
  public peers(app: AppFacts): NetworkPeer[] {
    const m = this._mesh;
    if (m === undefined || m.dataplane !== MeshDataplane.AMBIENT) return this.proxyPeers;
    return [
      ...this.proxyPeers.map((p) => ({ ...p, ports: [app.port, HBONE_PORT] })),
      ...AMBIENT_PROBE_SOURCES.map((cidr) => ({ cidr, ports: [app.port] })),
    ];
  }

  public bind(app: AppFacts): void {
    if (this.backendTls) this.bindBackendTls(app, this.backendTls);
    if (this._mesh) this.bindMesh(app, this._mesh);
    if (this.resolvedCanary) return this.bindCanary(app, this.resolvedCanary);
    const o = this.options;
    const scope = app.scope;
    let parent: gw.HttpRouteSpecParentRefs;
    let redirectParent: gw.HttpRouteSpecParentRefs | undefined;
    /** layer 4 on the app's own Gateway or ListenerSet: the parent of one listener */
    let sectionParent: ((sectionName: string) => gw.HttpRouteSpecParentRefs) | undefined;
    if (o.gateway?.listenerSet) {
      const ns = o.gateway.namespace !== undefined && o.gateway.namespace !== app.namespace ? o.gateway.namespace : undefined;
      const listeners = this.listeners(app, app.name, undefined);
      const annotations = app.tls?._annotations() ?? {};
      this._listenerSet = new gw.ListenerSet(scope, 'ListenerSet', {
        metadata: { name: app.name, annotations: Object.keys(annotations).length ? annotations : undefined },
        spec: { parentRef: { name: o.gateway.name, namespace: ns }, listeners: listeners as gw.ListenerSetSpecListeners[] },
      });
      const ref = (sectionName: string) => ({ group: GROUP, kind: 'ListenerSet', name: app.name, sectionName });
      parent = ref(this.terminatesHttp() ? (app.tls ? 'https' : 'http') : listeners[0].name);
      sectionParent = (sectionName) => ref(sectionName);
      if (this.terminatesHttp() && app.tls) redirectParent = ref('http');
    } else if (o.gateway) {
      const ns = o.gateway.namespace !== undefined && o.gateway.namespace !== app.namespace ? o.gateway.namespace : undefined;
      parent = { name: o.gateway.name, namespace: ns, sectionName: o.gateway.sectionName };
      if (o.gateway.httpSectionName) redirectParent = { name: o.gateway.name, namespace: ns, sectionName: o.gateway.httpSectionName };
    } else {
      const name = o.gatewayName ?? app.name;
      const gwNs = o.gatewayNamespace !== undefined && o.gatewayNamespace !== app.namespace ? o.gatewayNamespace : undefined;
      const listeners = this.listeners(app, name, gwNs);
      const annotations = app.tls?._annotations() ?? {};
      this._gateway = new gw.Gateway(scope, 'Gateway', {
        metadata: { name, namespace: gwNs, annotations: Object.keys(annotations).length ? annotations : undefined },
        spec: { gatewayClassName: o.gatewayClassName!, listeners },
      });
      parent = { name, namespace: gwNs, sectionName: this.terminatesHttp() ? (app.tls ? 'https' : 'http') : listeners[0].name };
      sectionParent = (sectionName) => ({ name, namespace: gwNs, sectionName });
      if (app.tls) redirectParent = { name, namespace: gwNs, sectionName: 'http' };
    }
    const hostnames = app.host ? [app.host] : undefined;
    const pathMatch = { path: { type: gw.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: app.path } };
    const metadata = { name: app.name };
    switch (this.routeKind) {
      case GatewayRouteKind.GRPC:
        this._route = new gw.GrpcRoute(scope, 'GrpcRoute', { metadata, spec: { parentRefs: [parent], hostnames, rules: Lazy.any({ produce: () => this.grpcRules(app) }) as any } });
        break;
      case GatewayRouteKind.TLS_PASSTHROUGH:
        this._route = new gw.TlsRoute(scope, 'TlsRoute', { metadata, spec: { parentRefs: [parent], hostnames: [app.host!], rules: Lazy.any({ produce: () => [{ backendRefs: this.backendRefs(app) }] }) as any } });
        break;
      case GatewayRouteKind.TCP:
      case GatewayRouteKind.UDP:
        // a route per exposed port, attached to its own listener (the first is the public port's, named after the app)
        this._streamPorts.forEach((sp, i) => {
          const routeParent = i === 0 ? parent : sectionParent!(sp.listener);
          const id = `${sp.kind === GatewayRouteKind.TCP ? 'TcpRoute' : 'UdpRoute'}${i === 0 ? '' : `-${sp.port.name}`}`;
          const props = { metadata: { name: i === 0 ? app.name : `${app.name}-${sp.port.name}` }, spec: { parentRefs: [routeParent], rules: Lazy.any({ produce: () => [{ backendRefs: this.backendRefs(app, sp.port) }] }) as any } };
          this._routes.push(sp.kind === GatewayRouteKind.TCP ? new gw.TcpRoute(scope, id, props) : new gw.UdpRoute(scope, id, props));
        });
        this._route = this._routes[0];
        break;
      default:
        this._route = new gw.HttpRoute(scope, 'HttpRoute', {
          metadata,
          spec: {
            parentRefs: [parent],
            hostnames,
            rules: Lazy.any({ produce: () => this.rules(app, pathMatch) }) as any,
          },
        });
    }
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

  /**
   * The listeners the app's own Gateway (or ListenerSet) needs for its route kind:
   * HTTPS with the app's certificate and HTTP for the redirect, a passthrough TLS
   * listener, or a TCP listener. `gwNs` is the owner's namespace when it differs from
   * the app's (then the listeners admit the app's namespace by name, and a Secret in
   * the app's namespace is granted to the Gateway).
   */
  private listeners(app: AppFacts, name: string, gwNs: string | undefined): gw.GatewaySpecListeners[] {
    const o = this.options;
    const scope = app.scope;
    const allowedRoutes: gw.GatewaySpecListenersAllowedRoutes = gwNs === undefined
      ? { namespaces: { from: gw.GatewaySpecListenersAllowedRoutesNamespacesFrom.SAME } }
      : { namespaces: { from: gw.GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR, selector: { matchLabels: { 'kubernetes.io/metadata.name': app.namespace! } } } };
    const listeners: gw.GatewaySpecListeners[] = [];
    const streamKinds = [{ group: GROUP, kind: this.routeKind }];
    if (this.routeKind === GatewayRouteKind.TLS_PASSTHROUGH) {
      // the Gateway reads the SNI and forwards the encrypted stream: no certificate here
      listeners.push({
        name: 'tls',
        protocol: 'TLS',
        port: o.listenerPort ?? 443,
        hostname: app.host,
        tls: { mode: gw.GatewaySpecListenersTlsMode.PASSTHROUGH },
        allowedRoutes: { ...allowedRoutes, kinds: streamKinds },
      });
    } else if (this.stream()) {
      // a listener per exposed port, admitting the route kind of its protocol only
      for (const sp of this._streamPorts) {
        const kinds = [{ group: GROUP, kind: sp.kind }];
        listeners.push({ name: sp.listener, protocol: sp.port.protocol, port: sp.listenerPort, allowedRoutes: { ...allowedRoutes, kinds } });
      }
    }
    if (this.terminatesHttp() && app.tls) {
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
    if (this.terminatesHttp()) listeners.push({ name: 'http', protocol: 'HTTP', port: 80, hostname: app.host, allowedRoutes: httpAllowedRoutes });
    return listeners;
  }

  /** Rules of the stable route: header rules for canaries, then the weighted split. */
  private rules(app: AppFacts, pathMatch: gw.HttpRouteSpecRulesMatches): gw.HttpRouteSpecRules[] {
    const filters = this.httpFilters();
    const rules: gw.HttpRouteSpecRules[] = [];
    for (const c of this._canaries) {
      if (c.canary.header === undefined) continue;
      rules.push({
        matches: [{ ...pathMatch, headers: [{ type: gw.HttpRouteSpecRulesMatchesHeadersType.EXACT, name: c.canary.header, value: c.canary.headerValue ?? 'always' }] }],
        filters: filters.length > 0 ? filters : undefined,
        backendRefs: [backendRef(c)],
      });
    }
    rules.push({ matches: [pathMatch], filters: filters.length > 0 ? filters : undefined, backendRefs: this.backendRefs(app) });
    return rules;
  }

  /** RequestHeaderModifier and ResponseHeaderModifier filters of every rule (HTTPRoute and GRPCRoute alike). */
  private httpFilters(): gw.HttpRouteSpecRulesFilters[] {
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
    return filters;
  }

  /** GRPCRoute rules: header rules for canaries, then one rule without matches (every service and method) with the weighted split. */
  private grpcRules(app: AppFacts): gw.GrpcRouteSpecRules[] {
    const http = this.httpFilters();
    // the same two filters, in GRPCRoute's types (both are in its filter enum)
    const filters: gw.GrpcRouteSpecRulesFilters[] | undefined = http.length === 0 ? undefined : http.map((f) =>
      f.type === gw.HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER
        ? { type: gw.GrpcRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, requestHeaderModifier: f.requestHeaderModifier }
        : { type: gw.GrpcRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER, responseHeaderModifier: f.responseHeaderModifier });
    const rules: gw.GrpcRouteSpecRules[] = [];
    for (const c of this._canaries) {
      if (c.canary.header === undefined) continue;
      rules.push({
        matches: [{ headers: [{ type: gw.GrpcRouteSpecRulesMatchesHeadersType.EXACT, name: c.canary.header, value: c.canary.headerValue ?? 'always' }] }],
        filters,
        backendRefs: [backendRef(c)],
      });
    }
    rules.push({ filters, backendRefs: this.backendRefs(app) });
    return rules;
  }

  /** The app's Service, or the weighted split between it and its canaries (weights stable 100-w, canary w). */
  private backendRefs(app: AppFacts, port?: ResolvedPort): { name: string; namespace?: string; port: number; weight?: number }[] {
    const self = { name: app.name, port: port?.servicePort ?? app.servicePort };
    const weighted = this._canaries.filter((c) => c.canary.weight > 0);
    if (weighted.length === 0) return [backendRef(self)];
    const rest = 100 - weighted.reduce((sum, c) => sum + c.canary.weight, 0);
    // layer 4: the canary's Service port of the same name as this route's port
    const canaryPort = (c: CanaryBackend) => (port !== undefined ? c.ports?.[port.name] ?? c.port : c.port);
    return [backendRef(self, rest), ...weighted.map((c) => backendRef({ ...c, port: canaryPort(c) }, c.canary.weight))];
  }

  /** BackendTLSPolicy for the app's Service port `https` (gateway.networking.k8s.io/v1). */
  private bindBackendTls(app: AppFacts, t: ResolvedBackendTls): void {
    this._backendTlsPolicy = new gw.BackendTlsPolicy(app.scope, 'BackendTlsPolicy', {
      metadata: { name: app.name },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: app.name, sectionName: BACKEND_TLS_PORT_NAME }],
        validation: { hostname: t.hostname!, caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: t.ca!.name }] },
      },
    });
  }

  private bindCanary(app: AppFacts, c: ResolvedCanary): void {
    const stableWayIn = c.stable.exposure._wayIn as GatewayWayIn;
    const crossNs = app.namespace !== c.stable.namespace;
    const ports = this.stream() ? Object.fromEntries(exposedPorts(app).map((p) => [p.name, p.servicePort])) : undefined;
    stableWayIn._canaries.push({ name: app.name, namespace: crossNs ? app.namespace : undefined, port: app.servicePort, canary: c, ports });
    if (crossNs) {
      // The stable app's routes point at this app's Service: allowed only by a grant here (one entry per route kind).
      const kinds = this.stream() ? [...new Set(stableWayIn._streamPorts.map((sp) => sp.kind))] : [this.routeKind];
      this._referenceGrants.push(new gw.ReferenceGrant(app.scope, 'CanaryRouteGrant', {
        metadata: { name: `${app.name}-canary-route` },
        spec: { from: kinds.map((kind) => ({ group: GROUP, kind, namespace: c.stable.namespace! })), to: [{ group: '', kind: 'Service', name: app.name }] },
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
    return [...this.routePrerequisites(app), ...this.backendTlsPrerequisites(app)];
  }

  /** The BackendTLSPolicy CRD (standard channel from Gateway API v1.4) and the CA ConfigMap. */
  private backendTlsPrerequisites(app: AppFacts): Prerequisite[] {
    const t = this.backendTls;
    if (t?.ca === undefined) return [];
    const policy = `BackendTLSPolicy ${app.namespace ? `${app.namespace}/` : ''}${app.name}`;
    return [
      crdPrerequisite('backendtlspolicies.gateway.networking.k8s.io',
        `${policy} is gateway.networking.k8s.io/v1 (standard channel since Gateway API v1.4); without the CRD kubectl apply refuses it`),
      kubePrerequisite({
        kind: 'ConfigMap',
        apiVersion: 'v1',
        resource: 'configmap',
        name: t.ca.name,
        namespace: app.namespace,
        why: `${policy} verifies the pods' certificate with the CA in its key ca.crt; a missing ConfigMap or key makes the Gateway answer 5xx (ResolvedRefs False, InvalidCACertificateRef)`,
      }),
    ];
  }

  private routePrerequisites(app: AppFacts): Prerequisite[] {
    if (this.resolvedCanary) return [];
    const o = this.options;
    const qualified = (ns: string | undefined, name: string) => `${ns ? `${ns}/` : ''}${name}`;
    const route = `${this.routeKind} ${qualified(app.namespace, app.name)}`;
    if (o.gateway?.listenerSet) {
      const ls = `ListenerSet ${qualified(app.namespace, app.name)}`;
      return [
        kubePrerequisite({
          kind: 'Gateway',
          apiVersion: 'gateway.networking.k8s.io/v1',
          resource: 'gateways.gateway.networking.k8s.io',
          name: o.gateway.name,
          namespace: o.gateway.namespace ?? app.namespace,
          why: `${ls} attaches to it; its spec.allowedListeners must admit namespace ${app.namespace ?? '(the app\'s)'} (the default admits no ListenerSet), and its implementation must support ListenerSet, or ${route} is never accepted`,
        }),
        ...(app.tls ? app.tls._prerequisites(app.name, ls, app.namespace, app.namespace, '; cert-manager v1.20+ must run with Gateway API and ListenerSet support turned on') : []),
      ];
    }
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

  /** Behind STRICT mTLS a plain pod cannot test the app: ask the Gateway's proxy instead. */
  private meshInClusterCheck(app: AppFacts): string[] | undefined {
    const m = this._mesh;
    if (m === undefined) return undefined;
    return [
      `istioctl proxy-config endpoints -n ${m.gatewayNamespace} deploy/${m.gatewayName}-istio --cluster 'outbound|${app.servicePort}||${app.name}.${app.namespace}.svc.cluster.local'  # STATUS HEALTHY: the Gateway's proxy sees the pods`,
      '  (a plain netshoot pod cannot test this app: STRICT mTLS refuses clients without a mesh certificate and the policies admit only the Gateway)',
    ];
  }

  /** Mesh: what STRICT mTLS and the AuthorizationPolicy need, with this app's names. */
  private meshChecks(app: AppFacts): string[] {
    const m = this._mesh;
    if (m === undefined) return [];
    const n = app.namespace ? ` -n ${app.namespace}` : '';
    const sel = Object.entries(app.selector).map(([k, v]) => `${k}=${v}`).join(',');
    return [
      `kubectl get peerauthentication,authorizationpolicy${n}  # STRICT mTLS refuses clients without a mesh certificate; the ALLOW policy admits only ${m.principal} (403 "RBAC: access denied" otherwise)`,
      `kubectl get deploy -n ${m.gatewayNamespace} -l gateway.networking.k8s.io/gateway-name=${m.gatewayName} -o jsonpath='{.items[*].spec.template.spec.serviceAccountName}'  # must print ${m.serviceAccount} (set mesh.serviceAccount to the printed name)`,
      m.dataplane === MeshDataplane.AMBIENT
        ? `kubectl get pods${n} -l ${sel} -o jsonpath='{.items[*].metadata.annotations.ambient\\.istio\\.io/redirection}'  # 'enabled': ztunnel captures the pods (needs the Istio CNI node agent and ztunnel)`
        : `kubectl get pods${n} -l ${sel} -o jsonpath='{.items[*].spec.containers[*].name}'  # lists istio-proxy: the sidecar was injected${m.revision ? ` by revision ${m.revision}` : ''}`,
    ];
  }

  /** The app's address and how to try it, per route kind. */
  private reachLine(app: AppFacts, gwName: string): { url?: string; first: string } {
    const dns = `DNS for ${app.host} must point at the address of Gateway '${gwName}'`;
    switch (this.routeKind) {
      case GatewayRouteKind.GRPC: {
        const tls = app.tls !== undefined || (this.options.gateway !== undefined && !this.options.allowPlainHttp);
        const port = tls ? 443 : 80;
        const target = `${app.host ?? `<address of Gateway '${gwName}'>`}:${port}`;
        return {
          url: app.host ? `${tls ? 'https' : 'http'}://${app.host}${app.path}` : undefined,
          first: `Call gRPC at ${target}${app.host ? ` (${dns})` : ''}: grpcurl ${tls ? '' : '-plaintext '}${target} list  # needs server reflection; otherwise pass -proto`,
        };
      }
      case GatewayRouteKind.TLS_PASSTHROUGH: {
        const port = this.options.gateway ? undefined : this.options.listenerPort ?? 443;
        const target = `${app.host}:${port ?? '<listener port>'}`;
        return {
          first: `Connect with TLS to ${target} (${dns}; the pods present their own certificate): openssl s_client -connect ${target} -servername ${app.host} </dev/null  # the subject must be the pods' certificate`,
        };
      }
      case GatewayRouteKind.TCP:
      case GatewayRouteKind.UDP:
        return { first: this._streamPorts.map((sp) => this.streamReachLine(sp, gwName)).join('\n') };
      default: {
        const scheme = app.tls || (this.options.gateway && !this.options.allowPlainHttp) ? 'https' : 'http';
        const url = app.host ? `${scheme}://${app.host}${app.path}` : undefined;
        return { url, first: url ? `Open ${url} (${dns}).` : `Send requests for path ${app.path} to the address of Gateway '${gwName}'.` };
      }
    }
  }

  /** How to try one layer-4 port: nc for TCP, dig for DNS over UDP, nc -u otherwise. */
  private streamReachLine(sp: StreamPort, gwName: string): string {
    const port = this.options.gateway ? '<listener port>' : sp.listenerPort;
    const at = `port ${port}/${sp.port.protocol} of the address of Gateway '${gwName}'`;
    const dns = sp.port.port === 53 || sp.port.servicePort === 53 || /dns/.test(sp.port.name);
    if (sp.port.protocol === 'TCP') {
      return dns ? `Query ${at}: dig +tcp @<address> -p ${port} <a name it serves>  # any answer (NOERROR, NXDOMAIN, REFUSED) proves the path`
        : `Connect to ${at}: nc -vz <address> ${port}  # every connection to the listener reaches the app`;
    }
    return dns ? `Query ${at}: dig @<address> -p ${port} <a name it serves>  # any answer (NOERROR, NXDOMAIN, REFUSED) proves the path; UDP has no handshake, so nc -u proves nothing`
      : `Send to ${at}: echo ping | nc -u -w2 <address> ${port}  # UDP has no handshake: only the app's reply proves the path`;
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
        inClusterCheck: this.meshInClusterCheck(app),
        url: c.stable._url, // the stable app's listener decides the scheme (plain HTTP when it allows it)
        reach: [`Canary of '${c.stable.node.path}': ${c.weight}% of the ${this.terminatesHttp() ? 'requests' : 'connections'} on its ${this.routeKind} '${c.stable.name}'`
          + `${c.header ? `, and every request with header ${c.header}: ${c.headerValue ?? 'always'}` : ''}.`],
        edgeChecks: this.backendTlsChecks(app),
      };
    }
    const g = this.options.gateway;
    const gwName = g ? g.name : this.options.gatewayName ?? app.name;
    const gwNs = g ? g.namespace ?? app.namespace : this.options.gatewayNamespace ?? app.namespace;
    const res = RESOURCE[this.routeKind];
    const { url, first } = this.reachLine(app, gwName);
    // layer 4 with several ports: every route, by kind
    const routes = this._streamPorts.length > 1
      ? this._routes.map((r) => `kubectl get ${RESOURCE[r.kind]} ${r.name}${ns} -o yaml  # status.parents[].conditions: Accepted and ResolvedRefs must be True`)
      : [`kubectl get ${res} ${app.name}${ns} -o yaml  # status.parents[].conditions: Accepted and ResolvedRefs must be True`];
    return {
      url,
      inClusterCheck: this.meshInClusterCheck(app),
      reach: [
        ...first.split('\n'),
        `kubectl get gateway ${gwName}${gwNs ? ` -n ${gwNs}` : ''}  # ADDRESS column; PROGRAMMED must be True`,
        ...routes,
      ],
      edgeChecks: [
        `kubectl describe ${res} ${app.name}${ns}  # a parent that is not Accepted names the reason (NotAllowedByListeners, NoMatchingListenerHostname, ...)`,
        `kubectl describe gateway ${gwName}${gwNs ? ` -n ${gwNs}` : ''}  # listeners: attached routes and conditions; then the logs of the Gateway's controller (kubectl get gatewayclass: CONTROLLER)`,
        ...this.meshChecks(app),
        ...this.backendTlsChecks(app),
        ...(g?.listenerSet ? [`kubectl describe listenerset ${app.name}${ns}  # Accepted and Programmed must be True; NotAllowed: the Gateway's spec.allowedListeners does not admit this namespace; Conflicted: a listener clashes on port and hostname`] : []),
      ],
    };
  }

  /** NOTES: the BackendTLSPolicy's status and the pods' certificate. */
  private backendTlsChecks(app: AppFacts): string[] {
    if (this.backendTls === undefined) return [];
    const ns = app.namespace ? ` -n ${app.namespace}` : '';
    return [
      `kubectl get backendtlspolicy ${app.name}${ns} -o yaml  # status.ancestors[].conditions: Accepted and ResolvedRefs must be True; no status at all: the Gateway's implementation does not support BackendTLSPolicy and speaks plain HTTP to the pods`,
      ...backendTlsCheck(app, this.backendTls),
    ];
  }
}
