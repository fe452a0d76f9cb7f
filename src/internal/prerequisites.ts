/**
 * Helpers for `Prerequisite` lists: building them with a kubectl check,
 * dropping what the App itself emits, and the notes text.
 */
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { apiObjectsOfKind } from './object-index';
import type { Prerequisite } from '../prerequisite';

/** What a Kubernetes prerequisite needs; `resource` is the kubectl resource name (fully qualified when short names clash). */
export interface KubeObjectRef {
  readonly kind: string;
  readonly apiVersion: string;
  readonly resource: string;
  readonly name: string;
  readonly namespace?: string;
  readonly why: string;
}

/** A Kubernetes object that must exist, checked with `kubectl get <resource> <name> [-n <namespace>]`. */
export function kubePrerequisite(o: KubeObjectRef): Prerequisite {
  return {
    kind: o.kind,
    apiVersion: o.apiVersion,
    namespace: o.namespace,
    name: o.name,
    why: o.why,
    checkCommand: `kubectl get ${o.resource} ${o.name}${o.namespace ? ` -n ${o.namespace}` : ''}`,
  };
}

/** A CustomResourceDefinition: the controller that serves it must be installed. */
export function crdPrerequisite(name: string, why: string, extraCheck?: string): Prerequisite {
  return {
    kind: 'CustomResourceDefinition',
    apiVersion: 'apiextensions.k8s.io/v1',
    name,
    why,
    checkCommand: `kubectl get crd ${name}${extraCheck ? ` && ${extraCheck}` : ''}`,
  };
}

/** A Secret in `namespace`. */
export function secretPrerequisite(name: string, namespace: string | undefined, why: string): Prerequisite {
  return kubePrerequisite({ kind: 'Secret', apiVersion: 'v1', resource: 'secret', name, namespace, why });
}

const group = (apiVersion: string | undefined) => (apiVersion && apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

/**
 * Whether the App of `scope` emits an object of this kind, API group, name and
 * namespace (an object without a namespace takes its chart's), through the
 * App's object index (one scan of the tree for all apps).
 */
function emittedIn(scope: IConstruct, p: Prerequisite): boolean {
  if (p.apiVersion === undefined) return false;
  return apiObjectsOfKind(scope, p.kind).some((o) => {
    if (o.name !== p.name || group(o.apiVersion) !== group(p.apiVersion)) return false;
    const ns = o.metadata.namespace ?? Chart.of(o).namespace;
    return p.namespace === undefined || ns === undefined || ns === p.namespace;
  });
}

/** The prerequisites not emitted in the App of `scope`, each once (by kind, API group, namespace and name), in order. */
export function missingPrerequisites(scope: IConstruct, list: Prerequisite[]): Prerequisite[] {
  const seen = new Set<string>();
  const result: Prerequisite[] = [];
  for (const p of list) {
    const key = `${p.kind}|${group(p.apiVersion)}|${p.namespace ?? ''}|${p.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!emittedIn(scope, p)) result.push(p);
  }
  return result;
}

/** Notes lines: what the cluster must have, each with its check. Empty when nothing is needed. */
export function prerequisiteNotes(list: Prerequisite[]): string[] {
  if (list.length === 0) return [];
  return [
    'Before applying, the cluster must have (not created by these manifests):',
    ...list.flatMap((p) => [
      `  - ${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}: ${p.why}`,
      `    ${p.checkCommand}`,
    ]),
    '',
  ];
}

/** Whether `scope` (an app) created an ApiObject of this kind, e.g. a Traefik Middleware. */
export function createsKind(scope: IConstruct, kind: string): boolean {
  return scope.node.findAll().some((c) => ApiObject.isApiObject(c) && (c as ApiObject).kind === kind);
}
