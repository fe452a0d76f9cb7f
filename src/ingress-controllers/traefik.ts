import { ApiObject } from 'cdk8s';
import type { ControllerContext, ControllerStrategy, IngressSettings } from './controller';
import { fail } from '../errors';
import { SPOOFABLE_REQUEST_HEADERS } from '../exposure/request-headers';
import type { AppFacts, NetworkPeer } from '../exposure/way-in';
import { BackendCaSource, BackendTlsSupport, ResolvedBackendTls } from '../internal/backend-tls';
import { checkNodeCidrs, edgePeers } from '../internal/host-network-peers';
import { kplus } from '../internal/plus.generated';
import { createsKind, crdPrerequisite } from '../internal/prerequisites';
import { isDnsLabel, isDnsSubdomain } from '../internal/validation';
import type { Prerequisite } from '../prerequisite';

/** Options for `IngressController.traefik()`. */
export interface TraefikIngressControllerOptions {
  /**
   * IngressClass name of the controller.
   * @default 'traefik'
   */
  readonly className?: string;
  /**
   * Namespace the Traefik pods run in: the only namespace the app's
   * NetworkPolicy lets in.
   * @default 'traefik'
   */
  readonly namespace?: string;
  /**
   * The controller runs with `hostNetwork: true` (e.g. the Helm value
   * `hostNetwork=true`) and connects to the pods from these node
   * addresses: a host-network pod carries its node's IP, which the
   * namespace-based NetworkPolicy source never matches. The app's
   * NetworkPolicy then admits these CIDR blocks instead of `namespace`.
   * @default - the controller runs in pods of `namespace` (no hostNetwork)
   */
  readonly nodeCidrs?: string[];
  /**
   * Traefik entry point for plain HTTP (port 80).
   * @default 'web'
   */
  readonly httpEntryPoint?: string;
  /**
   * Traefik entry point for HTTPS (port 443).
   * @default 'websecure'
   */
  readonly httpsEntryPoint?: string;
}

const ANNOTATION = 'traefik.ingress.kubernetes.io/';
/** Traefik v3 CRD group; `traefik.containo.us` was removed in v3. */
export const TRAEFIK_MIDDLEWARE_API_VERSION = 'traefik.io/v1alpha1';

/** @internal */
export class TraefikController implements ControllerStrategy {
  public readonly name = 'traefik';
  public readonly setsSecurityHeaders = true;
  public readonly className: string;
  public readonly namespace: string;
  /** ServersTransport.rootCAs takes a ConfigMap or a Secret with ca.crt (or tls.ca) (traefik.io_serverstransports CRD, Traefik v3.7) */
  public readonly backendTls: BackendTlsSupport = { edge: 'Traefik Ingress controller', caSources: [BackendCaSource.CONFIG_MAP, BackendCaSource.SECRET] };
  private readonly web: string;
  private readonly websecure: string;

  private readonly nodeCidrs?: string[];

  constructor(options: TraefikIngressControllerOptions) {
    this.className = options.className ?? 'traefik';
    this.namespace = options.namespace ?? 'traefik';
    this.nodeCidrs = options.nodeCidrs;
    this.web = options.httpEntryPoint ?? 'web';
    this.websecure = options.httpsEntryPoint ?? 'websecure';
  }

  public validate(app: AppFacts, settings: IngressSettings, prop: string): void {
    if (!isDnsSubdomain(this.className)) fail(app.scope, `${prop}.controller.className`, this.className, 'is not a valid IngressClass name', 'use the metadata.name of your IngressClass');
    if (!isDnsLabel(this.namespace)) fail(app.scope, `${prop}.controller.namespace`, this.namespace, 'is not a valid namespace name', 'use the namespace Traefik runs in');
    checkNodeCidrs(app, `${prop}.controller.nodeCidrs`, this.nodeCidrs);
    for (const [k, v] of [['httpEntryPoint', this.web], ['httpsEntryPoint', this.websecure]]) {
      if (!/^[A-Za-z0-9][-A-Za-z0-9_]*$/.test(v)) fail(app.scope, `${prop}.controller.${k}`, v, 'is not a Traefik entry point name', 'use the entry point name from the Traefik static configuration');
    }
    const needsMiddleware = settings.tls || settings.rateLimitRps !== undefined
      || settings.allowSourceRanges.length > 0 || settings.maxRequestBodySize !== undefined || settings.requestHeaders !== undefined
      || settings.securityHeaders !== undefined || settings.backendTls !== undefined;
    if (needsMiddleware && app.namespace === undefined) {
      fail(app.scope, 'namespace', undefined,
        'Traefik references Middleware objects as <namespace>-<name>@kubernetescrd, so the namespace must be known at synth time',
        "give the Chart a namespace: new Chart(app, 'shop', { namespace: 'shop' })");
    }
  }

