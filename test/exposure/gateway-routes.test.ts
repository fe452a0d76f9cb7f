import { App, Chart, Testing } from 'cdk8s';
import { Exposure, GatewayRouteKind, PortAccess, PortProtocol, PublicWebApp, SPOOFABLE_REQUEST_HEADERS, Tls } from '../../src';
import { attachmentProblem, hostnamesIntersect } from '../../src/exposure/gateway-routes/attachment';
import * as gw from '../../src/imports/gateway-api';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

/** GRPCRoute rules carry the same RequestHeaderModifier as HTTPRoute rules: the default spoofable set is removed, no security headers (clients are not browsers). */
const STRIP = { type: 'RequestHeaderModifier', requestHeaderModifier: { remove: [...SPOOFABLE_REQUEST_HEADERS] } };

const IMAGE = 'ghcr.io/acme/svc:2.0.1';
function chart(namespace = 'shop', app: App = Testing.app()): Chart {
  return new Chart(app, `c-${namespace}-${app.charts.length}`, { namespace });
}
const byKind = (objs: any[], kind: string) => objs.filter((o) => o.kind === kind);
const one = (objs: any[], kind: string, name?: string) => {
  const found = byKind(objs, kind).filter((o) => name === undefined || o.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('GRPCRoute', () => {
  test('created Gateway: HTTPS listener with the certificate, GRPCRoute on it, Service port grpc with appProtocol kubernetes.io/h2c', () => {
    const c = chart();
    const app = new PublicWebApp(c, 'api', {
      image: IMAGE,
      port: 9090,
      servicePort: 9090,
      host: 'grpc.example.com',
      tls: Tls.fromSecret('grpc-tls'),
      exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.GRPC }),
    });
    const objs = expectValid(c);
    expect(objs).toMatchSnapshot();
    const route = one(objs, 'GRPCRoute', 'api');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec).toEqual({ parentRefs: [{ name: 'api', sectionName: 'https' }], hostnames: ['grpc.example.com'], rules: [{ filters: [STRIP], backendRefs: [{ name: 'api', port: 9090 }] }] });
    expect(byKind(objs, 'HTTPRoute').map((r) => r.metadata.name)).toEqual(['api-http-redirect']);
    const listeners = one(objs, 'Gateway').spec.listeners;
    expect(listeners.map((l: any) => [l.name, l.protocol, l.port])).toEqual([['https', 'HTTPS', 443], ['http', 'HTTP', 80]]);
    const port = one(objs, 'Service').spec.ports[0];
    expect(port).toMatchObject({ name: 'grpc', appProtocol: 'kubernetes.io/h2c', port: 9090, targetPort: 9090 });
    expect(app.accessInfo()).toContain('grpcurl grpc.example.com:443 list');
    expect(app.accessInfo()).toContain('kubectl get grpcroute api -n shop');
  });

  test('a path is refused: a GRPCRoute matches services and methods, not paths', () => {
    expectError(() => new PublicWebApp(chart(), 'api', {
      image: IMAGE,
      host: 'grpc.example.com',
      path: '/v1',
      tls: Tls.fromSecret('t'),
      exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.GRPC }),
    }), 'path="/v1"', 'GRPCRoute');
  });

  test('canary: weights as backendRef weights and a header rule with a GRPCRoute header match', () => {
    const c = chart();
    const stable = new PublicWebApp(c, 'api', {
      image: IMAGE,
      host: 'grpc.example.com',
      tls: Tls.fromSecret('grpc-tls'),
      exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.GRPC }),
    });
    const canary = new PublicWebApp(c, 'api-v2', { image: IMAGE, host: 'grpc.example.com', exposure: Exposure.gateway({ canary: { stable, weight: 10, header: 'x-canary' } }) });
    const objs = expectValid(c);
    expect(one(objs, 'GRPCRoute').spec.rules).toEqual([
      { matches: [{ headers: [{ type: 'Exact', name: 'x-canary', value: 'always' }] }], filters: [STRIP], backendRefs: [{ name: 'api-v2', port: 80 }] },
      { filters: [STRIP], backendRefs: [{ name: 'api', port: 80, weight: 90 }, { name: 'api-v2', port: 80, weight: 10 }] },
    ]);
    // the canary's Service speaks h2c too
    expect(objs.find((o) => o.kind === 'Service' && o.metadata.name === 'api-v2').spec.ports[0].appProtocol).toBe('kubernetes.io/h2c');
    expect(canary.accessInfo()).toContain('of the requests on its GRPCRoute');
  });
});

