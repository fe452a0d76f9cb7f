import { Size } from 'cdk8s';
import { Exposure, IngressController, NetworkEndpoint, NetworkPolicyEvaluator, PublicWebApp, Tls } from '../../src';
import { newChart, objectOf, objectsOf } from '../util/app';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const HOST = 'shop.example.com';

describe('IngressController.haproxy()', () => {
  test('TLS, rate limit and allowlist become haproxy.org/* annotations (redirect 301 to port 443, 429 over the limit)', () => {
    const { chart } = newChart('shop');
    const controller = IngressController.haproxy();
    new PublicWebApp(chart, 'web', {
      image: IMAGE,
      host: HOST,
      tls: Tls.fromSecret('shop-tls'),
      exposure: Exposure.ingress({ controller, rateLimit: { requestsPerSecond: 20 }, allowSourceRanges: ['203.0.113.0/24', '2001:db8::/32'] }),
    });
    const objects = expectValid(chart);
    expect(objects).toMatchSnapshot();
    expect([controller.name, controller.className, controller.namespace]).toEqual(['haproxy', 'haproxy', 'haproxy-controller']);
    const ing = objectOf(objects, 'Ingress', 'web');
    expect(ing.spec.ingressClassName).toBe('haproxy');
    expect(ing.spec.tls).toEqual([{ hosts: [HOST], secretName: 'shop-tls' }]);
    expect(ing.metadata.annotations).toEqual({
      'haproxy.org/ssl-redirect': 'true',
      'haproxy.org/ssl-redirect-code': '301',
      'haproxy.org/ssl-redirect-port': '443',
      'haproxy.org/rate-limit-requests': '20',
      'haproxy.org/rate-limit-period': '1s',
      'haproxy.org/rate-limit-status-code': '429',
      'haproxy.org/allow-list': '203.0.113.0/24,2001:db8::/32',
      'haproxy.org/response-set-header': [
        'Strict-Transport-Security "max-age=31536000"',
        'X-Content-Type-Options "nosniff"',
        'X-Frame-Options "DENY"',
        'Referrer-Policy "strict-origin-when-cross-origin"',
      ].join('\n'),
    });
    // one Ingress, no CRs
    expect(objects.filter((o) => !['Deployment', 'Service', 'NetworkPolicy', 'PodDisruptionBudget', 'Ingress'].includes(o.kind))).toEqual([]);
    const np = new NetworkPolicyEvaluator(objects);
    const app = NetworkEndpoint.pod('shop', { 'app.kubernetes.io/name': 'web' });
    expect(np.isAllowed({ from: NetworkEndpoint.pod('haproxy-controller', { 'app.kubernetes.io/name': 'kubernetes-ingress' }), to: app, port: 8080 })).toBe(true);
    expect(np.isAllowed({ from: NetworkEndpoint.pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }), to: app, port: 8080 })).toBe(false);
  });

  test('a burst B above the rate R is B requests per B/R seconds', () => {
    const { chart } = newChart('shop');
    new PublicWebApp(chart, 'web', {
      image: IMAGE,
      host: HOST,
      tls: Tls.fromSecret('t'),
      exposure: Exposure.ingress({ controller: IngressController.haproxy({ httpsPort: 8443 }), rateLimit: { requestsPerSecond: 10, burst: 50 } }),
    });
    const a = objectOf(expectValid(chart), 'Ingress').metadata.annotations;
    expect([a['haproxy.org/rate-limit-requests'], a['haproxy.org/rate-limit-period'], a['haproxy.org/ssl-redirect-port']]).toEqual(['50', '5s', '8443']);
  });

  test('plain HTTP (asked for), custom class and namespace: no annotations; hostNetwork controller admitted by node CIDR', () => {
    const { chart } = newChart('shop');
    new PublicWebApp(chart, 'web', {
      image: IMAGE,
      exposure: Exposure.ingress({ controller: IngressController.haproxy({ className: 'haproxy-prod', namespace: 'edge', nodeCidrs: ['10.0.0.0/24'] }), allowPlainHttp: true }),
    });
    const objects = expectValid(chart);
    const ing = objectOf(objects, 'Ingress');
    expect(ing.metadata.annotations).toBeUndefined();
    expect(ing.spec.ingressClassName).toBe('haproxy-prod');
    expect(objectOf(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.0.0.0/24' } }]);
  });

  test('notes: IngressClass prerequisite and the controller logs', () => {
    const { chart } = newChart('shop');
    const web = new PublicWebApp(chart, 'web', { image: IMAGE, host: HOST, tls: Tls.fromSecret('t'), exposure: Exposure.ingress({ controller: IngressController.haproxy() }) });
    expect(web.prerequisites().map((p) => `${p.kind} ${p.name}`)).toEqual(['IngressClass haproxy', 'Secret t']);
    const notes = web.notes();
    expect(notes).toContain('kubectl logs -n haproxy-controller -l app.kubernetes.io/name=kubernetes-ingress --tail=100');
    expect(notes).toContain('kubectl get ingressclass haproxy');
    expect(notes).toContain("-- grep -A8 'backend shop_svc_web_http' /etc/haproxy/haproxy.cfg");
    expect(notes).toContain(`URL: https://${HOST}/`);
  });

  test.each([
    [{ className: 'HAProxy!' }, {}, 'exposure.controller.className="HAProxy!"'],
    [{ namespace: 'Edge' }, {}, 'exposure.controller.namespace="Edge"'],
    [{ httpsPort: 0 }, {}, 'exposure.controller.httpsPort=0'],
    [{ nodeCidrs: ['0.0.0.0/0'] }, {}, 'exposure.controller.nodeCidrs[0]="0.0.0.0/0"'],
    [{}, { rateLimit: { requestsPerSecond: 10, burst: 25 } }, 'exposure.rateLimit.burst=25: HAProxy limits requests per period', 'e.g. 50'],
    [{}, { maxRequestBodySize: Size.mebibytes(8) }, 'exposure.maxRequestBodySize="8192 KiB": the HAProxy Ingress Controller has no annotation for a body-size limit'],
    [{}, { annotations: { 'haproxy.org/backend-config-snippet': 'http-request deny' } }, 'exposure.annotations="haproxy.org/backend-config-snippet": config-snippet annotations inject raw HAProxy configuration'],
    [{}, { annotations: { 'ingress.kubernetes.io/backend-config-snippet': 'x' } }, 'exposure.annotations="ingress.kubernetes.io/backend-config-snippet"'],
  ])('refuses %j %j', (options: any, exposure: any, ...fragments: string[]) => {
    const { chart } = newChart('shop');
    expectError(() => new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.ingress({ controller: IngressController.haproxy(options), allowPlainHttp: true, ...exposure }) }), ...fragments);
    expect(chart.node.findAll().filter((c) => c.node.path.includes('/web/'))).toHaveLength(0);
  });

  test('canary: weight as route-acl on the canary Service; the canary Ingress carries no redirect or limits', () => {
    const { chart } = newChart('shop');
    const controller = IngressController.haproxy();
    const stable = new PublicWebApp(chart, 'web', { image: IMAGE, host: HOST, tls: Tls.fromSecret('t'), exposure: Exposure.ingress({ controller, rateLimit: { requestsPerSecond: 5 } }) });
    new PublicWebApp(chart, 'next', { image: 'ghcr.io/acme/shop:1.5.0', host: HOST, exposure: Exposure.ingress({ controller, canary: { stable, weight: 25 } }) });
    const objects = expectValid(chart);
    expect(objectOf(objects, 'Service', 'next').metadata.annotations).toEqual({ 'haproxy.org/route-acl': 'rand(100) lt 25' });
    expect(objectOf(objects, 'Service', 'web').metadata.annotations).toBeUndefined();
    const canaryIngress = objectOf(objects, 'Ingress', 'next');
    expect(canaryIngress.metadata.annotations).toBeUndefined();
    expect(canaryIngress.spec.rules[0].host).toBe(HOST);
    expect(canaryIngress.spec.tls).toBeUndefined();
    expect(objectsOf(objects, 'Ingress')).toHaveLength(2);
  });

  test.each([
    [{ header: 'X-Canary' }, 'exposure.canary.header="X-Canary": the HAProxy Ingress Controller routes a canary with one route-acl'],
    [{ cookie: 'canary' }, 'exposure.canary.cookie="canary"'],
  ])('canary refuses %j (route-acl cannot OR it with the weight)', (extra: any, message: string) => {
    const { chart } = newChart('shop');
    const controller = IngressController.haproxy();
    const stable = new PublicWebApp(chart, 'web', { image: IMAGE, host: HOST, tls: Tls.fromSecret('t'), exposure: Exposure.ingress({ controller }) });
    expectError(() => new PublicWebApp(chart, 'next', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ controller, canary: { stable, weight: 10, ...extra } }) }), message);
  });

  test('security headers: changed or turned off per app; request headers cannot be removed per Ingress, so requestHeaders is refused', () => {
    const { chart } = newChart('shop');
    new PublicWebApp(chart, 'off', { image: IMAGE, host: HOST, tls: Tls.fromSecret('t'), exposure: Exposure.ingress({ controller: IngressController.haproxy(), securityHeaders: { enabled: false } }) });
    new PublicWebApp(chart, 'plain', { image: IMAGE, host: 'plain.example.com', exposure: Exposure.ingress({ controller: IngressController.haproxy(), allowPlainHttp: true }) });
    const objects = expectValid(chart);
    expect(objectOf(objects, 'Ingress', 'off').metadata.annotations['haproxy.org/response-set-header']).toBeUndefined();
    // HSTS over plain HTTP is ignored by browsers: nothing by default
    expect(objectOf(objects, 'Ingress', 'plain').metadata.annotations?.['haproxy.org/response-set-header']).toBeUndefined();
    expectError(() => new PublicWebApp(newChart('x').chart, 'w', {
      image: IMAGE, host: HOST, tls: Tls.fromSecret('t'), exposure: Exposure.ingress({ controller: IngressController.haproxy(), requestHeaders: { remove: ['X-Real-IP'] } }),
    }), 'exposure.requestHeaders', 'haproxy');
  });

  test('a misspelt option key is refused', () => {
    const { chart } = newChart('shop');
    const options: any = { classname: 'x' };
    expectError(() => new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.ingress({ controller: IngressController.haproxy(options), allowPlainHttp: true }) }), 'classname');
  });
});
