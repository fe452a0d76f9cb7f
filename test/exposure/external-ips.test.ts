import { Chart, Testing } from 'cdk8s';
import { appWith, one } from './helpers';
import { Exposure, PublicWebApp } from '../../src';
import { expectValid } from '../util/schema';

describe('Exposure.externalIps', () => {
  test('defaults: ClusterIP Service with externalIPs, open NetworkPolicy, URL', () => {
    const { chart, web } = appWith(Exposure.externalIps(['203.0.113.10', '2001:db8::10']));
    const objects = expectValid(chart);
    expect(objects).toMatchSnapshot();
    const svc = one(objects, 'Service');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.externalIPs).toEqual(['203.0.113.10', '2001:db8::10']);
    expect(one(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
    expect(web.accessInfo()).toContain('URL: http://203.0.113.10:80/');
    expect(web.accessInfo()).toContain('http://[2001:db8::10]:80/');
    expect(web.accessInfo()).toContain('must route');
  });

  test.each([
    [[], /exposure.addresses=\[\]: needs at least one/],
    ['203.0.113.10' as any, /exposure.addresses="203.0.113.10": needs at least one/],
    [['203.0.113.0/24'], /exposure.addresses\[0\]="203.0.113.0\/24": is not an IP address/],
    [['127.0.0.1'], /exposure.addresses\[0\]="127.0.0.1": is a loopback address/],
    [['0.0.0.0'], /is a unspecified address|is a unspecified/],
    [['169.254.1.1'], /link-local/],
    [['224.0.0.1'], /multicast/],
    [['::1'], /loopback/],
    [['fe80::1'], /link-local/],
    [['ff02::1'], /multicast/],
    [['203.0.113.10', '203.0.113.10'], /exposure.addresses\[1\]="203.0.113.10": is listed twice/],
    [[42 as any], /exposure.addresses\[0\]=42: is not an IP address/],
  ])('refuses %p', (ips, message) => {
    expect(() => appWith(Exposure.externalIps(ips as any))).toThrow(message);
  });

  test('two apps on the same address and port clash; another port is fine', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    new PublicWebApp(c, 'a', { image: 'x:1', exposure: Exposure.externalIps(['203.0.113.10']) });
    expect(() => new PublicWebApp(c, 'b', { image: 'x:1', exposure: Exposure.externalIps(['203.0.113.10']) }))
      .toThrow(/c\/b': exposure.addresses\[0\]="203.0.113.10": 'c\/a' already takes 203.0.113.10:80/);
    new PublicWebApp(c, 'd', { image: 'x:1', servicePort: 8080, exposure: Exposure.externalIps(['203.0.113.10']) });
    expectValid(c);
  });
});
