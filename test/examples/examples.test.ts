/**
 * Every example under examples/ is what users copy first: it must synthesize
 * manifests that pass the upstream schemas and our own ExposureLinter. Errors
 * are never allowed; every warning an example keeps is listed here with the
 * reason, so a new warning fails the test.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { PRIVILEGED_WORKLOADS } from '../../examples/pod-security';
import { ExposureLinter, LintSeverity, PublicWebApp } from '../../src';
import { expectValid } from '../util/schema';

const root = path.join(__dirname, '..', '..', 'examples');
const examples = fs.readdirSync(root).filter((n) => fs.existsSync(path.join(root, n, 'main.ts'))).sort();

/** Warnings an example keeps on purpose: `ruleId kind/name` -> why. */
const ACCEPTED_WARNINGS: Record<string, Record<string, string>> = {
  'nodeport-vip': {
    'node-port-pinned Service/web-service': 'clients use http://<VIP>:<nodePort>/, a URL that must not change: the nodePort is pinned on purpose',
  },
  'nodeport-web-service': {
    'node-port-pinned Service/web-service': 'the example is the pinned-NodePort case (an external load balancer targets 30080); the warning is the point',
  },
};

/** Workloads that opted out of the restricted profile explicitly (hostNetwork, hostPort); shared with verify:cluster. */
const PRIVILEGED = PRIVILEGED_WORKLOADS;

function buildExample(name: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(path.join(root, name, 'main.ts'));
  const app = Testing.app();
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    example.build(app);
  } finally {
    log.mockRestore();
  }
  return app;
}

test('there are examples', () => {
  expect(examples.length).toBeGreaterThanOrEqual(12);
});

describe.each(examples)('example %s', (name) => {
  test('lints clean: no errors, only the accepted warnings', () => {
    const app = buildExample(name);
    const findings = new ExposureLinter().lint(app.charts.flatMap((c) => c.toJson()));
    expect(findings.filter((f) => f.severity === LintSeverity.ERROR).map(ExposureLinter.formatFinding)).toEqual([]);
    const warnings = findings.filter((f) => f.severity === LintSeverity.WARNING).map((f) => `${f.ruleId} ${f.kind}/${f.name}`);
    expect(warnings.sort()).toEqual(Object.keys(ACCEPTED_WARNINGS[name] ?? {}).sort());
  });

  test('passes the upstream schemas', () => {
    const app = buildExample(name);
    expectValid(app, { privilegedWorkloads: PRIVILEGED[name] ?? [] });
  });

  test('every PublicWebApp has notes naming its Service', () => {
    const app = buildExample(name);
    for (const web of app.charts.flatMap((c) => c.node.findAll()).filter((c): c is PublicWebApp => c instanceof PublicWebApp)) {
      const notes = web.notes();
      expect(notes).toContain(`kubectl get endpoints ${web.name}`);
      // behind STRICT mTLS a plain pod cannot test the app: the notes ask the gateway's Envoy instead
      const meshed = web.exposure._wayIn.kind === 'mesh' || (web.exposure._wayIn as any)._mesh !== undefined;
      expect(notes).toContain(meshed ? 'istioctl proxy-config endpoints' : 'nicolaka/netshoot');
      expect(notes).toContain(`kubectl describe service ${web.name}`);
    }
  });
});
