import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { ingress, networkPolicy, service, workload } from './fixtures';
import { ExposeErrors, ExposureLinter, LintSeverity } from '../../src';
import { expectValid } from '../util/schema';

function chartWith(app: App, id: string, objects: any[], namespace?: string): Chart {
  const chart = new Chart(app, id, { namespace });
  objects.forEach((o, i) => new ApiObject(chart, `o${i}`, o));
  return chart;
}

const EDGE = () => workload('edge', { replicas: 2, podSpec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } });

describe('ExposureLinter', () => {
  test('every rule has a stable id, a severity, a why and a fix, and is exercised by a rule test', () => {
    const rules = ExposureLinter.rules();
    expect(rules.map((r) => r.id)).toEqual([
      'host-network-replicas', 'host-network-dns-policy', 'host-port-replicas', 'host-port-rollout-surge', 'host-port-shared',
      'node-port-range', 'node-port-duplicate', 'node-port-pinned', 'lb-source-ranges', 'external-traffic-policy-cluster',
      'service-external-ips', 'service-selector-no-pods', 'named-target-port-missing',
      'ingress-no-tls', 'nginx-snippet-annotation', 'ingress-backend-missing', 'route-backend-missing',
      'exposed-pods-no-network-policy', 'exposed-pods-not-restricted',
      'mesh-sidecar-istiod-egress', 'mesh-ambient-network-policy',
      'secondary-network-missing-attachment', 'secondary-network-no-policy',
      'deprecated-api', 'deprecated-ingress-class-annotation', 'deprecated-load-balancer-ip',
      'image-reference-invalid',
      'route-forwards-spoofable-headers', 'route-https-without-hsts', 'backend-tls-reached-in-plain-http',
      'ingress-controller-network-policy', 'gateway-network-policy', 'mesh-gateway-network-policy', 'nlb-ip-target-network-policy',
      'metallb-shared-ip-refused', 'metallb-pool-not-advertised', 'metallb-bgp-password-secret', 'metallb-frr-only-in-native',
      'route-not-accepted', 'reference-grant-missing', 'gateway-cert-manager-listener-skipped',
      'nginx-annotation-unknown', 'nginx-canary-without-main', 'reference-missing',
      'service-field-type-mismatch', 'aws-annotations-ignored', 'ingress-annotation-other-controller',
    ]);
    const tests = fs.readdirSync(__dirname).filter((f) => f.endsWith('-rules.test.ts'))
      .map((f) => fs.readFileSync(path.join(__dirname, f), 'utf-8')).join('\n');
    for (const r of rules) {
      expect(r.why.length).toBeGreaterThan(20);
      expect(r.fix.length).toBeGreaterThan(10);
      expect([LintSeverity.ERROR, LintSeverity.WARNING]).toContain(r.defaultSeverity);
      expect(tests).toContain(`describe('${r.id}'`);
    }
  });

  test('the README section lists every rule with its severity', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8');
    for (const r of ExposureLinter.rules()) expect(doc).toContain(`| \`${r.id}\` | ${r.defaultSeverity} |`);
  });

  test('findings are sorted: errors first, then rule id, namespace, kind, name, field', () => {
    const objects = [
      service('z', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 80 }] }),
      workload('z'),
      EDGE(),
      ingress('a', { tls: undefined }),
    ];
    const findings = new ExposureLinter().lint(objects);
    const keys = findings.map((f) => `${f.severity} ${f.ruleId} ${f.kind}/${f.name}`);
    expect(keys).toEqual([
      'error host-network-replicas Deployment/edge',
      'error ingress-backend-missing Ingress/a',
      'error node-port-range Service/z',
      'warning exposed-pods-no-network-policy Deployment/z',
      'warning host-port-rollout-surge Deployment/edge',
      'warning ingress-no-tls Ingress/a',
    ]);
    // input order does not matter
    expect(new ExposureLinter().lint([...objects].reverse())).toEqual(findings);
  });

  test('disabledRules and severities change what is reported', () => {
    const objects = [EDGE(), service('edge', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' })];
    const linter = new ExposureLinter({
      disabledRules: ['host-network-replicas'],
      severities: { 'lb-source-ranges': LintSeverity.ERROR, 'exposed-pods-not-restricted': 'WARNING' as LintSeverity },
    });
    expect(linter.lint(objects).map((f) => `${f.severity} ${f.ruleId}`)).toEqual([
      'error lb-source-ranges',
      'warning exposed-pods-not-restricted',
      'warning host-port-rollout-surge',
    ]);
  });

  test('refuses unknown rule ids, severities and node port ranges, naming the option and value', () => {
    expect(() => new ExposureLinter({ disabledRules: ['ingress-no-tls', 'no-such-rule'] }))
      .toThrow(/^ExposureLinter 'options': disabledRules\[1\]="no-such-rule": is not a rule id\. Fix: use one of host-network-replicas, /);
    expect(() => new ExposureLinter({ severities: { 'ingress-no-tls': 'fatal' as LintSeverity } }))
      .toThrow('ExposureLinter \'options\': severities.ingress-no-tls="fatal": is not a severity. Fix: use error or warning');
    expect(() => new ExposureLinter({ severities: { nope: LintSeverity.ERROR } })).toThrow(/severities\.nope="error": is not a rule id/);
    expect(() => new ExposureLinter({ nodePortRangeMax: 70000 })).toThrow(/nodePortRangeMax=70000: must be a whole number from 1 to 65535/);
    expect(() => new ExposureLinter({ nodePortRangeMin: 33000 })).toThrow(/nodePortRangeMin=33000: is above nodePortRangeMax \(32767\)/);
    try {
      new ExposureLinter({ disabledRules: ['x'] });
    } catch (e) {
      expect(ExposeErrors.isExposeError(e)).toBe(true);
    }
  });

  test('accepts nested arrays and List objects, ignores non-objects', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [EDGE()] };
    const findings = new ExposureLinter().lint([[list], null, 'x', 42] as any[]);
    expect(findings.map((f) => f.ruleId)).toEqual(['host-network-replicas', 'host-port-rollout-surge']);
  });

  test('formatFinding gives one line with severity, rule, object, field, message and fix', () => {
    const [f] = new ExposureLinter().lint([service('web', { externalIPs: ['198.51.100.7'] }, { namespace: 'shop' })])
      .filter((x) => x.ruleId === 'service-external-ips');
    expect(ExposureLinter.formatFinding(f)).toMatch(/^warning service-external-ips Service shop\/web \(spec\.externalIPs\): Service shop\/web sets externalIPs 198\.51\.100\.7: .*\. Fix: use a LoadBalancer Service/);
  });

  test('formatFindings gives the formatFinding line of each finding, in order (the form Python can call)', () => {
    const findings = new ExposureLinter().lint([service('web', { externalIPs: ['198.51.100.7'] }, { namespace: 'shop' })]);
    expect(findings.length).toBeGreaterThan(1);
    expect(ExposureLinter.formatFindings(findings)).toEqual(findings.map((f) => ExposureLinter.formatFinding(f)));
    expect(ExposureLinter.formatFindings([])).toEqual([]);
  });

  test('lintScope lints all charts of an app together', () => {
    const app = Testing.app();
    const backend = chartWith(app, 'backend', [workload('web'), service('web'), networkPolicy('web', { matchLabels: { app: 'web' } })]);
    const front = chartWith(app, 'front', [ingress('web')]);
    expectValid(backend);
    expectValid(front);
    expect(new ExposureLinter().lintScope(app)).toEqual([]);
    expect(new ExposureLinter().lintScope(front).map((f) => f.ruleId)).toEqual(['ingress-backend-missing']);
  });

  test('lints 10,000 objects in well under a second or two', () => {
    const objects: any[] = [];
    for (let i = 0; i < 2500; i++) {
      const ns = `ns${i % 50}`;
      const w = workload(`app${i}`, { namespace: ns, replicas: 2 });
      const s = service(`app${i}`, i % 2 ? { type: 'NodePort', externalTrafficPolicy: 'Local' } : { type: 'ClusterIP' }, { namespace: ns });
      const ing = ingress(`app${i}`, {}, { namespace: ns });
      const np = { ...networkPolicy(`app${i}`, { matchLabels: { app: `app${i}` } }), metadata: { name: `app${i}`, namespace: ns } };
      objects.push(w, s, ing, np);
    }
    const linter = new ExposureLinter();
    linter.lint(objects.slice(0, 100)); // warm up
    const start = process.hrtime.bigint();
    const findings = linter.lint(objects);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(findings).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });
});

