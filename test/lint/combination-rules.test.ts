import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, ingress, lintRule, service } from './fixtures';
import { Exposure, ExposureLinter, ExternalTrafficPolicy, IngressController, LintSeverity, PublicWebApp } from '../../src';

describe('service-field-type-mismatch', () => {
  test('errors for LoadBalancer-only fields and externalTrafficPolicy on a ClusterIP Service', () => {
    const objects = [service('web', { externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['203.0.113.0/24'], loadBalancerClass: 'service.k8s.aws/nlb', allocateLoadBalancerNodePorts: false })];
    expectSchemaValid(objects);
    const findings = lintRule(objects, 'service-field-type-mismatch');
    expect(findings.map((f) => [f.severity, f.field])).toEqual([
      [LintSeverity.ERROR, 'spec.allocateLoadBalancerNodePorts'],
      [LintSeverity.ERROR, 'spec.externalTrafficPolicy'],
      [LintSeverity.ERROR, 'spec.loadBalancerClass'],
      [LintSeverity.ERROR, 'spec.loadBalancerSourceRanges'],
    ]);
    expect(findings[1].message).toBe('Service web (type ClusterIP) sets externalTrafficPolicy: "Local", which may only be set for externally-accessible Services (LoadBalancer, NodePort, or with externalIPs): the API server refuses the Service');
    const hc = [service('np', { type: 'NodePort', externalTrafficPolicy: 'Local', healthCheckNodePort: 30100 })];
    expect(lintRule(hc, 'service-field-type-mismatch').map((f) => f.field)).toEqual(['spec.healthCheckNodePort']);
  });

  test('no finding when the fields fit the type', () => {
    const objects = [
      service('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30100, loadBalancerSourceRanges: ['203.0.113.0/24'], loadBalancerClass: 'service.k8s.aws/nlb', allocateLoadBalancerNodePorts: false }),
      service('np', { type: 'NodePort', externalTrafficPolicy: 'Cluster' }),
      service('ext', { externalIPs: ['192.0.2.10'], externalTrafficPolicy: 'Local' }),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'service-field-type-mismatch')).toEqual([]);
  });
});

describe('aws-annotations-ignored', () => {
  const aws = { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' };
  test('warning for AWS annotations on a Service of another loadBalancerClass or not a LoadBalancer', () => {
    const objects = [
      service('cilium', { type: 'LoadBalancer', loadBalancerClass: 'io.cilium/bgp-control-plane' }, { annotations: aws }),
      service('np', { type: 'NodePort' }, { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } }),
    ];
    expectSchemaValid(objects);
    const findings = lintRule(objects, 'aws-annotations-ignored');
    expect(findings.map((f) => [f.severity, f.name, f.field])).toEqual([
      [LintSeverity.WARNING, 'cilium', 'metadata.annotations.service.beta.kubernetes.io/aws-load-balancer-scheme'],
      [LintSeverity.WARNING, 'np', 'metadata.annotations.service.beta.kubernetes.io/aws-load-balancer-scheme'],
    ]);
    expect(findings[0].message).toContain('its loadBalancerClass io.cilium/bgp-control-plane belongs to another implementation');
  });

  test('no finding on a LoadBalancer without class or of class service.k8s.aws/nlb', () => {
    const objects = [
      service('a', { type: 'LoadBalancer' }, { annotations: aws }),
      service('b', { type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb' }, { annotations: aws }),
    ];
    expect(lintRule(objects, 'aws-annotations-ignored')).toEqual([]);
  });
});

describe('ingress-annotation-other-controller', () => {
  test('warning for ingress-nginx annotations on a Traefik Ingress', () => {
    const objects = [ingress('web', { ingressClassName: 'traefik' }, { annotations: { 'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8' } })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'ingress-annotation-other-controller')).toEqual([expect.objectContaining({
      severity: LintSeverity.WARNING,
      field: 'metadata.annotations.nginx.ingress.kubernetes.io/whitelist-source-range',
      message: 'Ingress web is served by Traefik (class traefik.io/ingress-controller) but sets nginx.ingress.kubernetes.io/whitelist-source-range, annotation of ingress-nginx: Traefik ignores them',
    })]);
  });

  test('no finding for the controller\'s own annotations or an unknown class', () => {
    const objects = [
      ingress('a', {}, { annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' } }),
      ingress('b', { ingressClassName: 'example-edge' }, { annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' } }),
    ];
    expect(lintRule(objects, 'ingress-annotation-other-controller')).toEqual([]);
  });
});

test('the library\'s Services and Ingresses fit their types and controllers', () => {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  new PublicWebApp(chart, 'a', { image: 'ghcr.io/acme/a:1.0.0', exposure: Exposure.nodePort({ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL }) });
  new PublicWebApp(chart, 'b', { image: 'ghcr.io/acme/b:1.0.0', host: 'b.example.com', exposure: Exposure.ingress({ controller: IngressController.traefik(), allowPlainHttp: true, allowSourceRanges: ['203.0.113.0/24'] }) });
  new PublicWebApp(chart, 'c', { image: 'ghcr.io/acme/c:1.0.0', host: 'c.example.com', exposure: Exposure.ingress({ controller: IngressController.nginx(), allowPlainHttp: true, allowSourceRanges: ['203.0.113.0/24'] }) });
  const objects = Testing.synth(chart);
  expect(new ExposureLinter().lint(objects).filter((f) => ['service-field-type-mismatch', 'aws-annotations-ignored', 'ingress-annotation-other-controller'].includes(f.ruleId))).toEqual([]);
});
