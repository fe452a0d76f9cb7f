import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { expectExposeError } from './expect-error';
import { MeshCanary, MeshDataplane, MeshExposureOptions, MeshGateway, MeshTls } from '../../src';
import { bindMeshApp, HBONE_PORT, MeshAppTarget } from '../../src/mesh-gateway/mesh-route';
import { DEFAULT_SECURITY_HEADERS, ENVOY_STRIPPED } from '../util/edge-headers';
import { expectValid } from '../util/schema';

const SECURITY_SET = Object.fromEntries(DEFAULT_SECURITY_HEADERS.map((h) => [h.name, h.value]));

function setup(chartProps: { namespace?: string } = { namespace: 'shop' }, hosts = ['*.example.com']) {
  const app = Testing.app();
  const chart = new Chart(app, 'test', chartProps);
  const edge = new MeshGateway(chart, 'edge', { hosts, tls: MeshTls.simple({ credentialName: 'wildcard-cert' }), name: 'public-gateway' });
  return { chart, edge };
}

function target(chart: Construct, name: string, extra: Partial<MeshAppTarget> = {}): MeshAppTarget {
  return {
    scope: new Construct(chart, name),
    name,
    serviceName: name,
    servicePort: 80,
    containerPort: 8080,
    host: 'shop.example.com',
    podLabels: { 'app.kubernetes.io/name': name },
    ...extra,
  };
}

const byKind = (objects: any[], kind: string, name?: string) =>
  objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
