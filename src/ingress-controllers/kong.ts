import { ApiObject } from 'cdk8s';
import type { ControllerContext, ControllerStrategy, IngressSettings } from './controller';
import { fail } from '../errors';
import { SPOOFABLE_REQUEST_HEADERS } from '../exposure/request-headers';
import type { AppFacts, NetworkPeer } from '../exposure/way-in';
import type { BackendTlsSupport } from '../internal/backend-tls';
import { checkNodeCidrs, edgePeers } from '../internal/host-network-peers';
import { createsKind, crdPrerequisite } from '../internal/prerequisites';
import { securityHeaderList } from '../internal/security-headers';
import { isDnsLabel, isDnsSubdomain } from '../internal/validation';
import type { Prerequisite } from '../prerequisite';

/** Options for `IngressController.kong()`. */
export interface KongIngressControllerOptions {
  /**
   * IngressClass name of the controller.
   * @default 'kong'
   */
  readonly className?: string;
  /**
   * Namespace the Kong proxy pods run in: the only namespace the app's
   * NetworkPolicy lets in.
   * @default 'kong'
   */
  readonly namespace?: string;
  /**
   * The controller runs with `hostNetwork: true` (e.g. the Helm value
   * `deployment.hostNetwork=true`) and connects to the pods from these node
   * addresses: a host-network pod carries its node's IP, which the
   * namespace-based NetworkPolicy source never matches. The app's
   * NetworkPolicy then admits these CIDR blocks instead of `namespace`.
   * @default - the controller runs in pods of `namespace` (no hostNetwork)
   */
  readonly nodeCidrs?: string[];
}

const ANNOTATION = 'konghq.com/';
/** API version of `KongPlugin` objects (Kong Ingress Controller). */
export const KONG_PLUGIN_API_VERSION = 'configuration.konghq.com/v1';

/**
 * Kong Ingress Controller. Options map to per-Ingress `KongPlugin` objects
 * attached with `konghq.com/plugins` (developer.konghq.com, KIC "Rate Limiting"):
 * - rate limit: plugin `rate-limiting`, `config.second` + `policy: local`
 *   (counters per Kong node) + `limit_by: ip`;
 * - source ranges: plugin `ip-restriction`, `config.allow`;
 * - body size: plugin `request-size-limiting`, `config.allowed_payload_size` +
 *   `size_unit: kilobytes` (units: bytes | kilobytes | megabytes);
 * - request headers: plugin `request-transformer`, `config.remove.headers`,
 *   and for set both `config.replace.headers` (acts only when the client
 *   sent the header) and `config.add.headers` (only when it did not), each
 *   `name:value`; the plugin runs remove, rename, replace, add, append in
 *   that order (developer.konghq.com/plugins/request-transformer);
 * - security response headers: plugin `response-transformer`, the same
 *   replace + add pair;
 * - HTTPS only: `konghq.com/protocols: https` with
 *   `konghq.com/https-redirect-status-code: "301"` (Kong answers 426 by default
 *   on an HTTPS-only route; this turns it into a redirect).
 * @internal
 */
export class KongController implements ControllerStrategy {
  public readonly name = 'kong';
  public readonly setsSecurityHeaders = true;
  /**
   * `konghq.com/protocol: https` on the Service; Kong does not verify upstream certificates unless
   * `konghq.com/tls-verify` with CA certificates registered as Kong entities (KIC 3.4+), which this
   * library does not map yet.
   */
  public readonly backendTls: BackendTlsSupport = {
    edge: 'Kong Ingress controller',
    caSources: [],
    unverifiedReason: 'Kong verifies upstreams only with konghq.com/tls-verify and CA certificate Secrets labelled for Kong, which this library does not map; with konghq.com/protocol: https alone it encrypts without verifying',
  };
  public readonly className: string;
  public readonly namespace: string;

  private readonly nodeCidrs?: string[];

  constructor(options: KongIngressControllerOptions) {
    this.className = options.className ?? 'kong';
    this.namespace = options.namespace ?? 'kong';
    this.nodeCidrs = options.nodeCidrs;
  }

