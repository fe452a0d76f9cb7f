import { expectSchemaValid, ingress, lintRule, service, workload } from './fixtures';
import { LintSeverity } from '../../src';

const route = (name: string, backendRefs: any[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name },
  spec: {
    parentRefs: [{ name: 'public' }],
    hostnames: ['shop.example.com'],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs }],
  },
});

describe('ingress-no-tls', () => {
  test('warning for an Ingress without spec.tls', () => {
    const objects = [workload('web'), service('web'), ingress('web', { tls: undefined })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'ingress-no-tls')).toEqual([{
      ruleId: 'ingress-no-tls',
      severity: LintSeverity.WARNING,
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      namespace: undefined,
      name: 'web',
      field: 'spec.tls',
      message: 'Ingress web has no spec.tls: it serves plain HTTP',
      fix: expect.stringContaining('add spec.tls'),
    }]);
  });

  test('no finding with spec.tls or a load balancer certificate annotation', () => {
    const objects = [
      ingress('web'),
      ingress('alb', { tls: undefined }, { annotations: { 'alb.ingress.kubernetes.io/certificate-arn': 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' } }),
    ];
    expect(lintRule(objects, 'ingress-no-tls')).toEqual([]);
  });

  const canary = (name: string, host: string) => ingress(name, { tls: undefined, rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] },
    { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '10' } });

  test('an ingress-nginx canary is covered by the TLS of the main Ingress for its host', () => {
    expect(lintRule([ingress('web'), canary('web-canary', 'shop.example.com')], 'ingress-no-tls')).toEqual([]);
  });

  test('a canary whose host has no TLS on a main Ingress still warns', () => {
    const found = lintRule([ingress('web'), canary('web-canary', 'other.example.com')], 'ingress-no-tls');
    expect(found.map((f) => f.name)).toEqual(['web-canary']);
    // and so does a canary next to a main Ingress that has no TLS itself
    const both = lintRule([ingress('web', { tls: undefined }), canary('web-canary', 'shop.example.com')], 'ingress-no-tls');
    expect(both.map((f) => f.name).sort()).toEqual(['web', 'web-canary']);
  });

  const middleware = (name: string, spec: any) => ({ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name, namespace: 'blog' }, spec });
  const redirectIngress = (middlewares: string) => ingress('web-http-redirect', { ingressClassName: 'traefik', tls: undefined }, {
    namespace: 'blog',
    annotations: { 'traefik.ingress.kubernetes.io/router.entrypoints': 'web', 'traefik.ingress.kubernetes.io/router.middlewares': middlewares },
  });

  test('a Traefik router that only redirects to HTTPS does not warn', () => {
    const objects = [middleware('redirect-https', { redirectScheme: { scheme: 'https', permanent: true } }), redirectIngress('blog-redirect-https@kubernetescrd')];
    expect(lintRule(objects, 'ingress-no-tls')).toEqual([]);
  });

  test('a Traefik router whose middleware is not an HTTPS redirect (or is not in the manifests) warns', () => {
    const objects = [middleware('ratelimit', { rateLimit: { average: 10 } }), redirectIngress('blog-ratelimit@kubernetescrd')];
    expect(lintRule(objects, 'ingress-no-tls').map((f) => f.name)).toEqual(['web-http-redirect']);
    expect(lintRule([redirectIngress('blog-redirect-https@kubernetescrd')], 'ingress-no-tls').map((f) => f.name)).toEqual(['web-http-redirect']);
  });
});

describe('nginx-snippet-annotation', () => {
  test('error for each ingress-nginx snippet annotation', () => {
    const objects = [ingress('web', {}, {
      annotations: {
        'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X: y";',
        'nginx.ingress.kubernetes.io/server-snippet': 'location /x { return 404; }',
      },
    })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'nginx-snippet-annotation')).toEqual([
      expect.objectContaining({
        severity: LintSeverity.ERROR,
        kind: 'Ingress',
        name: 'web',
        field: 'metadata.annotations.nginx.ingress.kubernetes.io/configuration-snippet',
        message: 'Ingress web sets the ingress-nginx annotation nginx.ingress.kubernetes.io/configuration-snippet: snippets inject raw nginx configuration (risk level Critical) and current controllers reject them by default',
      }),
      expect.objectContaining({ severity: LintSeverity.ERROR, field: 'metadata.annotations.nginx.ingress.kubernetes.io/server-snippet' }),
    ]);
  });

  test('no finding for ordinary ingress-nginx annotations', () => {
    const objects = [ingress('web', {}, { annotations: { 'nginx.ingress.kubernetes.io/limit-rps': '10', 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' } })];
    expect(lintRule(objects, 'nginx-snippet-annotation')).toEqual([]);
  });
});

describe('ingress-backend-missing', () => {
  test('error for a missing Service and for a port the Service does not have', () => {
    const objects = [
      workload('web'),
      service('web'),
      ingress('web', {
        defaultBackend: { service: { name: 'gone', port: { number: 80 } } },
        rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } }] } }],
      }),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'ingress-backend-missing')).toEqual([
      expect.objectContaining({
        severity: LintSeverity.ERROR,
        kind: 'Ingress',
        name: 'web',
        field: 'spec.defaultBackend.service',
        message: 'Ingress web routes to Service gone, which is not in the manifests: requests for this backend fail with 503',
      }),
      expect.objectContaining({
        severity: LintSeverity.ERROR,
        field: 'spec.rules[0].http.paths[0].backend.service',
        message: 'Ingress web routes to port 8080 of Service web, which has no such port (it has: http/80): requests for this backend fail with 503',
      }),
    ]);
  });

  test('no finding when Service and port (number or name) exist in the same namespace', () => {
    const objects = [
      workload('web', { namespace: 'shop' }),
      service('web', {}, { namespace: 'shop' }),
      ingress('web', {
        defaultBackend: { service: { name: 'web', port: { number: 80 } } },
      }, { namespace: 'shop' }),
    ];
    expect(lintRule(objects, 'ingress-backend-missing')).toEqual([]);
    // the same Ingress in another namespace does not see the Service
    const elsewhere = [objects[1], ingress('web', {}, { namespace: 'blog' })];
    expect(lintRule(elsewhere, 'ingress-backend-missing').map((f) => f.namespace)).toEqual(['blog']);
  });
});

describe('route-backend-missing', () => {
  test('error for an HTTPRoute backendRef to a missing Service or port', () => {
    const objects = [
      workload('web'),
      service('web'),
      route('web', [{ name: 'web', port: 8080 }, { name: 'api', port: 80 }]),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'route-backend-missing')).toEqual([
      expect.objectContaining({
        severity: LintSeverity.ERROR,
        kind: 'HTTPRoute',
        name: 'web',
        field: 'spec.rules[0].backendRefs[0]',
        message: 'HTTPRoute web routes to port 8080 of Service web, which has no such port (it has: http/80): the backendRef does not resolve',
      }),
      expect.objectContaining({
        field: 'spec.rules[0].backendRefs[1]',
        message: 'HTTPRoute web routes to Service api, which is not in the manifests: the backendRef does not resolve',
      }),
    ]);
  });

  test('no finding for existing backends or non-Service backendRefs', () => {
    const objects = [workload('web'), service('web'), route('web', [{ name: 'web', port: 80 }, { group: 'example.com', kind: 'Bucket', name: 'static' }])];
    expect(lintRule(objects, 'route-backend-missing')).toEqual([]);
  });
});
