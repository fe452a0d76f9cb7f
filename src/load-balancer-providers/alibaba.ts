import { IConstruct } from 'constructs';
import { LoadBalancerBindOptions, LoadBalancerProvider, LoadBalancerProviderConfig } from './provider';
import { fail } from '../errors';
import { refuseProtocols } from '../internal/lb-ports';
import { boolCheck, enumCheck, stringCheck } from '../internal/service-checks';
import { addWarning } from '../internal/warnings';

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
 * One zone of an Alibaba Cloud NLB: the zone and the vSwitch (of the
 * cluster's VPC) the NLB gets an address in.
 * @see https://www.alibabacloud.com/help/en/cs/user-guide/configure-nlb-instances-by-using-annotations
 */
export interface AlibabaZoneMapping {
  /** Zone ID, e.g. `cn-hangzhou-k`. */
  readonly zoneId: string;
  /** vSwitch ID in that zone, e.g. `vsw-bp1a2b3c4d5e6f7g8h9i0`. */
  readonly vSwitchId: string;
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
  /**
   * Zones and vSwitches of the NLB
   * (`service.beta.kubernetes.io/alibaba-cloud-loadbalancer-zone-maps`, written
   * `zone:vsw,zone:vsw`). Required for an NLB: the cloud-controller-manager
   * refuses to create an NLB without it ("ParameterMissing, zone mappings are
   * required", cloud-provider-alibaba-cloud `pkg/controller/service/nlbv2/loadbalancer.go`),
   * so the Service would stay `<pending>`. Alibaba's docs ask for at least two
   * zones where the region has them. NLB only.
   * @default - none; required when `networkLoadBalancer` is true
   */
  readonly zoneMappings?: AlibabaZoneMapping[];
}

const PREFIX = 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-';
/** Alibaba Cloud zone IDs: region then zone letter(s), e.g. cn-hangzhou-k, ap-southeast-1a. */
const ZONE_ID = /^[a-z]{2}(-[a-z0-9]+)+$/;
const VSWITCH_ID = /^vsw-[a-z0-9]+$/;
const PROP = 'exposure.provider';

/**
 * A CLB or NLB of Alibaba Cloud.
 */
export class AlibabaLoadBalancerProvider extends LoadBalancerProvider {
  constructor(private readonly options: AlibabaLoadBalancerOptions = {}) {
    super();
  }

  public bind(scope: IConstruct, bindOptions: LoadBalancerBindOptions): LoadBalancerProviderConfig {
    const o = this.options ?? {};
    refuseProtocols(scope, bindOptions, 'alibaba', ['TCP', 'UDP'], 'CLB and NLB listeners are TCP, UDP, HTTP(S) or TCPSSL');
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
      annotations[`${PREFIX}zone-maps`] = this.zoneMaps(scope, o.zoneMappings);
      if (o.spec !== undefined) fail(scope, `${PROP}.spec`, o.spec, 'is a CLB setting and an NLB has no instance specification', 'drop spec, or set networkLoadBalancer: false');
      if (o.ipVersion === AlibabaIpVersion.IPV6) fail(scope, `${PROP}.ipVersion`, o.ipVersion, 'an NLB supports ipv4 or DualStack only', 'use AlibabaIpVersion.DUAL_STACK, or a CLB (networkLoadBalancer: false)');
      annotations[`${PREFIX}address-type`] = address === AlibabaAddressType.INTERNET ? 'Internet' : 'Intranet';
      if (o.ipVersion !== undefined) annotations[`${PREFIX}ip-version`] = o.ipVersion;
      return { ...base, annotations, loadBalancerClass: 'alibabacloud.com/nlb' };
    }
    if (o.zoneMappings !== undefined) {
      fail(scope, `${PROP}.zoneMappings`, o.zoneMappings, 'zone mappings are an NLB setting (a CLB takes its vSwitch from the cluster)', 'drop zoneMappings, or set networkLoadBalancer: true');
    }
    if (o.ipVersion === AlibabaIpVersion.DUAL_STACK) fail(scope, `${PROP}.ipVersion`, o.ipVersion, 'dual-stack is documented for the NLB only', 'set networkLoadBalancer: true, or use ipv4 / ipv6');
    annotations[`${PREFIX}address-type`] = address;
    if (o.spec !== undefined) annotations[`${PREFIX}spec`] = o.spec;
    if (o.ipVersion !== undefined) annotations[`${PREFIX}ip-version`] = o.ipVersion;
    return { ...base, annotations };
  }

  /** The zone-maps annotation value, `zone:vsw,zone:vsw`, or a refusal. */
  private zoneMaps(scope: IConstruct, mappings: AlibabaZoneMapping[] | undefined): string {
    const prop = `${PROP}.zoneMappings`;
    const example = "zoneMappings: [{ zoneId: 'cn-hangzhou-k', vSwitchId: 'vsw-aaa' }, { zoneId: 'cn-hangzhou-j', vSwitchId: 'vsw-bbb' }]";
    if (mappings === undefined) {
      fail(scope, prop, mappings, 'the Alibaba Cloud controller cannot create an NLB without zone mappings ("ParameterMissing, zone mappings are required"): the Service would stay <pending>',
        `list the NLB's zones and vSwitches, e.g. ${example}`);
    }
    if (!Array.isArray(mappings) || mappings.length === 0) fail(scope, prop, mappings, 'needs at least one zone and vSwitch', `pass e.g. ${example}`);
    const zones = new Map<string, number>();
    mappings.forEach((m, i) => {
      if (m === null || typeof m !== 'object') fail(scope, `${prop}[${i}]`, m, 'must be { zoneId, vSwitchId }', `pass e.g. ${example}`);
      stringCheck(scope, `${prop}[${i}].zoneId`, m.zoneId ?? '', ZONE_ID, 'is not an Alibaba Cloud zone ID', "use e.g. 'cn-hangzhou-k' (the NLB console lists the zones NLB supports)");
      stringCheck(scope, `${prop}[${i}].vSwitchId`, m.vSwitchId ?? '', VSWITCH_ID, 'is not a vSwitch ID', "use e.g. 'vsw-bp1a2b3c4d5e6f7g8h9i0' (a vSwitch of the cluster's VPC in that zone)");
      const first = zones.get(m.zoneId);
      if (first !== undefined) fail(scope, `${prop}[${i}].zoneId`, m.zoneId, `is already mapped by zoneMappings[${first}] (an NLB takes one vSwitch per zone)`, 'list each zone once');
      zones.set(m.zoneId, i);
    });
    if (mappings.length === 1) {
      addWarning(scope, `${prop}: an NLB in one zone (${mappings[0].zoneId}) has no zone redundancy; Alibaba Cloud asks for at least two zones where the region has them`);
    }
    return mappings.map((m) => `${m.zoneId}:${m.vSwitchId}`).join(',');
  }
}