  public validate(app: AppFacts, settings: IngressSettings, prop: string): void {
    if (!isDnsSubdomain(this.className)) fail(app.scope, `${prop}.controller.className`, this.className, 'is not a valid IngressClass name', 'use the metadata.name of your IngressClass');
    if (!isDnsLabel(this.namespace)) fail(app.scope, `${prop}.controller.namespace`, this.namespace, 'is not a valid namespace name', 'use the namespace Kong runs in');
    checkNodeCidrs(app, `${prop}.controller.nodeCidrs`, this.nodeCidrs);
    if (settings.rateLimitBurst !== undefined) {
      fail(app.scope, `${prop}.rateLimit.burst`, settings.rateLimitBurst, "Kong's rate-limiting plugin counts fixed windows and has no burst setting",
        'remove burst (or raise requestsPerSecond)');
    }
    const h = settings.requestHeaders;
    if (h !== undefined) {
      for (const name of [...h.remove, ...h.set.map((x) => x.name)]) {
        if (/^(x-forwarded-|x-real-ip$)/i.test(name)) {
          fail(app.scope, `${prop}.requestHeaders`, name, 'Kong writes the X-Forwarded-* and X-Real-IP headers itself, and the request-transformer plugin cannot change them (developer.konghq.com/plugins/request-transformer)',
            `remove '${name}' from requestHeaders (Kong already overwrites it for clients outside trusted_ips)`);
        }
      }
      for (const { name, value } of h.set) {
        if (value.includes('$(')) {
          fail(app.scope, `${prop}.requestHeaders.set.${name}`, value, 'the request-transformer plugin evaluates $(...) as a template of the incoming request', 'use a literal value without "$("');
        }
      }
    }
  }

  /** `konghq.com/protocol` on the Service: the protocol Kong speaks to the upstream (KIC annotations reference). */
  public backendTlsServiceAnnotations(): Record<string, string> {
    return { 'konghq.com/protocol': 'https' };
  }

  public apply(ctx: ControllerContext): void {
    const { app, settings, ingress } = ctx;
    const plugins: string[] = [];
    const plugin = (suffix: string, pluginName: string, config: Record<string, unknown>) => {
      const name = `${app.name}-${suffix}`;
      new ApiObject(app.scope, `KongPlugin-${suffix}`, {
        apiVersion: KONG_PLUGIN_API_VERSION,
        kind: 'KongPlugin',
        metadata: { name },
        plugin: pluginName,
        config,
      });
      plugins.push(name);
    };
    if (settings.allowSourceRanges.length > 0) plugin('ip-restriction', 'ip-restriction', { allow: settings.allowSourceRanges });
    if (settings.rateLimitRps !== undefined) plugin('rate-limiting', 'rate-limiting', { second: settings.rateLimitRps, policy: 'local', limit_by: 'ip' });
    if (settings.maxRequestBodyKib !== undefined) {
      plugin('request-size-limiting', 'request-size-limiting', { allowed_payload_size: settings.maxRequestBodyKib, size_unit: 'kilobytes' });
    }
    if (settings.requestHeaders !== undefined) {
      const { remove, set } = settings.requestHeaders;
      const pairs = set.map(({ name, value }) => `${name}:${value}`);
      plugin('request-transformer', 'request-transformer', {
        ...(remove.length > 0 ? { remove: { headers: remove } } : {}),
        ...(pairs.length > 0 ? { replace: { headers: pairs }, add: { headers: pairs } } : {}),
      });
    }
    if (settings.securityHeaders !== undefined) {
      // response-transformer: replace acts on a header the app sent, add on one it did not (developer.konghq.com/plugins/response-transformer)
      const pairs = securityHeaderList(settings.securityHeaders).map(({ name, value }) => `${name}:${value}`);
      plugin('response-transformer', 'response-transformer', { replace: { headers: pairs }, add: { headers: pairs } });
    }
    if (plugins.length > 0) ingress.metadata.addAnnotation(`${ANNOTATION}plugins`, plugins.join(','));
    if (settings.tls) {
      ingress.metadata.addAnnotation(`${ANNOTATION}protocols`, 'https');
      ingress.metadata.addAnnotation(`${ANNOTATION}https-redirect-status-code`, '301');
    }
  }

  /**
   * Kong overwrites X-Real-IP and X-Forwarded-* of clients outside
   * `trusted_ips` (and appends to X-Forwarded-For), so the default set is
   * SPOOFABLE_REQUEST_HEADERS.
   */
  public requestHeaderDefaults(): string[] {
    return SPOOFABLE_REQUEST_HEADERS;
  }

  /** The controller's pods, or its nodes when it runs with hostNetwork. */
  public peers(): NetworkPeer[] {
    return edgePeers(this.namespace, undefined, this.nodeCidrs);
  }

  /** The KongPlugin objects need the Kong Ingress Controller's CRDs. */
  public prerequisites(app: AppFacts): Prerequisite[] {
    if (!createsKind(app.scope, 'KongPlugin')) return [];
    return [crdPrerequisite('kongplugins.configuration.konghq.com', 'the app\'s Ingress attaches KongPlugin objects (configuration.konghq.com/v1) with konghq.com/plugins; without Kong\'s CRDs kubectl apply refuses them')];
  }

  public logsCommand(): string {
    return `kubectl logs -n ${this.namespace} -l app.kubernetes.io/name=kong -c proxy --tail=100`;
  }
}
