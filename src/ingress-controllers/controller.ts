import { Size } from 'cdk8s';
import { AwsAlbController, AwsAlbIngressControllerOptions } from './aws-alb';
import { HaproxyController, HaproxyIngressControllerOptions } from './haproxy';
import { KongController, KongIngressControllerOptions } from './kong';
import { NginxController, NginxIngressControllerOptions } from './nginx';
import { TraefikController, TraefikIngressControllerOptions } from './traefik';
import type { AppFacts, NetworkPeer } from '../exposure/way-in';
import type { BackendTlsSupport, ResolvedBackendTls } from '../internal/backend-tls';
import type { ResolvedCanary } from '../internal/canary';
import { kplus } from '../internal/plus.generated';
import type { ResolvedRequestHeaders } from '../internal/request-headers';
import type { ResolvedSecurityHeaders } from '../internal/security-headers';
import { recordStruct } from '../internal/struct-keys';
import type { Prerequisite } from '../prerequisite';

/**
 * Controller-neutral options of an Ingress exposure, resolved and validated.
 * @internal
 */
export interface IngressSettings {
  readonly tls: boolean;
  readonly rateLimitRps?: number;
  readonly rateLimitBurst?: number;
  readonly allowSourceRanges: string[];
  readonly maxRequestBodySize?: Size;
  /** maxRequestBodySize in whole KiB (rounded up), once validated */
  readonly maxRequestBodyKib?: number;
  readonly annotations: Record<string, string>;
  /**
   * Request-header filtering to apply (the default set merged with the
   * user's requestHeaders); unset when there is nothing to filter or the
   * controller has no `requestHeaderDefaults` (it cannot filter per app).
   */
  readonly requestHeaders?: ResolvedRequestHeaders;
  /** the user set requestHeaders.remove or requestHeaders.set */
  readonly explicitRequestHeaders: boolean;
  /** security response headers to send; unset when off or the controller does not set them per app */
  readonly securityHeaders?: ResolvedSecurityHeaders;
  /** the pods serve TLS (backendTls, validated against the controller's `backendTls` support) */
  readonly backendTls?: ResolvedBackendTls;
}

/**
 * What a controller adds to the app's Ingress.
 * @internal
 */
export interface ControllerContext {
  readonly app: AppFacts;
  readonly settings: IngressSettings;
  readonly ingress: kplus.Ingress;
  readonly service: kplus.Service;
  readonly servicePort: number;
}

/**
 * One Ingress controller's mapping of the controller-neutral options.
 * @internal
 */
export interface ControllerStrategy {
  /** controller name for messages, e.g. `nginx` */
  readonly name: string;
  readonly className: string;
  /** namespace the controller pods run in (NetworkPolicy source) */
  readonly namespace: string;
  /** labels of the controller pods (NetworkPolicy source) */
  readonly podLabels?: Record<string, string>;
  /** Service type the controller needs (default ClusterIP) */
  readonly serviceType?: 'NodePort';
  /** TLS ends outside the cluster with a certificate the controller names itself (no Secret, app.tls unset) */
  readonly certificateOutsideCluster?: boolean;
  /** how many canaries one host + path may have (unset: no limit beyond the total weight) */
  readonly maxCanaries?: number;
  /**
   * The controller sets security response headers per app from
   * `settings.securityHeaders`. Absent or false: the default is skipped
   * (`securityHeadersNote` says what the controller does instead) and an
   * explicit `securityHeaders` is refused with a generic message.
   */
  readonly setsSecurityHeaders?: boolean;
  /** how the controller speaks TLS to pods that serve it (backendTls), and whether it verifies them */
  readonly backendTls: BackendTlsSupport;
  /** annotations backendTls needs on the app's Service (Traefik, Kong, HAProxy) */
  backendTlsServiceAnnotations?(app: AppFacts, tls: ResolvedBackendTls): Record<string, string>;
  /** NetworkPolicy sources, when they are not the controller's namespace */
  peers?(): NetworkPeer[];
  /** throw (through fail) for options it cannot honour; `prop` is the option path prefix */
  validate(app: AppFacts, settings: IngressSettings, prop: string): void;
  /** add annotations and extra objects */
  apply(ctx: ControllerContext): void;
  /** annotations that make an Ingress a canary of another one on the same host and path; unset: the controller cannot */
  canaryAnnotations?(canary: ResolvedCanary): Record<string, string>;
  /** annotations a canary needs on its own Service (HAProxy `route-acl`) */
  canaryServiceAnnotations?(canary: ResolvedCanary): Record<string, string>;
  /** throw (through fail) for canary options the controller cannot honour; `prop` is the canary option path */
  validateCanary?(app: AppFacts, canary: ResolvedCanary, prop: string): void;
  /**
   * The spoofable client headers this controller removes by default
   * (those of SPOOFABLE_REQUEST_HEADERS it does not write itself), or
   * undefined when it filters only on request. Absent: the controller cannot
   * filter request headers per app, and an explicit `requestHeaders` is
   * refused with a generic message naming the controller.
   */
  requestHeaderDefaults?(app: AppFacts): string[] | undefined;
  /** for the NOTES: how security response headers are set with this controller when it cannot per app */
  securityHeadersNote?(): string;
  /** how to read the controller's logs */
  logsCommand(): string;
  /** controller-specific checks for the NOTES (its generated configuration ...) */
  edgeChecks?(app: AppFacts): string[];
  /** what the controller's own annotations or objects need from the cluster (after apply) */
  prerequisites?(app: AppFacts): Prerequisite[];
}

