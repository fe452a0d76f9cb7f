/**
 * One measurement of the `lint` benchmark in a fresh process: read the base
 * corpus (bench/lint-corpus.ts, written once by bench/run.ts), copy it up to N
 * objects, then time `new ExposureLinter().lint(objects)` alone (CPU and wall
 * clock; building the corpus is before the clock starts). Prints a JSON line.
 *   node bench/lint.js <base.json> <N> <namespaces|one-namespace>
 */
import * as fs from 'fs';
import { corpus, Layout } from './lint-corpus';
import { ExposureLinter } from '../src';

const [baseFile, nText, layout] = process.argv.slice(2);
const n = Number(nText);
if (!baseFile || !(n > 0) || (layout !== 'namespaces' && layout !== 'one-namespace')) {
  console.error('usage: lint.js <base.json> <N> <namespaces|one-namespace>');
  process.exit(2);
}
const objects = corpus(JSON.parse(fs.readFileSync(baseFile, 'utf8')), n, layout as Layout);

const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const findings = new ExposureLinter().lint(objects);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
console.log(JSON.stringify({
  objects: objects.length,
  findings: findings.length,
  cpuMs: (cpu.user + cpu.system) / 1000,
  ms,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
}));
