import type { ControllerContext, ControllerStrategy, IngressSettings } from './controller';
import { fail } from '../errors';
import type { AppFacts, NetworkPeer } from '../exposure/way-in';
import { BackendCaSource, BackendTlsSupport } from '../internal/backend-tls';
import type { ResolvedCanary } from '../internal/canary';
import { checkNodeCidrs, edgePeers } from '../internal/host-network-peers';
import { isDnsLabel, isDnsSubdomain } from '../internal/validation';

/** Options for `IngressController.nginx()`. */
export interface NginxIngressControllerOptions {
  /**
   * IngressClass name of the controller.
   * @default 'nginx'
   */
  readonly className?: string;
  /**
   * Namespace the controller pods run in: the only namespace the app's
   * NetworkPolicy lets in.
   * @default 'ingress-nginx'
   */
  readonly namespace?: string;
  /**
   * The controller runs with `hostNetwork: true` (e.g. the Helm value
   * `controller.hostNetwork=true`) and connects to the pods from these node
   * addresses: a host-network pod carries its node's IP, which the
   * namespace-based NetworkPolicy source never matches. The app's
   * NetworkPolicy then admits these CIDR blocks instead of `namespace`.
   * @default - the controller runs in pods of `namespace` (no hostNetwork)
   */
  readonly nodeCidrs?: string[];
}

const PREFIX = 'nginx.ingress.kubernetes.io/';

/** ingress-nginx annotations that take raw nginx configuration (rated Critical). */
export const NGINX_SNIPPET_ANNOTATIONS = ['configuration-snippet', 'server-snippet', 'stream-snippet', 'auth-snippet', 'modsecurity-snippet'];

/** @internal */
export class NginxController implements ControllerStrategy {
  public readonly name = 'nginx';
  public readonly className: string;
  public readonly namespace: string;
  /** "you can apply only one canary ingress" per host and path (ingress-nginx canary docs) */
  public readonly maxCanaries = 1;
  /**
   * proxy-ssl-secret names a Secret "namespace/secretName" whose ca.crt verifies the
   * backend (kubernetes.github.io/ingress-nginx, annotations "Backend Certificate Authentication").
   */
  public readonly backendTls: BackendTlsSupport = { edge: 'ingress-nginx Ingress controller', caSources: [BackendCaSource.SECRET] };

  private readonly nodeCidrs?: string[];

  constructor(options: NginxIngressControllerOptions) {
    this.className = options.className ?? 'nginx';
    this.namespace = options.namespace ?? 'ingress-nginx';
    this.nodeCidrs = options.nodeCidrs;
  }

  public validate(app: AppFacts, settings: IngressSettings, prop: string): void {
    if (!isDnsSubdomain(this.className)) fail(app.scope, `${prop}.controller.className`, this.className, 'is not a valid IngressClass name', 'use the metadata.name of your IngressClass');
    if (!isDnsLabel(this.namespace)) fail(app.scope, `${prop}.controller.namespace`, this.namespace, 'is not a valid namespace name', 'use the namespace ingress-nginx runs in');
    checkNodeCidrs(app, `${prop}.controller.nodeCidrs`, this.nodeCidrs);
    if (settings.rateLimitRps !== undefined && settings.rateLimitBurst !== undefined && settings.rateLimitBurst % settings.rateLimitRps !== 0) {
      fail(app.scope, `${prop}.rateLimit.burst`, settings.rateLimitBurst,
        `ingress-nginx sets the burst as a multiple of the rate (limit-burst-multiplier), and ${settings.rateLimitBurst} is not a multiple of ${settings.rateLimitRps}`,
        `use a burst that is a multiple of requestsPerSecond, e.g. ${settings.rateLimitRps * 5}`);
    }
    for (const key of Object.keys(settings.annotations)) {
      if (key.startsWith(PREFIX) && NGINX_SNIPPET_ANNOTATIONS.includes(key.slice(PREFIX.length))) {
        fail(app.scope, `${prop}.annotations`, key,
          'snippet annotations inject raw nginx configuration (risk level Critical; disabled by default since ingress-nginx v1.9)',
          'use the typed options (rateLimit, allowSourceRanges, maxRequestBodySize) or configure the controller ConfigMap');
      }
    }
    if (settings.backendTls !== undefined && app.namespace === undefined) {
      fail(app.scope, 'namespace', undefined, 'ingress-nginx names the CA Secret of backendTls as <namespace>/<name> (proxy-ssl-secret), so the namespace must be known at synth time',
        "give the Chart a namespace: new Chart(app, 'shop', { namespace: 'shop' })");
    }
    if (settings.explicitRequestHeaders) {
      fail(app.scope, `${prop}.requestHeaders`, 'set',
        'ingress-nginx removes or sets request headers only with snippet annotations (configuration-snippet: proxy_set_header), which are refused; its proxy-set-headers ConfigMap applies to every Ingress of the controller',
        'filter the headers controller-wide (ConfigMap proxy-set-headers), or use IngressController.traefik(), IngressController.kong(), Exposure.gateway() or Exposure.mesh()');
    }
  }

