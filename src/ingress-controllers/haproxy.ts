import type { ControllerContext, ControllerStrategy, IngressSettings } from './controller';
import { fail } from '../errors';
import type { AppFacts, NetworkPeer } from '../exposure/way-in';
import type { BackendTlsSupport } from '../internal/backend-tls';
import type { ResolvedCanary } from '../internal/canary';
import { checkNodeCidrs, edgePeers } from '../internal/host-network-peers';
import { securityHeaderList } from '../internal/security-headers';
import { checkPort, isDnsLabel, isDnsSubdomain } from '../internal/validation';

/** Options for `IngressController.haproxy()`. */
export interface HaproxyIngressControllerOptions {
  /**
   * IngressClass name of the controller. The Helm chart
   * (haproxytech/helm-charts kubernetes-ingress, `controller.ingressClassResource.name`)
   * creates `haproxy`, whose `spec.controller` is
   * `haproxy.org/ingress-controller/haproxy`.
   * @default 'haproxy'
   */
  readonly className?: string;
  /**
   * Namespace the controller pods run in: the only namespace the app's
   * NetworkPolicy lets in (the namespace of upstream's
   * deploy/haproxy-ingress.yaml and of the documented Helm install).
   * @default 'haproxy-controller'
   */
  readonly namespace?: string;
  /**
   * The controller runs with `hostNetwork: true` (e.g. the Helm values
   * `controller.kind=DaemonSet`, `controller.daemonset.useHostNetwork=true`)
   * and connects to the pods from these node addresses: a host-network pod
   * carries its node's IP, which the namespace-based NetworkPolicy source
   * never matches. The app's NetworkPolicy then admits these CIDR blocks
   * instead of `namespace`.
   * @default - the controller runs in pods of `namespace` (no hostNetwork)
   */
  readonly nodeCidrs?: string[];
  /**
   * HTTPS port as clients see it, written to `haproxy.org/ssl-redirect-port`.
   * The controller's own default is 8443 (its `--https-bind-port`, not the
   * port of its Service), so without it the HTTPS redirect sends clients to
   * `https://<host>:8443/`, which a LoadBalancer Service on 443 does not answer.
   * @default 443
   */
  readonly httpsPort?: number;
}

/** Prefix of the controller's annotations (`ingress.kubernetes.io/` and `haproxy.com/` are read too). */
const PREFIX = 'haproxy.org/';
/** Every prefix the controller reads its annotations under (documentation/annotations.md, "Available annotations"). */
const PREFIXES = ['haproxy.org/', 'haproxy.com/', 'ingress.kubernetes.io/'];
/** Annotations that inject raw HAProxy configuration; only backend-config-snippet is read from an Ingress. */
export const HAPROXY_SNIPPET_ANNOTATIONS = ['backend-config-snippet', 'frontend-config-snippet', 'global-config-snippet', 'stats-config-snippet'];

/**
 * HAProxy Kubernetes Ingress Controller (haproxytech/kubernetes-ingress 3.2,
 * documentation/annotations.md, generated from documentation/doc.yaml; the
 * parsing checked in pkg/annotations/ingress/*.go):
 * - HTTPS redirect: `ssl-redirect` (bool, "true"), `ssl-redirect-code`
 *   (301 | 302 | 303, default 302: 301 here, as the other controllers),
 *   `ssl-redirect-port` (integer, default 8443; httpsRedirect.go builds
 *   `https://%[hdr(host)]:<port>%[capture.req.uri]`).
 * - Rate limit: `rate-limit-requests` (integer, requests per source IP during
 *   the period; enables tracking by `src`), `rate-limit-period` (time, e.g.
 *   `1s`, default 1s; utils.ParseTime accepts ms/s/m/h/d suffixes),
 *   `rate-limit-status-code` (default 403: 429 here). HAProxy counts
 *   `http_req_rate` over a sliding period and has no separate burst: a burst
 *   B above the rate R is written as B requests per B/R seconds (same
 *   average rate, B at once), so B must be a whole multiple of R.
 * - Source allowlist: `allow-list` (comma-separated IPs/CIDRs; `whitelist`
 *   is the deprecated name, still read); each entry is checked with Go's
 *   net.ParseIP / net.ParseCIDR (accessControl.go).
 * - Body size: no annotation exists (only `backend-config-snippet`, raw
 *   configuration): `maxRequestBodySize` is refused.
 * - Canary: `route-acl` on the canary's *Service* (service-only annotation,
 *   documentation/canary-deployment.md; pkg/route/route.go AddCustomRoute
 *   writes `use_backend <canary> if { host } { path } { <acl> }` before the
 *   host/path map, while the stable Ingress keeps the map entry and its
 *   rules). The ACL is wrapped in one `{ }`, so it cannot OR a header or a
 *   cookie with the weight: weight only (`rand(100) lt <weight>`).
 * @internal
 */
