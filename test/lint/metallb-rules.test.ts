import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, lintRule, service, workload } from './fixtures';
import { Advertisement, BareMetalLB, Exposure, ExposureLinter, LintSeverity, MetalLbMode, PublicWebApp } from '../../src';

const lb = (name: string, ip: string, spec: any = {}, annotations: any = {}) => service(name, { type: 'LoadBalancer', ...spec },
  { annotations: { 'metallb.io/loadBalancerIPs': ip, ...annotations } });

describe('metallb-shared-ip-refused', () => {
  test('error for Services on one address with Local and different selectors, without a common key, or on the same port', () => {
    const share = { 'metallb.io/allow-shared-ip': 'edge' };
    const objects = [
      workload('a'), workload('b'),
      lb('a', '192.168.10.240', { externalTrafficPolicy: 'Local' }, share),
      lb('b', '192.168.10.240', { externalTrafficPolicy: 'Local', ports: [{ name: 'https', port: 443, targetPort: 'http' }] }, share),
      lb('c', '192.168.10.241', { selector: { app: 'a' } }),
      lb('d', '192.168.10.241', { selector: { app: 'a' }, ports: [{ name: 'https', port: 443, targetPort: 'http' }] }),
      lb('e', '192.168.10.242', { selector: { app: 'a' } }, share),
      lb('f', '192.168.10.242', { selector: { app: 'a' } }, share),
    ];
    expectSchemaValid(objects);
    const findings = lintRule(objects, 'metallb-shared-ip-refused');
    expect(findings.map((f) => [f.name, f.severity, f.field])).toEqual([
      ['b', LintSeverity.ERROR, 'metadata.annotations.metallb.io/loadBalancerIPs'],
      ['d', LintSeverity.ERROR, 'metadata.annotations.metallb.io/loadBalancerIPs'],
      ['f', LintSeverity.ERROR, 'metadata.annotations.metallb.io/loadBalancerIPs'],
    ]);
    expect(findings[0].message).toBe('Service b asks for 192.168.10.240, which Service a also asks for, but with externalTrafficPolicy Local MetalLB shares an address only between Services with identical selectors (app=a vs app=b): MetalLB refuses to share the address and one Service stays <pending>');
    expect(findings[1].message).toContain('Service c has no metallb.io/allow-shared-ip sharing key');
    expect(findings[2].message).toContain('both use port TCP/80');
  });

  test('no finding with one key, different ports and Cluster (or identical selectors), with the deprecated key, or on different addresses', () => {
    const objects = [
      workload('a'),
      lb('a', '192.168.10.240', { externalTrafficPolicy: 'Local' }, { 'metallb.io/allow-shared-ip': 'k' }),
      lb('a-udp', '192.168.10.240', { externalTrafficPolicy: 'Local', selector: { app: 'a' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }] }, { 'metallb.universe.tf/allow-shared-ip': 'k' }),
      lb('x', '192.168.10.241', { selector: { app: 'a' } }, { 'metallb.io/allow-shared-ip': 'k2' }),
      lb('y', '192.168.10.241', { selector: { app: 'b' }, ports: [{ name: 'https', port: 443, targetPort: 'http' }] }, { 'metallb.io/allow-shared-ip': 'k2' }),
      lb('z', '192.168.10.242', { selector: { app: 'a' } }),
      // the same Service twice (e.g. two charts writing it): applied, one replaces the other
      lb('twice', '192.168.10.243'), lb('twice', '192.168.10.243'),
    ];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'metallb-shared-ip-refused')).toEqual([]);
  });
});

const pool = (name: string, labels?: any) => ({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: 'metallb-system', ...(labels ? { labels } : {}) }, spec: { addresses: ['192.168.10.240/28'] } });
const l2 = (name: string, spec: any = {}, namespace = 'metallb-system') => ({ apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { name, namespace }, spec });

describe('metallb-pool-not-advertised', () => {
  test('error for a pool no advertisement of its namespace names or selects', () => {
    const objects = [pool('lan'), pool('dmz'), l2('lan', { ipAddressPools: ['lan'] }), l2('all', {}, 'other')];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'metallb-pool-not-advertised')).toEqual([expect.objectContaining({
      kind: 'IPAddressPool',
      name: 'dmz',
      namespace: 'metallb-system',
      severity: LintSeverity.ERROR,
      message: 'IPAddressPool metallb-system/dmz is covered by no L2Advertisement or BGPAdvertisement (L2Advertisement metallb-system/lan name other pools): its addresses are assigned but never announced',
    })]);
    expect(lintRule([pool('lan')], 'metallb-pool-not-advertised')[0].message).toContain('in namespace metallb-system');
  });

  test('no finding for an advertisement with no pool fields (every pool), a name, or a label selector', () => {
    expect(lintRule([pool('a'), pool('b'), l2('all')], 'metallb-pool-not-advertised')).toEqual([]);
    const bgp = { apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: { name: 'bgp', namespace: 'metallb-system' }, spec: { ipAddressPoolSelectors: [{ matchLabels: { tier: 'wan' } }] } };
    const objects = [pool('a', { tier: 'wan' }), pool('b'), l2('b', { ipAddressPools: ['b'] }), bgp];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'metallb-pool-not-advertised')).toEqual([]);
  });
});

