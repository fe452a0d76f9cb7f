/**
 * Refuse unknown keys in the props and options structs the library accepts.
 *
 * From TypeScript a misspelt key is a compile error; from JavaScript (and any
 * caller that builds objects dynamically) `Exposure.nodePort({ nodeport: 30036 })`
 * would be silently ignored and the default used. Each struct's valid keys come
 * from one table generated from the jsii assembly (`struct-keys.generated.ts`,
 * kept in sync by test/internal/struct-keys.test.ts).
 *
 * Structs given to factories without a construct (`Exposure.*`,
 * `LoadBalancerProvider.*`, `IngressController.*`, `Tls.certManager`,
 * `MeshTls.*`, `lb.provider`) are recorded with `recordStruct` and checked when
 * the construct that receives the object checks its own props: the check walks
 * into struct-typed props and into any recorded object it meets, so the message
 * names the full path (`exposure.provider.schema`).
 *
 * Limitation (jsii): other languages pass structs through the jsii kernel,
 * which copies only the declared properties of a struct
 * (`@jsii/kernel` serialization.ts, "Don't map if unknown property"): a Python
 * dict with a misspelt key reaches the library without that key, so it cannot
 * be refused here. Python's struct classes (keyword arguments) refuse it
 * themselves.
 */
import { IConstruct } from 'constructs';
import { STRUCT_KEYS } from './struct-keys.generated';
import { fail } from '../errors';

/** Keys whose values are never echoed in a message (a misspelt password is still a password). */
const SECRET_LIKE = /pass|secret|token|credential|key/i;

const RECORDED = new WeakMap<object, { struct: string; value: unknown }>();

/** Remember the struct a factory received, to check its keys once a construct receives the result. */
export function recordStruct<T extends object>(owner: T, struct: string, value: unknown): T {
  if (!(struct in STRUCT_KEYS)) throw new Error(`internal: ${struct} is not a struct of the assembly`);
  RECORDED.set(owner, { struct, value });
  return owner;
}

/**
 * Check `value` as a `struct`: every key must be a property of it (keys whose
 * value is undefined are ignored: they have no effect either way), and so on
 * for nested structs and recorded objects. `prefix` is the prop path of `value`
 * ('' for a construct's own props).
 */
export function checkStructKeys(scope: IConstruct | string, prefix: string, value: unknown, struct: string): void {
  checkValue(scope, prefix, value, struct, new Set());
}

/** Check the struct recorded for `owner`, if any. */
export function checkRecordedStruct(scope: IConstruct | string, prefix: string, owner: unknown): void {
  checkNested(scope, prefix, owner, undefined, new Set());
}

function checkValue(scope: IConstruct | string, prefix: string, value: unknown, struct: string, seen: Set<object>): void {
  if (!isPlainObject(value) || seen.has(value)) return;
  seen.add(value);
  const keys = STRUCT_KEYS[struct];
  for (const [key, v] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (!(key in keys)) {
      if (v === undefined) continue;
      const valid = Object.keys(keys);
      const near = nearest(key, valid);
      fail(scope, path, SECRET_LIKE.test(key) ? '(redacted)' : v, `is not an option of ${struct}, so it would be silently ignored`,
        near !== undefined ? `did you mean ${near}? (${struct} takes ${valid.join(', ')})` : `use one of ${valid.join(', ')}`);
    }
    checkNested(scope, path, v, keys[key] ?? undefined, seen);
  }
}

/** A prop's value: a nested struct ('X', 'X[]' or 'X{}'), or an object a factory recorded. */
function checkNested(scope: IConstruct | string, path: string, v: unknown, type: string | undefined, seen: Set<object>): void {
  if (v === null || typeof v !== 'object') return;
  const recorded = RECORDED.get(v);
  if (recorded) {
    if (seen.has(v)) return;
    seen.add(v);
    checkValue(scope, path, recorded.value, recorded.struct, seen);
    return;
  }
  if (type === undefined) {
    // a list of recorded objects (e.g. several providers) is still walked
    if (Array.isArray(v)) v.forEach((e, i) => checkNested(scope, `${path}[${i}]`, e, undefined, seen));
    return;
  }
  if (type.endsWith('[]')) {
    if (Array.isArray(v)) v.forEach((e, i) => checkNested(scope, `${path}[${i}]`, e, type.slice(0, -2), seen));
  } else if (type.endsWith('{}')) {
    if (isPlainObject(v)) for (const [k, e] of Object.entries(v)) checkNested(scope, `${path}.${k}`, e, type.slice(0, -2), seen);
  } else {
    checkValue(scope, path, v, type, seen);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The valid name closest to `key` (case-insensitive edit distance), if it is close enough to be a typo. */
export function nearest(key: string, valid: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of valid) {
    const d = distance(key.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
