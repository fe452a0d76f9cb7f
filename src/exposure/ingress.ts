import { Size, SizeRoundingBehavior } from 'cdk8s';
import type { BackendTls } from './backend-tls';
import type { CanaryOptions } from './canary';
import type { RequestHeaderOptions } from './request-headers';
import type { SecurityHeaderOptions } from './security-headers';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
import { fail } from '../errors';
import { IngressController, IngressSettings } from '../ingress-controllers/controller';
import { BACKEND_TLS_APP_PROTOCOL, BACKEND_TLS_PORT_NAME, backendTlsCheck, ResolvedBackendTls, resolveBackendTls } from '../internal/backend-tls';
import { canaryShareKey, checkCanary, ResolvedCanary } from '../internal/canary';
import { kplus } from '../internal/plus.generated';
import { kubePrerequisite } from '../internal/prerequisites';
import { refuseRequestHeaders, requestHeadersExplicit, resolveRequestHeaders } from '../internal/request-headers';
import { resolveSecurityHeaders, securityHeadersExplicit } from '../internal/security-headers';
import { checkCidrs, checkInt, isLabelKey } from '../internal/validation';
import type { Prerequisite } from '../prerequisite';

/**
 * Per-client request rate limit at the edge.
 */
export interface RateLimit {
  /** Sustained requests per second allowed from one client IP. */
  readonly requestsPerSecond: number;
  /**
   * Requests a client may send in a burst above the rate.
   * @default - the controller's default (ingress-nginx: 5 x the rate; Traefik: the rate; HAProxy: the rate, counted per second)
   */
  readonly burst?: number;
}

/**
 * Options for `Exposure.ingress()`.
 */
export interface IngressExposureOptions {
  /**
   * The Ingress controller that serves the Ingress.
   * @default IngressController.nginx()
   */
  readonly controller?: IngressController;
  /**
   * Limit the request rate per client IP.
   * @default - no rate limit
   */
  readonly rateLimit?: RateLimit;
  /**
   * Only clients from these CIDR blocks may reach the app.
   * @default - every source address
   */
  readonly allowSourceRanges?: string[];
  /**
   * Largest request body the edge accepts.
   * @default - the controller's default (ingress-nginx: 1 MiB; Traefik: unlimited)
   */
  readonly maxRequestBodySize?: Size;
  /**
   * Serve the app over plain HTTP without TLS. A public Ingress without TLS
   * sends credentials and cookies in clear text, so it must be asked for.
   * @default false
   */
  readonly allowPlainHttp?: boolean;
  /**
   * Extra annotations for the Ingress, for controller features this library
   * does not model. Snippet annotations of ingress-nginx are refused.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Make this app a canary of another Ingress-exposed app on the same host
   * and path: its own Ingress carries the controller's canary settings
   * (ingress-nginx: `nginx.ingress.kubernetes.io/canary*`, at most one canary
   * per host and path; HAProxy: `haproxy.org/route-acl: rand(100) lt <weight>`
   * on the canary's Service, weight only). TLS, redirect, rate limit and allowlist come from the
   * stable app's Ingress, so they cannot be set here.
   * @default - not a canary
   */
  readonly canary?: CanaryOptions;
  /**
   * Filter the headers of client requests at the edge: remove the default
   * set of spoofable client-IP, forwarding and path-override headers
   * (`SPOOFABLE_REQUEST_HEADERS`), plus `remove`, and `set` headers.
   * Traefik: a `headers` Middleware (`customRequestHeaders`, an empty value
   * removes, doc.traefik.io "Headers"); Kong: a `request-transformer`
   * KongPlugin (`remove.headers`, and `replace` + `add` for set: replace acts
   * only on a header the client sent, add only on one it did not;
   * developer.konghq.com). ingress-nginx can do it only with snippet
   * annotations (refused) and an ALB not at all: they refuse an explicit
   * `requestHeaders` and apply no default. On Traefik the default needs the
   * Chart's namespace (Middleware references); without one it is skipped.
   * @default - the default set removed where the controller can filter per app
   */
  readonly requestHeaders?: RequestHeaderOptions;
  /**
   * Security response headers (HSTS, X-Content-Type-Options,
   * X-Frame-Options, Referrer-Policy), sent by default for HTTPS apps.
   * Traefik: a `headers` Middleware (`stsSeconds`, `stsIncludeSubdomains`,
   * `stsPreload`, `contentTypeNosniff`, `frameDeny` /
   * `customFrameOptionsValue`, `referrerPolicy`); Kong: a
   * `response-transformer` KongPlugin (replace + add). ingress-nginx sets them
   * only controller-wide (ConfigMap `hsts*`, on by default, and `add-headers`)
   * and an ALB per load balancer (listener attributes): both skip the default
   * (the NOTES say so) and refuse an explicit `securityHeaders`.
   * Turn them off with `{ enabled: false }`.
   * @default - the defaults of SecurityHeaderOptions for an HTTPS app, none for plain HTTP
   */
  readonly securityHeaders?: SecurityHeaderOptions;
  /**
   * The pods serve TLS themselves: the controller speaks TLS to them and
   * verifies their certificate. The Service and container ports become
   * `https` (`appProtocol: https`).
   * ingress-nginx: `backend-protocol: HTTPS`, `proxy-ssl-verify: "on"`,
   * `proxy-ssl-secret: <ns>/<caSecret>`, `proxy-ssl-name`,
   * `proxy-ssl-server-name: "on"` (kubernetes.github.io/ingress-nginx
   * annotations "Backend Certificate Authentication", controller v1.15; caSecret
   * only; `proxy-ssl-verify-depth` keeps its default 1, so the pods'
   * certificate must be signed directly by the CA in `ca.crt`).
   * Traefik: a `ServersTransport` (traefik.io/v1alpha1, `serverName`,
   * `rootCAs` from the ConfigMap or Secret) named on the Service with
   * `traefik.ingress.kubernetes.io/service.serverstransport` and
   * `service.serversscheme: https` (doc.traefik.io, Kubernetes Ingress
   * provider). Kong (`konghq.com/protocol: https` on the Service), HAProxy
   * (`haproxy.org/server-ssl: "true"`, which writes `verify none`;
   * its `server-ca` checks no hostname) and AWS ALB (`backend-protocol` and
   * `healthcheck-protocol: HTTPS`; an ALB does not validate target
   * certificates) encrypt without verification here: refused unless
   * `acknowledgeUnverified`. A canary must
   * repeat its stable app's backendTls (the controller uses the stable
   * Ingress's backend protocol for both).
   * @default - the pods serve plain HTTP
   */
  readonly backendTls?: BackendTls;
}

