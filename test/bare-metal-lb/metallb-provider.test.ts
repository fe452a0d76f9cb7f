import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Advertisement, BareMetalLB, BareMetalLBProps, LoadBalancerProvider, MetalLbProvider } from '../../src';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

function setup(props: Partial<BareMetalLBProps> = {}, app: App = Testing.app()) {
  const chart = new Chart(app, `c${app.charts.length}`);
  const lb = new BareMetalLB(chart, 'lb', {
    pools: [{ name: 'public', addresses: ['192.168.10.240-192.168.10.250'] }, { name: 'v6', addresses: ['2001:db8:1::/120'] }],
    advertisement: Advertisement.l2(),
    ...props,
  });
  return { app, chart, lb };
}

/** A stand-in for the exposing construct that binds the provider (PublicWebApp in the library). */
function service(scope: Construct, id: string) {
  return new Construct(scope, id);
}

describe('provider()', () => {
  test('is a LoadBalancerProvider; only the pool annotation without address or key', () => {
    const { chart, lb } = setup();
    const p = lb.provider({ pool: 'public' });
    expect(p).toBeInstanceOf(LoadBalancerProvider);
    expect(p).toBeInstanceOf(MetalLbProvider);
    expect(p.pool).toBe('public');
    expect(p.address).toBeUndefined();
    expect(p.sharingKey).toBeUndefined();
    expect(p.bind(service(chart, 'web'), { serviceName: 'web', namespace: 'shop', ports: [80] })).toEqual({
      name: 'metallb',
      annotations: { 'metallb.io/address-pool': 'public' },
      loadBalancerClass: undefined,
      supportsSourceRanges: true,
      internetFacing: false,
      prerequisites: lb.prerequisites(),
    });
    expect(lb.prerequisites().map((x) => `${x.kind} ${x.name}`)).toEqual(['CustomResourceDefinition ipaddresspools.metallb.io']);
    expectValid(chart);
  });

  test('address and sharing key use the current metallb.io keys, never metallb.universe.tf', () => {
    const { chart, lb } = setup();
    const cfg = lb.provider({ pool: 'public', address: '192.168.10.241', sharingKey: 'web' }).bind(service(chart, 'web'), { serviceName: 'web', ports: [80] });
    expect(cfg.annotations).toEqual({
      'metallb.io/address-pool': 'public',
      'metallb.io/loadBalancerIPs': '192.168.10.241',
      'metallb.io/allow-shared-ip': 'web',
    });
    expect(JSON.stringify(cfg)).not.toContain('universe.tf');
  });

  test('IPv6 addresses are written in canonical form', () => {
    const { chart, lb } = setup();
    const p = lb.provider({ pool: 'v6', address: '2001:DB8:1:0::10' });
    expect(p.address).toBe('2001:db8:1::10');
    expect(p.bind(service(chart, 'web'), { serviceName: 'web', ports: [80] }).annotations!['metallb.io/loadBalancerIPs']).toBe('2001:db8:1::10');
  });

  test('internetFacing: false for private pools, true for public ones, or as given', () => {
    const { chart, lb } = setup({ pools: [{ name: 'lan', addresses: ['10.0.0.16/28'] }, { name: 'pub', addresses: ['203.0.113.16/28'] }, { name: 'mixed', addresses: ['172.16.0.1', '198.51.100.1'] }] });
    const bind = (p: LoadBalancerProvider, id: string) => p.bind(service(chart, id), { serviceName: id, ports: [80] }).internetFacing;
    expect(bind(lb.provider({ pool: 'lan' }), 'a')).toBe(false);
    expect(bind(lb.provider({ pool: 'pub' }), 'b')).toBe(true);
    expect(bind(lb.provider({ pool: 'mixed' }), 'c')).toBe(true);
    expect(bind(lb.provider({ pool: 'mixed', address: '172.16.0.1' }), 'd')).toBe(false);
    expect(bind(lb.provider({ pool: 'lan', internetFacing: true }), 'e')).toBe(true);
  });

  test('loadBalancerClass is passed through when MetalLB runs with --lb-class', () => {
    const { chart, lb } = setup({ loadBalancerClass: 'metallb.io/metallb' });
    expect(lb.provider({ pool: 'public' }).bind(service(chart, 'w'), { serviceName: 'w', ports: [80] }).loadBalancerClass).toBe('metallb.io/metallb');
  });

  test('unknown pool', () => {
    const { lb } = setup();
    expectError(() => lb.provider({ pool: 'privat' }), "BareMetalLB 'c0/lb'", 'provider.pool="privat"', 'not a pool of this BareMetalLB (pools: public, v6)');
  });

  test('address outside its pool, or not an address', () => {
    const { lb } = setup();
    expectError(() => lb.provider({ pool: 'public', address: '192.168.10.251' }), 'provider.address="192.168.10.251"', 'outside pool public (192.168.10.240-192.168.10.250)');
    expectError(() => lb.provider({ pool: 'v6', address: '192.168.10.241' }), 'provider.address="192.168.10.241"', 'outside pool v6');
    expectError(() => lb.provider({ pool: 'public', address: '192.168.10.241/32' }), 'provider.address="192.168.10.241/32"', 'not an IPv4 or IPv6 address');
  });

  test('an address MetalLB never assigns because of avoidBuggyIps', () => {
    const { lb } = setup({ pools: [{ name: 'p', addresses: ['10.0.0.0/24'], avoidBuggyIps: true }] });
    expectError(() => lb.provider({ pool: 'p', address: '10.0.0.255' }), 'provider.address="10.0.0.255"', 'avoidBuggyIps');
    expect(() => lb.provider({ pool: 'p', address: '10.0.0.1' })).not.toThrow();
  });

  test('bad sharing key', () => {
    const { lb } = setup();
    expectError(() => lb.provider({ pool: 'public', sharingKey: ' ' }), 'provider.sharingKey=" "');
  });

  test('a pool limited to namespaces refuses Services elsewhere', () => {
    const { chart, lb } = setup({ pools: [{ name: 'shop-only', addresses: ['10.9.0.8/29'], serviceAllocation: { namespaces: ['shop'] } }] });
    const p = lb.provider({ pool: 'shop-only' });
    expect(() => p.bind(service(chart, 'ok'), { serviceName: 'ok', namespace: 'shop', ports: [80] })).not.toThrow();
    expectError(() => p.bind(service(chart, 'web'), { serviceName: 'web', namespace: 'blog', ports: [80] }), "Construct 'c0/web'", 'exposure.provider.pool="shop-only"', 'only serves namespaces shop', 'namespace blog');
  });
});

