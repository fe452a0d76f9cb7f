/**
 * One measurement in a fresh process: build N apps of a scenario with one
 * variant and synthesize them to YAML. Prints a JSON line.
 *   ts-node bench/synth.ts <scenario> <expose|handWritten> <N>
 */
import { App, Chart } from 'cdk8s';
import { SCENARIOS } from './scenarios';

const [scenarioName, variant, nText] = process.argv.slice(2);
const scenario = SCENARIOS[scenarioName];
const n = Number(nText);
if (!scenario || (variant !== 'expose' && variant !== 'handWritten') || !(n > 0)) {
  console.error('usage: synth.ts <scenario> <expose|handWritten> <N>');
  process.exit(2);
}

const start = process.hrtime.bigint();
const app = new App({ outdir: '/tmp/cdk8s-expose-bench' });
const chart = new Chart(app, 'bench', { namespace: 'bench' });
for (let i = 0; i < n; i++) scenario[variant](chart, i);
const yaml = app.synthYaml();
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const objects = (yaml.match(/^kind: /gm) ?? []).length;
console.log(JSON.stringify({ scenario: scenarioName, variant, n, ms, objects, peakRssMiB: process.resourceUsage().maxRSS / 1024, bytes: yaml.length }));