  public apply(ctx: ControllerContext): void {
    const { settings, ingress } = ctx;
    const a: Record<string, string> = {};
    if (settings.tls) a[`${PREFIX}ssl-redirect`] = 'true';
    if (settings.rateLimitRps !== undefined) {
      a[`${PREFIX}limit-rps`] = String(settings.rateLimitRps);
      if (settings.rateLimitBurst !== undefined) a[`${PREFIX}limit-burst-multiplier`] = String(settings.rateLimitBurst / settings.rateLimitRps);
    }
    if (settings.allowSourceRanges.length > 0) a[`${PREFIX}allowlist-source-range`] = settings.allowSourceRanges.join(',');
    if (settings.maxRequestBodyKib !== undefined) a[`${PREFIX}proxy-body-size`] = `${settings.maxRequestBodyKib}k`;
    const t = settings.backendTls;
    if (t?.ca !== undefined) {
      // backend-protocol HTTPS; proxy_ssl_verify on with proxy_ssl_trusted_certificate from the Secret's ca.crt
      // (a Secret "namespace/name"), proxy_ssl_name and proxy_ssl_server_name (SNI): ingress-nginx annotations
      // "Backend Certificate Authentication" (default proxy-ssl-verify off, proxy-ssl-name the upstream address)
      a[`${PREFIX}backend-protocol`] = 'HTTPS';
      a[`${PREFIX}proxy-ssl-secret`] = `${ctx.app.namespace}/${t.ca.name}`;
      a[`${PREFIX}proxy-ssl-verify`] = 'on';
      a[`${PREFIX}proxy-ssl-name`] = t.hostname!;
      a[`${PREFIX}proxy-ssl-server-name`] = 'on';
    }
    for (const [k, v] of Object.entries(a)) ingress.metadata.addAnnotation(k, v);
  }

  /**
   * ingress-nginx canary annotations (docs: user-guide/nginx-configuration/annotations, "Canary"):
   * precedence header > cookie > weight; other annotations of a canary Ingress are ignored.
   */
  public canaryAnnotations(c: ResolvedCanary): Record<string, string> {
    const a: Record<string, string> = { [`${PREFIX}canary`]: 'true', [`${PREFIX}canary-weight`]: String(c.weight) };
    if (c.header !== undefined) a[`${PREFIX}canary-by-header`] = c.header;
    if (c.headerValue !== undefined) a[`${PREFIX}canary-by-header-value`] = c.headerValue;
    if (c.cookie !== undefined) a[`${PREFIX}canary-by-cookie`] = c.cookie;
    return a;
  }

  /**
   * ingress-nginx sets response headers only controller-wide: HSTS from the
   * controller ConfigMap keys `hsts` (default "true"), `hsts-max-age`,
   * `hsts-include-subdomains`, `hsts-preload`; other headers with
   * `add-headers` (kubernetes.github.io/ingress-nginx, user-guide
   * nginx-configuration/configmap). Per Ingress only through snippets (refused).
   */
  public securityHeadersNote(): string {
    return 'HSTS from the controller ConfigMap (hsts, on by default), the others from its add-headers, for every Ingress';
  }

  /** The controller's pods, or its nodes when it runs with hostNetwork. */
  public peers(): NetworkPeer[] {
    return edgePeers(this.namespace, undefined, this.nodeCidrs);
  }

  public logsCommand(): string {
    return `kubectl logs -n ${this.namespace} -l app.kubernetes.io/name=ingress-nginx --tail=100`;
  }
}
