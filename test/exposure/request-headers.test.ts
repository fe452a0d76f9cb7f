/**
 * requestHeaders (issue 18, item 1): request-header filtering mapped to each
 * edge (Gateway API RequestHeaderModifier, Istio headers.request, Traefik
 * headers Middleware, Kong request-transformer), refused where the edge
 * cannot filter per app (ingress-nginx, AWS ALB).
 */
import { Chart, Testing } from 'cdk8s';
import { Exposure, IngressController, MeshGateway, MeshTls, PublicWebApp, RequestHeaderOptions, Tls } from '../../src';
import { DEFAULT_STRIPPED, ENVOY_STRIPPED } from '../util/edge-headers';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const HOST = 'shop.example.com';
const TLS = Tls.certManager({ clusterIssuer: 'letsencrypt-prod' });
/** these tests look at request headers only: the security response headers are tested in security-headers.test.ts */
const OFF = { enabled: false };
const byKind = (objs: any[], kind: string) => objs.filter((o) => o.kind === kind);
const named = (objs: any[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);

function chart(namespace: string | null = 'shop') {
  return new Chart(Testing.app(), 'shop', { namespace: namespace ?? undefined });
}
function gatewayApp(requestHeaders?: RequestHeaderOptions, c = chart()) {
  new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https' }, requestHeaders, securityHeaders: OFF }) });
  return expectValid(c);
}
function ingressApp(controller: IngressController, requestHeaders?: RequestHeaderOptions, c = chart()) {
  new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, tls: TLS, exposure: Exposure.ingress({ controller, requestHeaders, securityHeaders: controller.name === 'nginx' ? undefined : OFF }) });
  return expectValid(c);
}

describe('requestHeaders on Gateway API', () => {
  test('remove and set become one RequestHeaderModifier on the route rule, after the default set', () => {
    const objs = gatewayApp({ remove: ['X-Debug', 'x-real-ip'], set: { 'X-Edge': 'public' } });
    expect(named(objs, 'HTTPRoute', 'web').spec.rules[0].filters).toEqual([{
      type: 'RequestHeaderModifier',
      requestHeaderModifier: { remove: [...DEFAULT_STRIPPED, 'X-Debug', 'x-real-ip'], set: [{ name: 'X-Edge', value: 'public' }] },
    }]);
  });

  test('a header that is set is not also removed (set overwrites the client value)', () => {
    const objs = gatewayApp({ set: { 'True-Client-IP': 'edge' } });
    const m = named(objs, 'HTTPRoute', 'web').spec.rules[0].filters[0].requestHeaderModifier;
    expect(m.remove).toEqual(DEFAULT_STRIPPED.filter((h) => h !== 'True-Client-IP'));
    expect(m.set).toEqual([{ name: 'True-Client-IP', value: 'edge' }]);
  });

  test('keepSpoofableHeaders: true alone leaves the route without a filter', () => {
    const objs = gatewayApp({ keepSpoofableHeaders: true });
    expect(named(objs, 'HTTPRoute', 'web').spec.rules[0].filters).toBeUndefined();
  });

  test('at most 16 names in remove (HTTPHeaderFilter maxItems): the default set leaves room for 7', () => {
    const seven = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7'];
    expect(named(gatewayApp({ remove: seven }), 'HTTPRoute', 'web').spec.rules[0].filters[0].requestHeaderModifier.remove).toHaveLength(16);
    expectError(() => gatewayApp({ remove: [...seven, 'A8'] }), 'exposure.requestHeaders.remove', '17 headers', 'at most 16');
  });

  test('a canary takes its stable app\'s filter and cannot set its own', () => {
    const c = chart();
    const stable = new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ gateway: { name: 'shared', sectionName: 'https' } }) });
    expectError(() => new PublicWebApp(c, 'next', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 10 }, requestHeaders: { remove: ['X-Debug'] } }) }),
      'exposure.requestHeaders', "stable app's route");
  });

  test.each([
    [{ remove: ['X-Forwarded-For'] }, 'exposure.requestHeaders.remove[0]="X-Forwarded-For"', 'writes X-Forwarded-For itself'],
    [{ set: { 'x-forwarded-proto': 'https' } }, 'exposure.requestHeaders.set="x-forwarded-proto"', 'writes x-forwarded-proto itself'],
    [{ remove: ['Host'] }, 'exposure.requestHeaders.remove[0]="Host"', 'connection or framing header'],
    [{ remove: ['X Bad'] }, 'exposure.requestHeaders.remove[0]="X Bad"', 'is not an HTTP header name'],
    [{ remove: ['X-A', 'x-a'] }, 'exposure.requestHeaders.remove[1]="x-a"', 'listed twice'],
    [{ remove: ['X-A'], set: { 'x-a': '1' } }, 'exposure.requestHeaders.remove[0]="X-A"', 'also in set'],
    [{ set: { 'X-A': '' } }, 'exposure.requestHeaders.set.X-A=""', 'non-empty'],
    [{ set: { 'X-A': 'a\r\nX-Injected: 1' } }, 'exposure.requestHeaders.set.X-A', 'without CR, LF or NUL'],
    [{ set: { 'X-A': '1', 'x-a': '2' } }, 'exposure.requestHeaders.set="x-a"', 'given twice'],
  ] as [RequestHeaderOptions, string, string][])('refuses %j', (requestHeaders, prop, problem) => {
    expectError(() => gatewayApp(requestHeaders), prop, problem);
  });
});

