/**
 * backendTls (issue 18, item 3): pods that serve TLS are reached over TLS
 * from the edge, verified where the edge can, refused where it cannot unless
 * acknowledged; the lint rule backend-tls-reached-in-plain-http never fires on
 * the output.
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import { BackendTls, Exposure, ExposureLinter, GatewayRouteKind, IngressController, PublicWebApp, Tls } from '../../src';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const HOST = 'shop.example.com';
const TLS = Tls.certManager({ clusterIssuer: 'letsencrypt-prod' });
const POD_NAME = 'web.shop.svc.cluster.local';
const VERIFIED_CM: BackendTls = { hostname: POD_NAME, caConfigMap: 'web-ca' };
const VERIFIED_SECRET: BackendTls = { hostname: POD_NAME, caSecret: 'web-ca' };
const UNVERIFIED: BackendTls = { acknowledgeUnverified: true };
const named = (objs: any[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);

function chart() {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}
function ingressApp(controller: IngressController, backendTls: BackendTls, healthCheckPath?: string) {
  const c = chart();
  const web = new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, tls: controller.name === 'aws-alb' ? undefined : TLS, healthCheckPath, exposure: Exposure.ingress({ controller, backendTls }) });
  return { objs: expectValid(c), web, chart: c };
}
function gatewayApp(backendTls: BackendTls, extra: { routeKind?: GatewayRouteKind } = {}) {
  const c = chart();
  const web = new PublicWebApp(c, 'web', {
    image: IMAGE,
    host: HOST,
    tls: extra.routeKind === GatewayRouteKind.TLS_PASSTHROUGH ? undefined : TLS,
    exposure: Exposure.gateway({ gatewayClassName: 'eg', backendTls, ...extra }),
  });
  return { objs: expectValid(c), web, chart: c };
}
const alb = () => IngressController.awsAlb({ vpcCidr: '10.0.0.0/16', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' });
function noPlainHttpFinding(c: Chart) {
  const findings = new ExposureLinter().lint(Testing.synth(c));
  expect(findings.filter((f) => f.ruleId === 'backend-tls-reached-in-plain-http')).toEqual([]);
}

/** Service port, container port and probes of a TLS-serving app. */
function expectHttpsPorts(objs: any[]) {
  const svc = named(objs, 'Service', 'web');
  expect(svc.spec.ports[0]).toMatchObject({ name: 'https', appProtocol: 'https' });
  const container = named(objs, 'Deployment', 'web').spec.template.spec.containers[0];
  expect(container.ports[0].name).toBe('https');
  return container;
}

