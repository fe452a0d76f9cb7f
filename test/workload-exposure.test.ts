import { ApiObject, Chart, Testing } from 'cdk8s';
import { Exposure, IngressController, MeshGateway, MeshTls, PortProtocol, PublicWebApp, Tls, WorkloadExposure } from '../src';
import { byKind, one } from './exposure/helpers';
import { expectError } from './util/errors';
import { expectValid } from './util/schema';
import { kplus } from '../src/internal/plus.generated';
import { warningsOf } from '../src/internal/warnings';

const restricted = {
  ensureNonRoot: true,
  user: 1883,
  group: 1883,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: [kplus.Capability.ALL] },
  seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
};

/** An MQTT broker StatefulSet with the headless Service cdk8s-plus creates for it. */
function broker(chart: Chart, props: Partial<kplus.StatefulSetProps> = {}, image = 'eclipse-mosquitto:2.0.20', id = 'broker'): kplus.StatefulSet {
  return new kplus.StatefulSet(chart, id, {
    replicas: 3,
    containers: [{ name: 'mosquitto', image, ports: [{ number: 1883, name: 'mqtt' }], securityContext: restricted }],
    ...props,
  });
}

const lb = () => Exposure.loadBalancer({ allowSourceRanges: ['203.0.113.0/24'] });

