import { expectSchemaValid, ingress, lintRule, networkPolicy, service, workload } from './fixtures';
import { LintSeverity } from '../../src';

describe('exposed-pods-no-network-policy', () => {
  test('warning for pods behind a LoadBalancer and behind an Ingress with no NetworkPolicy', () => {
    const objects = [
      workload('api'),
      service('api', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['203.0.113.0/24'] }),
      workload('web', { namespace: 'shop' }),
      service('web', {}, { namespace: 'shop' }),
      ingress('web', {}, { namespace: 'shop' }),
      // a policy that selects other pods, and an egress-only policy, do not count
      networkPolicy('others', { matchLabels: { app: 'other' } }),
      { ...networkPolicy('egress', {}, { policyTypes: ['Egress'], ingress: undefined, egress: [{}] }), metadata: { name: 'egress', namespace: 'shop' } },
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'exposed-pods-no-network-policy')).toEqual([
      expect.objectContaining({
        severity: LintSeverity.WARNING,
        kind: 'Deployment',
        name: 'api',
        namespace: undefined,
        field: 'spec.template.metadata.labels',
        message: 'Deployment api is reachable from outside the cluster through LoadBalancer Service api but no NetworkPolicy in namespace default selects its pods',
      }),
      expect.objectContaining({
        severity: LintSeverity.WARNING,
        name: 'web',
        namespace: 'shop',
        message: 'Deployment shop/web is reachable from outside the cluster through Service shop/web behind Ingress shop/web but no NetworkPolicy in namespace shop selects its pods',
      }),
    ]);
  });

  test('no finding when a NetworkPolicy selects the pods (matchLabels, matchExpressions, empty selector) or nothing is exposed', () => {
    const objects = [
      workload('a', { labels: { app: 'a', tier: 'front' } }),
      service('a', { type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'a' } }),
      networkPolicy('a', { matchLabels: { tier: 'front' } }),
      workload('b', { namespace: 'b', labels: { app: 'b' } }),
      service('b', { type: 'NodePort', externalTrafficPolicy: 'Local' }, { namespace: 'b' }),
      { ...networkPolicy('b', { matchExpressions: [{ key: 'app', operator: 'In', values: ['b', 'c'] }, { key: 'legacy', operator: 'DoesNotExist' }] }), metadata: { name: 'b', namespace: 'b' } },
      workload('c', { namespace: 'c' }),
      service('c', { type: 'LoadBalancer' }, { namespace: 'c' }),
      { ...networkPolicy('deny-all', {}, { ingress: undefined }), metadata: { name: 'deny-all', namespace: 'c' } },
      workload('internal'),
      service('internal'),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'exposed-pods-no-network-policy')).toEqual([]);
  });
});

describe('exposed-pods-not-restricted', () => {
  test('warning for exposed pods that miss the restricted profile', () => {
    const objects = [
      workload('web', { podSpec: { containers: [{ name: 'main', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }] } }),
      service('web', { type: 'NodePort', externalTrafficPolicy: 'Local' }),
    ];
    expect(lintRule(objects, 'exposed-pods-not-restricted')).toEqual([expect.objectContaining({
      severity: LintSeverity.WARNING,
      kind: 'Deployment',
      name: 'web',
      field: 'spec.template.spec',
      message: 'Deployment web is reachable from outside the cluster through NodePort Service web but its pods do not meet the restricted Pod Security profile: '
        + 'container main does not set allowPrivilegeEscalation=false; container main does not run as non-root (runAsNonRoot); container main does not drop ALL capabilities; and 1 more',
    })]);
  });

  test('no finding for restricted pods, or for unexposed pods that miss the profile', () => {
    const objects = [
      workload('web'),
      service('web', { type: 'NodePort', externalTrafficPolicy: 'Local' }),
      workload('batch', { podSpec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } }),
      service('batch'),
    ];
    expect(lintRule(objects, 'exposed-pods-not-restricted')).toEqual([]);
  });
});
