import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { MeshGateway, MeshTls } from '../../src';
import { readableName } from '../../src/internal/names';

const tls = MeshTls.simple({ credentialName: 'wildcard-example-com' });

describe('readable generated names', () => {
  test('a MeshGateway without name is named after the chart and construct ids, without a hash', () => {
    const app = new App();
    const chart = new Chart(app, 'mesh');
    const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls });
    expect(edge.gateway.name).toBe('mesh-edge');
    expect(edge.gatewayRef).toBe('istio-system/mesh-edge');
    // nested ids join with '-', lower-cased and DNS-label-safe
    const nested = new MeshGateway(new Construct(chart, 'Public_Edge'), 'Shop', { hosts: ['shop.example.com'], tls });
    expect(nested.gateway.name).toBe('mesh-public-edge-shop');
  });

  test('two paths that read the same, in the same kind and namespace: the second keeps the hash', () => {
    const app = Testing.app();
    const a = new Construct(new Chart(app, 'a-b'), 'c');
    const b = new Construct(new Chart(app, 'a'), 'b-c');
    expect(readableName(a, 'Gateway', 'istio-system')).toBe('a-b-c');
    expect(readableName(b, 'Gateway', 'istio-system')).toMatch(/^a-b-c-[0-9a-f]{8}$/);
    // another kind or namespace does not collide
    expect(readableName(b, 'Gateway', 'other')).toBe('a-b-c');
    expect(readableName(b, 'L2Advertisement', 'istio-system')).toBe('a-b-c');
  });

  test('a path longer than a DNS label is cut to fit, followed by a hash of the whole path', () => {
    const chart = Testing.chart();
    const deep = new Construct(new Construct(chart, 'x'.repeat(40)), 'y'.repeat(40));
    const name = readableName(deep, 'Gateway', undefined);
    expect(name.length).toBe(63);
    expect(name).toMatch(/^test-x{40}-y{8}-[0-9a-f]{8}$/);
  });
});
