import { build, serviceFor } from './helpers';
import { LoadBalancerProvider } from '../../src';

const P = 'service.beta.kubernetes.io/azure-';

describe('LoadBalancerProvider.azure', () => {
  test('defaults: public load balancer without annotations', () => {
    const svc = serviceFor(LoadBalancerProvider.azure());
    expect(svc).toMatchSnapshot();
    expect(svc.metadata.annotations).toBeUndefined();
  });

  test('public IP name and DNS label; internal with subnet', () => {
    expect(serviceFor(LoadBalancerProvider.azure({ dnsLabelName: 'shop-prod', publicIpName: 'shop-pip' })).metadata.annotations)
      .toEqual({ [`${P}dns-label-name`]: 'shop-prod', [`${P}pip-name`]: 'shop-pip' });
    expect(serviceFor(LoadBalancerProvider.azure({ internal: true, internalSubnet: 'apps' }), { allowPublicAccess: undefined }).metadata.annotations)
      .toEqual({ [`${P}load-balancer-internal`]: 'true', [`${P}load-balancer-internal-subnet`]: 'apps' });
  });

  test('refused inputs', () => {
    const az = LoadBalancerProvider.azure;
    expect(() => build(az({ internalSubnet: 'apps' }))).toThrow(/exposure.provider.internalSubnet="apps": only applies to internal load balancers/);
    expect(() => build(az({ internal: true, dnsLabelName: 'shop' }))).toThrow(/exposure.provider.dnsLabelName="shop": a DNS label belongs to a public IP/);
    expect(() => build(az({ internal: true, publicIpName: 'pip' }))).toThrow(/exposure.provider.publicIpName="pip": an internal load balancer has no public IP/);
    expect(() => build(az({ dnsLabelName: 'Shop_Prod' }))).toThrow(/exposure.provider.dnsLabelName="Shop_Prod": is not a valid Azure DNS label/);
    expect(() => build(az({ publicIpName: '-x' }))).toThrow(/exposure.provider.publicIpName="-x"/);
    expect(() => build(az({ internalSubnet: 3 as any, internal: true }))).toThrow(/exposure.provider.internalSubnet=3/);
  });
});
