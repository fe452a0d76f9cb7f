import { App, Chart, Size, Testing } from 'cdk8s';
import { Exposure, IngressController, PublicWebApp, Tls } from '../../src';
import { HTTPS_ROUTE_FILTERS } from '../util/edge-headers';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const HOST = 'shop.example.com';
const byKind = (objs: any[], kind: string) => objs.filter((o) => o.kind === kind);
const named = (objs: any[], kind: string, name: string) => {
  const found = byKind(objs, kind).filter((o) => o.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

function ingressStable(chart: Chart, controller?: IngressController, id = 'web'): PublicWebApp {
  return new PublicWebApp(chart, id, {
    image: IMAGE,
    host: HOST,
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
    exposure: Exposure.ingress({ controller, rateLimit: { requestsPerSecond: 20 } }),
  });
}
function gatewayStable(chart: Chart, id = 'web'): PublicWebApp {
  return new PublicWebApp(chart, id, { image: IMAGE, host: HOST, exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https' } }) });
}

describe('canary on ingress-nginx', () => {
  test('a 20% canary gets its own Ingress with the canary annotations on the same host and path', () => {
    const chart = Testing.chart();
    const stable = ingressStable(chart);
    const canary = new PublicWebApp(chart, 'web-canary', {
      image: 'ghcr.io/acme/shop:1.5.0-rc1',
      host: HOST,
      replicas: 1,
      exposure: Exposure.ingress({ canary: { stable, weight: 20 } }),
    });
    const objs = expectValid(chart);
    expect(objs).toMatchSnapshot();
    const ing = named(objs, 'Ingress', 'web-canary');
    expect(ing.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '20' });
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.tls).toBeUndefined();
    expect(ing.spec.rules).toEqual([{ host: HOST, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web-canary', port: { number: 80 } } } }] } }]);
    // the stable Ingress is unchanged: TLS, redirect and limits stay there
    const main = named(objs, 'Ingress', 'web');
    expect(main.metadata.annotations['nginx.ingress.kubernetes.io/canary']).toBeUndefined();
    expect(main.metadata.annotations['nginx.ingress.kubernetes.io/limit-rps']).toBe('20');
    expect(main.spec.tls).toHaveLength(1);
    // the canary admits the same controller namespace
    expect(named(objs, 'NetworkPolicy', 'web-canary').spec.ingress[0].from).toEqual(named(objs, 'NetworkPolicy', 'web').spec.ingress[0].from);
    expect(canary.accessInfo()).toContain("Canary of 'test/web': 20% of the requests");
  });

  test('header, header value and cookie map to canary-by-* annotations', () => {
    const chart = Testing.chart();
    const stable = ingressStable(chart);
    new PublicWebApp(chart, 'beta', {
      image: IMAGE,
      host: HOST,
      exposure: Exposure.ingress({ annotations: { 'example.com/team': 'shop' }, canary: { stable, weight: 0, header: 'X-Canary', headerValue: 'beta', cookie: 'canary' } }),
    });
    const objs = expectValid(chart);
    expect(named(objs, 'Ingress', 'beta').metadata.annotations).toEqual({
      'example.com/team': 'shop',
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': '0',
      'nginx.ingress.kubernetes.io/canary-by-header': 'X-Canary',
      'nginx.ingress.kubernetes.io/canary-by-header-value': 'beta',
      'nginx.ingress.kubernetes.io/canary-by-cookie': 'canary',
    });
  });

  test('a canary in another chart of the same App shares the host claim', () => {
    const app = Testing.app();
    const stable = ingressStable(new Chart(app, 'a', { namespace: 'a' }));
    const c2 = new Chart(app, 'b', { namespace: 'b' });
    new PublicWebApp(c2, 'web', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable, weight: 5 } }) });
    expectValid(c2);
    // a third, unrelated app on the host is still refused
    expect(() => new PublicWebApp(new Chart(app, 'c', { namespace: 'c' }), 'web', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ allowPlainHttp: true }) }))
      .toThrow('host="shop.example.com/"');
  });

  test.each([
    ['weight above 100', { weight: 101 }, {}, 'exposure.canary.weight=101'],
    ['negative weight', { weight: -1 }, {}, 'exposure.canary.weight=-1'],
    ['fractional weight', { weight: 2.5 }, {}, 'exposure.canary.weight=2.5'],
    ['bad header', { weight: 10, header: 'X Canary' }, {}, 'exposure.canary.header="X Canary"'],
    ['header value without header', { weight: 10, headerValue: 'beta' }, {}, 'exposure.canary.headerValue="beta": needs header'],
    ['bad cookie', { weight: 10, cookie: 'a;b' }, {}, 'exposure.canary.cookie="a;b"'],
    ['other host', { weight: 10 }, { host: 'other.example.com' }, 'host="other.example.com/": a canary must answer on the host and path of its stable app'],
    ['other path', { weight: 10 }, { path: '/api' }, 'host="shop.example.com/api"'],
    ['own tls', { weight: 10 }, { tls: Tls.fromSecret('x') }, 'tls="set": a canary is served with its stable app\'s certificate'],
  ])('refuses %s', (_: string, canary: any, props: any, message: string) => {
    const chart = Testing.chart();
    const stable = ingressStable(chart);
    expect(() => new PublicWebApp(chart, 'c', { image: IMAGE, host: HOST, ...props, exposure: Exposure.ingress({ canary: { stable, ...canary } }) })).toThrow(message);
  });

  test.each([
    ['rateLimit', { rateLimit: { requestsPerSecond: 5 } }, 'exposure.rateLimit="set"'],
    ['allowSourceRanges', { allowSourceRanges: ['10.0.0.0/8'] }, 'exposure.allowSourceRanges="set"'],
    ['maxRequestBodySize', { maxRequestBodySize: Size.mebibytes(1) }, 'exposure.maxRequestBodySize="set"'],
    ['allowPlainHttp', { allowPlainHttp: true }, 'exposure.allowPlainHttp=true'],
    ['another IngressClass', { controller: IngressController.nginx({ className: 'internal' }) }, 'exposure.controller="internal": the stable app uses IngressClass \'nginx\''],
  ])('refuses %s on a canary Ingress', (_: string, options: any, message: string) => {
    const chart = Testing.chart();
    const stable = ingressStable(chart);
    expect(() => new PublicWebApp(chart, 'c', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ ...options, canary: { stable, weight: 10 } }) })).toThrow(message);
  });

  test('refuses a second canary of one host and path (ingress-nginx applies only one)', () => {
    const chart = Testing.chart();
    const stable = ingressStable(chart);
    new PublicWebApp(chart, 'c1', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable, weight: 10 } }) });
    expect(() => new PublicWebApp(chart, 'c2', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable, weight: 10 } }) }))
      .toThrow("exposure.canary=\"test/c2\": the stable app 'test/web' already has 1 canary");
  });

  test('refuses a canary of a canary', () => {
    const chart = Testing.chart();
    const stable = ingressStable(chart);
    const c1 = new PublicWebApp(chart, 'c1', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable, weight: 10 } }) });
    expect(() => new PublicWebApp(chart, 'c2', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable: c1, weight: 10 } }) }))
      .toThrow('exposure.canary.stable="test/c1": the stable app is itself a canary');
  });

  test('refuses a stable app from another App (missing from this App)', () => {
    const stable = ingressStable(Testing.chart());
    const chart = new Chart(new App(), 'other');
    expect(() => new PublicWebApp(chart, 'c', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable, weight: 10 } }) }))
      .toThrow('exposure.canary.stable="test/web": the stable app is missing from this cdk8s App');
  });

  test('refuses a stable that is not an app', () => {
    const chart = Testing.chart();
    expect(() => new PublicWebApp(chart, 'c', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable: {} as any, weight: 10 } }) }))
      .toThrow('exposure.canary.stable="[object Object]": must be the PublicWebApp');
  });

  test.each([
    ['traefik', IngressController.traefik()],
  ])('refuses %s, which cannot split one host between Ingresses', (name: string, controller: IngressController) => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const stable = ingressStable(chart, controller);
    expect(() => new PublicWebApp(chart, 'c', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ controller, canary: { stable, weight: 10 } }) }))
      .toThrow(`exposure.canary="${name}": the ${name} Ingress controller cannot split traffic`);
  });

  test('refuses a canary with a different exposure type than its stable', () => {
    const chart = Testing.chart();
    const stable = ingressStable(chart);
    expect(() => new PublicWebApp(chart, 'c', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 10 } }) }))
      .toThrow('exposure.canary.stable="test/web": the stable app is exposed with Exposure.ingress(), the canary with Exposure.gateway()');
  });
});

