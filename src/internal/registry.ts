/**
 * App-wide claims (hosts + paths, nodePorts, hostPorts, load-balancer
 * addresses, ...). Constructs never reach sideways into each other: each one
 * claims what it uses here, and a second claim of the same thing by another
 * construct in the same cdk8s App is refused by the caller with a specific error.
 */
import { IConstruct } from 'constructs';

/** One claim: who holds it, and an optional tag that lets holders share it. */
export interface Claim {
  readonly owner: IConstruct;
  readonly shareKey?: string;
  readonly detail?: any;
}

const REGISTRIES = new WeakMap<IConstruct, AppRegistry>();

export class AppRegistry {
  /** The registry of the App (construct tree root) that `scope` belongs to. */
  public static of(scope: IConstruct): AppRegistry {
    const root = scope.node.root;
    let r = REGISTRIES.get(root);
    if (!r) {
      r = new AppRegistry();
      REGISTRIES.set(root, r);
    }
    return r;
  }

  private readonly claims = new Map<string, Map<string, Claim[]>>();

  private constructor() {}

  /**
   * Record that `owner` uses `key` in `category`. Returns the first existing
   * claim by another owner that is not shareable with this one (same non-empty
   * shareKey), or undefined when the claim is accepted.
   */
  public claim(category: string, key: string, claim: Claim): Claim | undefined {
    let byKey = this.claims.get(category);
    if (!byKey) {
      byKey = new Map();
      this.claims.set(category, byKey);
    }
    const existing = byKey.get(key) ?? [];
    const conflict = existing.find((c) => c.owner !== claim.owner && !(c.shareKey && c.shareKey === claim.shareKey));
    if (conflict) return conflict;
    existing.push(claim);
    byKey.set(key, existing);
    return undefined;
  }

  /** Every claim of a category, by key. */
  public claimsOf(category: string): ReadonlyMap<string, Claim[]> {
    return this.claims.get(category) ?? new Map();
  }
}
