import { Chart, Testing } from 'cdk8s';
import { appWith, byKind, one } from './helpers';
import { Exposure, PublicWebApp } from '../../src';
import { expectValid } from '../util/schema';

const ack = { acknowledgePrivilegedNamespace: true };

describe('Exposure.hostPort', () => {
  test('defaults: hostPort = container port, one replica per node, ClusterIP Service, hardened container', () => {
    const { chart, web } = appWith(Exposure.hostPort(ack), { port: 8086 });
    const objects = expectValid(chart, { privilegedWorkloads: ['web'] });
    expect(objects).toMatchSnapshot();
    const deploy = one(objects, 'Deployment');
    const spec = deploy.spec.template.spec;
    expect(spec.containers[0].ports[0]).toMatchObject({ containerPort: 8086, hostPort: 8086 });
    expect(spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
    expect(spec.hostNetwork).not.toBe(true);
    const sc = spec.containers[0].securityContext;
    expect(sc).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
    expect(sc.capabilities.add).toBeUndefined();
    expect(one(objects, 'Service').spec.type).toBe('ClusterIP');
    expect(one(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
    expect(web.accessInfo()).toContain('http://<node-ip>:8086/');
  });

  // issue 11 fault 12: the default 25%/25% strategy (1 surge / 0 unavailable) needs a free node and hangs without one.
  test('rollouts cannot stall: surge 0 / unavailable 1, and a PodDisruptionBudget that lets drains progress', () => {
    const { chart } = appWith(Exposure.hostPort({ ...ack, hostPort: 8086 }), { replicas: 3 });
    const objects = expectValid(chart, { privilegedWorkloads: ['web'] });
    const deploy = one(objects, 'Deployment');
    expect(deploy.spec.replicas).toBe(3);
    expect(deploy.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    const pdb = one(objects, 'PodDisruptionBudget');
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec.minAvailable).toBeUndefined();
  });

  test('daemonSet: true runs one pod per (selected) node; replicas is refused, not ignored', () => {
    const { chart, web } = appWith(Exposure.hostPort({ ...ack, daemonSet: true, nodeSelector: { edge: 'true' } }));
    const objects = expectValid(chart, { privilegedWorkloads: ['web'] });
    expect(byKind(objects, 'Deployment')).toHaveLength(0);
    expect(byKind(objects, 'PodDisruptionBudget')).toHaveLength(0);
    const ds = one(objects, 'DaemonSet');
    // the DaemonSet default (RollingUpdate, maxUnavailable 1, maxSurge 0) replaces in place: a surge pod could not bind the port
    expect(ds.spec.updateStrategy?.rollingUpdate?.maxSurge ?? 0).toBe(0);
    const spec = ds.spec.template.spec;
    expect(spec.containers[0].ports[0]).toMatchObject({ containerPort: 8080, hostPort: 8080 });
    expect(spec.affinity).toBeUndefined();
    expect(spec.nodeSelector).toEqual({ edge: 'true' });
    expect(web.daemonSet).toBeDefined();
    expect(web.accessInfo()).toContain('on any selected node (a DaemonSet runs one pod on each)');
    expect(() => appWith(Exposure.hostPort({ ...ack, daemonSet: true }), { replicas: 3 }))
      .toThrow(/'test\/web': replicas=3: the exposure runs the app as a DaemonSet.*Fix: drop replicas/);
    expect(() => appWith(Exposure.hostPort({ ...ack, daemonSet: 'yes' as any }))).toThrow(/exposure.daemonSet="yes": must be true or false/);
  });

  test('only baseline stands in the way: the pods pass everything else of restricted', () => {
    const { chart } = appWith(Exposure.hostPort(ack));
    expect(() => expectValid(chart)).toThrow(/hostPort 8080/);
  });

  test('port below 1024 adds NET_BIND_SERVICE; nodeSelector and source ranges', () => {
    const { chart } = appWith(Exposure.hostPort({ ...ack, hostPort: 80, nodeSelector: { 'node-role.kubernetes.io/edge': 'true' }, allowSourceRanges: ['198.51.100.0/24'] }), { port: 80 });
    const objects = expectValid(chart, { privilegedWorkloads: ['web'] });
    const spec = one(objects, 'Deployment').spec.template.spec;
    expect(spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
    expect(spec.containers[0].ports[0].hostPort).toBe(80);
    expect(spec.nodeSelector).toEqual({ 'node-role.kubernetes.io/edge': 'true' });
    expect(one(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '198.51.100.0/24' } }]);
  });

  test('refuses without the acknowledgement, naming the namespace label', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'tsdb' });
    expect(() => appWith(Exposure.hostPort({} as any), {}, chart))
      .toThrow(/exposure.acknowledgePrivilegedNamespace=\(unset\): a container hostPort violates Pod Security "baseline", so the pods are rejected unless namespace 'tsdb' is labelled pod-security.kubernetes.io\/enforce: privileged/);
    expect(() => appWith(Exposure.hostPort({ acknowledgePrivilegedNamespace: false }))).toThrow(/acknowledgePrivilegedNamespace=false/);
    expect(() => appWith(Exposure.hostPort({ acknowledgePrivilegedNamespace: 'yes' as any }))).toThrow(/acknowledgePrivilegedNamespace="yes": must be true or false/);
    expect(() => appWith(Exposure.hostPort(undefined as any))).toThrow(/acknowledgePrivilegedNamespace=\(unset\)/);
  });

  test('refused inputs', () => {
    expect(() => appWith(Exposure.hostPort({ ...ack, hostPort: 70000 }))).toThrow(/exposure.hostPort=70000: must be a whole number from 1 to 65535/);
    expect(() => appWith(Exposure.hostPort({ ...ack, hostPort: 10250 }))).toThrow(/exposure.hostPort=10250: port 10250 belongs to kubelet/);
    expect(() => appWith(Exposure.hostPort(ack), { port: 22 })).toThrow(/port=22: port 22 belongs to sshd/);
    expect(() => appWith(Exposure.hostPort({ ...ack, nodeSelector: {} }))).toThrow(/exposure.nodeSelector=\{\}: an empty nodeSelector/);
    expect(() => appWith(Exposure.hostPort({ ...ack, nodeSelector: { 'a b': 'x' } }))).toThrow(/exposure.nodeSelector="a b": is not a valid label key/);
    expect(() => appWith(Exposure.hostPort({ ...ack, nodeSelector: { a: 5 as any } }))).toThrow(/exposure.nodeSelector.a=5/);
    expect(() => appWith(Exposure.hostPort({ ...ack, allowSourceRanges: [] }))).toThrow(/exposure.allowSourceRanges=\[\]/);
    expect(() => appWith(Exposure.hostPort({ ...ack, allowSourceRanges: ['::/0'] }))).toThrow(/exposure.allowSourceRanges\[0\]="::\/0"/);
  });

  test('clashes across the App: same host port on shared nodes, hostNetwork, pinned nodePort', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b', { namespace: 'b' });
    new PublicWebApp(a, 'influx', { image: 'influxdb:2.7', port: 8086, exposure: Exposure.hostPort(ack) });
    expect(() => new PublicWebApp(b, 'other', { image: 'x:1', port: 9000, exposure: Exposure.hostPort({ ...ack, hostPort: 8086 }) }))
      .toThrow(/b\/other': exposure.hostPort=8086: 'a\/influx' also binds port 8086 on the nodes/);
    expect(() => new PublicWebApp(b, 'net', { image: 'x:1', port: 8086, exposure: Exposure.hostNetwork(ack) }))
      .toThrow(/port=8086: 'a\/influx' also binds port 8086/);
    new PublicWebApp(b, 'np', { image: 'x:1', exposure: Exposure.nodePort({ nodePort: 30086 }) });
    expect(() => new PublicWebApp(b, 'hp', { image: 'x:1', exposure: Exposure.hostPort({ ...ack, hostPort: 30086 }) }))
      .toThrow(/exposure.hostPort=30086: 'b\/np' uses 30086 as a Service nodePort/);
    new PublicWebApp(b, 'hp2', { image: 'x:1', exposure: Exposure.hostPort({ ...ack, hostPort: 30087 }) });
    expect(() => new PublicWebApp(b, 'np2', { image: 'x:1', exposure: Exposure.nodePort({ nodePort: 30087 }) }))
      .toThrow(/exposure.nodePort=30087: 'b\/hp2' binds port 30087 on the nodes/);
  });

  test('disjoint nodeSelectors may share a port', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    new PublicWebApp(c, 'blue', { image: 'x:1', exposure: Exposure.hostPort({ ...ack, nodeSelector: { pool: 'blue' } }) });
    new PublicWebApp(c, 'green', { image: 'x:1', exposure: Exposure.hostPort({ ...ack, nodeSelector: { pool: 'green' } }) });
    expect(() => new PublicWebApp(c, 'any', { image: 'x:1', exposure: Exposure.hostPort({ ...ack, nodeSelector: { zone: 'a' } }) }))
      .toThrow(/'c\/blue' also binds port 8080/);
    expectValid(c, { privilegedWorkloads: ['blue', 'green'] });
  });
});
