import { Chart, Duration, Testing } from 'cdk8s';
import { Advertisement, BareMetalLB, BareMetalLBProps, DynamicAsn, MetalLbSelectorOperator } from '../../src';
import { kplus } from '../../src/internal/plus.generated';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

const POOL = { name: 'public', addresses: ['192.168.10.240-192.168.10.250'] };
const PEER = { name: 'router-a', myAsn: 64500, peerAsn: 64501, peerAddress: '10.0.0.1' };

function make(props: Partial<BareMetalLBProps> = {}, chart: Chart = Testing.chart()) {
  const lb = new BareMetalLB(chart, 'lb', { pools: [POOL], ...props } as BareMetalLBProps);
  return { chart, lb };
}

function byKind(objects: any[], kind: string): any[] {
  return objects.filter((o) => o.kind === kind);
}

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

describe('BareMetalLB with the defaults (the issue example)', () => {
  const { chart, lb } = make({ advertisement: Advertisement.l2() });
  const objects = expectValid(chart);

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('emits one IPAddressPool and one L2Advertisement in metallb-system', () => {
    expect(objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'metallb.io/v1beta1 IPAddressPool metallb-system/public',
      `metallb.io/v1beta1 L2Advertisement metallb-system/${lb.l2Advertisements[0].name}`,
    ]);
    expect(lb.namespace).toBe('metallb-system');
    expect(lb.poolNames).toEqual(['public']);
  });

  test('the pool carries only the addresses (MetalLB defaults autoAssign true, avoidBuggyIps false)', () => {
    expect(byKind(objects, 'IPAddressPool')[0].spec).toEqual({ addresses: ['192.168.10.240-192.168.10.250'] });
  });

  test('the L2 advertisement names its pools explicitly (an empty list would mean every pool in the cluster)', () => {
    expect(byKind(objects, 'L2Advertisement')[0].spec).toEqual({ ipAddressPools: ['public'] });
  });

  test('no BGP objects, no warnings', () => {
    expect(lb.bgpAdvertisements).toEqual([]);
    expect(lb.bgpPeers).toEqual([]);
    expect(lb.bfdProfiles).toEqual([]);
    expect(lb.warnings).toEqual([]);
  });

  test('targets MetalLB v0.16.1', () => {
    expect(BareMetalLB.METALLB_VERSION).toBe('v0.16.1');
  });
});

describe('defaults', () => {
  test('advertisement defaults to L2 for every pool', () => {
    const { chart, lb } = make({ pools: [POOL, { name: 'internal', addresses: ['10.10.0.0/28'] }] });
    const objects = expectValid(chart);
    expect(lb.l2Advertisements).toHaveLength(1);
    expect(byKind(objects, 'L2Advertisement')[0].spec).toEqual({ ipAddressPools: ['public', 'internal'] });
  });

  test('namespace is configurable', () => {
    const { chart } = make({ namespace: 'lb' });
    const objects = expectValid(chart);
    expect(objects.every((o) => o.metadata.namespace === 'lb')).toBe(true);
  });

  test('a plain address becomes a /32 (/128) block, since MetalLB only takes blocks and ranges', () => {
    const { chart } = make({ pools: [{ name: 'one', addresses: ['192.168.10.241', '2001:db8::10'] }] });
    expect(byKind(expectValid(chart), 'IPAddressPool')[0].spec.addresses).toEqual(['192.168.10.241/32', '2001:db8::10/128']);
  });

  test('spaces around the range dash are removed', () => {
    const { chart } = make({ pools: [{ name: 'one', addresses: [' 192.168.10.1 - 192.168.10.9 '] }] });
    expect(byKind(expectValid(chart), 'IPAddressPool')[0].spec.addresses).toEqual(['192.168.10.1-192.168.10.9']);
  });
});

