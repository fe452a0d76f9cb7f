/**
 * Reading upstream CRD files strictly. Upstream multi-networkpolicy's
 * scheme.yml has double-quoted descriptions whose continuation lines are
 * indented less than their key: go-yaml (kubectl) reads them, strict YAML
 * parsers (the `yaml` package, the shared validator) do not.
 *
 * As a command, copies the *.yaml files of each CRD_DIR into OUT_DIR with
 * that indentation repaired (nothing else changes), for tools that parse
 * strictly:
 *
 *   npx ts-node --project test/tsconfig.json --transpile-only scripts/crd-yaml.ts OUT_DIR CRD_DIR...
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** Indent continuation lines of open double-quoted scalars under their key; only the text inside such a scalar is touched. */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)[\w$-]+: "(.*)$/.exec(lines[i]);
    if (!m || closesQuote(m[2])) continue;
    const indent = m[1].length + 2;
    for (let j = i + 1; j < lines.length; j++) {
      const body = lines[j].trimStart();
      if (lines[j].length - body.length < indent) lines[j] = ' '.repeat(indent) + body;
      if (closesQuote(body)) {
        i = j;
        break;
      }
    }
  }
  return lines.join('\n');
}

function closesQuote(rest: string): boolean {
  return /(^|[^\\])"\s*$/.test(rest) || /^"\s*$/.test(rest);
}

/** Every document of an upstream YAML file, repaired as above; fails on any remaining YAML error. */
export function parseCrdYaml(file: string): any[] {
  const text = fs.readFileSync(file, 'utf8');
  // a file that parses strictly as it is stays untouched: the repair misreads some valid files
  // (upstream gateway-api v1.6.1 httproutes.yaml, whose CEL rules hold quotes inside single-quoted scalars)
  const plain = parseAllDocuments(text);
  if (plain.every((d) => d.errors.length === 0)) return plain.map((d) => d.toJS());
  return parseAllDocuments(indentQuotedContinuations(text)).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS();
  });
}

if (require.main === module) {
  const [out, ...dirs] = process.argv.slice(2);
  if (!out || dirs.length === 0) {
    console.error('usage: crd-yaml.ts OUT_DIR CRD_DIR...');
    process.exit(2);
  }
  fs.mkdirSync(out, { recursive: true });
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      const file = path.join(dir, f);
      parseCrdYaml(file); // fails here, not later in a tool, if the repair is not enough
      fs.writeFileSync(path.join(out, `${path.basename(dir)}-${f}`), indentQuotedContinuations(fs.readFileSync(file, 'utf8')));
    }
  }
}
