/**
 * securityHeaders (issue 18, item 2): HSTS, X-Content-Type-Options,
 * X-Frame-Options and Referrer-Policy on by default for HTTPS apps, mapped to
 * each edge; refused where the edge cannot set them per app.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import { Exposure, FrameOptions, IngressController, MeshGateway, MeshTls, PublicWebApp, ReferrerPolicy, SecurityHeaderOptions, Tls } from '../../src';
import { DEFAULT_SECURITY_HEADERS } from '../util/edge-headers';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const HOST = 'shop.example.com';
const TLS = Tls.certManager({ clusterIssuer: 'letsencrypt-prod' });
const named = (objs: any[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);
const responseFilter = (objs: any[]) => (named(objs, 'HTTPRoute', 'web').spec.rules[0].filters ?? []).find((f: any) => f.type === 'ResponseHeaderModifier');

const STRICT: SecurityHeaderOptions = {
  hstsMaxAge: Duration.days(730),
  hstsIncludeSubdomains: true,
  hstsPreload: true,
  contentTypeNosniff: false,
  frameOptions: FrameOptions.SAMEORIGIN,
  referrerPolicy: ReferrerPolicy.NO_REFERRER,
};

function chart() {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}
function gatewayApp(securityHeaders?: SecurityHeaderOptions, plain = false) {
  const c = chart();
  new PublicWebApp(c, 'web', {
    image: IMAGE,
    host: HOST,
    tls: plain ? undefined : TLS,
    exposure: Exposure.gateway({ gatewayClassName: 'eg', allowPlainHttp: plain || undefined, securityHeaders }),
  });
  return expectValid(c);
}
function ingressApp(controller: IngressController, securityHeaders?: SecurityHeaderOptions) {
  const c = chart();
  const web = new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, tls: TLS, exposure: Exposure.ingress({ controller, securityHeaders }) });
  return { objs: expectValid(c), web };
}

describe('securityHeaders on Gateway API', () => {
  test('an HTTPS app gets the four headers by default (ResponseHeaderModifier set)', () => {
    expect(responseFilter(gatewayApp())).toEqual({ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: DEFAULT_SECURITY_HEADERS } });
  });

  test('every field changes its header; NOT_SENT and false drop one', () => {
    expect(responseFilter(gatewayApp(STRICT)).responseHeaderModifier.set).toEqual([
      { name: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
      { name: 'X-Frame-Options', value: 'SAMEORIGIN' },
      { name: 'Referrer-Policy', value: 'no-referrer' },
    ]);
    const fewer = gatewayApp({ hsts: false, frameOptions: FrameOptions.NOT_SENT, referrerPolicy: ReferrerPolicy.NOT_SENT });
    expect(responseFilter(fewer).responseHeaderModifier.set)
      .toEqual([{ name: 'X-Content-Type-Options', value: 'nosniff' }]);
  });

  test('enabled: false sends none', () => {
    expect(responseFilter(gatewayApp({ enabled: false }))).toBeUndefined();
  });

  test('a plain-HTTP app sends none by default, and never HSTS', () => {
    expect(responseFilter(gatewayApp(undefined, true))).toBeUndefined();
    expect(responseFilter(gatewayApp({ enabled: true }, true)).responseHeaderModifier.set.map((h: any) => h.name))
      .toEqual(['X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy']);
    expectError(() => gatewayApp({ hsts: true }, true), 'exposure.securityHeaders.hsts', 'RFC 6797');
  });

  test.each([
    [{ hstsPreload: true }, 'exposure.securityHeaders.hstsPreload=true', 'includeSubDomains'],
    [{ hstsPreload: true, hstsIncludeSubdomains: true, hstsMaxAge: Duration.days(30) }, 'exposure.securityHeaders.hstsPreload=true', 'at least 31536000'],
    [{ enabled: false, frameOptions: FrameOptions.DENY }, 'exposure.securityHeaders.frameOptions', 'turns every security header off'],
    [{ hsts: false, hstsMaxAge: Duration.days(1) }, 'exposure.securityHeaders.hsts=false', 'need HSTS on'],
    [{ hstsMaxAge: Duration.millis(1500) }, 'exposure.securityHeaders.hstsMaxAge="1.5s"', 'whole number of seconds'],
    [{ frameOptions: 'ALLOW-FROM x' as any }, 'exposure.securityHeaders.frameOptions', 'not an X-Frame-Options choice'],
    [{ referrerPolicy: 'always' as any }, 'exposure.securityHeaders.referrerPolicy', 'not a Referrer-Policy'],
  ] as [SecurityHeaderOptions, string, string][])('refuses %#', (options, prop, problem) => {
    expectError(() => gatewayApp(options), prop, problem);
  });

  test('a canary takes its stable app\'s headers', () => {
    const c = chart();
    const stable = new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ gateway: { name: 'shared', sectionName: 'https' } }) });
    expectError(() => new PublicWebApp(c, 'next', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 10 }, securityHeaders: { enabled: false } }) }),
      'exposure.securityHeaders', "stable app's route");
  });
});

describe('securityHeaders on an Istio MeshGateway', () => {
  const meshApp = (tls: MeshTls, securityHeaders?: SecurityHeaderOptions) => {
    const c = chart();
    const edge = new MeshGateway(c, 'edge', { hosts: ['*.example.com'], tls });
    new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, exposure: Exposure.mesh(edge, { securityHeaders, requestHeaders: { keepSpoofableHeaders: true } }) });
    return expectValid(c).find((o) => o.kind === 'VirtualService').spec.http[0].headers;
  };
  test('headers.response.set on an HTTPS gateway', () => {
    const set = { 'Strict-Transport-Security': 'max-age=31536000', 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'SAMEORIGIN', 'Referrer-Policy': 'strict-origin-when-cross-origin' };
    expect(meshApp(MeshTls.simple({ credentialName: 'wildcard-cert' }), { frameOptions: FrameOptions.SAMEORIGIN })).toEqual({ response: { set } });
  });
  test('none on a plain-HTTP gateway, where HSTS is refused', () => {
    const none = MeshTls.none({ acknowledgePlainHttp: true });
    expect(meshApp(none)).toBeUndefined();
    expectError(() => meshApp(none, { hstsIncludeSubdomains: true }), 'exposure.securityHeaders.hsts', 'plain HTTP');
  });
});

describe('securityHeaders on Ingress controllers', () => {
  test('Traefik: a headers Middleware with its security fields, on the HTTPS router only', () => {
    const { objs } = ingressApp(IngressController.traefik(), STRICT);
    expect(named(objs, 'Middleware', 'web-security-headers').spec).toEqual({
      headers: { stsSeconds: 63072000, stsIncludeSubdomains: true, stsPreload: true, customFrameOptionsValue: 'SAMEORIGIN', referrerPolicy: 'no-referrer' },
    });
    expect(named(objs, 'Ingress', 'web').metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toContain('shop-web-security-headers@kubernetescrd');
    expect(named(objs, 'Ingress', 'web-http-redirect').metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).not.toContain('security-headers');
  });

  test('Kong: a response-transformer KongPlugin (replace + add)', () => {
    const { objs } = ingressApp(IngressController.kong(), { referrerPolicy: ReferrerPolicy.SAME_ORIGIN });
    const pairs = ['Strict-Transport-Security:max-age=31536000', 'X-Content-Type-Options:nosniff', 'X-Frame-Options:DENY', 'Referrer-Policy:same-origin'];
    expect(named(objs, 'KongPlugin', 'web-response-transformer').config).toEqual({ replace: { headers: pairs }, add: { headers: pairs } });
  });

  test('ingress-nginx: none per app, the NOTES say where they come from; an explicit securityHeaders is refused', () => {
    const { objs, web } = ingressApp(IngressController.nginx());
    expect(Object.keys(named(objs, 'Ingress', 'web').metadata.annotations).some((k) => /header|hsts/.test(k))).toBe(false);
    expect(web.notes()).toContain('Security response headers: not per app with nginx: HSTS from the controller ConfigMap (hsts, on by default)');
    expectError(() => ingressApp(IngressController.nginx(), { hstsIncludeSubdomains: true }), 'exposure.securityHeaders', 'nginx Ingress controller cannot set security response headers per app');
    // turning them off is allowed (nothing to refuse), and drops the note
    expect(ingressApp(IngressController.nginx(), { enabled: false }).web.notes()).not.toContain('Security response headers');
  });

  test('AWS ALB: refused per app, with the listener attributes to use', () => {
    const c = chart();
    expectError(() => new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: HOST,
      exposure: Exposure.ingress({
        controller: IngressController.awsAlb({ vpcCidr: '10.0.0.0/16', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d' }),
        securityHeaders: { frameOptions: FrameOptions.SAMEORIGIN },
      }),
    }), 'exposure.securityHeaders', 'listener-attributes');
  });
});

test('examples/hardened-edge: redirect, rate limit, header filtering and security headers on one Traefik app', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require('../../examples/hardened-edge/main');
  const app = Testing.app();
  example.build(app);
  const objs = expectValid(app.charts[0]);
  const mws = Object.fromEntries(objs.filter((o) => o.kind === 'Middleware').map((m) => [m.metadata.name, m.spec]));
  expect(Object.keys(mws).sort()).toEqual(['web-ratelimit', 'web-redirect-https', 'web-request-headers', 'web-security-headers']);
  expect(mws['web-request-headers'].headers.customRequestHeaders).toMatchObject({ 'X-Debug-User': '', 'X-Internal-Auth': '', 'True-Client-IP': '', 'X-Edge': 'traefik-public' });
  expect(mws['web-security-headers'].headers).toEqual({ stsSeconds: 63072000, stsIncludeSubdomains: true, contentTypeNosniff: true, frameDeny: true, referrerPolicy: 'same-origin' });
  expect(named(objs, 'Ingress', 'web').metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares'])
    .toBe('bank-web-ratelimit@kubernetescrd,bank-web-request-headers@kubernetescrd,bank-web-security-headers@kubernetescrd');
});
