import { expectSchemaValid, lintRule, networkPolicy, service, workload } from './fixtures';
import { ExposureLinter, LintSeverity } from '../../src';

describe('node-port-range', () => {
  test('error for a nodePort outside 30000-32767', () => {
    const objects = [workload('web'), service('web', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 8080 }] })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'node-port-range')).toEqual([{
      ruleId: 'node-port-range',
      severity: LintSeverity.ERROR,
      apiVersion: 'v1',
      kind: 'Service',
      namespace: undefined,
      name: 'web',
      field: 'spec.ports[0].nodePort',
      message: 'Service web port http (80) pins nodePort 8080, outside the node port range 30000-32767: the API server refuses it',
      fix: expect.stringContaining('leave nodePort unset'),
    }]);
  });

  test('no finding in range, and the range follows the options', () => {
    const objects = [service('web', { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] })];
    expect(lintRule(objects, 'node-port-range')).toEqual([]);
    const custom = new ExposureLinter({ nodePortRangeMin: 20000, nodePortRangeMax: 22767 }).lint(objects).filter((f) => f.ruleId === 'node-port-range');
    expect(custom.map((f) => f.message)).toEqual([expect.stringContaining('outside the node port range 20000-22767')]);
  });
});

describe('node-port-duplicate', () => {
  test('many Services on one nodePort: each finding names 5 and counts the rest', () => {
    const objects = Array.from({ length: 9 }, (_, i) => service(`s${i}`, { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }));
    const findings = lintRule(objects, 'node-port-duplicate');
    expect(findings).toHaveLength(9);
    expect(findings[0].message).toBe('Service s0 pins nodePort 30080, also used by Service s1, Service s2, Service s3, Service s4, Service s5 and 3 more: node ports are unique in the cluster');
  });

  test('error on both Services pinning the same nodePort', () => {
    const objects = [
      service('a', { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }),
      service('b', { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }, { namespace: 'other' }),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'node-port-duplicate')).toEqual([
      expect.objectContaining({ severity: LintSeverity.ERROR, name: 'a', namespace: undefined, field: 'spec.ports[0].nodePort', message: 'Service a pins nodePort 30080, also used by Service other/b: node ports are unique in the cluster' }),
      expect.objectContaining({ severity: LintSeverity.ERROR, name: 'b', namespace: 'other', message: 'Service other/b pins nodePort 30080, also used by Service a: node ports are unique in the cluster' }),
    ]);
  });

  test('no finding for distinct ports, or TCP and UDP of one Service', () => {
    const objects = [
      service('dns', {
        type: 'NodePort',
        ports: [
          { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP', nodePort: 30053 },
          { name: 'dns-udp', port: 53, targetPort: 53, protocol: 'UDP', nodePort: 30053 },
        ],
      }),
      service('web', { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }),
    ];
    expect(lintRule(objects, 'node-port-duplicate')).toEqual([]);
  });
});

describe('node-port-pinned', () => {
  test('warning for a pinned nodePort', () => {
    const objects = [service('web', { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] })];
    expect(lintRule(objects, 'node-port-pinned')).toEqual([expect.objectContaining({
      severity: LintSeverity.WARNING,
      kind: 'Service',
      name: 'web',
      field: 'spec.ports[0].nodePort',
      message: 'Service web port http (80) pins nodePort 30080: it may already be taken in the cluster',
    })]);
  });

  test('no finding when Kubernetes assigns the nodePort', () => {
    expect(lintRule([service('web', { type: 'NodePort' })], 'node-port-pinned')).toEqual([]);
  });
});

