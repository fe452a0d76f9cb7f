/**
 * Found by `npm run verify:cluster`: the API server (v1.33+, StrictIPCIDRValidation)
 * refuses a NetworkPolicy ipBlock.cidr or a Service loadBalancerSourceRanges entry
 * with bits set beyond the prefix length or an IPv4-mapped IPv6 address
 * (k8s.io/apimachinery/pkg/util/validation/ip.go parseCIDR). Every CIDR prop
 * that reaches one of those fields refuses them at synth, naming the prop and
 * the block's first address.
 */
import { Testing } from 'cdk8s';
import {
  AwsLoadBalancerScheme, ExposeErrors, Exposure, ExternalTrafficPolicy, IngressController, LoadBalancerProvider, PublicWebApp,
} from '../src';
import { appWith } from './exposure/helpers';
import { expectValid } from './util/schema';

const ack = { acknowledgePrivilegedNamespace: true };
const local = ExternalTrafficPolicy.LOCAL;

/** Each CIDR prop, building an app with `cidr` in it. */
const PROPS: Array<[string, (cidr: string) => void]> = [
  ['egressCidrs[0]', (c) => appWith(Exposure.clusterIp(), { egressCidrs: [c] })],
  ['exposure.allowSourceRanges[0]', (c) => appWith(Exposure.ingress({ allowPlainHttp: true, allowSourceRanges: [c] }))],
  ['exposure.allowSourceRanges[0]', (c) => appWith(Exposure.nodePort({ externalTrafficPolicy: local, allowSourceRanges: [c] }))],
  ['exposure.allowSourceRanges[0]', (c) => appWith(Exposure.hostPort({ ...ack, allowSourceRanges: [c] }))],
  ['exposure.loadBalancerSourceRanges[0]', (c) => appWith(Exposure.loadBalancer({
    provider: LoadBalancerProvider.aws(), externalTrafficPolicy: local, loadBalancerSourceRanges: [c],
  }))],
  ['exposure.controller.vpcCidr', (c) => new PublicWebApp(Testing.chart(), 'web', {
    image: 'ghcr.io/acme/web:1.0.0',
    host: 'shop.example.com',
    exposure: Exposure.ingress({
      controller: IngressController.awsAlb({ scheme: AwsLoadBalancerScheme.INTERNAL, vpcCidr: c }),
      allowPlainHttp: true,
    }),
  })],
];

function thrown(f: () => void): any {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe.each(PROPS)('%s', (prop, build) => {
  test.each([
    ['203.0.113.10/24', "'203.0.113.0/24'"],
    ['2001:db8::1/64', "'2001:db8::/64'"],
  ])('refuses %s (bits beyond the prefix) and names the first address', (cidr, fix) => {
    const e = thrown(() => build(cidr));
    expect(ExposeErrors.isExposeError(e)).toBe(true);
    expect(e.prop).toBe(prop);
    expect(e.message).toContain('has bits set beyond the prefix length');
    expect(e.message).toContain(fix);
  });

  test('refuses an IPv4-mapped IPv6 block', () => {
    const e = thrown(() => build('::ffff:192.0.2.0/120'));
    expect(ExposeErrors.isExposeError(e)).toBe(true);
    expect(e.prop).toBe(prop);
    expect(e.message).toContain('IPv4-mapped IPv6');
  });

  test('accepts the canonical block', () => {
    expect(thrown(() => build('203.0.113.0/24'))).toBeUndefined();
    expect(thrown(() => build('2001:db8::/64'))).toBeUndefined();
  });
});

test('the accepted blocks reach the NetworkPolicy unchanged', () => {
  const { chart } = appWith(Exposure.ingress({ allowPlainHttp: true, allowSourceRanges: ['198.51.100.0/24'] }), { egressCidrs: ['10.0.0.0/8'] });
  const np = expectValid(chart).find((o) => o.kind === 'NetworkPolicy');
  expect(JSON.stringify(np.spec)).toContain('"cidr":"10.0.0.0/8"');
});

test('an IPv4-mapped IPv6 external IP is refused too (strict IP validation, parseIP)', () => {
  const e = thrown(() => appWith(Exposure.externalIps(['203.0.113.10', '::ffff:192.0.2.10'])));
  expect(ExposeErrors.isExposeError(e)).toBe(true);
  expect(e.prop).toBe('exposure.addresses[1]');
  expect(e.message).toContain('IPv4-mapped IPv6 address');
  expect(thrown(() => appWith(Exposure.externalIps(['203.0.113.10', '2001:db8::10'])))).toBeUndefined();
});
