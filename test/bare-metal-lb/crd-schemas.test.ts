/**
 * The MetalLB checks of test/util/crd-schemas.ts must refuse what the CRDs
 * refuse (so expectValid can fail). The check of what BareMetalLB emits
 * against the upstream CRDs themselves (which are not part of this
 * repository) is a separate command, `npm run test:crds`
 * (test/upstream-crds/metallb.crds.ts).
 */
import { everything } from './everything';
import { CRD_VALIDATORS } from '../util/crd-schemas';
import { schemaErrors } from '../util/schema';

const meta = { name: 'x', namespace: 'metallb-system' };
const pool = (spec: any) => ({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: meta, spec });
const peer = (spec: any) => ({ apiVersion: 'metallb.io/v1beta2', kind: 'BGPPeer', metadata: meta, spec });
const goodPeer = { myASN: 64500, peerASN: 64501, peerAddress: '10.0.0.1' };

describe('strict MetalLB checks (test/util/crd-schemas.ts)', () => {
  test('a validator is registered for every kind the library emits', () => {
    for (const o of everything()) expect(CRD_VALIDATORS[`${o.apiVersion}/${o.kind}`]).toBeDefined();
  });

  test('everything BareMetalLB emits passes', () => {
    expect(schemaErrors(everything())).toEqual([]);
  });

  test.each([
    [pool({ addresses: ['10.0.0.0/24'], extra: true }), 'unknown field spec.extra'],
    [pool({}), 'missing required field addresses'],
    [pool({ addresses: ['10.0.0.1'] }), 'is not a CIDR block or range'],
    [pool({ addresses: ['10.0.0.9-10.0.0.1'] }), 'start is after end'],
    [pool({ addresses: ['10.0.0.0/24'], autoAssign: 'yes' }), 'spec.autoAssign: must be a boolean'],
    [{ ...pool({ addresses: ['10.0.0.0/24'] }), metadata: { name: 'x' } }, 'missing required field namespace'],
    [{ ...pool({ addresses: ['10.0.0.0/24'] }), apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', status: {} }, 'unknown field status'],
    [peer({ ...goodPeer, myASN: 4294967296 }), 'above the maximum 4294967295'],
    [peer({ ...goodPeer, peerPort: 0 }), 'below the minimum 1'],
    [peer({ ...goodPeer, dynamicASN: 'both' }), 'is not one of internal, external'],
    [peer({ myASN: 1, peerAddress: '10.0.0.1' }), 'missing peer ASN and dynamicASN'],
    [peer({ myASN: 1, peerASN: 2 }), 'peer has no Address or Interface specified'],
    [peer({ ...goodPeer, holdTime: '2s' }), 'must be 0 or >=3s'],
    [peer({ ...goodPeer, holdTime: '9s', keepaliveTime: '10s' }), 'must be lower than holdTime'],
    [peer({ ...goodPeer, connectTime: '1500ms' }), 'whole number of seconds'],
    [peer({ ...goodPeer, holdTime: '90' }), 'is not a duration'],
    [peer({ ...goodPeer, passwordSecret: { name: 'p', key: 'password' } }), 'unknown field spec.passwordSecret.key'],
    [{ ...peer(goodPeer), apiVersion: 'metallb.io/v1beta1' }, 'no upstream model'],
    [{ apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: meta, spec: { aggregationLength: 24, serviceSelectors: [{ matchLabels: { a: 'b' } }] } }, 'mutually exclusive'],
    [{ apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: meta, spec: { aggregationLength: 0 } }, 'below the minimum 1'],
    [{ apiVersion: 'metallb.io/v1beta1', kind: 'BGPAdvertisement', metadata: meta, spec: { communities: ['1:2:3'] } }, 'does not match'],
    [{ apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: meta, spec: { nodeSelectors: [{ matchExpressions: [{ key: 'a', operator: 'In' }] }] } }, 'operator In needs values'],
    [{ apiVersion: 'metallb.io/v1beta1', kind: 'BFDProfile', metadata: meta, spec: { detectMultiplier: 1 } }, 'below the minimum 2'],
    [{ apiVersion: 'metallb.io/v1beta1', kind: 'BFDProfile', metadata: meta, spec: { receiveInterval: 60001 } }, 'above the maximum 60000'],
  ])('refuses %#', (o, expected) => {
    const errors = schemaErrors([o]);
    expect(errors.join('\n')).toContain(expected);
  });
});