describe('ExposureLinter.check', () => {
  test('app.synth() fails with the errors, naming rule, object and construct path', () => {
    const app = Testing.app();
    const objects = [EDGE()];
    expectValid(objects, { privilegedWorkloads: ['edge'] });
    chartWith(app, 'edge', objects);
    ExposureLinter.check(app, { printWarnings: false });
    expect(() => app.synth()).toThrow(/\[ExposureLint\] error host-network-replicas Deployment edge \(spec\.template\.spec\.hostNetwork\): Deployment edge runs 2 replicas .* \[edge\/o0\]/);
  });

  test('warnings do not fail the synth and are collected; failOnWarnings makes them fatal', () => {
    const objects = [workload('web'), service('web'), ingress('web', { tls: undefined }), networkPolicy('web', { matchLabels: { app: 'web' } })];
    const app = Testing.app();
    const chart = chartWith(app, 'web', objects);
    const check = ExposureLinter.check(chart, { printWarnings: false });
    expect(check.findings).toEqual([]);
    expectValid(chart);
    expect(check.warnings.map((f) => `${f.ruleId} ${f.name}`)).toEqual(['ingress-no-tls web']);
    expect(ExposureLinter.check(chart)).toBe(check); // idempotent

    const strict = Testing.app();
    chartWith(strict, 'web', objects);
    ExposureLinter.check(strict, { failOnWarnings: true, printWarnings: false });
    expect(() => strict.synth()).toThrow(/warning ingress-no-tls Ingress web \(spec\.tls\)/);
  });

  test('prints warnings to stderr by default', () => {
    const app = Testing.app();
    const chart = chartWith(app, 'web', [workload('web'), service('web'), ingress('web', { tls: undefined }), networkPolicy('web', { matchLabels: { app: 'web' } })]);
    ExposureLinter.check(app, { disabledRules: ['deprecated-api'] });
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      Testing.synth(chart);
      expect(spy.mock.calls.map((c) => String(c[0]))).toEqual([
        'cdk8s-expose lint: warning ingress-no-tls Ingress web (spec.tls): Ingress web has no spec.tls: it serves plain HTTP. Fix: add spec.tls with the hosts and a certificate Secret (e.g. via the cert-manager.io/cluster-issuer annotation) [web/o2]\n',
      ]);
    } finally {
      spy.mockRestore();
    }
  });
});
