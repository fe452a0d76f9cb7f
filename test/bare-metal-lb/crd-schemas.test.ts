/**
 * The MetalLB checks of test/util/crd-schemas.ts must refuse what the CRDs
 * refuse (so expectValid can fail), and, when the upstream CRDs are present
 * in ../shared/crds/metallb-v0.16.1, what BareMetalLB emits must also pass
 * their openAPIV3Schema (ajv). That second part is optional: the default test
 * run must not depend on ../shared.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Duration, Testing } from 'cdk8s';
import { Advertisement, BareMetalLB, DynamicAsn, MetalLbSelectorOperator } from '../../src';
import { kplus } from '../../src/internal/plus.generated';
import { CRD_VALIDATORS } from '../util/crd-schemas';
import { schemaErrors } from '../util/schema';

const meta = { name: 'x', namespace: 'metallb-system' };
const pool = (spec: any) => ({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: meta, spec });
const peer = (spec: any) => ({ apiVersion: 'metallb.io/v1beta2', kind: 'BGPPeer', metadata: meta, spec });
const goodPeer = { myASN: 64500, peerASN: 64501, peerAddress: '10.0.0.1' };

/** Every MetalLB object kind the library emits, with every option used. */
function everything() {
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

// ------------------------------------------------------------ optional: upstream CRDs + ajv

/** `../shared` next to the repository (or next to the worktree folder), or $CDK8S_EXPOSE_CRDS_DIR. */
const ROOT = path.join(__dirname, '..', '..');
const CRDS = [
  process.env.CDK8S_EXPOSE_CRDS_DIR ? path.join(process.env.CDK8S_EXPOSE_CRDS_DIR, 'metallb-v0.16.1') : undefined,
  path.join(ROOT, '..', 'shared', 'crds', 'metallb-v0.16.1'),
  path.join(ROOT, '..', '..', 'shared', 'crds', 'metallb-v0.16.1'),
].find((d) => d !== undefined && fs.existsSync(d)) ?? path.join(ROOT, '..', 'shared', 'crds', 'metallb-v0.16.1');

function loadAjv(): any {
  try {
    // ajv comes with @kubernetes-models/validate (a devDependency's dependency); skip when absent
    // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
    return require('ajv');
  } catch {
    return undefined;
  }
}

const ajvModule = fs.existsSync(CRDS) ? loadAjv() : undefined;
const describeIfCrds = ajvModule ? describe : describe.skip;
if (!fs.existsSync(CRDS)) {
  // eslint-disable-next-line no-console
  console.info(`skipping the upstream CRD check: ${CRDS} does not exist`);
} else if (!ajvModule) {
  // eslint-disable-next-line no-console
  console.info('skipping the upstream CRD check: ajv is not installed');
}

/** Structural-schema semantics: fields not declared are pruned by the API server, so treat them as errors. */
function strictify(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-') || k === 'description') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as any).map(([pk, pv]) => [pk, strictify(pv)])) : strictify(v);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

describeIfCrds('upstream MetalLB v0.16.1 CRDs (optional, reads ../shared/crds)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('yaml');
  const validators = new Map<string, any>();
  beforeAll(() => {
    const Ajv = ajvModule.default ?? ajvModule;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    for (const file of fs.readdirSync(CRDS).filter((f) => f.endsWith('.yaml'))) {
      const crd = parse(fs.readFileSync(path.join(CRDS, file), 'utf8'));
      for (const v of crd.spec.versions) {
        if (!v.served) continue;
        const schema = strictify(v.schema.openAPIV3Schema);
        schema.properties.metadata = { type: 'object' };
        validators.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, ajv.compile(schema));
      }
    }
  });

  test('every emitted object validates against its served CRD version', () => {
    const objects = everything();
    expect(objects.length).toBeGreaterThanOrEqual(6);
    for (const o of objects) {
      const validate = validators.get(`${o.apiVersion}/${o.kind}`);
      expect(validate).toBeDefined();
      const ok = validate(o);
      expect({ object: `${o.kind}/${o.metadata.name}`, errors: ok ? null : validate.errors }).toEqual({ object: `${o.kind}/${o.metadata.name}`, errors: null });
    }
  });

  test('BGPPeer is emitted in v1beta2, the storage version', () => {
    const crd = parse(fs.readFileSync(path.join(CRDS, 'metallb.io_bgppeers.yaml'), 'utf8'));
    const storage = crd.spec.versions.find((v: any) => v.storage).name;
    expect(everything().filter((o) => o.kind === 'BGPPeer').every((o) => o.apiVersion === `metallb.io/${storage}`)).toBe(true);
  });

  test('the CRD schema catches an unknown field (the check can fail)', () => {
    const validate = validators.get('metallb.io/v1beta1/IPAddressPool');
    expect(validate(pool({ addresses: ['10.0.0.0/24'], bogus: 1 }))).toBe(false);
  });
});
