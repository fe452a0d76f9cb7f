/**
 * Issue 11, "Done means": for every example, the emitted NetworkPolicies
 * (evaluated with the library's NetworkPolicyEvaluator) admit each source
 * that really carries the app's traffic, refuse a pod of an unrelated
 * namespace, and let the app reach cluster DNS.
 *
 * The real sources are written here from the facts of each way in, not read
 * from the library's own peer list (shared/reference/exposure-api-facts.md §8):
 * ingress-nginx / Traefik / Kong pods carry their Helm charts'
 * `app.kubernetes.io/name` label; a hostNetwork controller connects from its
 * node; an ALB or an NLB with ip targets connects (and health-checks) from
 * VPC addresses; Gateway proxies carry `gateway.networking.k8s.io/gateway-name`
 * (Istio, Envoy Gateway's managed proxies) and run where proxyNamespace says;
 * the Istio ingress gateway carries the MeshGateway's selector; a
 * Service-based way in that keeps the client IP sees the client itself.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { NetworkEndpoint, NetworkPolicyEvaluator, NetworkProtocol, PublicWebApp, WorkloadExposure } from '../../src';
import { addressIn, realSources } from '../util/reachability';

process.env.CDK8S_EXPOSE_QUIET = '1';

const root = path.join(__dirname, '..', '..', 'examples');
const examples = fs.readdirSync(root).filter((n) => fs.existsSync(path.join(root, n, 'main.ts'))).sort();

function buildExample(name: string): App {
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

/** The exposed apps: PublicWebApps and exposures of the user's own workloads. */
function appsOf(app: App): (PublicWebApp | WorkloadExposure)[] {
  return app.charts.flatMap((c) => c.node.findAll())
    .filter((c): c is PublicWebApp | WorkloadExposure => c instanceof PublicWebApp || c instanceof WorkloadExposure);
}

/** A pod address of the app's cluster: inside the stated pod network, or flannel's default. */
function podAddress(web: PublicWebApp | WorkloadExposure): string {
  const ctx = web.node.tryGetContext('cdk8s-expose:podCidrs');
  const first = Array.isArray(ctx) ? ctx[0] : typeof ctx === 'string' ? ctx.split(',')[0] : '10.244.0.0/16';
  return addressIn(first).replace(/\.1$/, '.77');
}

const cases = examples.flatMap((name) => appsOf(buildExample(name)).map((web) => [name, web.node.path] as const));

test('every example has an app to check', () => {
  expect(new Set(cases.map(([n]) => n))).toEqual(new Set(examples));
});

describe.each(cases)('example %s, app %s', (name, appPath) => {
  const app = buildExample(name);
  const web = appsOf(app).find((w) => w.node.path === appPath)!;
  const objects = app.charts.flatMap((c) => c.toJson());
  const np = new NetworkPolicyEvaluator(objects);
  const pod = NetworkEndpoint.pod(web.namespace ?? 'default', web.selectorLabels);
  const sources = realSources(web);

  if (sources === undefined) {
    test('hostNetwork: NetworkPolicy does not apply, and the emitted policy does not pretend to filter', () => {
      expect(np.isAllowed({ from: NetworkEndpoint.address('198.51.100.77'), to: pod, port: web.port })).toBe(true);
    });
    return;
  }

  test.each(sources.map((s) => [s.what, s]))('%s reaches the app port', (_what, s) => {
    const v = np.evaluate({ from: s.from, to: pod, port: web.port });
    expect(v.reason).toBe(v.allowed ? v.reason : 'admitted');
  });

  test('a pod of an unrelated namespace does not, unless the policy is deliberately open to every address', () => {
    expect(np.isAllowed({ from: NetworkEndpoint.pod('unrelated', { app: 'intruder' }), to: pod, port: web.port })).toBe(false);
    const openToWorld = np.isAllowed({ from: NetworkEndpoint.address('198.18.0.1'), to: pod, port: web.port });
    expect(np.isAllowed({ from: NetworkEndpoint.pod('unrelated', { app: 'intruder' }, podAddress(web)), to: pod, port: web.port })).toBe(openToWorld);
  });

  test.each([[NetworkProtocol.UDP], [NetworkProtocol.TCP]])('the app reaches cluster DNS over %s 53', (protocol) => {
    expect(np.isAllowed({ from: pod, to: NetworkEndpoint.pod('kube-system', { 'k8s-app': 'kube-dns' }), port: 53, protocol })).toBe(true);
  });
});

/**
 * Sidecar-injected pods need egress to istiod (TCP 15012, `app: istiod` in
 * istio-system) or they never become Ready (issue 11, fault 1).
 */
const sidecarCases = cases.filter(([name, appPath]) => {
  const web = appsOf(buildExample(name)).find((w) => w.node.path === appPath)!;
  const tpl = web.node.findAll().map((c: any) => c.toJson?.()).find((j: any) => j && (j.kind === 'Deployment' || j.kind === 'DaemonSet'));
  return tpl?.spec?.template?.metadata?.labels?.['sidecar.istio.io/inject'] === 'true';
});

test('the sidecar examples are found', () => {
  expect(sidecarCases.length).toBeGreaterThan(0);
});

test.each(sidecarCases)('example %s, app %s: the sidecar reaches istiod (TCP 15012)', (name, appPath) => {
  const app = buildExample(name);
  const web = appsOf(app).find((w) => w.node.path === appPath)!;
  const np = new NetworkPolicyEvaluator(app.charts.flatMap((c) => c.toJson()));
  const pod = NetworkEndpoint.pod(web.namespace ?? 'default', web.selectorLabels);
  expect(np.isAllowed({ from: pod, to: NetworkEndpoint.pod('istio-system', { app: 'istiod' }), port: 15012 })).toBe(true);
});
