import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, ingress, lintRule, service, workload } from './fixtures';
import { Exposure, ExposureLinter, PublicWebApp, Tls } from '../../src';

const HOST = 'shop.example.com';
const gateway = (listeners: any[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'public', namespace: 'infra' },
  spec: { gatewayClassName: 'eg', listeners },
});
const HTTPS_LISTENER = { name: 'https', protocol: 'HTTPS', port: 443, hostname: HOST, tls: { mode: 'Terminate', certificateRefs: [{ name: 'shop-tls' }] } };
const route = (filters?: any[], backendRefs: any[] = [{ name: 'web', port: 80 }]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web' },
  spec: {
    parentRefs: [{ name: 'public', namespace: 'infra', sectionName: 'https' }],
    hostnames: [HOST],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], filters, backendRefs }],
  },
});
const virtualService = (headers?: any, gateways = ['istio-system/public']) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'web' },
  spec: { hosts: [HOST], gateways, http: [{ route: [{ destination: { host: 'web' } }], headers }] },
});

describe('route-forwards-spoofable-headers', () => {
  test('an HTTPRoute rule without a RequestHeaderModifier, and an edge VirtualService without headers.request.remove', () => {
    const objects = [workload('web'), service('web'), route(), virtualService()];
    expectSchemaValid(objects);
    const found = lintRule(objects, 'route-forwards-spoofable-headers');
    expect(found.map((f) => [f.kind, f.field])).toEqual([['HTTPRoute', 'spec.rules[0].filters'], ['VirtualService', 'spec.http[0].headers']]);
    expect(found[0].message).toContain('forwards client-supplied Forwarded, X-Original-Forwarded-For');
  });

  test('no finding when the default set is removed, for redirect-only rules, or for mesh-internal VirtualServices', () => {
    const strip = [{ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['True-Client-IP'] } }];
    const redirect = [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }];
    const redirectOnly: any = { ...route(redirect), metadata: { name: 'redirect' } };
    redirectOnly.spec.rules[0].backendRefs = undefined;
    const objects = [route(strip), redirectOnly, virtualService({ request: { remove: ['forwarded'] } })];
    expect(lintRule(objects, 'route-forwards-spoofable-headers')).toEqual([]);
    expect(lintRule([virtualService(undefined, ['mesh'])], 'route-forwards-spoofable-headers')).toEqual([]);
  });
});

describe('route-https-without-hsts', () => {
  test('an HTTPRoute on a known HTTPS listener that sets no Strict-Transport-Security', () => {
    const objects = [gateway([HTTPS_LISTENER]), route()];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'route-https-without-hsts').map((f) => [f.name, f.field])).toEqual([['web', 'spec.rules[0].filters']]);
  });

  test('no finding with HSTS set, on an HTTP listener, or when the Gateway is not in the manifests', () => {
    const hsts = [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000' }] } }];
    expect(lintRule([gateway([HTTPS_LISTENER]), route(hsts)], 'route-https-without-hsts')).toEqual([]);
    expect(lintRule([gateway([{ name: 'https', protocol: 'HTTP', port: 80 }]), route()], 'route-https-without-hsts')).toEqual([]);
    expect(lintRule([route()], 'route-https-without-hsts')).toEqual([]);
  });
});

describe('backend-tls-reached-in-plain-http', () => {
  const tlsService = service('web', { ports: [{ name: 'https', port: 443, targetPort: 8443, appProtocol: 'https' }] });
  const tlsIngress = (annotations?: any) => ingress('web', { rules: [{ host: HOST, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 443 } } } }] } }] },
    annotations ? { annotations } : {});

  test('an Ingress or HTTPRoute reaching a TLS Service port without speaking TLS', () => {
    const objects = [workload('web', { ports: [{ name: 'https', containerPort: 8443 }] }), tlsService, tlsIngress(), route(undefined, [{ name: 'web', port: 443 }])];
    expectSchemaValid(objects);
    const found = lintRule(objects, 'backend-tls-reached-in-plain-http');
    expect(found.map((f) => [f.kind, f.severity, f.field])).toEqual([
      ['HTTPRoute', 'error', 'spec.rules[0].backendRefs[0]'],
      ['Ingress', 'error', 'spec.rules[0].http.paths[0].backend.service'],
    ]);
    expect(found[1].message).toBe('Ingress web reaches Service default/web port https (appProtocol https) in plain HTTP');
  });

  test('no finding with backend-protocol HTTPS, a BackendTLSPolicy, or a plain port', () => {
    const policy = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'BackendTLSPolicy',
      metadata: { name: 'web' },
      spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.shop.svc', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] } },
    };
    const objects = [tlsService, tlsIngress({ 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' }), route(undefined, [{ name: 'web', port: 443 }]), policy];
    expect(lintRule(objects, 'backend-tls-reached-in-plain-http')).toEqual([]);
    expect(lintRule([service('web'), ingress('web')], 'backend-tls-reached-in-plain-http')).toEqual([]);
  });
});

test('what Exposure.gateway() emits passes the edge checklist rules', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/shop:1.4.2', host: HOST, tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }), exposure: Exposure.gateway({ gatewayClassName: 'eg' }) });
  const findings = new ExposureLinter().lint(Testing.synth(chart));
  expect(findings.filter((f) => ['route-forwards-spoofable-headers', 'route-https-without-hsts', 'backend-tls-reached-in-plain-http'].includes(f.ruleId))).toEqual([]);
});
