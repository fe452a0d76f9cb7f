import { Testing } from 'cdk8s';
import { build, serviceFor } from './helpers';
import { AlibabaAddressType, AlibabaIpVersion, Exposure, LoadBalancerProvider, PublicWebApp } from '../../src';
import { warningsOf } from '../../src/internal/warnings';

const P = 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-';
const ZONES = [{ zoneId: 'cn-hangzhou-k', vSwitchId: 'vsw-aaa1' }, { zoneId: 'cn-hangzhou-j', vSwitchId: 'vsw-bbb2' }];

describe('LoadBalancerProvider.alibaba', () => {
  test('defaults: internet CLB', () => {
    const svc = serviceFor(LoadBalancerProvider.alibaba());
    expect(svc).toMatchSnapshot();
    expect(svc.metadata.annotations).toEqual({ [`${P}address-type`]: 'internet' });
    expect(svc.spec.loadBalancerClass).toBeUndefined();
  });

  test('CLB spec and IPv6; NLB dual-stack intranet', () => {
    expect(serviceFor(LoadBalancerProvider.alibaba({ spec: 'slb.s2.small', ipVersion: AlibabaIpVersion.IPV6 })).metadata.annotations)
      .toEqual({ [`${P}address-type`]: 'internet', [`${P}spec`]: 'slb.s2.small', [`${P}ip-version`]: 'ipv6' });
    const nlb = serviceFor(LoadBalancerProvider.alibaba({
      networkLoadBalancer: true, addressType: AlibabaAddressType.INTRANET, ipVersion: AlibabaIpVersion.DUAL_STACK, zoneMappings: ZONES,
    }), { allowPublicAccess: undefined });
    expect(nlb.spec.loadBalancerClass).toBe('alibabacloud.com/nlb');
    expect(nlb.metadata.annotations).toEqual({
      [`${P}address-type`]: 'Intranet', [`${P}ip-version`]: 'DualStack', [`${P}zone-maps`]: 'cn-hangzhou-k:vsw-aaa1,cn-hangzhou-j:vsw-bbb2',
    });
  });

  // issue 11 fault 13: the CCM returns "ParameterMissing, zone mappings are required" for an NLB without zone-maps.
  test('an NLB needs zone mappings (the controller cannot create it otherwise)', () => {
    const ali = LoadBalancerProvider.alibaba;
    expect(() => build(ali({ networkLoadBalancer: true }))).toThrow(/exposure.provider.zoneMappings=\(unset\): the Alibaba Cloud controller cannot create an NLB without zone mappings.*Fix: list the NLB's zones and vSwitches/);
    expect(() => build(ali({ networkLoadBalancer: true, zoneMappings: [] }))).toThrow(/exposure.provider.zoneMappings=\[\]: needs at least one zone/);
    expect(() => build(ali({ networkLoadBalancer: true, zoneMappings: [{ zoneId: 'cn-hangzhou-k', vSwitchId: 'vsw-a' }, { zoneId: 'cn-hangzhou-k', vSwitchId: 'vsw-b' }] })))
      .toThrow(/exposure.provider.zoneMappings\[1\].zoneId="cn-hangzhou-k": is already mapped by zoneMappings\[0\]/);
    expect(() => build(ali({ networkLoadBalancer: true, zoneMappings: [{ zoneId: 'cn-hangzhou-k', vSwitchId: 'subnet-1' }] })))
      .toThrow(/exposure.provider.zoneMappings\[0\].vSwitchId="subnet-1": is not a vSwitch ID/);
    expect(() => build(ali({ networkLoadBalancer: true, zoneMappings: [{ zoneId: 'Hangzhou K', vSwitchId: 'vsw-a' }] })))
      .toThrow(/exposure.provider.zoneMappings\[0\].zoneId="Hangzhou K": is not an Alibaba Cloud zone ID/);
    expect(() => build(ali({ zoneMappings: ZONES }))).toThrow(/exposure.provider.zoneMappings=.*zone mappings are an NLB setting/);
  });

  test('one zone is accepted with a warning (no zone redundancy)', () => {
    process.env.CDK8S_EXPOSE_QUIET = '1';
    const chart = Testing.chart();
    const web = new PublicWebApp(chart, 'web', {
      image: 'x:1', exposure: Exposure.loadBalancer({ allowPublicAccess: true, provider: LoadBalancerProvider.alibaba({ networkLoadBalancer: true, zoneMappings: [ZONES[0]] }) }),
    });
    expect(web.service.metadata.toJson().annotations[`${P}zone-maps`]).toBe('cn-hangzhou-k:vsw-aaa1');
    expect(warningsOf(web).join('\n')).toMatch(/zoneMappings: an NLB in one zone \(cn-hangzhou-k\) has no zone redundancy/);
  });

  test('refused inputs', () => {
    const ali = LoadBalancerProvider.alibaba;
    expect(() => build(ali({ ipVersion: AlibabaIpVersion.DUAL_STACK }))).toThrow(/exposure.provider.ipVersion="DualStack": dual-stack is documented for the NLB only/);
    expect(() => build(ali({ networkLoadBalancer: true, zoneMappings: ZONES, ipVersion: AlibabaIpVersion.IPV6 }))).toThrow(/exposure.provider.ipVersion="ipv6": an NLB supports ipv4 or DualStack only/);
    expect(() => build(ali({ networkLoadBalancer: true, zoneMappings: ZONES, spec: 'slb.s1.small' }))).toThrow(/exposure.provider.spec="slb.s1.small": is a CLB setting/);
    expect(() => build(ali({ spec: 'big' }))).toThrow(/exposure.provider.spec="big": is not a CLB specification/);
    expect(() => build(ali({ addressType: 'public' as any }))).toThrow(/exposure.provider.addressType="public"/);
    expect(() => build(ali(), { loadBalancerSourceRanges: ['203.0.113.0/24'] })).toThrow(/the alibaba provider would not enforce them/);
  });
});
