import type { ControllerContext, ControllerStrategy, IngressSettings } from './controller';
import { AwsLoadBalancerScheme, AwsTargetType } from '../aws-load-balancer-controller';
import { fail } from '../errors';
import type { AppFacts, NetworkPeer } from '../exposure/way-in';
import type { BackendTlsSupport } from '../internal/backend-tls';
import { checkCidr, checkPort, isDnsSubdomain, parseCidr } from '../internal/validation';
import type { Prerequisite } from '../prerequisite';

/** Options for `IngressController.awsAlb()`. */
export interface AwsAlbIngressControllerOptions {
  /**
   * IngressClass name of the controller.
   * @default 'alb'
   */
  readonly className?: string;
  /**
   * Private (internal) or public (internet-facing) load balancer. A public
   * one must be asked for.
   * @default AwsLoadBalancerScheme.INTERNAL
   */
  readonly scheme?: AwsLoadBalancerScheme;
  /**
   * How the ALB reaches the pods.
   * @default AwsTargetType.IP
   */
  readonly targetType?: AwsTargetType;
  /**
   * ACM certificate for HTTPS (`alb.ingress.kubernetes.io/certificate-arn`).
   * The ALB terminates TLS itself and cannot read Kubernetes Secrets, so the
   * app's `tls` prop stays unset: this ARN turns on the HTTPS listener and
   * the HTTP to HTTPS redirect (`ssl-redirect`).
   * @default - no HTTPS: plain HTTP must be allowed explicitly
   */
  readonly certificateArn?: string;
  /**
   * CIDR of the VPC (or of the ALB's subnets). The ALB connects to the pods
   * (ip targets) or to the nodes (instance targets) from addresses in the
   * VPC, not from a namespace, so the app's NetworkPolicy admits this block.
   * Written as the API server accepts it: the block's first address
   * (`10.0.0.0/16`, not `10.0.3.7/16`), no IPv4-mapped IPv6.
   * @default - none; required (the NetworkPolicy would otherwise block the ALB)
   */
  readonly vpcCidr?: string;
  /**
   * Regional AWS WAFv2 web ACL to attach (`alb.ingress.kubernetes.io/wafv2-acl-arn`).
   * Rate limiting on an ALB is a rate-based rule in this web ACL.
   * @default - no WAF
   */
  readonly wafv2AclArn?: string;
  /**
   * HTTP listener port.
   * @default 80
   */
  readonly httpPort?: number;
  /**
   * HTTPS listener port (with certificateArn).
   * @default 443
   */
  readonly httpsPort?: number;
}

const PREFIX = 'alb.ingress.kubernetes.io/';
const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const WAF_ARN = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[A-Za-z0-9_-]+\/[A-Za-z0-9-]+$/;

/**
 * AWS Load Balancer Controller, Ingress annotations
 * (kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotation.md,
 * docs/guide/tasks/ssl_redirect.md): `scheme`, `target-type`, `listen-ports`
 * (JSON, e.g. `[{"HTTP":80},{"HTTPS":443}]`), `certificate-arn`,
 * `ssl-redirect` (the HTTPS port, which must be in listen-ports),
 * `inbound-cidrs`, `wafv2-acl-arn`.
 * @internal
 */
export class AwsAlbController implements ControllerStrategy {
  public readonly name = 'aws-alb';
  public readonly className: string;
  /** the ALB is outside the cluster: no controller namespace sends the traffic */
  public readonly namespace = 'kube-system';
  public readonly serviceType?: 'NodePort';
  public readonly certificateOutsideCluster: boolean;
  /** "The load balancer ... does not validate the certificates of targets" (AWS ELB docs, ALB target groups, routing configuration). */
  public readonly backendTls: BackendTlsSupport = {
    edge: 'AWS ALB',
    caSources: [],
    unverifiedReason: 'an Application Load Balancer encrypts to HTTPS targets but does not validate their certificates',
  };
  private readonly scheme: AwsLoadBalancerScheme;
  private readonly targetType: AwsTargetType;
  private readonly httpPort: number;
  private readonly httpsPort: number;