describe('canary on Gateway API', () => {
  test('the stable HTTPRoute splits 80/20 between the stable and the canary Service; the canary has no route', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const stable = gatewayStable(chart);
    const canary = new PublicWebApp(chart, 'web-canary', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 20 } }) });
    const objs = expectValid(chart);
    expect(objs).toMatchSnapshot();
    expect(byKind(objs, 'HTTPRoute')).toHaveLength(1);
    expect(named(objs, 'HTTPRoute', 'web').spec.rules).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], filters: HTTPS_ROUTE_FILTERS, backendRefs: [{ name: 'web', port: 80, weight: 80 }, { name: 'web-canary', port: 80, weight: 20 }] },
    ]);
    expect(named(objs, 'NetworkPolicy', 'web-canary').spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'infra' } } }]);
    expect(canary.accessInfo()).toContain("HTTPRoute 'web'");
  });

  test('header routing is a separate rule; two canaries share the remaining weight', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const stable = gatewayStable(chart);
    new PublicWebApp(chart, 'a', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 30, header: 'X-Canary', headerValue: 'a' } }) });
    new PublicWebApp(chart, 'b', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 20 } }) });
    new PublicWebApp(chart, 'c', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 0, header: 'X-Beta' } }) });
    const objs = expectValid(chart);
    const path = { type: 'PathPrefix', value: '/' };
    expect(named(objs, 'HTTPRoute', 'web').spec.rules).toEqual([
      { matches: [{ path, headers: [{ type: 'Exact', name: 'X-Canary', value: 'a' }] }], filters: HTTPS_ROUTE_FILTERS, backendRefs: [{ name: 'a', port: 80 }] },
      { matches: [{ path, headers: [{ type: 'Exact', name: 'X-Beta', value: 'always' }] }], filters: HTTPS_ROUTE_FILTERS, backendRefs: [{ name: 'c', port: 80 }] },
      { matches: [{ path }], filters: HTTPS_ROUTE_FILTERS, backendRefs: [{ name: 'web', port: 80, weight: 50 }, { name: 'a', port: 80, weight: 30 }, { name: 'b', port: 80, weight: 20 }] },
    ]);
  });

  test('a canary in another namespace gets a ReferenceGrant in its own namespace', () => {
    const app = Testing.app();
    const stable = gatewayStable(new Chart(app, 'shop', { namespace: 'shop' }));
    const c2 = new Chart(app, 'canary', { namespace: 'shop-canary' });
    new PublicWebApp(c2, 'web-canary', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 10 } }) });
    const objs = [...expectValid(app.charts[0]), ...expectValid(c2)];
    expect(named(objs, 'HTTPRoute', 'web').spec.rules[0].backendRefs[1]).toEqual({ name: 'web-canary', namespace: 'shop-canary', port: 80, weight: 10 });
    const grant = named(objs, 'ReferenceGrant', 'web-canary-canary-route');
    expect(grant.metadata.namespace).toBe('shop-canary');
    expect(grant.spec).toEqual({ from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], to: [{ group: '', kind: 'Service', name: 'web-canary' }] });
  });

  test('refuses canaries that add up to more than 100%', () => {
    const chart = Testing.chart();
    const stable = gatewayStable(chart);
    new PublicWebApp(chart, 'a', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 60 } }) });
    expect(() => new PublicWebApp(chart, 'b', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 50 } }) }))
      .toThrow("exposure.canary.weight=50: the canaries of 'test/web' would get 110% of the requests in total");
  });

  test('refuses a cookie, route options on a canary, and a canary with only one namespace known', () => {
    const chart = Testing.chart();
    const stable = gatewayStable(chart);
    expect(() => new PublicWebApp(chart, 'a', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 10, cookie: 'c' } }) }))
      .toThrow('exposure.canary.cookie="c": Gateway API has no portable cookie match');
    expect(() => new PublicWebApp(chart, 'b', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ gatewayClassName: 'istio', canary: { stable, weight: 10 } }) }))
      .toThrow('exposure.gatewayClassName="set": a canary has no route of its own');
    const other = new Chart(chart.node.root as App, 'ns', { namespace: 'other' });
    expect(() => new PublicWebApp(other, 'c', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 10 } }) }))
      .toThrow('namespace="other": the stable app\'s namespace is unset');
  });
});
