import { Chart, Testing } from 'cdk8s';
import {
  CniPlugin, Exposure, ExposeErrors, Ipam, IpvlanMode, MacvlanMode, NetworkAttachment, PublicWebApp, SecondaryNetworkProtocol,
} from '../../src';
import { newChart, objectOf, objectsOf } from '../util/app';
import { schemaErrors, expectValid } from '../util/schema';

function configOf(objects: any[], name: string): any {
  return JSON.parse(objectOf(objects, 'NetworkAttachmentDefinition', name).spec.config);
}

function expectRefusal(fn: () => unknown, prop: string, text?: RegExp): void {
  let caught: any;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeDefined();
  expect(ExposeErrors.isExposeError(caught)).toBe(true);
  expect(caught.prop).toBe(prop);
  expect(caught.message).toContain('Fix:');
  if (text) expect(caught.message).toMatch(text);
}

describe('NetworkAttachment', () => {
  test('macvlan + whereabouts: a CNI 1.0.0 plugin list with the plugins\' own field names', () => {
    const { chart } = newChart();
    const nad = new NetworkAttachment(chart, 'External', {
      plugin: CniPlugin.macvlan({ master: 'eth1' }),
      ipam: Ipam.whereabouts({ range: '192.0.2.0/24', exclude: ['192.0.2.1/32'], gateway: '192.0.2.1' }),
      mtu: 1500,
    });
    const objects = expectValid(chart);
    const def = objectOf(objects, 'NetworkAttachmentDefinition', 'external');
    expect(def.apiVersion).toBe('k8s.cni.cncf.io/v1');
    expect(def.metadata.namespace).toBe('shop');
    expect(JSON.parse(def.spec.config)).toEqual({
      cniVersion: '1.0.0',
      name: 'external',
      plugins: [{
        type: 'macvlan',
        master: 'eth1',
        mode: 'bridge',
        mtu: 1500,
        ipam: { type: 'whereabouts', range: '192.0.2.0/24', exclude: ['192.0.2.1/32'], gateway: '192.0.2.1' },
      }],
    });
    expect(nad.cniConfig).toBe(def.spec.config);
  });

  test('every plugin factory writes its fields; SR-IOV annotates the resource name', () => {
    const { chart } = newChart();
    new NetworkAttachment(chart, 'ipv', { plugin: CniPlugin.ipvlan({ master: 'bond0', mode: IpvlanMode.L3S }), ipam: Ipam.dhcp() });
    new NetworkAttachment(chart, 'br', { plugin: CniPlugin.bridge({ bridge: 'br-storage', vlan: 20, isGateway: true }), ipam: Ipam.hostLocal({ ranges: [{ subnet: '10.20.0.0/24', rangeStart: '10.20.0.10', rangeEnd: '10.20.0.99', gateway: '10.20.0.1' }] }) });
    new NetworkAttachment(chart, 'dev', { plugin: CniPlugin.hostDevice({ device: 'ens2f1' }) });
    new NetworkAttachment(chart, 'vl', { plugin: CniPlugin.vlan({ master: 'eth1', vlanId: 100 }), ipam: Ipam.static({ addresses: ['198.51.100.10/24'], gateway: '198.51.100.1', routes: [{ dst: '203.0.113.0/24' }] }) });
    new NetworkAttachment(chart, 'vf', { plugin: CniPlugin.sriov({ resourceName: 'intel.com/intel_sriov_netdevice', vlan: 7 }), ipam: Ipam.whereabouts({ range: '172.16.8.0/24' }) });
    new NetworkAttachment(chart, 'mac', { plugin: CniPlugin.macvlan({ master: 'eth2', mode: MacvlanMode.PRIVATE }), ipam: Ipam.static(), perPodMac: true });
    const objects = expectValid(chart);
    expect(configOf(objects, 'ipv').plugins).toEqual([{ type: 'ipvlan', master: 'bond0', mode: 'l3s', ipam: { type: 'dhcp' } }]);
    expect(configOf(objects, 'br').plugins[0]).toEqual({
      type: 'bridge',
      bridge: 'br-storage',
      vlan: 20,
      isGateway: true,
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.20.0.0/24', rangeStart: '10.20.0.10', rangeEnd: '10.20.0.99', gateway: '10.20.0.1' }]] },
    });
    expect(configOf(objects, 'dev').plugins).toEqual([{ type: 'host-device', device: 'ens2f1', ipam: {} }]);
    expect(configOf(objects, 'vl').plugins[0]).toEqual({
      type: 'vlan',
      master: 'eth1',
      vlanId: 100,
      ipam: { type: 'static', addresses: [{ address: '198.51.100.10/24', gateway: '198.51.100.1' }], routes: [{ dst: '203.0.113.0/24' }] },
    });
    const vf = objectOf(objects, 'NetworkAttachmentDefinition', 'vf');
    expect(vf.metadata.annotations).toEqual({ 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/intel_sriov_netdevice' });
    expect(configOf(objects, 'vf').plugins[0]).toEqual({ type: 'sriov', vlan: 7, ipam: { type: 'whereabouts', range: '172.16.8.0/24' } });
    // static IPAM without addresses: ips come from the pod (capability ips); per-pod MAC through tuning
    expect(configOf(objects, 'mac').plugins).toEqual([
      { type: 'macvlan', master: 'eth2', mode: 'private', capabilities: { ips: true }, ipam: { type: 'static' } },
      { type: 'tuning', capabilities: { mac: true } },
    ]);
  });

  test('the schema check reads the CNI JSON: an unknown field or a bad mode is an error', () => {
    const nad = (config: any) => [{ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'x', namespace: 'shop' }, spec: { config: JSON.stringify(config) } }];
    const ok = { cniVersion: '1.0.0', name: 'x', plugins: [{ type: 'macvlan', master: 'eth1', ipam: {} }] };
    expect(schemaErrors(nad(ok))).toEqual([]);
    expect(schemaErrors(nad({ ...ok, plugins: [{ ...ok.plugins[0], mode: 'l2' }] })).join()).toMatch(/mode/);
    expect(schemaErrors(nad({ ...ok, plugins: [{ ...ok.plugins[0], vlanid: 3 }] })).join()).toMatch(/unknown field/);
    expect(schemaErrors(nad({ ...ok, plugins: [{ ...ok.plugins[0], capabilities: { ips: true } }] })).join()).toMatch(/needs static IPAM/);
    expect(schemaErrors(nad({ ...ok, cniVersion: '2.0.0' })).join()).toMatch(/cniVersion/);
    const mnp = [{ apiVersion: 'k8s.cni.cncf.io/v1beta1', kind: 'MultiNetworkPolicy', metadata: { name: 'p', namespace: 'shop' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 80, endPort: 90 }] }] } }];
    const errs = schemaErrors(mnp).join('\n');
    expect(errs).toMatch(/endPort/);
    expect(errs).toMatch(/policy-for/);
  });

  test('refusals: names, VLANs, MTU, ranges, gateways, overlaps', () => {
    const mk = (props: any, id = 'n') => () => new NetworkAttachment(newChart().chart, id, props);
    const mac = CniPlugin.macvlan({ master: 'eth1' });
    expectRefusal(mk({ plugin: CniPlugin.macvlan({ master: 'a-very-long-ifname' }) }), 'plugin.master', /Linux interface name/);
    for (const bad of ['eth 1', 'eth1/2', 'eth1:0', '.', '..', '']) expectRefusal(mk({ plugin: CniPlugin.macvlan({ master: bad }) }), 'plugin.master');
    expectRefusal(mk({ plugin: CniPlugin.vlan({ master: 'eth1', vlanId: 4095 }) }), 'plugin.vlanId', /VLAN/);
    expectRefusal(mk({ plugin: CniPlugin.vlan({ master: 'eth1', vlanId: 0 }) }), 'plugin.vlanId');
    expectRefusal(mk({ plugin: CniPlugin.bridge({ bridge: 'br0', vlan: 5000 }) }), 'plugin.vlan');
    expectRefusal(mk({ plugin: mac, mtu: 575 }), 'mtu', /576/);
    // misspelt keys from JavaScript are refused with the nearest name, in the props and in the factories' options
    expectRefusal(mk({ plugin: mac, mut: 1500 }), 'mut', /did you mean mtu/);
    expectRefusal(mk({ plugin: CniPlugin.macvlan({ master: 'eth1', mdoe: MacvlanMode.BRIDGE } as any) }), 'plugin.mdoe', /did you mean mode/);
    expectRefusal(mk({ plugin: mac, ipam: Ipam.whereabouts({ range: '192.0.2.0/24', exclued: [] } as any) }), 'ipam.exclued', /did you mean exclude/);
    expectRefusal(mk({ plugin: mac, mtu: 9217 }), 'mtu');
    expectRefusal(mk({ plugin: mac, mtu: 1000, ipam: Ipam.whereabouts({ range: '2001:db8::/64' }) }), 'mtu', /1280/);
    expectRefusal(mk({ plugin: CniPlugin.hostDevice({ device: 'eth3' }), mtu: 1500 }), 'mtu', /host-device/);
    expectRefusal(mk({ plugin: mac, ipam: Ipam.whereabouts({ range: '192.0.2.0/24', gateway: '192.0.3.1' }) }), 'ipam.gateway', /outside its range/);
    expectRefusal(mk({ plugin: mac, ipam: Ipam.whereabouts({ range: '192.0.2.0/24', exclude: ['10.0.0.0/8'] }) }), 'ipam.exclude[0]');
    expectRefusal(mk({ plugin: mac, ipam: Ipam.whereabouts({ range: '192.0.2.0/24', gateway: '192.0.2.1' }) }), 'ipam.gateway', /not excluded.*Fix: add '192.0.2.1\/32' to exclude/);
    expectRefusal(mk({ plugin: mac, ipam: Ipam.static({ addresses: ['192.0.2.10/24'], gateway: '198.51.100.1' }) }), 'ipam.gateway', /outside the subnet/);
    expectRefusal(mk({ plugin: mac, ipam: Ipam.static({ addresses: ['192.0.2.0/24'] }) }), 'ipam.addresses[0]', /network address/);
    expectRefusal(mk({ plugin: mac, ipam: Ipam.hostLocal({ ranges: [{ subnet: '10.0.0.0/24', rangeStart: '10.0.1.5' }] }) }), 'ipam.ranges[0].rangeStart', /outside its range/);
    expectRefusal(mk({ plugin: mac, ipam: Ipam.hostLocal({ ranges: [{ subnet: '10.0.0.0/24', rangeStart: '10.0.0.50', rangeEnd: '10.0.0.10' }] }) }), 'ipam.ranges[0].rangeStart');
    expectRefusal(mk({ plugin: CniPlugin.ipvlan({ master: 'eth1' }), perPodMac: true }), 'perPodMac', /MAC/);
    expectRefusal(mk({ plugin: CniPlugin.sriov({ resourceName: 'no-domain' }) }), 'plugin.resourceName');

    // overlapping ranges across attachments of one App, in any chart
    const { app, chart } = newChart();
    new NetworkAttachment(chart, 'a', { plugin: mac, ipam: Ipam.whereabouts({ range: '192.0.2.0/24' }) });
    const other = new Chart(app, 'other', { namespace: 'other' });
    expectRefusal(() => new NetworkAttachment(other, 'b', { plugin: mac, ipam: Ipam.whereabouts({ range: '192.0.2.128/25' }) }), 'ipam.range', /overlaps 192.0.2.0\/24/);
    expectRefusal(() => new NetworkAttachment(other, 'c', { plugin: mac, ipam: Ipam.static({ addresses: ['192.0.2.7/24'] }) }), 'ipam.addresses[0]', /overlaps/);
    new NetworkAttachment(other, 'd', { plugin: mac, ipam: Ipam.static({ addresses: ['198.51.100.7/24'] }) });
    expectRefusal(() => new NetworkAttachment(other, 'e', { plugin: mac, ipam: Ipam.static({ addresses: ['198.51.100.7/24'] }) }), 'ipam.addresses[0]', /overlaps/);
    // one name per namespace (two objects of one name: the second overwrites the first at apply)
    expectRefusal(() => new NetworkAttachment(other, 'd2', { name: 'd', plugin: mac }), 'name', /already the name/);
    new NetworkAttachment(chart, 'd3', { name: 'd', plugin: mac });
    // a second App is independent
    new NetworkAttachment(newChart().chart, 'b', { plugin: mac, ipam: Ipam.whereabouts({ range: '192.0.2.128/25' }) });
    // nothing half-written: the refused attachments created no object
    expect(Testing.synth(other).map((o: any) => o.metadata.name)).toEqual(['d']);
  });
});