describe('pool options', () => {
  test('autoAssign, avoidBuggyIps and serviceAllocation are written through', () => {
    const { chart } = make({
      pools: [{
        name: 'scarce',
        addresses: ['203.0.113.0/28'],
        autoAssign: false,
        avoidBuggyIps: true,
        serviceAllocation: {
          priority: 10,
          namespaces: ['shop'],
          namespaceSelectors: [{ matchLabels: { team: 'web' } }],
          serviceSelectors: [{ matchExpressions: [{ key: 'tier', operator: MetalLbSelectorOperator.IN, values: ['front'] }] }],
        },
      }],
    });
    const spec = byKind(expectValid(chart), 'IPAddressPool')[0].spec;
    expect(spec).toEqual({
      addresses: ['203.0.113.0/28'],
      autoAssign: false,
      avoidBuggyIPs: true,
      serviceAllocation: {
        priority: 10,
        namespaces: ['shop'],
        namespaceSelectors: [{ matchLabels: { team: 'web' } }],
        serviceSelectors: [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] }],
      },
    });
  });

  test('L2 options: pools, node selectors, interfaces, name', () => {
    const { chart } = make({
      pools: [POOL, { name: 'other', addresses: ['10.1.0.0/29'], autoAssign: false }],
      advertisement: Advertisement.l2({
        name: 'edge',
        pools: ['public'],
        nodeSelectors: [{ matchLabels: { 'node-role.kubernetes.io/edge': '' } }, { matchExpressions: [{ key: 'zone', operator: MetalLbSelectorOperator.EXISTS }] }],
        interfaces: ['eth0', 'bond0.100'],
      }),
    });
    const l2 = byKind(expectValid(chart), 'L2Advertisement')[0];
    expect(l2.metadata.name).toBe('edge');
    expect(l2.spec).toEqual({
      ipAddressPools: ['public'],
      nodeSelectors: [{ matchLabels: { 'node-role.kubernetes.io/edge': '' } }, { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }],
      interfaces: ['eth0', 'bond0.100'],
    });
  });
});

