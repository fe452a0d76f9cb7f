import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, ingress, lintRule, service, workload } from './fixtures';
import { CanaryOptions, Exposure, ExposureLinter, IngressController, LintSeverity, PublicWebApp, Tls } from '../../src';

const withAnnotations = (name: string, annotations: any, spec: any = {}) => ingress(name, spec, { annotations });

describe('nginx-annotation-unknown', () => {
  test('warning for a misspelt key (with the nearest known one) and for a known key under the old prefix on an ingress-nginx Ingress', () => {
    const objects = [withAnnotations('web', {
      'nginx.ingress.kubernetes.io/whitelist-source-ranges': '10.0.0.0/8',
      'ingress.kubernetes.io/ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/frobnicate': 'yes',
    })];
    expectSchemaValid(objects);
    const findings = lintRule(objects, 'nginx-annotation-unknown');
    expect(findings.map((f) => [f.severity, f.field, f.fix])).toEqual([
      [LintSeverity.WARNING, 'metadata.annotations.ingress.kubernetes.io/ssl-redirect', 'rename it to nginx.ingress.kubernetes.io/ssl-redirect'],
      [LintSeverity.WARNING, 'metadata.annotations.nginx.ingress.kubernetes.io/frobnicate', expect.stringContaining('use an annotation ingress-nginx knows')],
      [LintSeverity.WARNING, 'metadata.annotations.nginx.ingress.kubernetes.io/whitelist-source-ranges', 'rename it to nginx.ingress.kubernetes.io/whitelist-source-range'],
    ]);
    expect(findings[2].message).toBe('Ingress web sets nginx.ingress.kubernetes.io/whitelist-source-ranges, which ingress-nginx does not know and ignores (did you mean nginx.ingress.kubernetes.io/whitelist-source-range?)');
  });

  test('no finding for known keys and aliases, or for the old prefix on an Ingress of another controller', () => {
    const objects = [
      withAnnotations('web', {
        'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8',
        'nginx.ingress.kubernetes.io/allowlist-source-range': '10.0.0.0/8',
        'nginx.ingress.kubernetes.io/limit-rps': '10',
        'nginx.ingress.kubernetes.io/canary-weight-total': '1000',
      }),
      withAnnotations('old', { 'ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8' }, { ingressClassName: 'haproxy' }),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'nginx-annotation-unknown')).toEqual([]);
  });
});

describe('nginx-canary-without-main', () => {
  const canary = (name: string, path = '/', backend = `${name}`) => ingress(name, {
    rules: [{ host: 'shop.example.com', http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: backend, port: { name: 'http' } } } }] } }],
  }, { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '10' } });

  test('error for a canary whose host and path no main Ingress serves, or whose main sends to the same Service', () => {
    const objects = [workload('web'), service('web'), ingress('web'), canary('web-canary', '/api')];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'nginx-canary-without-main')).toEqual([expect.objectContaining({
      severity: LintSeverity.ERROR,
      name: 'web-canary',
      field: 'spec.rules[0].http.paths[0]',
      message: 'Ingress web-canary is an ingress-nginx canary for shop.example.com/api (pathType Prefix), but no non-canary Ingress serves that host, path and pathType: the canary gets no traffic',
    })]);
    expect(lintRule([ingress('web'), canary('web-canary', '/', 'web')], 'nginx-canary-without-main')[0].message).toContain('sends to the same Service default/web');
  });

  test('no finding for a canary on the host and path of a main Ingress with another Service', () => {
    const objects = [ingress('web'), canary('web-canary')];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'nginx-canary-without-main')).toEqual([]);
  });
});

test('the library\'s ingress-nginx canary passes the nginx rules', () => {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const controller = IngressController.nginx();
  const tls = Tls.certManager({ clusterIssuer: 'letsencrypt' });
  const stable = new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0', host: 'shop.example.com', tls, exposure: Exposure.ingress({ controller, allowSourceRanges: ['203.0.113.0/24'] }) });
  const canary: CanaryOptions = { stable, weight: 10 };
  new PublicWebApp(chart, 'web-next', { image: 'ghcr.io/acme/web:1.1.0', host: 'shop.example.com', exposure: Exposure.ingress({ controller, canary }) });
  const objects = Testing.synth(chart);
  expect(objects.filter((o) => o.kind === 'Ingress')).toHaveLength(2);
  expect(new ExposureLinter().lint(objects).filter((f) => f.ruleId.startsWith('nginx-'))).toEqual([]);
});
