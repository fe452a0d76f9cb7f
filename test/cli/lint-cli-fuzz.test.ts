/**
 * The command line never crashes: random arguments and random input (text,
 * YAML of random JSON values, Kubernetes-shaped objects with random fields)
 * always end in exit code 0, 1 or 2, with no internal error, and the json
 * and sarif formats always print one JSON document.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { InputError, manifestFiles } from '../../src/cli/input';
import { runCli } from '../../src/cli/lint-command';

const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-cli-fuzz-'));
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

function run(argv: string[], stdin: string) {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { cwd, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, readStdin: () => stdin });
  return { code, stdout, stderr };
}

const token = fc.oneof(
  fc.constantFrom('lint', '-', '--format', 'text', 'json', 'sarif', '--fail-on', 'error', 'warning', 'never', '--disable',
    'ingress-no-tls', '--severity', 'lb-source-ranges=error', 'x=y', '--node-port-range', '30000-32767', '1-2', '--config',
    '--no-config', '--stdin-name', '--list-rules', '-h', '--', '--format=sarif', '--disable=,', 'missing.yaml', '.'),
  // any text, except paths that would walk the machine's file system (covered by the folder tests)
  fc.string({ maxLength: 12 }).filter((s) => !s.startsWith('/') && !s.includes('..')),
);

const kube = fc.record({
  apiVersion: fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1', 'gateway.networking.k8s.io/v1', 'metallb.io/v1beta1', 'x'),
  kind: fc.constantFrom('Service', 'Deployment', 'DaemonSet', 'Pod', 'Ingress', 'NetworkPolicy', 'HTTPRoute', 'IPAddressPool', 'List', 'Middleware', 'Unknown'),
  metadata: fc.oneof(
    fc.record({
      name: fc.string({ maxLength: 6 }),
      namespace: fc.option(fc.string({ maxLength: 4 })),
      annotations: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))),
    }),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  spec: fc.jsonValue({ maxDepth: 4 }),
  items: fc.option(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 })),
}, { requiredKeys: ['kind'] });

const input = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 4 }).map((docs) => docs.map((d) => Yaml.stringify(d)).join('---\n')),
  fc.array(kube, { maxLength: 6 }).map((docs) => Yaml.stringify(...docs)),
  fc.array(kube, { maxLength: 6 }).map((docs) => JSON.stringify(docs)),
);

test('random arguments and input: exit 0, 1 or 2, never an internal error', () => {
  fc.assert(fc.property(fc.array(token, { maxLength: 8 }), input, (args, stdin) => {
    const argv = ['lint', ...args, '-'];
    const r = run(argv, stdin);
    expect([0, 1, 2]).toContain(r.code);
    expect(r.stderr).not.toContain('internal error');
  }), { numRuns: Number(process.env.CLI_FUZZ_RUNS ?? 300) });
});

test('random input with --format json / sarif: stdout is one JSON document', () => {
  fc.assert(fc.property(fc.constantFrom('json', 'sarif'), input, (format, stdin) => {
    const r = run(['lint', '--no-config', '--format', format, '-'], stdin);
    expect([0, 1, 2]).toContain(r.code);
    expect(r.stderr).not.toContain('internal error');
    const doc = JSON.parse(r.stdout);
    expect(format === 'json' ? doc.summary : doc.version).toBeDefined();
  }), { numRuns: Number(process.env.CLI_FUZZ_RUNS ?? 300) });
});

test('a folder that cannot be read is an input error, not a crash (found by this fuzz: `lint /` met /proc/1/fdinfo)', () => {
  const errors: InputError[] = [];
  const file = path.join(cwd, 'plain.yaml');
  fs.writeFileSync(file, 'a: 1\n');
  expect(manifestFiles(file, errors, (p) => p)).toEqual([]); // readdir of a file fails like an unreadable folder
  expect(errors).toEqual([{ file, message: expect.stringMatching(/^cannot be read: ENOTDIR/) }]);
});
