/**
 * Kubernetes label selector matching (metav1.LabelSelector): matchLabels plus
 * matchExpressions with In, NotIn, Exists and DoesNotExist. An empty selector
 * matches everything, as for NetworkPolicy.podSelector and pod anti-affinity.
 * An unknown operator matches nothing (the API server would reject it).
 */
export function labelSelectorMatches(selector: any, labels: { [key: string]: string }): boolean {
  if (!selector || typeof selector !== 'object') return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e?.key);
    const values: unknown[] = Array.isArray(e?.values) ? e.values : [];
    switch (e?.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