describe('WorkloadExposure', () => {
  test('a StatefulSet behind a LoadBalancer: Service and policy select its matchLabels, PDB, headless Service kept', () => {
    const chart = Testing.chart();
    const sts = broker(chart);
    const e = new WorkloadExposure(chart, 'mqtt', { workload: sts, port: 1883, exposure: lb() });
    const objects = expectValid(chart);
    const services = byKind(objects, 'Service');
    expect(services).toHaveLength(2);
    const svc = services.find((s) => s.metadata.name === 'mqtt');
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.spec.selector).toEqual(sts.matchLabels);
    expect(svc.spec.ports).toEqual([{ name: 'mqtt', port: 1883, targetPort: 1883, protocol: 'TCP' }]);
    expect(svc.spec.loadBalancerSourceRanges).toEqual(['203.0.113.0/24']);
    const headless = services.find((s) => s.metadata.name !== 'mqtt');
    expect(headless.spec.clusterIP).toBe('None');
    const np = one(objects, 'NetworkPolicy');
    expect(np.spec.podSelector.matchLabels).toEqual(sts.matchLabels);
    expect(np.spec.policyTypes).toEqual(['Ingress']);
    expect(np.spec.ingress).toContainEqual({ from: [{ podSelector: { matchLabels: sts.matchLabels } }] });
    expect(np.spec.ingress.some((r: any) => r.from.some((f: any) => f.ipBlock?.cidr === '203.0.113.0/24') && r.ports[0].port === 1883)).toBe(true);
    const pdb = one(objects, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: sts.matchLabels } });
    expect(svc.metadata.labels['app.kubernetes.io/instance']).toBe('mqtt');
    expect(e.service).toBeDefined();
    expect(e.notes()).toContain('kubectl get endpointslices -l kubernetes.io/service-name=mqtt');
    expect(warningsOf(e)).toEqual([]);
    // the workload itself is untouched
    expect(one(objects, 'StatefulSet').spec.template.metadata.labels).toEqual(sts.matchLabels);
  });

  test('internalPeers keep reaching every port; one replica: no PDB', () => {
    const chart = Testing.chart();
    const sts = broker(chart, { replicas: 1 });
    new WorkloadExposure(chart, 'mqtt', { workload: sts, port: 1883, exposure: lb(), internalPeers: [{ namespace: 'iot' }] });
    const objects = expectValid(chart);
    expect(byKind(objects, 'PodDisruptionBudget')).toHaveLength(0);
    expect(one(objects, 'NetworkPolicy').spec.ingress).toContainEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'iot' } } }] });
  });

  test('a DaemonSet gets no PDB; a Deployment without replicas (cdk8s-plus emits 2) gets one', () => {
    const chart = Testing.chart();
    const ds = new kplus.DaemonSet(chart, 'ds');
    ds.addContainer({ image: 'nginx:1.27', portNumber: 8080, securityContext: restricted });
    new WorkloadExposure(chart, 'ds-web', { workload: ds, port: 8080, exposure: Exposure.nodePort() });
    const dep = new kplus.Deployment(chart, 'dep');
    dep.addContainer({ image: 'nginx:1.27', portNumber: 8080, securityContext: restricted });
    new WorkloadExposure(chart, 'dep-web', { workload: dep, port: 8080, exposure: Exposure.ingress({ controller: IngressController.traefik(), allowPlainHttp: true }), host: 'a.example.com' });
    const objects = expectValid(chart);
    expect(byKind(objects, 'PodDisruptionBudget').map((p) => p.metadata.name)).toEqual(['dep-web']);
    expect(one(objects, 'Ingress').spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'dep-web', port: { number: 8080 } });
  });

  test('Pod Security gaps and unpinned images are warnings naming the container', () => {
    const chart = Testing.chart();
    const sts = new kplus.StatefulSet(chart, 'postgres', { containers: [{ name: 'postgres', image: 'postgres', portNumber: 5432 }] });
    const e = new WorkloadExposure(chart, 'db', { workload: sts, port: 5432, exposure: lb() });
    const w = warningsOf(e).join('\n');
    expect(w).toContain('container postgres does not drop ALL capabilities');
    expect(w).toContain("container postgres image 'postgres' is not pinned");
  });

  test('the pod labels a way in needs (Istio sidecar injection) are added through podMetadata; a conflicting one is refused', () => {
    const chart = Testing.chart();
    const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) });
    const dep = new kplus.Deployment(chart, 'shop', { containers: [{ image: 'ghcr.io/acme/shop:1.4.2', portNumber: 8080, securityContext: restricted }] });
    new WorkloadExposure(chart, 'shop-public', { workload: dep, port: 8080, host: 'shop.example.com', exposure: Exposure.mesh(edge) });
    const objects = expectValid(chart);
    const deployment = byKind(objects, 'Deployment')[0];
    expect(deployment.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
    // the route reaches our Service
    const vs = one(objects, 'VirtualService');
    expect(JSON.stringify(vs.spec)).toContain('shop-public');
    const other = Testing.chart();
    const edge2 = new MeshGateway(other, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) });
    const optedOut = new kplus.Deployment(other, 'shop', {
      containers: [{ image: 'ghcr.io/acme/shop:1.4.2', portNumber: 8080, securityContext: restricted }],
      podMetadata: { labels: { 'sidecar.istio.io/inject': 'false' } },
    });
    expectError(() => new WorkloadExposure(other, 'shop-public', { workload: optedOut, port: 8080, host: 'shop.example.com', exposure: Exposure.mesh(edge2) }),
      'workload', 'sidecar.istio.io/inject=false', 'remove the label');
    expect(optedOut.podMetadata.getLabel('sidecar.istio.io/inject')).toBe('false');
  });

  test('what a way in needs of the pods is refused with the fix', () => {
    const hostNet = () => Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true });
    let chart = Testing.chart();
    expectError(() => new WorkloadExposure(chart, 'x', { workload: broker(chart), port: 1883, exposure: hostNet() }),
      'workload', 'one pod per node (daemonSet)', 'kplus.DaemonSet');
    chart = Testing.chart();
    const ds = new kplus.DaemonSet(chart, 'ds');
    ds.addContainer({ image: 'coredns/coredns:1.11.3', portNumber: 53, securityContext: restricted });
    expectError(() => new WorkloadExposure(chart, 'x', { workload: ds, port: 53, exposure: hostNet() }), 'workload', 'hostNetwork: true');
    chart = Testing.chart();
    expectError(() => new WorkloadExposure(chart, 'x', { workload: broker(chart), port: 1883, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true }) }),
      'workload', 'hostPort 1883', 'ports: [{ number: 1883, hostPort: 1883 }]');
    chart = Testing.chart();
    const sts = new kplus.StatefulSet(chart, 'hp', {
      replicas: 2,
      containers: [{ image: 'eclipse-mosquitto:2.0.20', ports: [{ number: 1883, hostPort: 1883 }], securityContext: restricted }],
    });
    expectError(() => new WorkloadExposure(chart, 'x', { workload: sts, port: 1883, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true }) }),
      'workload', 'anti-affinity on kubernetes.io/hostname', 'scheduling.separate');
    // with the anti-affinity it is accepted (a fresh chart: the refused attempt claimed the host port)
    chart = Testing.chart();
    const sts2 = new kplus.StatefulSet(chart, 'hp', {
      replicas: 2,
      containers: [{ image: 'eclipse-mosquitto:2.0.20', ports: [{ number: 1883, hostPort: 1883 }], securityContext: restricted }],
    });
    sts2.scheduling.separate(sts2, { topology: kplus.Topology.HOSTNAME });
    const ok = new WorkloadExposure(chart, 'y', { workload: sts2, port: 1883, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true }) });
    expect(ok.firewallRules().length).toBeGreaterThan(0);
    expect(warningsOf(ok).join('\n')).toContain('privileged');
  });

  test('tls is validated as for PublicWebApp (found by the real API server: an Ingress with secretName "*alias")', () => {
    const chart = new Chart(Testing.app(), 'iot', { namespace: 'iot' });
    const web = broker(chart);
    expectError(() => new WorkloadExposure(chart, 'bad', { workload: web, port: 1883, host: 'mqtt.example.com', tls: Tls.fromSecret('*alias'), exposure: Exposure.ingress() }),
      'tls', '*alias', 'is not a valid Secret name');
    expectError(() => new WorkloadExposure(chart, 'nohost', { workload: web, port: 1883, tls: Tls.fromSecret('mqtt-tls'), exposure: Exposure.ingress() }),
      'tls', 'needs a host');
  });

  test('selectors a Service cannot express, other namespaces, UDP behind HTTP, bad names are refused before anything is created', () => {
    let chart = Testing.chart();
    const sel = new kplus.Deployment(chart, 'sel', { select: false });
    sel.addContainer({ image: 'nginx:1.27', portNumber: 8080 });
    expectError(() => new WorkloadExposure(chart, 'x', { workload: sel, port: 8080, exposure: lb() }), 'workload', 'no matchLabels');
    sel.select(kplus.LabelSelector.of({ expressions: [kplus.LabelExpression.in('tier', ['web'])] }));
    expectError(() => new WorkloadExposure(chart, 'y', { workload: sel, port: 8080, exposure: lb() }), 'workload', 'matchExpressions');
    chart = Testing.chart();
    expectError(() => new WorkloadExposure(chart, 'x', { workload: broker(chart), port: 1883, protocol: PortProtocol.UDP, exposure: Exposure.ingress() }), 'protocol', 'UDP');
    expectError(() => new WorkloadExposure(chart, 'Bad_Name!', { workload: broker(chart, {}, 'a:1', 'b2'), name: 'Bad_Name', port: 1883, exposure: lb() }), 'name', 'Bad_Name');
    const app = Testing.app();
    const other = new Chart(app, 'other', { namespace: 'iot' });
    const mine = new Chart(app, 'mine', { namespace: 'edge' });
    const sts = broker(other);
    expectError(() => new WorkloadExposure(mine, 'x', { workload: sts, port: 1883, exposure: lb() }), 'workload', "namespace 'iot'");
    expect(mine.node.findAll().filter((c) => c instanceof ApiObject)).toHaveLength(0);
    // one object name per namespace, shared with PublicWebApps (both write a Service of that name)
    const web = new kplus.Deployment(chart, 'web-workload', { containers: [{ image: 'nginx:1.27', portNumber: 8080, securityContext: restricted }] });
    new PublicWebApp(chart, 'web', { image: 'nginx:1.27', port: 8080, exposure: Exposure.clusterIp() });
    expectError(() => new WorkloadExposure(chart, 'web2', { name: 'web', workload: web, port: 8080, exposure: lb() }), 'name', "another PublicWebApp ('test/web')");
    expectError(() => new WorkloadExposure(chart, 'z', { workload: broker(chart, {}, 'b:1', 'b3'), port: 1883, exposure: lb(), internalPeers: [{}] }), 'internalPeers[0]');
  });
});
