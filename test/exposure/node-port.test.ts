import { Chart, Testing } from 'cdk8s';
import { appWith, one } from './helpers';
import { Exposure, ExternalTrafficPolicy, LoadBalancerProvider, PublicWebApp } from '../../src';
import { expectValid } from '../util/schema';

describe('Exposure.nodePort', () => {
  test('defaults: auto-assigned port, externalTrafficPolicy Cluster, open to every address', () => {
    const { chart, web } = appWith(Exposure.nodePort());
    const objects = expectValid(chart);
    expect(objects).toMatchSnapshot();
    const svc = one(objects, 'Service');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.externalTrafficPolicy).toBe('Cluster');
    expect(svc.spec.ports[0].nodePort).toBeUndefined();
    expect(one(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
    expect(web.accessInfo()).toContain("kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}'");
    expect(web.accessInfo()).toContain('any node');
  });

  test('pinned port, Local policy and source ranges become NetworkPolicy ipBlocks', () => {
    const { chart, web } = appWith(Exposure.nodePort({ nodePort: 30080, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, allowSourceRanges: ['203.0.113.0/24'] }));
    const objects = expectValid(chart);
    const svc = one(objects, 'Service');
    expect(svc.spec.ports[0]).toMatchObject({ nodePort: 30080, port: 80, targetPort: 8080 });
    expect(svc.spec.externalTrafficPolicy).toBe('Local');
    expect(one(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '203.0.113.0/24' } }]);
    expect(web.accessInfo()).toContain('http://<node-ip>:30080/');
  });

  test.each([29999, 32768, 0, 30000.5, '30080' as any, NaN])('refuses nodePort %p', (nodePort) => {
    expect(() => appWith(Exposure.nodePort({ nodePort }))).toThrow(/exposure\.nodePort=.*must be a whole number from 30000 to 32767/);
  });

  test('accepts the range ends', () => {
    const app = Testing.app();
    appWith(Exposure.nodePort({ nodePort: 30000 }), { name: 'a' }, new Chart(app, 'a'));
    appWith(Exposure.nodePort({ nodePort: 32767 }), { name: 'b' }, new Chart(app, 'b'));
    expectValid(app);
  });

  test('refuses a nodePort used by another Service of the App, including a LoadBalancer', () => {
    const app = Testing.app();
    const c1 = new Chart(app, 'one', { namespace: 'one' });
    const c2 = new Chart(app, 'two', { namespace: 'two' });
    new PublicWebApp(c1, 'web', { image: 'x:1', exposure: Exposure.nodePort({ nodePort: 30080 }) });
    expect(() => new PublicWebApp(c2, 'web', { image: 'x:1', exposure: Exposure.nodePort({ nodePort: 30080 }) }))
      .toThrow(/two\/web': exposure.nodePort=30080: 'one\/web' already uses nodePort 30080/);
    expect(() => new PublicWebApp(c2, 'lb', {
      image: 'x:1',
      exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.aws(), nodePort: 30080 }),
    })).toThrow(/exposure.nodePort=30080: 'one\/web' already uses nodePort 30080/);
  });

  test('refuses bad policies and source ranges', () => {
    expect(() => appWith(Exposure.nodePort({ externalTrafficPolicy: 'local' as any }))).toThrow(/exposure.externalTrafficPolicy="local": is not one of Cluster, Local/);
    expect(() => appWith(Exposure.nodePort({ allowSourceRanges: ['203.0.113.0/24'] })))
      .toThrow(/exposure.allowSourceRanges=\["203.0.113.0\/24"\]: with externalTrafficPolicy Cluster the node SNATs/);
    expect(() => appWith(Exposure.nodePort({ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, allowSourceRanges: [] }))).toThrow(/exposure.allowSourceRanges=\[\]: an empty allowlist/);
    expect(() => appWith(Exposure.nodePort({ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, allowSourceRanges: ['0.0.0.0/0'] }))).toThrow(/exposure.allowSourceRanges\[0\]="0.0.0.0\/0": opens the app/);
    expect(() => appWith(Exposure.nodePort({ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, allowSourceRanges: ['nope'] }))).toThrow(/exposure.allowSourceRanges\[0\]="nope": is not a CIDR block/);
  });
});
