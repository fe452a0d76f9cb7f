import { Testing } from 'cdk8s';
import { expectSchemaValid, lintRule, workload } from './fixtures';
import { Exposure, LintSeverity, PublicWebApp } from '../../src';

const antiAffinity = (labels: any) => ({
  affinity: {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } }],
    },
  },
});

describe('host-network-replicas', () => {
  test('error for a hostNetwork Deployment with 3 replicas and no anti-affinity', () => {
    const objects = [workload('edge', { replicas: 3, podSpec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'host-network-replicas')).toEqual([{
      ruleId: 'host-network-replicas',
      severity: LintSeverity.ERROR,
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: undefined,
      name: 'edge',
      field: 'spec.template.spec.hostNetwork',
      message: 'Deployment edge runs 3 replicas with hostNetwork: true and no required pod anti-affinity: two replicas scheduled on one node bind the same ports and crash-loop',
      fix: expect.stringContaining('podAntiAffinity'),
    }]);
  });

  test('counts an HPA maxReplicas as replicas', () => {
    const objects = [
      workload('edge', { replicas: 1, podSpec: { hostNetwork: true } }),
      { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'edge' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'edge' }, minReplicas: 1, maxReplicas: 4 } },
    ];
    expect(lintRule(objects, 'host-network-replicas').map((f) => f.message)).toEqual([expect.stringContaining('runs 4 replicas')]);
  });

  test('no finding for one replica, a DaemonSet, or a required anti-affinity on the pod labels', () => {
    const objects = [
      workload('single', { replicas: 1, podSpec: { hostNetwork: true } }),
      workload('unset', { podSpec: { hostNetwork: true } }),
      workload('per-node', { kind: 'DaemonSet', podSpec: { hostNetwork: true } }),
      workload('spread', { replicas: 3, podSpec: { hostNetwork: true, ...antiAffinity({ app: 'spread' }) } }),
    ];
    delete objects[1].spec.replicas;
    expect(lintRule(objects, 'host-network-replicas')).toEqual([]);
  });

  test('an anti-affinity that does not select the pod itself does not count', () => {
    const objects = [workload('edge', { replicas: 2, podSpec: { hostNetwork: true, ...antiAffinity({ app: 'other' }) } })];
    expect(lintRule(objects, 'host-network-replicas').map((f) => f.name)).toEqual(['edge']);
  });
});

describe('host-network-dns-policy', () => {
  test('warning for hostNetwork with the default dnsPolicy', () => {
    const objects = [workload('agent', { kind: 'DaemonSet', podSpec: { hostNetwork: true } })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'host-network-dns-policy')).toEqual([expect.objectContaining({
      severity: LintSeverity.WARNING,
      kind: 'DaemonSet',
      name: 'agent',
      field: 'spec.template.spec.dnsPolicy',
      message: 'DaemonSet agent uses hostNetwork: true with dnsPolicy (unset, ClusterFirst): the pod uses the node\'s resolver and cannot resolve cluster Service names',
      fix: 'set dnsPolicy: ClusterFirstWithHostNet on the pod spec',
    })]);
  });

  test('no finding with ClusterFirstWithHostNet or without hostNetwork', () => {
    const objects = [
      workload('agent', { kind: 'DaemonSet', podSpec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } }),
      workload('web'),
    ];
    expect(lintRule(objects, 'host-network-dns-policy')).toEqual([]);
  });
});

describe('host-port-replicas', () => {
  test('error for hostPort on a 2-replica StatefulSet without anti-affinity', () => {
    const objects = [workload('db', { kind: 'StatefulSet', replicas: 2, ports: [{ name: 'pg', containerPort: 5432, hostPort: 5432 }] })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'host-port-replicas')).toEqual([expect.objectContaining({
      severity: LintSeverity.ERROR,
      kind: 'StatefulSet',
      name: 'db',
      field: 'spec.template.spec.containers[0].ports[0].hostPort',
      message: 'StatefulSet db runs 2 replicas with hostPort 5432/TCP and no required pod anti-affinity: at most one replica fits per node, the others stay Pending',
    })]);
  });

  test('no finding for a DaemonSet, one replica, or with anti-affinity', () => {
    const ports = [{ name: 'pg', containerPort: 5432, hostPort: 5432 }];
    const objects = [
      workload('a', { kind: 'DaemonSet', ports }),
      workload('b', { replicas: 1, ports: [{ name: 'pg', containerPort: 5432, hostPort: 15432 }] }),
      workload('c', { replicas: 3, ports: [{ name: 'pg', containerPort: 5432, hostPort: 25432 }], podSpec: antiAffinity({ app: 'c' }) }),
    ];
    expect(lintRule(objects, 'host-port-replicas')).toEqual([]);
  });
});

