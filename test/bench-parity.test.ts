// The benchmark compares like with like only if the hand-written variant
// emits the same objects as the library; this pins it.
import { Chart, Testing } from 'cdk8s';
import { SCENARIOS } from '../bench/scenarios';

const strip = (objects: any[]) => objects.map((o) => {
  const c = JSON.parse(JSON.stringify(o));
  delete c.spec?.template?.metadata?.labels?.['cdk8s.io/metadata.addr'];
  return c;
}).sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));

for (const [name, scenario] of Object.entries(SCENARIOS)) {
  test(`bench scenario ${name}: hand-written objects equal the library's`, () => {
    const a = new Chart(Testing.app(), 'bench', { namespace: 'bench' });
    scenario.expose(a, 0);
    const b = new Chart(Testing.app(), 'bench', { namespace: 'bench' });
    scenario.handWritten(b, 0);
    expect(strip(Testing.synth(b))).toEqual(strip(Testing.synth(a)));
  });
}
