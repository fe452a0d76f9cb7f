import { App, Chart, Testing } from 'cdk8s';
import { Exposure, GatewayRouteKind, MeshDataplane, PublicWebApp, Tls } from '../../src';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const chart = (ns = 'shop', app: App = Testing.app()) => new Chart(app, `c-${ns}-${app.charts.length}`, { namespace: ns });
const find = (objs: any[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);

describe('Exposure.gateway({ mesh }): the mesh through the Gateway API', () => {
  test('istio Gateway: sidecar label, STRICT mTLS, AuthorizationPolicy for <gateway>-istio, NetworkPolicy from the proxy pods and to istiod; canary by backendRef weights', () => {
    const c = chart();
    const web = new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.fromSecret('shop-tls'),
      exposure: Exposure.gateway({ gatewayClassName: 'istio', gatewayName: 'shop-gw', mesh: {} }),
    });
    new PublicWebApp(c, 'web-next', { image: IMAGE, host: 'shop.example.com', replicas: 1, exposure: Exposure.gateway({ canary: { stable: web, weight: 20 } }) });
    const objs = expectValid(c);
    expect(objs).toMatchSnapshot();
    const dep = find(objs, 'Deployment', 'web');
    expect(dep.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
    expect(find(objs, 'PeerAuthentication', 'web').spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, mtls: { mode: 'STRICT' } });
    expect(find(objs, 'AuthorizationPolicy', 'web-from-gateway').spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/shop-gw-istio'] } }], to: [{ operation: { ports: ['8080'] } }] }],
    });
    // the canary's pods get the same policies, with their own selector
    expect(find(objs, 'AuthorizationPolicy', 'web-next-from-gateway').spec.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/shop/sa/shop-gw-istio']);
    expect(find(objs, 'Deployment', 'web-next').spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
    expect(find(objs, 'HTTPRoute', 'web').spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 80, weight: 80 }, { name: 'web-next', port: 80, weight: 20 }]);
    const np = find(objs, 'NetworkPolicy', 'web');
    expect(np.spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'shop-gw' } } }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    }]);
    expect(np.spec.egress).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { app: 'istiod' } } }],
      ports: [{ protocol: 'TCP', port: 15012 }],
    });
    const notes = web.notes();
    expect(notes).toContain('admits only cluster.local/ns/shop/sa/shop-gw-istio');
    expect(notes).toContain("istioctl proxy-config endpoints -n shop deploy/shop-gw-istio --cluster 'outbound|80||web.shop.svc.cluster.local'");
  });

  test('a shared istio Gateway elsewhere, GRPCRoute, ambient data plane: HBONE and probe sources admitted, no istiod egress', () => {
    const c = chart();
    new PublicWebApp(c, 'api', {
      image: IMAGE,
      host: 'api.example.com',
      exposure: Exposure.gateway({ gateway: { name: 'edge', namespace: 'istio-ingress', sectionName: 'https' }, routeKind: GatewayRouteKind.GRPC, mesh: { dataplane: MeshDataplane.AMBIENT, trustDomain: 'corp.example' } }),
    });
    const objs = expectValid(c);
    expect(find(objs, 'Deployment', 'api').spec.template.metadata.labels).toMatchObject({ 'istio.io/dataplane-mode': 'ambient', 'sidecar.istio.io/inject': 'false' });
    expect(find(objs, 'AuthorizationPolicy', 'api-from-gateway').spec.rules[0].from[0].source.principals).toEqual(['corp.example/ns/istio-ingress/sa/edge-istio']);
    const np = find(objs, 'NetworkPolicy', 'api');
    expect(np.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 15008 }]);
    expect(np.spec.ingress.flatMap((r: any) => r.from.map((f: any) => f.ipBlock?.cidr)).filter((x: any) => x)).toContain('169.254.7.127/32');
    expect(JSON.stringify(np.spec.egress)).not.toContain('15012');
  });

  test('refuses a non-istio class, TCP/TLS routes, init-container sidecar without acknowledgement, unknown namespace, mesh on a canary', () => {
    expectError(() => new PublicWebApp(chart(), 'w', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('t'), exposure: Exposure.gateway({ gatewayClassName: 'eg', mesh: {} }) }),
      'exposure.gatewayClassName', "gatewayClassName: 'istio'");
    expectError(() => new PublicWebApp(chart(), 'w', { image: IMAGE, exposure: Exposure.gateway({ gatewayClassName: 'istio', routeKind: GatewayRouteKind.TCP, mesh: {} }) }), 'exposure.mesh', 'TCPRoute');
    expectError(() => new PublicWebApp(chart(), 'w', {
      image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('t'), exposure: Exposure.gateway({ gatewayClassName: 'istio', mesh: { dataplane: MeshDataplane.SIDECAR_WITH_INIT_CONTAINER } }),
    }), 'exposure.mesh.acknowledgePrivilegedNamespace');
    expectError(() => new PublicWebApp(new Chart(Testing.app(), 'c'), 'w', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('t'), exposure: Exposure.gateway({ gatewayClassName: 'istio', mesh: {} }) }),
      'namespace=', 'identity');
    const c = chart();
    const stable = new PublicWebApp(c, 'web', { image: IMAGE, host: 'a.example.com', tls: Tls.fromSecret('t'), exposure: Exposure.gateway({ gatewayClassName: 'istio', mesh: {} }) });
    expectError(() => new PublicWebApp(c, 'next', { image: IMAGE, host: 'a.example.com', exposure: Exposure.gateway({ canary: { stable, weight: 5 }, mesh: {} }) }), 'exposure.mesh');
  });

  test('init-container sidecar with acknowledgement and a revision label', () => {
    const c = chart();
    const web = new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'a.example.com',
      tls: Tls.fromSecret('t'),
      exposure: Exposure.gateway({ gatewayClassName: 'istio', mesh: { dataplane: MeshDataplane.SIDECAR_WITH_INIT_CONTAINER, acknowledgePrivilegedNamespace: true, revision: 'stable' } }),
    });
    const objs = expectValid(c, { privilegedWorkloads: ['web'] });
    expect(find(objs, 'Deployment', 'web').spec.template.metadata.labels['istio.io/rev']).toBe('stable');
    expect(web.notes()).toContain('by revision stable');
  });
});
