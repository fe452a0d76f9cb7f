import { build, serviceFor } from './helpers';
import { LoadBalancerProvider } from '../../src';

describe('LoadBalancerProvider.gcp', () => {
  test('defaults: external, backend-service based', () => {
    const svc = serviceFor(LoadBalancerProvider.gcp());
    expect(svc).toMatchSnapshot();
    expect(svc.metadata.annotations).toEqual({ 'cloud.google.com/l4-rbs': 'enabled' });
    expect(svc.spec.loadBalancerClass).toBeUndefined();
  });

  test('internal, legacy external, and load-balancer classes', () => {
    expect(serviceFor(LoadBalancerProvider.gcp({ internal: true }), { allowPublicAccess: undefined }).metadata.annotations).toEqual({ 'networking.gke.io/load-balancer-type': 'Internal' });
    expect(serviceFor(LoadBalancerProvider.gcp({ backendServiceBased: false })).metadata.annotations).toBeUndefined();
    const ext = serviceFor(LoadBalancerProvider.gcp({ useLoadBalancerClass: true }));
    expect(ext.spec.loadBalancerClass).toBe('networking.gke.io/l4-regional-external');
    expect(ext.metadata.annotations).toBeUndefined();
    expect(serviceFor(LoadBalancerProvider.gcp({ internal: true, useLoadBalancerClass: true })).spec.loadBalancerClass).toBe('networking.gke.io/l4-regional-internal');
  });

  test('refused inputs', () => {
    expect(() => build(LoadBalancerProvider.gcp({ internal: true, backendServiceBased: true }))).toThrow(/exposure.provider.backendServiceBased=true: only applies to external load balancers/);
    expect(() => build(LoadBalancerProvider.gcp({ useLoadBalancerClass: true, backendServiceBased: false }))).toThrow(/exposure.provider.backendServiceBased=false: the networking.gke.io\/l4-regional-\* classes/);
    expect(() => build(LoadBalancerProvider.gcp({ internal: 'yes' as any }))).toThrow(/exposure.provider.internal="yes": must be true or false/);
  });
});
