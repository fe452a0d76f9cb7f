/**
 * `npm run verify:cluster`: every example and a seeded sample of fuzz apps
 * through a real kube-apiserver (defaulting, validation, the CRDs' CEL rules,
 * Gateway API's ValidatingAdmissionPolicy, Pod Security admission), then the
 * examples' NetworkPolicies through a NetworkPolicy engine (scripts/netpol-check.ts)
 * and their MetalLB objects through MetalLB's controller (scripts/metallb-check.ts).
 *
 * Needs Go (test/cluster/build.sh builds the engines once, then caches them)
 * and the upstream CRDs (`../shared/crds`, or CRDS_DIR). Environment:
 * FUZZ_APPS (default 500) synthesized fuzz apps, FUZZ_SEED (default 20261130),
 * VERIFY_CLUSTER_KEEP=1 keeps the temp dir (logs, kubeconfig).
 *
 * Last line: `verify-cluster: <N> objects accepted, <R> refused, <W> PodSecurity warnings`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { Cluster, engines, startCluster } from './cluster';
import { checkMetalLb } from './metallb-check';
import { checkNetworkPolicies } from './netpol-check';
import { PRIVILEGED_WORKLOADS } from '../examples/pod-security';
import { build, newBuilt, PROPERTIES } from '../fuzz/properties';
import { ExposeErrors } from '../src';
import { podSpecOf } from '../src/internal/pod-security';

process.env.CDK8S_EXPOSE_QUIET = '1';
const root = path.join(__dirname, '..');
const PSS = 'pod-security.kubernetes.io';
const RESTRICTED = { [`${PSS}/enforce`]: 'restricted', [`${PSS}/warn`]: 'restricted', [`${PSS}/audit`]: 'restricted' };

const totals = { accepted: 0, refused: 0, warnings: 0 };
const problems: string[] = [];

/** One labelled set of objects and the result of its server-side dry run. */
function dryRun(cluster: Cluster, label: string, objects: any[]): void {
  if (objects.length === 0) return;
  const file = path.join(cluster.dir, `${label.replace(/[^a-z0-9-]+/gi, '_')}.yaml`);
  fs.writeFileSync(file, objects.map((o) => YAML.stringify(o)).join('---\n'));
  const r = cluster.kubectl(['apply', '--server-side', '--dry-run=server', '--field-manager=verify-cluster', '-f', file]);
  const accepted = r.stdout.split('\n').filter((l) => /serverside-applied \(server dry run\)$/.test(l)).length;
  const errors = r.stderr.split('\n').filter((l) => /^(Error|error)/.test(l));
  const psWarnings = r.stderr.split('\n').filter((l) => /would violate PodSecurity/.test(l));
  const otherWarnings = r.stderr.split('\n').filter((l) => /^Warning:/.test(l) && !/would violate PodSecurity/.test(l));
  totals.accepted += accepted;
  const refused = Math.max(errors.length, objects.length - accepted);
  totals.refused += refused;
  totals.warnings += psWarnings.length;
  for (const w of otherWarnings) console.log(`  ${label}: ${w}`);
  if (refused > 0 || psWarnings.length > 0 || (r.status !== 0 && errors.length === 0)) {
    problems.push(`${label}: ${objects.length} objects, ${accepted} accepted\n    ${[...errors, ...psWarnings].join('\n    ') || r.stderr.trim()}`);
    console.log(`FAIL ${label}: ${accepted}/${objects.length} accepted\n    ${[...errors, ...psWarnings].join('\n    ') || r.stderr.trim()}`);
  }
}

const nsOf = (o: any): string | undefined => (o.kind === 'Namespace' ? undefined : o.metadata?.namespace);