  public apply(ctx: ControllerContext): void {
    const { app, settings, ingress } = ctx;
    const scope = app.scope;
    const middlewares: string[] = [];
    const middleware = (suffix: string, spec: any) => {
      const name = `${app.name}-${suffix}`;
      new ApiObject(scope, `Middleware-${suffix}`, {
        apiVersion: TRAEFIK_MIDDLEWARE_API_VERSION,
        kind: 'Middleware',
        metadata: { name, namespace: app.namespace },
        spec,
      });
      return `${app.namespace}-${name}@kubernetescrd`;
    };
    if (settings.allowSourceRanges.length > 0) middlewares.push(middleware('allowlist', { ipAllowList: { sourceRange: settings.allowSourceRanges } }));
    if (settings.rateLimitRps !== undefined) {
      middlewares.push(middleware('ratelimit', { rateLimit: { average: settings.rateLimitRps, period: '1s', burst: settings.rateLimitBurst ?? settings.rateLimitRps } }));
    }
    if (settings.maxRequestBodyKib !== undefined) {
      middlewares.push(middleware('body-size', { buffering: { maxRequestBodyBytes: settings.maxRequestBodyKib * 1024 } }));
    }

    if (settings.requestHeaders !== undefined) {
      // customRequestHeaders: "Empty values remove the listed headers" (doc.traefik.io, middlewares/http/headers)
      const custom: Record<string, string> = {};
      for (const name of settings.requestHeaders.remove) custom[name] = '';
      for (const { name, value } of settings.requestHeaders.set) custom[name] = value;
      middlewares.push(middleware('request-headers', { headers: { customRequestHeaders: custom } }));
    }
    const sec = settings.securityHeaders;
    if (sec !== undefined) {
      // headers Middleware security fields (doc.traefik.io, middlewares/http/headers): stsSeconds is sent only on
      // HTTPS requests, which is all this router serves; frameDeny sends DENY, customFrameOptionsValue anything else
      const spec: Record<string, unknown> = {};
      if (sec.hsts) {
        spec.stsSeconds = sec.hsts.maxAge;
        if (sec.hsts.includeSubdomains) spec.stsIncludeSubdomains = true;
        if (sec.hsts.preload) spec.stsPreload = true;
      }
      if (sec.nosniff) spec.contentTypeNosniff = true;
      if (sec.frameOptions === 'DENY') spec.frameDeny = true;
      else if (sec.frameOptions !== undefined) spec.customFrameOptionsValue = sec.frameOptions;
      if (sec.referrerPolicy !== undefined) spec.referrerPolicy = sec.referrerPolicy;
      middlewares.push(middleware('security-headers', { headers: spec }));
    }

    const t = settings.backendTls;
    if (t?.ca !== undefined) {
      // ServersTransport (traefik.io/v1alpha1): serverName is the SNI and the name verified; rootCAs the CA
      new ApiObject(scope, 'ServersTransport', {
        apiVersion: TRAEFIK_MIDDLEWARE_API_VERSION,
        kind: 'ServersTransport',
        metadata: { name: serversTransportName(app), namespace: app.namespace },
        spec: { serverName: t.hostname, rootCAs: [t.ca.kind === BackendCaSource.CONFIG_MAP ? { configMap: t.ca.name } : { secret: t.ca.name }] },
      });
    }

    ingress.metadata.addAnnotation(`${ANNOTATION}router.entrypoints`, settings.tls ? this.websecure : this.web);
    if (settings.tls) ingress.metadata.addAnnotation(`${ANNOTATION}router.tls`, 'true');
    if (middlewares.length > 0) ingress.metadata.addAnnotation(`${ANNOTATION}router.middlewares`, middlewares.join(','));

    if (settings.tls) {
      // A TLS router does not answer plain HTTP; a second router on the
      // HTTP entry point only redirects to HTTPS (permanently).
      const redirect = middleware('redirect-https', { redirectScheme: { scheme: 'https', permanent: true } });
      const http = new kplus.Ingress(scope, 'HttpRedirectIngress', {
        metadata: {
          name: `${app.name}-http-redirect`,
          annotations: {
            [`${ANNOTATION}router.entrypoints`]: this.web,
            [`${ANNOTATION}router.middlewares`]: [redirect, ...middlewares.filter((m) => m.includes('-allowlist@'))].join(','),
          },
        },
        className: this.className,
      });
      const backend = kplus.IngressBackend.fromService(ctx.service, { port: ctx.servicePort });
      http.addHostRule(app.host!, app.path, backend, kplus.HttpIngressPathType.PREFIX);
    }
  }

