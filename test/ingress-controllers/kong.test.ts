import { Size, Testing } from 'cdk8s';
import { Exposure, IngressController, PublicWebApp, Tls } from '../../src';
import { CRD_VALIDATORS } from '../util/crd-schemas';
import { DEFAULT_SECURITY_HEADERS, DEFAULT_STRIPPED } from '../util/edge-headers';
import { expectValid } from '../util/schema';

const SECURITY_PAIRS = DEFAULT_SECURITY_HEADERS.map((h) => `${h.name}:${h.value}`);

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const byKind = (objs: any[], kind: string) => objs.filter((o) => o.kind === kind);

describe('IngressController.kong()', () => {
  test('rate limit, allowlist and body size become KongPlugins; TLS makes the route HTTPS-only with a 301', () => {
    const chart = Testing.chart();
    const controller = IngressController.kong();
    new PublicWebApp(chart, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
      exposure: Exposure.ingress({
        controller,
        rateLimit: { requestsPerSecond: 20 },
        allowSourceRanges: ['203.0.113.0/24'],
        maxRequestBodySize: Size.mebibytes(8),
      }),
    });
    const objs = expectValid(chart);
    expect(objs).toMatchSnapshot();
    expect(controller.name).toBe('kong');
    expect(controller.className).toBe('kong');
    expect(controller.namespace).toBe('kong');
    const ing = byKind(objs, 'Ingress')[0];
    expect(ing.spec.ingressClassName).toBe('kong');
    expect(ing.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
      'konghq.com/plugins': 'web-ip-restriction,web-rate-limiting,web-request-size-limiting,web-request-transformer,web-response-transformer',
      'konghq.com/protocols': 'https',
      'konghq.com/https-redirect-status-code': '301',
    });
    const plugins = byKind(objs, 'KongPlugin');
    expect(plugins.map((p) => [p.apiVersion, p.metadata.name, p.plugin, p.config])).toEqual([
      ['configuration.konghq.com/v1', 'web-ip-restriction', 'ip-restriction', { allow: ['203.0.113.0/24'] }],
      ['configuration.konghq.com/v1', 'web-rate-limiting', 'rate-limiting', { second: 20, policy: 'local', limit_by: 'ip' }],
      ['configuration.konghq.com/v1', 'web-request-size-limiting', 'request-size-limiting', { allowed_payload_size: 8192, size_unit: 'kilobytes' }],
      ['configuration.konghq.com/v1', 'web-request-transformer', 'request-transformer', { remove: { headers: DEFAULT_STRIPPED } }],
      ['configuration.konghq.com/v1', 'web-response-transformer', 'response-transformer', { replace: { headers: SECURITY_PAIRS }, add: { headers: SECURITY_PAIRS } }],
    ]);
    expect(plugins.every((p) => p.spec === undefined)).toBe(true);
    const np = byKind(objs, 'NetworkPolicy')[0];
    expect(np.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kong' } } }]);
  });

  test('defaults: only the request-transformer of the default header set, no HTTPS annotations for a plain-HTTP app', () => {
    const chart = Testing.chart();
    new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.ingress({ controller: IngressController.kong({ className: 'kong-internal', namespace: 'kong-int' }), allowPlainHttp: true }) });
    const objs = expectValid(chart);
    expect(byKind(objs, 'KongPlugin').map((p) => [p.plugin, p.config])).toEqual([['request-transformer', { remove: { headers: DEFAULT_STRIPPED } }]]);
    expect(byKind(objs, 'Ingress')[0].metadata.annotations).toEqual({ 'konghq.com/plugins': 'web-request-transformer' });
    expect(byKind(objs, 'Ingress')[0].spec.ingressClassName).toBe('kong-internal');
    expect(byKind(objs, 'NetworkPolicy')[0].spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'kong-int' });
  });

  test.each([
    [{ className: 'Kong!' }, {}, 'exposure.controller.className="Kong!"'],
    [{ namespace: 'Kong' }, {}, 'exposure.controller.namespace="Kong"'],
    [{}, { rateLimit: { requestsPerSecond: 10, burst: 20 } }, 'exposure.rateLimit.burst=20: Kong\'s rate-limiting plugin'],
  ])('refuses %j %j', (options: any, exposure: any, message: string) => {
    const chart = Testing.chart();
    expect(() => new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.ingress({ controller: IngressController.kong(options), allowPlainHttp: true, ...exposure }) })).toThrow(message);
  });

  test('refuses a canary (Kong cannot split one host between Ingresses)', () => {
    const chart = Testing.chart();
    const controller = IngressController.kong();
    const stable = new PublicWebApp(chart, 'web', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('a'), exposure: Exposure.ingress({ controller }) });
    expect(() => new PublicWebApp(chart, 'c', { image: IMAGE, host: 'a.example.com', exposure: Exposure.ingress({ controller, canary: { stable, weight: 10 } }) }))
      .toThrow('exposure.canary="kong": the kong Ingress controller cannot split traffic between two Ingresses for one host and path. Fix: use Exposure.gateway({ canary })');
  });

  test('the KongPlugin validator rejects unknown fields and bad config', () => {
    const v = CRD_VALIDATORS['configuration.konghq.com/v1/KongPlugin'];
    const base = { apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: { name: 'x' } };
    expect(v({ ...base, plugin: 'rate-limiting', config: { second: 5, policy: 'local' } })).toEqual([]);
    expect(v({ ...base, spec: {}, plugin: 'rate-limiting', config: { second: 5 } })).toEqual(['.spec: unknown field']);
    expect(v({ ...base, plugin: 'rate-limiting', config: { burst: 5 } })).toEqual(['config.burst: unknown field', 'config: at least one of second/minute/hour/day/month/year is required']);
    expect(v({ ...base, plugin: 'request-size-limiting', config: { allowed_payload_size: 1, size_unit: 'MB' } })).toEqual(['config.size_unit: MB is not bytes|kilobytes|megabytes']);
    expect(v({ ...base, plugin: 'ip-restriction', config: { whitelist: ['1.2.3.4'] } })).toEqual(['config.whitelist: unknown field', 'config: allow or deny is required']);
    expect(v({ ...base, config: {} })).toContain('plugin: required string');
  });
});