  constructor(private readonly options: AwsAlbIngressControllerOptions) {
    this.className = options.className ?? 'alb';
    this.scheme = options.scheme ?? AwsLoadBalancerScheme.INTERNAL;
    this.targetType = options.targetType ?? AwsTargetType.IP;
    this.httpPort = options.httpPort ?? 80;
    this.httpsPort = options.httpsPort ?? 443;
    this.certificateOutsideCluster = options.certificateArn !== undefined;
    if (this.targetType === AwsTargetType.INSTANCE) this.serviceType = 'NodePort';
  }

  public validate(app: AppFacts, settings: IngressSettings, prop: string): void {
    const o = this.options;
    const p = `${prop}.controller`;
    const s = app.scope;
    if (!isDnsSubdomain(this.className)) fail(s, `${p}.className`, this.className, 'is not a valid IngressClass name', 'use the metadata.name of your IngressClass');
    if (!Object.values(AwsLoadBalancerScheme).includes(this.scheme)) fail(s, `${p}.scheme`, this.scheme, 'is not an ALB scheme', 'use AwsLoadBalancerScheme.INTERNAL or AwsLoadBalancerScheme.INTERNET_FACING');
    if (!Object.values(AwsTargetType).includes(this.targetType)) fail(s, `${p}.targetType`, this.targetType, 'is not an ALB target type', 'use AwsTargetType.IP or AwsTargetType.INSTANCE');
    checkPort(s, `${p}.httpPort`, this.httpPort);
    checkPort(s, `${p}.httpsPort`, this.httpsPort);
    if (this.httpPort === this.httpsPort) fail(s, `${p}.httpsPort`, this.httpsPort, 'HTTP and HTTPS listeners need different ports', 'use e.g. httpPort 80 and httpsPort 443');
    if (app.tls !== undefined) {
      const certManager = Object.keys(app.tls._annotations()).length > 0;
      fail(s, 'tls', 'set', certManager
        ? 'an ALB terminates TLS with ACM certificates and cannot use the Secret cert-manager would issue'
        : 'an ALB terminates TLS with ACM certificates and cannot read a Kubernetes Secret',
      "remove tls and pass the ACM certificate: IngressController.awsAlb({ certificateArn: 'arn:aws:acm:...' })");
    }
    if (o.certificateArn !== undefined && (typeof o.certificateArn !== 'string' || !ACM_ARN.test(o.certificateArn))) {
      fail(s, `${p}.certificateArn`, o.certificateArn, 'is not an ACM certificate ARN', "use e.g. 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-...'");
    }
    if (o.certificateArn !== undefined && app.host === undefined) {
      fail(s, 'host', undefined, 'HTTPS needs a host the certificate is issued for', "set host: 'shop.example.com'");
    }
    if (o.wafv2AclArn !== undefined && (typeof o.wafv2AclArn !== 'string' || !WAF_ARN.test(o.wafv2AclArn))) {
      fail(s, `${p}.wafv2AclArn`, o.wafv2AclArn, 'is not a regional WAFv2 web ACL ARN (an ALB cannot use a global/CloudFront web ACL)',
        "use e.g. 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/0a1b2c3d-...'");
    }
    if (o.vpcCidr === undefined || parseCidr(o.vpcCidr) === undefined) {
      fail(s, `${p}.vpcCidr`, o.vpcCidr, `the ALB reaches the pods from addresses in the VPC (${this.targetType} targets), not from a namespace, so the NetworkPolicy needs that CIDR`,
        "pass the VPC CIDR, e.g. vpcCidr: '10.0.0.0/16'");
    }
    checkCidr(s, `${p}.vpcCidr`, o.vpcCidr, "pass the VPC CIDR, e.g. vpcCidr: '10.0.0.0/16'");
    if (settings.rateLimitRps !== undefined) {
      fail(s, `${prop}.rateLimit`, settings.rateLimitRps, 'an Application Load Balancer has no per-client rate limit',
        'remove rateLimit and add a rate-based rule to an AWS WAF web ACL, attached with wafv2AclArn');
    }
    if (settings.maxRequestBodySize !== undefined) {
      fail(s, `${prop}.maxRequestBodySize`, 'set', 'an Application Load Balancer has no request body size limit',
        'remove maxRequestBodySize and add a size-constraint rule to an AWS WAF web ACL, attached with wafv2AclArn');
    }
    if (settings.explicitRequestHeaders) {
      fail(s, `${prop}.requestHeaders`, 'set', 'an Application Load Balancer cannot remove or set arbitrary request headers (its only request-header attribute is routing.http.xff_header_processing.mode for X-Forwarded-For)',
        'remove requestHeaders and filter the headers in the app, or block requests carrying them with an AWS WAF rule attached with wafv2AclArn');
    }
  }

