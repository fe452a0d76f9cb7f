/**
 * `app.synth()` writes `<outdir>/<chart>.NOTES.txt` (the notes() of every
 * PublicWebApp of the chart), because the cdk8s CLI keeps the app's stdout to
 * itself. Checked with App.synth() here and with the real `cdk8s synth`
 * (cdk8s-cli from node_modules, offline) at the end.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { Advertisement, BareMetalLB, Exposure, IngressController, MeshGateway, MeshTls, PublicWebApp, Tls } from '../src';

const ROOT = path.resolve(__dirname, '..');
const TLS = Tls.certManager({ clusterIssuer: 'letsencrypt-prod' });

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'expose-notes-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function shopApp(outdir: string, setup?: (app: App) => void) {
  const app = new App({ outdir });
  setup?.(app);
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  const web = new PublicWebApp(shop, 'web', { image: 'ghcr.io/acme/shop:1.4.2', host: 'shop.example.com', tls: TLS, exposure: Exposure.ingress({ controller: IngressController.traefik() }) });
  const admin = new PublicWebApp(shop, 'admin', { image: 'ghcr.io/acme/admin:2.0.0', exposure: Exposure.clusterIp() });
  const other = new Chart(app, 'no-apps');
  new Chart(app, 'api', { namespace: 'api' });
  return { app, shop, web, admin, other };
}

describe('NOTES.txt in the output directory', () => {
  test('app.synth() writes one file per chart with apps, next to its YAML, with each app\'s notes in creation order', () => {
    const { app, web, admin } = shopApp(tmp);
    const api = app.node.findChild('api') as Chart;
    const apiWeb = new PublicWebApp(api, 'api', { image: 'ghcr.io/acme/api:1.0.0', exposure: Exposure.nodePort() });
    app.synth();
    expect(fs.readdirSync(tmp).sort()).toEqual(['api.NOTES.txt', 'api.k8s.yaml', 'no-apps.k8s.yaml', 'shop.NOTES.txt', 'shop.k8s.yaml']);
    expect(fs.readFileSync(path.join(tmp, 'shop.NOTES.txt'), 'utf8')).toBe(`${web.notes()}\n\n${admin.notes()}\n`);
    expect(fs.readFileSync(path.join(tmp, 'api.NOTES.txt'), 'utf8')).toBe(`${apiWeb.notes()}\n`);
    expect(fs.readFileSync(path.join(tmp, 'shop.NOTES.txt'), 'utf8')).toContain('URL: https://shop.example.com/');
  });

  test('BareMetalLB and MeshGateway notes go into their chart\'s file too', () => {
    const app = new App({ outdir: tmp });
    const infra = new Chart(app, 'infra');
    const lb = new BareMetalLB(infra, 'lb', { pools: [{ name: 'lan', addresses: ['192.168.50.240-192.168.50.250'] }], advertisement: Advertisement.l2() });
    const mesh = new MeshGateway(infra, 'edge', { hosts: ['shop.example.com'], tls: MeshTls.simple({ credentialName: 'shop-tls' }) });
    app.synth();
    expect(fs.readFileSync(path.join(tmp, 'infra.NOTES.txt'), 'utf8')).toBe(`${lb.notes()}\n\n${mesh.notes()}\n`);
  });

  test('a subclass of App writes them too', () => {
    class MyApp extends App {
      public synth() {
        super.synth();
      }
    }
    const app = new MyApp({ outdir: tmp });
    new PublicWebApp(new Chart(app, 'shop'), 'web', { image: 'ghcr.io/acme/shop:1.4.2', exposure: Exposure.clusterIp() });
    app.synth();
    expect(fs.existsSync(path.join(tmp, 'shop.NOTES.txt'))).toBe(true);
  });

  test('the context key set to false turns them off (on the App, or on one chart)', () => {
    const off = path.join(tmp, 'off');
    shopApp(off, (app) => app.node.setContext(PublicWebApp.NOTES_FILE_CONTEXT_KEY, false)).app.synth();
    expect(fs.readdirSync(off).filter((f) => f.endsWith('.txt'))).toEqual([]);

    const oneChart = path.join(tmp, 'one-chart');
    const app = new App({ outdir: oneChart });
    const quiet = new Chart(app, 'quiet');
    quiet.node.setContext('cdk8s-expose:notesFile', 'false');
    new PublicWebApp(quiet, 'web', { image: 'ghcr.io/acme/shop:1.4.2', exposure: Exposure.clusterIp() });
    new PublicWebApp(new Chart(app, 'loud'), 'web2', { image: 'ghcr.io/acme/shop:1.4.2', exposure: Exposure.clusterIp() });
    app.synth();
    expect(fs.readdirSync(oneChart).filter((f) => f.endsWith('.txt'))).toEqual(['loud.NOTES.txt']);
    expect(PublicWebApp.NOTES_FILE_CONTEXT_KEY).toBe('cdk8s-expose:notesFile');
  });

  test('synthYaml() and Testing.synth() write no files', () => {
    const { app, shop } = shopApp(tmp);
    expect(app.synthYaml()).toContain('kind: Deployment');
    expect(Testing.synth(shop).length).toBeGreaterThan(0);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  test('a failed synth writes no YAML (the notes may already be there: validations run first)', () => {
    const app = new App({ outdir: tmp });
    const chart = new Chart(app, 'shop');
    new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/shop:1.4.2', exposure: Exposure.clusterIp() });
    chart.node.addValidation({ validate: () => ['broken on purpose'] });
    expect(() => app.synth()).toThrow(/broken on purpose/);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.yaml'))).toEqual([]);
  });
});

describe('the real `cdk8s synth`', () => {
  const CLI = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
  const APP = `
require(${JSON.stringify(path.join(ROOT, 'node_modules', 'ts-node'))}).register({ transpileOnly: true, project: ${JSON.stringify(path.join(ROOT, 'test', 'tsconfig.json'))} });
const { App, Chart } = require('cdk8s');
const { Exposure, PublicWebApp } = require(${JSON.stringify(path.join(ROOT, 'src'))});
const app = new App();
if (process.env.NOTES_OFF) app.node.setContext(PublicWebApp.NOTES_FILE_CONTEXT_KEY, false);
const chart = new Chart(app, 'shop', { namespace: 'shop' });
const web = new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/shop:1.4.2', exposure: Exposure.nodePort() });
console.log(web.notes()); // swallowed by the CLI
app.synth();
`;

  // one real synth (about 20 s on a busy 2-core machine); the context switch is covered by App.synth() above
  function synth(env: Record<string, string> = {}) {
    fs.writeFileSync(path.join(tmp, 'app.js'), APP);
    fs.writeFileSync(path.join(tmp, 'cdk8s.yaml'), 'language: typescript\napp: node app.js\n');
    const r = spawnSync(process.execPath, [CLI, 'synth', '--check-upgrade=false'], {
      cwd: tmp,
      encoding: 'utf-8',
      timeout: 60_000,
      env: { ...process.env, ...env, NODE_PATH: path.join(ROOT, 'node_modules'), HOME: tmp, NO_COLOR: '1' },
    });
    return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
  }

  test('writes dist/<chart>.NOTES.txt, which the CLI output does not show', () => {
    const { status, out } = synth();
    expect(status).toBe(0);
    expect(fs.readdirSync(path.join(tmp, 'dist')).sort()).toEqual(['shop.NOTES.txt', 'shop.k8s.yaml']);
    const notes = fs.readFileSync(path.join(tmp, 'dist', 'shop.NOTES.txt'), 'utf8');
    expect(notes).toMatch(/^nodePort exposure of shop\/web \(namespace shop\)\n/);
    expect(notes).toContain('kubectl get endpoints web -n shop');
    expect(out).not.toContain('kubectl get endpoints web -n shop'); // why the file is needed
  }, 70_000);
});
