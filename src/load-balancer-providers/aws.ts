import { IConstruct } from 'constructs';
import { LoadBalancerBindOptions, LoadBalancerProvider, LoadBalancerProviderConfig } from './provider';
import { AwsIpAddressType, AwsLoadBalancerScheme, AwsTargetType } from '../aws-load-balancer-controller';
import { fail } from '../errors';
import { boundPorts, refuseProtocols, tcpUdpNumbers } from '../internal/lb-ports';
import { kubePrerequisite } from '../internal/prerequisites';
import { boolCheck, enumCheck } from '../internal/service-checks';
import { parseCidr } from '../internal/validation';

/**
 * Options for `LoadBalancerProvider.aws()` (AWS Load Balancer Controller v2.4+).
 */
export interface AwsLoadBalancerOptions {
  /**
   * Internal or internet-facing.
   * @default AwsLoadBalancerScheme.INTERNAL - the controller's default; a public NLB must be asked for
   */
  readonly scheme?: AwsLoadBalancerScheme;
  /**
   * Target type of the NLB's target group.
   * @default AwsTargetType.INSTANCE - the controller's default with loadBalancerClass; keeps the client IP
   */
  readonly targetType?: AwsTargetType;
  /**
   * Client IP preservation of the target group (`preserve_client_ip.enabled`).
   * Source ranges are only enforced while it is on.
   * @default - AWS's default: on for instance targets, off for ip targets
   */
  readonly preserveClientIp?: boolean;
  /**
   * CIDR of the VPC, or of the NLB's subnets. With `ip` targets the NLB
   * health-checks the pods themselves from its own addresses in these
   * subnets, not from the clients (aws-load-balancer-controller #1830, #1831:
   * with client IP preservation the health checks come from the load
   * balancer subnet CIDRs). When `loadBalancerSourceRanges` restrict the
   * app's NetworkPolicy to the clients, this block is admitted too, so it is
   * required for `ip` targets with `preserveClientIp: true` and source
   * ranges. Instance targets are health-checked on the node (kube-proxy), so
   * it is refused there.
   * @default - none; required for ip targets with preserveClientIp and loadBalancerSourceRanges
   */
  readonly vpcCidr?: string;
  /**
   * ACM (or IAM) certificate ARNs: the NLB terminates TLS on `tlsPorts`
   * and forwards plain TCP to the pods.
   * @default - no TLS offload
   */
  readonly tlsCertificateArns?: string[];
  /**
   * Service ports that get a TLS listener (needs `tlsCertificateArns`).
   * @default - every Service port, when certificates are given
   */
  readonly tlsPorts?: number[];
  /**
   * Address families of the NLB.
   * @default AwsIpAddressType.IPV4
   */
  readonly ipAddressType?: AwsIpAddressType;
  /**
   * Spread each client's traffic over targets in every zone
   * (`load_balancing.cross_zone.enabled`). Costs inter-AZ traffic.
   * @default - AWS's default for NLBs (off)
   */
  readonly crossZoneLoadBalancing?: boolean;
  /**
   * Other NLB attributes (`aws-load-balancer-attributes`), e.g.
   * `{ 'deletion_protection.enabled': 'true' }`.
   * @default - none
   */
  readonly attributes?: { [key: string]: string };
}

const PREFIX = 'service.beta.kubernetes.io/aws-load-balancer-';
const PROP = 'exposure.provider';
const ARN = /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:[0-9]{12}:certificate\/[A-Za-z0-9-]+|iam::[0-9]{12}:server-certificate\/[\w+=,.@/-]+)$/;
const ATTRIBUTE_KEY = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;

/**
 * An NLB provisioned by the AWS Load Balancer Controller.
 */
export class AwsLoadBalancerProvider extends LoadBalancerProvider {
  constructor(private readonly options: AwsLoadBalancerOptions = {}) {
    super();
  }