  public apply(ctx: ControllerContext): void {
    const o = this.options;
    const a: Record<string, string> = {
      [`${PREFIX}scheme`]: this.scheme,
      [`${PREFIX}target-type`]: this.targetType,
    };
    const ports: Record<string, number>[] = [{ HTTP: this.httpPort }];
    if (o.certificateArn !== undefined) {
      ports.push({ HTTPS: this.httpsPort });
      a[`${PREFIX}certificate-arn`] = o.certificateArn;
      a[`${PREFIX}ssl-redirect`] = String(this.httpsPort);
    }
    a[`${PREFIX}listen-ports`] = JSON.stringify(ports);
    if (ctx.settings.allowSourceRanges.length > 0) a[`${PREFIX}inbound-cidrs`] = ctx.settings.allowSourceRanges.join(',');
    if (o.wafv2AclArn !== undefined) a[`${PREFIX}wafv2-acl-arn`] = o.wafv2AclArn;
    if (ctx.settings.backendTls !== undefined) {
      // target group protocol HTTPS; the health check protocol defaults to HTTP (AWS LBC ingress annotations),
      // which a TLS port answers with an error: it follows the backend protocol
      a[`${PREFIX}backend-protocol`] = 'HTTPS';
      a[`${PREFIX}healthcheck-protocol`] = 'HTTPS';
    }
    for (const [k, v] of Object.entries(a)) ctx.ingress.metadata.addAnnotation(k, v);
  }

  /** An ALB sets response headers per listener (load balancer), not per Ingress rule. */
  public securityHeadersNote(): string {
    return 'per HTTPS listener, shared by every Ingress of the ALB (listener attributes routing.http.response.*.header_value, annotation alb.ingress.kubernetes.io/listener-attributes.HTTPS-<port>)';
  }

  /** The ALB (ip targets) or the nodes (instance targets) connect from VPC addresses. */
  public peers(): NetworkPeer[] {
    return [{ cidr: this.options.vpcCidr }];
  }

  /** The ACM certificate of certificateArn lives in AWS, not in the cluster. */
  public prerequisites(): Prerequisite[] {
    if (this.options.certificateArn === undefined) return [];
    return [{
      kind: 'ACM certificate',
      name: this.options.certificateArn,
      why: 'the ALB\'s HTTPS listener uses it (alb.ingress.kubernetes.io/certificate-arn); it must be ISSUED, in the ALB\'s region and cover the host, or the controller fails to build the listener',
      checkCommand: `aws acm describe-certificate --certificate-arn ${this.options.certificateArn} --query Certificate.Status`,
    }];
  }

  public logsCommand(): string {
    return 'kubectl logs -n kube-system -l app.kubernetes.io/name=aws-load-balancer-controller --tail=100  # the ALB\'s own access logs go to S3 (load-balancer-attributes)';
  }
}
