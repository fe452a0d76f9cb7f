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

/**
 * Every manifest file under a folder (recursive, sorted; dot-folders and
 * node_modules skipped, symbolic links not followed). A folder that cannot
 * be read is an input error.
 */
export function manifestFiles(dir: string, errors: InputError[], shown: (p: string) => string): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push({ file: shown(dir), message: `cannot be read: ${(e as Error).message}` });
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && e.name !== 'node_modules') out.push(...manifestFiles(p, errors, shown));
    } else if (e.isFile() && MANIFEST.test(e.name)) {
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
  const json = parseJson(text, file);
  if (json) return json;
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

/**
 * JSON input (`kubectl get -o json`, a List of a whole cluster) parsed with
 * JSON.parse, an order of magnitude faster than the YAML parser on large
 * input; the line of each top-level object or List item comes from one scan
 * of the text. Undefined when the text is not JSON (the YAML parser then
 * reads it, and reports the error with its line).
 */
function parseJson(text: string, file: string): ReadResult | undefined {
  const first = /\S/.exec(text);
  if (!first || (first[0] !== '{' && first[0] !== '[')) return undefined;
  let value: any;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const lines = itemLines(text);
  const objects: SourcedObject[] = [];
  const skipped: InputError[] = [];
  const push = (v: any, line: number) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.kind === 'string') {
      if (v.kind.endsWith('List') && Array.isArray(v.items)) v.items.forEach((item: any) => push(item, line));
      else objects.push({ obj: v, file, line });
    } else if (v !== null && v !== undefined) {
      skipped.push({ file, line, message: 'not a Kubernetes object (no kind), skipped' });
    }
  };
  if (Array.isArray(value)) {
    value.forEach((v, i) => push(v, lines[i] ?? lines.start));
  } else if (value && typeof value === 'object' && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    value.items.forEach((v: any, i: number) => push(v, lines[i] ?? lines.start));
  } else {
    push(value, lines.start);
  }
  return { objects, errors: [], skipped, files: 1 };
}

/**
 * Lines of the items of a JSON text: for a top-level array, the line where
 * each element starts; for a top-level object, where each element of its
 * top-level "items" array starts. `start` is the line of the first bracket.
 */
function itemLines(text: string): number[] & { start: number } {
  const lines: number[] & { start: number } = Object.assign([], { start: 1 });
  let line = 1;
  let depth = 0;
  let topIsArray = false;
  let inItems = false; // inside the top-level object's "items" array
  let lastString = '';
  let keyAtTop = '';
  let expectValue = false; // after a top-level element separator or the opening bracket of the list
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; continue; }
    if (c === 34) { // a string: skip it, remember it (a key when a colon follows)
      if (expectValue && ((topIsArray && depth === 1) || (inItems && depth === 2))) lines.push(line);
      const startIdx = i + 1;
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) {
        if (text.charCodeAt(i) === 92) i++;
        i++;
      }
      lastString = depth === 1 ? text.slice(startIdx, i) : '';
      if (expectValue) expectValue = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    const ch = text[i];
    if (ch === ':' && depth === 1 && !topIsArray) { keyAtTop = lastString; continue; }
    const inList = (topIsArray && depth === 1) || (inItems && depth === 2);
    if (inList && expectValue) {
      lines.push(line);
      expectValue = false;
    }
    if (ch === '{' || ch === '[') {
      if (depth === 0) {
        lines.start = line;
        topIsArray = ch === '[';
        expectValue = topIsArray;
      } else if (depth === 1 && !topIsArray && ch === '[' && keyAtTop === 'items') {
        inItems = true;
        expectValue = true;
      }
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 1 && inItems) inItems = false;
    } else if (ch === ',' && ((topIsArray && depth === 1) || (inItems && depth === 2))) {
      expectValue = true;
    }
  }
  return lines;
}
