import { Testing } from 'cdk8s';
import * as canary from '../../examples/mesh-canary/main';
import * as publicGateway from '../../examples/mesh-public-gateway/main';
import { expectValid } from '../util/schema';

const quiet = () => jest.spyOn(console, 'log').mockImplementation(() => undefined);

test('examples/mesh-public-gateway synthesizes valid objects: the article public-gateway', () => {
  quiet();
  const app = Testing.app();
  publicGateway.build(app);
  const objects = expectValid(app);
  const gw = objects.find((o) => o.kind === 'Gateway');
  expect(gw.metadata).toEqual({ name: 'public-gateway', namespace: 'istio-system' });
  expect(gw.spec.servers[0]).toEqual({
    name: 'https',
    port: { number: 443, name: 'https', protocol: 'HTTPS' },
    hosts: ['*'],
    tls: { mode: 'SIMPLE', credentialName: 'wildcard-cert', minProtocolVersion: 'TLSV1_2' },
  });
  const netpol = objects.find((o) => o.kind === 'NetworkPolicy');
  expect(netpol.spec.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  const deployment = objects.find((o) => o.kind === 'Deployment');
  expect(deployment.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
});

test('examples/mesh-canary splits 90/10 in one VirtualService', () => {
  quiet();
  const app = Testing.app();
  canary.build(app);
  const objects = expectValid(app);
  const vs = objects.filter((o) => o.kind === 'VirtualService');
  expect(vs).toHaveLength(1);
  expect(vs[0].spec.http[0].route.map((r: any) => [r.destination.host, r.weight])).toEqual([
    ['shop.shop-canary.svc.cluster.local', 90],
    ['shop-next.shop-canary.svc.cluster.local', 10],
  ]);
});