/** Creates each namespace (for real) that does not exist, and labels it as given. */
function labelNamespaces(cluster: Cluster, namespaces: Iterable<string>, labels: Record<string, string | null>): void {
  for (const ns of new Set(namespaces)) {
    if (cluster.kubectl(['get', 'namespace', ns, '-o', 'name']).status !== 0) cluster.kubectlOk(['create', 'namespace', ns]);
    const args = Object.entries(labels).map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`));
    cluster.kubectlOk(['label', 'namespace', ns, '--overwrite', ...args]);
  }
}

function readObjects(dir: string): any[] {
  return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()
    .flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJSON()))
    .filter((o) => o && typeof o === 'object');
}

function installCrds(cluster: Cluster, crds: string): void {
  const started = Date.now();
  const files = (function walk(d: string): string[] {
    return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(d, e.name)] : []));
  })(crds).sort();
  // server-side: the HTTPRoute CRD is larger than client-side apply's last-applied annotation may be
  cluster.kubectlOk(['apply', '--server-side', '--force-conflicts', ...files.flatMap((f) => ['-f', f])]);
  cluster.kubectlOk(['wait', '--for=condition=Established', '--timeout=120s', 'crd', '--all']);
  const n = cluster.kubectlOk(['get', 'crd', '-o', 'name']).trim().split('\n').length;
  const vap = cluster.kubectlOk(['get', 'validatingadmissionpolicies', '-o', 'name']).trim();
  console.log(`CRDs: ${n} established from ${files.length} files of ${crds}; admission policies: ${vap.split('\n').join(', ') || 'none'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function checkExamples(cluster: Cluster): Map<string, any[]> {
  const dist = path.join(root, 'dist', 'examples');
  const names = fs.readdirSync(path.join(root, 'examples')).filter((n) => fs.existsSync(path.join(root, 'examples', n, 'main.ts'))).sort();
  const missing = names.filter((n) => !fs.existsSync(path.join(dist, n)));
  if (missing.length > 0) throw new Error(`dist/examples lacks ${missing.join(', ')}: run \`npm run example\` first`);
  const all = new Map<string, any[]>();
  for (const name of names) {
    const objects = readObjects(path.join(dist, name));
    all.set(name, objects);
    const acknowledged = PRIVILEGED_WORKLOADS[name] ?? [];
    const own = objects.filter((o) => o.kind === 'Namespace');
    const privilegedNs = new Set(objects.filter((o) => podSpecOf(o) && acknowledged.includes(o.metadata?.name)).map((o) => nsOf(o) ?? 'default'));
    for (const ns of own) {
      const enforce = ns.metadata?.labels?.[`${PSS}/enforce`];
      if (enforce !== 'restricted' && !privilegedNs.has(ns.metadata.name)) {
        problems.push(`${name}: Namespace ${ns.metadata.name} has ${PSS}/enforce=${enforce ?? '(unset)'} but no workload there acknowledged a privileged namespace (examples/pod-security.ts)`);
      }
    }
    for (const ns of privilegedNs) {
      if (!own.some((o) => o.metadata?.name === ns)) problems.push(`${name}: the acknowledged workloads in ${ns} need a Namespace labelled ${PSS}/enforce=privileged in the example`);
    }
    // every namespace restricted, except those the example labels itself: their labels come from its Namespace object (applied for real)
    const ownNames = own.map((o) => o.metadata.name);
    labelNamespaces(cluster, objects.map((o) => nsOf(o) ?? 'default').filter((n) => !ownNames.includes(n)), RESTRICTED);
    labelNamespaces(cluster, ownNames, { [`${PSS}/enforce`]: null, [`${PSS}/warn`]: null, [`${PSS}/audit`]: null });
    if (own.length > 0) {
      const file = path.join(cluster.dir, `namespaces-${name}.yaml`);
      fs.writeFileSync(file, own.map((o) => YAML.stringify(o)).join('---\n'));
      cluster.kubectlOk(['apply', '--server-side', '--force-conflicts', '--field-manager=example', '-f', file]);
      totals.accepted += own.length;
    }
    const before = { ...totals };
    dryRun(cluster, `example ${name}`, objects.filter((o) => o.kind !== 'Namespace'));
    console.log(`example ${name}: ${totals.accepted - before.accepted + own.length} accepted, ${totals.refused - before.refused} refused, ${totals.warnings - before.warnings} PodSecurity warnings`);
  }
  return all;
}

/** Synthesizes seeded fuzz scenarios until `count` built; returns their objects, split by Pod Security profile. */
function fuzzSample(count: number, seed: number): { restricted: any[]; privileged: any[]; apps: number; scenarios: number; refusedBySynth: number } {
  const scenarioProps = PROPERTIES.filter((p) => p.name !== 'linter');
  const restricted: any[] = [];
  const privileged: any[] = [];
  let scenarios = 0;
  let apps = 0;
  let refusedBySynth = 0;
  for (let round = 0; scenarios < count; round++) {
    if (round > 200) throw new Error(`fuzz: only ${scenarios} of ${count} scenarios synthesized after 200 rounds`);
    for (const p of scenarioProps) {
      if (scenarios >= count) break;
      for (const [s] of fc.sample(p.property() as any, { seed: seed + round * 1000 + scenarioProps.indexOf(p), numRuns: 4 }) as any[]) {
        if (scenarios >= count) break;
        const b = newBuilt(s);
        try {
          build(s, b);
        } catch (e) {
          if (!ExposeErrors.isExposeError(e)) throw e; // the fuzz test's oracle reports these; here only valid apps matter
          refusedBySynth++;
          continue;
        }
        const objects = b.charts.flatMap((c) => Testing.synth(c));
        scenarios++;
        apps += b.app.node.findAll().filter((c) => c.constructor.name === 'PublicWebApp').length;
        // acknowledged hostPort/hostNetwork apps and VirtualIp managers (hostNetwork, NET_ADMIN) need a privileged namespace
        const needsPrivileged = (o: any) => podSpecOf(o) && (b.privileged.has(o.metadata?.name) || (o.kind === 'DaemonSet' && b.vipManagers.has(o.metadata?.name)));
        for (const o of objects) (needsPrivileged(o) ? privileged : restricted).push(o);
      }
    }
  }
  return { restricted, privileged, apps, scenarios, refusedBySynth };
}

function checkFuzz(cluster: Cluster): void {
  const count = Number(process.env.FUZZ_APPS ?? 500);
  const seed = Number(process.env.FUZZ_SEED ?? 20261130);
  const started = Date.now();
  const f = fuzzSample(count, seed);
  console.log(`fuzz: ${f.scenarios} scenarios synthesized (${f.apps} PublicWebApps; ${f.refusedBySynth} refused at synth) with seed ${seed} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // pass 1: every namespace restricted; the workloads that acknowledged hostPort / hostNetwork wait for pass 2
  labelNamespaces(cluster, [...f.restricted, ...f.privileged].map((o) => nsOf(o) ?? 'default'), RESTRICTED);
  const before = { ...totals };
  const chunk = 400;
  for (let i = 0; i < f.restricted.length; i += chunk) dryRun(cluster, `fuzz restricted ${i / chunk}`, f.restricted.slice(i, i + chunk));
  // pass 2: their namespaces privileged (as the exposure's docs tell the user to label them), then those workloads alone
  labelNamespaces(cluster, f.privileged.map((o) => nsOf(o) ?? 'default'), { [`${PSS}/enforce`]: 'privileged', [`${PSS}/warn`]: 'privileged', [`${PSS}/audit`]: 'privileged' });
  dryRun(cluster, 'fuzz privileged', f.privileged);
  console.log(`fuzz: ${totals.accepted - before.accepted} accepted, ${totals.refused - before.refused} refused, ${totals.warnings - before.warnings} PodSecurity warnings (${f.privileged.length} acknowledged hostPort/hostNetwork workloads and VirtualIp managers in privileged namespaces)`);
}

async function main(): Promise<number> {
  const crds = process.env.CRDS_DIR ?? path.join(root, '..', 'shared', 'crds');
  if (!fs.existsSync(crds)) {
    console.error(`verify-cluster: no CRDs at ${crds}: set CRDS_DIR to a folder of the upstream CRDs (see ../shared/crds/SOURCES.md)`);
    return 2;
  }
  const bin = engines();
  const started = Date.now();
  const cluster = await startCluster(bin);
  try {
    console.log(`kube-apiserver ready at ${cluster.server} in ${((Date.now() - started) / 1000).toFixed(1)} s (temp dir ${cluster.dir})`);
    console.log(cluster.kubectlOk(['version']).trim().replace(/\n/g, '; '));
    installCrds(cluster, crds);
    const examples = checkExamples(cluster);
    checkFuzz(cluster);
    problems.push(...checkNetworkPolicies(cluster, examples));
    problems.push(...await checkMetalLb(cluster, examples));
  } finally {
    cluster.stop();
  }
  if (problems.length > 0) console.log(`\n${problems.length} problems:\n  ${problems.join('\n  ')}`);
  console.log(`verify-cluster: ${totals.accepted} objects accepted, ${totals.refused} refused, ${totals.warnings} PodSecurity warnings`);
  return problems.length > 0 || totals.refused > 0 || totals.warnings > 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e?.stack ?? e);
  console.log(`verify-cluster: ${totals.accepted} objects accepted, ${totals.refused} refused, ${totals.warnings} PodSecurity warnings`);
  process.exit(1);
});
