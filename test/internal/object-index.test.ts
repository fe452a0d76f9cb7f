import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { apiObjectsOfKind } from '../../src/internal/object-index';

const gateway = (scope: Construct, id: string) => new ApiObject(scope, id, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: id } });

test('finds objects added before and after earlier lookups, nested or not, in every chart', () => {
  const app = Testing.app();
  const a = new Chart(app, 'a');
  gateway(a, 'first');
  expect(apiObjectsOfKind(a, 'Gateway').map((o) => o.name)).toEqual(['first']);
  const group = new Construct(a, 'group');
  expect(apiObjectsOfKind(a, 'Gateway').map((o) => o.name)).toEqual(['first']);
  // the construct scanned as "last child" grows afterwards: still found
  gateway(group, 'nested');
  new ApiObject(a, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } });
  const b = new Chart(app, 'b');
  gateway(b, 'other');
  expect(apiObjectsOfKind(b, 'Gateway').map((o) => o.name).sort()).toEqual(['first', 'nested', 'other']);
  expect(apiObjectsOfKind(a, 'Service').map((o) => o.name)).toEqual(['svc']);
});
