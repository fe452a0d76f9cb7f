import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, lintRule, networkPolicy, workload } from './fixtures';
import { Exposure, ExposureLinter, LintSeverity, MeshDataplane, MeshGateway, MeshTls, PublicWebApp } from '../../src';

const sidecar = (name: string, labels: Record<string, string> = { 'sidecar.istio.io/inject': 'true' }) =>
  workload(name, { labels: { app: name, ...labels } });
const dnsOnly = (name: string) => networkPolicy(name, { matchLabels: { app: name } }, {
  policyTypes: ['Ingress', 'Egress'],
  egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
});
const istiodEgress = { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { app: 'istiod' } } }], ports: [{ protocol: 'TCP', port: 15012 }] };

describe('mesh-sidecar-istiod-egress', () => {
  test('error for a sidecar pod whose NetworkPolicy allows DNS only (issue 11, fault 1)', () => {
    const objects = [sidecar('web'), dnsOnly('web'), sidecar('rev', { 'istio.io/rev': '1-24' }), dnsOnly('rev')];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'mesh-sidecar-istiod-egress')).toEqual([
      expect.objectContaining({ name: 'rev' }),
      expect.objectContaining({
        severity: LintSeverity.ERROR,
        kind: 'Deployment',
        name: 'web',
        field: 'spec.template.metadata.labels',
        message: 'Deployment web gets an Istio sidecar but its NetworkPolicies (web) admit no egress on TCP 15012, so the sidecar cannot reach istiod',
      }),
    ]);
  });

  test('no finding with egress to istiod, with open egress, without an egress policy, or without a sidecar', () => {
    const withIstiod = dnsOnly('a');
    withIstiod.spec.egress.push(istiodEgress);
    const range = networkPolicy('c', { matchLabels: { app: 'c' } }, { policyTypes: ['Egress'], ingress: undefined, egress: [{ ports: [{ protocol: 'TCP', port: 15000, endPort: 15100 }] }] });
    const objects = [
      sidecar('a'), withIstiod,
      sidecar('b'), networkPolicy('b', { matchLabels: { app: 'b' } }, { policyTypes: ['Ingress', 'Egress'], egress: [{}] }),
      sidecar('c'), range,
      sidecar('d'), networkPolicy('d', { matchLabels: { app: 'd' } }),
      sidecar('e', { 'istio.io/rev': '1-24', 'sidecar.istio.io/inject': 'false' }), dnsOnly('e'),
      workload('f'), dnsOnly('f'),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'mesh-sidecar-istiod-egress')).toEqual([]);
  });
});

describe('mesh-ambient-network-policy', () => {
  const ambient = (name: string) => workload(name, {
    labels: { 'app': name, 'istio.io/dataplane-mode': 'ambient' },
    podSpec: { containers: [{ name: 'main', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { tcpSocket: { port: 'http' } } }] },
  });
  test('errors when HBONE 15008 or the SNATed probes are not admitted', () => {
    const objects = [ambient('web'), networkPolicy('web', { matchLabels: { app: 'web' } }, { ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] }] })];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'mesh-ambient-network-policy').map((f) => f.message)).toEqual([
      'Deployment web is in the ambient mesh but its NetworkPolicies (web) do not admit HBONE on TCP 15008: mesh traffic to it is dropped',
      'Deployment web is in the ambient mesh but its NetworkPolicies (web) do not admit the kubelet probes on port 8080, which istio-cni SNATs to 169.254.7.127: the pods never become Ready',
    ]);
  });

  test('no finding when both are admitted, or without an ingress policy', () => {
    const objects = [
      ambient('web'),
      networkPolicy('web', { matchLabels: { app: 'web' } }, {
        ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }, { port: 15008 }] }, { from: [{ ipBlock: { cidr: '169.254.7.127/32' } }], ports: [{ port: 8080 }] }],
      }),
      ambient('other'),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'mesh-ambient-network-policy')).toEqual([]);
  });
});

test('the library\'s own mesh apps (sidecar, init-container sidecar, ambient) pass both rules', () => {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) });
  new PublicWebApp(chart, 'a', { image: 'ghcr.io/acme/a:1.0.0', host: 'a.example.com', exposure: Exposure.mesh(edge) });
  new PublicWebApp(chart, 'b', { image: 'ghcr.io/acme/b:1.0.0', host: 'b.example.com', healthCheckPath: '/healthz', exposure: Exposure.mesh(edge, { dataplane: MeshDataplane.AMBIENT }) });
  new PublicWebApp(chart, 'c', { image: 'ghcr.io/acme/c:1.0.0', host: 'c.example.com', exposure: Exposure.mesh(edge, { dataplane: MeshDataplane.SIDECAR_WITH_INIT_CONTAINER, acknowledgePrivilegedNamespace: true }) });
  const findings = new ExposureLinter().lint(Testing.synth(chart)).filter((f) => f.ruleId.startsWith('mesh-'));
  expect(findings).toEqual([]);
});
