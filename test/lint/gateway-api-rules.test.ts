import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, lintRule, service, workload } from './fixtures';
import { Exposure, ExposureLinter, LintSeverity, PublicWebApp, Tls } from '../../src';
import { hostnamesIntersect } from '../../src/lint/gateway-api-rules';

const GW = 'gateway.networking.k8s.io/v1';
const gateway = (listeners: any[], metadata: any = {}) => ({ apiVersion: GW, kind: 'Gateway', metadata: { name: 'shared', namespace: 'infra', ...metadata }, spec: { gatewayClassName: 'istio', listeners } });
const listener = (extra: any = {}) => ({ name: 'http', port: 80, protocol: 'HTTP', ...extra });
const route = (extra: any = {}, namespace = 'shop', kind = 'HTTPRoute') => ({
  apiVersion: GW,
  kind,
  metadata: { name: 'web', namespace },
  spec: { parentRefs: [{ name: 'shared', namespace: 'infra' }], hostnames: ['shop.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }], ...extra },
});
const ns = (name: string, labels: any = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

test('hostnamesIntersect follows the Gateway API wildcard rules', () => {
  expect(hostnamesIntersect('shop.example.com', 'shop.example.com')).toBe(true);
  expect(hostnamesIntersect('*.example.com', 'shop.example.com')).toBe(true);
  expect(hostnamesIntersect('*.example.com', 'a.b.example.com')).toBe(true);
  expect(hostnamesIntersect('shop.example.com', '*.example.com')).toBe(true);
  expect(hostnamesIntersect('*.example.com', 'example.com')).toBe(false);
  expect(hostnamesIntersect('*.example.com', '*.shop.example.com')).toBe(true);
  expect(hostnamesIntersect('*.example.com', '*.example.org')).toBe(false);
  expect(hostnamesIntersect('shop.example.com', 'api.example.com')).toBe(false);
});

describe('route-not-accepted', () => {
  test('error for a route in a namespace, of a kind or with hostnames no listener admits, or naming a missing listener', () => {
    const same = [gateway([listener()]), route()];
    expectSchemaValid(same);
    expect(lintRule(same, 'route-not-accepted')).toEqual([expect.objectContaining({
      severity: LintSeverity.ERROR,
      kind: 'HTTPRoute',
      namespace: 'shop',
      name: 'web',
      field: 'spec.parentRefs[0]',
      message: 'HTTPRoute shop/web is not accepted by Gateway infra/shared: listener http admits routes from namespace infra only (allowedRoutes.namespaces.from Same)',
    })]);
    const selector = [ns('shop', { team: 'b' }), gateway([listener({ allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } } })]), route()];
    expectSchemaValid(selector);
    expect(lintRule(selector, 'route-not-accepted')[0].message).toContain('admits namespaces by selector and namespace shop does not match it');
    const kinds = [gateway([listener({ protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'cert' }] }, allowedRoutes: { namespaces: { from: 'All' } } })]), route({}, 'shop', 'TLSRoute')];
    expect(lintRule(kinds, 'route-not-accepted')[0].message).toContain('listener http (HTTPS) admits HTTPRoute, GRPCRoute routes, not TLSRoute');
    const hosts = [gateway([listener({ hostname: '*.example.org', allowedRoutes: { namespaces: { from: 'All' } } })]), route()];
    expectSchemaValid(hosts);
    expect(lintRule(hosts, 'route-not-accepted')[0].message).toContain('listener http serves *.example.org, which none of the route\'s hostnames (shop.example.com) match');
    const missing = [gateway([listener({ allowedRoutes: { namespaces: { from: 'All' } } })]), route({ parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'https' }] })];
    expect(lintRule(missing, 'route-not-accepted')[0].message).toBe('HTTPRoute shop/web parentRefs[0] names listener https of Gateway infra/shared, which has no such listener: the route is not accepted');
  });

  test('no finding when one listener admits the route, for a Gateway not in the input, or a selector the input cannot decide', () => {
    const all = { allowedRoutes: { namespaces: { from: 'All' } } };
    const objects = [gateway([listener({ hostname: '*.example.org', ...all }), listener({ name: 'shop', hostname: '*.example.com', ...all })]), route()];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'route-not-accepted')).toEqual([]);
    expect(lintRule([route()], 'route-not-accepted')).toEqual([]);
    expect(lintRule([gateway([listener()], { namespace: 'shop' }), route({ parentRefs: [{ name: 'shared' }] })], 'route-not-accepted')).toEqual([]);
    const byName = { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } } } };
    expect(lintRule([gateway([listener(byName)]), route()], 'route-not-accepted')).toEqual([]);
    const unknownLabels = { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } } };
    expect(lintRule([gateway([listener(unknownLabels)]), route()], 'route-not-accepted')).toEqual([]);
  });
});

