/**
 * `npm run smoke:langs` (after `npx projen compile`, which the task runs
 * first): runs the library from Python, Java and Go, not only compiles it.
 *
 * 1. jsii-pacmak generates the Python, Java and Go bindings into dist/smoke-langs/.
 * 2. Each language installs them with its own tools, next to the runtime
 *    packages from its registry (PyPI, Maven Central, the Go module proxy),
 *    pinned in test/langs/python/requirements.txt, test/langs/java/pom.xml and
 *    test/langs/go/go.mod (go.sum holds the hashes).
 * 3. test/langs/<language>/ builds the README quick start, a BareMetalLB with
 *    an app on it and a MeshGateway with an app, runs the exposure linter and
 *    refuses a nodePort of 80; test/langs/typescript/ builds the same.
 * 4. Every language's manifests must equal TypeScript's after parsing; lint.txt
 *    must be identical, error.txt the same message.
 *
 * Caches live under $SMOKE_LANGS_CACHE (default ~/.cache/cdk8s-expose/smoke-langs):
 * pip's cache, the Maven repository, GOMODCACHE and GOCACHE, and the Java
 * build of cdk8s-plus-28 (see `javaPlus` below). An empty directory there is a
 * cold run. The last line is `smoke-langs: python ok, java ok, go ok`, or names
 * the language and why it failed; the exit code is non-zero if any failed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { parseAllDocuments } from 'yaml';

const root = path.join(__dirname, '..');
const work = path.join(root, 'dist', 'smoke-langs');
const logs = path.join(work, 'logs');
const out = path.join(work, 'out');
const cache = path.resolve(process.env.SMOKE_LANGS_CACHE ?? path.join(os.homedir(), '.cache', 'cdk8s-expose', 'smoke-langs'));
const langs = path.join(root, 'test', 'langs');
const LANGUAGES = ['python', 'java', 'go'] as const;
type Language = typeof LANGUAGES[number];

const env: NodeJS.ProcessEnv = {
  ...process.env,
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0],
  JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1',
  PIP_CACHE_DIR: path.join(cache, 'pip'),
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
  PYTHONDONTWRITEBYTECODE: '1',
  GOMODCACHE: path.join(cache, 'gomod'),
  GOCACHE: path.join(cache, 'gocache'),
  GOFLAGS: '-mod=mod',
};
const m2 = path.join(cache, 'm2');

class StepError extends Error {}

/** Run a command, its output into logs/<name>.log; throws with the log's tail if it fails. */
function run(name: string, cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const started = Date.now();
  const log = path.join(logs, `${name}.log`);
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? root, env: { ...env, ...opts.env }, encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 });
  fs.writeFileSync(log, `$ ${cmd} ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').filter((l) => l.trim() && !l.startsWith('!!')).slice(-12).join('\n');
    console.log(`  ${name}: FAILED after ${secs}s (log: ${path.relative(root, log)})\n${tail}`);
    throw new StepError(`${name} failed (exit ${r.status ?? r.signal ?? r.error}): ${lastLine(tail)}`);
  }
  console.log(`  ${name}: ${secs}s`);
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /error|cannot|not found|failed/i.test(l)) ?? lines[lines.length - 1] ?? '').slice(0, 200);
}

const pacmak = path.join(root, 'node_modules', '.bin', 'jsii-pacmak');
const pkgVersion = (name: string): string => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf-8')).version;

/**
 * Maven Central (as this project's machines reach it) serves org.cdk8s:cdk8s,
 * software.constructs:constructs and software.amazon.jsii:jsii-runtime, but no
 * version of org.cdk8s:cdk8s-plus-28. The npm package carries the same jsii
 * assembly that upstream's jar is generated from, so jsii-pacmak builds that
 * jar here once (kept in the cache, per version) and the library's Maven build
 * finds it in dist/smoke-langs/java beside its own.
 */
function javaPlus(): void {
  const plus = 'cdk8s-plus-28';
  const dir = path.join(cache, `java-${plus}-${pkgVersion(plus)}-pacmak-${pkgVersion('jsii-pacmak')}`);
  if (!fs.existsSync(path.join(dir, 'java', 'org'))) {
    const tmp = `${dir}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    run(`pacmak-java-${plus}`, pacmak, ['--no-npmignore', '--force', '--targets', 'java', '--outdir', tmp,
      `--maven-local-repository=${m2}`, '--mvn-define=maven.javadoc.skip=true', path.join(root, 'node_modules', plus)]);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  } else {
    console.log(`  pacmak-java-${plus}: cached (${dir})`);
  }
  fs.cpSync(path.join(dir, 'java'), path.join(work, 'java'), { recursive: true });
}

