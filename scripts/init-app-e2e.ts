/**
 * `npm run test:init-app`: the README's "add cdk8s-expose to a new cdk8s app"
 * path, end to end, on the packed library (dist/js/*.jsii.tgz from
 * `npx projen package`).
 *
 * 1. Renders `cdk8s init typescript-app` from the template that ships with
 *    cdk8s-cli (node_modules/cdk8s-cli/templates/typescript-app), with the
 *    versions `cdk8s init` would use, minus its post-install hook: that runs
 *    `cdk8s import k8s`, which downloads the Kubernetes schema.
 * 2. Writes a main.ts that uses the template's own cdk8s-plus line (33 today)
 *    next to cdk8s-expose, and the README's `validations:` entry in cdk8s.yaml.
 * 3. `npm install <packed tgz> <the library's cdk8s-plus peer>` (both plus
 *    packages side by side), then `npm run synth` (the template's `cdk8s synth`).
 * 4. Fails unless the manifests, the lint report and `dist/<chart>.NOTES.txt`
 *    are there, and (on a supported Node) npm printed no engine warning.
 *
 * Needs the npm registry for the template's own dependencies. KEEP=1 keeps the
 * app folder.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function fail(message: string): never {
  console.error(`test:init-app FAILED: ${message}`);
  process.exit(1);
}

function run(cmd: string, args: string[], cwd: string): string {
  console.log(`\n$ ${cmd} ${args.join(' ')}   (in ${cwd})`);
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  process.stdout.write(out);
  if (r.status !== 0) fail(`\`${cmd} ${args.join(' ')}\` exited with ${r.status}`);
  return out;
}

async function main() {
  // the packed library
  const lib = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const tarballs = fs.existsSync(path.join(root, 'dist', 'js'))
    ? fs.readdirSync(path.join(root, 'dist', 'js')).filter((f) => f.startsWith(`${lib.name}@`) && f.endsWith('.jsii.tgz'))
    : [];
  if (tarballs.length !== 1) fail(`expected one dist/js/${lib.name}@*.jsii.tgz, found ${tarballs.length}: run \`npx projen package\` first`);
  const tarball = path.join(root, 'dist', 'js', tarballs[0]);
  const plusPeer = Object.keys(lib.peerDependencies).find((d) => /^cdk8s-plus-\d+$/.test(d));
  if (!plusPeer) fail('package.json has no cdk8s-plus-NN peer dependency');
  const plusPeerSpec = `${plusPeer}@${lib.peerDependencies[plusPeer]}`;

  // 1. the template, rendered with the versions `cdk8s init` uses (see cdk8s-cli lib/cli/cmds/init.js)
  const cliRoot = path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [root] }));
  const cliInit = path.join(cliRoot, 'lib', 'cli', 'cmds');
  const versionOf = (mod: string) => JSON.parse(fs.readFileSync(require.resolve(`${mod}/package.json`, { paths: [cliInit] }), 'utf8')).version;
  const cliPkg = JSON.parse(fs.readFileSync(path.join(cliRoot, 'package.json'), 'utf8'));
  const templateDir = path.join(cliRoot, 'templates', 'typescript-app');
  const templatePkg = fs.readFileSync(path.join(templateDir, 'package.json'), 'utf8');
  const appPlus = templatePkg.match(/"(cdk8s-plus-\d+)"/)?.[1];
  if (!appPlus) fail(`no cdk8s-plus-NN dependency in ${templateDir}/package.json`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-init-app-'));
  const template = path.join(work, 'template');
  fs.cpSync(templateDir, template, { recursive: true, filter: (src) => path.basename(src) !== '.hooks.sscaff.js' });
  const appDir = path.join(work, 'my-app');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { sscaff } = require(require.resolve('sscaff', { paths: [cliRoot] }));
  await sscaff(template, appDir, {
    cdk8s_core_version: versionOf('cdk8s'),
    cdk8s_plus_version: versionOf(appPlus),
    constructs_version: cliPkg.dependencies.constructs.replace('^', ''),
    cdk8s_cli_spec: `^${cliPkg.version}`,
  });
  console.log(`rendered cdk8s init typescript-app (${appPlus}, cdk8s-cli ${cliPkg.version}) into ${appDir}`);

  // 2. an app that uses both plus lines, and the README's validation plugin entry
  for (const f of ['main.test.ts', '__snapshots__']) fs.rmSync(path.join(appDir, f), { recursive: true, force: true });
  fs.writeFileSync(path.join(appDir, 'main.ts'), `import { App, Chart } from 'cdk8s';
import * as kplus from '${appPlus}';
import { Exposure, IngressController, PublicWebApp, Tls } from '${lib.name}';

const app = new App();
const chart = new Chart(app, 'my-app', { namespace: 'shop' });

// the app's own objects, from the template's cdk8s-plus line
new kplus.ConfigMap(chart, 'settings', { data: { GREETING: 'hello' } });

// cdk8s-expose builds on its own cdk8s-plus line (${plusPeer}), installed next to it
new PublicWebApp(chart, 'web', {
  image: 'ghcr.io/acme/shop:1.4.2',
  port: 8080,
  host: 'shop.example.com',
  tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
  exposure: Exposure.ingress({ controller: IngressController.traefik() }),
});

app.synth();
`);
  fs.appendFileSync(path.join(appDir, 'cdk8s.yaml'), [
    'validations:',
    `  - package: ./node_modules/${lib.name}`,
    '    version: 0.0.0',
    '    class: ExposureLintValidation',
    '',
  ].join('\n'));

  // 3. install (the README's command) and synthesize (the template's `npm run synth`)
  const install = run('npm', ['install', '--no-audit', '--no-fund', tarball, plusPeerSpec], appDir);
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const minNode = Number(String(lib.engines?.node ?? '').match(/(\d+)/)?.[1] ?? 0);
  if (nodeMajor >= minNode && /EBADENGINE/.test(install)) fail('npm printed an engine warning on a supported Node');
  for (const dep of [lib.name, appPlus, plusPeer]) {
    if (!fs.existsSync(path.join(appDir, 'node_modules', dep, 'package.json'))) fail(`${dep} is not installed in the app`);
  }
  // (--check-upgrade=false: the CLI would look for a newer cdk8s-cli online)
  const synth = run('npm', ['run', 'synth', '--', '--check-upgrade=false'], appDir);

  // 4. what the user gets
  const dist = path.join(appDir, 'dist');
  // (construct-metadata.json: the CLI asks for it when validations are configured; cdk8s-expose-construct-paths.json:
  // the library's own map from each object to the construct that made it, written in that same mode for the plugin)
  const metadataFiles = ['construct-metadata.json', 'cdk8s-expose-construct-paths.json'];
  for (const f of metadataFiles) if (!fs.existsSync(path.join(dist, f))) fail(`expected dist/${f} (the validation plugin is configured)`);
  const files = fs.readdirSync(dist).filter((f) => !metadataFiles.includes(f)).sort();
  console.log(`\ndist/: ${fs.readdirSync(dist).sort().join(', ')}`);
  if (files.join(',') !== 'my-app.NOTES.txt,my-app.k8s.yaml') fail(`expected dist/my-app.k8s.yaml and dist/my-app.NOTES.txt, got ${files.join(', ')}`);
  const yaml = fs.readFileSync(path.join(dist, 'my-app.k8s.yaml'), 'utf8');
  for (const kind of ['ConfigMap', 'Deployment', 'Service', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget']) {
    if (!new RegExp(`^kind: ${kind}$`, 'm').test(yaml)) fail(`dist/my-app.k8s.yaml has no ${kind}`);
  }
  if (!/Validations ended succesfully/.test(synth) || !/ExposureLintValidation|cdk8s-expose/.test(synth)) {
    fail('the ExposureLintValidation plugin from ./node_modules/cdk8s-expose did not report');
  }
  const notes = fs.readFileSync(path.join(dist, 'my-app.NOTES.txt'), 'utf8');
  if (!notes.startsWith('ingress exposure of my-app/web (namespace shop)\nURL: https://shop.example.com/\n')) fail(`unexpected NOTES:\n${notes}`);
  console.log(`\n--- dist/my-app.NOTES.txt\n${notes}`);

  if (process.env.KEEP) console.log(`kept ${appDir}`);
  else fs.rmSync(work, { recursive: true, force: true });
  console.log(`test:init-app ok (${appPlus} app + ${lib.name} on ${plusPeer}, Node ${process.versions.node}, npm ${execFileSync('npm', ['--version'], { encoding: 'utf-8' }).trim()}) in ${elapsed()}`);
}

main().catch((e) => fail(e.stack ?? String(e)));
