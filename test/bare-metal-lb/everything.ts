/** Every MetalLB object kind the library emits, with every option used (shared by the strict checks and `npm run test:crds`). */
import { Duration, Testing } from 'cdk8s';
import { Advertisement, BareMetalLB, DynamicAsn, MetalLbSelectorOperator } from '../../src';
import { kplus } from '../../src/internal/plus.generated';

export function everything() {
  const chart = Testing.chart();
  const secret = new kplus.BasicAuthSecret(chart, 'pw', { username: 'u', password: 'p', metadata: { namespace: 'metallb-system' } });
  new BareMetalLB(chart, 'lb', {
    pools: [
      { name: 'lan', addresses: ['192.168.10.240-192.168.10.250', '192.168.11.7'], serviceAllocation: { priority: 1, namespaces: ['shop'], namespaceSelectors: [{ matchLabels: { a: 'b' } }], serviceSelectors: [{ matchExpressions: [{ key: 'k', operator: MetalLbSelectorOperator.NOT_IN, values: ['v'] }] }] } },
      { name: 'routed', addresses: ['198.51.100.0/26'], autoAssign: false, avoidBuggyIps: true },
      // announced over L2: MetalLB refuses BFD echo mode (peer a) towards an IPv6 pool (validateConfig)
      { name: 'v6', addresses: ['2001:db8::/120'], autoAssign: false },
    ],
    advertisement: Advertisement.combine(
      Advertisement.l2({ pools: ['lan', 'v6'], interfaces: ['eth0'], nodeSelectors: [{ matchLabels: { 'kubernetes.io/hostname': 'n1' } }] }),
      Advertisement.bgp({
        pools: ['routed'],
        aggregationLength: 26,
        aggregationLengthV6: 120,
        localPref: 50,
        communities: ['65535:65281', 'large:1:2:3'],
        nodeSelectors: [{ matchExpressions: [{ key: 'edge', operator: MetalLbSelectorOperator.EXISTS }] }],
        peers: [
          { name: 'a', myAsn: 4200000000, peerAsn: 64501, peerAddress: '10.0.0.1', peerPort: 179, holdTime: Duration.seconds(90), keepaliveTime: Duration.seconds(30), connectTime: Duration.seconds(5), passwordSecret: secret, ebgpMultiHop: true, nodeSelectors: [{ matchLabels: { rack: '1' } }], bfd: { name: 'bfd', receiveInterval: Duration.millis(50), transmitInterval: Duration.millis(50), detectMultiplier: 5, echoInterval: Duration.millis(30), echoMode: true, passiveMode: false, minimumTtl: 250 } },
          { name: 'b', myAsn: 4200000000, dynamicAsn: DynamicAsn.INTERNAL, peerAddress: 'fd00::1' },
        ],
      }),
    ),
  });
  return Testing.synth(chart).filter((o) => o.apiVersion.startsWith('metallb.io/'));
}
