/**
 * `npm run bench [-- --n 1000 --reps 3 --scenario ingress-nginx]`
 *
 * For every scenario and N, runs cdk8s-expose and the same objects written by
 * hand with cdk8s-plus-28, each in a fresh process, interleaved, `reps` times,
 * and prints the medians and their ratio (the target is <= 1.10). Timing is
 * inside the process (construct + synthYaml), so ts-node start-up is excluded.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { SCENARIOS } from './scenarios';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const ns = arg('n', '1000').split(',').map(Number);
const reps = Number(arg('reps', '3'));
const scenarios = arg('scenario', Object.keys(SCENARIOS).join(',')).split(',');
const tsNode = path.join(__dirname, '..', 'node_modules', '.bin', 'ts-node');

function measure(scenario: string, variant: string, n: number) {
  const out = execFileSync(tsNode, ['--project', path.join(__dirname, '..', 'test', 'tsconfig.json'), '--transpile-only', path.join(__dirname, 'synth.ts'), scenario, variant, String(n)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows: string[] = [];
let worst = 0;
for (const scenario of scenarios) {
  for (const n of ns) {
    const runs: Record<string, any[]> = { expose: [], handWritten: [] };
    for (let r = 0; r < reps; r++) {
      for (const variant of r % 2 === 0 ? ['handWritten', 'expose'] : ['expose', 'handWritten']) runs[variant].push(measure(scenario, variant, n));
    }
    const e = median(runs.expose.map((x) => x.ms));
    const h = median(runs.handWritten.map((x) => x.ms));
    const objects = runs.expose[0].objects;
    if (objects !== runs.handWritten[0].objects) throw new Error(`${scenario}: object counts differ (${objects} vs ${runs.handWritten[0].objects})`);
    const ratio = e / h;
    worst = Math.max(worst, ratio);
    const mem = median(runs.expose.map((x) => x.peakRssMiB));
    const memH = median(runs.handWritten.map((x) => x.peakRssMiB));
    rows.push(`| ${scenario} | ${n} | ${objects} | ${h.toFixed(0)} | ${e.toFixed(0)} | ${ratio.toFixed(3)} | ${(e / objects).toFixed(3)} | ${memH.toFixed(0)} | ${mem.toFixed(0)} |`);
    console.error(rows[rows.length - 1]);
  }
}
console.log(`\nSynthesis benchmark (median of ${reps}, fresh process per run, construct + synthYaml)\n`);
console.log('| scenario | N | objects | hand-written cdk8s-plus-28 ms | cdk8s-expose ms | ratio | expose ms/object | hand peak RSS MiB | expose peak RSS MiB |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`\nworst ratio: ${worst.toFixed(3)} (target <= 1.10)`);