describe('host-port-rollout-surge', () => {
  test('warning for a hostPort Deployment with the default strategy (25% / 25% = 1 surge / 0 unavailable)', () => {
    const objects = [workload('tsdb', { replicas: 3, ports: [{ name: 'http', containerPort: 8086, hostPort: 8086 }], podSpec: antiAffinity({ app: 'tsdb' }) })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'host-port-rollout-surge')).toEqual([expect.objectContaining({
      severity: LintSeverity.WARNING,
      kind: 'Deployment',
      name: 'tsdb',
      field: 'spec.strategy',
      message: 'Deployment tsdb binds a port on its node and rolls out with maxSurge 1 / maxUnavailable 0: the surge pod needs a node without the app, so the rollout hangs when every eligible node runs one',
    })]);
  });

  test('no finding with surge 0, with room to go unavailable, Recreate, a DaemonSet, or no host port; hostNetwork counts', () => {
    const ports = [{ name: 'http', containerPort: 8086, hostPort: 8086 }];
    const withStrategy = (o: any, strategy: any) => { o.spec.strategy = strategy; return o; };
    const objects = [
      withStrategy(workload('a', { replicas: 3, ports }), { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }),
      withStrategy(workload('b', { replicas: 8, ports: [{ name: 'http', containerPort: 8087, hostPort: 8087 }] }), { type: 'RollingUpdate' }),
      withStrategy(workload('c', { replicas: 3, ports: [{ name: 'http', containerPort: 8088, hostPort: 8088 }] }), { type: 'Recreate' }),
      workload('d', { kind: 'DaemonSet', ports: [{ name: 'http', containerPort: 8089, hostPort: 8089 }] }),
      workload('e', { replicas: 3 }),
    ];
    expect(lintRule(objects, 'host-port-rollout-surge')).toEqual([]);
    const net = workload('f', { replicas: 2, podSpec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } });
    expect(lintRule([net], 'host-port-rollout-surge').map((f: any) => f.message)).toEqual([expect.stringContaining('maxSurge 1 / maxUnavailable 0')]);
  });

  test('PublicWebApp hostPort and hostNetwork Deployments pass it', () => {
    const chart = Testing.chart();
    new PublicWebApp(chart, 'hp', { image: 'x:1', replicas: 3, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true, hostPort: 8086 }) });
    new PublicWebApp(chart, 'hn', { image: 'x:1', port: 9000, replicas: 3, exposure: Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true, daemonSet: false }) });
    expect(lintRule(Testing.synth(chart), 'host-port-rollout-surge')).toEqual([]);
  });
});

describe('host-port-shared', () => {
  test('many workloads on one port: each finding names 5 and counts the rest; a fixed hostIP clashes with the wildcards and itself only', () => {
    const ds = (name: string, hostIP?: string) => workload(name, { kind: 'DaemonSet', ports: [{ name: 'http', containerPort: 8080, hostPort: 80, ...(hostIP ? { hostIP } : {}) }] });
    const objects = [...Array.from({ length: 8 }, (_, i) => ds(`w${i}`)), ds('a1', '10.0.0.1'), ds('a2', '10.0.0.1'), ds('b', '10.0.0.2')];
    expectSchemaValid(objects);
    const byName = new Map(lintRule(objects, 'host-port-shared').map((f) => [f.name, f.message]));
    expect(byName.size).toBe(11);
    // a wildcard binding clashes with all 10 others
    expect(byName.get('w0')).toBe('DaemonSet w0 binds node port 80/TCP which DaemonSet w1, DaemonSet w2, DaemonSet w3, DaemonSet w4, DaemonSet w5 and 5 more also bind: the two cannot run on the same node');
    // 10.0.0.1 clashes with the 8 wildcards and a2, not with 10.0.0.2
    expect(byName.get('a1')).toMatch(/which DaemonSet w0, .* and 4 more also bind:/);
    expect(byName.get('b')).toMatch(/and 3 more also bind:/);
  });

  test('warning on both workloads binding the same host port (hostPort and hostNetwork)', () => {
    const objects = [
      workload('proxy', { kind: 'DaemonSet', namespace: 'edge', ports: [{ name: 'http', containerPort: 8080, hostPort: 80 }] }),
      workload('legacy', { kind: 'DaemonSet', namespace: 'old', ports: [{ name: 'http', containerPort: 80 }], podSpec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } }),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'host-port-shared')).toEqual([
      expect.objectContaining({
        severity: LintSeverity.WARNING,
        kind: 'DaemonSet',
        namespace: 'edge',
        name: 'proxy',
        field: 'spec.template.spec.containers[0].ports[0].hostPort',
        message: 'DaemonSet edge/proxy binds node port 80/TCP which DaemonSet old/legacy also binds: the two cannot run on the same node',
      }),
      expect.objectContaining({
        severity: LintSeverity.WARNING,
        namespace: 'old',
        name: 'legacy',
        field: 'spec.template.spec.containers[0].ports[0].containerPort',
        message: 'DaemonSet old/legacy binds node port 80/TCP which DaemonSet edge/proxy also binds (hostNetwork): the two cannot run on the same node',
      }),
    ]);
  });

  test('no finding for different ports, protocols or distinct host IPs', () => {
    const objects = [
      workload('a', { kind: 'DaemonSet', ports: [{ name: 'dns', containerPort: 53, hostPort: 53, protocol: 'UDP' }] }),
      workload('b', { kind: 'DaemonSet', ports: [{ name: 'dns', containerPort: 53, hostPort: 53, protocol: 'TCP' }] }),
      workload('c', { kind: 'DaemonSet', ports: [{ name: 'http', containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }] }),
      workload('d', { kind: 'DaemonSet', ports: [{ name: 'http', containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }] }),
    ];
    expect(lintRule(objects, 'host-port-shared')).toEqual([]);
  });
});