export class HaproxyController implements ControllerStrategy {
  public readonly name = 'haproxy';
  /**
   * Security response headers per Ingress through `haproxy.org/response-set-header`
   * (documentation/annotations.md, "Response Set Header", controller 3.2:
   * one `Name value` per line, available on configmap and ingress). Request
   * headers cannot be removed per Ingress (`request-set-header` only sets),
   * so `requestHeaders` is refused.
   */
  public readonly setsSecurityHeaders = true;
  public readonly className: string;
  /**
   * `haproxy.org/server-ssl: "true"` makes HAProxy speak TLS to the pods with `verify none` unless
   * `server-ca` names a CA Secret (haproxytech kubernetes-ingress annotations); the verified name is
   * not settable per app, so verification is not mapped here.
   */
  public readonly backendTls: BackendTlsSupport = {
    edge: 'HAProxy Ingress controller',
    caSources: [],
    unverifiedReason: 'haproxy.org/server-ssl speaks TLS with verify none unless server-ca is set, and this library does not map server-ca or the name to verify',
  };
  public readonly namespace: string;
  private readonly nodeCidrs?: string[];
  private readonly httpsPort: number;

  constructor(options: HaproxyIngressControllerOptions) {
    this.className = options.className ?? 'haproxy';
    this.namespace = options.namespace ?? 'haproxy-controller';
    this.nodeCidrs = options.nodeCidrs;
    this.httpsPort = options.httpsPort ?? 443;
  }

  public validate(app: AppFacts, settings: IngressSettings, prop: string): void {
    if (!isDnsSubdomain(this.className)) fail(app.scope, `${prop}.controller.className`, this.className, 'is not a valid IngressClass name', 'use the metadata.name of your IngressClass');
    if (!isDnsLabel(this.namespace)) fail(app.scope, `${prop}.controller.namespace`, this.namespace, 'is not a valid namespace name', 'use the namespace the HAProxy Ingress Controller runs in');
    checkNodeCidrs(app, `${prop}.controller.nodeCidrs`, this.nodeCidrs);
    checkPort(app.scope, `${prop}.controller.httpsPort`, this.httpsPort);
    if (settings.rateLimitRps !== undefined && settings.rateLimitBurst !== undefined && settings.rateLimitBurst % settings.rateLimitRps !== 0) {
      fail(app.scope, `${prop}.rateLimit.burst`, settings.rateLimitBurst,
        `HAProxy limits requests per period (rate-limit-requests per rate-limit-period) with no separate burst; a burst is written as burst requests per burst/rate seconds, and ${settings.rateLimitBurst} is not a multiple of ${settings.rateLimitRps}`,
        `use a burst that is a multiple of requestsPerSecond, e.g. ${settings.rateLimitRps * 5}, or leave burst unset`);
    }
    for (const key of Object.keys(settings.annotations)) {
      const prefix = PREFIXES.find((p) => key.startsWith(p));
      if (prefix !== undefined && HAPROXY_SNIPPET_ANNOTATIONS.includes(key.slice(prefix.length))) {
        fail(app.scope, `${prop}.annotations`, key,
          'config-snippet annotations inject raw HAProxy configuration into the shared proxy (any directive, in every backend of the Ingress)',
          'use the typed options (rateLimit, allowSourceRanges) or configure the controller ConfigMap');
      }
    }
    if (settings.maxRequestBodySize !== undefined) {
      fail(app.scope, `${prop}.maxRequestBodySize`, `${settings.maxRequestBodyKib} KiB`,
        'the HAProxy Ingress Controller has no annotation for a body-size limit (only raw backend-config-snippet configuration)',
        'remove maxRequestBodySize and limit the body in the app, or use IngressController.nginx() / traefik() / kong()');
    }
  }

