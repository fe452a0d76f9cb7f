/**
 * `npm run example`: synthesizes every app under examples/ into
 * dist/examples/<example>/ (one cdk8s App per example, same process).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';

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
  // also writes the Helm-style NOTES (how to reach each app, how to troubleshoot
  // it) of each chart with a PublicWebApp into <chart>.NOTES.txt
  app.synth();
  const files = fs.readdirSync(outdir).sort();
  for (const f of files) console.log(`  wrote ${path.relative(root, path.join(outdir, f))}`);
  for (const f of files.filter((n) => n.endsWith('.NOTES.txt'))) console.log(`\n${fs.readFileSync(path.join(outdir, f), 'utf8')}`);
}
