/**
 * The cross-language smoke program, TypeScript edition: the reference every
 * other language's output is compared with (see scripts/smoke-langs.ts).
 * test/langs/{python,java,go} build the same apps with the same construct
 * ids, so every name derived from a construct path is the same too.
 *
 * Usage: CDK8S_OUTDIR=<outdir> main.ts <outdir> (the quick start's App() writes to $CDK8S_OUTDIR). Writes the charts (<chart>.k8s.yaml), lint.txt
 * (the exposure linter's findings) and error.txt (the message of a refused input).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { quickStart } from './quick-start';
import {
  Advertisement, BareMetalLB, Exposure, ExposureLinter, LintFinding, LintSeverity, MeshGateway, MeshTls, PublicWebApp,
} from '../../../src';

function main(outdir: string): void {
  fs.mkdirSync(outdir, { recursive: true });
  quickStart();

  const app = new App({ outdir });
  // a BareMetalLB with a pool, and an app on one of its addresses
  const infra = new Chart(app, 'metallb');
  const lb = new BareMetalLB(infra, 'lb', {
    pools: [{ name: 'public', addresses: ['192.168.10.240-192.168.10.250'] }],
    advertisement: Advertisement.l2(),
  });
  const lan = new Chart(app, 'lan', { namespace: 'lan' });
  new PublicWebApp(lan, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27',
    port: 8080,
    runAsUser: 101,
    exposure: Exposure.loadBalancer({
      provider: lb.provider({ pool: 'public', address: '192.168.10.241' }),
      loadBalancerSourceRanges: ['192.168.0.0/16'],
    }),
  });

  // a MeshGateway with an app routed through it
  const mesh = new Chart(app, 'mesh', { namespace: 'store' });
  const edge = new MeshGateway(mesh, 'edge', {
    hosts: ['*.example.com'],
    tls: MeshTls.simple({ credentialName: 'wildcard-cert' }),
  });
  new PublicWebApp(mesh, 'web', {
    image: 'ghcr.io/acme/store:2.0.1',
    port: 8080,
    host: 'store.example.com',
    exposure: Exposure.mesh(edge, { retries: { attempts: 3, perTryTimeout: '2s' }, timeout: '10s' }),
  });

  // the exposure linter: at synth over the whole app, and on hand-written JSON
  const check = ExposureLinter.check(app, { printWarnings: false });
  app.synth();
  const lines = ['# ExposureLinter.check(app) after app.synth()'];
  lines.push(...format(check.findings));
  lines.push('# new ExposureLinter().lint(objects)');
  const legacy = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'legacy', namespace: 'default' },
    spec: { type: 'NodePort', selector: { app: 'legacy' }, ports: [{ port: 80, nodePort: 80 }] },
  };
  lines.push(...format(new ExposureLinter().lint([legacy])));
  fs.writeFileSync(path.join(outdir, 'lint.txt'), lines.join('\n') + '\n');

  // the error path: a refused input raises the library's error
  let message = 'no error';
  try {
    const bad = new Chart(new App({ outdir: path.join(outdir, 'refused') }), 'bad');
    new PublicWebApp(bad, 'web', { image: 'ghcr.io/acme/shop:1.4.2', port: 8080, exposure: Exposure.nodePort({ nodePort: 80 }) });
  } catch (e) {
    message = (e as Error).message;
  }
  fs.writeFileSync(path.join(outdir, 'error.txt'), message + '\n');
}

/** `E`/`W` (the severity enum compared in the host language) and the library's line for each finding. */
function format(findings: LintFinding[]): string[] {
  const lines = ExposureLinter.formatFindings(findings);
  const out: string[] = [];
  findings.forEach((f, i) => out.push(`${f.severity === LintSeverity.ERROR ? 'E' : 'W'} ${lines[i]}`));
  return out;
}

main(process.argv[2] ?? 'dist/smoke-langs/out/typescript');