describe('reference-grant-missing', () => {
  const backend = () => route({ parentRefs: [{ name: 'shared', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'api', namespace: 'backend', port: 80 }] }] });
  const api = () => ({ ...service('api'), metadata: { name: 'api', namespace: 'backend' } });
  const grant = (kind: string, from: string, toKind: string, namespace: string) => ({
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: { name: 'allow', namespace },
    spec: { from: [{ group: 'gateway.networking.k8s.io', kind, namespace: from }], to: [{ group: '', kind: toKind }] },
  });

  test('error for a cross-namespace backendRef or certificateRef without a ReferenceGrant', () => {
    const objects = [backend(), api(), workload('api', { namespace: 'backend' })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'reference-grant-missing')).toEqual([expect.objectContaining({
      kind: 'HTTPRoute',
      name: 'web',
      field: 'spec.rules[0].backendRefs[0]',
      message: 'HTTPRoute shop/web sends to Service backend/api in another namespace, and no ReferenceGrant in backend admits HTTPRoutes from shop: the backendRef is not resolved (RefNotPermitted)',
    })]);
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'wildcard', namespace: 'certs' }, type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } };
    const gw = gateway([listener({ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'wildcard', namespace: 'certs' }] } })]);
    expectSchemaValid([gw, secret]);
    expect(lintRule([gw, secret, grant('HTTPRoute', 'infra', 'Secret', 'certs')], 'reference-grant-missing')).toEqual([expect.objectContaining({
      kind: 'Gateway', name: 'shared', field: 'spec.listeners[0].tls.certificateRefs[0]',
    })]);
    // a grant for another route namespace, or to another kind, does not count
    expect(lintRule([backend(), api(), grant('HTTPRoute', 'other', 'Service', 'backend')], 'reference-grant-missing')).toHaveLength(1);
    expect(lintRule([backend(), api(), grant('HTTPRoute', 'shop', 'Secret', 'backend')], 'reference-grant-missing')).toHaveLength(1);
  });

  test('no finding with a matching ReferenceGrant, or when the input does not show the target namespace', () => {
    const objects = [backend(), api(), grant('HTTPRoute', 'shop', 'Service', 'backend')];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'reference-grant-missing')).toEqual([]);
    expect(lintRule([backend()], 'reference-grant-missing')).toEqual([]);
  });
});

describe('gateway-cert-manager-listener-skipped', () => {
  const annotated = (l: any) => gateway([l], { annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } });
  test('error for an HTTPS listener without hostname, or with a certificateRef in another namespace', () => {
    const objects = [annotated(listener({ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } }))];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'gateway-cert-manager-listener-skipped')).toEqual([expect.objectContaining({
      kind: 'Gateway',
      name: 'shared',
      field: 'spec.listeners[0].hostname',
      message: 'Gateway infra/shared asks cert-manager for certificates, but its gateway-shim skips listener https because it has no hostname: no Certificate is made for it',
    })]);
    const cross = [annotated(listener({ name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { certificateRefs: [{ name: 'cert', namespace: 'certs' }] } }))];
    expect(lintRule(cross, 'gateway-cert-manager-listener-skipped')[0].field).toBe('spec.listeners[0].tls.certificateRefs');
  });

  test('no finding with a hostname, without the annotation, or for an HTTP listener', () => {
    const ok = annotated(listener({ name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { certificateRefs: [{ name: 'cert' }] } }));
    expectSchemaValid([ok]);
    expect(lintRule([ok, annotated(listener())], 'gateway-cert-manager-listener-skipped')).toEqual([]);
    expect(lintRule([gateway([listener({ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } })])], 'gateway-cert-manager-listener-skipped')).toEqual([]);
  });
});

test('the library\'s own Gateway apps (created Gateway with cert-manager TLS, in the app namespace and in another) pass the Gateway API rules', () => {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  new PublicWebApp(chart, 'a', {
    image: 'ghcr.io/acme/a:1.0.0',
    host: 'a.example.com',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt' }),
    exposure: Exposure.gateway({ gatewayClassName: 'istio' }),
  });
  new PublicWebApp(chart, 'b', {
    image: 'ghcr.io/acme/b:1.0.0',
    host: 'b.example.com',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt' }),
    exposure: Exposure.gateway({ gatewayClassName: 'istio', gatewayNamespace: 'edge' }),
  });
  const objects = Testing.synth(chart);
  expect(objects.filter((o) => o.kind === 'Gateway')).toHaveLength(2);
  expect(new ExposureLinter().lint(objects).filter((f) => ['route-not-accepted', 'reference-grant-missing', 'gateway-cert-manager-listener-skipped'].includes(f.ruleId))).toEqual([]);
});
