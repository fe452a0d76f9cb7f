/**
 * `cdk8s-expose lint`, driven as a real process (test/cli/binary.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { binary, cli, ROOT } from './binary';
import { ingress, networkPolicy, service, workload } from '../lint/fixtures';

let dir: string;
beforeAll(() => {
  binary(); // transpile once, outside any test's time
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-lint-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** A clean app: Deployment, Service, TLS Ingress and NetworkPolicy. */
const clean = () => [workload('web'), service('web'), ingress('web'), networkPolicy('web', { matchLabels: { app: 'web' } })];
/** hostNetwork with 2 replicas: error host-network-replicas on the Deployment (a rollout strategy that cannot stall, so no other finding). */
const hostNet = () => {
  const d = workload('edge', { replicas: 2, podSpec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } });
  d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
  return d;
};

describe('usage', () => {
  test('no command, unknown command, unknown option, bad values: exit 2 with a message', () => {
    expect(cli([]).status).toBe(2);
    const unknownCommand = cli(['check', 'x.yaml']);
    expect(unknownCommand.status).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command "check"');
    expect(cli(['lint', '--bogus', 'x.yaml']).stderr).toContain("Unknown option '--bogus'");
    for (const args of [['--format', 'xml'], ['--fail-on', 'info'], ['--severity', 'lb-source-ranges'], ['--severity', 'lb-source-ranges=fatal'],
      ['--disable', 'no-such-rule'], ['--node-port-range', '30000'], ['--node-port-range', '32767-30000'], ['--node-port-range', '0-70000'], []]) {
      const r = cli(['lint', ...args, ...(args.length ? ['-'] : [])], { stdin: '' });
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(/^cdk8s-expose: /);
    }
  });

  test('--help prints the options and exits 0; --list-rules prints every rule', () => {
    const help = cli(['lint', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--fail-on error|warning|never');
    const rules = cli(['lint', '--list-rules']);
    expect(rules.status).toBe(0);
    expect(rules.stdout).toMatch(/^host-network-replicas \(error\): /m);
  });

  test('the package declares the binary', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ 'cdk8s-expose': 'lib/cli/main.js' });
    expect(pkg.bundledDependencies).toContain('yaml');
    expect(fs.readFileSync(path.join(ROOT, 'src', 'cli', 'main.ts'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});

describe('inputs', () => {
  test('multi-document YAML: findings with file and line of the object, exit 1 on errors', () => {
    const file = write('app.yaml', `# a comment\n---\n${Yaml.stringify(...clean(), hostNet())}`);
    const r = cli(['lint', file]);
    expect(r.status).toBe(1);
    const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l === '  name: edge') ; // metadata.name line of the Deployment
    const docStart = fs.readFileSync(file, 'utf8').split('\n').slice(0, line).lastIndexOf('apiVersion: apps/v1') + 1;
    expect(r.stdout).toContain(`${file}:${docStart}: error host-network-replicas Deployment edge (spec.template.spec.hostNetwork)`);
    expect(r.stdout).toMatch(/^1 error, 0 warnings in 5 objects \(1 file\)$/m);
  });

  test('standard input: helm template output (Source comments, empty documents), --stdin-name', () => {
    const helm = ['---', '# Source: shop/templates/empty.yaml', '---', '# Source: shop/templates/deployment.yaml', Yaml.stringify(hostNet())].join('\n');
    const r = cli(['lint', '--stdin-name', 'chart.yaml', '-'], { stdin: helm });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('chart.yaml:5: error host-network-replicas Deployment edge');
    expect(cli(['lint', '-'], { stdin: helm }).stdout).toContain('stdin:5: error host-network-replicas');
  });

  test('JSON: a v1 List, a ServiceList, a top-level array; items keep their own lines', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [...clean(), { apiVersion: 'v1', kind: 'ServiceList', items: [service('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })] }] };
    const file = write('list.json', JSON.stringify(list, undefined, 2));
    const r = cli(['lint', '--format', 'json', file]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    const lineOfNp = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('"name": "np"')) + 1;
    const f = out.findings.find((x: any) => x.ruleId === 'node-port-range');
    expect(f).toMatchObject({ kind: 'Service', name: 'np', file, severity: 'error' });
    expect(f.line).toBeGreaterThan(1);
    expect(f.line).toBeLessThan(lineOfNp);
    expect(out.summary).toEqual({ errors: 1, warnings: expect.any(Number), objects: 5, files: 1, inputErrors: 0 });

    const array = write('array.json', JSON.stringify([hostNet()]));
    expect(cli(['lint', array]).stdout).toContain(`${array}:1: error host-network-replicas`);
  });

  test('folders are searched recursively for *.yaml, *.yml and *.json; other files and unknown kinds are skipped', () => {
    const tree = path.join(dir, 'tree');
    write('tree/a/app.yaml', Yaml.stringify(...clean()));
    write('tree/b/c/edge.yml', Yaml.stringify(hostNet()));
    write('tree/crd.json', JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { anything: [1, 2] } }));
    write('tree/README.md', '# not a manifest: {[');
    write('tree/.git/x.yaml', 'a: [');
    const r = cli(['lint', tree]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${path.join(tree, 'b', 'c', 'edge.yml')}:1: error host-network-replicas`);
    expect(r.stdout).toMatch(/^1 error, 0 warnings in 6 objects \(3 files\)$/m);
    expect(r.status).toBe(1);
    // a relative folder is reported relative
    expect(cli(['lint', 'tree'], { cwd: dir }).stdout).toContain(`${path.join('tree', 'b', 'c', 'edge.yml')}:1: error`);
  });

  test('unparsable YAML is an input error with file and line: exit 2, the other files are still linted', () => {
    const bad = write('bad.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: [a\nspec: {}\n');
    const good = write('edge.yaml', Yaml.stringify(hostNet()));
    const r = cli(['lint', bad, good]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+(:\\d+)?: error: `, 'm'));
    expect(r.stdout).toContain('error host-network-replicas');
    const locked = path.join(dir, 'locked');
    write('locked/inner/x.yaml', Yaml.stringify(hostNet()));
    fs.chmodSync(path.join(locked, 'inner'), 0o000);
    try {
      const r2 = cli(['lint', locked]);
      // root reads any folder; everyone else gets an input error naming it
      if (process.getuid?.() !== 0) {
        expect(r2.status).toBe(2);
        expect(r2.stderr).toContain(`${path.join(locked, 'inner')}: error: cannot be read`);
      } else {
        expect(r2.status).toBe(1);
      }
      expect(r2.stderr).not.toContain('internal error');
    } finally {
      fs.chmodSync(path.join(locked, 'inner'), 0o755);
    }
    const missing = cli(['lint', path.join(dir, 'nope.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: error: no such file or folder');
  });

  test('odd documents do not crash: scalars, arrays of scalars, objects without kind, anchors', () => {
    const odd = ['42', '---', '- 1', '- two', '---', 'metadata: {name: x}', '---', 'base: &b {a: 1}', 'copy: *b', '---', 'kind: [1]', '---', 'apiVersion: v1\nkind: Service\nmetadata: 7\nspec: [1]'].join('\n');
    const r = cli(['lint', '-'], { stdin: odd });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('options', () => {
  const warnOnly = () => Yaml.stringify(workload('web'), service('web'), ingress('web', { tls: undefined }), networkPolicy('web', { matchLabels: { app: 'web' } }));

  test('--fail-on decides the exit code', () => {
    expect(cli(['lint', '-'], { stdin: warnOnly() }).status).toBe(0);
    expect(cli(['lint', '--fail-on', 'warning', '-'], { stdin: warnOnly() }).status).toBe(1);
    expect(cli(['lint', '--fail-on', 'never', '-'], { stdin: Yaml.stringify(hostNet()) }).status).toBe(0);
    expect(cli(['lint', '--fail-on', 'error', '-'], { stdin: Yaml.stringify(hostNet()) }).status).toBe(1);
  });

  test('--disable and --severity', () => {
    const r = cli(['lint', '--disable', 'ingress-no-tls', '--fail-on', 'warning', '-'], { stdin: warnOnly() });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^0 errors, 0 warnings/m);
    const raised = cli(['lint', '--severity', 'ingress-no-tls=error', '-'], { stdin: warnOnly() });
    expect(raised.status).toBe(1);
    expect(raised.stdout).toContain('error ingress-no-tls Ingress web');
    const lowered = cli(['lint', '--severity', 'host-network-replicas=warning', '--disable', 'ingress-no-tls,exposed-pods-no-network-policy', '-'], { stdin: Yaml.stringify(hostNet()) });
    expect(lowered.status).toBe(0);
    expect(lowered.stdout).toContain('warning host-network-replicas');
  });

  test('--node-port-range', () => {
    const svc = Yaml.stringify(service('web', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 8080 }] }));
    const args = ['--disable', 'service-selector-no-pods,node-port-pinned', '-'];
    expect(cli(['lint', ...args], { stdin: svc }).stdout).toContain('outside the node port range 30000-32767');
    expect(cli(['lint', '--node-port-range', '8000-9000', ...args], { stdin: svc }).status).toBe(0);
  });

  test('config file: auto-discovered in the current directory, --config FILE, --no-config; command line wins', () => {
    const project = path.join(dir, 'project');
    write('project/.cdk8s-expose-lint.yaml', 'disabledRules: [ingress-no-tls]\nfailOn: warning\nseverities: { host-network-replicas: warning }\nnodePortRange: 30000-32767\n');
    write('project/app.yaml', warnOnly());
    expect(cli(['lint', 'app.yaml'], { cwd: project }).status).toBe(0);
    expect(cli(['lint', '--no-config', '--fail-on', 'warning', 'app.yaml'], { cwd: project }).status).toBe(1);
    expect(cli(['lint', '--fail-on', 'never', '-'], { cwd: project, stdin: Yaml.stringify(hostNet()) }).status).toBe(0);
    // severities from the config: the hostNetwork error is a warning, and failOn: warning makes it fail
    const lowered = cli(['lint', '-'], { cwd: project, stdin: Yaml.stringify(hostNet()) });
    expect(lowered.stdout).toContain('warning host-network-replicas');
    expect(lowered.status).toBe(1);

    const other = write('other.yaml', 'disabledRules: [host-network-replicas, host-network-dns-policy, exposed-pods-no-network-policy]\n');
    expect(cli(['lint', '--config', other, '-'], { stdin: Yaml.stringify(hostNet()) }).status).toBe(0);
    for (const text of ['disabledRule: [x]\n', 'disabledRules: ingress-no-tls\n', '[1, 2]\n', 'severities: {ingress-no-tls: fatal}\n', 'failOn: sometimes\n', 'nodePortRange: 1\n', 'a: [\n']) {
      const f = write('broken.yaml', text);
      const r = cli(['lint', '--config', f, '-'], { stdin: '' });
      expect({ text, status: r.status }).toEqual({ text, status: 2 });
    }
  });
});

test('config file edges: where a custom Ingress controller runs, checked by ingress-controller-network-policy', () => {
  const objects = [workload('web'), service('web'), ingress('web', { ingressClassName: 'internal' }),
    networkPolicy('web', { matchLabels: { app: 'web' } }, { ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } } }], ports: [{ port: 8080 }] }] })];
  const stdin = Yaml.stringify(...objects);
  const args = ['lint', '--format', 'json', '--config'];
  const right = write('edges/right.yaml', 'edges: [{ className: internal, namespace: edge }]\n');
  const wrong = write('edges/wrong.yaml', 'edges: [{ className: internal, namespace: proxies, podLabels: { app: proxy } }]\n');
  const rules = (r: { stdout: string }) => JSON.parse(r.stdout).findings.map((f: any) => f.ruleId);
  expect(rules(cli([...args, right, '-'], { stdin }))).not.toContain('ingress-controller-network-policy');
  expect(rules(cli([...args, wrong, '-'], { stdin }))).toContain('ingress-controller-network-policy');
  for (const text of ['edges: internal\n', 'edges: [{ className: internal, namespce: edge }]\n', 'edges: [{ className: internal }]\n']) {
    const f = write('edges/broken.yaml', text);
    expect({ text, status: cli(['lint', '--config', f, '-'], { stdin: '' }).status }).toEqual({ text, status: 2 });
  }
});

