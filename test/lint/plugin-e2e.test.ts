/**
 * End to end: the real `cdk8s synth --validate` (cdk8s-cli from node_modules)
 * on a tiny app whose cdk8s.yaml names ExposureLintValidation under
 * `validations:`. Runs offline: the plugin is referenced by a local path, which
 * the CLI requires directly instead of installing it from npm.
 *
 * The plugin path is a two-line shim that loads src/ through ts-node, so the
 * test needs no build. The packed library itself, referenced the way the
 * README tells users (`package: ./node_modules/cdk8s-expose`), is checked by
 * `npm run test:init-app` (scripts/init-app-e2e.ts), which CI runs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

const APP = `
const { App, Chart, ApiObject } = require('cdk8s');
const sc = { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
const deployment = (podSpec, replicas) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }], securityContext: sc }], ...podSpec } } },
});
const app = new App();
// objects that share a name: the plugin names each one's construct from the paths the library records
if (process.env.PLUGIN_MODULE) require(process.env.PLUGIN_MODULE).ExposureLintValidation.recordConstructPaths(app);
const chart = new Chart(app, 'demo');
if (process.env.LINT_CASE === 'bad') {
  new ApiObject(chart, 'web', deployment({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }, 2));
} else {
  new ApiObject(chart, 'web', deployment({}, 2));
  new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
  new ApiObject(chart, 'ing', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' },
    spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] } });
  new ApiObject(chart, 'np', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 8080 }] }] } });
}
app.synth();
`;

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-lint-e2e-'));
  fs.writeFileSync(path.join(dir, 'app.js'), APP);
  fs.mkdirSync(path.join(dir, 'plugin'));
  fs.writeFileSync(path.join(dir, 'plugin', 'index.js'), [
    `require(${JSON.stringify(path.join(ROOT, 'node_modules', 'ts-node'))}).register({ transpileOnly: true, project: ${JSON.stringify(path.join(ROOT, 'test', 'tsconfig.json'))} });`,
    `module.exports = require(${JSON.stringify(path.join(ROOT, 'src', 'lint', 'plugin.ts'))});`,
  ].join('\n'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function synth(pluginPath: string, lintCase: 'good' | 'bad') {
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'language: typescript',
    'app: node app.js',
    'validations:',
    `  - package: ${JSON.stringify(pluginPath)}`,
    '    version: 0.0.0',
    '    class: ExposureLintValidation',
    '    properties:',
    '      disabledRules: [exposed-pods-not-restricted]',
  ].join('\n'));
  const r = spawnSync(process.execPath, [CLI, 'synth', '--validate', '--check-upgrade=false', '--plugins-dir', path.join(dir, 'plugins')], {
    cwd: dir,
    encoding: 'utf-8',
    timeout: 20_000,
    env: { ...process.env, LINT_CASE: lintCase, PLUGIN_MODULE: pluginPath, NODE_PATH: path.join(ROOT, 'node_modules'), HOME: dir, NO_COLOR: '1' },
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

test('a bad manifest fails `cdk8s synth --validate` with the rule id, object and construct path', () => {
  const { status, out } = synth(path.join(dir, 'plugin'), 'bad');
  expect(out).toContain('[error] host-network-replicas (1 occurrences)');
  expect(out).toContain('Construct Path: demo/web');
  expect(out).toContain('Deployment web spec.template.spec.hostNetwork: Deployment web runs 2 replicas with hostNetwork: true');
  expect(out).toContain('Validation failed');
  expect(status).toBe(2);
}, 25_000);

test('a good manifest passes; its warnings are reported without failing', () => {
  const { status, out } = synth(path.join(dir, 'plugin'), 'good');
  expect(out).toContain('[warning] ingress-no-tls (1 occurrences)');
  // four objects are named web; cdk8s's construct-metadata.json alone would say demo/np for all of them
  expect(out).toContain('Resource Name: Ingress/web');
  expect(out).toContain('Construct Path: demo/ing');
  expect(out).not.toContain('[error]');
  expect(out).toContain('Validations ended succesfully'); // sic, the CLI's spelling
  expect(status).toBe(0);
}, 25_000);
