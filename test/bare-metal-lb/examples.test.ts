import { Testing } from 'cdk8s';
import * as bgp from '../../examples/bare-metal-bgp/main';
import * as l2 from '../../examples/bare-metal-l2/main';
import { expectValid } from '../util/schema';

describe.each([['bare-metal-l2', l2.build], ['bare-metal-bgp', bgp.build]])('example %s', (_name, build) => {
  test('synthesizes valid manifests with the MetalLB annotations on the Service', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const app = Testing.app();
    build(app);
    log.mockRestore();
    const objects = expectValid(app);
    const svc = objects.find((o) => o.kind === 'Service');
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(Object.keys(svc.metadata.annotations).sort()).toEqual(['metallb.io/address-pool', 'metallb.io/loadBalancerIPs']);
    expect(objects.filter((o) => o.apiVersion.startsWith('metallb.io/')).length).toBeGreaterThanOrEqual(2);
  });
});