describe('PublicWebApp secondaryNetworks', () => {
  function appWithNetwork(extra: any = {}, nadProps: any = {}) {
    const { app, chart } = newChart();
    const external = new NetworkAttachment(chart, 'External', {
      plugin: CniPlugin.macvlan({ master: 'eth1' }),
      ipam: Ipam.whereabouts({ range: '192.0.2.0/24', exclude: ['192.0.2.1/32'], gateway: '192.0.2.1' }),
      ...nadProps,
    });
    const web = new PublicWebApp(chart, 'web', {
      image: 'ghcr.io/acme/web:1.0',
      exposure: Exposure.clusterIp(),
      secondaryNetworks: [{ attachment: external, allowIngressFrom: [{ cidr: '192.0.2.0/24', ports: [8443] }], allowEgressTo: [{ cidr: '192.0.2.50/32', ports: [5432] }] }],
      ...extra,
    });
    return { app, chart, external, web };
  }

  test('the networks annotation (JSON form) and a deny-by-default MultiNetworkPolicy per interface', () => {
    const { chart, web } = appWithNetwork();
    const objects = expectValid(chart);
    expect(objects).toMatchSnapshot();
    const pod = objectOf(objects, 'Deployment', 'web').spec.template;
    expect(JSON.parse(pod.metadata.annotations['k8s.v1.cni.cncf.io/networks'])).toEqual([{ name: 'external', namespace: 'shop', interface: 'net1' }]);
    const mnp = objectOf(objects, 'MultiNetworkPolicy', 'web-net1');
    expect(mnp.metadata.annotations).toEqual({ 'k8s.v1.cni.cncf.io/policy-for': 'shop/external' });
    expect(mnp.metadata.namespace).toBe('shop');
    expect(mnp.spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ ipBlock: { cidr: '192.0.2.0/24' } }], ports: [{ port: 8443, protocol: 'TCP' }] }],
      egress: [{ to: [{ ipBlock: { cidr: '192.0.2.50/32' } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
    });
    expect(web.multiNetworkPolicies).toHaveLength(1);
    const notes = web.notes();
    expect(notes).toContain('multi-networkpolicy-iptables');
    expect(notes).toContain('kubectl exec -n shop deployment/web -c app -- ip addr');
    expect(notes).toContain('network-status');
    expect(notes).toContain('admits in: 192.0.2.0/24 TCP 8443; out: 192.0.2.50/32 TCP 5432');
  });

  test('without allows both directions are denied; DHCP gets its two ports', () => {
    const { chart } = newChart();
    const a = new NetworkAttachment(chart, 'a', { plugin: CniPlugin.macvlan({ master: 'eth1' }), ipam: Ipam.dhcp() });
    const b = new NetworkAttachment(chart, 'b', { plugin: CniPlugin.ipvlan({ master: 'eth2' }), ipam: Ipam.whereabouts({ range: '10.9.0.0/24' }) });
    new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0', exposure: Exposure.clusterIp(), secondaryNetworks: [{ attachment: a }, { attachment: b, interfaceName: 'storage0' }] });
    const objects = expectValid(chart);
    const pod = objectOf(objects, 'Deployment', 'web').spec.template;
    expect(JSON.parse(pod.metadata.annotations['k8s.v1.cni.cncf.io/networks'])).toEqual([
      { name: 'a', namespace: 'shop', interface: 'net1' },
      { name: 'b', namespace: 'shop', interface: 'storage0' },
    ]);
    const deny = objectOf(objects, 'MultiNetworkPolicy', 'web-storage0').spec;
    expect(deny.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(deny.ingress).toEqual([]);
    expect(deny.egress).toEqual([]);
    const dhcp = objectOf(objects, 'MultiNetworkPolicy', 'web-net1').spec;
    expect(dhcp.ingress).toEqual([{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 68, protocol: 'UDP' }] }]);
    expect(dhcp.egress).toEqual([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 67, protocol: 'UDP' }] }]);
  });

  test('static ips and MAC per pod with one replica; SR-IOV requests its device', () => {
    const { chart } = newChart();
    const fixed = new NetworkAttachment(chart, 'fixed', { plugin: CniPlugin.macvlan({ master: 'eth1' }), ipam: Ipam.static(), perPodMac: true });
    const vf = new NetworkAttachment(chart, 'vf', { plugin: CniPlugin.sriov({ resourceName: 'intel.com/sriov_a' }), ipam: Ipam.whereabouts({ range: '10.50.0.0/24' }) });
    new PublicWebApp(chart, 'web', {
      image: 'ghcr.io/acme/web:1.0',
      exposure: Exposure.clusterIp(),
      replicas: 1,
      secondaryNetworks: [
        { attachment: fixed, ips: ['198.51.100.20/24'], mac: '02:00:00:00:00:20', allowIngressFrom: [{ cidr: '198.51.100.0/24', ports: [53], protocol: SecondaryNetworkProtocol.UDP }] },
        { attachment: vf },
      ],
    });
    const objects = expectValid(chart);
    const spec = objectOf(objects, 'Deployment', 'web').spec.template;
    expect(JSON.parse(spec.metadata.annotations['k8s.v1.cni.cncf.io/networks'])).toEqual([
      { name: 'fixed', namespace: 'shop', interface: 'net1', ips: ['198.51.100.20/24'], mac: '02:00:00:00:00:20' },
      { name: 'vf', namespace: 'shop', interface: 'net2' },
    ]);
    expect(spec.spec.containers[0].resources.requests['intel.com/sriov_a']).toBe(1);
    expect(spec.spec.containers[0].resources.limits['intel.com/sriov_a']).toBe(1);
    expect(objectOf(objects, 'MultiNetworkPolicy', 'web-net1').spec.ingress[0].ports).toEqual([{ port: 53, protocol: 'UDP' }]);
  });

  test('host-device and macvlan passthru: one pod per node (required anti-affinity) when replicas > 1', () => {
    const { chart } = newChart();
    const dev = new NetworkAttachment(chart, 'dev', { plugin: CniPlugin.hostDevice({ device: 'ens2f1' }) });
    const pt = new NetworkAttachment(chart, 'pt', { plugin: CniPlugin.macvlan({ master: 'eth2', mode: MacvlanMode.PASSTHRU }) });
    const br = new NetworkAttachment(chart, 'br', { plugin: CniPlugin.macvlan({ master: 'eth3' }) });
    new PublicWebApp(chart, 'a', { image: 'ghcr.io/acme/web:1.0', exposure: Exposure.clusterIp(), replicas: 3, secondaryNetworks: [{ attachment: dev }] });
    new PublicWebApp(chart, 'b', { image: 'ghcr.io/acme/web:1.0', exposure: Exposure.clusterIp(), replicas: 2, secondaryNetworks: [{ attachment: pt }] });
    new PublicWebApp(chart, 'c', { image: 'ghcr.io/acme/web:1.0', exposure: Exposure.clusterIp(), replicas: 2, secondaryNetworks: [{ attachment: br }] });
    const objects = expectValid(chart);
    for (const name of ['a', 'b']) {
      expect(objectOf(objects, 'Deployment', name).spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
        { labelSelector: { matchLabels: { 'app.kubernetes.io/name': name } }, topologyKey: 'kubernetes.io/hostname' },
      ]);
    }
    expect(objectOf(objects, 'Deployment', 'c').spec.template.spec.affinity).toBeUndefined();
    expect(objectOf(objects, 'Deployment', 'c').spec.template.spec.topologySpreadConstraints).toHaveLength(2);
  });

  test('refusals at the app', () => {
    const image = 'ghcr.io/acme/web:1.0';
    const base = { image, exposure: Exposure.clusterIp() };
    // hostNetwork pods get no secondary network
    {
      const { chart } = newChart();
      const n = new NetworkAttachment(chart, 'n', { plugin: CniPlugin.macvlan({ master: 'eth1' }), ipam: Ipam.whereabouts({ range: '10.1.0.0/24' }) });
      expectRefusal(() => new PublicWebApp(chart, 'web', { ...base, exposure: Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true }), secondaryNetworks: [{ attachment: n }] }), 'secondaryNetworks', /hostNetwork/);
    }
    // fixed static address and replicas > 1
    {
      const { chart } = newChart();
      const n = new NetworkAttachment(chart, 'n', { plugin: CniPlugin.macvlan({ master: 'eth1' }), ipam: Ipam.static({ addresses: ['10.1.0.5/24'] }) });
      expectRefusal(() => new PublicWebApp(chart, 'web', { ...base, replicas: 2, secondaryNetworks: [{ attachment: n }] }), 'secondaryNetworks[0].attachment', /same address/);
      new PublicWebApp(chart, 'one', { ...base, replicas: 1, secondaryNetworks: [{ attachment: n }] });
      expectRefusal(() => new PublicWebApp(chart, 'two', { ...base, replicas: 1, secondaryNetworks: [{ attachment: n }] }), 'secondaryNetworks[0].attachment', /already used/);
    }
    // per-pod ips: replicas, reuse, pools, missing
    {
      const { chart } = newChart();
      const s = new NetworkAttachment(chart, 's', { plugin: CniPlugin.macvlan({ master: 'eth1' }), ipam: Ipam.static() });
      new NetworkAttachment(chart, 'pool', { plugin: CniPlugin.macvlan({ master: 'eth2' }), ipam: Ipam.whereabouts({ range: '10.2.0.0/24' }) });
      expectRefusal(() => new PublicWebApp(chart, 'a', { ...base, secondaryNetworks: [{ attachment: s, ips: ['10.1.0.5/24'] }] }), 'secondaryNetworks[0].ips', /2 replicas/);
      expectRefusal(() => new PublicWebApp(chart, 'b', { ...base, replicas: 1, secondaryNetworks: [{ attachment: s }] }), 'secondaryNetworks[0].ips', /must name its own/);
      expectRefusal(() => new PublicWebApp(chart, 'c', { ...base, replicas: 1, secondaryNetworks: [{ attachment: s, ips: ['10.2.0.9/24'] }] }), 'secondaryNetworks[0].ips[0]', /inside 10.2.0.0\/24/);
      new PublicWebApp(chart, 'd', { ...base, replicas: 1, secondaryNetworks: [{ attachment: s, ips: ['10.1.0.5/24'] }] });
      expectRefusal(() => new PublicWebApp(chart, 'e', { ...base, replicas: 1, secondaryNetworks: [{ attachment: s, ips: ['10.1.0.5/24'] }] }), 'secondaryNetworks[0].ips[0]', /already used/);
      expectRefusal(() => new PublicWebApp(chart, 'f', { ...base, replicas: 1, secondaryNetworks: [{ attachment: s, ips: ['10.1.0.6/24'], mac: '02:00:00:00:00:01' }] }), 'secondaryNetworks[0].mac', /perPodMac/);
    }
    // ips on a dynamic IPAM, interface names, MAC syntax, peers
    {
      const { chart, external } = appWithNetwork({ name: 'first' });
      const nets = (n: any) => ({ ...base, secondaryNetworks: [{ attachment: external, ...n }] });
      expectRefusal(() => new PublicWebApp(chart, 'g', { ...nets({ ips: ['192.0.2.9/24'] }), replicas: 1 }), 'secondaryNetworks[0].ips', /whereabouts/);
      expectRefusal(() => new PublicWebApp(chart, 'h', nets({ interfaceName: 'eth0' })), 'secondaryNetworks[0].interfaceName', /cluster network/);
      expectRefusal(() => new PublicWebApp(chart, 'i', nets({ interfaceName: 'much-too-long-name' })), 'secondaryNetworks[0].interfaceName');
      expectRefusal(() => new PublicWebApp(chart, 'j', { ...base, secondaryNetworks: [{ attachment: external }, { attachment: external, interfaceName: 'net1' }] }), 'secondaryNetworks[1].interfaceName', /already used/);
      expectRefusal(() => new PublicWebApp(chart, 'k', nets({ allowIngressFrom: [{ cidr: '192.0.2.0' }] })), 'secondaryNetworks[0].allowIngressFrom[0].cidr');
      expectRefusal(() => new PublicWebApp(chart, 'l', nets({ allowEgressTo: [{ cidr: '192.0.2.0/24', ports: [70000] }] })), 'secondaryNetworks[0].allowEgressTo[0].ports[0]');
    }
    // an attachment without namespace for an app with one
    {
      const { app, chart } = newChart();
      const bare = new Chart(app, 'bare');
      const n = new NetworkAttachment(bare, 'n', { plugin: CniPlugin.macvlan({ master: 'eth1' }) });
      expectRefusal(() => new PublicWebApp(chart, 'web', { ...base, secondaryNetworks: [{ attachment: n }] }), 'secondaryNetworks[0].attachment', /no namespace/);
    }
  });

  test('an attachment in another namespace is named with its namespace in the annotation and policy-for', () => {
    const { app, chart } = newChart();
    const net = new Chart(app, 'net', { namespace: 'networks' });
    const n = new NetworkAttachment(net, 'shared', { plugin: CniPlugin.vlan({ master: 'eth1', vlanId: 30 }), ipam: Ipam.whereabouts({ range: '10.30.0.0/24' }) });
    new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0', exposure: Exposure.clusterIp(), secondaryNetworks: [{ attachment: n }] });
    const objects = expectValid(chart);
    expect(JSON.parse(objectOf(objects, 'Deployment', 'web').spec.template.metadata.annotations['k8s.v1.cni.cncf.io/networks'])[0]).toEqual({ name: 'shared', namespace: 'networks', interface: 'net1' });
    expect(objectsOf(objects, 'MultiNetworkPolicy')[0].metadata.annotations['k8s.v1.cni.cncf.io/policy-for']).toBe('networks/shared');
  });
});