const one = (objects: any[], kind: string, name?: string) => {
  const found = byKind(objects, kind, name);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('bindMeshApp defaults', () => {
  test('VirtualService, DestinationRule, PeerAuthentication STRICT and a gateway-only AuthorizationPolicy', () => {
    const { chart, edge } = setup();
    const binding = bindMeshApp(edge, target(chart, 'web'), {});
    const objects = expectValid(chart);
    expect(Testing.synth(chart)).toMatchSnapshot();
    expect(objects.map((o) => o.kind).sort()).toEqual(['AuthorizationPolicy', 'DestinationRule', 'Gateway', 'PeerAuthentication', 'VirtualService']);

    const vs = one(objects, 'VirtualService');
    expect(vs.apiVersion).toBe('networking.istio.io/v1');
    expect(vs.metadata).toEqual({ name: 'web', namespace: 'shop' });
    expect(vs.spec).toEqual({
      hosts: ['shop.example.com'],
      gateways: ['istio-system/public-gateway'],
      http: [{
        name: 'web',
        match: [{ uri: { prefix: '/' } }],
        route: [{ destination: { host: 'web.shop.svc.cluster.local', port: { number: 80 } } }],
        headers: { request: { remove: ENVOY_STRIPPED }, response: { set: SECURITY_SET } },
      }],
    });
    // off by default: retries, timeout, CORS, fault injection
    for (const k of ['retries', 'timeout', 'corsPolicy', 'fault']) expect(vs.spec.http[0][k]).toBeUndefined();

    const dr = one(objects, 'DestinationRule');
    expect(dr.spec).toEqual({
      host: 'web.shop.svc.cluster.local',
      trafficPolicy: {
        tls: { mode: 'ISTIO_MUTUAL' },
        connectionPool: { tcp: { maxConnections: 1024, connectTimeout: '5s' }, http: { http1MaxPendingRequests: 1024, http2MaxRequests: 1024 } },
        outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
      },
    });

    const pa = one(objects, 'PeerAuthentication');
    expect(pa.apiVersion).toBe('security.istio.io/v1');
    expect(pa.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, mtls: { mode: 'STRICT' } });

    const ap = one(objects, 'AuthorizationPolicy');
    expect(ap.metadata.name).toBe('web-from-gateway');
    expect(ap.spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      action: 'ALLOW',
      rules: [{
        from: [{ source: { principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'] } }],
        to: [{ operation: { ports: ['8080'] } }],
      }],
    });

    expect(binding.podLabels).toEqual({ 'sidecar.istio.io/inject': 'true' });
    expect(binding.networkPolicyNamespace).toBe('istio-system');
    expect(binding.networkPolicyPodLabels).toEqual({ istio: 'ingressgateway' });
    expect(binding.networkPolicyPorts).toEqual([8080]);
    expect(binding.destinationHost).toBe('web.shop.svc.cluster.local');
    expect(binding.ownsVirtualService).toBe(true);
    expect(binding.ownsDestinationRule).toBe(true);
    expect(binding.ownsPolicies).toBe(true);
    expect(binding.virtualService.kind).toBe('VirtualService');
    expect(binding.destinationRule.kind).toBe('DestinationRule');
    expect(binding.peerAuthentication.kind).toBe('PeerAuthentication');
    expect(binding.authorizationPolicy.kind).toBe('AuthorizationPolicy');
  });

  test('objects are created inside the app scope', () => {
    const { chart, edge } = setup();
    const t = target(chart, 'web');
    bindMeshApp(edge, t);
    expect(t.scope.node.children.map((c) => c.node.id).sort())
      .toEqual(['MeshAuthorizationPolicy', 'MeshDestinationRule', 'MeshPeerAuthentication', 'MeshVirtualService']);
  });

  test('an explicit namespace is written on every object', () => {
    const { chart, edge } = setup({});
    bindMeshApp(edge, target(chart, 'web', { namespace: 'store' }));
    const objects = expectValid(chart).filter((o) => o.kind !== 'Gateway');
    expect(objects.map((o) => o.metadata.namespace)).toEqual(['store', 'store', 'store', 'store']);
    expect(one(objects, 'DestinationRule').spec.host).toBe('web.store.svc.cluster.local');
  });

  test('without any namespace the destination is the short Service name', () => {
    const { chart, edge } = setup({});
    const b = bindMeshApp(edge, target(chart, 'web'));
    expect(b.destinationHost).toBe('web');
    expect(one(expectValid(chart), 'VirtualService').spec.http[0].route[0].destination.host).toBe('web');
  });

  test('without a host the route serves the gateway hosts', () => {
    const { chart, edge } = setup(undefined, ['shop.example.com', 'www.example.com']);
    bindMeshApp(edge, target(chart, 'web', { host: undefined }));
    expect(one(expectValid(chart), 'VirtualService').spec.hosts).toEqual(['shop.example.com', 'www.example.com']);
  });

  test('a sub-path matches the path itself and below it, not siblings with the same prefix', () => {
    const { chart, edge } = setup();
    bindMeshApp(edge, target(chart, 'api', { path: '/api' }));
    bindMeshApp(edge, target(chart, 'docs', { path: '/docs/' }));
    const objects = expectValid(chart);
    expect(one(objects, 'VirtualService', 'api').spec.http[0].match).toEqual([{ uri: { exact: '/api' } }, { uri: { prefix: '/api/' } }]);
    expect(one(objects, 'VirtualService', 'docs').spec.http[0].match).toEqual([{ uri: { prefix: '/docs/' } }]);
  });
});

describe('bindMeshApp options', () => {
  test('retries, timeout, CORS and fault injection on the route', () => {
    const { chart, edge } = setup();
    bindMeshApp(edge, target(chart, 'web'), {
      retries: { attempts: 3, perTryTimeout: '2s', retryOn: 'connect-failure, refused-stream,503' },
      timeout: '10s',
      cors: {
        allowOrigins: ['https://shop.example.com', 'https://*.example.com:8443'],
        allowMethods: ['get', 'POST'],
        allowHeaders: ['Content-Type', 'Authorization'],
        exposeHeaders: ['X-Request-Id'],
        maxAge: '1h',
        allowCredentials: true,
      },
      faultInjection: { delay: '5s', delayPercent: 10, abortHttpStatus: 503, abortPercent: 1.5 },
    });
    const objects = expectValid(chart);
    expect(Testing.synth(chart)).toMatchSnapshot();
    const http = one(objects, 'VirtualService').spec.http[0];
    expect(http.retries).toEqual({ attempts: 3, perTryTimeout: '2s', retryOn: 'connect-failure,refused-stream,503' });
    expect(http.timeout).toBe('10s');
    expect(http.corsPolicy).toEqual({
      allowOrigins: [{ exact: 'https://shop.example.com' }, { regex: 'https://[a-z0-9-]+\\.example\\.com\\:8443' }],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type', 'Authorization'],
      exposeHeaders: ['X-Request-Id'],
      maxAge: '1h',
      allowCredentials: true,
    });
    expect(http.fault).toEqual({
      delay: { fixedDelay: '5s', percentage: { value: 10 } },
      abort: { httpStatus: 503, percentage: { value: 1.5 } },
    });
  });

  test('the wildcard origin * becomes a match-all regex', () => {
    const { chart, edge } = setup();
    bindMeshApp(edge, target(chart, 'web'), { cors: { allowOrigins: ['*'] } });
    expect(one(expectValid(chart), 'VirtualService').spec.http[0].corsPolicy).toEqual({ allowOrigins: [{ regex: '.*' }] });
  });

  test('connection pool and outlier detection overrides keep the other defaults', () => {
    const { chart, edge } = setup();
    bindMeshApp(edge, target(chart, 'web'), {
      connectionPool: { maxConnections: 100, maxRequestsPerConnection: 10 },
      outlierDetection: { consecutiveServerErrors: 3, maxEjectionPercent: 100 },
    });
    const tp = one(expectValid(chart), 'DestinationRule').spec.trafficPolicy;
    expect(tp.connectionPool).toEqual({
      tcp: { maxConnections: 100, connectTimeout: '5s' },
      http: { http1MaxPendingRequests: 1024, http2MaxRequests: 1024, maxRequestsPerConnection: 10 },
    });
    expect(tp.outlierDetection).toEqual({ consecutive5xxErrors: 3, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 100 });
  });

  test('ambient mode: dataplane label, auto mTLS instead of ISTIO_MUTUAL, HBONE port for the NetworkPolicy', () => {
    const { chart, edge } = setup();
    const b = bindMeshApp(edge, target(chart, 'web'), { dataplane: MeshDataplane.AMBIENT });
    const objects = expectValid(chart);
    expect(b.podLabels).toEqual({ 'istio.io/dataplane-mode': 'ambient', 'sidecar.istio.io/inject': 'false' });
    expect(b.networkPolicyPorts).toEqual([8080, HBONE_PORT]);
    expect(HBONE_PORT).toBe(15008);
    expect(one(objects, 'DestinationRule').spec.trafficPolicy.tls).toBeUndefined();
    expect(one(objects, 'PeerAuthentication').spec.mtls).toEqual({ mode: 'STRICT' });
  });

  test('a version gives a subset, routes to it and labels the pods', () => {
    const { chart, edge } = setup();
    const b = bindMeshApp(edge, target(chart, 'web', { version: '1.4.2' }));
    const objects = expectValid(chart);
    expect(b.podLabels).toEqual({ 'sidecar.istio.io/inject': 'true', 'version': '1.4.2' });
    expect(one(objects, 'DestinationRule').spec.subsets).toEqual([{ name: '1-4-2', labels: { version: '1.4.2' } }]);
    expect(one(objects, 'VirtualService').spec.http[0].route).toEqual([
      { destination: { host: 'web.shop.svc.cluster.local', port: { number: 80 }, subset: '1-4-2' } },
    ]);
  });

  test('the version may come from the options', () => {
    const { chart, edge } = setup();
    const b = bindMeshApp(edge, target(chart, 'web'), { version: 'v1' });
    expect(b.podLabels.version).toBe('v1');
  });

  test('a custom gateway workload changes principal and NetworkPolicy peer', () => {
    const { chart } = setup();
    const edge = new MeshGateway(chart, 'edge2', {
      hosts: ['*'], tls: MeshTls.simple({ credentialName: 'c' }), namespace: 'edge', selector: { app: 'gw' }, serviceAccount: 'gw',
    });
    const b = bindMeshApp(edge, target(chart, 'web'));
    const objects = expectValid(chart);
    expect(one(objects, 'AuthorizationPolicy').spec.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/edge/sa/gw']);
    expect(b.networkPolicyNamespace).toBe('edge');
    expect(b.networkPolicyPodLabels).toEqual({ app: 'gw' });
  });
});

describe('canary', () => {
  test('two apps (two Services) share one weighted route; weights add up to 100', () => {
    const { chart, edge } = setup();
    const stable = target(chart, 'web');
    const s = bindMeshApp(edge, stable, { retries: { attempts: 2 } });
    const c = bindMeshApp(edge, target(chart, 'web-next', { host: undefined }), { canary: MeshCanary.of(stable.scope, 20) });
    const objects = expectValid(chart);
    expect(Testing.synth(chart)).toMatchSnapshot();
    expect(byKind(objects, 'VirtualService')).toHaveLength(1);
    const http = one(objects, 'VirtualService').spec.http[0];
    expect(http.route).toEqual([
      { destination: { host: 'web.shop.svc.cluster.local', port: { number: 80 } }, weight: 80 },
      { destination: { host: 'web-next.shop.svc.cluster.local', port: { number: 80 } }, weight: 20 },
    ]);
    expect(http.retries).toEqual({ attempts: 2 });
    expect(byKind(objects, 'DestinationRule').map((d) => d.spec.host)).toEqual(['web.shop.svc.cluster.local', 'web-next.shop.svc.cluster.local']);
    expect(byKind(objects, 'PeerAuthentication')).toHaveLength(2);
    expect(byKind(objects, 'AuthorizationPolicy')).toHaveLength(2);
    expect(c.virtualService).toBe(s.virtualService);
    expect(c.ownsVirtualService).toBe(false);
    expect(c.ownsDestinationRule).toBe(true);
    expect(c.ownsPolicies).toBe(true);
  });

  test('several canaries; later canaries change the stable weight (lazy)', () => {
    const { chart, edge } = setup();
    const stable = target(chart, 'web');
    bindMeshApp(edge, stable);
    bindMeshApp(edge, target(chart, 'b'), { canary: MeshCanary.of(stable.scope, 20) });
    bindMeshApp(edge, target(chart, 'c'), { canary: MeshCanary.of(stable.scope, 10) });
    bindMeshApp(edge, target(chart, 'd'), { canary: MeshCanary.of(stable.scope, 0) });
    const weights = one(expectValid(chart), 'VirtualService').spec.http[0].route.map((r: any) => r.weight);
    expect(weights).toEqual([70, 20, 10, 0]);
  });

  test('a canary at 100 takes all traffic', () => {
    const { chart, edge } = setup();
    const stable = target(chart, 'web');
    bindMeshApp(edge, stable);
    bindMeshApp(edge, target(chart, 'b'), { canary: MeshCanary.of(stable.scope, 100) });
    expect(one(expectValid(chart), 'VirtualService').spec.http[0].route.map((r: any) => r.weight)).toEqual([0, 100]);
  });

  test('two versions of one Service: subsets in one DestinationRule, shared policies', () => {
    const { chart, edge } = setup();
    const labels = { 'app.kubernetes.io/name': 'web' };
    const stable = target(chart, 'web', { podLabels: labels, version: 'v1' });
    const s = bindMeshApp(edge, stable);
    const c = bindMeshApp(edge, target(chart, 'web-v2', { serviceName: 'web', podLabels: labels }),
      { version: 'v2', canary: MeshCanary.of(stable.scope, 25) });
    const objects = expectValid(chart);
    expect(Testing.synth(chart)).toMatchSnapshot();
    const dr = one(objects, 'DestinationRule');
    expect(dr.spec.subsets).toEqual([{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }]);
    expect(one(objects, 'VirtualService').spec.http[0].route).toEqual([
      { destination: { host: 'web.shop.svc.cluster.local', port: { number: 80 }, subset: 'v1' }, weight: 75 },
      { destination: { host: 'web.shop.svc.cluster.local', port: { number: 80 }, subset: 'v2' }, weight: 25 },
    ]);
    expect(byKind(objects, 'PeerAuthentication')).toHaveLength(1);
    expect(byKind(objects, 'AuthorizationPolicy')).toHaveLength(1);
    expect(c.destinationRule).toBe(s.destinationRule);
    expect(c.ownsDestinationRule).toBe(false);
    expect(c.ownsPolicies).toBe(false);
    expect(c.podLabels).toEqual({ 'sidecar.istio.io/inject': 'true', 'version': 'v2' });
  });

  test('a canary in another namespace is addressed by FQDN', () => {
    const { chart, edge } = setup();
    const stable = target(chart, 'web');
    bindMeshApp(edge, stable);
    bindMeshApp(edge, target(chart, 'b', { namespace: 'shop-next' }), { canary: MeshCanary.of(stable.scope, 5) });
    const route = one(expectValid(chart), 'VirtualService').spec.http[0].route;
    expect(route[1].destination.host).toBe('b.shop-next.svc.cluster.local');
  });
});

describe('bindMeshApp refuses', () => {
  const bind = (t: Partial<MeshAppTarget>, o: MeshExposureOptions | any = {}, hosts?: string[]) => () => {
    const { chart, edge } = setup(undefined, hosts);
    return bindMeshApp(edge, target(chart, 'web', t), o);
  };

  test('hosts not covered by the gateway (wildcards included)', () => {
    expectExposeError(bind({ host: 'shop.example.org' }), 'host', 'shop.example.org', /not covered by the hosts of MeshGateway 'test\/edge' \(\*\.example\.com\)/);
    expectExposeError(bind({ host: 'example.com' }), 'host', 'example.com', /not covered/);
    expectExposeError(bind({ host: 'a.shop.example.com' }), 'host', 'a.shop.example.com', /not covered/);
    expectExposeError(bind({ host: 'www.example.com' }, {}, ['shop.example.com']), 'host', 'www.example.com', /not covered/);
    expect(() => bind({ host: 'shop.example.com' }, {}, ['*'])()).not.toThrow();
    expect(() => bind({ host: '*.example.com' })()).not.toThrow();
  });
  test('invalid app description', () => {
    expectExposeError(bind({ host: 'Shop.example.com' }), 'host', 'Shop.example.com', /not a host name/);
    expectExposeError(bind({ name: 'Web' }), 'name', 'Web');
    expectExposeError(bind({ namespace: 'Shop' }), 'namespace', 'Shop');
    expectExposeError(bind({ serviceName: 'web.svc' }), 'serviceName', 'web.svc');
    expectExposeError(bind({ servicePort: 0 }), 'servicePort', 0);
    expectExposeError(bind({ containerPort: 70000 }), 'containerPort', 70000);
    expectExposeError(bind({ podLabels: {} }), 'podLabels', {}, /every pod of the namespace/);
    expectExposeError(bind({ podLabels: { app: 'a b' } }), 'podLabels.app', 'a b');
    expectExposeError(bind({ path: 'api' }), 'path', 'api', /not a URL path prefix/);
    expectExposeError(bind({ path: '/a b' }), 'path', '/a b');
    expectExposeError(bind({ path: '/a?b' }), 'path', '/a?b');
  });
  test('retries with attempts <= 0 or not whole', () => {
    expectExposeError(bind({}, { retries: { attempts: 0 } }), 'exposure.retries.attempts', 0, /from 1 to 100/);
    expectExposeError(bind({}, { retries: { attempts: -2 } }), 'exposure.retries.attempts', -2);
    expectExposeError(bind({}, { retries: { attempts: 1.5 } }), 'exposure.retries.attempts', 1.5);
    expectExposeError(bind({}, { retries: {} }), 'exposure.retries.attempts', undefined);
  });
  test('durations Istio cannot parse or accept', () => {
    expectExposeError(bind({}, { timeout: '10' }), 'exposure.timeout', '10', /not a duration Istio accepts/);
    expectExposeError(bind({}, { timeout: '0s' }), 'exposure.timeout', '0s');
    expectExposeError(bind({}, { timeout: '500us' }), 'exposure.timeout', '500us');
    expectExposeError(bind({}, { timeout: '1.0005s' }), 'exposure.timeout', '1.0005s');
    expectExposeError(bind({}, { timeout: '-1s' }), 'exposure.timeout', '-1s');
    expectExposeError(bind({}, { timeout: '10 s' }), 'exposure.timeout', '10 s');
    expectExposeError(bind({}, { retries: { attempts: 2, perTryTimeout: '2 seconds' } }), 'exposure.retries.perTryTimeout', '2 seconds');
    expectExposeError(bind({}, { cors: { allowOrigins: ['*'], maxAge: 'forever' } }), 'exposure.cors.maxAge', 'forever');
    expectExposeError(bind({}, { faultInjection: { delay: '0ms', delayPercent: 1 } }), 'exposure.faultInjection.delay', '0ms');
    expectExposeError(bind({}, { connectionPool: { connectTimeout: '5' } }), 'exposure.connectionPool.connectTimeout', '5');
    expectExposeError(bind({}, { outlierDetection: { interval: '' } }), 'exposure.outlierDetection.interval', '');
    expectExposeError(bind({}, { outlierDetection: { baseEjectionTime: '1d' } }), 'exposure.outlierDetection.baseEjectionTime', '1d');
    expect(() => bind({}, { timeout: '1.5s' })()).not.toThrow();
    expect(() => bind({}, { timeout: '1h2m3s4ms' })()).not.toThrow();
  });
  test('a per-try timeout longer than the whole timeout', () => {
    expectExposeError(bind({}, { timeout: '1s', retries: { attempts: 2, perTryTimeout: '2s' } }), 'exposure.retries.perTryTimeout', '2s',
      /no retry could ever run/);
  });
  test('unknown retry conditions', () => {
    expectExposeError(bind({}, { retries: { attempts: 2, retryOn: '5xx,sometimes' } }), 'exposure.retries.retryOn', '5xx,sometimes', /'sometimes'/);
    expectExposeError(bind({}, { retries: { attempts: 2, retryOn: '' } }), 'exposure.retries.retryOn', '');
    expectExposeError(bind({}, { retries: { attempts: 2, retryOn: '600' } }), 'exposure.retries.retryOn', '600');
  });
  test('CORS mistakes', () => {
    expectExposeError(bind({}, { cors: { allowOrigins: [] } }), 'exposure.cors.allowOrigins', [], /at least one origin/);
    expectExposeError(bind({}, { cors: { allowOrigins: ['*'], allowCredentials: true } }), 'exposure.cors.allowOrigins[0]', '*', /credentials/);
    expectExposeError(bind({}, { cors: { allowOrigins: ['shop.example.com'] } }), 'exposure.cors.allowOrigins[0]', 'shop.example.com', /not an origin/);
    expectExposeError(bind({}, { cors: { allowOrigins: ['https://shop.example.com/'] } }), 'exposure.cors.allowOrigins[0]', 'https://shop.example.com/');
    expectExposeError(bind({}, { cors: { allowOrigins: ['https://a.example.com:99999'] } }), 'exposure.cors.allowOrigins[0]', 'https://a.example.com:99999');
    expectExposeError(bind({}, { cors: { allowOrigins: ['*'], allowMethods: ['FETCH'] } }), 'exposure.cors.allowMethods[0]', 'FETCH');
    expectExposeError(bind({}, { cors: { allowOrigins: ['*'], allowHeaders: ['Bad Header'] } }), 'exposure.cors.allowHeaders[0]', 'Bad Header');
    expectExposeError(bind({}, { cors: { allowOrigins: ['*'], exposeHeaders: ['a:b'] } }), 'exposure.cors.exposeHeaders[0]', 'a:b');
    expect(() => bind({}, { cors: { allowOrigins: ['http://localhost:3000'] } })()).not.toThrow();
  });
  test('fault injection mistakes', () => {
    expectExposeError(bind({}, { faultInjection: {} }), 'exposure.faultInjection', {}, /neither a delay nor an abort/);
    expectExposeError(bind({}, { faultInjection: { delay: '1s' } }), 'exposure.faultInjection.delayPercent', undefined, /required with delay/);
    expectExposeError(bind({}, { faultInjection: { delay: '1s', delayPercent: 101 } }), 'exposure.faultInjection.delayPercent', 101);
    expectExposeError(bind({}, { faultInjection: { abortHttpStatus: 503 } }), 'exposure.faultInjection.abortPercent', undefined);
    expectExposeError(bind({}, { faultInjection: { abortHttpStatus: 600, abortPercent: 1 } }), 'exposure.faultInjection.abortHttpStatus', 600);
    expectExposeError(bind({}, { faultInjection: { delay: '1s', delayPercent: 5, abortPercent: 5 } }), 'exposure.faultInjection.abortPercent', 5,
      /no effect without abortHttpStatus/);
  });
  test('connection pool and outlier detection limits', () => {
    expectExposeError(bind({}, { connectionPool: { maxConnections: 0 } }), 'exposure.connectionPool.maxConnections', 0);
    expectExposeError(bind({}, { connectionPool: { maxPendingRequests: 1.5 } }), 'exposure.connectionPool.maxPendingRequests', 1.5);
    expectExposeError(bind({}, { connectionPool: { maxRequests: -1 } }), 'exposure.connectionPool.maxRequests', -1);
    expectExposeError(bind({}, { connectionPool: { maxRequestsPerConnection: 0 } }), 'exposure.connectionPool.maxRequestsPerConnection', 0);
    expectExposeError(bind({}, { outlierDetection: { consecutiveServerErrors: 0 } }), 'exposure.outlierDetection.consecutiveServerErrors', 0);
    expectExposeError(bind({}, { outlierDetection: { maxEjectionPercent: 101 } }), 'exposure.outlierDetection.maxEjectionPercent', 101);
  });
  test('dataplane and version', () => {
    expectExposeError(bind({}, { dataplane: 'ambient' }), 'exposure.dataplane', 'ambient', /not a dataplane mode/);
    expectExposeError(bind({}, { version: 'v 2' }), 'exposure.version', 'v 2', /not a label value/);
    expectExposeError(bind({}, { version: '' }), 'exposure.version', '');
    expectExposeError(bind({}, { version: '_v2' }), 'exposure.version', '_v2');
    expectExposeError(bind({ version: 'v1' }, { version: 'v2' }), 'exposure.version', 'v2', /differs from the app's version 'v1'/);
  });
  test('a custom options prefix names the props', () => {
    expectExposeError(bind({ optionsProp: 'exposure.mesh' }, { timeout: 'x' }), 'exposure.mesh.timeout', 'x');
  });
  test('exposing an app twice, or two apps on the same host and path', () => {
    const { chart, edge } = setup();
    const t = target(chart, 'web');
    bindMeshApp(edge, t);
    expectExposeError(() => bindMeshApp(edge, t), 'exposure.gateway', 'test/edge', /already exposed/);
    expectExposeError(() => bindMeshApp(edge, target(chart, 'other')), 'host', 'shop.example.com', /'test\/web' already routes shop.example.com\//);
    expect(() => bindMeshApp(edge, target(chart, 'api', { path: '/api' }))).not.toThrow();
    expectExposeError(() => bindMeshApp(edge, target(chart, 'again', { serviceName: 'web', host: 'www.example.com' })), 'serviceName', 'web',
      /already has a DestinationRule/);
  });
  test('not a MeshGateway', () => {
    const chart = Testing.chart();
    expectExposeError(() => bindMeshApp({} as any, target(chart, 'web')), 'exposure.gateway', {}, /not a MeshGateway/);
  });
});

describe('canary refuses', () => {
  function withStable(stableOptions: MeshExposureOptions = {}, stableTarget: Partial<MeshAppTarget> = {}) {
    const { chart, edge } = setup();
    const stable = target(chart, 'web', stableTarget);
    bindMeshApp(edge, stable, stableOptions);
    return { chart, edge, stable };
  }

  test('weights outside 0..100 or not whole', () => {
    for (const w of [101, -1, 2.5]) {
      const { chart, edge, stable } = withStable();
      expectExposeError(() => bindMeshApp(edge, target(chart, 'b'), { canary: MeshCanary.of(stable.scope, w) }), 'exposure.canary.weight', w,
        /whole number from 0 to 100/);
    }
  });
  test('weights adding up to more than 100', () => {
    const { chart, edge, stable } = withStable();
    bindMeshApp(edge, target(chart, 'b'), { canary: MeshCanary.of(stable.scope, 60) });
    expectExposeError(() => bindMeshApp(edge, target(chart, 'c'), { canary: MeshCanary.of(stable.scope, 50) }), 'exposure.canary.weight', 50,
      /would take 110% of its traffic; weights must add up to 100/);
  });
  test('a failed canary leaves the stable route unchanged', () => {
    const { chart, edge, stable } = withStable();
    expect(() => bindMeshApp(edge, target(chart, 'b', { serviceName: 'web' }), { canary: MeshCanary.of(stable.scope, 30) })).toThrow();
    expect(() => bindMeshApp(edge, target(chart, 'c', { serviceName: 'web' }), { version: 'v2', canary: MeshCanary.of(stable.scope, 30) })).toThrow();
    bindMeshApp(edge, target(chart, 'd'), { canary: MeshCanary.of(stable.scope, 100) });
    expect(one(expectValid(chart), 'VirtualService').spec.http[0].route.map((r: any) => r.weight)).toEqual([0, 100]);
  });
  test('a stable app that is not exposed, itself, or another canary', () => {
    const { chart, edge, stable } = withStable();
    const loose = new Construct(chart, 'loose');
    expectExposeError(() => bindMeshApp(edge, target(chart, 'a'), { canary: MeshCanary.of(loose, 10) }), 'exposure.canary.stable', 'test/loose',
      /not an app exposed through a MeshGateway/);
    const self = target(chart, 'self');
    expectExposeError(() => bindMeshApp(edge, self, { canary: MeshCanary.of(self.scope, 10) }), 'exposure.canary.stable', 'test/self', /itself/);
    const b = target(chart, 'b');
    bindMeshApp(edge, b, { canary: MeshCanary.of(stable.scope, 10) });
    expectExposeError(() => bindMeshApp(edge, target(chart, 'c'), { canary: MeshCanary.of(b.scope, 10) }), 'exposure.canary.stable', 'test/b',
      /is itself a canary/);
    expectExposeError(() => bindMeshApp(edge, target(chart, 'd'), { canary: { stable: stable.scope, weight: 10 } as any }), 'exposure.canary',
      'Object', /not a MeshCanary/);
  });
  test('another gateway, host or path than the stable app', () => {
    const { chart, edge, stable } = withStable();
    const other = new MeshGateway(chart, 'other', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'c' }) });
    expectExposeError(() => bindMeshApp(other, target(chart, 'b'), { canary: MeshCanary.of(stable.scope, 10) }), 'exposure.canary.stable', 'test/web',
      /is exposed through MeshGateway 'test\/edge', not 'test\/other'/);
    expectExposeError(() => bindMeshApp(edge, target(chart, 'c', { host: 'www.example.com' }), { canary: MeshCanary.of(stable.scope, 10) }),
      'host', 'www.example.com', /stable app's route serves shop.example.com/);
    expectExposeError(() => bindMeshApp(edge, target(chart, 'd', { path: '/v2' }), { canary: MeshCanary.of(stable.scope, 10) }),
      'path', '/v2', /matches '\/'/);
  });
  test('route settings on the canary', () => {
    const { chart, edge, stable } = withStable();
    expectExposeError(() => bindMeshApp(edge, target(chart, 'b'), { canary: MeshCanary.of(stable.scope, 10), timeout: '5s' }),
      'exposure.timeout', '5s', /shares the stable app's route/);
    expectExposeError(() => bindMeshApp(edge, target(chart, 'c'), { canary: MeshCanary.of(stable.scope, 10), retries: { attempts: 1 } }),
      'exposure.retries', { attempts: 1 });
  });
  test('same Service without versions, with the same version, or with its own traffic policy', () => {
    const a = withStable();
    expectExposeError(() => bindMeshApp(a.edge, target(a.chart, 'b', { serviceName: 'web' }), { version: 'v2', canary: MeshCanary.of(a.stable.scope, 10) }),
      'exposure.version', 'v2', /needs a version on both apps/);
    const b = withStable({ version: 'v1' });
    expectExposeError(() => bindMeshApp(b.edge, target(b.chart, 'b', { serviceName: 'web' }), { version: 'v1', canary: MeshCanary.of(b.stable.scope, 10) }),
      'exposure.version', 'v1', /already has a subset 'v1'/);
    const c = withStable({ version: 'v1' });
    expectExposeError(() => bindMeshApp(c.edge, target(c.chart, 'b', { serviceName: 'web' }),
      { version: 'v2', canary: MeshCanary.of(c.stable.scope, 10), connectionPool: { maxConnections: 5 } }),
    'exposure.connectionPool', { maxConnections: 5 }, /shares its DestinationRule/);
  });
});
