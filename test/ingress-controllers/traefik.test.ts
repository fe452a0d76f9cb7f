import { Size } from 'cdk8s';
import { Exposure, IngressController, PublicWebApp, Tls } from '../../src';
import { newChart, objectOf, objectsOf } from '../util/app';
import { DEFAULT_STRIPPED } from '../util/edge-headers';
import { expectValid } from '../util/schema';

describe('IngressController.traefik()', () => {
  test('TLS: websecure router with TLS, a separate web router that only redirects, Middlewares for limits', () => {
    const { chart } = newChart('blog');
    new PublicWebApp(chart, 'web', {
      image: 'ghcr.io/acme/blog:2.0.1',
      host: 'blog.example.com',
      tls: Tls.fromSecret('blog-tls'),
      exposure: Exposure.ingress({
        controller: IngressController.traefik(),
        rateLimit: { requestsPerSecond: 50, burst: 100 },
        allowSourceRanges: ['198.51.100.0/24'],
        maxRequestBodySize: Size.mebibytes(8),
      }),
    });
    const objects = expectValid(chart);
    expect(objects).toMatchSnapshot();

    const main = objectOf(objects, 'Ingress', 'web');
    expect(main.spec.ingressClassName).toBe('traefik');
    expect(main.metadata.annotations).toEqual({
      'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
      'traefik.ingress.kubernetes.io/router.tls': 'true',
      'traefik.ingress.kubernetes.io/router.middlewares': 'blog-web-allowlist@kubernetescrd,blog-web-ratelimit@kubernetescrd,blog-web-body-size@kubernetescrd,blog-web-request-headers@kubernetescrd,blog-web-security-headers@kubernetescrd',
    });
    expect(main.spec.tls).toEqual([{ hosts: ['blog.example.com'], secretName: 'blog-tls' }]);

    const redirect = objectOf(objects, 'Ingress', 'web-http-redirect');
    expect(redirect.metadata.annotations).toEqual({
      'traefik.ingress.kubernetes.io/router.entrypoints': 'web',
      'traefik.ingress.kubernetes.io/router.middlewares': 'blog-web-redirect-https@kubernetescrd,blog-web-allowlist@kubernetescrd',
    });
    expect(redirect.spec.rules[0].host).toBe('blog.example.com');

    const mw = Object.fromEntries(objectsOf(objects, 'Middleware').map((m) => [m.metadata.name, m]));
    expect(Object.keys(mw).sort()).toEqual(['web-allowlist', 'web-body-size', 'web-ratelimit', 'web-redirect-https', 'web-request-headers', 'web-security-headers']);
    expect(mw['web-redirect-https'].apiVersion).toBe('traefik.io/v1alpha1');
    expect(mw['web-redirect-https'].spec).toEqual({ redirectScheme: { scheme: 'https', permanent: true } });
    expect(mw['web-ratelimit'].spec).toEqual({ rateLimit: { average: 50, period: '1s', burst: 100 } });
    expect(mw['web-allowlist'].spec).toEqual({ ipAllowList: { sourceRange: ['198.51.100.0/24'] } });
    expect(mw['web-body-size'].spec).toEqual({ buffering: { maxRequestBodyBytes: 8 * 1024 * 1024 } });
    // the default set of spoofable headers, removed with empty values (customRequestHeaders)
    // security response headers: HSTS one year, nosniff, DENY, strict-origin-when-cross-origin
    expect(mw['web-security-headers'].spec).toEqual({ headers: { stsSeconds: 31536000, contentTypeNosniff: true, frameDeny: true, referrerPolicy: 'strict-origin-when-cross-origin' } });
    expect(mw['web-request-headers'].spec).toEqual({ headers: { customRequestHeaders: Object.fromEntries(DEFAULT_STRIPPED.map((h) => [h, ''])) } });

    const np = objectOf(objects, 'NetworkPolicy');
    expect(np.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }]);
  });

  test('plain HTTP (asked for): one router on the web entry point, no Middleware', () => {
    const { chart } = newChart(null);
    new PublicWebApp(chart, 'web', { image: 'nginx:1.27', exposure: Exposure.ingress({ controller: IngressController.traefik(), allowPlainHttp: true }) });
    const objects = expectValid(chart);
    expect(objectsOf(objects, 'Middleware')).toHaveLength(0);
    expect(objectOf(objects, 'Ingress').metadata.annotations).toEqual({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'web' });
  });

  test('custom class, namespace and entry points', () => {
    const { chart } = newChart();
    new PublicWebApp(chart, 'web', {
      image: 'nginx:1.27',
      host: 'a.example.com',
      tls: Tls.fromSecret('a'),
      exposure: Exposure.ingress({ controller: IngressController.traefik({ className: 'edge', namespace: 'edge', httpEntryPoint: 'http', httpsEntryPoint: 'https' }) }),
    });
    const objects = expectValid(chart);
    expect(objectOf(objects, 'Ingress', 'web').metadata.annotations['traefik.ingress.kubernetes.io/router.entrypoints']).toBe('https');
    expect(objectOf(objects, 'Ingress', 'web-http-redirect').metadata.annotations['traefik.ingress.kubernetes.io/router.entrypoints']).toBe('http');
    expect(objectOf(objects, 'Ingress', 'web').spec.ingressClassName).toBe('edge');
  });

  test('refuses Middleware references without a namespace', () => {
    const { chart } = newChart(null);
    expect(() => new PublicWebApp(chart, 'web', {
      image: 'nginx:1.27', host: 'a.example.com', tls: Tls.fromSecret('a'), exposure: Exposure.ingress({ controller: IngressController.traefik() }),
    })).toThrow(/PublicWebApp 'shop\/web': namespace=\(unset\): Traefik references Middleware objects.*Fix: give the Chart a namespace/);
  });

  test('refuses invalid entry point and class names', () => {
    const { chart } = newChart();
    expect(() => new PublicWebApp(chart, 'web', {
      image: 'nginx:1.27', host: 'a.example.com', tls: Tls.fromSecret('a'), exposure: Exposure.ingress({ controller: IngressController.traefik({ httpEntryPoint: 'we b' }) }),
    })).toThrow(/exposure.controller.httpEntryPoint="we b"/);
    expect(() => new PublicWebApp(chart, 'web2', {
      image: 'nginx:1.27', host: 'b.example.com', tls: Tls.fromSecret('a'), exposure: Exposure.ingress({ controller: IngressController.traefik({ className: 'Bad' }) }),
    })).toThrow(/exposure.controller.className="Bad"/);
  });

  test('controller getters', () => {
    const c = IngressController.traefik();
    expect([c.name, c.className, c.namespace]).toEqual(['traefik', 'traefik', 'traefik']);
    const n = IngressController.nginx({ namespace: 'edge' });
    expect([n.name, n.className, n.namespace]).toEqual(['nginx', 'nginx', 'edge']);
  });
});