describe('BGP with two peers and BFD', () => {
  const chart = Testing.chart();
  const secret = new kplus.BasicAuthSecret(chart, 'bgp-auth', { username: 'metallb', password: 'not-in-manifests-check', metadata: { namespace: 'metallb-system' } });
  const lb = new BareMetalLB(chart, 'lb', {
    pools: [{ name: 'public', addresses: ['198.51.100.0/26'], avoidBuggyIps: true }],
    advertisement: Advertisement.bgp({
      peers: [
        { ...PEER, holdTime: Duration.seconds(90), keepaliveTime: Duration.seconds(30), bfd: { name: 'fast', receiveInterval: Duration.millis(100), transmitInterval: Duration.millis(100), detectMultiplier: 3 } },
        { name: 'router-b', myAsn: 64500, peerAsn: 64502, peerAddress: '10.0.0.2', peerPort: 1179, passwordSecret: secret, ebgpMultiHop: true, connectTime: Duration.seconds(10), bfd: { name: 'fast', receiveInterval: Duration.millis(100), transmitInterval: Duration.millis(100), detectMultiplier: 3 }, nodeSelectors: [{ matchLabels: { rack: 'r1' } }] },
      ],
      aggregationLength: 32,
      localPref: 100,
      communities: ['65535:65282', 'large:64500:1:2'],
    }),
  });
  const objects = expectValid(chart);
  const metallbObjects = objects.filter((o) => o.apiVersion.startsWith('metallb.io/'));

  test('matches the snapshot', () => {
    expect(metallbObjects).toMatchSnapshot();
  });

  test('emits pool, advertisement, two v1beta2 peers and one shared BFD profile', () => {
    expect(metallbObjects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`).sort()).toEqual([
      'metallb.io/v1beta1 BFDProfile fast',
      `metallb.io/v1beta1 BGPAdvertisement ${lb.bgpAdvertisements[0].name}`,
      'metallb.io/v1beta1 IPAddressPool public',
      'metallb.io/v1beta2 BGPPeer router-a',
      'metallb.io/v1beta2 BGPPeer router-b',
    ].sort());
    expect(lb.l2Advertisements).toEqual([]);
    expect(lb.bfdProfiles).toHaveLength(1);
  });

  test('peers', () => {
    const [a, b] = byKind(objects, 'BGPPeer');
    expect(a.spec).toEqual({ bfdProfile: 'fast', holdTime: '90s', keepaliveTime: '30s', myASN: 64500, peerASN: 64501, peerAddress: '10.0.0.1' });
    expect(b.spec).toEqual({
      bfdProfile: 'fast',
      connectTime: '10s',
      ebgpMultiHop: true,
      myASN: 64500,
      peerASN: 64502,
      peerAddress: '10.0.0.2',
      peerPort: 1179,
      nodeSelectors: [{ matchLabels: { rack: 'r1' } }],
      passwordSecret: { name: secret.name, namespace: 'metallb-system' },
    });
  });

  test('the password never appears in a MetalLB object', () => {
    expect(JSON.stringify(metallbObjects)).not.toContain('not-in-manifests-check');
    expect(JSON.stringify(metallbObjects)).not.toContain('"password"');
  });

  test('advertisement names pools and peers', () => {
    expect(byKind(objects, 'BGPAdvertisement')[0].spec).toEqual({
      aggregationLength: 32, communities: ['65535:65282', 'large:64500:1:2'], ipAddressPools: ['public'], localPref: 100, peers: ['router-a', 'router-b'],
    });
  });

  test('BFD profile', () => {
    expect(byKind(objects, 'BFDProfile')[0].spec).toEqual({ detectMultiplier: 3, receiveInterval: 100, transmitInterval: 100 });
  });
});

describe('BGP defaults', () => {
  test('a peer without BFD gets no bfdProfile; BFD with no name is named after the peer', () => {
    const { chart } = make({ advertisement: Advertisement.bgp({ peers: [PEER, { name: 'router-b', myAsn: 64500, dynamicAsn: DynamicAsn.EXTERNAL, peerAddress: 'fd00::1', bfd: {} }] }) });
    const objects = expectValid(chart);
    const [a, b] = byKind(objects, 'BGPPeer');
    expect(a.spec.bfdProfile).toBeUndefined();
    expect(b.spec).toEqual({ bfdProfile: 'router-b-bfd', dynamicASN: 'external', myASN: 64500, peerAddress: 'fd00::1' });
    expect(byKind(objects, 'BFDProfile').map((o) => [o.metadata.name, o.spec])).toEqual([['router-b-bfd', {}]]);
  });

  test('a peer given as fromSecretName is referenced in the MetalLB namespace', () => {
    const chart = Testing.chart();
    const s = kplus.Secret.fromSecretName(chart, 'pw', 'router-a-bgp');
    make({ advertisement: Advertisement.bgp({ peers: [{ ...PEER, passwordSecret: s }] }) }, chart);
    expect(byKind(expectValid(chart), 'BGPPeer')[0].spec.passwordSecret).toEqual({ name: 'router-a-bgp', namespace: 'metallb-system' });
  });
});

describe('L2 and BGP combined', () => {
  const { chart, lb } = make({
    pools: [POOL, { name: 'routed', addresses: ['198.51.100.0/28'], avoidBuggyIps: true }],
    advertisement: Advertisement.combine(
      Advertisement.l2({ pools: ['public'] }),
      Advertisement.bgp({ pools: ['routed'], peers: [PEER] }),
      Advertisement.bgp({ pools: ['routed'], peers: [PEER], communities: ['64500:1'], nodeSelectors: [{ matchLabels: { edge: 'true' } }] }),
    ),
  });
  const objects = expectValid(chart);

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('one L2, two BGP advertisements and the shared peer once', () => {
    expect(lb.l2Advertisements).toHaveLength(1);
    expect(lb.bgpAdvertisements).toHaveLength(2);
    expect(lb.bgpPeers).toHaveLength(1);
    const names = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect(byKind(objects, 'L2Advertisement')[0].spec.ipAddressPools).toEqual(['public']);
    expect(byKind(objects, 'BGPAdvertisement').map((o) => o.spec.ipAddressPools)).toEqual([['routed'], ['routed']]);
  });
});

describe('warning for .0 / .255 addresses', () => {
  test('a /24 without avoidBuggyIps warns (and does not throw)', () => {
    const { chart, lb } = make({ pools: [{ name: 'lan', addresses: ['192.168.20.0/24'] }] });
    expectValid(chart);
    expect(lb.warnings).toHaveLength(1);
    expect(lb.warnings[0]).toContain('pools[0].addresses[0]="192.168.20.0/24"');
    expect(lb.warnings[0]).toContain('192.168.20.0');
    expect(lb.warnings[0]).toContain('avoidBuggyIps: true');
    expect(lb.node.metadata.filter((m) => m.type === 'cdk8s-expose:warning')).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('[cdk8s-expose] WARNING'));
  });

  test('a range that crosses .255 warns with the broadcast address', () => {
    const { lb } = make({ pools: [{ name: 'lan', addresses: ['10.0.0.250-10.0.1.5'] }] });
    expect(lb.warnings[0]).toContain('10.0.0.255');
  });

  test('no warning with avoidBuggyIps, for IPv6, or for ranges inside a /24', () => {
    expect(make({ pools: [{ name: 'lan', addresses: ['192.168.20.0/24'], avoidBuggyIps: true }] }).lb.warnings).toEqual([]);
    expect(make({ pools: [{ name: 'v6', addresses: ['2001:db8::/120'] }] }).lb.warnings).toEqual([]);
    expect(make().lb.warnings).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('refused input', () => {
  const bgp = (peer: any, extra: any = {}) => ({ advertisement: Advertisement.bgp({ peers: [peer], ...extra }) });

  test.each([
    ['192.168.10.300', 'is not an IP address'],
    ['not-ip', 'is not a range: start "not" is not an IP address'],
    ['10.0.0.1-x', 'is not a range: end "x" is not an IP address'],
    ['192.168.10.0/33', 'is not a valid CIDR block'],
    ['192.168.10.5/24', 'has host bits set'],
    ['10.0.0.1-2001:db8::1', 'mixes an IPv4 and an IPv6 address'],
    ['10.0.0.1-10.0.0.2-10.0.0.3', 'is not an address, CIDR block or range'],
    ['', 'is not an address, CIDR block or range'],
    ['hello', 'is not an IP address, CIDR block or range'],
  ])('bad address %p', (address, problem) => {
    expectError(() => make({ pools: [{ name: 'p', addresses: [address] }] }), 'pools[0].addresses[0]', JSON.stringify(address), problem);
  });

  test('range end before start', () => {
    expectError(() => make({ pools: [{ name: 'p', addresses: ['192.168.10.250-192.168.10.240'] }] }),
      "BareMetalLB 'test/lb'", 'pools[0].addresses[0]="192.168.10.250-192.168.10.240"', 'ends before it starts', 'swap');
  });

  test('overlapping entries in one pool and across pools of one BareMetalLB', () => {
    expectError(() => make({ pools: [{ name: 'p', addresses: ['10.0.0.0/24', '10.0.0.128-10.0.0.130'] }] }), 'pools[0].addresses[1]', 'overlaps "10.0.0.0/24"');
    expectError(() => make({ pools: [{ name: 'a', addresses: ['10.0.0.0/24'] }, { name: 'b', addresses: ['10.0.0.255/32', '10.0.0.254'] }] }), 'pools[1].addresses[0]', 'overlaps "10.0.0.0/24"', 'pool a');
  });

  test('overlapping pools across BareMetalLBs of one App (other charts too)', () => {
    const app = Testing.app();
    new BareMetalLB(new Chart(app, 'one'), 'lb', { pools: [{ name: 'a', addresses: ['10.0.0.0/24'] }] });
    expectError(() => new BareMetalLB(new Chart(app, 'two'), 'lb', { pools: [{ name: 'b', addresses: ['10.0.0.100-10.0.1.10'] }] }),
      "BareMetalLB 'two/lb'", 'pools[0].addresses[0]', 'overlaps "10.0.0.0/24" of pool a (one/lb)');
  });

  test('a block overlapping several pools of other BareMetalLBs names the first one made, whatever the address order', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new BareMetalLB(chart, 'low', { pools: [{ name: 'low', addresses: ['10.0.0.0/25'] }] });
    new BareMetalLB(chart, 'high', { pools: [{ name: 'high', addresses: ['10.0.0.128/25'] }] });
    new BareMetalLB(chart, 'v6', { pools: [{ name: 'v6', addresses: ['::a00:0/120'] }] });
    expectError(() => new BareMetalLB(chart, 'wide', { pools: [{ name: 'wide', addresses: ['10.0.0.0/24'] }] }),
      'pools[0].addresses[0]', 'overlaps "10.0.0.0/25" of pool low (c/low)');
    // IPv4 and IPv6 blocks with the same numeric range do not overlap
    new BareMetalLB(chart, 'v4', { pools: [{ name: 'v4', addresses: ['0.0.0.0-0.0.0.9'] }] });
    new BareMetalLB(chart, 'v6low', { pools: [{ name: 'v6low', addresses: ['::-::9'] }] });
  });

  test('many BareMetalLBs: an overlap with any earlier pool is found (indexed lookup)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    for (let i = 0; i < 300; i++) {
      new BareMetalLB(chart, `lb${i}`, { pools: [{ name: `p${i}`, addresses: [`10.1.${Math.floor(i / 16)}.${(i % 16) * 16}/28`] }] });
    }
    for (const [i, addr] of [[0, '10.1.0.0'], [137, '10.1.8.150'], [299, '10.1.18.191']] as const) {
      expectError(() => new BareMetalLB(chart, `x${i}`, { pools: [{ name: `x${i}`, addresses: [addr] }] }),
        'pools[0].addresses[0]', `of pool p${i} (c/lb${i})`);
    }
    expectError(() => new BareMetalLB(chart, 'span', { pools: [{ name: 'span', addresses: ['10.1.5.0-10.1.9.0'] }] }), 'of pool p80 (c/lb80)');
    new BareMetalLB(chart, 'after', { pools: [{ name: 'after', addresses: ['10.1.18.192/26'] }] });
  });

  test('disjoint pools in two BareMetalLBs are fine; the same pool name twice in one namespace is not', () => {
    const app = Testing.app();
    new BareMetalLB(new Chart(app, 'one'), 'lb', { pools: [{ name: 'a', addresses: ['10.0.0.0/24'] }] });
    new BareMetalLB(new Chart(app, 'two'), 'lb', { pools: [{ name: 'b', addresses: ['10.0.1.0/24'] }] });
    expectError(() => new BareMetalLB(new Chart(app, 'three'), 'lb', { pools: [{ name: 'a', addresses: ['10.0.2.0/24'] }] }),
      'pools[0].name="a"', 'already the name of a IPAddressPool in namespace metallb-system, made by one/lb');
  });

  test('duplicate pool names', () => {
    expectError(() => make({ pools: [POOL, { name: 'public', addresses: ['10.0.0.0/30'] }] }), 'pools[1].name="public"', 'is also the name of pools[0]');
  });

  test('no pools, empty addresses, bad pool name, bad namespace', () => {
    expectError(() => make({ pools: [] }), 'pools=[]', 'at least one address pool');
    expectError(() => make({ pools: [{ name: 'p', addresses: [] }] }), 'pools[0].addresses=[]', 'at least one');
    expectError(() => make({ pools: [{ name: 'Public_Pool', addresses: ['10.0.0.0/30'] }] }), 'pools[0].name="Public_Pool"', 'not a valid object name');
    expectError(() => make({ namespace: 'Metal LB' }), 'namespace="Metal LB"', 'not a valid namespace name');
  });

  test('serviceAllocation checks', () => {
    expectError(() => make({ pools: [{ ...POOL, serviceAllocation: { namespaces: ['shop', 'shop'] } }] }), 'pools[0].serviceAllocation.namespaces', 'twice');
    expectError(() => make({ pools: [{ ...POOL, serviceAllocation: { priority: 1.5 } }] }), 'pools[0].serviceAllocation.priority=1.5', 'whole number');
    expectError(() => make({ pools: [{ ...POOL, serviceAllocation: { serviceSelectors: [{ matchExpressions: [{ key: 'a', operator: MetalLbSelectorOperator.IN }] }] } }] }),
      'pools[0].serviceAllocation.serviceSelectors[0].matchExpressions[0].values', 'must not be empty');
    expectError(() => make({ pools: [{ ...POOL, serviceAllocation: { serviceSelectors: [{ matchLabels: { a: 'b' } }, { matchLabels: { a: 'b' } }] } }] }),
      'pools[0].serviceAllocation.serviceSelectors[1]', 'repeats an earlier selector');
    expectError(() => make({ pools: [{ ...POOL, serviceAllocation: { namespaceSelectors: [{ matchLabels: { 'bad key!': 'x' } }] } }] }),
      'pools[0].serviceAllocation.namespaceSelectors[0].matchLabels="bad key!"', 'not a valid label key');
  });

  test('advertisement: unknown pool, empty combine, bad interface, bad name', () => {
    expectError(() => make({ advertisement: Advertisement.l2({ pools: ['nope'] }) }), 'advertisement.pools[0]="nope"', 'not a pool of this BareMetalLB (pools: public)');
    expectError(() => make({ advertisement: Advertisement.l2({ pools: [] }) }), 'advertisement.pools=[]', 'is empty');
    expectError(() => make({ advertisement: Advertisement.combine() }), 'advertisement', 'announces nothing');
    expectError(() => make({ advertisement: Advertisement.l2({ interfaces: ['eth 0'] }) }), 'advertisement.interfaces[0]="eth 0"', 'not a network interface name');
    expectError(() => make({ advertisement: Advertisement.combine(Advertisement.l2(), Advertisement.l2({ name: 'X' })) }), 'advertisement.l2[1].name="X"');
    expectError(() => make({ advertisement: Advertisement.combine(Advertisement.l2({ name: 'a' }), Advertisement.l2({ name: 'a' })) }), 'advertisement.l2[1].name="a"', 'already the name of a L2Advertisement of this BareMetalLB (advertisement.l2[0].name)');
  });

  test('BGP advertisement: no peers, aggregation, localPref, communities', () => {
    expectError(() => make({ advertisement: Advertisement.bgp({ peers: [] }) }), 'advertisement.peers=[]', 'at least one BGP peer');
    expectError(() => make(bgp(PEER, { aggregationLength: 33 })), 'advertisement.aggregationLength=33', 'from 1 to 32');
    expectError(() => make(bgp(PEER, { aggregationLengthV6: 0 })), 'advertisement.aggregationLengthV6=0', 'from 1 to 128');
    expectError(() => make({ pools: [{ name: 'p', addresses: ['10.0.0.0/24'] }], ...bgp(PEER, { aggregationLength: 16 }) }),
      'advertisement.aggregationLength=16', 'shorter than the /24 block "10.0.0.0/24" of pool p');
    expectError(() => make(bgp(PEER, { localPref: -1 })), 'advertisement.localPref=-1');
    expectError(() => make(bgp(PEER, { communities: ['65536:1'] })), 'advertisement.communities[0]="65536:1"', 'not a BGP community');
    expectError(() => make(bgp(PEER, { communities: ['no-export'] })), 'advertisement.communities[0]="no-export"');
  });

  test('the aggregation check uses the widest block of a range', () => {
    // 192.168.10.240-250 is made of /29 (240-247), /31 (248-249), /32 (250): widest /29
    expect(() => make(bgp(PEER, { aggregationLength: 29 }))).not.toThrow();
    expectError(() => make(bgp(PEER, { aggregationLength: 28 })), 'advertisement.aggregationLength=28', '/29 block');
  });

  test.each([
    [{ ...PEER, myAsn: 0 }, 'advertisement.peers[0].myAsn=0', 'from 1 to 4294967295'],
    [{ ...PEER, myAsn: 4294967296 }, 'advertisement.peers[0].myAsn=4294967296', 'from 1 to 4294967295'],
    [{ ...PEER, peerAsn: -5 }, 'advertisement.peers[0].peerAsn=-5', 'from 1 to 4294967295'],
    [{ ...PEER, peerAsn: 65001.5 }, 'advertisement.peers[0].peerAsn=65001.5', 'whole number'],
    [{ ...PEER, myAsn: undefined }, 'advertisement.peers[0].myAsn=(unset)', 'is required'],
    [{ ...PEER, peerAsn: undefined }, 'advertisement.peers[0].peerAsn=(unset)', 'unless dynamicAsn'],
    [{ ...PEER, dynamicAsn: DynamicAsn.INTERNAL }, 'advertisement.peers[0].dynamicAsn="internal"', 'cannot be combined with peerAsn'],
    [{ ...PEER, peerAddress: undefined }, 'advertisement.peers[0].peerAddress=(unset)', 'a BGP peer needs the address'],
    [{ ...PEER, peerAddress: '' }, 'advertisement.peers[0].peerAddress=""', 'a BGP peer needs the address'],
    [{ ...PEER, peerAddress: 'router.example.com' }, 'advertisement.peers[0].peerAddress="router.example.com"', 'not an IPv4 or IPv6 address'],
    [{ ...PEER, peerPort: 20000 }, 'advertisement.peers[0].peerPort=20000', '1 to 16384'],
    [{ ...PEER, peerAsn: 64500, ebgpMultiHop: true }, 'advertisement.peers[0].ebgpMultiHop=true', 'iBGP'],
    [{ ...PEER, name: 'Router A' }, 'advertisement.peers[0].name="Router A"', 'not a valid object name'],
  ])('bad peer %#', (peer, ...fragments) => {
    expectError(() => make(bgp(peer as any)), ...(fragments as string[]));
  });

  test('invalid durations', () => {
    expectError(() => make(bgp({ ...PEER, holdTime: Duration.seconds(2) })), 'advertisement.peers[0].holdTime="2s"', '0 or at least 3 seconds');
    expectError(() => make(bgp({ ...PEER, holdTime: Duration.millis(3500) })), 'advertisement.peers[0].holdTime="3500ms"', 'whole number of seconds');
    expectError(() => make(bgp({ ...PEER, holdTime: Duration.hours(19) })), 'advertisement.peers[0].holdTime="68400s"', 'from 0s to 65535s');
    expectError(() => make(bgp({ ...PEER, holdTime: Duration.seconds(9), keepaliveTime: Duration.seconds(10) })), 'advertisement.peers[0].keepaliveTime="10s"', 'longer than holdTime (9s)');
    expectError(() => make(bgp({ ...PEER, connectTime: Duration.seconds(0) })), 'advertisement.peers[0].connectTime="0s"', 'from 1s to 65535s');
    expectError(() => make(bgp({ ...PEER, holdTime: '90s' })), 'advertisement.peers[0].holdTime="90s"', 'is not a Duration');
    expectError(() => make(bgp({ ...PEER, bfd: { receiveInterval: Duration.millis(5) } })), 'advertisement.peers[0].bfd.receiveInterval="5ms"', 'from 10 to 60000');
    expectError(() => make(bgp({ ...PEER, bfd: { echoInterval: Duration.minutes(2) } })), 'advertisement.peers[0].bfd.echoInterval="120000ms"');
    expectError(() => make(bgp({ ...PEER, bfd: { detectMultiplier: 1 } })), 'advertisement.peers[0].bfd.detectMultiplier=1', 'from 2 to 255');
    expectError(() => make(bgp({ ...PEER, bfd: { minimumTtl: 255 } })), 'advertisement.peers[0].bfd.minimumTtl=255', 'from 1 to 254');
  });

  test('a holdTime of 0 (no keepalives) is accepted', () => {
    const { chart } = make(bgp({ ...PEER, holdTime: Duration.seconds(0) }));
    expect(byKind(expectValid(chart), 'BGPPeer')[0].spec.holdTime).toBe('0s');
  });

  test('plain-text passwords are refused and never echoed', () => {
    const m1 = expectError(() => make(bgp({ ...PEER, password: 's3cret' })), 'advertisement.peers[0].password="(redacted)"', 'plain-text password', 'kubernetes.io/basic-auth');
    const m2 = expectError(() => make(bgp({ ...PEER, passwordSecret: 's3cret' })), 'advertisement.peers[0].passwordSecret="(redacted)"', 'can only come from a Secret reference');
    expect(m1 + m2).not.toContain('s3cret');
  });

  test('password secrets: must be a basic-auth Secret in MetalLB namespace', () => {
    let chart = Testing.chart();
    const opaque = new kplus.Secret(chart, 'opaque', { stringData: { password: 'x' }, metadata: { namespace: 'metallb-system' } });
    expectError(() => make(bgp({ ...PEER, passwordSecret: opaque }), chart), 'advertisement.peers[0].passwordSecret', 'needs kubernetes.io/basic-auth');
    chart = Testing.chart();
    const elsewhere = new kplus.BasicAuthSecret(chart, 'elsewhere', { username: 'u', password: 'p', metadata: { namespace: 'default' } });
    expectError(() => make(bgp({ ...PEER, passwordSecret: elsewhere }), chart), 'advertisement.peers[0].passwordSecret="default/', "is not in MetalLB's namespace metallb-system");
    chart = Testing.chart();
    const cm = new kplus.ConfigMap(chart, 'cm', { data: { password: 'x' } });
    expectError(() => make(bgp({ ...PEER, passwordSecret: cm as any }), chart), 'advertisement.peers[0].passwordSecret="ConfigMap"', 'is not a Secret');
  });

  test('the same peer name with different settings, or two BFD profiles with one name', () => {
    const twice = Advertisement.combine(Advertisement.bgp({ peers: [PEER] }), Advertisement.bgp({ peers: [{ ...PEER, peerAsn: 65000 }] }));
    expectError(() => make({ advertisement: twice }),
      'advertisement.bgp[1].peers[0].name="router-a"', 'different settings than advertisement.bgp[0].peers[0]');
    expectError(() => make(bgp(PEER, { peers: [PEER, PEER] })), 'advertisement.peers="router-a"', 'lists a peer name twice');
    expectError(() => make(bgp(PEER, { peers: [{ ...PEER, bfd: { name: 'x', detectMultiplier: 3 } }, { ...PEER, name: 'b', peerAddress: '10.0.0.2', bfd: { name: 'x', detectMultiplier: 4 } }] })),
      'advertisement.peers[1].bfd.name="x"', 'different settings');
  });

  test('bad selectors', () => {
    expectError(() => make({ advertisement: Advertisement.l2({ nodeSelectors: [{ matchExpressions: [{ key: 'a', operator: MetalLbSelectorOperator.EXISTS, values: ['x'] }] }] }) }),
      'advertisement.nodeSelectors[0].matchExpressions[0].values', 'must be empty with operator Exists');
    expectError(() => make({ advertisement: Advertisement.l2({ nodeSelectors: [{ matchExpressions: [{ key: 'a', operator: 'Has' as any }] }] }) }),
      'advertisement.nodeSelectors[0].matchExpressions[0].operator="Has"');
    expectError(() => make({ advertisement: Advertisement.l2({ nodeSelectors: [{ matchLabels: { a: 'not valid' } }] }) }),
      'advertisement.nodeSelectors[0].matchLabels.a="not valid"', 'not a valid label value');
  });
});
