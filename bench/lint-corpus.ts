/**
 * The corpus of the `lint` benchmark: every scenario of bench/scenarios.ts
 * synthesized once with the library (UNITS units each, namespace `bench`),
 * then copied until it holds the requested number of objects, in one of two
 * layouts:
 *
 * - `namespaces`: copy k in namespace `bench-k`, names unchanged (a cluster
 *   with many tenants);
 * - `one-namespace`: every copy in namespace `bench`, the app names made
 *   unique per copy (`app3` -> `app3c7`): per-namespace indexes grow with N.
 *
 * Cluster-wide values (pinned node ports, host ports, addresses, Gateways and
 * pools shared by a chart) repeat across copies on purpose: the linter then
 * has thousands of objects clashing on one value, where per-object work used
 * to grow with N.
 */
import { App, Chart } from 'cdk8s';
import { SCENARIOS } from './scenarios';

const UNITS = 10;

export type Layout = 'namespaces' | 'one-namespace';

/** One copy's worth of objects: every scenario, UNITS units each. */
export function baseObjects(): any[] {
  const objects: any[] = [];
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    const app = new App({ outdir: '/tmp/cdk8s-expose-bench' });
    const chart = new Chart(app, name, { namespace: 'bench' });
    for (let i = 0; i < UNITS; i++) scenario.expose(chart, i);
    objects.push(...chart.toJson());
  }
  return objects;
}

/** Exactly `n` objects: copies of `base` in the given layout (the last copy cut short). */
export function corpus(base: any[], n: number, layout: Layout): any[] {
  const text = JSON.stringify(base);
  const out: any[] = [];
  for (let copy = 0; out.length < n; copy++) {
    const copied = layout === 'namespaces'
      ? text.split('"bench"').join(JSON.stringify(`bench-${copy}`))
      : text.replace(/\bapp(\d+)/g, `app$1c${copy}`);
    for (const o of JSON.parse(copied)) {
      if (out.length >= n) break;
      out.push(o);
    }
  }
  return out;
}