  public bind(scope: IConstruct, bindOptions: LoadBalancerBindOptions): LoadBalancerProviderConfig {
    const o = this.options ?? {};
    enumCheck(scope, `${PROP}.scheme`, o.scheme, AwsLoadBalancerScheme);
    enumCheck(scope, `${PROP}.targetType`, o.targetType, AwsTargetType);
    enumCheck(scope, `${PROP}.ipAddressType`, o.ipAddressType, AwsIpAddressType);
    boolCheck(scope, `${PROP}.preserveClientIp`, o.preserveClientIp);
    boolCheck(scope, `${PROP}.crossZoneLoadBalancing`, o.crossZoneLoadBalancing);
    const scheme = o.scheme ?? AwsLoadBalancerScheme.INTERNAL;
    const targetType = o.targetType ?? AwsTargetType.INSTANCE;
    const annotations: Record<string, string> = {
      [`${PREFIX}scheme`]: scheme,
      [`${PREFIX}nlb-target-type`]: targetType,
    };
    // NLB listeners are TCP, UDP, TCP_UDP, TLS (elbv2 API, Listener.Protocol): no SCTP
    refuseProtocols(scope, bindOptions, 'aws', ['TCP', 'UDP'], 'NLB listener protocols are TCP, UDP, TCP_UDP and TLS');
    // A TCP and a UDP Service port on one number: without enable-tcp-udp-listener the controller builds one
    // listener per Service port, two on one port, which AWS refuses (aws-load-balancer-controller #2759); with it
    // they merge into one TCP_UDP listener (pkg/service/model_build_listener.go, v2.13+).
    const tcpUdp = tcpUdpNumbers(bindOptions);
    if (tcpUdp.length > 0) annotations[`${PREFIX}enable-tcp-udp-listener`] = 'true';
    // a TLS listener only replaces a plain TCP one (the controller never makes UDP or TCP_UDP listeners TLS)
    const tcpOnly = [...new Set(boundPorts(bindOptions).filter((p) => p.protocol === 'TCP' && !tcpUdp.includes(p.port)).map((p) => p.port))];

    if (o.tlsCertificateArns !== undefined) {
      if (!Array.isArray(o.tlsCertificateArns) || o.tlsCertificateArns.length === 0) {
        fail(scope, `${PROP}.tlsCertificateArns`, o.tlsCertificateArns, 'needs at least one certificate ARN', 'pass e.g. [\'arn:aws:acm:eu-west-1:123456789012:certificate/abcd-...\'] or leave it unset');
      }
      o.tlsCertificateArns.forEach((a, i) => {
        if (typeof a !== 'string' || !ARN.test(a)) fail(scope, `${PROP}.tlsCertificateArns[${i}]`, a, 'is not an ACM or IAM certificate ARN', "use e.g. 'arn:aws:acm:eu-west-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab'");
      });
      const tlsPorts = o.tlsPorts ?? tcpOnly;
      if (!Array.isArray(tlsPorts) || tlsPorts.length === 0) fail(scope, `${PROP}.tlsPorts`, tlsPorts, 'needs at least one port, and TLS listeners carry TCP only', `list Service ports, e.g. [${bindOptions.ports[0]}]`);
      tlsPorts.forEach((p, i) => {
        if (!bindOptions.ports.includes(p)) fail(scope, `${PROP}.tlsPorts[${i}]`, p, `is not a port of Service '${bindOptions.serviceName}' (${bindOptions.ports.join(', ')})`, 'list only ports the Service exposes');
        if (!tcpOnly.includes(p)) fail(scope, `${PROP}.tlsPorts[${i}]`, p, 'carries UDP (a UDP or TCP_UDP listener), which the controller never turns into a TLS listener', 'list only TCP ports');
      });
      annotations[`${PREFIX}ssl-cert`] = o.tlsCertificateArns.join(',');
      annotations[`${PREFIX}ssl-ports`] = tlsPorts.join(',');
    } else if (o.tlsPorts !== undefined) {
      fail(scope, `${PROP}.tlsPorts`, o.tlsPorts, 'TLS ports need a certificate', 'set tlsCertificateArns too, or drop tlsPorts');
    }

    if (o.ipAddressType !== undefined) annotations[`${PREFIX}ip-address-type`] = o.ipAddressType;

    const attributes: string[] = [];
    if (o.crossZoneLoadBalancing !== undefined) attributes.push(`load_balancing.cross_zone.enabled=${o.crossZoneLoadBalancing}`);
    if (o.attributes !== undefined && (o.attributes === null || typeof o.attributes !== 'object' || Array.isArray(o.attributes))) {
      fail(scope, `${PROP}.attributes`, o.attributes, 'must be a map of attribute names to values', "pass e.g. { 'deletion_protection.enabled': 'true' }");
    }
    for (const [k, v] of Object.entries(o.attributes ?? {})) {
      if (!ATTRIBUTE_KEY.test(k)) fail(scope, `${PROP}.attributes`, k, 'is not an NLB attribute name', "use e.g. 'deletion_protection.enabled'");
      if (typeof v !== 'string' || v === '' || /[,=\s]/.test(v)) fail(scope, `${PROP}.attributes.${k}`, v, 'must be a non-empty string without commas, "=" or spaces', `write e.g. '${k}': 'true'`);
      if (k === 'load_balancing.cross_zone.enabled' && o.crossZoneLoadBalancing !== undefined) {
        fail(scope, `${PROP}.attributes.${k}`, v, 'is also set by crossZoneLoadBalancing', 'set it in one place only');
      }
      attributes.push(`${k}=${v}`);
    }
    if (attributes.length > 0) annotations[`${PREFIX}attributes`] = attributes.join(',');

    if (o.preserveClientIp !== undefined) annotations[`${PREFIX}target-group-attributes`] = `preserve_client_ip.enabled=${o.preserveClientIp}`;
    const preservesClientIp = o.preserveClientIp ?? targetType === AwsTargetType.INSTANCE;
    const ranges = bindOptions.loadBalancerSourceRanges ?? [];
    if (o.vpcCidr !== undefined) {
      if (typeof o.vpcCidr !== 'string' || parseCidr(o.vpcCidr) === undefined) {
        fail(scope, `${PROP}.vpcCidr`, o.vpcCidr, 'is not a CIDR block', "pass the VPC CIDR, e.g. vpcCidr: '10.0.0.0/16'");
      }
      if (targetType !== AwsTargetType.IP) {
        fail(scope, `${PROP}.vpcCidr`, o.vpcCidr, 'instance targets are health-checked on the nodes (kube-proxy), never on the pods, so the NetworkPolicy needs no VPC block',
          'drop vpcCidr, or use targetType: AwsTargetType.IP');
      }
    } else if (targetType === AwsTargetType.IP && preservesClientIp && ranges.length > 0) {
      fail(scope, `${PROP}.vpcCidr`, undefined,
        'with ip targets the NLB health-checks the pods from its own VPC addresses, and the NetworkPolicy that admits only loadBalancerSourceRanges would drop them: every target stays unhealthy',
        "pass the VPC CIDR (or the NLB subnets' block), e.g. LoadBalancerProvider.aws({ targetType: AwsTargetType.IP, preserveClientIp: true, vpcCidr: '10.0.0.0/16' })");
    }
    const offloadPorts = o.tlsCertificateArns !== undefined ? o.tlsPorts ?? tcpOnly : undefined;

    return {
      name: 'aws',
      annotations,
      loadBalancerClass: 'service.k8s.aws/nlb',
      internetFacing: scheme === AwsLoadBalancerScheme.INTERNET_FACING,
      supportsSourceRanges: preservesClientIp,
      sourceRangesUnsupportedReason: preservesClientIp ? undefined
        : 'the AWS Load Balancer Controller ignores source ranges while client IP preservation is off (the default for ip targets); set preserveClientIp: true or use instance targets',
      preservesClientIp,
      healthCheckCidrs: targetType === AwsTargetType.IP && o.vpcCidr !== undefined ? [o.vpcCidr] : undefined,
      tlsPorts: offloadPorts,
      prerequisites: [
        // loadBalancerClass service.k8s.aws/nlb: only the AWS Load Balancer Controller serves it (the in-tree controller skips classed Services)
        kubePrerequisite({
          kind: 'Deployment',
          apiVersion: 'apps/v1',
          resource: 'deployment',
          name: 'aws-load-balancer-controller',
          namespace: 'kube-system',
          why: `Service ${bindOptions.serviceName} sets loadBalancerClass service.k8s.aws/nlb, which only the AWS Load Balancer Controller serves (installed by its Helm chart under this name); without it the Service stays <pending>`
            + (tcpUdp.length > 0 ? `. Port${tcpUdp.length > 1 ? 's' : ''} ${tcpUdp.join(', ')} carry TCP and UDP: the controller must be v2.13 or newer to merge them into a TCP_UDP listener (aws-load-balancer-enable-tcp-udp-listener); older ones try two listeners on one port and fail` : ''),
        }),
        ...(o.tlsCertificateArns ?? []).map((arn) => ({
          kind: 'ACM certificate',
          name: arn,
          why: `the NLB's TLS listener of Service ${bindOptions.serviceName} uses it (aws-load-balancer-ssl-cert); it must be ISSUED and in the load balancer's region`,
          checkCommand: `aws acm describe-certificate --certificate-arn ${arn} --query Certificate.Status`,
        })),
      ],
    };
  }
}