const steps: Record<Language, () => void> = {
  python: () => {
    const venv = path.join(work, 'venv');
    run('python-venv', 'python3', ['-m', 'venv', venv]);
    run('python-install', path.join(venv, 'bin', 'pip'), ['install', '--quiet', '-r', path.join(langs, 'python', 'requirements.txt'), path.join(work, 'python')]);
    run('python-run', path.join(venv, 'bin', 'python'), [path.join(langs, 'python', 'main.py'), path.join(out, 'python')],
      { cwd: path.join(langs, 'python'), env: { CDK8S_OUTDIR: path.join(out, 'python') } });
  },
  java: () => {
    javaPlus();
    run('pacmak-java', pacmak, ['--no-npmignore', '--force', '--targets', 'java', '--outdir', work,
      `--maven-local-repository=${m2}`, '--mvn-define=maven.javadoc.skip=true']);
    const classpath = path.join(work, 'java-classpath.txt');
    run('java-build', 'mvn', ['-q', '-B', '-f', path.join(langs, 'java', 'pom.xml'), `-Dmaven.repo.local=${m2}`,
      `-Dsmoke.repo=file://${path.join(work, 'java')}`, 'compile', 'dependency:build-classpath', `-Dmdep.outputFile=${classpath}`]);
    const cp = [path.join(work, 'java-target', 'classes'), fs.readFileSync(classpath, 'utf-8').trim()].join(path.delimiter);
    run('java-run', 'java', ['-cp', cp, 'smoke.Main', path.join(out, 'java')], { env: { CDK8S_OUTDIR: path.join(out, 'java') } });
  },
  go: () => {
    const bin = path.join(work, 'go-smoke');
    run('go-build', 'go', ['build', '-o', bin, '.'], { cwd: path.join(langs, 'go') });
    run('go-run', bin, [path.join(out, 'go')], { env: { CDK8S_OUTDIR: path.join(out, 'go') } });
  },
};

/**
 * The differences between a language's output directory and TypeScript's
 * (empty when they agree): the same files; each `*.k8s.yaml` the same objects
 * after parsing; `lint.txt` the same text; `error.txt` the same first line
 * (the library's message), which must be the refusal of nodePort 80.
 */
export function compareOutputs(ref: string, dir: string): string[] {
  const problems: string[] = [];
  const files = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith('.k8s.yaml') || f.endsWith('.txt')).sort();
  const expected = files(ref);
  const got = files(dir);
  if (!isDeepStrictEqual(expected, got)) problems.push(`files ${got.join(',')} instead of ${expected.join(',')}`);
  for (const f of expected.filter((x) => got.includes(x))) {
    const a = fs.readFileSync(path.join(ref, f), 'utf-8');
    const b = fs.readFileSync(path.join(dir, f), 'utf-8');
    if (f.endsWith('.k8s.yaml')) {
      const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS());
      const [da, db] = [docs(a), docs(b)];
      if (da.length === 0) problems.push(`${f}: TypeScript wrote no objects`);
      if (!isDeepStrictEqual(da, db)) {
        const i = da.findIndex((d, k) => !isDeepStrictEqual(d, db[k]));
        problems.push(`${f}: differs from TypeScript's (first at object ${i}, ${da[i]?.kind ?? db[i]?.kind} ${da[i]?.metadata?.name ?? db[i]?.metadata?.name})`);
      }
    } else if (f === 'error.txt') {
      // the library's message is the first line; Java's getMessage() appends the JavaScript stack
      const first = (t: string) => t.split('\n')[0];
      if (!first(a).startsWith("PublicWebApp 'bad/web': exposure.nodePort=80: ")) problems.push(`TypeScript's error.txt is not the refusal of nodePort 80: ${first(a)}`);
      if (first(a) !== first(b)) problems.push(`error.txt: "${first(b)}" instead of "${first(a)}"`);
    } else if (a !== b) {
      problems.push(`${f}: differs from TypeScript's`);
    }
  }
  return problems;
}

function main(): void {
  const only = process.argv.slice(2).filter((a) => (LANGUAGES as readonly string[]).includes(a)) as Language[];
  const selected = only.length > 0 ? only : [...LANGUAGES];
  const started = Date.now();
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(logs, { recursive: true });
  fs.mkdirSync(cache, { recursive: true });
  console.log(`smoke-langs: ${selected.join(', ')} (cache: ${cache})`);

  const results = new Map<Language, string>();
  try {
    run('typescript-run', path.join(root, 'node_modules', '.bin', 'ts-node'),
      ['--project', path.join(root, 'test', 'tsconfig.json'), '--transpile-only', path.join(langs, 'typescript', 'main.ts'), path.join(out, 'typescript')],
      { env: { CDK8S_OUTDIR: path.join(out, 'typescript') } });
    const codeOnly = selected.filter((l) => l !== 'java');
    if (codeOnly.length > 0) {
      // Python and Go from generated sources (pip builds the wheel; Go takes a module directory)
      run('pacmak-code', pacmak, ['--code-only', '--no-npmignore', '--force', '--targets', codeOnly.join(','), '--outdir', work]);
    }
  } catch (e) {
    for (const l of selected) results.set(l, `FAILED (${(e as Error).message})`);
  }

  for (const lang of selected.filter((l) => !results.has(l))) {
    console.log(`${lang}:`);
    try {
      steps[lang]();
      const problems = compareOutputs(path.join(out, 'typescript'), path.join(out, lang));
      results.set(lang, problems.length === 0 ? 'ok' : `FAILED (${problems.join('; ')})`);
      if (problems.length > 0) for (const p of problems) console.log(`  ${p}`);
    } catch (e) {
      if (!(e instanceof StepError)) throw e;
      results.set(lang, `FAILED (${e.message})`);
    }
  }
  console.log(`smoke-langs: ${((Date.now() - started) / 1000).toFixed(0)}s`);
  console.log(`smoke-langs: ${selected.map((l) => `${l} ${results.get(l)}`).join(', ')}`);
  process.exitCode = [...results.values()].every((r) => r === 'ok') ? 0 : 1;
}

if (require.main === module) main();
