import { Testing } from 'cdk8s';
import { expectSchemaValid, lintRule, workload } from './fixtures';
import { CniPlugin, Exposure, ExposureLinter, Ipam, LintSeverity, NetworkAttachment, PublicWebApp } from '../../src';
import { newChart } from '../util/app';

const NAD = (name: string, namespace = 'shop') => ({
  apiVersion: 'k8s.cni.cncf.io/v1',
  kind: 'NetworkAttachmentDefinition',
  metadata: { name, namespace },
  spec: { config: JSON.stringify({ cniVersion: '1.0.0', name, plugins: [{ type: 'macvlan', master: 'eth1', ipam: { type: 'dhcp' } }] }) },
});
const POLICY = (policyFor: string, matchLabels: any, extra: any = {}) => ({
  apiVersion: 'k8s.cni.cncf.io/v1beta1',
  kind: 'MultiNetworkPolicy',
  metadata: { name: 'p', namespace: 'shop', annotations: { 'k8s.v1.cni.cncf.io/policy-for': policyFor } },
  spec: { podSelector: { matchLabels }, policyTypes: ['Ingress', 'Egress'], ...extra },
});
function attached(annotation: string, name = 'db'): any {
  const w = workload(name, { namespace: 'shop' });
  w.spec.template.metadata.annotations = { 'k8s.v1.cni.cncf.io/networks': annotation };
  return w;
}

describe('secondary-network-missing-attachment', () => {
  test('error for a network named in JSON or text form that is not in the input', () => {
    const objects = [
      attached('[{"name":"storage","interface":"net1"},{"name":"external","namespace":"net"}]'),
      attached('storage@net1, other/missing', 'text'),
      NAD('storage'),
    ];
    expectSchemaValid(objects);
    const findings = lintRule(objects, 'secondary-network-missing-attachment');
    expect(findings.map((f) => [f.name, f.message])).toEqual([
      ['db', expect.stringContaining('selects secondary network net/external, and no NetworkAttachmentDefinition net/external is in the input')],
      ['text', expect.stringContaining('other/missing')],
    ]);
    expect(findings[0]).toMatchObject({ severity: LintSeverity.ERROR, kind: 'Deployment', namespace: 'shop', field: 'spec.template.metadata.annotations' });
  });

  test('an unreadable annotation is reported; a definition in the pod namespace satisfies a bare name', () => {
    expect(lintRule([attached('[{"interface":"net1"}]')], 'secondary-network-missing-attachment').map((f) => f.message)).toEqual([expect.stringContaining('neither a JSON list')]);
    expect(lintRule([attached('storage'), NAD('storage')], 'secondary-network-missing-attachment')).toEqual([]);
    expect(lintRule([attached('storage'), NAD('storage', 'other')], 'secondary-network-missing-attachment')).toHaveLength(1);
  });
});

describe('secondary-network-no-policy', () => {
  test('warning without a MultiNetworkPolicy for that network selecting the pod', () => {
    const objects = [attached('[{"name":"storage"}]'), NAD('storage')];
    expect(lintRule(objects, 'secondary-network-no-policy')).toEqual([expect.objectContaining({
      severity: LintSeverity.WARNING,
      name: 'db',
      message: 'Deployment shop/db is attached to secondary network shop/storage and no MultiNetworkPolicy for that network selects it: its interface on that network is open to every peer',
    })]);
    // a policy for another network, or selecting other pods, does not count
    expect(lintRule([...objects, POLICY('shop/other', { app: 'db' }), POLICY('storage', { app: 'web' })], 'secondary-network-no-policy')).toHaveLength(1);
    // an egress-only policy leaves ingress open
    expect(lintRule([...objects, POLICY('storage', { app: 'db' }, { policyTypes: ['Egress'] })], 'secondary-network-no-policy')).toHaveLength(1);
  });

  test('no finding with a policy naming the network (bare or namespaced) and selecting the pod', () => {
    const objects = [attached('[{"name":"storage"}]'), NAD('storage')];
    expect(lintRule([...objects, POLICY('storage', { app: 'db' })], 'secondary-network-no-policy')).toEqual([]);
    expect(lintRule([...objects, POLICY('x, shop/storage', { app: 'db' })], 'secondary-network-no-policy')).toEqual([]);
  });

  test('what PublicWebApp and NetworkAttachment synthesize passes both rules', () => {
    const { app, chart } = newChart();
    const n = new NetworkAttachment(chart, 'external', { plugin: CniPlugin.macvlan({ master: 'eth1' }), ipam: Ipam.whereabouts({ range: '192.0.2.0/24' }) });
    new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0', exposure: Exposure.clusterIp(), secondaryNetworks: [{ attachment: n }] });
    const findings = new ExposureLinter().lint(Testing.synth(chart)).filter((f) => f.ruleId.startsWith('secondary-network'));
    expect(findings).toEqual([]);
    expect(app).toBeDefined();
  });
});
