import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Construct paths of the synthesized objects, keyed by apiVersion, kind,
 * namespace and name, for the cdk8s CLI validation plugin.
 *
 * The cdk8s CLI maps a violating resource to its construct through
 * `construct-metadata.json`, which cdk8s (`App.writeConstructMetadata`) keys
 * by `metadata.name` alone: when objects share a name (every object of a
 * PublicWebApp does, and so do a Deployment and its Service in most apps),
 * all of them map to the last one written. This file keeps one entry per
 * object. It is written next to the manifests during `app.synth()` only when
 * the App records construct metadata (what `cdk8s synth` asks for when
 * `validations:` are configured, through CDK8S_RECORD_CONSTRUCT_METADATA); cdk8s
 * has no hook after synthesis, so the write happens in a validation of the
 * App root, after the tree is complete.
 */
export const CONSTRUCT_PATHS_FILE = 'cdk8s-expose-construct-paths.json';

/** One object of the paths file. */
export interface RecordedPath {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly path: string;
}

/** Lookup key of an object: apiVersion, kind, namespace (empty when unset) and name. */
export function objectKey(apiVersion: unknown, kind: unknown, namespace: unknown, name: unknown): string {
  return `${apiVersion ?? ''}|${kind ?? ''}|${namespace ?? ''}|${name ?? ''}`;
}

const registered = new WeakSet<IConstruct>();

/** Make the App that `scope` belongs to write the paths file when it records construct metadata (once per App). */
export function recordConstructPaths(scope: IConstruct): void {
  const root = scope.node.root;
  if (registered.has(root)) return;
  registered.add(root);
  root.node.addValidation({
    validate: () => {
      const app = root as any;
      if (app.recordConstructMetadata !== true || typeof app.outdir !== 'string') return [];
      const resources: RecordedPath[] = root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c)).map((o) => ({
        apiVersion: o.apiVersion,
        kind: o.kind,
        namespace: o.metadata.namespace,
        name: o.name,
        path: o.node.path,
      }));
      fs.mkdirSync(app.outdir, { recursive: true });
      fs.writeFileSync(path.join(app.outdir, CONSTRUCT_PATHS_FILE), JSON.stringify({ version: '1.0.0', resources }));
      return [];
    },
  });
}

/**
 * The recorded paths for a set of manifest files: the paths file is looked
 * for in each manifest's folder and its parent (cdk8s writes one folder per
 * chart with `FOLDER_PER_CHART_FILE_PER_RESOURCE`).
 */
export function readConstructPaths(manifests: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const dirs = new Set(manifests.flatMap((m) => [path.dirname(m), path.dirname(path.dirname(m))]));
  for (const dir of dirs) {
    const file = path.join(dir, CONSTRUCT_PATHS_FILE);
    if (!fs.existsSync(file)) continue;
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const r of Array.isArray(parsed?.resources) ? parsed.resources : []) {
        if (typeof r?.path === 'string') out.set(objectKey(r.apiVersion, r.kind, r.namespace, r.name), r.path);
      }
    } catch {
      // an unreadable file only costs the construct paths
    }
  }
  return out;
}