describe('TLSRoute (passthrough)', () => {
  test('created Gateway: a TLS listener in Passthrough mode, no certificate, no HTTP listener', () => {
    const c = chart();
    const app = new PublicWebApp(c, 'vault', {
      image: IMAGE,
      port: 8200,
      servicePort: 8200,
      host: 'vault.example.com',
      exposure: Exposure.gateway({ gatewayClassName: 'istio', routeKind: GatewayRouteKind.TLS_PASSTHROUGH }),
    });
    const objs = expectValid(c);
    expect(objs).toMatchSnapshot();
    expect(one(objs, 'Gateway').spec.listeners).toEqual([{
      name: 'tls',
      protocol: 'TLS',
      port: 443,
      hostname: 'vault.example.com',
      tls: { mode: 'Passthrough' },
      allowedRoutes: { namespaces: { from: 'Same' }, kinds: [{ group: 'gateway.networking.k8s.io', kind: 'TLSRoute' }] },
    }]);
    const route = one(objs, 'TLSRoute', 'vault');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec).toEqual({ parentRefs: [{ name: 'vault', sectionName: 'tls' }], hostnames: ['vault.example.com'], rules: [{ backendRefs: [{ name: 'vault', port: 8200 }] }] });
    expect(byKind(objs, 'HTTPRoute')).toHaveLength(0);
    expect(one(objs, 'Service').spec.ports[0].name).toBe('tls');
    expect(app.accessInfo()).toContain('openssl s_client -connect vault.example.com:443 -servername vault.example.com');
  });

  test('refuses tls on the app, a missing host, allowPlainHttp, a path', () => {
    const kind = GatewayRouteKind.TLS_PASSTHROUGH;
    expectError(() => new PublicWebApp(chart(), 'v', { image: IMAGE, host: 'v.example.com', tls: Tls.fromSecret('t'), exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: kind }) }),
      'tls=', 'pods terminate TLS');
    expectError(() => new PublicWebApp(chart(), 'v', { image: IMAGE, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: kind }) }), 'host=', 'SNI');
    expectError(() => new PublicWebApp(chart(), 'v', { image: IMAGE, host: 'v.example.com', exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: kind, allowPlainHttp: true }) }),
      'exposure.allowPlainHttp');
    expectError(() => new PublicWebApp(chart(), 'v', { image: IMAGE, host: 'v.example.com', path: '/x', exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: kind }) }), 'path=');
  });

  test('on an existing Gateway the listener must be named', () => {
    expectError(() => new PublicWebApp(chart(), 'v', { image: IMAGE, host: 'v.example.com', exposure: Exposure.gateway({ gateway: { name: 'shared' }, routeKind: GatewayRouteKind.TLS_PASSTHROUGH }) }),
      'exposure.gateway.sectionName', 'every TLS listener');
  });
});

