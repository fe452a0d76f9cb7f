import { Chart, Testing } from 'cdk8s';
import { appWith, byKind, one } from './helpers';
import { Exposure } from '../../src';
import { expectValid } from '../util/schema';

const ack = { acknowledgePrivilegedNamespace: true };

describe('Exposure.hostNetwork', () => {
  test('defaults: a DaemonSet on the host network with ClusterFirstWithHostNet DNS', () => {
    const { chart, web } = appWith(Exposure.hostNetwork(ack));
    const objects = expectValid(chart, { privilegedWorkloads: ['web'] });
    expect(objects).toMatchSnapshot();
    expect(byKind(objects, 'Deployment')).toHaveLength(0);
    expect(byKind(objects, 'PodDisruptionBudget')).toHaveLength(0);
    const ds = one(objects, 'DaemonSet');
    const spec = ds.spec.template.spec;
    expect(spec.hostNetwork).toBe(true);
    expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(spec.affinity).toBeUndefined();
    expect(spec.containers[0].securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(web.daemonSet).toBeDefined();
    expect(web.deployment).toBeUndefined();
    expect(one(objects, 'Service').spec.type).toBe('ClusterIP');
    expect(web.accessInfo()).toContain('NetworkPolicy does not');
  });

  test('daemonSet false: a Deployment with required anti-affinity (the 10-replicas-on-2-nodes crash becomes Pending)', () => {
    const { chart } = appWith(Exposure.hostNetwork({ ...ack, daemonSet: false, nodeSelector: { edge: 'true' } }), { replicas: 10 });
    const objects = expectValid(chart, { privilegedWorkloads: ['web'] });
    const deploy = one(objects, 'Deployment');
    expect(deploy.spec.replicas).toBe(10);
    const spec = deploy.spec.template.spec;
    expect(spec.hostNetwork).toBe(true);
    expect(spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, topologyKey: 'kubernetes.io/hostname' },
    ]);
    expect(spec.nodeSelector).toEqual({ edge: 'true' });
    // issue 11 fault 12: a surge pod would need a node without the app; replace in place instead.
    expect(deploy.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    expect(one(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });

  test('replicas with the default DaemonSet is refused, not silently ignored', () => {
    expect(() => appWith(Exposure.hostNetwork(ack), { replicas: 3 }))
      .toThrow(/replicas=3: the exposure runs the app as a DaemonSet \(one pod on every eligible node\), so a replica count would be ignored\. Fix: drop replicas .* or set the exposure's daemonSet: false/);
    expect(() => appWith(Exposure.hostNetwork({ ...ack, daemonSet: true }), { replicas: 1 })).toThrow(/replicas=1/);
  });

  test('port below 1024 adds NET_BIND_SERVICE', () => {
    const { chart } = appWith(Exposure.hostNetwork(ack), { port: 80 });
    const spec = one(expectValid(chart, { privilegedWorkloads: ['web'] }), 'DaemonSet').spec.template.spec;
    expect(spec.containers[0].securityContext.capabilities.add).toEqual(['NET_BIND_SERVICE']);
  });

  test('refused inputs', () => {
    expect(() => appWith(Exposure.hostNetwork({ acknowledgePrivilegedNamespace: false }), {}, new Chart(Testing.app(), 'c')))
      .toThrow(/exposure.acknowledgePrivilegedNamespace=false: hostNetwork violates Pod Security "baseline", so the pods are rejected unless the target namespace is labelled pod-security.kubernetes.io\/enforce: privileged/);
    expect(() => appWith(Exposure.hostNetwork({ ...ack, daemonSet: 'no' as any }))).toThrow(/exposure.daemonSet="no": must be true or false/);
    expect(() => appWith(Exposure.hostNetwork(ack), { port: 10250 })).toThrow(/port=10250: port 10250 belongs to kubelet/);
    expect(() => appWith(Exposure.hostNetwork({ ...ack, nodeSelector: [] as any }))).toThrow(/exposure.nodeSelector=\[\]/);
  });

  test('two hostNetwork apps on one port clash', () => {
    const app = Testing.app();
    appWith(Exposure.hostNetwork(ack), { name: 'one' }, new Chart(app, 'a'));
    expect(() => appWith(Exposure.hostNetwork(ack), { name: 'two' }, new Chart(app, 'b'))).toThrow(/b\/web': port=8080: 'a\/web' also binds port 8080/);
  });
});
