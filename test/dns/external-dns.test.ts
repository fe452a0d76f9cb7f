import { Chart, Duration, Testing } from 'cdk8s';
import { Exposure, ExternalDnsAnnotationPrefix, GatewayRouteKind, LoadBalancerProvider, PortAccess, PortProtocol, PublicWebApp, Tls } from '../../src';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const chart = () => new Chart(Testing.app(), 'c', { namespace: 'shop' });
const find = (objs: any[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);
const A = 'external-dns.kubernetes.io/';

describe('externalDns', () => {
  test('Ingress: the spec host is published without a hostname annotation; ttl and target on the Ingress; NOTES say what resolves to what', () => {
    const c = chart();
    const web = new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.fromSecret('shop-tls'),
      externalDns: { ttl: Duration.minutes(5), target: 'lb.example.net' },
    });
    const objs = expectValid(c);
    const ing = find(objs, 'Ingress', 'web');
    expect(ing.metadata.annotations[`${A}ttl`]).toBe('300');
    expect(ing.metadata.annotations[`${A}target`]).toBe('lb.example.net');
    expect(ing.metadata.annotations[`${A}hostname`]).toBeUndefined();
    expect(find(objs, 'Service', 'web').metadata.annotations).toBeUndefined();
    const notes = web.notes();
    expect(notes).toContain('DNS (external-dns, --source=ingress, annotations external-dns.kubernetes.io/*):');
    expect(notes).toContain('  shop.example.com -> lb.example.net (TTL 300 s)');
    expect(notes).toContain('dig +short shop.example.com  # must print lb.example.net');
    expect(notes).toContain('kubectl logs -n external-dns deploy/external-dns');
  });

  test('LoadBalancer: hostname, ttl, target on the Service, with the current prefix', () => {
    const c = chart();
    new PublicWebApp(c, 'mqtt', {
      image: IMAGE,
      port: 1883,
      servicePort: 1883,
      exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.gcp(), loadBalancerSourceRanges: ['198.51.100.0/24'] }),
      externalDns: { hostnames: ['mqtt.example.com', 'broker.example.com'], ttl: Duration.seconds(60), annotationPrefix: ExternalDnsAnnotationPrefix.CURRENT },
    });
    const svc = find(expectValid(c), 'Service', 'mqtt');
    expect(svc.metadata.annotations).toMatchObject({ 'external-dns.kubernetes.io/hostname': 'mqtt.example.com,broker.example.com', 'external-dns.kubernetes.io/ttl': '60' });
  });

  test('Gateway created by the app: ttl on the HTTPRoute, target on the Gateway; a name under a wildcard host', () => {
    const c = chart();
    new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: '*.shop.example.com',
      tls: Tls.fromSecret('wild'),
      exposure: Exposure.gateway({ gatewayClassName: 'eg' }),
      externalDns: { hostnames: ['*.shop.example.com', 'eu.shop.example.com'], ttl: Duration.minutes(1), target: '203.0.113.7' },
    });
    const objs = expectValid(c);
    const route = find(objs, 'HTTPRoute', 'web');
    expect(route.metadata.annotations).toEqual({ [`${A}hostname`]: 'eu.shop.example.com', [`${A}ttl`]: '60' });
    expect(find(objs, 'Gateway', 'web').metadata.annotations).toEqual({ [`${A}target`]: '203.0.113.7' });
    expect(find(objs, 'HTTPRoute', 'web-http-redirect').metadata.annotations).toBeUndefined();
  });

  test('a ListenerSet: target on the ListenerSet, and the notes name --gateway-listener-sets', () => {
    const c = chart();
    const web = new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.fromSecret('t'),
      exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', listenerSet: true } }),
      externalDns: { target: '203.0.113.9' },
    });
    const objs = expectValid(c);
    expect(find(objs, 'ListenerSet', 'web').metadata.annotations).toEqual({ [`${A}target`]: '203.0.113.9' });
    expect(find(objs, 'HTTPRoute', 'web').metadata.annotations).toBeUndefined();
    expect(web.notes()).toContain('--source=gateway-httproute --gateway-listener-sets');
  });

  test('TLSRoute (v1, read from external-dns v0.22.0): the gateway-tlsroute source; LEGACY prefix for an older external-dns', () => {
    const c = chart();
    const web = new PublicWebApp(c, 'vault', {
      image: IMAGE,
      host: 'vault.example.com',
      exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TLS_PASSTHROUGH }),
      externalDns: { ttl: Duration.seconds(60), annotationPrefix: ExternalDnsAnnotationPrefix.LEGACY },
    });
    const objs = expectValid(c);
    expect(find(objs, 'TLSRoute', 'vault').metadata.annotations).toEqual({ 'external-dns.alpha.kubernetes.io/ttl': '60' });
    expect(web.notes()).toContain('--source=gateway-tlsroute');
  });

  test('refuses names the app does not serve, target on a shared Gateway, TLSRoute/TCPRoute, ways in without a published address, canaries', () => {
    expectError(() => new PublicWebApp(chart(), 'w', { image: IMAGE, host: 'shop.example.com', tls: Tls.fromSecret('t'), externalDns: { hostnames: ['blog.example.com'] } }),
      'externalDns.hostnames[0]', 'serves shop.example.com only');
    expectError(() => new PublicWebApp(chart(), 'w', {
      image: IMAGE, host: '*.example.com', tls: Tls.fromSecret('t'), externalDns: { hostnames: ['a.b.example.com'] },
    }), 'externalDns.hostnames[0]');
    expectError(() => new PublicWebApp(chart(), 'w', {
      image: IMAGE, host: 'shop.example.com', exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https' } }), externalDns: { target: '203.0.113.7' },
    }), 'externalDns.target', 'shared Gateway');
    expectError(() => new PublicWebApp(chart(), 'w', {
      image: IMAGE, exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TCP, listenerPort: 15432 }), externalDns: { hostnames: ['pg.example.com'] },
    }), 'externalDns', 'v1alpha2');
    // UDPRoute too: external-dns reads it at v1alpha2 only (docs/sources/gateway-api.md), which v1.6 standard CRDs do not serve
    expectError(() => new PublicWebApp(chart(), 'w', {
      image: IMAGE,
      ports: [{ name: 'dns', port: 5353, servicePort: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() }],
      exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.UDP }),
      externalDns: { hostnames: ['ns.example.com'] },
    }), 'externalDns', 'UDPRoute at v1alpha2');
    expectError(() => new PublicWebApp(chart(), 'w', { image: IMAGE, exposure: Exposure.clusterIp(), externalDns: { hostnames: ['a.example.com'] } }), 'externalDns', 'clusterIp');
    expectError(() => new PublicWebApp(chart(), 'w', {
      image: IMAGE, exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.gcp(), loadBalancerSourceRanges: ['198.51.100.0/24'] }), externalDns: {},
    }), 'externalDns.hostnames', 'no name to publish');
    expectError(() => new PublicWebApp(chart(), 'w', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('t'), externalDns: { ttl: Duration.millis(1500) } }), 'externalDns.ttl');
    expectError(() => new PublicWebApp(chart(), 'w', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('t'), externalDns: { target: 'not a name' } }), 'externalDns.target');
    const c = chart();
    const stable = new PublicWebApp(c, 'web', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('t') });
    expectError(() => new PublicWebApp(c, 'next', { image: IMAGE, host: 'a.example.com', exposure: Exposure.ingress({ canary: { stable, weight: 5 } }), externalDns: {} }),
      'externalDns', 'canary');
  });

  test('NOTES explain the cluster DNS name and headless discovery', () => {
    const c = chart();
    const web = new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', tls: Tls.fromSecret('t') });
    expect(web.notes()).toContain("web.shop.svc.cluster.local:80  # cluster DNS name of the Service: <service>.<namespace>.svc.cluster.local resolves to its ClusterIP; from namespace shop 'web' alone is enough");
    expect(web.notes()).toContain('<pod>.<service>.<namespace>.svc.cluster.local');
  });
});