describe('TCPRoute', () => {
  test('created Gateway: a TCP listener on listenerPort, TCPRoute without hostnames', () => {
    const c = chart('db');
    const app = new PublicWebApp(c, 'pg', {
      image: IMAGE,
      port: 5432,
      servicePort: 5432,
      exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TCP, listenerPort: 15432 }),
    });
    const objs = expectValid(c);
    expect(objs).toMatchSnapshot();
    expect(one(objs, 'Gateway').spec.listeners).toEqual([{
      name: 'tcp',
      protocol: 'TCP',
      port: 15432,
      allowedRoutes: { namespaces: { from: 'Same' }, kinds: [{ group: 'gateway.networking.k8s.io', kind: 'TCPRoute' }] },
    }]);
    const route = one(objs, 'TCPRoute', 'pg');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec).toEqual({ parentRefs: [{ name: 'pg', sectionName: 'tcp' }], rules: [{ backendRefs: [{ name: 'pg', port: 5432 }] }] });
    expect(one(objs, 'Service').spec.ports[0].name).toBe('tcp');
    expect(one(objs, 'NetworkPolicy').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 5432 }]);
    expect(app.accessInfo()).toContain('nc -vz <address> 15432');
  });

  test('listener port defaults to the servicePort', () => {
    const c = chart('db');
    new PublicWebApp(c, 'pg', { image: IMAGE, port: 5432, servicePort: 5432, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TCP }) });
    expect(one(expectValid(c), 'Gateway').spec.listeners[0].port).toBe(5432);
  });

  test('refuses a host, tls, listenerPort out of range or on an HTTP route, httpSectionName', () => {
    const tcp = GatewayRouteKind.TCP;
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, host: 'db.example.com', exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: tcp }) }), 'host=', 'no hostnames');
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, tls: Tls.fromSecret('x'), exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: tcp }) }), 'tls=');
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: tcp, listenerPort: 70000 }) }), 'exposure.listenerPort');
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('x'), exposure: Exposure.gateway({ gatewayClassName: 'eg', listenerPort: 8443 }) }),
      'exposure.listenerPort', 'only sets the port');
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, exposure: Exposure.gateway({ gateway: { name: 'g', sectionName: 'tcp', httpSectionName: 'http' }, routeKind: tcp }) }),
      'exposure.gateway.httpSectionName');
  });

  test('a canary of a TCP app splits by weight; a header is refused', () => {
    const c = chart('db');
    const stable = new PublicWebApp(c, 'pg', { image: IMAGE, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TCP }) });
    expectError(() => new PublicWebApp(c, 'pg-h', { image: IMAGE, exposure: Exposure.gateway({ canary: { stable, weight: 5, header: 'x' } }) }), 'exposure.canary.header', 'TCPRoute');
    new PublicWebApp(c, 'pg-next', { image: IMAGE, exposure: Exposure.gateway({ canary: { stable, weight: 5 } }) });
    const objs = expectValid(c);
    expect(one(objs, 'TCPRoute').spec.rules).toEqual([{ backendRefs: [{ name: 'pg', port: 80, weight: 95 }, { name: 'pg-next', port: 80, weight: 5 }] }]);
  });

  test('a canary in another namespace gets a ReferenceGrant from the stable route kind', () => {
    const a = Testing.app();
    const stable = new PublicWebApp(chart('db', a), 'pg', { image: IMAGE, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TCP }) });
    const cc = chart('db-next', a);
    new PublicWebApp(cc, 'pg-next', { image: IMAGE, exposure: Exposure.gateway({ canary: { stable, weight: 5 } }) });
    const grant = one(expectValid(cc), 'ReferenceGrant');
    expect(grant.metadata.namespace).toBe('db-next');
    expect(grant.spec.from).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'TCPRoute', namespace: 'db' }]);
  });
});