describe('backendTls on Gateway API', () => {
  test('a BackendTLSPolicy targets the Service port https with the hostname and the CA ConfigMap', () => {
    const { objs, chart: c, web } = gatewayApp(VERIFIED_CM);
    expect(named(objs, 'BackendTLSPolicy', 'web')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'BackendTLSPolicy',
      metadata: expect.objectContaining({ name: 'web', namespace: 'shop' }),
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'web', sectionName: 'https' }],
        validation: { hostname: POD_NAME, caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'web-ca' }] },
      },
    });
    expectHttpsPorts(objs);
    // the HTTPRoute reaches the Service port the policy names
    expect(named(objs, 'HTTPRoute', 'web').spec.rules[0].backendRefs[0]).toMatchObject({ name: 'web', port: 80 });
    noPlainHttpFinding(c);
    const pre = web.prerequisites().map((p) => `${p.kind} ${p.name}`);
    expect(pre).toEqual(expect.arrayContaining(['ConfigMap web-ca', 'CustomResourceDefinition backendtlspolicies.gateway.networking.k8s.io']));
    const notes = web.notes();
    expect(notes).toContain('kubectl get backendtlspolicy web -n shop');
    expect(notes).toContain(`openssl s_client -connect localhost:8443 -servername ${POD_NAME} -verify_hostname ${POD_NAME}`);
    expect(notes).toContain("kubectl get configmap web-ca -n shop -o jsonpath='{.data.ca\\.crt}'");
  });

  test('a CA ConfigMap the App creates itself is not a prerequisite', () => {
    const c = chart();
    new ApiObject(c, 'ca', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-ca' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----' } } as any);
    const web = new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, tls: TLS, exposure: Exposure.gateway({ gatewayClassName: 'eg', backendTls: VERIFIED_CM }) });
    expect(web.prerequisites().map((p) => `${p.kind} ${p.name}`)).not.toContain('ConfigMap web-ca');
  });

  test('without backendTls there is no policy and the port stays http', () => {
    const c = chart();
    new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, tls: TLS, exposure: Exposure.gateway({ gatewayClassName: 'eg' }) });
    const objs = expectValid(c);
    expect(objs.filter((o) => o.kind === 'BackendTLSPolicy')).toEqual([]);
    expect(named(objs, 'Service', 'web').spec.ports[0].name).toBe('http');
    expect(named(objs, 'Service', 'web').spec.ports[0].appProtocol).toBeUndefined();
  });

  test('refusals: Secret CA, no CA, no hostname, acknowledgeUnverified, stream routes, gRPC, mesh', () => {
    expectError(() => gatewayApp(VERIFIED_SECRET), 'exposure.backendTls.caSecret', 'caConfigMap');
    expectError(() => gatewayApp({ hostname: POD_NAME }), 'exposure.backendTls.caConfigMap', 'a CA is required');
    expectError(() => gatewayApp({ caConfigMap: 'web-ca' }), 'exposure.backendTls.hostname', 'is required');
    expectError(() => gatewayApp({ ...VERIFIED_CM, acknowledgeUnverified: true }), 'exposure.backendTls.acknowledgeUnverified', 'verifies');
    expectError(() => gatewayApp({ hostname: 'Not_A_Name', caConfigMap: 'web-ca' }), 'exposure.backendTls.hostname');
    expectError(() => gatewayApp({ ...VERIFIED_CM, caSecret: 'x' }), 'exposure.backendTls.caSecret', 'not both');
    expectError(() => gatewayApp(VERIFIED_CM, { routeKind: GatewayRouteKind.TLS_PASSTHROUGH }), 'exposure.backendTls', 'forwards the connection');
    expectError(() => gatewayApp(VERIFIED_CM, { routeKind: GatewayRouteKind.GRPC }), 'exposure.backendTls', 'gRPC over TLS');
    const c = chart();
    expectError(() => new PublicWebApp(c, 'web', {
      image: IMAGE, host: HOST, tls: TLS, exposure: Exposure.gateway({ gatewayClassName: 'istio', mesh: {}, backendTls: VERIFIED_CM }),
    }), 'exposure.backendTls', 'mutual TLS');
  });

  test('a canary has its own BackendTLSPolicy for its own Service', () => {
    const c = chart();
    const stable = new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, tls: TLS, exposure: Exposure.gateway({ gatewayClassName: 'eg', backendTls: VERIFIED_CM }) });
    new PublicWebApp(c, 'web-canary', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 10 }, backendTls: { hostname: 'web-canary.shop.svc.cluster.local', caConfigMap: 'web-ca' } }) });
    const objs = expectValid(c);
    expect(named(objs, 'BackendTLSPolicy', 'web-canary').spec.targetRefs).toEqual([{ group: '', kind: 'Service', name: 'web-canary', sectionName: 'https' }]);
    expect(named(objs, 'Service', 'web-canary').spec.ports[0].name).toBe('https');
    noPlainHttpFinding(c);
  });
});

