/**
 * Cluster DNS names of an app's Service, for notes. Internal.
 *
 * A chart without a namespace writes objects without `metadata.namespace`:
 * they land in whatever namespace `kubectl apply` uses, which is not known at
 * synth time. Such names carry a `<namespace>` placeholder instead of a
 * guessed `default`.
 */
import type { AppFacts } from '../exposure/way-in';

/** Placeholder for the namespace the manifests were applied to. */
export const NAMESPACE_PLACEHOLDER = '<namespace>';

/** `<name>.<namespace>.svc.cluster.local` of the app's Service. */
export function serviceFqdn(app: Pick<AppFacts, 'name' | 'namespace'>): string {
  return `${app.name}.${app.namespace ?? NAMESPACE_PLACEHOLDER}.svc.cluster.local`;
}