describe('route ↔ listener checks against a Gateway of the same App', () => {
  function platform(a: App): Chart {
    const infra = new Chart(a, 'infra', { namespace: 'infra' });
    new gw.Gateway(infra, 'shared', {
      metadata: { name: 'shared' },
      spec: {
        gatewayClassName: 'eg',
        listeners: [
          { name: 'https', protocol: 'HTTPS', port: 443, hostname: '*.example.com', tls: { certificateRefs: [{ name: 'wild' }] }, allowedRoutes: { namespaces: { from: gw.GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL } } },
          { name: 'tls', protocol: 'TLS', port: 8443, tls: { mode: gw.GatewaySpecListenersTlsMode.PASSTHROUGH }, allowedRoutes: { namespaces: { from: gw.GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR, selector: { matchLabels: { 'kubernetes.io/metadata.name': 'vault' } } } } },
          { name: 'tcp', protocol: 'TCP', port: 5432 },
        ],
      },
    });
    return infra;
  }

  test('a matching listener is accepted', () => {
    const a = Testing.app();
    platform(a);
    const c = chart('shop', a);
    new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https' } }) });
    new PublicWebApp(chart('vault', a), 'vault', { image: IMAGE, host: 'vault.example.com', exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'tls' }, routeKind: GatewayRouteKind.TLS_PASSTHROUGH }) });
    expectValid(c);
  });

  test('hostname outside the listener wildcard, wrong protocol, namespace not admitted, unknown listener', () => {
    const a = Testing.app();
    platform(a);
    expectError(() => new PublicWebApp(chart('shop', a), 'web', { image: IMAGE, host: 'shop.example.net', exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https' } }) }),
      'exposure.gateway.sectionName', 'NoMatchingListenerHostname', '*.example.com');
    expectError(() => new PublicWebApp(chart('shop', a), 'api', { image: IMAGE, host: 'api.example.com', exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'tls' }, routeKind: GatewayRouteKind.GRPC }) }),
      'protocol TLS', 'not GRPCRoute');
    expectError(() => new PublicWebApp(chart('other', a), 'v', { image: IMAGE, host: 'v.example.com', exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'tls' }, routeKind: GatewayRouteKind.TLS_PASSTHROUGH }) }),
      'namespace other is not one of them');
    expectError(() => new PublicWebApp(chart('db', a), 'pg', { image: IMAGE, exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'tcp' }, routeKind: GatewayRouteKind.TCP }) }),
      'from: Same');
    expectError(() => new PublicWebApp(chart('shop', a), 'w2', { image: IMAGE, host: 'w.example.com', exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'web' } }) }),
      'no listener of that name', 'https, tls, tcp');
  });

  test('a Gateway created by another app of the App is checked too', () => {
    const a = Testing.app();
    new PublicWebApp(chart('shop', a), 'shop', { image: IMAGE, host: 'shop.example.com', tls: Tls.fromSecret('s'), exposure: Exposure.gateway({ gatewayClassName: 'eg' }) });
    expectError(() => new PublicWebApp(chart('shop', a), 'blog', { image: IMAGE, host: 'blog.example.com', exposure: Exposure.gateway({ gateway: { name: 'shop', sectionName: 'https' } }) }),
      'does not intersect');
  });
});