  /**
   * Traefik itself rewrites X-Forwarded-* and X-Real-Ip of clients outside
   * `forwardedHeaders.trustedIPs` (doc.traefik.io, EntryPoints "Forwarded
   * Headers"), so the default set is SPOOFABLE_REQUEST_HEADERS. The Middleware
   * is referenced as <namespace>-<name>@kubernetescrd: without the Chart's
   * namespace the default is skipped (an explicit requestHeaders is refused).
   */
  public requestHeaderDefaults(app: AppFacts): string[] | undefined {
    return app.namespace === undefined ? undefined : SPOOFABLE_REQUEST_HEADERS;
  }

  /**
   * The Service says how Traefik reaches its pods: `service.serversscheme: https` and
   * `service.serverstransport: <ns>-<name>@kubernetescrd` (doc.traefik.io, Kubernetes Ingress
   * provider, "On Service"; a ServersTransport of the CRD provider is referenced across providers).
   */
  public backendTlsServiceAnnotations(app: AppFacts, t: ResolvedBackendTls): Record<string, string> {
    const a: Record<string, string> = { [`${ANNOTATION}service.serversscheme`]: 'https' };
    if (t.ca !== undefined) a[`${ANNOTATION}service.serverstransport`] = `${app.namespace}-${serversTransportName(app)}@kubernetescrd`;
    return a;
  }

  /** The controller's pods, or its nodes when it runs with hostNetwork. */
  public peers(): NetworkPeer[] {
    return edgePeers(this.namespace, undefined, this.nodeCidrs);
  }

  /** The Middleware objects need Traefik's CRDs (traefik.io/v1alpha1, Traefik v3). */
  public prerequisites(app: AppFacts): Prerequisite[] {
    const out: Prerequisite[] = [];
    if (createsKind(app.scope, 'Middleware')) {
      out.push(crdPrerequisite('middlewares.traefik.io', 'the app\'s Ingress uses Middleware objects (traefik.io/v1alpha1) emitted next to it; without Traefik v3\'s CRDs kubectl apply refuses them and the router.middlewares annotation points at nothing'));
    }
    if (createsKind(app.scope, 'ServersTransport')) {
      out.push(crdPrerequisite('serverstransports.traefik.io', 'the app\'s Service names a ServersTransport (traefik.io/v1alpha1, backendTls) emitted next to it; without Traefik v3\'s CRDs kubectl apply refuses it and Traefik cannot verify the pods'));
    }
    return out;
  }

  public logsCommand(): string {
    return `kubectl logs -n ${this.namespace} -l app.kubernetes.io/name=traefik --tail=100`;
  }
}

/** The app's ServersTransport (backendTls). */
function serversTransportName(app: AppFacts): string {
  return `${app.name}-backend-tls`;
}
