import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import { Validation, ValidationContext } from 'cdk8s-cli/plugins';
import { ingress, networkPolicy, service, workload } from './fixtures';
import { Cdk8sValidationViolation, Exposure, ExposureLintValidation, ICdk8sValidationContext, PublicWebApp } from '../../src';

// Compile-time check (tsc -p test) that the plugin fits the cdk8s CLI's `Validation` contract, types only.
// The one difference: the CLI types `manifests` as a readonly array, which jsii cannot express.
type CliContext = Omit<ValidationContext, 'manifests'> & { manifests: string[] };
const cliContextFits = (c: CliContext): ICdk8sValidationContext => c;
const asCliPlugin: Validation = { validate: (c) => new ExposureLintValidation().validate(c as CliContext) };
void cliContextFits;
void asCliPlugin;

function fakeContext(files: { [name: string]: any[] }, withParser = true) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-lint-plugin-'));
  const manifests = Object.entries(files).map(([name, objects]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, Yaml.stringify(...objects));
    return file;
  });
  const violations: Cdk8sValidationViolation[] = [];
  const submitted: { status?: string; metadata?: { [k: string]: string } } = {};
  const context: ICdk8sValidationContext = {
    manifests,
    report: {
      addViolation: (v) => violations.push(v),
      submit: (status, metadata) => Object.assign(submitted, { status, metadata }),
    },
    parseManifest: withParser ? (f: string) => Yaml.load(f) : (undefined as any),
  };
  return { dir, manifests, context, violations, submitted };
}

