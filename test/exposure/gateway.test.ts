import { App, Chart, Testing } from 'cdk8s';
import { Exposure, PublicWebApp, Tls } from '../../src';
import { HTTPS_ROUTE_FILTERS } from '../util/edge-headers';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';

function chart(namespace: string | null = 'shop', app: App = Testing.app()): Chart {
  return new Chart(app, `c-${namespace ?? 'none'}-${app.charts.length}`, { namespace: namespace ?? undefined });
}
const byKind = (objs: any[], kind: string) => objs.filter((o) => o.kind === kind);
const one = (objs: any[], kind: string, name?: string) => {
  const found = byKind(objs, kind).filter((o) => name === undefined || o.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('Exposure.gateway() on an existing Gateway', () => {
  test('attaches a PathPrefix HTTPRoute to the HTTPS listener, no Gateway, no TLS objects', () => {
    const c = chart();
    const web = new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https', httpSectionName: 'http' } }),
    });
    const objs = expectValid(c);
    expect(objs).toMatchSnapshot();
    expect(byKind(objs, 'Gateway')).toHaveLength(0);
    expect(byKind(objs, 'ReferenceGrant')).toHaveLength(0);
    const route = one(objs, 'HTTPRoute', 'web');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec.parentRefs).toEqual([{ name: 'shared', namespace: 'infra', sectionName: 'https' }]);
    expect(route.spec.hostnames).toEqual(['shop.example.com']);
    expect(route.spec.rules).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], filters: HTTPS_ROUTE_FILTERS, backendRefs: [{ name: 'web', port: 80 }] }]);
    const redirect = one(objs, 'HTTPRoute', 'web-http-redirect');
    expect(redirect.spec.parentRefs).toEqual([{ name: 'shared', namespace: 'infra', sectionName: 'http' }]);
    expect(redirect.spec.rules[0].filters).toEqual([{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }]);
    expect(redirect.spec.rules[0].backendRefs).toBeUndefined();
    // NetworkPolicy admits the Gateway's namespace (default proxyNamespace)
    const np = one(objs, 'NetworkPolicy');
    expect(np.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'infra' } } }]);
    expect(web.accessInfo()).toContain('https://shop.example.com/');
    expect(web.accessInfo()).toContain('kubectl get gateway shared -n infra');
  });

  test('defaults: same namespace gateway has no namespace in parentRef; no redirect route without httpSectionName', () => {
    const c = chart();
    new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', path: '/api', exposure: Exposure.gateway({ gateway: { name: 'shared', sectionName: 'https' } }) });
    const objs = expectValid(c);
    expect(byKind(objs, 'HTTPRoute')).toHaveLength(1);
    expect(one(objs, 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'shared', sectionName: 'https' }]);
    expect(one(objs, 'HTTPRoute').spec.rules[0].matches[0].path).toEqual({ type: 'PathPrefix', value: '/api' });
    expect(one(objs, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }]);
    expect(one(objs, 'Service').spec.type).toBe('ClusterIP');
  });

  test('proxyNamespace and proxyPodLabels narrow the NetworkPolicy source', () => {
    const c = chart();
    new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      exposure: Exposure.gateway({ gateway: { name: 'eg', sectionName: 'https' }, proxyNamespace: 'envoy-gateway-system', proxyPodLabels: { 'app.kubernetes.io/component': 'proxy' } }),
    });
    const objs = expectValid(c);
    expect(one(objs, 'NetworkPolicy').spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/component': 'proxy' } },
    }]);
  });

  test('plain HTTP on every listener only when asked for', () => {
    const c = chart(null);
    new PublicWebApp(c, 'web', { image: IMAGE, exposure: Exposure.gateway({ gateway: { name: 'shared' }, allowPlainHttp: true }) });
    const objs = expectValid(c);
    const route = one(objs, 'HTTPRoute');
    expect(route.spec.parentRefs).toEqual([{ name: 'shared' }]);
    expect(route.spec.hostnames).toBeUndefined();
    // no namespace known: the NetworkPolicy admits pods of the app's own namespace
    expect(one(objs, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: {} } }]);
  });

  test.each([
    [{ gateway: { name: 'shared' } }, {}, 'exposure.gateway.sectionName=(unset): without a listener name'],
    [{ gateway: { name: 'shared', sectionName: 'https' } }, { tls: Tls.fromSecret('x') }, 'tls="set": on an existing Gateway'],
    [{ gateway: { name: 'Shared!', sectionName: 'https' } }, {}, 'exposure.gateway.name="Shared!"'],
    [{ gateway: { name: 'shared', namespace: 'In_fra', sectionName: 'https' } }, {}, 'exposure.gateway.namespace="In_fra"'],
    [{ gateway: { name: 'shared', sectionName: 'HTTPS' } }, {}, 'exposure.gateway.sectionName="HTTPS"'],
    [{ gateway: { name: 'shared', sectionName: 'https', httpSectionName: 'https' } }, {}, 'exposure.gateway.httpSectionName="https"'],
    [{ gateway: { name: 'shared', httpSectionName: 'http' }, allowPlainHttp: true }, {}, 'exposure.gateway.httpSectionName="http"'],
    [{ gateway: { name: 'shared', sectionName: 'https' }, gatewayName: 'x' }, {}, 'exposure.gatewayName="x": only applies'],
    [{ gateway: { name: 'shared', sectionName: 'https' }, gatewayClassName: 'istio' }, {}, 'exposure="gateway+gatewayClassName": give exactly one'],
    [{}, {}, 'exposure=(unset): give exactly one'],
    [{ gateway: { name: 'shared', sectionName: 'https' }, proxyNamespace: 'Bad' }, {}, 'exposure.proxyNamespace="Bad"'],
    [{ gateway: { name: 'shared', sectionName: 'https' }, proxyPodLabels: { app: 'bad value' } }, {}, 'exposure.proxyPodLabels.app="bad value"'],
  ])('refuses %j', (options: any, props: any, message: string) => {
    const c = chart();
    expect(() => new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', ...props, exposure: Exposure.gateway(options) })).toThrow(message);
  });
});

