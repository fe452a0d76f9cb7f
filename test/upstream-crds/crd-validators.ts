/**
 * Shared by the `npm run test:crds` suites: find an upstream CRD folder
 * ($CDK8S_EXPOSE_CRDS_DIR/<folder>, or ../shared/crds/<folder> next to the
 * repository or its worktree folder) and compile the served versions'
 * openAPIV3Schema with ajv, fields the schema does not declare refused (the
 * API server prunes them).
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** Where the folder may be, and the first that exists. */
export function crdFolder(folder: string): { candidates: string[]; dir?: string } {
  const candidates = [
    process.env.CDK8S_EXPOSE_CRDS_DIR ? path.join(process.env.CDK8S_EXPOSE_CRDS_DIR, folder) : undefined,
    path.join(ROOT, '..', 'shared', 'crds', folder),
    path.join(ROOT, '..', '..', 'shared', 'crds', folder),
  ].filter((d): d is string => d !== undefined);
  return { candidates, dir: candidates.find((d) => fs.existsSync(d)) };
}

/** ajv comes with @kubernetes-models/validate (a devDependency's dependency). */
export function loadAjv(): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
  const mod = require('ajv');
  return mod.default ?? mod;
}

/** Structural-schema semantics: fields not declared are pruned by the API server, so treat them as errors. */
export function strictify(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-') || k === 'description') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as any).map(([pk, pv]) => [pk, strictify(pv)])) : strictify(v);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