/**
 * The Ingress controller that serves an app's Ingress. Each one maps the
 * controller-neutral options (TLS redirect, rate limit, source ranges, body
 * size) to its own annotations or objects, and refuses what it cannot do.
 */
export class IngressController {
  /**
   * ingress-nginx (kubernetes/ingress-nginx), configured through
   * `nginx.ingress.kubernetes.io/*` annotations.
   *
   * ingress-nginx was retired in March 2026 (last release v1.15.1: no more
   * fixes, security ones included). It stays supported here for existing
   * clusters; new clusters should prefer a Gateway API implementation.
   */
  public static nginx(options: NginxIngressControllerOptions = {}): IngressController {
    return recordStruct(new IngressController(new NginxController(options)), 'NginxIngressControllerOptions', options);
  }

  /**
   * Traefik v3, configured through `traefik.ingress.kubernetes.io/*`
   * annotations and `traefik.io/v1alpha1` Middleware objects.
   */
  public static traefik(options: TraefikIngressControllerOptions = {}): IngressController {
    return recordStruct(new IngressController(new TraefikController(options)), 'TraefikIngressControllerOptions', options);
  }

  /**
   * Kong Ingress Controller (IngressClass `kong`): rate limit, source ranges
   * and body size become `KongPlugin` objects (`configuration.konghq.com/v1`)
   * attached with `konghq.com/plugins`; TLS makes the route HTTPS-only with
   * a 301 redirect. It cannot split a host between two Ingresses (no canary).
   */
  public static kong(options: KongIngressControllerOptions = {}): IngressController {
    return recordStruct(new IngressController(new KongController(options)), 'KongIngressControllerOptions', options);
  }

  /**
   * HAProxy Kubernetes Ingress Controller (haproxytech/kubernetes-ingress,
   * IngressClass `haproxy`), configured through `haproxy.org/*` annotations:
   * HTTPS redirect (301, to the client-facing port 443), rate limit per
   * source IP (429), source allowlist (`allow-list`). It has no body-size
   * annotation (`maxRequestBodySize` is refused); a canary is a weighted
   * `route-acl` on the canary's Service (weight only).
   */
  public static haproxy(options: HaproxyIngressControllerOptions = {}): IngressController {
    return recordStruct(new IngressController(new HaproxyController(options)), 'HaproxyIngressControllerOptions', options);
  }

  /**
   * AWS Load Balancer Controller (IngressClass `alb`): one Application Load
   * Balancer configured through `alb.ingress.kubernetes.io/*` annotations.
   * TLS uses ACM certificates (`certificateArn`), not Secrets; rate limiting
   * is a WAF rate-based rule, not an ALB feature.
   */
  public static awsAlb(options: AwsAlbIngressControllerOptions = {}): IngressController {
    return recordStruct(new IngressController(new AwsAlbController(options)), 'AwsAlbIngressControllerOptions', options);
  }

  /** @internal */
  public readonly _strategy: ControllerStrategy;

  private constructor(strategy: ControllerStrategy) {
    this._strategy = strategy;
  }

  /** The controller's name (`nginx`, `traefik`, ...). */
  public get name(): string {
    return this._strategy.name;
  }

  /** The IngressClass name the Ingress uses. */
  public get className(): string {
    return this._strategy.className;
  }

  /** The namespace the controller's pods run in. */
  public get namespace(): string {
    return this._strategy.namespace;
  }
}
