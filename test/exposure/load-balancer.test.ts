import { appWith, one } from './helpers';
import { Exposure, ExternalTrafficPolicy, IpFamily, IpFamilyPolicy, LoadBalancerProvider, Tls } from '../../src';
import { expectValid } from '../util/schema';

describe('Exposure.loadBalancer', () => {
  test('defaults: Local policy; a public load balancer without ranges is refused', () => {
    expect(() => appWith(Exposure.loadBalancer())).toThrow(/exposure.allowPublicAccess=\(unset\): the cluster default load balancer is internet-facing and would accept every address/);
    const { chart, web } = appWith(Exposure.loadBalancer({ allowPublicAccess: true }));
    const objects = expectValid(chart);
    expect(objects).toMatchSnapshot();
    const svc = one(objects, 'Service');
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.spec.externalTrafficPolicy).toBe('Local');
    expect(svc.spec.loadBalancerClass).toBeUndefined();
    expect(svc.spec.loadBalancerSourceRanges).toBeUndefined();
    expect(svc.spec.ipFamilyPolicy).toBeUndefined();
    expect(one(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
    expect(web.accessInfo()).toContain('kubectl get svc web  # EXTERNAL-IP');
  });

  test('source ranges: on the Service and, with Local and client IP kept, in the NetworkPolicy', () => {
    const { chart } = appWith(Exposure.loadBalancer({ provider: LoadBalancerProvider.gcp(), loadBalancerSourceRanges: ['203.0.113.0/24', '2001:db8::/32'] }));
    const objects = expectValid(chart);
    const svc = one(objects, 'Service');
    expect(svc.spec.loadBalancerSourceRanges).toEqual(['203.0.113.0/24', '2001:db8::/32']);
    expect(svc.metadata.annotations).toEqual({ 'cloud.google.com/l4-rbs': 'enabled' });
    expect(one(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '203.0.113.0/24' } }, { ipBlock: { cidr: '2001:db8::/32' } }]);
  });

  test('with Cluster policy the pods see node IPs: NetworkPolicy stays open, the load balancer filters', () => {
    const { chart } = appWith(Exposure.loadBalancer({
      provider: LoadBalancerProvider.gcp(), loadBalancerSourceRanges: ['203.0.113.0/24'], externalTrafficPolicy: ExternalTrafficPolicy.CLUSTER,
    }));
    const objects = expectValid(chart);
    expect(one(objects, 'Service').spec.externalTrafficPolicy).toBe('Cluster');
    expect(one(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
  });

  test('internal load balancers need no allowPublicAccess', () => {
    const { chart } = appWith(Exposure.loadBalancer({ provider: LoadBalancerProvider.aws() }));
    const svc = one(expectValid(chart), 'Service');
    expect(svc.spec.loadBalancerClass).toBe('service.k8s.aws/nlb');
    expect(svc.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-scheme']).toBe('internal');
  });

  test('dual-stack', () => {
    const { chart } = appWith(Exposure.loadBalancer({
      provider: LoadBalancerProvider.azure({ internal: true }),
      ipFamilyPolicy: IpFamilyPolicy.REQUIRE_DUAL_STACK,
      ipFamilies: [IpFamily.IPV6, IpFamily.IPV4],
    }));
    const svc = one(expectValid(chart), 'Service');
    expect(svc.spec.ipFamilyPolicy).toBe('RequireDualStack');
    expect(svc.spec.ipFamilies).toEqual(['IPv6', 'IPv4']);
  });

  test('extra annotations merge but cannot override the provider', () => {
    const { chart } = appWith(Exposure.loadBalancer({ provider: LoadBalancerProvider.aws(), annotations: { 'example.com/team': 'web' } }));
    expect(one(expectValid(chart), 'Service').metadata.annotations['example.com/team']).toBe('web');
    expect(() => appWith(Exposure.loadBalancer({ provider: LoadBalancerProvider.aws(), annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' } })))
      .toThrow(/exposure.annotations="service.beta.kubernetes.io\/aws-load-balancer-scheme": is set by the aws provider/);
    expect(() => appWith(Exposure.loadBalancer({ provider: LoadBalancerProvider.aws(), annotations: { 'bad key!': 'x' } }))).toThrow(/exposure.annotations="bad key!"/);
    expect(() => appWith(Exposure.loadBalancer({ provider: LoadBalancerProvider.aws(), annotations: { 'a/b': 1 as any } }))).toThrow(/exposure.annotations.a\/b=1/);
  });

  test('refused inputs', () => {
    const pub = { allowPublicAccess: true };
    expect(() => appWith(Exposure.loadBalancer({ loadBalancerSourceRanges: ['0.0.0.0/0'] }))).toThrow(/exposure.loadBalancerSourceRanges="0.0.0.0\/0": the cluster default load balancer is internet-facing/);
    expect(() => appWith(Exposure.loadBalancer({ ...pub, loadBalancerSourceRanges: [] }))).toThrow(/exposure.loadBalancerSourceRanges=\[\]: an empty list means "every address"/);
    expect(() => appWith(Exposure.loadBalancer({ ...pub, loadBalancerSourceRanges: ['10.0.0.0/33'] }))).toThrow(/exposure.loadBalancerSourceRanges\[0\]="10.0.0.0\/33"/);
    expect(() => appWith(Exposure.loadBalancer({ ...pub, externalTrafficPolicy: 'x' as any }))).toThrow(/exposure.externalTrafficPolicy="x"/);
    expect(() => appWith(Exposure.loadBalancer({ ...pub, ipFamilyPolicy: 'Dual' as any }))).toThrow(/exposure.ipFamilyPolicy="Dual"/);
    expect(() => appWith(Exposure.loadBalancer({ ...pub, ipFamilies: [] }))).toThrow(/exposure.ipFamilies=\[\]: must list one or two/);
    expect(() => appWith(Exposure.loadBalancer({ ...pub, ipFamilies: ['IPv5' as any] }))).toThrow(/exposure.ipFamilies\[0\]="IPv5"/);
    expect(() => appWith(Exposure.loadBalancer({ ...pub, ipFamilies: [IpFamily.IPV4, IpFamily.IPV4], ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK }))).toThrow(/lists the same family twice/);
    expect(() => appWith(Exposure.loadBalancer({ ...pub, ipFamilies: [IpFamily.IPV4, IpFamily.IPV6] }))).toThrow(/exposure.ipFamilyPolicy=\(unset\): two ipFamilies need a dual-stack policy/);
    expect(() => appWith(Exposure.loadBalancer({ allowPublicAccess: 'yes' as any }))).toThrow(/exposure.allowPublicAccess="yes": must be true or false/);
    expect(() => appWith(Exposure.loadBalancer({ ...pub, nodePort: 80 }))).toThrow(/exposure.nodePort=80/);
    expect(() => appWith(Exposure.loadBalancer({ ...pub, provider: {} as any }))).toThrow(/exposure.provider=.*is not a LoadBalancerProvider/);
    expect(() => appWith(Exposure.loadBalancer(pub), { host: 'a.example.com', tls: Tls.fromSecret('a') })).toThrow(/tls="set": Exposure.loadBalancer\(\) forwards TCP/);
  });

  test('source ranges on a provider that would ignore them are refused', () => {
    expect(() => appWith(Exposure.loadBalancer({ provider: LoadBalancerProvider.alibaba({ addressType: undefined }), loadBalancerSourceRanges: ['203.0.113.0/24'] })))
      .toThrow(/exposure.loadBalancerSourceRanges=\["203.0.113.0\/24"\]: the alibaba provider would not enforce them/);
  });
});
