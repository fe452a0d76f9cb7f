/**
 * The ApiObjects of a cdk8s App by kind, for checks that look across the App
 * (e.g. a route against a Gateway another construct wrote). Scanning the
 * whole construct tree for every app made synthesis quadratic in the number
 * of apps, so each top-level construct under a Chart is scanned once, when a
 * later sibling exists (it is then fully built); the last child of each Chart
 * (the construct being built now, or the latest one) is scanned on each call.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

interface TopScan {
  /** children of this top-level construct already indexed (all but the last, which may still grow) */
  scanned: number;
  readonly byKind: Map<string, ApiObject[]>;
}

const SCANS = new WeakMap<IConstruct, Map<IConstruct, TopScan>>();

function index(into: Map<string, ApiObject[]>, c: IConstruct): void {
  for (const o of c.node.findAll()) {
    if (!(o instanceof ApiObject)) continue;
    let list = into.get(o.kind);
    if (!list) into.set(o.kind, list = []);
    list.push(o);
  }
}

/** Every ApiObject of `kind` in the App `scope` belongs to. */
export function apiObjectsOfKind(scope: IConstruct, kind: string): ApiObject[] {
  const root = scope.node.root;
  let scans = SCANS.get(root);
  if (!scans) SCANS.set(root, scans = new Map());
  const out: ApiObject[] = [];
  for (const top of root.node.children) {
    if (top instanceof ApiObject && top.kind === kind) out.push(top);
    let s = scans.get(top);
    if (!s) scans.set(top, s = { scanned: 0, byKind: new Map() });
    const children = top.node.children;
    for (; s.scanned < children.length - 1; s.scanned++) index(s.byKind, children[s.scanned]);
    out.push(...(s.byKind.get(kind) ?? []));
    for (let i = s.scanned; i < children.length; i++) {
      const fresh = new Map<string, ApiObject[]>();
      index(fresh, children[i]);
      out.push(...(fresh.get(kind) ?? []));
    }
  }
  return out;
}