const PROP = 'exposure';

/**
 * The annotation prefixes each supported controller reads (their annotation
 * references): an annotation of one controller on an Ingress another one
 * serves does nothing. HAProxy also reads `ingress.kubernetes.io/`, which is
 * not listed since older controllers shared it.
 */
const CONTROLLER_ANNOTATION_PREFIXES: Record<string, string[]> = {
  'nginx': ['nginx.ingress.kubernetes.io/'],
  'traefik': ['traefik.ingress.kubernetes.io/'],
  'kong': ['konghq.com/'],
  'aws-alb': ['alb.ingress.kubernetes.io/'],
  'haproxy': ['haproxy.org/', 'haproxy.com/'],
};
/** Largest body limit accepted (1 TiB): above it the limit means nothing, and the controllers' integer fields overflow. */
const MAX_BODY_KIB = 1024 ** 3;

/** @internal */
export class IngressWayIn implements WayIn {
  public readonly kind = 'ingress';
  public readonly controller: IngressController;
  /** the Ingress created by bind() */
  public _ingress?: kplus.Ingress;
  /** the canary options, read by a canary's checks */
  public readonly canary?: CanaryOptions;
  /** lets a stable app and its canaries share one host + path claim */
  public shareKey?: string;
  private resolvedCanary?: ResolvedCanary;
  private backendTls?: ResolvedBackendTls;

  constructor(private readonly options: IngressExposureOptions) {
    this.controller = options.controller ?? IngressController.nginx();
    this.canary = options.canary;
  }