describe('Exposure.gateway() with its own Gateway', () => {
  test('HTTPS listener with the app certificate, HTTP listener that only redirects', () => {
    const c = chart();
    const web = new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
      exposure: Exposure.gateway({ gatewayClassName: 'istio' }),
    });
    const objs = expectValid(c);
    expect(objs).toMatchSnapshot();
    const g = one(objs, 'Gateway', 'web');
    expect(g.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(g.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(g.spec.gatewayClassName).toBe('istio');
    expect(g.spec.listeners).toEqual([
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: 'shop.example.com',
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'web-tls' }] },
        allowedRoutes: { namespaces: { from: 'Same' } },
      },
      { name: 'http', protocol: 'HTTP', port: 80, hostname: 'shop.example.com', allowedRoutes: { namespaces: { from: 'Same' } } },
    ]);
    expect(one(objs, 'HTTPRoute', 'web').spec.parentRefs).toEqual([{ name: 'web', sectionName: 'https' }]);
    const redirect = one(objs, 'HTTPRoute', 'web-http-redirect');
    expect(redirect.spec.parentRefs).toEqual([{ name: 'web', sectionName: 'http' }]);
    expect(redirect.spec.rules[0].filters[0].requestRedirect).toEqual({ scheme: 'https', statusCode: 301 });
    expect(byKind(objs, 'ReferenceGrant')).toHaveLength(0);
    expect(web.exposure).toBeDefined();
    expect(web.accessInfo()).toContain('kubectl get gateway web -n shop');
  });

  test('Gateway in another namespace: ReferenceGrant for a Secret certificate, listeners admit the app namespace', () => {
    const c = chart();
    new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.fromSecret('shop-cert'),
      exposure: Exposure.gateway({ gatewayClassName: 'eg', gatewayName: 'edge', gatewayNamespace: 'infra' }),
    });
    const objs = expectValid(c);
    expect(objs).toMatchSnapshot();
    const g = one(objs, 'Gateway', 'edge');
    expect(g.metadata.namespace).toBe('infra');
    expect(g.metadata.annotations).toBeUndefined();
    expect(g.spec.listeners[0].tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: 'shop-cert', namespace: 'shop' }]);
    expect(g.spec.listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } } });
    const grant = one(objs, 'ReferenceGrant');
    expect(grant.apiVersion).toBe('gateway.networking.k8s.io/v1beta1');
    expect(grant.metadata.namespace).toBe('shop');
    expect(grant.spec).toEqual({ from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'Secret', name: 'shop-cert' }] });
    expect(one(objs, 'HTTPRoute', 'web').spec.parentRefs).toEqual([{ name: 'edge', namespace: 'infra', sectionName: 'https' }]);
    expect(one(objs, 'NetworkPolicy').spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'infra' });
  });

  test('cert-manager certificate with a Gateway in another namespace stays in the Gateway namespace (no grant)', () => {
    const c = chart();
    new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.certManager({ clusterIssuer: 'le' }),
      exposure: Exposure.gateway({ gatewayClassName: 'eg', gatewayNamespace: 'infra' }),
    });
    const objs = expectValid(c);
    expect(byKind(objs, 'ReferenceGrant')).toHaveLength(0);
    expect(one(objs, 'Gateway').spec.listeners[0].tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: 'web-tls' }]);
  });

  test('plain HTTP Gateway only when asked for: one HTTP listener, no redirect', () => {
    const c = chart();
    new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.gateway({ gatewayClassName: 'istio', allowPlainHttp: true }) });
    const objs = expectValid(c);
    expect(one(objs, 'Gateway').spec.listeners).toEqual([{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'shop.example.com', allowedRoutes: { namespaces: { from: 'Same' } } }]);
    expect(byKind(objs, 'HTTPRoute')).toHaveLength(1);
    expect(one(objs, 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'web', sectionName: 'http' }]);
  });

  test.each([
    [{ gatewayClassName: 'istio' }, {}, 'tls=(unset): a public Gateway without TLS'],
    [{ gatewayClassName: 'istio', allowPlainHttp: true }, { tls: Tls.fromSecret('x') }, 'exposure.allowPlainHttp=true'],
    [{ gatewayClassName: 'Istio' }, { tls: Tls.fromSecret('x') }, 'exposure.gatewayClassName="Istio"'],
    [{ gatewayClassName: 'istio', gatewayName: 'Bad_Name' }, { tls: Tls.fromSecret('x') }, 'exposure.gatewayName="Bad_Name"'],
    [{ gatewayClassName: 'istio', gatewayNamespace: 'Bad' }, { tls: Tls.fromSecret('x') }, 'exposure.gatewayNamespace="Bad"'],
  ])('refuses %j', (options: any, props: any, message: string) => {
    const c = chart();
    expect(() => new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', ...props, exposure: Exposure.gateway(options) })).toThrow(message);
  });

  test('refuses a Gateway in another namespace when the app namespace is unknown', () => {
    const c = chart(null);
    expect(() => new PublicWebApp(c, 'web', {
      image: IMAGE, host: 'shop.example.com', tls: Tls.fromSecret('x'), exposure: Exposure.gateway({ gatewayClassName: 'eg', gatewayNamespace: 'infra' }),
    })).toThrow('namespace=(unset): a Gateway in another namespace');
  });

  test('two apps on one host and path through Gateways are refused app-wide', () => {
    const app = Testing.app();
    new PublicWebApp(chart('a', app), 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.gateway({ gateway: { name: 'g', sectionName: 'https' } }) });
    expect(() => new PublicWebApp(chart('b', app), 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.gateway({ gateway: { name: 'g', sectionName: 'https' } }) }))
      .toThrow('host="shop.example.com/"');
  });
});