describe('attachment rules', () => {
  test('hostname intersection follows the Gateway API wildcard rules', () => {
    expect(hostnamesIntersect('*.example.com', 'a.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'example.com')).toBe(false);
    expect(hostnamesIntersect('a.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('*.a.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.net', '*.example.com')).toBe(false);
    expect(hostnamesIntersect('a.example.com', 'b.example.com')).toBe(false);
  });

  test('TLS listener modes: passthrough TLSRoute needs Passthrough, TCPRoute needs Terminate', () => {
    const tls = { name: 'l', protocol: 'TLS', port: 443 };
    expect(attachmentProblem(tls, { kind: 'TLSRoute', hostnames: ['a.b'], passthrough: true }, undefined)).toContain('tls.mode Terminate');
    expect(attachmentProblem({ ...tls, tlsMode: 'Passthrough' }, { kind: 'TLSRoute', hostnames: ['a.b'], passthrough: true }, undefined)).toBeUndefined();
    expect(attachmentProblem({ ...tls, tlsMode: 'Passthrough' }, { kind: 'TCPRoute', hostnames: [] }, undefined)).toContain('only a TLSRoute');
    expect(attachmentProblem({ name: 'h', protocol: 'HTTPS', port: 443, allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } }, { kind: 'GRPCRoute', hostnames: [] }, undefined)).toContain('allowedRoutes.kinds');
    expect(attachmentProblem({ name: 'u', protocol: 'UDP', port: 53 }, { kind: 'TCPRoute', hostnames: [] }, undefined)).toContain('protocol UDP');
  });
});

describe('UDPRoute and layer-4 apps with several ports', () => {
  const DNS = [
    { name: 'dns-udp', port: 5353, servicePort: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
    { name: 'dns-tcp', port: 5353, servicePort: 53, protocol: PortProtocol.TCP, access: PortAccess.exposure() },
    { name: 'metrics', port: 9153, access: PortAccess.internal([{ namespace: 'monitoring' }]) },
  ];
  const udp = GatewayRouteKind.UDP;

  test('a DNS server on UDP+TCP 53: a listener per port, a UDPRoute and a TCPRoute, each on its own listener', () => {
    const c = chart('dns');
    const app = new PublicWebApp(c, 'dns', { image: IMAGE, ports: DNS, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: udp }) });
    const objs = expectValid(c);
    expect(objs).toMatchSnapshot();
    const kinds = (kind: string) => [{ group: 'gateway.networking.k8s.io', kind }];
    expect(one(objs, 'Gateway').spec.listeners).toEqual([
      { name: 'dns-udp', protocol: 'UDP', port: 53, allowedRoutes: { namespaces: { from: 'Same' }, kinds: kinds('UDPRoute') } },
      { name: 'dns-tcp', protocol: 'TCP', port: 53, allowedRoutes: { namespaces: { from: 'Same' }, kinds: kinds('TCPRoute') } },
    ]);
    const u = one(objs, 'UDPRoute', 'dns');
    expect(u.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(u.spec).toEqual({ parentRefs: [{ name: 'dns', sectionName: 'dns-udp' }], rules: [{ backendRefs: [{ name: 'dns', port: 53 }] }] });
    expect(one(objs, 'TCPRoute', 'dns-dns-tcp').spec).toEqual({ parentRefs: [{ name: 'dns', sectionName: 'dns-tcp' }], rules: [{ backendRefs: [{ name: 'dns', port: 53 }] }] });
    // the internal port gets neither listener nor route
    expect(byKind(objs, 'TCPRoute').concat(byKind(objs, 'UDPRoute'))).toHaveLength(2);
    // the proxies may reach both protocols; the metrics port only its monitoring peer
    const ingress = one(objs, 'NetworkPolicy').spec.ingress;
    expect(ingress[0].ports).toEqual([{ protocol: 'UDP', port: 5353 }, { protocol: 'TCP', port: 5353 }]);
    expect(ingress[0].from.map((f: any) => f.namespaceSelector)).toEqual([{ matchLabels: { 'kubernetes.io/metadata.name': 'dns' } }]);
    const notes = app.accessInfo();
    expect(notes).toContain('dig @<address> -p 53');
    expect(notes).toContain("Query port 53/TCP of the address of Gateway 'dns': dig +tcp @<address> -p 53");
    expect(notes).toContain('kubectl get udproute dns -n dns');
    expect(notes).toContain('kubectl get tcproute dns-dns-tcp -n dns');
  });

  test('routeKind TCP with a UDP port second: the same pair; listenerPort moves the public port only', () => {
    const c = chart('dns');
    new PublicWebApp(c, 'dns', { image: IMAGE, ports: [DNS[1], DNS[0]], exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TCP, listenerPort: 5300 }) });
    const objs = expectValid(c);
    expect(one(objs, 'Gateway').spec.listeners.map((l: any) => `${l.name} ${l.port}/${l.protocol}`)).toEqual(['dns-tcp 5300/TCP', 'dns-udp 53/UDP']);
    expect(one(objs, 'TCPRoute', 'dns').spec.parentRefs).toEqual([{ name: 'dns', sectionName: 'dns-tcp' }]);
    expect(one(objs, 'UDPRoute', 'dns-dns-udp').spec.parentRefs).toEqual([{ name: 'dns', sectionName: 'dns-udp' }]);
  });

  test('a ListenerSet gets a listener per port too', () => {
    const c = chart('dns');
    new PublicWebApp(c, 'dns', { image: IMAGE, ports: DNS, exposure: Exposure.gateway({ gateway: { name: 'edge', namespace: 'infra', listenerSet: true }, routeKind: udp }) });
    const objs = expectValid(c);
    expect(one(objs, 'ListenerSet').spec.listeners.map((l: any) => `${l.name} ${l.port}/${l.protocol}`)).toEqual(['dns-udp 53/UDP', 'dns-tcp 53/TCP']);
    expect(one(objs, 'TCPRoute').spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'dns', sectionName: 'dns-tcp' }]);
  });

  test('refuses: the public port of the other protocol, SCTP, several ports on an existing Gateway, a listener clash, host, tls', () => {
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: udp }) }),
      'exposure.routeKind="UDPRoute"', 'public port http is TCP', 'GatewayRouteKind.TCP');
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, ports: [DNS[0], { name: 'sig', port: 2905, protocol: PortProtocol.SCTP, access: PortAccess.exposure() }], exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: udp }) }),
      'ports[1].protocol="SCTP"', 'no route kind for SCTP');
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, ports: DNS, exposure: Exposure.gateway({ gateway: { name: 'g', sectionName: 'dns' }, routeKind: udp }) }),
      'ports[1].access', 'existing Gateway', 'listenerSet');
    expectError(() => new PublicWebApp(chart(), 'p', {
      image: IMAGE,
      ports: [{ name: 'a', port: 8000, access: PortAccess.exposure() }, { name: 'b', port: 8001, servicePort: 9000, access: PortAccess.exposure() }],
      exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TCP, listenerPort: 9000 }),
    }), 'exposure.listenerPort=9000', 'TCP listener on port 9000');
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, host: 'dns.example.com', ports: DNS, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: udp }) }), 'host=', 'UDPRoute has no hostnames');
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, host: 'dns.example.com', tls: Tls.fromSecret('x'), ports: DNS, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: udp }) }), 'tls=', 'UDP datagrams');
    // an HTTP route still refuses a UDP port
    expectError(() => new PublicWebApp(chart(), 'p', { image: IMAGE, ports: DNS, exposure: Exposure.gateway({ gatewayClassName: 'eg', allowPlainHttp: true }) }), 'ports[0].protocol="UDP"', 'routes HTTP over TCP only');
  });

  test('canary: weights on every route with the canary\'s port; a cross-namespace grant names both route kinds; other ports refused', () => {
    const a = Testing.app();
    const stable = new PublicWebApp(chart('dns', a), 'dns', { image: IMAGE, ports: DNS, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: udp }) });
    const cc = chart('dns-next', a);
    const next = DNS.map((p, i) => (i < 2 ? { ...p, servicePort: 1053 } : p));
    new PublicWebApp(cc, 'dns-next', { image: IMAGE, ports: next, exposure: Exposure.gateway({ canary: { stable, weight: 10 } }) });
    expectError(() => new PublicWebApp(cc, 'dns-bad', { image: IMAGE, ports: [DNS[0]], exposure: Exposure.gateway({ canary: { stable, weight: 10 } }) }), 'ports=', 'dns-tcp/TCP');
    const objs = a.charts.flatMap((ch) => expectValid(ch));
    const split = [{ name: 'dns', port: 53, weight: 90 }, { name: 'dns-next', namespace: 'dns-next', port: 1053, weight: 10 }];
    expect(one(objs, 'UDPRoute').spec.rules).toEqual([{ backendRefs: split }]);
    expect(one(objs, 'TCPRoute').spec.rules).toEqual([{ backendRefs: split }]);
    expect(one(objs, 'ReferenceGrant').spec.from).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'UDPRoute', namespace: 'dns' },
      { group: 'gateway.networking.k8s.io', kind: 'TCPRoute', namespace: 'dns' },
    ]);
  });

  test('an existing Gateway of the App: a UDPRoute needs a UDP listener', () => {
    const a = Testing.app();
    new gw.Gateway(chart('infra', a), 'g', {
      metadata: { name: 'shared', namespace: 'infra' },
      spec: { gatewayClassName: 'eg', listeners: [{ name: 'tcp-53', protocol: 'TCP', port: 53, allowedRoutes: { namespaces: { from: gw.GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL } } }, { name: 'udp-53', protocol: 'UDP', port: 53, allowedRoutes: { namespaces: { from: gw.GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL } } }] },
    });
    const one53 = [DNS[0]];
    expectError(() => new PublicWebApp(chart('dns', a), 'dns', { image: IMAGE, ports: one53, exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'tcp-53' }, routeKind: udp }) }),
      'exposure.gateway.sectionName="tcp-53"', 'protocol TCP', 'not UDPRoute');
    const okChart = chart('dns2', a);
    new PublicWebApp(okChart, 'dns', { image: IMAGE, ports: one53, exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'udp-53' }, routeKind: udp }) });
    expect(one(expectValid(okChart), 'UDPRoute').spec.parentRefs).toEqual([{ name: 'shared', namespace: 'infra', sectionName: 'udp-53' }]);
  });
});

