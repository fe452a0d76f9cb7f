/**
 * One measurement in a fresh process: build N apps of a scenario with one
 * variant and synthesize them to YAML (timed from the first construct to the
 * YAML string; module loading is before the clock starts). Prints a JSON line
 * with the CPU and wall time, in total and for the construct phase alone.
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

const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const app = new App({ outdir: '/tmp/cdk8s-expose-bench' });
const chart = new Chart(app, 'bench', { namespace: 'bench' });
for (let i = 0; i < n; i++) scenario[variant](chart, i);
const constructed = process.hrtime.bigint();
const constructCpu = process.cpuUsage(cpuStart);
const yaml = app.synthYaml();
const end = process.hrtime.bigint();
const cpu = process.cpuUsage(cpuStart);
/** CPU time (user + system, all threads of the process, GC helpers included): what the work costs, less disturbed by other jobs than wall time */
const cpuMs = (cpu.user + cpu.system) / 1000;
const ms = Number(end - start) / 1e6;
const constructMs = Number(constructed - start) / 1e6;
/** CPU time of the construct phase alone: where the library does its work (validation, claims) */
const constructCpuMs = (constructCpu.user + constructCpu.system) / 1000;
const objects = (yaml.match(/^kind: /gm) ?? []).length;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ scenario: scenarioName, variant, n, cpuMs, constructCpuMs, ms, constructMs, objects, peakRssMiB, bytes: yaml.length }));
