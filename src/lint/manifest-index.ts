import { labelSelectorMatches } from './selector';
import { podLabelsOf, podSpecOf } from '../internal/pod-security';

/**
 * The objects of one lint run, indexed once so that every rule looks things up
 * in maps instead of scanning all objects (linting stays close to linear in
 * the number of objects). Internal: rules read it, users never see it.
 */

/** Namespace used for objects that set none (they land in the same one when applied). */
export const DEFAULT_NAMESPACE = 'default';

/** One input object with what every rule needs to name it. */
export interface ObjRef {
  readonly obj: any;
  readonly apiVersion: string;
  readonly kind: string;
  /** metadata.namespace as written (undefined if unset). */
  readonly namespace?: string;
  /** namespace used for lookups: metadata.namespace or `default`. */
  readonly ns: string;
  readonly name: string;
}

/** An object that runs pods (Deployment, DaemonSet, Pod, ...). */
export interface Workload {
  readonly ref: ObjRef;
  /** pod spec */
  readonly spec: any;
  /** dotted path of the pod spec inside the object */
  readonly specPath: string;
  /** pod template labels */
  readonly labels: { [key: string]: string };
  /** replicas the workload can run at once (DaemonSet: 1, one per node) */
  readonly replicas: number;
  readonly perNode: boolean;
  readonly hostNetwork: boolean;
}

const SPEC_PATH: { [kind: string]: string } = {
  Pod: 'spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

export class ManifestIndex {
  public readonly objects: ObjRef[] = [];
  public readonly workloads: Workload[] = [];
  private readonly byKind = new Map<string, ObjRef[]>();
  private readonly services = new Map<string, ObjRef>();
  /** ns -> workloads */
  private readonly workloadsByNs = new Map<string, Workload[]>();
  /** ns -> "key=value" -> workloads whose pod labels carry it */
  private readonly labelIndex = new Map<string, Map<string, Workload[]>>();
  private readonly selectorCache = new Map<ObjRef, Workload[]>();

  constructor(input: any[]) {
    const hpaMax = new Map<string, number>();
    const flat: any[] = [];
    const flatten = (xs: any[]) => {
      for (const o of xs) {
        if (Array.isArray(o)) {flatten(o);} else if (o && typeof o === 'object' && typeof o.kind === 'string') {
          if (o.kind.endsWith('List') && Array.isArray(o.items)) flatten(o.items);
          else flat.push(o);
        }
      }
    };
    flatten(input ?? []);

    for (const obj of flat) {
      const md = obj.metadata ?? {};
      const namespace = typeof md.namespace === 'string' && md.namespace !== '' ? md.namespace : undefined;
      const ref: ObjRef = {
        obj,
        apiVersion: String(obj.apiVersion ?? ''),
        kind: obj.kind,
        namespace,
        ns: namespace ?? DEFAULT_NAMESPACE,
        name: String(md.name ?? md.generateName ?? ''),
      };
      this.objects.push(ref);
      let list = this.byKind.get(ref.kind);
      if (!list) this.byKind.set(ref.kind, list = []);
      list.push(ref);
      if (ref.kind === 'Service' && ref.apiVersion === 'v1') this.services.set(`${ref.ns}/${ref.name}`, ref);
      if (ref.kind === 'HorizontalPodAutoscaler') {
        const t = obj.spec?.scaleTargetRef;
        if (t?.kind && t?.name && typeof obj.spec?.maxReplicas === 'number') {
          hpaMax.set(`${ref.ns}/${t.kind}/${t.name}`, obj.spec.maxReplicas);
        }
      }
    }

    for (const ref of this.objects) {
      const spec = podSpecOf(ref.obj);
      if (!spec || typeof spec !== 'object') continue;
      const labels = podLabelsOf(ref.obj) ?? {};
      const perNode = ref.kind === 'DaemonSet';
      let replicas = 1;
      if (!perNode) {
        const s = ref.obj.spec ?? {};
        if (ref.kind === 'Job') replicas = numberOr(s.parallelism, 1);
        else if (ref.kind === 'CronJob') replicas = numberOr(s.jobTemplate?.spec?.parallelism, 1);
        else if (ref.kind !== 'Pod') replicas = numberOr(s.replicas, 1);
        const hpa = hpaMax.get(`${ref.ns}/${ref.kind}/${ref.name}`);
        if (hpa !== undefined) replicas = Math.max(replicas, hpa);
      }
      const w: Workload = {
        ref,
        spec,
        specPath: SPEC_PATH[ref.kind] ?? 'spec.template.spec',
        labels,
        replicas,
        perNode,
        hostNetwork: spec.hostNetwork === true,
      };
      this.workloads.push(w);
      let inNs = this.workloadsByNs.get(ref.ns);
      if (!inNs) this.workloadsByNs.set(ref.ns, inNs = []);
      inNs.push(w);
      let idx = this.labelIndex.get(ref.ns);
      if (!idx) this.labelIndex.set(ref.ns, idx = new Map());
      for (const [k, v] of Object.entries(labels)) {
        const key = `${k}=${v}`;
        let l = idx.get(key);
        if (!l) idx.set(key, l = []);
        l.push(w);
      }
    }
  }

  /** How many workloads of namespace `ns` carry the pod label `key=value` (to pick selective index keys). */
  public labelCount(ns: string, key: string, value: string): number {
    return this.labelIndex.get(ns)?.get(`${key}=${value}`)?.length ?? 0;
  }

  /** Objects of one kind, in input order. */
  public ofKind(kind: string): ObjRef[] {
    return this.byKind.get(kind) ?? [];
  }

  /** The Service `name` in namespace `ns`, if it is in the manifests. */
  public service(ns: string, name: string): ObjRef | undefined {
    return this.services.get(`${ns}/${name}`);
  }

  /** Workloads whose pod template a Service selector (a plain label map) selects. Empty selector: none. */
  public workloadsForService(svc: ObjRef): Workload[] {
    const cached = this.selectorCache.get(svc);
    if (cached) return cached;
    const selector = svc.obj.spec?.selector;
    let result: Workload[] = [];
    if (selector && typeof selector === 'object' && Object.keys(selector).length > 0) {
      result = this.selectWorkloads(svc.ns, { matchLabels: selector });
    }
    this.selectorCache.set(svc, result);
    return result;
  }

  /**
   * Workloads in `ns` whose pod labels match a LabelSelector
   * (matchLabels + matchExpressions; `{}` selects all).
   */
  public selectWorkloads(ns: string, selector: any): Workload[] {
    const all = this.workloadsByNs.get(ns) ?? [];
    if (!selector || typeof selector !== 'object') return [];
    const idx = this.labelIndex.get(ns);
    // narrow the candidates through the label index when the selector requires a label value
    let candidates = all;
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
      const l = idx?.get(`${k}=${v}`) ?? [];
      if (l.length < candidates.length) candidates = l;
    }
    for (const e of selector.matchExpressions ?? []) {
      if (e?.operator === 'In' && Array.isArray(e.values) && e.values.length === 1) {
        const l = idx?.get(`${e.key}=${e.values[0]}`) ?? [];
        if (l.length < candidates.length) candidates = l;
      }
    }
    return candidates.filter((w) => labelSelectorMatches(selector, w.labels));
  }
}

function numberOr(x: unknown, dflt: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : dflt;
}

/** `kind namespace/name` for messages (namespace only when the object sets one). */
export function describe(ref: ObjRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
