import { expectSchemaValid, ingress, lintRule, service, workload } from './fixtures';
import { LintSeverity } from '../../src';

describe('deprecated-api', () => {
  test('error for a v1beta1 Ingress with serviceName/servicePort backends', () => {
    const objects = [
      workload('web'),
      service('web'),
      {
        apiVersion: 'networking.k8s.io/v1beta1',
        kind: 'Ingress',
        metadata: { name: 'web' },
        spec: { tls: [{ hosts: ['a.example.com'] }], rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 80 } }] } }] },
      },
    ];
    expect(lintRule(objects, 'deprecated-api')).toEqual([
      {
        ruleId: 'deprecated-api',
        severity: LintSeverity.ERROR,
        apiVersion: 'networking.k8s.io/v1beta1',
        kind: 'Ingress',
        namespace: undefined,
        name: 'web',
        field: 'apiVersion',
        message: 'Ingress web uses apiVersion networking.k8s.io/v1beta1, removed in Kubernetes 1.22',
        fix: expect.stringContaining('networking.k8s.io/v1'),
      },
      expect.objectContaining({
        severity: LintSeverity.ERROR,
        field: 'spec.rules[0].http.paths[0].backend.serviceName',
        message: 'Ingress web names its backend with serviceName/servicePort (web/80), removed with Ingress v1beta1',
        fix: 'write the backend as service: { name: web, port.number: 80 } under apiVersion networking.k8s.io/v1',
      }),
    ]);
    // the old backend shape still resolves against the Service
    expect(lintRule(objects, 'ingress-backend-missing')).toEqual([]);
  });

  test('error for metallb.universe.tf annotations and traefik.containo.us objects', () => {
    const objects = [
      service('web', { type: 'LoadBalancer' }, { annotations: { 'metallb.universe.tf/address-pool': 'public' } }),
      { apiVersion: 'traefik.containo.us/v1alpha1', kind: 'Middleware', metadata: { name: 'redirect' }, spec: { redirectScheme: { scheme: 'https' } } },
    ];
    expect(lintRule(objects, 'deprecated-api')).toEqual([
      expect.objectContaining({
        kind: 'Middleware',
        name: 'redirect',
        field: 'apiVersion',
        message: 'Middleware redirect uses apiVersion traefik.containo.us/v1alpha1: the traefik.containo.us group was removed in Traefik v3',
        fix: 'use apiVersion traefik.io/v1alpha1',
      }),
      expect.objectContaining({
        severity: LintSeverity.ERROR,
        kind: 'Service',
        name: 'web',
        field: 'metadata.annotations.metallb.universe.tf/address-pool',
        message: 'Service web uses the annotation metallb.universe.tf/address-pool, deprecated since MetalLB v0.14.9',
        fix: 'rename it to metallb.io/address-pool',
      }),
    ]);
  });

  test('no finding for current APIs', () => {
    const objects = [
      workload('web'),
      service('web', { type: 'LoadBalancer' }, { annotations: { 'metallb.io/address-pool': 'public' } }),
      ingress('web'),
      { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'redirect' }, spec: { redirectScheme: { scheme: 'https' } } },
    ];
    expect(lintRule(objects, 'deprecated-api')).toEqual([]);
  });
});

describe('deprecated-ingress-class-annotation', () => {
  test('warning for kubernetes.io/ingress.class', () => {
    const objects = [workload('web'), service('web'), ingress('web', { ingressClassName: undefined }, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'deprecated-ingress-class-annotation')).toEqual([expect.objectContaining({
      severity: LintSeverity.WARNING,
      kind: 'Ingress',
      name: 'web',
      message: 'Ingress web selects its controller with the deprecated annotation kubernetes.io/ingress.class=nginx',
      fix: 'remove the annotation and set spec.ingressClassName: nginx',
    })]);
  });

  test('no finding with spec.ingressClassName', () => {
    expect(lintRule([ingress('web')], 'deprecated-ingress-class-annotation')).toEqual([]);
  });
});

describe('deprecated-load-balancer-ip', () => {
  test('warning for spec.loadBalancerIP', () => {
    const objects = [service('web', { type: 'LoadBalancer', loadBalancerIP: '203.0.113.10' })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'deprecated-load-balancer-ip')).toEqual([expect.objectContaining({
      severity: LintSeverity.WARNING,
      name: 'web',
      field: 'spec.loadBalancerIP',
      message: 'Service web sets the deprecated spec.loadBalancerIP=203.0.113.10',
    })]);
  });

  test('no finding without it', () => {
    expect(lintRule([service('web', { type: 'LoadBalancer' })], 'deprecated-load-balancer-ip')).toEqual([]);
  });
});
