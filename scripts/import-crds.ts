/**
 * Regenerates the typed CRD classes in src/imports/ with `cdk8s import`,
 * from the upstream CRDs in ../shared/crds (see its SOURCES.md). Only the
 * kinds the library emits are imported; the CRD files are never committed.
 *
 *   npx ts-node --project test/tsconfig.json --transpile-only scripts/import-crds.ts [CRDS_DIR] [MODULE...]
 *
 * With MODULE names (keys of IMPORTS) only those modules are regenerated.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { parseCrdYaml } from './crd-yaml';

const crdsDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'shared', 'crds'));
const outDir = path.join(__dirname, '..', 'src', 'imports');

/** output module (src/imports/<name>.ts) -> source folder, API group, and the one version kept per kind */
const IMPORTS: Record<string, { folder: string; group: string; kinds: Record<string, string> }> = {
  'metallb': {
    folder: 'metallb-v0.16.1',
    group: 'metallb.io',
    kinds: { IPAddressPool: 'v1beta1', L2Advertisement: 'v1beta1', BGPAdvertisement: 'v1beta1', BGPPeer: 'v1beta2', BFDProfile: 'v1beta1', Community: 'v1beta1' },
  },
  'gateway-api': {
    folder: 'gateway-api-v1.6.1',
    group: 'gateway.networking.k8s.io',
    kinds: { Gateway: 'v1', HTTPRoute: 'v1', GRPCRoute: 'v1', TLSRoute: 'v1', TCPRoute: 'v1', UDPRoute: 'v1', ListenerSet: 'v1', BackendTLSPolicy: 'v1', ReferenceGrant: 'v1beta1' },
  },
  'istio-networking': {
    folder: 'istio-v1.30.3',
    group: 'networking.istio.io',
    kinds: { Gateway: 'v1', VirtualService: 'v1', DestinationRule: 'v1' },
  },
  'istio-security': {
    folder: 'istio-v1.30.3',
    group: 'security.istio.io',
    kinds: { PeerAuthentication: 'v1', AuthorizationPolicy: 'v1' },
  },
  'multus': {
    folder: 'multus-v4.3.0',
    group: 'k8s.cni.cncf.io',
    kinds: { NetworkAttachmentDefinition: 'v1' },
  },
  'multi-networkpolicy': {
    folder: 'multi-networkpolicy-v1beta1',
    group: 'k8s.cni.cncf.io',
    kinds: { MultiNetworkPolicy: 'v1beta1' },
  },
};
const only = process.argv.slice(3);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crds-'));
fs.mkdirSync(outDir, { recursive: true });
for (const [name, { folder, group, kinds }] of Object.entries(IMPORTS)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const dir = path.join(crdsDir, folder);
  const docs = fs.readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseCrdYaml(path.join(dir, f)))
    .filter((d) => d?.kind === 'CustomResourceDefinition' && d.spec.group === group && d.spec.names.kind in kinds);
  for (const [kind, version] of Object.entries(kinds)) {
    const crd = docs.find((d) => d.spec.names.kind === kind);
    if (!crd) throw new Error(`${group}: CRD ${kind} not found in ${dir}`);
    crd.spec.versions = crd.spec.versions.filter((v: any) => v.name === version);
    if (crd.spec.versions.length !== 1) throw new Error(`${group}: ${kind} has no version ${version}`);
  }
  const file = path.join(tmp, `${name}.yaml`);
  fs.writeFileSync(file, docs.map((d) => stringify(d)).join('---\n'));
  const work = path.join(tmp, name);
  execFileSync('npx', ['cdk8s', 'import', `${name}:=${file}`, '--language', 'typescript', '--output', work], { stdio: 'inherit' });
  const [generated] = fs.readdirSync(work);
  fs.copyFileSync(path.join(work, generated), path.join(outDir, `${name}.ts`));
}
fs.rmSync(tmp, { recursive: true, force: true });
