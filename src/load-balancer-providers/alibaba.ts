import { IConstruct } from 'constructs';
import { LoadBalancerBindOptions, LoadBalancerProvider, LoadBalancerProviderConfig } from './provider';
import { fail } from '../errors';
import { boolCheck, enumCheck, stringCheck } from '../internal/service-checks';

/** Whether the Alibaba Cloud load balancer gets a public address. */
export enum AlibabaAddressType {
  /** A public address. The cloud-controller-manager's default. */
  INTERNET = 'internet',
  /** A private address of the VPC. */
  INTRANET = 'intranet',
}

/** Address families of the Alibaba Cloud load balancer. */
export enum AlibabaIpVersion {
  /** IPv4. */
  IPV4 = 'ipv4',
  /** IPv6 (CLB only). */
  IPV6 = 'ipv6',
  /** IPv4 and IPv6 (NLB only). */
  DUAL_STACK = 'DualStack',
}

/**
 * Options for `LoadBalancerProvider.alibaba()` (Alibaba Cloud cloud-controller-manager).
 */
export interface AlibabaLoadBalancerOptions {
  /**
   * Public or VPC-internal.
   * @default AlibabaAddressType.INTERNET - the cloud-controller-manager's default
   */
  readonly addressType?: AlibabaAddressType;
  /**
   * CLB instance specification (CLB only), e.g. `slb.s2.small`.
   * @default - slb.s1.small (the cloud-controller-manager's default)
   */
  readonly spec?: string;
  /**
   * Address families: IPv6 needs a CLB, dual-stack an NLB.
   * @default AlibabaIpVersion.IPV4
   */
  readonly ipVersion?: AlibabaIpVersion;
  /**
   * A Network Load Balancer (`loadBalancerClass: alibabacloud.com/nlb`)
   * instead of a Classic Load Balancer.
   * @default false
   */
  readonly networkLoadBalancer?: boolean;
}

const PREFIX = 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-';
const PROP = 'exposure.provider';

/**
 * A CLB or NLB of Alibaba Cloud.
 */
export class AlibabaLoadBalancerProvider extends LoadBalancerProvider {
  constructor(private readonly options: AlibabaLoadBalancerOptions = {}) {
    super();
  }

  public bind(scope: IConstruct, _options: LoadBalancerBindOptions): LoadBalancerProviderConfig {
    const o = this.options ?? {};
    enumCheck(scope, `${PROP}.addressType`, o.addressType, AlibabaAddressType);
    enumCheck(scope, `${PROP}.ipVersion`, o.ipVersion, AlibabaIpVersion);
    boolCheck(scope, `${PROP}.networkLoadBalancer`, o.networkLoadBalancer);
    stringCheck(scope, `${PROP}.spec`, o.spec, /^slb\.[a-z0-9]+(\.[a-z0-9]+)+$/, 'is not a CLB specification', "use e.g. 'slb.s2.small'");
    const address = o.addressType ?? AlibabaAddressType.INTERNET;
    const annotations: Record<string, string> = {};
    const base = {
      name: 'alibaba',
      internetFacing: address === AlibabaAddressType.INTERNET,
      // The CCM filters clients with its own access-control-list annotations, which this library does not model.
      supportsSourceRanges: false,
      sourceRangesUnsupportedReason: 'the Alibaba Cloud controller filters clients through its own ACL annotations (acl-status, acl-id), not loadBalancerSourceRanges; set them through exposure annotations',
    };
    if (o.networkLoadBalancer) {
      if (o.spec !== undefined) fail(scope, `${PROP}.spec`, o.spec, 'is a CLB setting and an NLB has no instance specification', 'drop spec, or set networkLoadBalancer: false');
      if (o.ipVersion === AlibabaIpVersion.IPV6) fail(scope, `${PROP}.ipVersion`, o.ipVersion, 'an NLB supports ipv4 or DualStack only', 'use AlibabaIpVersion.DUAL_STACK, or a CLB (networkLoadBalancer: false)');
      annotations[`${PREFIX}address-type`] = address === AlibabaAddressType.INTERNET ? 'Internet' : 'Intranet';
      if (o.ipVersion !== undefined) annotations[`${PREFIX}ip-version`] = o.ipVersion;
      return { ...base, annotations, loadBalancerClass: 'alibabacloud.com/nlb' };
    }
    if (o.ipVersion === AlibabaIpVersion.DUAL_STACK) fail(scope, `${PROP}.ipVersion`, o.ipVersion, 'dual-stack is documented for the NLB only', 'set networkLoadBalancer: true, or use ipv4 / ipv6');
    annotations[`${PREFIX}address-type`] = address;
    if (o.spec !== undefined) annotations[`${PREFIX}spec`] = o.spec;
    if (o.ipVersion !== undefined) annotations[`${PREFIX}ip-version`] = o.ipVersion;
    return { ...base, annotations };
  }
}