describe('one address, several Services (app-wide)', () => {
  test('the same address for two Services without a sharing key is refused, across charts', () => {
    const { app, chart, lb } = setup();
    const p = lb.provider({ pool: 'public', address: '192.168.10.241' });
    p.bind(service(chart, 'web'), { serviceName: 'web', namespace: 'shop', ports: [80] });
    const other = new Chart(app, 'other');
    expectError(() => p.bind(service(other, 'api'), { serviceName: 'api', namespace: 'shop', ports: [8080] }),
      "Construct 'other/api'", 'exposure.provider.address="192.168.10.241"', 'already used by Service shop/web (c0/web)', 'sets no sharing key');
  });

  test('two providers of the same address: one with a key, one without, are refused', () => {
    const { chart, lb } = setup();
    lb.provider({ pool: 'public', address: '192.168.10.241', sharingKey: 'k' }).bind(service(chart, 'a'), { serviceName: 'a', ports: [80] });
    expectError(() => lb.provider({ pool: 'public', address: '192.168.10.241' }).bind(service(chart, 'b'), { serviceName: 'b', ports: [443] }),
      'already used by Service (no namespace)/a', 'with sharing key "k"');
    expectError(() => lb.provider({ pool: 'public', address: '192.168.10.241', sharingKey: 'other' }).bind(service(chart, 'c'), { serviceName: 'c', ports: [443] }),
      'with sharing key "k"', 'this Service\'s sharing key is "other"');
  });

  test('the same key shares the address when ports differ', () => {
    const { chart, lb } = setup();
    const p = lb.provider({ pool: 'public', address: '192.168.10.241', sharingKey: 'dns' });
    expect(p.bind(service(chart, 'tcp'), { serviceName: 'dns-tcp', ports: [53] }).annotations!['metallb.io/allow-shared-ip']).toBe('dns');
    expect(() => p.bind(service(chart, 'web'), { serviceName: 'web', ports: [80, 443] })).not.toThrow();
    expectError(() => p.bind(service(chart, 'web2'), { serviceName: 'web2', ports: [8443, 443] }), 'shared (sharing key "dns") with Service (no namespace)/web', 'also uses port 443');
  });

  test('binding the same Service twice is not a conflict', () => {
    const { chart, lb } = setup();
    const p = lb.provider({ pool: 'public', address: '192.168.10.241' });
    const web = service(chart, 'web');
    p.bind(web, { serviceName: 'web', ports: [80] });
    expect(() => p.bind(web, { serviceName: 'web', ports: [80] })).not.toThrow();
  });

  test('separate Apps do not see each other', () => {
    const a = setup();
    const b = setup();
    a.lb.provider({ pool: 'public', address: '192.168.10.241' }).bind(service(a.chart, 'web'), { serviceName: 'web', ports: [80] });
    expect(() => b.lb.provider({ pool: 'public', address: '192.168.10.241' }).bind(service(b.chart, 'web'), { serviceName: 'web', ports: [80] })).not.toThrow();
  });
});
