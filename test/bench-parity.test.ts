// The benchmark compares like with like only if the hand-written variant
// emits the same objects as the library; this pins it for every scenario:
// the synthesized manifests of N units are deep-equal once sorted (only the
// construct-path label cdk8s-plus puts on pod templates differs).
import { App, Chart, Testing } from 'cdk8s';
import { SCENARIOS } from '../bench/scenarios';

const N = 2;

function manifests(build: (chart: Chart, i: number) => void): any[] {
  const app: App = Testing.app();
  const chart = new Chart(app, 'bench', { namespace: 'bench' });
  for (let i = 0; i < N; i++) build(chart, i);
  return Testing.synth(chart).map((o) => {
    const c = JSON.parse(JSON.stringify(o));
    const labels = c.spec?.template?.metadata?.labels;
    if (labels) delete labels['cdk8s.io/metadata.addr'];
    return c;
  }).sort((a, b) => key(a).localeCompare(key(b)));
}

const key = (o: any) => `${o.apiVersion}|${o.kind}|${o.metadata?.namespace}|${o.metadata?.name}`;

describe.each(Object.entries(SCENARIOS))('bench scenario %s', (_name, scenario) => {
  test(`hand-written manifests equal the library's (N=${N})`, () => {
    const expose = manifests(scenario.expose);
    const hand = manifests(scenario.handWritten);
    expect(hand.map(key)).toEqual(expose.map(key));
    expect(new Set(expose.map(key)).size).toBe(expose.length);
    expect(hand).toStrictEqual(expose);
  });
});