describe('UDPRoute v1 strict schema', () => {
  test('refuses hostnames and two rules', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { schemaErrors } = require('../util/schema');
    const rule = { backendRefs: [{ name: 'a', port: 53 }] };
    expect(schemaErrors([{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'UDPRoute', metadata: { name: 'a' }, spec: { rules: [rule, rule], hostnames: ['x'] } }]))
      .toEqual(['UDPRoute /a: unknown field spec.hostnames', 'UDPRoute /a: spec: rules must have exactly 1 item']);
  });
});

describe('TCPRoute v1 strict schema (no kubernetes-models class for v1)', () => {
  test('refuses unknown fields and a Service backendRef without port', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { schemaErrors } = require('../util/schema');
    const errors = schemaErrors([{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'TCPRoute', metadata: { name: 'a' }, spec: { rules: [{ backendRefs: [{ name: 'a' }] }], hostnames: ['x'] } }]);
    expect(errors).toEqual(['TCPRoute /a: spec.rules[0].backendRefs[0]: Must have port for Service reference', 'TCPRoute /a: unknown field spec.hostnames']);
  });
});

describe('ListenerSet', () => {
  test("the app's own HTTPS and HTTP listeners in a ListenerSet of its namespace; routes attach to it; certificate stays local", () => {
    const c = chart();
    const app = new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.fromSecret('shop-tls'),
      exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', listenerSet: true } }),
    });
    const objs = expectValid(c);
    expect(objs).toMatchSnapshot();
    const ls = one(objs, 'ListenerSet', 'web');
    expect(ls.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(ls.metadata.namespace).toBe('shop');
    expect(ls.spec.parentRef).toEqual({ name: 'shared', namespace: 'infra' });
    expect(ls.spec.listeners.map((l: any) => [l.name, l.protocol, l.port, l.hostname])).toEqual([['https', 'HTTPS', 443, 'shop.example.com'], ['http', 'HTTP', 80, 'shop.example.com']]);
    expect(ls.spec.listeners[0].tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: 'shop-tls' }]);
    expect(byKind(objs, 'ReferenceGrant')).toHaveLength(0);
    expect(one(objs, 'HTTPRoute', 'web').spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'web', sectionName: 'https' }]);
    expect(one(objs, 'HTTPRoute', 'web-http-redirect').spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'web', sectionName: 'http' }]);
    // the proxies of the parent Gateway connect
    expect(one(objs, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'infra' } } }]);
    const prereq = app.prerequisites().map((p) => p.why).join('\n');
    expect(prereq).toContain('spec.allowedListeners must admit namespace shop');
    expect(app.notes()).toContain('kubectl describe listenerset web -n shop');
  });

  test('cert-manager annotations go on the ListenerSet; a passthrough ListenerSet listener', () => {
    const c = chart();
    new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.certManager({ clusterIssuer: 'le' }),
      exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', listenerSet: true } }),
    });
    new PublicWebApp(c, 'vault', {
      image: IMAGE,
      host: 'vault.example.com',
      exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', listenerSet: true }, routeKind: GatewayRouteKind.TLS_PASSTHROUGH, listenerPort: 8443 }),
    });
    const objs = expectValid(c);
    expect(one(objs, 'ListenerSet', 'web').metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'le' });
    expect(one(objs, 'ListenerSet', 'vault').spec.listeners).toEqual([{
      name: 'tls',
      protocol: 'TLS',
      port: 8443,
      hostname: 'vault.example.com',
      tls: { mode: 'Passthrough' },
      allowedRoutes: { namespaces: { from: 'Same' }, kinds: [{ group: 'gateway.networking.k8s.io', kind: 'TLSRoute' }] },
    }]);
    expect(one(objs, 'TLSRoute').spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'vault', sectionName: 'tls' }]);
  });

  test('refuses sectionName, a missing host, no TLS; a known Gateway must admit the namespace in allowedListeners', () => {
    const ref = { name: 'shared', namespace: 'infra', listenerSet: true };
    expectError(() => new PublicWebApp(chart(), 'w', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('t'), exposure: Exposure.gateway({ gateway: { ...ref, sectionName: 'https' } }) }),
      'exposure.gateway.sectionName', 'ListenerSet');
    expectError(() => new PublicWebApp(chart(), 'w', { image: IMAGE, exposure: Exposure.gateway({ gateway: ref, allowPlainHttp: true }) }), 'host=', 'conflicts');
    expectError(() => new PublicWebApp(chart(), 'w', { image: IMAGE, host: 'a.example.com', exposure: Exposure.gateway({ gateway: ref }) }), 'tls=', 'clear text');
    const a = Testing.app();
    const infra = new Chart(a, 'infra', { namespace: 'infra' });
    new gw.Gateway(infra, 'shared', { metadata: { name: 'shared' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } });
    expectError(() => new PublicWebApp(chart('shop', a), 'w', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('t'), exposure: Exposure.gateway({ gateway: ref }) }),
      'exposure.gateway.listenerSet', 'from: None');
    const b = Testing.app();
    const infraB = new Chart(b, 'infra', { namespace: 'infra' });
    new gw.Gateway(infraB, 'shared', {
      metadata: { name: 'shared' },
      spec: { gatewayClassName: 'eg', allowedListeners: { namespaces: { from: gw.GatewaySpecAllowedListenersNamespacesFrom.ALL } }, listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
    });
    expectValid(new PublicWebApp(chart('shop', b), 'w', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('t'), exposure: Exposure.gateway({ gateway: ref }) }).node.scope as Chart);
  });
});

test('TLSRoute and TCPRoute carry no HTTP headers: requestHeaders and securityHeaders are refused, and none are added by default', () => {
  const c = new Chart(Testing.app(), 'c', { namespace: 'db' });
  expectError(() => new PublicWebApp(c, 'pg', {
    image: 'ghcr.io/acme/pg:17.2', exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TCP, requestHeaders: { remove: ['X-Real-IP'] } }),
  }), 'exposure.requestHeaders', 'no HTTP headers');
  expectError(() => new PublicWebApp(c, 'vault', {
    image: 'ghcr.io/acme/vault:1.18', host: 'vault.example.com', exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TLS_PASSTHROUGH, securityHeaders: { enabled: false } }),
  }), 'exposure.securityHeaders', 'no HTTP headers');
  new PublicWebApp(c, 'ok', { image: 'ghcr.io/acme/pg:17.2', exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TCP }) });
  const route = c.toJson().find((o: any) => o.kind === 'TCPRoute');
  expect(route.spec.rules[0].filters).toBeUndefined();
});
