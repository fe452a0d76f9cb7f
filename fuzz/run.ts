/**
 * `npm run fuzz [-- --runs N] [--only name1,name2] [--seed S] [--why]`
 * (`--why` lists the props that refused most cases: a property whose
 * cases are nearly all refused checks little of the output)
 *
 * Runs every property of fuzz/properties.ts (10,000 cases each by default),
 * prints a table (property, cases, failures, time) and, for each failing
 * property, the seed, the path and fast-check's counterexample report
 * (shrunk), so it can be replayed with `--only <name> --seed <S>`. Exits
 * non-zero when any property fails.
 */
import fc from 'fast-check';
import { outcomes, PROPERTIES } from './properties';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}

function main(): number {
  const runs = Number(arg('runs') ?? '10000');
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got ${arg('runs')}`);
  const seedArg = arg('seed');
  const seed = seedArg === undefined ? Date.now() ^ (Math.random() * 0x100000000) : Number(seedArg);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${seedArg}`);
  const only = arg('only')?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = (only ?? []).filter((n) => !PROPERTIES.some((p) => p.name === n));
  if (unknown.length > 0) throw new Error(`unknown properties: ${unknown.join(', ')} (known: ${PROPERTIES.map((p) => p.name).join(', ')})`);
  const why = process.argv.includes('--why');
  const selected = PROPERTIES.filter((p) => !only || only.includes(p.name));

  console.log(`fuzz: ${selected.length} properties, ${runs} cases each, seed ${seed}`);
  const rows: { name: string; cases: number; failures: number; ms: number; ok: number; refused: number }[] = [];
  const reports: string[] = [];
  const started = Date.now();
  for (const p of selected) {
    const t0 = Date.now();
    outcomes.synthesized = 0;
    outcomes.refused = 0;
    outcomes.reasons.clear();
    const details = fc.check(p.property(), { numRuns: runs, seed, endOnFailure: false });
    const ms = Date.now() - t0;
    const failures = details.failed ? 1 : 0;
    rows.push({ name: p.name, cases: details.numRuns, failures, ms, ok: outcomes.synthesized, refused: outcomes.refused });
    console.log(`  ${p.name}: ${details.numRuns} cases (${outcomes.synthesized} valid, ${outcomes.refused} refused), ${failures ? 'FAILED' : 'ok'}, ${(ms / 1000).toFixed(1)}s`);
    if (why) {
      const top = [...outcomes.reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
      for (const [reason, count] of top) console.log(`      refused ${String(count).padStart(6)}x  ${reason}`);
    }
    if (details.failed) {
      reports.push(`--- ${p.name} (replay: npm run fuzz -- --only ${p.name} --seed ${details.seed} --runs ${runs})\n`
        + `seed: ${details.seed}\npath: ${details.counterexamplePath}\n${fc.defaultReportMessage(details) ?? ''}\n`
        + `error: ${String((details.errorInstance as any)?.message ?? details.errorInstance).slice(0, 3000)}`);
    }
  }
  const total = Date.now() - started;
  const w = Math.max(8, ...rows.map((r) => r.name.length));
  const n = (x: number, width: number) => String(x).padStart(width);
  console.log(`\n| ${'property'.padEnd(w)} |  cases | synthesized+valid | refused (ExposeError) | failures | time (s) |`);
  console.log(`|${'-'.repeat(w + 2)}|-------:|------------------:|---------------------:|---------:|---------:|`);
  for (const r of rows) console.log(`| ${r.name.padEnd(w)} | ${n(r.cases, 6)} | ${n(r.ok, 17)} | ${n(r.refused, 20)} | ${n(r.failures, 8)} | ${(r.ms / 1000).toFixed(1).padStart(8)} |`);
  const sum = (f: (r: typeof rows[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  const failed = rows.filter((r) => r.failures > 0).length;
  console.log(`| ${'total'.padEnd(w)} | ${n(sum((r) => r.cases), 6)} | ${n(sum((r) => r.ok), 17)} | ${n(sum((r) => r.refused), 20)} | ${n(failed, 8)} | ${(total / 1000).toFixed(1).padStart(8)} |`);
  for (const r of reports) console.log(`\n${r}`);
  return failed > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e: any) {
  console.error(`fuzz: ${e?.message ?? e}`);
  process.exitCode = 2;
}