describe('backendTls on Ingress controllers', () => {
  test('ingress-nginx: backend-protocol HTTPS with upstream verification from the CA Secret', () => {
    const { objs, chart: c, web } = ingressApp(IngressController.nginx(), VERIFIED_SECRET);
    const a = named(objs, 'Ingress', 'web').metadata.annotations;
    expect(a).toMatchObject({
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      'nginx.ingress.kubernetes.io/proxy-ssl-secret': 'shop/web-ca',
      'nginx.ingress.kubernetes.io/proxy-ssl-verify': 'on',
      'nginx.ingress.kubernetes.io/proxy-ssl-name': POD_NAME,
      'nginx.ingress.kubernetes.io/proxy-ssl-server-name': 'on',
    });
    expectHttpsPorts(objs);
    noPlainHttpFinding(c);
    expect(web.prerequisites().map((p) => `${p.kind} ${p.namespace}/${p.name}`)).toContain('Secret shop/web-ca');
    expect(web.notes()).toContain("kubectl get secret web-ca -n shop -o jsonpath='{.data.ca\\.crt}' | base64 -d");
  });

  test('ingress-nginx refuses a ConfigMap CA and an unknown namespace', () => {
    expectError(() => ingressApp(IngressController.nginx(), VERIFIED_CM), 'exposure.backendTls.caConfigMap', 'caSecret');
    const c = new Chart(Testing.app(), 'shop');
    expectError(() => new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, tls: TLS, exposure: Exposure.ingress({ backendTls: VERIFIED_SECRET }) }), 'namespace', 'proxy-ssl-secret');
  });

  test.each([[VERIFIED_CM, { configMap: 'web-ca' }], [VERIFIED_SECRET, { secret: 'web-ca' }]])('Traefik: a ServersTransport named on the Service (%j)', (tls, rootCa) => {
    const { objs, chart: c, web } = ingressApp(IngressController.traefik(), tls);
    expect(web.prerequisites().map((p) => p.name)).toContain('serverstransports.traefik.io');
    expect(web.kubectlProxyUrl()).toBe('http://localhost:8001/api/v1/namespaces/shop/services/https:web:https/proxy/');
    expect(named(objs, 'ServersTransport', 'web-backend-tls')).toEqual({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransport',
      metadata: expect.objectContaining({ name: 'web-backend-tls', namespace: 'shop' }),
      spec: { serverName: POD_NAME, rootCAs: [rootCa] },
    });
    expect(named(objs, 'Service', 'web').metadata.annotations).toEqual({
      'traefik.ingress.kubernetes.io/service.serversscheme': 'https',
      'traefik.ingress.kubernetes.io/service.serverstransport': 'shop-web-backend-tls@kubernetescrd',
    });
    expectHttpsPorts(objs);
    noPlainHttpFinding(c);
  });

  test.each([
    ['kong', () => IngressController.kong(), { 'konghq.com/protocol': 'https' }],
    ['haproxy', () => IngressController.haproxy(), { 'haproxy.org/server-ssl': 'true' }],
  ])('%s: encrypts without verification only when acknowledged', (_n, controller, annotations) => {
    expectError(() => ingressApp(controller(), VERIFIED_SECRET), 'exposure.backendTls.acknowledgeUnverified', 'cannot verify');
    expectError(() => ingressApp(controller(), { ...VERIFIED_SECRET, acknowledgeUnverified: true }), 'exposure.backendTls.hostname', 'would not be used');
    const { objs, chart: c, web } = ingressApp(controller(), UNVERIFIED);
    expect(named(objs, 'Service', 'web').metadata.annotations).toMatchObject(annotations);
    expectHttpsPorts(objs);
    noPlainHttpFinding(c);
    expect(web.notes()).toContain('openssl s_client -connect localhost:8443 </dev/null');
  });

  test('AWS ALB: backend and health-check protocol HTTPS, only when acknowledged', () => {
    expectError(() => ingressApp(alb(), VERIFIED_SECRET), 'exposure.backendTls.acknowledgeUnverified', 'does not validate');
    const { objs, chart: c } = ingressApp(alb(), UNVERIFIED);
    expect(named(objs, 'Ingress', 'web').metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      'alb.ingress.kubernetes.io/healthcheck-protocol': 'HTTPS',
    });
    expectHttpsPorts(objs);
    noPlainHttpFinding(c);
  });

  test('an HTTP health check probes over HTTPS', () => {
    const { objs } = ingressApp(IngressController.nginx(), VERIFIED_SECRET, '/healthz');
    const container = expectHttpsPorts(objs);
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/healthz', scheme: 'HTTPS' });
    expect(container.livenessProbe.httpGet).toMatchObject({ scheme: 'HTTPS' });
  });

  test('a canary must serve what its stable Ingress says', () => {
    const c = chart();
    const stable = new PublicWebApp(c, 'web', { image: IMAGE, host: HOST, tls: TLS, exposure: Exposure.ingress({ backendTls: VERIFIED_SECRET }) });
    expectError(() => new PublicWebApp(c, 'web-canary', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable, weight: 10 } }) }),
      'exposure.backendTls', 'the same');
    const c2 = chart();
    const stable2 = new PublicWebApp(c2, 'web', { image: IMAGE, host: HOST, tls: TLS, exposure: Exposure.ingress({ backendTls: VERIFIED_SECRET }) });
    new PublicWebApp(c2, 'web-canary2', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable: stable2, weight: 10 }, backendTls: VERIFIED_SECRET }) });
    const objs = expectValid(c2);
    expect(named(objs, 'Service', 'web-canary2').spec.ports[0].name).toBe('https');
  });
});