describe('lb-source-ranges', () => {
  test('warning for an internet-facing LoadBalancer with no or open source ranges', () => {
    const objects = [
      service('open', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }),
      service('world', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['10.0.0.0/8', '0.0.0.0/0'] }),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'lb-source-ranges')).toEqual([
      expect.objectContaining({ severity: LintSeverity.WARNING, name: 'open', field: 'spec.loadBalancerSourceRanges', message: 'Service open is a LoadBalancer with no loadBalancerSourceRanges: it accepts connections from any address' }),
      expect.objectContaining({ severity: LintSeverity.WARNING, name: 'world', message: 'Service world is a LoadBalancer whose loadBalancerSourceRanges include 0.0.0.0/0: it accepts connections from any address' }),
    ]);
  });

  test('no finding with source ranges (field or annotation) or for internal load balancers', () => {
    const objects = [
      service('a', { type: 'LoadBalancer', loadBalancerSourceRanges: ['203.0.113.0/24'] }),
      service('b', { type: 'LoadBalancer' }, { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '203.0.113.0/24' } }),
      service('c', { type: 'LoadBalancer' }, { annotations: { 'networking.gke.io/load-balancer-type': 'Internal' } }),
      service('d', { type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb' }),
      service('e', { type: 'ClusterIP' }),
    ];
    expect(lintRule(objects, 'lb-source-ranges')).toEqual([]);
  });

  test('no finding when the LoadBalancer can only get a private address (asked for, or from private MetalLB pools)', () => {
    const pool = (name: string, addresses: string[], autoAssign?: boolean) => ({
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name, namespace: 'metallb-system' },
      spec: { addresses, ...(autoAssign === undefined ? {} : { autoAssign }) },
    });
    const lan = [pool('lan', ['192.168.10.240-192.168.10.250', 'fd00:10::/120'])];
    const objects = [
      ...lan,
      service('fixed', { type: 'LoadBalancer' }, { annotations: { 'metallb.io/loadBalancerIPs': '192.168.10.241' } }),
      service('pooled', { type: 'LoadBalancer' }, { annotations: { 'metallb.io/address-pool': 'lan' } }),
      service('auto', { type: 'LoadBalancer' }),
      service('cgnat', { type: 'LoadBalancer', loadBalancerIP: '100.64.1.1' }),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'lb-source-ranges')).toEqual([]);

    const mixed = [
      ...lan, pool('public', ['203.0.113.0/28']), pool('dmz', ['198.51.100.0/28'], false),
      service('fixed', { type: 'LoadBalancer' }, { annotations: { 'metallb.io/loadBalancerIPs': '192.168.10.241,203.0.113.5' } }),
      service('pooled', { type: 'LoadBalancer' }, { annotations: { 'metallb.io/address-pool': 'dmz' } }),
      service('unknown-pool', { type: 'LoadBalancer' }, { annotations: { 'metallb.io/address-pool': 'missing' } }),
      service('auto', { type: 'LoadBalancer' }),
      service('cloud', { type: 'LoadBalancer', loadBalancerClass: 'example.com/lb' }),
    ];
    expect(lintRule(mixed, 'lb-source-ranges').map((f) => f.name)).toEqual(['auto', 'cloud', 'fixed', 'pooled', 'unknown-pool']);
    // no pools in the manifests: nothing says the address is private
    expect(lintRule([service('auto', { type: 'LoadBalancer' })], 'lb-source-ranges').map((f) => f.name)).toEqual(['auto']);
  });
});

describe('external-traffic-policy-cluster', () => {
  test('warning for a LoadBalancer with unset or Cluster policy', () => {
    const objects = [
      service('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: ['203.0.113.0/24'] }),
      service('lb2', { type: 'LoadBalancer', loadBalancerSourceRanges: ['203.0.113.0/24'] }),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'external-traffic-policy-cluster')).toEqual([
      expect.objectContaining({ severity: LintSeverity.WARNING, name: 'lb', field: 'spec.externalTrafficPolicy', message: 'Service lb is a LoadBalancer with externalTrafficPolicy Cluster: connections are SNATed and the client source IP is lost' }),
      expect.objectContaining({ severity: LintSeverity.WARNING, name: 'lb2', message: 'Service lb2 is a LoadBalancer with externalTrafficPolicy (unset, Cluster): connections are SNATed and the client source IP is lost' }),
    ]);
  });

  test('a NodePort with Cluster is fine unless a NetworkPolicy admits its pods by client address', () => {
    const open = [workload('web'), service('web', { type: 'NodePort' }),
      networkPolicy('web', { matchLabels: { app: 'web' } }, { ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }], ports: [{ port: 8080 }] }] })];
    expectSchemaValid(open);
    expect(lintRule(open, 'external-traffic-policy-cluster')).toEqual([]);
    // the default of Exposure.nodePort(): Cluster, pods open to every address
    expect(lintRule([workload('web'), service('web', { type: 'NodePort' })], 'external-traffic-policy-cluster')).toEqual([]);

    const fenced = [workload('web'), service('web', { type: 'NodePort' }),
      networkPolicy('office', { matchLabels: { app: 'web' } }, { ingress: [{ from: [{ ipBlock: { cidr: '198.51.100.0/24' } }], ports: [{ port: 8080 }] }] })];
    expectSchemaValid(fenced);
    expect(lintRule(fenced, 'external-traffic-policy-cluster')).toEqual([expect.objectContaining({
      severity: LintSeverity.WARNING,
      name: 'web',
      field: 'spec.externalTrafficPolicy',
      message: 'Service web is a NodePort with externalTrafficPolicy (unset, Cluster) and NetworkPolicy office admits its pods only from ipBlock addresses: the nodes SNAT client connections, so the pods see node addresses and the policy blocks every client',
    })]);
    // an except list narrows 0.0.0.0/0 too
    const except = [workload('web'), service('web', { type: 'NodePort', externalTrafficPolicy: 'Cluster' }),
      networkPolicy('web', { matchLabels: { app: 'web' } }, { ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] })];
    expect(lintRule(except, 'external-traffic-policy-cluster').map((f) => f.name)).toEqual(['web']);
    // a rule admitting every source makes the ipBlock rule moot
    const alsoAll = [workload('web'), service('web', { type: 'NodePort' }),
      networkPolicy('web', { matchLabels: { app: 'web' } }, { ingress: [{ from: [{ ipBlock: { cidr: '198.51.100.0/24' } }] }, { ports: [{ port: 8080 }] }] })];
    expect(lintRule(alsoAll, 'external-traffic-policy-cluster')).toEqual([]);
  });

  test('no finding with Local, or for ClusterIP', () => {
    const objects = [service('np', { type: 'NodePort', externalTrafficPolicy: 'Local' }), service('cip')];
    expect(lintRule(objects, 'external-traffic-policy-cluster')).toEqual([]);
  });
});