  /** `haproxy.org/server-ssl` on the Service: HAProxy connects to its pods over TLS (haproxytech annotations, Service scope). */
  public backendTlsServiceAnnotations(): Record<string, string> {
    return { [`${PREFIX}server-ssl`]: 'true' };
  }

  public apply(ctx: ControllerContext): void {
    const { settings, ingress } = ctx;
    const a: Record<string, string> = {};
    if (settings.tls) {
      a[`${PREFIX}ssl-redirect`] = 'true';
      a[`${PREFIX}ssl-redirect-code`] = '301';
      a[`${PREFIX}ssl-redirect-port`] = String(this.httpsPort);
    }
    if (settings.rateLimitRps !== undefined) {
      const burst = settings.rateLimitBurst ?? settings.rateLimitRps;
      a[`${PREFIX}rate-limit-requests`] = String(burst);
      a[`${PREFIX}rate-limit-period`] = `${burst / settings.rateLimitRps}s`;
      a[`${PREFIX}rate-limit-status-code`] = '429';
    }
    if (settings.allowSourceRanges.length > 0) a[`${PREFIX}allow-list`] = settings.allowSourceRanges.join(',');
    if (settings.securityHeaders !== undefined) {
      // values hold spaces and ';' (HSTS): quoted, as in the controller's own example
      a[`${PREFIX}response-set-header`] = securityHeaderList(settings.securityHeaders).map(({ name, value }) => `${name} "${value}"`).join('\n');
    }
    for (const [k, v] of Object.entries(a)) ingress.metadata.addAnnotation(k, v);
  }

  /** The canary Ingress itself carries nothing: the weight is a `route-acl` on the canary's Service. */
  public canaryAnnotations(): Record<string, string> {
    return {};
  }

  /** `route-acl` is a Service annotation (documentation/annotations.md, "Route Acl": available on service). */
  public canaryServiceAnnotations(c: ResolvedCanary): Record<string, string> {
    return { [`${PREFIX}route-acl`]: `rand(100) lt ${c.weight}` };
  }

  /** route-acl takes one ACL, ANDed with host and path: header or cookie routing cannot be ORed with the weight. */
  public validateCanary(app: AppFacts, c: ResolvedCanary, prop: string): void {
    for (const [k, v] of [['header', c.header], ['cookie', c.cookie]] as const) {
      if (v !== undefined) {
        fail(app.scope, `${prop}.${k}`, v,
          'the HAProxy Ingress Controller routes a canary with one route-acl on its Service, ANDed with the host and path, so a header or cookie cannot be added to the weight',
          `remove ${k} (weight only), or use Exposure.gateway({ canary }) or IngressController.nginx()`);
      }
    }
  }

  /** The controller's pods, or its nodes when it runs with hostNetwork. */
  public peers(): NetworkPeer[] {
    return edgePeers(this.namespace, undefined, this.nodeCidrs);
  }

  /**
   * The backend the controller wrote for the app's Service: `<namespace>_svc_<service>_<port name>`
   * (pkg/service/service.go) in /etc/haproxy/haproxy.cfg (pkg/controller/builder.go, in a container).
   */
  public edgeChecks(app: AppFacts): string[] {
    const pod = `$(kubectl get pods -n ${this.namespace} -l app.kubernetes.io/name=kubernetes-ingress -o name | head -n 1)`;
    const backend = `${app.namespace ?? '<namespace>'}_svc_${app.name}_http`;
    return [`kubectl exec -n ${this.namespace} ${pod} -- grep -A8 'backend ${backend}' /etc/haproxy/haproxy.cfg  # no backend: the controller ignored the Ingress (IngressClass, or an annotation it refused: see its logs)`];
  }

  public logsCommand(): string {
    // Helm chart pods: app.kubernetes.io/name=kubernetes-ingress; deploy/haproxy-ingress.yaml: run=haproxy-ingress
    return `kubectl logs -n ${this.namespace} -l app.kubernetes.io/name=kubernetes-ingress --tail=100  # plain manifests: -l run=haproxy-ingress`;
  }
}
