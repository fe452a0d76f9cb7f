/**
 * Readable default object names. cdk8s names an object after its construct
 * path plus an 8-character hash (`mesh-edge-c87d097f`), which keeps names
 * unique but makes them hard to read in `kubectl get` and to type in NOTES
 * (and keeps characters such as `_` from the ids, which a DNS label refuses).
 * The library's generated names are the construct path alone (the user's
 * ids from the chart down, lower-cased, every run of other characters turned
 * into `-`) when it fits a DNS label (63 characters, RFC 1123) and no other
 * generated name of the same kind in the same namespace took it; otherwise
 * the path cut to fit, followed by a hash of the whole path.
 */
import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import { AppRegistry } from './registry';

const MAX = 63;
/** ids cdk8s leaves out of names (the "default child" convention) */
const HIDDEN_IDS = new Set(['Default', 'Resource']);

/** A DNS-label name for an object of `kind` in `namespace`, derived from `scope`'s path (and `extra`). */
export function readableName(scope: IConstruct, kind: string, namespace: string | undefined, extra: string[] = []): string {
  const ids = [...scope.node.scopes.slice(1).map((s) => s.node.id).filter((id) => !HIDDEN_IDS.has(id)), ...extra];
  const plain = ids.join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
  if (plain.length <= MAX) {
    const taken = AppRegistry.of(scope).claim('generated-name', `${kind}/${namespace ?? ''}/${plain}`, { owner: scope });
    if (taken === undefined) return plain;
  }
  const hash = createHash('sha256').update(ids.join('/')).digest('hex').slice(0, 8);
  return `${plain.slice(0, MAX - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}