describe('ExposureLintValidation', () => {
  test('reports findings grouped by rule, with object, location and manifest path, and fails on errors', async () => {
    const edge = workload('edge', { replicas: 2, podSpec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } });
    const { manifests, context, violations, submitted } = fakeContext({
      'a.k8s.yaml': [edge],
      'b.k8s.yaml': [workload('web'), service('web'), ingress('web', { tls: undefined }), networkPolicy('web', { matchLabels: { app: 'web' } })],
    });
    await new ExposureLintValidation({ disabledRules: ['exposed-pods-not-restricted', 'host-port-rollout-surge'] }).validate(context);
    expect(violations).toEqual([
      {
        ruleName: '[error] host-network-replicas',
        recommendation: expect.stringContaining('crash-loop'),
        fix: expect.stringContaining('podAntiAffinity'),
        violatingResources: [{
          resourceName: 'edge',
          locations: [expect.stringMatching(/^Deployment edge spec\.template\.spec\.hostNetwork: Deployment edge runs 2 replicas .*\. Fix: add a required pod anti-affinity/)],
          manifestPath: manifests[0],
        }],
      },
      {
        ruleName: '[warning] ingress-no-tls',
        recommendation: expect.any(String),
        fix: expect.any(String),
        // four objects are named web: the resource name says which one
        violatingResources: [{ resourceName: 'Ingress/web', locations: [expect.stringContaining('Ingress web spec.tls: Ingress web has no spec.tls')], manifestPath: manifests[1] }],
      },
    ]);
    expect(submitted).toEqual({ status: 'failure', metadata: { errors: '1', warnings: '1', objects: '5' } });
  });

  test('warnings alone pass, unless failOnWarnings', async () => {
    const objects = [workload('web'), service('web'), ingress('web', { tls: undefined }), networkPolicy('web', { matchLabels: { app: 'web' } })];
    const lenient = fakeContext({ 'app.k8s.yaml': objects });
    await new ExposureLintValidation().validate(lenient.context);
    expect(lenient.submitted.status).toBe('success');
    expect(lenient.violations.map((v) => v.ruleName)).toEqual(['[warning] ingress-no-tls']);

    const strict = fakeContext({ 'app.k8s.yaml': objects }, false); // also: no parseManifest on the context
    await new ExposureLintValidation({ failOnWarnings: true }).validate(strict.context);
    expect(strict.submitted).toEqual({ status: 'failure', metadata: { errors: '0', warnings: '1', objects: '4' } });
  });

  test('clean manifests give an empty successful report', async () => {
    const { context, violations, submitted } = fakeContext({
      'app.k8s.yaml': [workload('web'), service('web'), ingress('web'), networkPolicy('web', { matchLabels: { app: 'web' } })],
    });
    await new ExposureLintValidation().validate(context);
    expect(violations).toEqual([]);
    expect(submitted.status).toBe('success');
  });

  test('works with the CLI\'s own ValidationContext and ValidationReport classes', async () => {
    const { manifests } = fakeContext({ 'app.k8s.yaml': [service('web', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, nodePort: 80 }] })] });
    const context = new ValidationContext(manifests, 'cdk8s-expose', '0.0.0', { web: { path: 'demo/web' } }, false);
    await new ExposureLintValidation({ disabledRules: ['service-selector-no-pods'] }).validate(context as unknown as CliContext);
    expect(context.report.success).toBe(false);
    const json = context.report.toJson();
    expect(json.summary).toEqual({ status: 'failure', plugin: 'cdk8s-expose', version: '0.0.0', metadata: { errors: '1', warnings: '0', objects: '1' } });
    expect(json.violations).toEqual([expect.objectContaining({
      ruleName: '[error] node-port-range',
      violatingConstructs: [{ resourceName: 'web', constructPath: 'demo/web', manifestPath: manifests[0], locations: [expect.stringContaining('pins nodePort 80')] }],
    })]);
    expect(context.report.toString()).toContain('[error] node-port-range (1 occurrences)');
  });

  test('each finding names the construct that created its object, though all objects of a PublicWebApp share one name', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-lint-paths-'));
    const app = new App({ outdir, recordConstructMetadata: true });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new PublicWebApp(chart, 'web', { image: 'nginx:1.27', exposure: Exposure.nodePort({ nodePort: 30080 }) });
    app.synth();
    const servicePath = chart.node.findAll().find((c) => ApiObject.isApiObject(c) && c.kind === 'Service')!.node.path;
    // cdk8s keys its construct metadata by name: every "web" maps to the last object written
    const cdk8sMetadata = JSON.parse(fs.readFileSync(path.join(outdir, 'construct-metadata.json'), 'utf8')).resources;
    expect(cdk8sMetadata.web.path).not.toBe(servicePath);
    expect(fs.existsSync(path.join(outdir, 'cdk8s-expose-construct-paths.json'))).toBe(true);

    const manifests = fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml')).map((f) => path.join(outdir, f));
    const context = new ValidationContext(manifests, 'cdk8s-expose', '0.0.0', cdk8sMetadata, false);
    await new ExposureLintValidation().validate(context as unknown as CliContext);
    const pinned = context.report.toJson().violations.find((v) => v.ruleName === '[warning] node-port-pinned')!;
    expect(pinned.violatingConstructs).toEqual([expect.objectContaining({
      resourceName: 'Service/shop/web',
      constructPath: servicePath,
      locations: [expect.stringMatching(new RegExp(`pins nodePort 30080.*\\[${servicePath}\\]$`))],
    })]);
    expect(servicePath).toBe('shop/web/Service/Resource');
  });

  test('without recorded paths, an object whose name is shared gets no construct path rather than a wrong one', async () => {
    const { manifests } = fakeContext({ 'app.k8s.yaml': [workload('web'), service('web', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] })] });
    const context = new ValidationContext(manifests, 'cdk8s-expose', '0.0.0', { web: { path: 'demo/web-deployment' } }, false);
    await new ExposureLintValidation({ disabledRules: ['exposed-pods-no-network-policy'] }).validate(context as unknown as CliContext);
    expect(context.report.toJson().violations.flatMap((v) => v.violatingConstructs)).toEqual([
      expect.objectContaining({ resourceName: 'Service/web', constructPath: undefined }),
    ]);
  });

  test('recordConstructPaths writes nothing when the App does not record construct metadata', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-lint-paths-'));
    const app = new App({ outdir });
    ExposureLintValidation.recordConstructPaths(app);
    new ApiObject(new Chart(app, 'c'), 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    app.synth();
    expect(fs.existsSync(path.join(outdir, 'cdk8s-expose-construct-paths.json'))).toBe(false);
  });

  test('properties from cdk8s.yaml are checked like linter options', () => {
    expect(() => new ExposureLintValidation({ disabledRules: ['typo'] })).toThrow(/disabledRules\[0\]="typo": is not a rule id/);
    expect(() => new ExposureLintValidation({ severities: { 'ingress-no-tls': 'error' as any } })).not.toThrow();
  });
});
