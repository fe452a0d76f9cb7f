import { Chart, Testing } from 'cdk8s';
import { appWith, one } from './helpers';
import { Exposure, Tls } from '../../src';
import { expectValid } from '../util/schema';

describe('Exposure.clusterIp', () => {
  test('defaults: ClusterIP Service, no Ingress, NetworkPolicy admits nobody from outside', () => {
    const { chart, web } = appWith(Exposure.clusterIp());
    const objects = expectValid(chart);
    expect(objects).toMatchSnapshot();
    const svc = one(objects, 'Service');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.externalTrafficPolicy).toBeUndefined();
    expect(objects.filter((o) => o.kind === 'Ingress')).toHaveLength(0);
    expect(one(objects, 'NetworkPolicy').spec.ingress).toEqual([]);
    expect(web.ingress).toBeUndefined();
  });

  test('port-forward command, kubectl proxy URL and access info', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
    const { web } = appWith(Exposure.clusterIp(), { path: '/api' }, chart);
    expectValid(chart);
    expect(web.portForwardCommand()).toBe('kubectl port-forward -n shop service/web 8080:80');
    expect(web.kubectlProxyUrl()).toBe('http://localhost:8001/api/v1/namespaces/shop/services/web:http/proxy/api');
    expect(web.kubectlProxyUrl(9001)).toBe('http://localhost:9001/api/v1/namespaces/shop/services/web:http/proxy/api');
    const info = web.accessInfo();
    expect(info).toContain('kubectl port-forward -n shop service/web 8080:80');
    expect(info).toContain('kubectl proxy');
    expect(info).toContain('http://web.shop.svc.cluster.local:80/api');
    expect(() => web.kubectlProxyUrl(0)).toThrow(/proxyPort=0/);
  });

  test('allowFromNamespaces admits those namespaces', () => {
    const { chart } = appWith(Exposure.clusterIp({ allowFromNamespaces: ['monitoring'] }));
    const np = one(expectValid(chart), 'NetworkPolicy');
    expect(np.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
  });

  test('refuses bad namespaces and tls', () => {
    expect(() => appWith(Exposure.clusterIp({ allowFromNamespaces: ['Bad_NS'] }))).toThrow(/exposure.allowFromNamespaces\[0\]="Bad_NS": is not a namespace name/);
    expect(() => appWith(Exposure.clusterIp({ allowFromNamespaces: 'x' as any }))).toThrow(/exposure.allowFromNamespaces="x"/);
    expect(() => appWith(Exposure.clusterIp(), { host: 'a.example.com', tls: Tls.fromSecret('a-tls') })).toThrow(/tls="set": Exposure.clusterIp\(\) forwards TCP/);
  });
});
