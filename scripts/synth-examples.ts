/**
 * `npm run example`: synthesizes every app under examples/ into
 * dist/examples/<example>/ (one cdk8s App per example, same process).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { BareMetalLB, MeshGateway, PublicWebApp } from '../src';

const root = path.join(__dirname, '..');
const only = process.argv.slice(2);
const names = fs.readdirSync(path.join(root, 'examples'))
  .filter((n) => fs.existsSync(path.join(root, 'examples', n, 'main.ts')))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();

for (const name of names) {
  const outdir = path.join(root, 'dist', 'examples', name);
  fs.rmSync(outdir, { recursive: true, force: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(path.join(root, 'examples', name, 'main.ts'));
  const app = new App({ outdir });
  console.log(`\n=== ${name} -> ${path.relative(root, outdir)}/`);
  example.build(app);
  app.synth();
  // Helm-style NOTES: how to reach each app and how to troubleshoot it
  // (and of each BareMetalLB / MeshGateway: what the cluster must have, where the controller reports)
  const notes = app.node.findAll()
    .filter((c): c is PublicWebApp | BareMetalLB | MeshGateway => c instanceof PublicWebApp || c instanceof BareMetalLB || c instanceof MeshGateway)
    .map((c) => c.notes());
  if (notes.length > 0) fs.writeFileSync(path.join(outdir, 'NOTES.txt'), `${notes.join('\n\n')}\n`);
  for (const f of fs.readdirSync(outdir)) console.log(`  wrote ${path.relative(root, path.join(outdir, f))}`);
  if (notes.length > 0) console.log(`\n${notes.join('\n\n')}`);
}
