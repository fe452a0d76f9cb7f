import { build, serviceFor } from './helpers';
import { AlibabaAddressType, AlibabaIpVersion, LoadBalancerProvider } from '../../src';

const P = 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-';

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
      networkLoadBalancer: true, addressType: AlibabaAddressType.INTRANET, ipVersion: AlibabaIpVersion.DUAL_STACK,
    }), { allowPublicAccess: undefined });
    expect(nlb.spec.loadBalancerClass).toBe('alibabacloud.com/nlb');
    expect(nlb.metadata.annotations).toEqual({ [`${P}address-type`]: 'Intranet', [`${P}ip-version`]: 'DualStack' });
  });

  test('refused inputs', () => {
    const ali = LoadBalancerProvider.alibaba;
    expect(() => build(ali({ ipVersion: AlibabaIpVersion.DUAL_STACK }))).toThrow(/exposure.provider.ipVersion="DualStack": dual-stack is documented for the NLB only/);
    expect(() => build(ali({ networkLoadBalancer: true, ipVersion: AlibabaIpVersion.IPV6 }))).toThrow(/exposure.provider.ipVersion="ipv6": an NLB supports ipv4 or DualStack only/);
    expect(() => build(ali({ networkLoadBalancer: true, spec: 'slb.s1.small' }))).toThrow(/exposure.provider.spec="slb.s1.small": is a CLB setting/);
    expect(() => build(ali({ spec: 'big' }))).toThrow(/exposure.provider.spec="big": is not a CLB specification/);
    expect(() => build(ali({ addressType: 'public' as any }))).toThrow(/exposure.provider.addressType="public"/);
    expect(() => build(ali(), { loadBalancerSourceRanges: ['203.0.113.0/24'] })).toThrow(/the alibaba provider would not enforce them/);
  });
});
