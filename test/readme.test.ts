/**
 * The README is the first thing users read; these keep it true: its links into
 * API.md resolve, the "Choosing a way in" matrix covers every factory, and the
 * NOTES it shows are what the example really prints.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { Exposure, PublicWebApp } from '../src';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');
const api = fs.readFileSync(path.join(root, 'API.md'), 'utf-8');

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

test('every API.md link in the README resolves', () => {
  const links = [...readme.matchAll(/\(API\.md#([^)]+)\)/g)].map((m) => m[1]);
  expect(links.length).toBeGreaterThan(20);
  const missing = links.filter((id) => !api.includes(`id="${id}"`));
  expect(missing).toEqual([]);
});

test('"Choosing a way in" links every Exposure factory, BareMetalLB and MeshGateway', () => {
  const matrix = section('Choosing a way in');
  const factories = Object.getOwnPropertyNames(Exposure).filter((n) => typeof (Exposure as any)[n] === 'function' && !['length', 'name', 'prototype'].includes(n));
  expect(factories.length).toBeGreaterThanOrEqual(9);
  for (const f of factories) expect(matrix).toContain(`(API.md#cdk8s-expose.Exposure.${f})`);
  expect(matrix).toContain('(API.md#cdk8s-expose.BareMetalLB)');
  expect(matrix).toContain('(API.md#cdk8s-expose.MeshGateway)');
  expect(matrix).toContain('(API.md#cdk8s-expose.NetworkAttachment)');
  expect(matrix).toContain('(API.md#cdk8s-expose.VirtualIp)');
  expect(matrix).toContain('(API.md#cdk8s-expose.IngressController.haproxy)');
  // every row has the six columns
  const rows = matrix.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Scenario'));
  for (const row of rows) expect(row.split(' | ').length).toBe(6);
});

test('the NOTES shown in the README are what examples/shop-ingress prints', () => {
  const shown = /```text\n(ingress exposure of shop\/web[\s\S]*?)```/.exec(readme);
  expect(shown).not.toBeNull();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(path.join(root, 'examples', 'shop-ingress', 'main.ts'));
  const app = Testing.app();
  example.build(app);
  const web = app.node.findAll().find((c): c is PublicWebApp => c instanceof PublicWebApp)!;
  expect(shown![1]).toEqual(`${web.notes()}\n`);
});

/**
 * The README's Python, Java and Go snippets are regions of the programs that
 * `npm run smoke:langs` runs (test/langs/<language>/), so they cannot drift:
 * `<!-- snippet: FILE#a,b -->` before a fenced block means the block is the
 * regions `a` then `b` of FILE (each `region NAME` ... `endregion NAME`
 * comment pair, dedented, parts separated by a blank line); without `#`, the
 * whole file.
 */
function regions(file: string, names: string[] | undefined): string {
  const text = fs.readFileSync(path.join(root, file), 'utf-8');
  if (!names) return text.replace(/\n+$/, '');
  const lines = text.split('\n');
  const parts: string[] = [];
  for (const name of names) {
    let current: string[] | undefined;
    let found = false;
    for (const line of lines) {
      const m = /^\s*(?:#|\/\/|<!--)\s*(end)?region\s+(\S+)/.exec(line);
      if (m && m[2] === name) {
        if (m[1]) {
          expect(current).toBeDefined();
          while (current!.length > 0 && current![current!.length - 1].trim() === '') current!.pop();
          const indent = Math.min(...current!.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
          parts.push(current!.map((l) => l.slice(indent)).join('\n'));
          current = undefined;
          found = true;
        } else {
          current = [];
        }
        continue;
      }
      if (current) current.push(line);
    }
    expect({ file, region: name, found }).toEqual({ file, region: name, found: true });
  }
  return parts.join('\n\n');
}

test('the README\'s Python, Java and Go snippets are regions of the programs smoke:langs runs', () => {
  const snippets = [...readme.matchAll(/<!-- snippet: (\S+?)(?:#(\S+))? -->\n```\w+\n([\s\S]*?)\n```/g)];
  const files = snippets.map((m) => m[1]);
  for (const lang of ['python', 'java', 'go']) {
    expect(files.filter((f) => f.startsWith(`test/langs/${lang}/`)).length).toBeGreaterThanOrEqual(2);
  }
  for (const [, file, names, block] of snippets) {
    expect({ file, block }).toEqual({ file, block: regions(file, names?.split(',')) });
  }
  // every snippet marker is followed by a fenced block the pattern above saw
  expect((readme.match(/<!-- snippet: /g) ?? []).length).toBe(snippets.length);
});

test('the TypeScript quick start of test/langs (the reference of smoke:langs) is the README\'s', () => {
  const quickStart = regions('test/langs/typescript/quick-start.ts', ['imports', 'quick-start']).replace("'../../../src'", "'cdk8s-expose'");
  expect(section('PublicWebApp')).toContain(`\`\`\`ts\n${quickStart}\n\`\`\``);
});
