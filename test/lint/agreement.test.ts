/**
 * The library and its linter agree: what the constructs emit by default lints
 * without the warnings the library itself decided against.
 */
import { Chart, Testing } from 'cdk8s';
import { Advertisement, BareMetalLB, Exposure, ExposureLinter, PublicWebApp } from '../../src';

function lintApp(build: (chart: Chart) => void) {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'shop' });
  build(chart);
  return new ExposureLinter().lint(app.charts.flatMap((c) => c.toJson()));
}

test('a MetalLB app on a private pool is not internet-facing, for the library and the linter', () => {
  const findings = lintApp((chart) => {
    const lb = new BareMetalLB(chart, 'lb', { pools: [{ name: 'lan', addresses: ['192.168.10.240-192.168.10.250'] }], advertisement: Advertisement.l2() });
    // no loadBalancerSourceRanges and no allowPublicAccess: the library accepts it because the pool is private
    new PublicWebApp(chart, 'web', { image: 'nginx:1.27', exposure: Exposure.loadBalancer({ provider: lb.provider({ pool: 'lan' }) }) });
    new PublicWebApp(chart, 'fixed', { image: 'nginx:1.27', exposure: Exposure.loadBalancer({ provider: lb.provider({ pool: 'lan', address: '192.168.10.241' }) }) });
  });
  expect(findings.filter((f) => f.ruleId === 'lb-source-ranges')).toEqual([]);
});

test('a MetalLB app on a public pool is internet-facing for both: the library asks for allowPublicAccess, the linter warns', () => {
  expect(() => lintApp((chart) => {
    const lb = new BareMetalLB(chart, 'lb', { pools: [{ name: 'wan', addresses: ['203.0.113.16/28'] }], advertisement: Advertisement.l2() });
    new PublicWebApp(chart, 'web', { image: 'nginx:1.27', exposure: Exposure.loadBalancer({ provider: lb.provider({ pool: 'wan' }) }) });
  })).toThrow(/allowPublicAccess|loadBalancerSourceRanges/);
  const findings = lintApp((chart) => {
    const lb = new BareMetalLB(chart, 'lb', { pools: [{ name: 'wan', addresses: ['203.0.113.16/28'] }], advertisement: Advertisement.l2() });
    new PublicWebApp(chart, 'web', { image: 'nginx:1.27', exposure: Exposure.loadBalancer({ provider: lb.provider({ pool: 'wan' }), allowPublicAccess: true }) });
  });
  expect(findings.filter((f) => f.ruleId === 'lb-source-ranges').map((f) => `${f.kind}/${f.name}`)).toEqual(['Service/web']);
});

test('the default Exposure.nodePort() (externalTrafficPolicy Cluster, open to every address) trips no external-traffic-policy-cluster', () => {
  const findings = lintApp((chart) => {
    new PublicWebApp(chart, 'web', { image: 'nginx:1.27', exposure: Exposure.nodePort() });
  });
  expect(findings.map((f) => f.ruleId)).not.toContain('external-traffic-policy-cluster');
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
});