describe('metallb-bgp-password-secret', () => {
  const peer = { apiVersion: 'metallb.io/v1beta2', kind: 'BGPPeer', metadata: { name: 'tor', namespace: 'metallb-system' }, spec: { myASN: 64512, peerASN: 64513, peerAddress: '10.0.0.1', passwordSecret: { name: 'bgp-auth', namespace: 'metallb-system' } } };
  const secret = (name: string, type: string, data: any = { password: 'c2VjcmV0' }) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'metallb-system' }, type, data });

  test('error for a missing Secret (when the input holds Secrets of the namespace), a wrong type, or no password key', () => {
    const missing = [peer, secret('other', 'Opaque')];
    expectSchemaValid(missing);
    expect(lintRule(missing, 'metallb-bgp-password-secret')).toEqual([expect.objectContaining({
      kind: 'BGPPeer',
      name: 'tor',
      field: 'spec.passwordSecret.name',
      message: 'BGPPeer metallb-system/tor reads its BGP password from Secret metallb-system/bgp-auth, which is not among the Secrets of namespace metallb-system in the input: MetalLB does not load its configuration',
    })]);
    expect(lintRule([peer, secret('bgp-auth', 'Opaque')], 'metallb-bgp-password-secret')[0].message).toContain('whose type is Opaque, not kubernetes.io/basic-auth');
    expect(lintRule([peer, secret('bgp-auth', 'kubernetes.io/basic-auth', { username: 'eA==' })], 'metallb-bgp-password-secret')[0].message).toContain('has no key password');
  });

  test('no finding with a basic-auth Secret with a password, or when the input holds no Secret of the namespace', () => {
    expect(lintRule([peer, secret('bgp-auth', 'kubernetes.io/basic-auth')], 'metallb-bgp-password-secret')).toEqual([]);
    expect(lintRule([peer], 'metallb-bgp-password-secret')).toEqual([]);
  });
});

test('BareMetalLB output passes the MetalLB rules', () => {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const metal = new BareMetalLB(chart, 'lb', { pools: [{ name: 'lan', addresses: ['192.168.10.240-192.168.10.250'] }, { name: 'dmz', addresses: ['192.168.20.16/28'] }], advertisement: Advertisement.l2() });
  new PublicWebApp(chart, 'web', { image: 'nginx:1.27', exposure: Exposure.loadBalancer({ provider: metal.provider({ pool: 'lan', address: '192.168.10.241', sharingKey: 'edge' }) }) });
  const objects = Testing.synth(chart);
  expect(objects.filter((o) => o.kind === 'IPAddressPool')).toHaveLength(2);
  expect(new ExposureLinter().lint(objects).filter((f) => f.ruleId.startsWith('metallb-'))).toEqual([]);
});

describe('metallb-frr-only-in-native', () => {
  const peer = (name: string, spec: any) => ({ apiVersion: 'metallb.io/v1beta2', kind: 'BGPPeer', metadata: { name, namespace: 'metallb-system' }, spec: { myASN: 64500, peerASN: 64501, peerAddress: '10.0.0.1', ...spec } });
  const ipPool = (name: string, addresses: string[]) => ({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: 'metallb-system' }, spec: { addresses } });
  const adv = (name: string, spec: any) => ({ apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: { name, namespace: 'metallb-system' }, spec });
  const speaker = (env: any[]) => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'speaker', namespace: 'metallb-system' },
    spec: { selector: { matchLabels: { app: 'metallb' } }, template: { metadata: { labels: { app: 'metallb' } }, spec: { containers: [{ name: 'speaker', image: 'quay.io/metallb/speaker:v0.16.1', env }] } } },
  });
  const config = [
    peer('bfd', { bfdProfile: 'fast' }), peer('keepalive', { keepaliveTime: '30s' }), peer('plain', {}),
    ipPool('v4', ['203.0.113.0/28']), ipPool('v6', ['2001:db8::/124']),
    adv('large', { ipAddressPools: ['v4'], communities: ['large:64500:1:2'] }), adv('six', { ipAddressPools: ['v6'] }), adv('ok', { ipAddressPools: ['v4'], communities: ['65535:65282'] }),
  ];

  test('error for each FRR-only setting when the speaker in the input runs native (no METALLB_BGP_TYPE), or metallbMode says native', () => {
    const fromSpeaker = lintRule([...config, speaker([])], 'metallb-frr-only-in-native');
    expect(fromSpeaker.map((f) => `${f.kind}/${f.name} ${f.field}`).sort()).toEqual([
      'BGPAdvertisement/large spec.communities', 'BGPAdvertisement/six spec.ipAddressPools', 'BGPPeer/bfd spec.bfdProfile', 'BGPPeer/keepalive spec.keepaliveTime',
    ]);
    expect(fromSpeaker.find((f) => f.name === 'bfd')!.message).toContain('runs in native mode: it refuses its whole configuration');
    const fromOption = new ExposureLinter({ metallbMode: MetalLbMode.NATIVE }).lint(config).filter((f) => f.ruleId === 'metallb-frr-only-in-native');
    expect(fromOption).toHaveLength(4);
  });

  test('no finding in FRR or FRR-K8s mode, or when the mode is unknown', () => {
    expect(lintRule([...config, speaker([{ name: 'METALLB_BGP_TYPE', value: 'frr-k8s' }])], 'metallb-frr-only-in-native')).toEqual([]);
    expect(lintRule(config, 'metallb-frr-only-in-native')).toEqual([]);
    expect(new ExposureLinter({ metallbMode: MetalLbMode.FRR }).lint([...config, speaker([])]).filter((f) => f.ruleId === 'metallb-frr-only-in-native')).toEqual([]);
  });

  test('a mode that does not exist is refused', () => {
    expect(() => new ExposureLinter({ metallbMode: 'bird' as MetalLbMode })).toThrow(/metallbMode/);
  });
});
