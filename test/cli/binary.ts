/**
 * The `cdk8s-expose` binary for the CLI tests: the compiled package's own
 * `bin` (lib/cli/main.js through package.json) when lib/ is newer than src/,
 * else src/ transpiled once to a temporary folder (same layout), so the tests
 * always run the current code as a plain `node` process.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// eslint-disable-next-line import/no-extraneous-dependencies
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..', '..');

function newestMtime(dir: string): number {
  return Math.max(...fs.readdirSync(dir, { withFileTypes: true }).map((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs;
  }));
}

let cached: string | undefined;

/** Path of the JavaScript file to run as the binary. */
export function binary(): string {
  if (cached) return cached;
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const libBin = path.join(ROOT, pkg.bin['cdk8s-expose']);
  if (fs.existsSync(libBin) && fs.statSync(libBin).mtimeMs >= newestMtime(path.join(ROOT, 'src'))) return cached = libBin;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-cli-'));
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []));
  for (const file of walk(path.join(ROOT, 'src'))) {
    const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true },
      fileName: file,
    }).outputText;
    // same relative layout as lib/: <out>/lib/... with package.json one level up
    const target = path.join(out, 'lib', path.relative(path.join(ROOT, 'src'), file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, js);
  }
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(out, 'package.json'));
  return cached = path.join(out, pkg.bin['cdk8s-expose']);
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `cdk8s-expose <args>` in `cwd` with `stdin`. */
export function cli(args: string[], options: { cwd?: string; stdin?: string } = {}): Run {
  const r = spawnSync(process.execPath, [binary(), ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.stdin ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