  public validate(app: AppFacts): void {
    const o = this.options;
    if (o.canary !== undefined) this.validateCanary(app, o.canary);
    this.shareKey = canaryShareKey(app, o.canary);
    if (o.rateLimit !== undefined) {
      checkInt(app.scope, `${PROP}.rateLimit.requestsPerSecond`, o.rateLimit.requestsPerSecond, 1, 1_000_000, 'use a whole number of requests per second greater than 0');
      if (o.rateLimit.requestsPerSecond === undefined) fail(app.scope, `${PROP}.rateLimit.requestsPerSecond`, undefined, 'is required', 'give the sustained rate, e.g. { requestsPerSecond: 20 }');
      checkInt(app.scope, `${PROP}.rateLimit.burst`, o.rateLimit.burst, o.rateLimit.requestsPerSecond, 100_000_000, 'use a burst at least as large as requestsPerSecond');
    }
    const ranges = checkCidrs(app.scope, `${PROP}.allowSourceRanges`, o.allowSourceRanges);
    if (o.allowSourceRanges !== undefined && ranges.length === 0) {
      fail(app.scope, `${PROP}.allowSourceRanges`, o.allowSourceRanges, 'an empty allowlist would block every client', 'list the CIDR blocks to let in, or leave allowSourceRanges unset');
    }
    if (o.maxRequestBodySize !== undefined) {
      const kib = o.maxRequestBodySize instanceof Size ? o.maxRequestBodySize.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) : NaN;
      if (!(kib >= 1 && kib <= MAX_BODY_KIB)) {
        fail(app.scope, `${PROP}.maxRequestBodySize`, Number.isNaN(kib) ? String(kib) : `${kib} KiB`, 'must be from 1 KiB to 1 TiB', 'use e.g. Size.mebibytes(8), or leave it unset for no limit');
      }
    }
    if (!app.tls && !o.allowPlainHttp && o.canary === undefined && !this.controller._strategy.certificateOutsideCluster) {
      fail(app.scope, 'tls', undefined, 'a public Ingress without TLS serves passwords and cookies in clear text',
        "set host and tls (e.g. Tls.certManager({ clusterIssuer: 'letsencrypt-prod' })), or opt in with Exposure.ingress({ allowPlainHttp: true })");
    }
    for (const [k, v] of Object.entries(o.annotations ?? {})) {
      if (!isLabelKey(k)) { // a qualified name: optional DNS-subdomain prefix, name of at most 63 characters
        fail(app.scope, `${PROP}.annotations`, k, 'is not a valid annotation key', 'use prefix/name, e.g. example.com/my-key');
      }
      if (typeof v !== 'string') fail(app.scope, `${PROP}.annotations.${k}`, v, 'annotation values must be strings', `write "${String(v)}"`);
      const owner = Object.entries(CONTROLLER_ANNOTATION_PREFIXES).find(([, prefixes]) => prefixes.some((p) => k.startsWith(p)));
      if (owner !== undefined && owner[0] !== this.controller._strategy.name) {
        fail(app.scope, `${PROP}.annotations`, k, `is an annotation of the ${owner[0]} Ingress controller; the ${this.controller._strategy.name} controller serves this Ingress and ignores it, so the setting silently does nothing`,
          `use the ${this.controller._strategy.name} controller's own annotation (or the library's option for it), or choose IngressController.${owner[0] === 'aws-alb' ? 'awsAlb' : owner[0]}()`);
      }
    }
    const strategy = this.controller._strategy;
    if (o.backendTls !== undefined) this.backendTls = resolveBackendTls(app, `${PROP}.backendTls`, o.backendTls, strategy.backendTls);
    strategy.validate(app, this.settings(app), PROP);
    if (requestHeadersExplicit(o.requestHeaders) && strategy.requestHeaderDefaults === undefined) {
      refuseRequestHeaders(app.scope, `${PROP}.requestHeaders`, `the ${strategy.name} Ingress controller`, '');
    }
    if (securityHeadersExplicit(o.securityHeaders) && strategy.setsSecurityHeaders !== true && o.canary === undefined) {
      fail(app.scope, `${PROP}.securityHeaders`, 'set', `the ${strategy.name} Ingress controller cannot set security response headers per app${strategy.securityHeadersNote ? ` (${strategy.securityHeadersNote()})` : ''}`,
        'remove securityHeaders and set them in the controller\'s global configuration, or use IngressController.traefik(), IngressController.kong(), Exposure.gateway() or Exposure.mesh()');
    }
  }

  public pod(): PodRequirements {
    return {};
  }

  public service(app: AppFacts): ServiceRequirements {
    const s = this.controller._strategy;
    const canary = this.resolvedCanary;
    const tls = this.backendTls;
    const annotations = {
      ...(canary && s.canaryServiceAnnotations ? s.canaryServiceAnnotations(canary) : {}),
      ...(tls && s.backendTlsServiceAnnotations ? s.backendTlsServiceAnnotations(app, tls) : {}),
    };
    return {
      type: s.serviceType ?? 'ClusterIP',
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      portName: tls ? BACKEND_TLS_PORT_NAME : undefined,
      appProtocol: tls ? BACKEND_TLS_APP_PROTOCOL : undefined,
    };
  }

  public peers(): NetworkPeer[] {
    const s = this.controller._strategy;
    if (s.peers) return s.peers();
    return [{ namespace: s.namespace, podLabels: s.podLabels }];
  }

  public bind(app: AppFacts): void {
    const scope = app.scope;
    const settings = this.settings(app);
    const service = scope.service;
    const canary = this.resolvedCanary;
    const ingress = new kplus.Ingress(scope, 'Ingress', {
      metadata: {
        name: app.name,
        annotations: {
          ...this.options.annotations,
          ...app.tls?._annotations(),
          ...(canary ? this.controller._strategy.canaryAnnotations!(canary) : {}),
        },
      },
      className: this.controller.className,
    });
    const backend = kplus.IngressBackend.fromService(service, { port: app.servicePort });
    if (app.host) ingress.addHostRule(app.host, app.path, backend, kplus.HttpIngressPathType.PREFIX);
    else ingress.addRule(app.path, backend, kplus.HttpIngressPathType.PREFIX);
    if (canary) {
      // TLS, redirect and limits come from the stable app's Ingress.
      this._ingress = ingress;
      return;
    }
    if (app.tls && app.host) {
      ingress.addTls([{ hosts: [app.host], secret: kplus.Secret.fromSecretName(scope, 'TlsSecret', app.tls._secretName(app.name)) }]);
    }
    this.controller._strategy.apply({ app, settings, ingress, service, servicePort: app.servicePort });
    this._ingress = ingress;
  }

  /**
   * The IngressClass (each controller's install creates it; a controller
   * serves only Ingresses of its class), the TLS Secret or cert-manager
   * issuer (ingress-shim reads the Ingress's annotations and writes the Secret
   * in the Ingress's namespace), and what the controller's own objects need.
   */
  public prerequisites(app: AppFacts): Prerequisite[] {
    const s = this.controller._strategy;
    const ingress = `Ingress ${app.namespace ? `${app.namespace}/` : ''}${app.name}`;
    return [
      kubePrerequisite({
        kind: 'IngressClass',
        apiVersion: 'networking.k8s.io/v1',
        resource: 'ingressclass',
        name: this.controller.className,
        why: `${ingress} sets spec.ingressClassName ${this.controller.className}; the ${s.name} controller serves only Ingresses of an IngressClass that names it, created when the controller is installed`,
      }),
      ...(s.prerequisites?.(app) ?? []),
      ...this.backendTlsPrerequisites(app, ingress),
      // a canary's TLS comes from its stable app's Ingress
      ...(app.tls && app.host && !this.resolvedCanary ? app.tls._prerequisites(app.name, ingress, app.namespace, app.namespace) : []),
    ];
  }

  /** The CA ConfigMap or Secret the controller verifies the pods' certificate with. */
  private backendTlsPrerequisites(app: AppFacts, ingress: string): Prerequisite[] {
    const ca = this.backendTls?.ca;
    if (ca === undefined) return [];
    return [kubePrerequisite({
      kind: ca.kind,
      apiVersion: 'v1',
      resource: ca.kind === 'Secret' ? 'secret' : 'configmap',
      name: ca.name,
      namespace: app.namespace,
      why: `the ${this.controller.name} controller verifies the certificate of the pods behind ${ingress} with the CA in its key ca.crt (backendTls)`,
    })];
  }

  private validateCanary(app: AppFacts, c: CanaryOptions): void {
    const strategy = this.controller._strategy;
    const prop = `${PROP}.canary`;
    if (strategy.canaryAnnotations === undefined) {
      fail(app.scope, prop, strategy.name, `the ${strategy.name} Ingress controller cannot split traffic between two Ingresses for one host and path`,
        'use Exposure.gateway({ canary }) (Gateway API backendRef weights) or IngressController.nginx()');
    }
    const o = this.options;
    for (const [k, v] of [['rateLimit', o.rateLimit], ['allowSourceRanges', o.allowSourceRanges], ['maxRequestBodySize', o.maxRequestBodySize], ['requestHeaders', o.requestHeaders], ['securityHeaders', o.securityHeaders]] as const) {
      if (v !== undefined) {
        fail(app.scope, `${PROP}.${k}`, 'set', `the controller applies the stable app's ${k} to its canary and ignores it on the canary Ingress`,
          `set ${k} on the stable app's exposure and remove it here`);
      }
    }
    if (o.allowPlainHttp) fail(app.scope, `${PROP}.allowPlainHttp`, true, "a canary follows its stable app's TLS setting", 'remove allowPlainHttp from the canary');
    const resolved = checkCanary(app, prop, this.kind, c, strategy.maxCanaries);
    strategy.validateCanary?.(app, resolved, prop);
    const stableController: IngressController = (c.stable.exposure._wayIn as any).controller;
    if (stableController.name !== this.controller.name || stableController.className !== this.controller.className) {
      fail(app.scope, `${PROP}.controller`, this.controller.className,
        `the stable app uses IngressClass '${stableController.className}' (${stableController.name}); a canary must go through the same controller`,
        'use the same IngressController for the stable app and its canary');
    }
    const stableTls = (c.stable.exposure._wayIn as any).options?.backendTls as BackendTls | undefined;
    if (JSON.stringify(stableTls ?? null) !== JSON.stringify(o.backendTls ?? null)) {
      fail(app.scope, `${PROP}.backendTls`, o.backendTls === undefined ? undefined : 'set',
        `the controller speaks to the canary's pods the way the stable Ingress says (${stableTls === undefined ? 'plain HTTP' : 'TLS'}), so the canary must serve the same`,
        stableTls === undefined ? 'remove backendTls from the canary' : "give the canary the stable app's backendTls");
    }
    this.resolvedCanary = resolved;
  }

  public describe(app: AppFacts): AccessInfo {
    if (this.resolvedCanary) {
      // A canary has no TLS of its own: it is served on its stable app's host with the stable app's certificate.
      const c = this.resolvedCanary;
      const url = c.stable._url;
      const marks = [c.header ? `header ${c.header}: ${c.headerValue ?? 'always'}` : undefined, c.cookie ? `cookie ${c.cookie}=always` : undefined].filter((m) => m);
      return {
        url,
        reach: [`Canary of '${c.stable.node.path}': ${c.weight}% of the requests to ${url ?? app.path}${marks.length ? `, and every request with ${marks.join(' or ')}` : ''}.`],
        edgeLogs: this.controller._strategy.logsCommand(),
      };
    }
    const scheme = this.settings(app).tls ? 'https' : 'http';
    const url = app.host ? `${scheme}://${app.host}${app.path}` : undefined;
    return {
      url,
      reach: [
        url ? `Open ${url} (DNS for ${app.host} must point at the ${this.controller.name} Ingress controller's load balancer).`
          : `Send requests for path ${app.path} to the ${this.controller.name} Ingress controller's address (any host).`,
        `kubectl get ingress ${app.name}${app.namespace ? ` -n ${app.namespace}` : ''}  # ADDRESS column: the controller's external address`,
      ],
      edgeLogs: this.controller._strategy.logsCommand(),
      edgeChecks: [
        `kubectl describe ingress ${app.name}${app.namespace ? ` -n ${app.namespace}` : ''}  # Events: rejected annotations, missing TLS Secret or backend`,
        ...(this.controller._strategy.edgeChecks?.(app) ?? []),
        ...(this.backendTls ? backendTlsCheck(app, this.backendTls) : []),
        ...(this.securityHeadersNote(app) ?? []),
      ],
    };
  }

  /** What sets the security response headers when the controller cannot per app (NOTES). */
  private securityHeadersNote(app: AppFacts): string[] | undefined {
    const s = this.controller._strategy;
    if (s.setsSecurityHeaders === true || s.securityHeadersNote === undefined) return undefined;
    if (!this.settings(app).tls || this.options.securityHeaders?.enabled === false) return undefined;
    return [`Security response headers: not per app with ${s.name}: ${s.securityHeadersNote()}`];
  }

  private settings(app: AppFacts): IngressSettings {
    const o = this.options;
    const strategy = this.controller._strategy;
    const defaults = strategy.requestHeaderDefaults?.(app);
    const headers = strategy.requestHeaderDefaults === undefined || (defaults === undefined && !requestHeadersExplicit(o.requestHeaders)) ? undefined
      : resolveRequestHeaders(app.scope, `${PROP}.requestHeaders`, o.requestHeaders, defaults ?? []);
    return {
      requestHeaders: headers && (headers.remove.length > 0 || headers.set.length > 0) ? headers : undefined,
      explicitRequestHeaders: requestHeadersExplicit(o.requestHeaders),
      securityHeaders: strategy.setsSecurityHeaders === true
        ? resolveSecurityHeaders(app.scope, `${PROP}.securityHeaders`, o.securityHeaders, app.tls !== undefined || strategy.certificateOutsideCluster === true) : undefined,
      tls: app.tls !== undefined || this.controller._strategy.certificateOutsideCluster === true,
      rateLimitRps: o.rateLimit?.requestsPerSecond,
      rateLimitBurst: o.rateLimit?.burst,
      allowSourceRanges: o.allowSourceRanges ?? [],
      maxRequestBodySize: o.maxRequestBodySize,
      maxRequestBodyKib: o.maxRequestBodySize === undefined ? undefined
        : Math.ceil(o.maxRequestBodySize.toKibibytes({ rounding: SizeRoundingBehavior.NONE })),
      annotations: o.annotations ?? {},
      backendTls: this.backendTls,
    };
  }
}