describe('service-external-ips', () => {
  test('warning for externalIPs', () => {
    const objects = [service('web', { externalIPs: ['198.51.100.7'] })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'service-external-ips')).toEqual([expect.objectContaining({
      severity: LintSeverity.WARNING,
      name: 'web',
      field: 'spec.externalIPs',
      message: expect.stringMatching(/^Service web sets externalIPs 198\.51\.100\.7: .*CVE-2020-8554/),
    })]);
  });

  test('no finding without externalIPs', () => {
    expect(lintRule([service('web', { externalIPs: [] })], 'service-external-ips')).toEqual([]);
  });
});

describe('service-selector-no-pods', () => {
  test('warning when no pod template in the namespace carries the selector labels', () => {
    const objects = [
      workload('web', { namespace: 'shop' }),
      service('web', { selector: { app: 'web', tier: 'front' } }, { namespace: 'shop' }),
      service('other-ns', { selector: { app: 'web' } }),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'service-selector-no-pods')).toEqual([
      expect.objectContaining({ severity: LintSeverity.WARNING, name: 'other-ns', namespace: undefined, field: 'spec.selector', message: 'Service other-ns selects pods with app=web but no pod template in namespace default carries these labels: the Service has no endpoints' }),
      expect.objectContaining({ severity: LintSeverity.WARNING, name: 'web', namespace: 'shop', message: 'Service shop/web selects pods with app=web,tier=front but no pod template in namespace shop carries these labels: the Service has no endpoints' }),
    ]);
  });

  test('no finding when a pod template matches (namespace unset = default), or without selector', () => {
    const objects = [
      workload('web', { labels: { app: 'web', tier: 'front' } }),
      service('web', {}, { namespace: 'default' }),
      service('manual', { selector: undefined }),
      service('ext', { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'nothing' } }),
    ];
    expect(lintRule(objects, 'service-selector-no-pods')).toEqual([]);
  });
});

describe('named-target-port-missing', () => {
  test('error when no selected container declares the named port', () => {
    const objects = [workload('web'), service('web', { ports: [{ name: 'http', port: 80, targetPort: 'web' }] })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'named-target-port-missing')).toEqual([expect.objectContaining({
      severity: LintSeverity.ERROR,
      kind: 'Service',
      name: 'web',
      field: 'spec.ports[0].targetPort',
      message: 'Service web port http (80) targets the named port "web", which no container of Deployment web declares',
    })]);
  });

  test('no finding when a container declares it, or for numeric targetPorts', () => {
    const objects = [workload('web'), service('web', { ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'alt', port: 81, targetPort: 8081 }] })];
    expect(lintRule(objects, 'named-target-port-missing')).toEqual([]);
  });
});
