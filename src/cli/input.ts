import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';

/** One Kubernetes object read from the input, with where it was written. */
export interface SourcedObject {
  readonly obj: any;
  /** file path as given (or the stdin name) */
  readonly file: string;
  /** 1-based line of the object (the first line of its document, or of its item in a List or array) */
  readonly line: number;
}

/** A file or document that could not be read. */
export interface InputError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface ReadResult {
  readonly objects: SourcedObject[];
  readonly errors: InputError[];
  /** documents that are not Kubernetes objects (no kind), skipped */
  readonly skipped: InputError[];
  readonly files: number;
}

const MANIFEST = /\.(ya?ml|json)$/i;

/** Every manifest file under a folder (recursive, sorted; dot-folders and node_modules skipped). */
export function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && e.name !== 'node_modules') out.push(...manifestFiles(p));
    } else if (MANIFEST.test(e.name)) {
      out.push(p);
    }
  }
  return out;
}

/**
 * Parse one YAML or JSON text: multi-document YAML, JSON (a YAML subset), a
 * top-level array of objects, and `List` kinds (`v1 List`, `ServiceList`, ...)
 * whose items are expanded. Each object keeps its line.
 */
export function parseManifests(text: string, file: string): ReadResult {
  const objects: SourcedObject[] = [];
  const errors: InputError[] = [];
  const skipped: InputError[] = [];
  const lineCounter = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch (e) {
    return { objects, errors: [{ file, message: String((e as Error)?.message ?? e) }], skipped, files: 1 };
  }
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = Array.isArray(err.pos) ? lineCounter.linePos(err.pos[0]) : undefined;
        errors.push({ file, line: pos?.line, column: pos?.col, message: err.message.split('\n')[0] });
      }
      continue;
    }
    const root = doc.contents;
    if (root === null || root === undefined) continue; // empty document (Helm emits many)
    const push = (node: unknown, value: any) => {
      const line = lineOf((node as Node | undefined)?.range?.[0]);
      if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.kind === 'string') {
        objects.push({ obj: value, file, line });
      } else if (value !== null && value !== undefined) {
        skipped.push({ file, line, message: 'not a Kubernetes object (no kind), skipped' });
      }
    };
    let value: any;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      errors.push({ file, line: lineOf(root.range?.[0]), message: String((e as Error)?.message ?? e) });
      continue;
    }
    if (isSeq(root) && Array.isArray(value)) {
      root.items.forEach((item, i) => expand(item, value[i], push));
    } else {
      expand(root, value, push);
    }
  }
  return { objects, errors, skipped, files: 1 };
}

/** An object, or the items of a `*List` object (recursively), each with its node for the line. */
function expand(node: unknown, value: any, push: (node: unknown, value: any) => void): void {
  if (value && typeof value === 'object' && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items) && isMap(node)) {
    const itemsNode = node.get('items', true);
    const items = isSeq(itemsNode) ? itemsNode.items : [];
    value.items.forEach((item: any, i: number) => expand(items[i] ?? node, item, push));
    return;
  }
  push(node, value);
}
