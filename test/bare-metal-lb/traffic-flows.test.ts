/**
 * Issue 11, faults 5-7: MetalLB configuration that every schema accepts and
 * MetalLB still refuses or never announces. Each input here was accepted
 * before; MetalLB's own rules are cited next to each case.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import {
  Advertisement, BareMetalLB, BareMetalLBProps, BgpPeerOptions, DynamicAsn, Exposure, ExternalTrafficPolicy, MetalLbMode, PublicWebApp,
} from '../../src';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

const PEER: BgpPeerOptions = { name: 'tor', myAsn: 64500, peerAsn: 64501, peerAddress: '10.0.0.1' };

function lb(props: Partial<BareMetalLBProps>, chart: Chart = Testing.chart()): BareMetalLB {
  return new BareMetalLB(chart, 'lb', { pools: [{ name: 'lan', addresses: ['192.168.50.0/24'] }], ...props } as BareMetalLBProps);
}

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

describe('fault 5: the BGP mode (METALLB_BGP_TYPE) decides which peer settings MetalLB accepts', () => {
  test('FRR-K8s is the default (the Helm chart default since v0.16.0) and accepts the FRR-only settings', () => {
    const frrOnly = { bfd: {}, keepaliveTime: Duration.seconds(30), connectTime: Duration.seconds(5), ebgpMultiHop: true };
    const l = lb({ advertisement: Advertisement.bgp({ peers: [{ ...PEER, ...frrOnly }] }) });
    expect(l.mode).toBe(MetalLbMode.FRR_K8S);
    expect(l.bfdProfiles).toHaveLength(1);
  });

  test.each([
    ['bfd', { bfd: {} }, 'advertisement.peers[0].bfd='],
    ['keepaliveTime', { keepaliveTime: Duration.seconds(30) }, 'advertisement.peers[0].keepaliveTime="30s"'],
    ['connectTime', { connectTime: Duration.seconds(5) }, 'advertisement.peers[0].connectTime=5'],
    ['dynamicAsn', { peerAsn: undefined, dynamicAsn: DynamicAsn.EXTERNAL }, 'advertisement.peers[0].dynamicAsn="external"'],
    ['ebgpMultiHop', { ebgpMultiHop: true }, 'advertisement.peers[0].ebgpMultiHop=true'],
  ])('native mode refuses %s (DiscardFRROnly / read only by the FRR backends)', (_name, extra, fragment) => {
    expectError(() => lb({ mode: MetalLbMode.NATIVE, advertisement: Advertisement.bgp({ peers: [{ ...PEER, ...extra }] }) }),
      "BareMetalLB 'test/lb'", fragment, 'FRR-only setting and mode is native', 'MetalLbMode.FRR_K8S');
  });

  test('native mode accepts what it supports: hold time, a keepalive of 0, standard communities, IPv4 pools', () => {
    const chart = Testing.chart();
    const l = lb({
      mode: MetalLbMode.NATIVE,
      advertisement: Advertisement.bgp({ communities: ['65535:65282'], peers: [{ ...PEER, holdTime: Duration.seconds(90), keepaliveTime: Duration.seconds(0) }] }),
    }, chart);
    expect(l.bgpPeers).toHaveLength(1);
    expectValid(chart);
  });

  test('native mode refuses large communities and IPv6 pools on a BGP advertisement', () => {
    expectError(() => lb({ mode: MetalLbMode.NATIVE, advertisement: Advertisement.bgp({ communities: ['65535:65282', 'large:64500:1:2'], peers: [PEER] }) }),
      'advertisement.communities[1]="large:64500:1:2"', 'large BGP community');
    expectError(() => lb({
      mode: MetalLbMode.NATIVE,
      pools: [{ name: 'lan', addresses: ['192.168.50.0/24'] }, { name: 'v6', addresses: ['2001:db8::/120'] }],
      advertisement: Advertisement.bgp({ peers: [PEER] }),
    }), 'advertisement.pools="v6"', 'IPv6 block "2001:db8::/120"', 'Advertisement.l2()');
    // the IPv6 pool over L2 is fine in native mode
    expect(() => lb({
      mode: MetalLbMode.NATIVE,
      pools: [{ name: 'lan', addresses: ['192.168.50.0/24'] }, { name: 'v6', addresses: ['2001:db8::/120'] }],
      advertisement: Advertisement.combine(Advertisement.bgp({ pools: ['lan'], peers: [PEER] }), Advertisement.l2({ pools: ['v6'] })),
    })).not.toThrow();
  });

  test('an unknown mode is refused', () => {
    expectError(() => lb({ mode: 'frrk8s' as any }), 'mode="frrk8s"', 'is not a MetalLB BGP mode');
  });

  test('FRR modes: peers on the same node need one myAsn and distinct addresses (checkFRRPeersCompatible)', () => {
    for (const mode of [MetalLbMode.FRR, MetalLbMode.FRR_K8S]) {
      expectError(() => lb({ mode, advertisement: Advertisement.bgp({ peers: [PEER, { ...PEER, name: 'tor-b', myAsn: 64502, peerAddress: '10.0.0.2' }] }) }),
        'advertisement.peers[1].myAsn=64502', `in ${mode} mode peers on the same node must share myAsn`);
      expectError(() => lb({ mode, advertisement: Advertisement.bgp({ peers: [PEER, { ...PEER, name: 'tor-b' }] }) }),
        'advertisement.peers[1].peerAddress="10.0.0.1"', 'also the address of peer tor');
    }
    // disjoint node selectors: separate FRR instances, allowed
    expect(() => lb({
      advertisement: Advertisement.bgp({
        peers: [
          { ...PEER, nodeSelectors: [{ matchLabels: { rack: '1' } }] },
          { ...PEER, name: 'tor-b', myAsn: 64502, nodeSelectors: [{ matchLabels: { rack: '2' } }] },
        ],
      }),
    })).not.toThrow();
    // native mode has no such rule
    expect(() => lb({ mode: MetalLbMode.NATIVE, advertisement: Advertisement.bgp({ peers: [PEER, { ...PEER, name: 'tor-b', myAsn: 64502, peerAddress: '10.0.0.2' }] }) })).not.toThrow();
  });

  test('BFD echo towards an IPv6 pool is refused in every mode (validateConfig)', () => {
    expectError(() => lb({
      pools: [{ name: 'v6', addresses: ['2001:db8::/120'] }],
      advertisement: Advertisement.bgp({ peers: [{ ...PEER, bfd: { echoMode: true } }] }),
    }), 'advertisement.peers[0].bfd.echoMode=true', 'IPv6 pool v6');
  });
});

describe('fault 6: a shared address follows every MetalLB sharing rule (allocator.go sharingOK / checkSharing)', () => {
  function twoApps(first: Record<string, unknown>, second: Record<string, unknown>) {
    const chart = Testing.chart();
    const l = lb({}, chart);
    const provider = l.provider({ pool: 'lan', address: '192.168.50.11', sharingKey: 'edge-vip' });
    new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0', servicePort: 80, exposure: Exposure.loadBalancer({ provider, ...first }) });
    new PublicWebApp(chart, 'api', { image: 'ghcr.io/acme/api:1.0.0', servicePort: 8443, exposure: Exposure.loadBalancer({ provider, ...second }) });
    return chart;
  }

  test('the issue input: two Local Services with different selectors are refused, naming the fix', () => {
    const msg = expectError(() => twoApps({ allowPublicAccess: true }, { allowPublicAccess: true }),
      "PublicWebApp 'test/api'", 'exposure.externalTrafficPolicy="Local"', 'shares address 192.168.50.11', 'selectors differ',
      'ExternalTrafficPolicy.CLUSTER');
    expect(msg).toContain('Service (no namespace)/web (test/web)');
  });

  test('Cluster and Local do not mix (the backend keys differ)', () => {
    expectError(() => twoApps({ allowPublicAccess: true, externalTrafficPolicy: ExternalTrafficPolicy.CLUSTER }, { allowPublicAccess: true }),
      'exposure.externalTrafficPolicy="Local"', 'one uses externalTrafficPolicy Local and the other Cluster');
    expectError(() => twoApps({ allowPublicAccess: true }, { allowPublicAccess: true, externalTrafficPolicy: ExternalTrafficPolicy.CLUSTER }),
      "PublicWebApp 'test/api'", 'exposure.provider.address="192.168.50.11"', 'one uses externalTrafficPolicy Local and the other Cluster');
  });

  test('two Cluster Services with different ports share the address', () => {
    const cluster = { allowPublicAccess: true, externalTrafficPolicy: ExternalTrafficPolicy.CLUSTER };
    const chart = twoApps(cluster, cluster);
    const services = Testing.synth(chart).filter((o) => o.kind === 'Service');
    expect(services.map((s) => s.metadata.annotations['metallb.io/loadBalancerIPs'])).toEqual(['192.168.50.11', '192.168.50.11']);
    expect(services.map((s) => s.metadata.annotations['metallb.io/allow-shared-ip'])).toEqual(['edge-vip', 'edge-vip']);
  });

  test('Local Services with the identical selector share the address (the provider compares backend keys)', () => {
    const chart = Testing.chart();
    const p = lb({}, chart).provider({ pool: 'lan', address: '192.168.50.11', sharingKey: 'dns' });
    const local = { externalTrafficPolicy: ExternalTrafficPolicy.LOCAL };
    p.bind(new Chart(chart, 'a'), { serviceName: 'dns-tcp', ports: [53], ...local, selector: { b: '2', a: '1' } });
    expect(() => p.bind(new Chart(chart, 'b'), { serviceName: 'dns-alt', ports: [5353], ...local, selector: { a: '1', b: '2' } })).not.toThrow();
    expectError(() => p.bind(new Chart(chart, 'c'), { serviceName: 'other', ports: [8053], ...local, selector: { a: '1' } }), 'selectors differ (a=1 here, a=1,b=2 there)');
  });

  test('the same port on a shared address is still refused', () => {
    const chart = Testing.chart();
    const provider = lb({}, chart).provider({ pool: 'lan', address: '192.168.50.11', sharingKey: 'edge-vip' });
    const exposure = () => Exposure.loadBalancer({ provider, allowPublicAccess: true, externalTrafficPolicy: ExternalTrafficPolicy.CLUSTER });
    new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0', exposure: exposure() });
    expectError(() => new PublicWebApp(chart, 'api', { image: 'ghcr.io/acme/api:1.0.0', exposure: exposure() }),
      'exposure.provider.address="192.168.50.11"', 'also uses port 80/TCP');
  });
});

describe('fault 7: every pool that hands out addresses is announced', () => {
  const pools = [{ name: 'office', addresses: ['192.168.60.0/28'] }, { name: 'lab', addresses: ['192.168.70.0/28'] }];

  test('the issue input: pools office and lab, L2 for office only: refused at the BareMetalLB', () => {
    expectError(() => lb({ pools, advertisement: Advertisement.l2({ pools: ['office'] }) }),
      "BareMetalLB 'test/lb'", 'pools[1].name="lab"', 'announced by no advertisement (announced: office)', "add 'lab' to an advertisement's pools");
  });

  test('a pool kept with autoAssign false is accepted, but an app on it is refused', () => {
    const chart = Testing.chart();
    const l = lb({ pools: [pools[0], { ...pools[1], autoAssign: false }], advertisement: Advertisement.l2({ pools: ['office'] }) }, chart);
    expectError(() => l.provider({ pool: 'lab' }), 'provider.pool="lab"', 'announced by no advertisement', 'announced pools: office');
    expect(() => l.provider({ pool: 'office' })).not.toThrow();
  });

  test('advertisements without pools cover every pool; BGP counts as announcing', () => {
    expect(() => lb({ pools, advertisement: Advertisement.l2() })).not.toThrow();
    expect(() => lb({ pools, advertisement: Advertisement.combine(Advertisement.l2({ pools: ['office'] }), Advertisement.bgp({ pools: ['lab'], peers: [PEER] })) })).not.toThrow();
    const l = lb({ pools, advertisement: Advertisement.bgp({ peers: [PEER] }) });
    expect(l.bgpAdvertisements[0].toJson().spec.ipAddressPools).toEqual(['office', 'lab']);
  });
});

describe('sibling: a pool whose serviceAllocation never admits the Service (Allocator.Assign, isPoolCompatibleWithService)', () => {
  test('serviceSelectors are matched against the Service labels', () => {
    const chart = Testing.chart();
    const l = lb({ pools: [{ name: 'lan', addresses: ['192.168.50.0/24'], serviceAllocation: { serviceSelectors: [{ matchLabels: { tier: 'front' } }] } }] }, chart);
    const exposure = () => Exposure.loadBalancer({ provider: l.provider({ pool: 'lan' }), allowPublicAccess: true });
    expectError(() => new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0', exposure: exposure() }),
      "PublicWebApp 'test/web'", 'exposure.provider.pool="lan"', 'serviceAllocation.serviceSelectors', 'app.kubernetes.io/name=web');
    const ok = new PublicWebApp(chart, 'api', { image: 'ghcr.io/acme/api:1.0.0', labels: { tier: 'front' }, exposure: exposure() });
    expect(ok.service.metadata.getLabel('tier')).toBe('front');
  });
});

