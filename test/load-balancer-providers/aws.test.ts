import { Testing } from 'cdk8s';
import { build, serviceFor } from './helpers';
import { AwsIpAddressType, AwsLoadBalancerScheme, AwsTargetType, Exposure, LoadBalancerProvider, NetworkEndpoint, NetworkPolicyEvaluator, PublicWebApp } from '../../src';
import { expectValid } from '../util/schema';

const P = 'service.beta.kubernetes.io/aws-load-balancer-';
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('LoadBalancerProvider.aws', () => {
  test('defaults: NLB class, internal, instance targets, client IP kept', () => {
    const svc = serviceFor(LoadBalancerProvider.aws());
    expect(svc).toMatchSnapshot();
    expect(svc.spec.loadBalancerClass).toBe('service.k8s.aws/nlb');
    expect(svc.metadata.annotations).toEqual({ [`${P}scheme`]: 'internal', [`${P}nlb-target-type`]: 'instance' });
    expect(svc.metadata.annotations[`${P}type`]).toBeUndefined();
    expect(svc.spec.externalTrafficPolicy).toBe('Local');
  });

  test('internet-facing needs source ranges or allowPublicAccess', () => {
    expect(() => new PublicWebApp(Testing.chart(), 'web', { image: 'x:1', exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.aws({ scheme: AwsLoadBalancerScheme.INTERNET_FACING }) }) }))
      .toThrow(/exposure.allowPublicAccess=\(unset\): the aws load balancer is internet-facing/);
    const chart = Testing.chart();
    new PublicWebApp(chart, 'web', { image: 'x:1', exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.aws({ scheme: AwsLoadBalancerScheme.INTERNET_FACING }), loadBalancerSourceRanges: ['203.0.113.0/24'] }) });
    const svc = expectValid(chart).find((o) => o.kind === 'Service');
    expect(svc.metadata.annotations[`${P}scheme`]).toBe('internet-facing');
    expect(svc.spec.loadBalancerSourceRanges).toEqual(['203.0.113.0/24']);
  });

  test('TLS offload, dual-stack, cross-zone and attributes', () => {
    const svc = serviceFor(LoadBalancerProvider.aws({
      scheme: AwsLoadBalancerScheme.INTERNET_FACING,
      tlsCertificateArns: [CERT],
      ipAddressType: AwsIpAddressType.DUALSTACK,
      crossZoneLoadBalancing: true,
      attributes: { 'deletion_protection.enabled': 'true' },
    }), {}, 443);
    expect(svc.metadata.annotations).toMatchObject({
      [`${P}ssl-cert`]: CERT,
      [`${P}ssl-ports`]: '443',
      [`${P}ip-address-type`]: 'dualstack',
      [`${P}attributes`]: 'load_balancing.cross_zone.enabled=true,deletion_protection.enabled=true',
    });
  });

  test('ip targets: client IP preservation off by default, so source ranges are refused', () => {
    const svc = serviceFor(LoadBalancerProvider.aws({ targetType: AwsTargetType.IP }));
    expect(svc.metadata.annotations[`${P}nlb-target-type`]).toBe('ip');
    expect(svc.metadata.annotations[`${P}target-group-attributes`]).toBeUndefined();
    expect(() => build(LoadBalancerProvider.aws({ targetType: AwsTargetType.IP }), { loadBalancerSourceRanges: ['203.0.113.0/24'] }))
      .toThrow(/exposure.loadBalancerSourceRanges=\["203.0.113.0\/24"\]: the aws provider would not enforce them \(the AWS Load Balancer Controller ignores source ranges while client IP preservation is off/);
    const kept = serviceFor(LoadBalancerProvider.aws({ targetType: AwsTargetType.IP, preserveClientIp: true, vpcCidr: '10.0.0.0/16' }), { loadBalancerSourceRanges: ['203.0.113.0/24'] });
    expect(kept.metadata.annotations[`${P}target-group-attributes`]).toBe('preserve_client_ip.enabled=true');
  });

  describe('ip targets with client IP preservation and source ranges: the NLB health checks come from the VPC (issue 11, fault 8)', () => {
    const shop = NetworkEndpoint.pod('default', { 'app.kubernetes.io/name': 'web' });
    const policiesOf = (chart: any) => new NetworkPolicyEvaluator(expectValid(chart));

    test('without vpcCidr: refused, naming the prop and the fix', () => {
      expect(() => build(LoadBalancerProvider.aws({ targetType: AwsTargetType.IP, preserveClientIp: true }), { loadBalancerSourceRanges: ['203.0.113.0/24'] }))
        .toThrow(/PublicWebApp 'test\/web': exposure.provider.vpcCidr=\(unset\): with ip targets the NLB health-checks the pods from its own VPC addresses.*Fix: pass the VPC CIDR/);
    });

    test('with vpcCidr: the NetworkPolicy admits the clients and the NLB, and nobody else', () => {
      const chart = Testing.chart();
      new PublicWebApp(chart, 'web', {
        image: 'x:1',
        exposure: Exposure.loadBalancer({
          provider: LoadBalancerProvider.aws({ targetType: AwsTargetType.IP, preserveClientIp: true, vpcCidr: '10.0.0.0/16' }),
          loadBalancerSourceRanges: ['203.0.113.0/24'],
        }),
      });
      const np = policiesOf(chart);
      expect(np.isAllowed({ from: NetworkEndpoint.address('10.0.12.34'), to: shop, port: 8080 })).toBe(true); // NLB health check
      expect(np.isAllowed({ from: NetworkEndpoint.address('203.0.113.9'), to: shop, port: 8080 })).toBe(true); // client
      expect(np.isAllowed({ from: NetworkEndpoint.address('198.51.100.1'), to: shop, port: 8080 })).toBe(false);
    });

    test('vpcCidr is refused where it means nothing: instance targets are health-checked on the node', () => {
      expect(() => build(LoadBalancerProvider.aws({ vpcCidr: '10.0.0.0/16' }), { loadBalancerSourceRanges: ['203.0.113.0/24'] }))
        .toThrow(/exposure.provider.vpcCidr="10.0.0.0\/16": instance targets are health-checked on the nodes/);
      expect(() => build(LoadBalancerProvider.aws({ targetType: AwsTargetType.IP, vpcCidr: 'vpc' })))
        .toThrow(/exposure.provider.vpcCidr="vpc": is not a CIDR block/);
    });

    test('instance targets and ip targets without preservation need no VPC block (the policy is not narrowed to the clients there)', () => {
      const chart = Testing.chart();
      new PublicWebApp(chart, 'web', { image: 'x:1', exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.aws(), loadBalancerSourceRanges: ['203.0.113.0/24'] }) });
      const np = policiesOf(chart);
      expect(np.isAllowed({ from: NetworkEndpoint.address('203.0.113.9'), to: shop, port: 8080 })).toBe(true);
      expect(np.isAllowed({ from: NetworkEndpoint.address('10.0.12.34'), to: shop, port: 8080 })).toBe(false);
    });
  });

  test('refused inputs', () => {
    const aws = LoadBalancerProvider.aws;
    expect(() => build(aws({ scheme: 'public' as any }))).toThrow(/exposure.provider.scheme="public": is not one of internal, internet-facing/);
    expect(() => build(aws({ targetType: 'pod' as any }))).toThrow(/exposure.provider.targetType="pod"/);
    expect(() => build(aws({ ipAddressType: 'v6' as any }))).toThrow(/exposure.provider.ipAddressType="v6"/);
    expect(() => build(aws({ preserveClientIp: 1 as any }))).toThrow(/exposure.provider.preserveClientIp=1: must be true or false/);
    expect(() => build(aws({ tlsCertificateArns: [] }))).toThrow(/exposure.provider.tlsCertificateArns=\[\]: needs at least one certificate ARN/);
    expect(() => build(aws({ tlsCertificateArns: ['my-cert'] }))).toThrow(/exposure.provider.tlsCertificateArns\[0\]="my-cert": is not an ACM or IAM certificate ARN/);
    expect(() => build(aws({ tlsCertificateArns: [CERT], tlsPorts: [443] }))).toThrow(/exposure.provider.tlsPorts\[0\]=443: is not a port of Service 'web' \(80\)/);
    expect(() => build(aws({ tlsCertificateArns: [CERT], tlsPorts: [] }))).toThrow(/exposure.provider.tlsPorts=\[\]: needs at least one port/);
    expect(() => build(aws({ tlsPorts: [80] }))).toThrow(/exposure.provider.tlsPorts=\[80\]: TLS ports need a certificate/);
    expect(() => build(aws({ attributes: { 'Bad Key': 'x' } }))).toThrow(/exposure.provider.attributes="Bad Key": is not an NLB attribute name/);
    expect(() => build(aws({ attributes: { 'a.b': 'x,y' } }))).toThrow(/exposure.provider.attributes.a.b="x,y"/);
    expect(() => build(aws({ attributes: { 'a.b': true as any } }))).toThrow(/exposure.provider.attributes.a.b=true/);
    expect(() => build(aws({ attributes: 'x' as any }))).toThrow(/exposure.provider.attributes="x": must be a map/);
    expect(() => build(aws({ crossZoneLoadBalancing: true, attributes: { 'load_balancing.cross_zone.enabled': 'false' } }))).toThrow(/is also set by crossZoneLoadBalancing/);
  });
});