describe('requestHeaders on an Istio MeshGateway', () => {
  test('VirtualService headers.request: the default set plus the forwarding headers Envoy passes through, remove and set', () => {
    const c = chart();
    const edge = new MeshGateway(c, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) });
    new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, exposure: Exposure.mesh(edge, { requestHeaders: { remove: ['X-Debug'], set: { 'X-Edge': 'mesh' } }, securityHeaders: OFF }) });
    const vs = byKind(expectValid(c), 'VirtualService')[0];
    expect(vs.spec.http[0].headers).toEqual({ request: { remove: [...ENVOY_STRIPPED, 'X-Debug'], set: { 'X-Edge': 'mesh' } } });
  });

  test('keepSpoofableHeaders: true emits no headers block', () => {
    const c = chart();
    const edge = new MeshGateway(c, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) });
    new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, exposure: Exposure.mesh(edge, { requestHeaders: { keepSpoofableHeaders: true }, securityHeaders: OFF }) });
    expect(byKind(expectValid(c), 'VirtualService')[0].spec.http[0].headers).toBeUndefined();
  });
});

describe('requestHeaders on Ingress controllers', () => {
  test('Traefik: a headers Middleware, removal as an empty customRequestHeaders value, attached to the router', () => {
    const objs = ingressApp(IngressController.traefik(), { remove: ['X-Debug'], set: { 'X-Edge': 'traefik' } });
    const mw = named(objs, 'Middleware', 'web-request-headers');
    expect(mw.spec).toEqual({ headers: { customRequestHeaders: { ...Object.fromEntries([...DEFAULT_STRIPPED, 'X-Debug'].map((h) => [h, ''])), 'X-Edge': 'traefik' } } });
    expect(named(objs, 'Ingress', 'web').metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe('shop-web-request-headers@kubernetescrd');
    // the redirect-only router forwards nothing to the app: no header filter there
    expect(named(objs, 'Ingress', 'web-http-redirect').metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe('shop-web-redirect-https@kubernetescrd');
  });

  test('Traefik without the Chart namespace: no default Middleware, an explicit requestHeaders is refused', () => {
    const plain = (requestHeaders?: RequestHeaderOptions) => {
      const c = chart(null);
      new PublicWebApp(c, 'web', { image: IMAGE, exposure: Exposure.ingress({ controller: IngressController.traefik(), allowPlainHttp: true, requestHeaders }) });
      return expectValid(c);
    };
    expect(byKind(plain(), 'Middleware')).toHaveLength(0);
    expectError(() => plain({ remove: ['X-Debug'] }), 'namespace', '<namespace>-<name>@kubernetescrd');
  });

  test('Kong: a request-transformer KongPlugin; set is replace + add so the value wins whether or not the client sent it', () => {
    const objs = ingressApp(IngressController.kong(), { remove: ['X-Debug'], set: { 'X-Edge': 'kong:1' } });
    const p = named(objs, 'KongPlugin', 'web-request-transformer');
    expect(p.plugin).toBe('request-transformer');
    expect(p.config).toEqual({ remove: { headers: [...DEFAULT_STRIPPED, 'X-Debug'] }, replace: { headers: ['X-Edge:kong:1'] }, add: { headers: ['X-Edge:kong:1'] } });
    expect(named(objs, 'Ingress', 'web').metadata.annotations['konghq.com/plugins']).toBe('web-request-transformer');
  });

  test.each([
    [{ remove: ['X-Real-IP'] }, 'exposure.requestHeaders="X-Real-IP"', 'Kong writes the X-Forwarded-* and X-Real-IP headers itself'],
    [{ set: { 'X-Forwarded-Host': 'a' } }, 'exposure.requestHeaders="X-Forwarded-Host"', 'cannot change them'],
    [{ set: { 'X-User': '$(headers.authorization)' } }, 'exposure.requestHeaders.set.X-User', 'template'],
  ] as [RequestHeaderOptions, string, string][])('Kong refuses %j', (requestHeaders, prop, problem) => {
    expectError(() => ingressApp(IngressController.kong(), requestHeaders), prop, problem);
  });

  test('ingress-nginx: no default filtering (no annotation), an explicit requestHeaders is refused with the alternative', () => {
    const objs = ingressApp(IngressController.nginx());
    expect(Object.keys(named(objs, 'Ingress', 'web').metadata.annotations).filter((k) => k.includes('snippet'))).toEqual([]);
    expectError(() => ingressApp(IngressController.nginx(), { remove: ['X-Debug'] }), 'exposure.requestHeaders', 'snippet annotations', 'IngressController.traefik()');
  });

  test('AWS ALB refuses an explicit requestHeaders', () => {
    const c = chart();
    expectError(() => new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: HOST,
      exposure: Exposure.ingress({ controller: IngressController.awsAlb({ vpcCidr: '10.0.0.0/16', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d' }), requestHeaders: { set: { 'X-Edge': 'alb' } } }),
    }), 'exposure.requestHeaders', 'Application Load Balancer cannot remove or set');
  });

  test('a canary Ingress cannot filter headers (the stable app\'s Ingress does)', () => {
    const c = chart();
    const stable = new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, tls: TLS, exposure: Exposure.ingress() });
    expectError(() => new PublicWebApp(c, 'next', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable, weight: 10 }, requestHeaders: { remove: ['X-A'] } }) }),
      'exposure.requestHeaders', "stable app's requestHeaders");
  });
});
