/**
 * The comparison `npm run smoke:langs` makes between each language's output
 * and TypeScript's (scripts/smoke-langs.ts): it must catch a changed object,
 * a missing file, other lint text or another error message, and accept what
 * differs only in YAML formatting or by Java's stack trace after the message.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareOutputs } from '../scripts/smoke-langs';

const ERROR = "PublicWebApp 'bad/web': exposure.nodePort=80: must be a whole number from 30000 to 32767. Fix: use a port in the NodePort range";
const YAML = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      targetPort: 8080\n';

function dirWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-langs-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const reference = { 'shop.k8s.yaml': YAML, 'lint.txt': '# lint\nE error node-port-range ...\n', 'error.txt': `${ERROR}\n` };

test('the same output, formatted differently, agrees', () => {
  const other = {
    ...reference,
    'shop.k8s.yaml': '{"kind": "Service", "apiVersion": "v1", "spec": {"ports": [{"targetPort": 8080, "port": 80}]}, "metadata": {"name": "web"}}\n',
    'error.txt': `${ERROR}\nExposeError: ${ERROR}\n    at fail (errors.js:41:11)\n`,
  };
  expect(compareOutputs(dirWith(reference), dirWith(other))).toEqual([]);
});

test('a changed field, a missing chart, other lint text and another error are reported', () => {
  expect(compareOutputs(dirWith(reference), dirWith({ ...reference, 'shop.k8s.yaml': YAML.replace('8080', '"8080"') })))
    .toEqual(['shop.k8s.yaml: differs from TypeScript\'s (first at object 0, Service web)']);
  const { ['shop.k8s.yaml']: _, ...noChart } = reference;
  expect(compareOutputs(dirWith(reference), dirWith(noChart))).toEqual(['files error.txt,lint.txt instead of error.txt,lint.txt,shop.k8s.yaml']);
  expect(compareOutputs(dirWith(reference), dirWith({ ...reference, 'lint.txt': '# lint\n' }))).toEqual(['lint.txt: differs from TypeScript\'s']);
  expect(compareOutputs(dirWith(reference), dirWith({ ...reference, 'error.txt': 'no error\n' }))).toEqual([`error.txt: "no error" instead of "${ERROR}"`]);
});

test('TypeScript\'s own output must hold the refusal and at least one object', () => {
  const empty = { ...reference, 'shop.k8s.yaml': '', 'error.txt': 'no error\n' };
  expect(compareOutputs(dirWith(empty), dirWith(empty))).toEqual([
    'TypeScript\'s error.txt is not the refusal of nodePort 80: no error',
    'shop.k8s.yaml: TypeScript wrote no objects',
  ]);
});
