import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, ingress, lintRule, service } from './fixtures';
import { Advertisement, BareMetalLB, Exposure, ExposureLinter, IngressController, LintSeverity, PublicWebApp } from '../../src';

const secret = (name: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } });
const middleware = (name: string, namespace = 'shop') => ({ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name, namespace }, spec: { redirectScheme: { scheme: 'https' } } });
const kongPlugin = (name: string) => ({ apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: { name }, plugin: 'rate-limiting', config: { minute: 10 } });
const pool = (name: string) => ({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: 'metallb-system' }, spec: { addresses: ['192.168.10.240/28'] } });

describe('reference-missing', () => {
  test('warnings for a TLS Secret, a Traefik middleware, a Kong plugin and a MetalLB pool the input does not hold, when it holds others of the kind', () => {
    const objects = [
      ingress('web'), secret('other-tls'),
      ingress('tr', {}, { namespace: 'shop', annotations: { 'traefik.ingress.kubernetes.io/router.middlewares': 'shop-redirect@kubernetescrd,shop-ratelimit@kubernetescrd' } }),
      middleware('redirect'),
      service('api', {}, { annotations: { 'konghq.com/plugins': 'rate-limit' } }), kongPlugin('auth'),
      service('lb', { type: 'LoadBalancer' }, { annotations: { 'metallb.io/address-pool': 'wan' } }), pool('lan'),
    ];
    objects[2].spec.tls = [{ hosts: ['shop.example.com'], secretName: 'tr-tls' }];
    expectSchemaValid(objects);
    const findings = lintRule(objects, 'reference-missing');
    expect(findings.map((f) => [f.severity, f.kind, f.name, f.field])).toEqual([
      [LintSeverity.WARNING, 'Ingress', 'web', 'spec.tls[0].secretName'],
      [LintSeverity.WARNING, 'Service', 'api', 'metadata.annotations.konghq.com/plugins'],
      [LintSeverity.WARNING, 'Service', 'lb', 'metadata.annotations.metallb.io/address-pool'],
      [LintSeverity.WARNING, 'Ingress', 'tr', 'metadata.annotations.traefik.ingress.kubernetes.io/router.middlewares'],
    ]);
    expect(findings[0].message).toBe('Ingress web serves TLS with Secret shop-tls, which is neither among the Secrets of namespace default in the input nor made by a Certificate there: the controller falls back to its default certificate');
    expect(findings[3].message).toContain('shop-ratelimit@kubernetescrd');
  });

  test('no finding when the objects are there, made by cert-manager, or when the input holds none of that kind', () => {
    const cert = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'shop' }, spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'], issuerRef: { name: 'le', kind: 'ClusterIssuer' } } };
    const objects = [
      ingress('web'), secret('other-tls'), cert,
      ingress('cm', {}, { annotations: { 'cert-manager.io/cluster-issuer': 'le' } }),
      service('api', {}, { annotations: { 'konghq.com/plugins': 'auth' } }), kongPlugin('auth'),
      service('lb', { type: 'LoadBalancer' }, { annotations: { 'metallb.io/address-pool': 'lan' } }), pool('lan'),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'reference-missing')).toEqual([]);
    expect(lintRule([ingress('web'), service('api', {}, { annotations: { 'konghq.com/plugins': 'auth' } }),
      service('lb', { type: 'LoadBalancer' }, { annotations: { 'metallb.io/address-pool': 'wan' } })], 'reference-missing')).toEqual([]);
  });
});

test('the library\'s Traefik and MetalLB apps resolve their references', () => {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  new PublicWebApp(chart, 'a', { image: 'ghcr.io/acme/a:1.0.0', host: 'a.example.com', exposure: Exposure.ingress({ controller: IngressController.traefik(), allowPlainHttp: true, rateLimit: { requestsPerSecond: 10 } }) });
  const metal = new BareMetalLB(chart, 'lb', { pools: [{ name: 'lan', addresses: ['192.168.10.240-192.168.10.250'] }], advertisement: Advertisement.l2() });
  new PublicWebApp(chart, 'b', { image: 'ghcr.io/acme/b:1.0.0', exposure: Exposure.loadBalancer({ provider: metal.provider({ pool: 'lan' }) }) });
  const objects = Testing.synth(chart);
  expect(objects.filter((o) => o.kind === 'Middleware').length).toBeGreaterThan(0);
  expect(new ExposureLinter().lint(objects).filter((f) => f.ruleId === 'reference-missing')).toEqual([]);
});