describe('--format sarif', () => {
  test('a SARIF 2.1.0 log: schema, version, the rules, and one result per finding at its object line', () => {
    const file = write('sarif/app.yaml', `${Yaml.stringify(...clean())}---\n${Yaml.stringify(hostNet())}`);
    const r = cli(['lint', '--format', 'sarif', 'sarif/app.yaml'], { cwd: dir });
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('cdk8s-expose');
    const ids = run.tool.driver.rules.map((x: any) => x.id);
    expect(ids).toContain('host-network-replicas');
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule).toEqual(expect.objectContaining({
        id: expect.stringMatching(/^[a-z0-9-]+$/),
        shortDescription: { text: expect.any(String) },
        helpUri: expect.stringMatching(/^https:\/\//),
        defaultConfiguration: { level: expect.stringMatching(/^(error|warning)$/) },
      }));
    }
    const docLine = fs.readFileSync(file, 'utf8').split('\n').lastIndexOf('apiVersion: apps/v1') + 1;
    expect(run.results).toEqual([expect.objectContaining({
      ruleId: 'host-network-replicas',
      level: 'error',
      message: { text: expect.stringContaining('Deployment edge runs 2 replicas') },
      locations: [expect.objectContaining({
        physicalLocation: { artifactLocation: { uri: 'sarif/app.yaml' }, region: { startLine: docLine } },
        logicalLocations: [expect.objectContaining({ fullyQualifiedName: 'Deployment/edge#spec.template.spec.hostNetwork' })],
      })],
    })]);
    expect(run.tool.driver.rules[run.results[0].ruleIndex].id).toBe('host-network-replicas');
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  test('input errors are tool execution notifications; the run is not successful', () => {
    const r = cli(['lint', '--format', 'sarif', '--stdin-name', 'in.yaml', '-'], { stdin: 'a: [\n' });
    expect(r.status).toBe(2);
    const inv = JSON.parse(r.stdout).runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications[0]).toEqual(expect.objectContaining({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'in.yaml' }, region: expect.objectContaining({ startLine: expect.any(Number) }) } }],
    }));
  });
});
