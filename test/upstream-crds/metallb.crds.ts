/**
 * `npm run test:crds`: what BareMetalLB emits must pass the openAPIV3Schema
 * of the upstream MetalLB v0.16.1 CRDs (ajv, with structural-schema pruning
 * treated as an error). The CRD files are not part of this repository: they
 * are read from $CDK8S_EXPOSE_CRDS_DIR/metallb-v0.16.1, or from
 * ../shared/crds/metallb-v0.16.1 next to the repository (or next to its
 * worktree folder). This is a separate command, not part of `npm test`; when
 * run, it fails (never skips) if the CRDs or ajv are missing. CI runs it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { crdFolder, loadAjv, strictify } from './crd-validators';
import { everything } from '../bare-metal-lb/everything';

const { candidates: CANDIDATES, dir: CRDS } = crdFolder('metallb-v0.16.1');

describe('upstream MetalLB v0.16.1 CRDs', () => {
  const validators = new Map<string, any>();
  beforeAll(() => {
    if (CRDS === undefined) {
      throw new Error(`the upstream MetalLB CRDs are missing: looked in ${CANDIDATES.join(', ')} (set CDK8S_EXPOSE_CRDS_DIR to a folder holding metallb-v0.16.1/)`);
    }
    const Ajv = loadAjv();
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
    const crd = parse(fs.readFileSync(path.join(CRDS!, 'metallb.io_bgppeers.yaml'), 'utf8'));
    const storage = crd.spec.versions.find((v: any) => v.storage).name;
    expect(everything().filter((o) => o.kind === 'BGPPeer').every((o) => o.apiVersion === `metallb.io/${storage}`)).toBe(true);
  });

  test('the CRD schema catches an unknown field (the check can fail)', () => {
    const validate = validators.get('metallb.io/v1beta1/IPAddressPool');
    expect(validate({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'x', namespace: 'metallb-system' }, spec: { addresses: ['10.0.0.0/24'], bogus: 1 } })).toBe(false);
  });
});
