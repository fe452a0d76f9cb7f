/**
 * Input checks specific to MetalLB objects (internal: not re-exported).
 * Each throws an ExposeError naming the prop, the value and the fix.
 */
import { ApiObject, Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../errors';
import { MetalLbSelector, MetalLbSelectorOperator } from './selector';
import { isDnsSubdomain, isLabelKey, isLabelValue } from '../internal/validation';

/** Check a list of selectors and return it in the CRD's JSON shape. */
export function checkSelectors(scope: IConstruct, prop: string, selectors: MetalLbSelector[] | undefined): any[] | undefined {
  if (selectors === undefined) return undefined;
  if (!Array.isArray(selectors)) fail(scope, prop, selectors, 'must be a list of label selectors', "pass e.g. [{ matchLabels: { 'kubernetes.io/hostname': 'node-1' } }]");
  const seen = new Set<string>();
  return selectors.map((sel, i) => {
    const p = `${prop}[${i}]`;
    if (sel === null || typeof sel !== 'object') fail(scope, p, sel, 'is not a label selector', 'pass { matchLabels } and/or { matchExpressions }');
    const out: any = {};
    if (sel.matchLabels !== undefined) {
      for (const [k, v] of Object.entries(sel.matchLabels)) {
        if (!isLabelKey(k)) fail(scope, `${p}.matchLabels`, k, 'is not a valid label key', "use a key such as 'kubernetes.io/hostname' or 'zone'");
        if (!isLabelValue(v)) fail(scope, `${p}.matchLabels.${k}`, v, 'is not a valid label value', 'use at most 63 letters, digits, -, _ or ., starting and ending with a letter or digit');
      }
      if (Object.keys(sel.matchLabels).length > 0) out.matchLabels = { ...sel.matchLabels };
    }
    if (sel.matchExpressions !== undefined) {
      out.matchExpressions = sel.matchExpressions.map((e, j) => {
        const ep = `${p}.matchExpressions[${j}]`;
        if (!isLabelKey(e?.key)) fail(scope, `${ep}.key`, e?.key, 'is not a valid label key', "use a key such as 'kubernetes.io/hostname'");
        const ops = Object.values(MetalLbSelectorOperator) as string[];
        if (!ops.includes(e.operator)) fail(scope, `${ep}.operator`, e.operator, `is not one of ${ops.join(', ')}`, 'use MetalLbSelectorOperator.IN, NOT_IN, EXISTS or DOES_NOT_EXIST');
        const needsValues = e.operator === MetalLbSelectorOperator.IN || e.operator === MetalLbSelectorOperator.NOT_IN;
        const values = e.values ?? [];
        if (needsValues && values.length === 0) fail(scope, `${ep}.values`, e.values, `must not be empty with operator ${e.operator}`, 'list the label values to compare with');
        if (!needsValues && values.length > 0) fail(scope, `${ep}.values`, e.values, `must be empty with operator ${e.operator}`, 'remove the values, or use IN / NOT_IN');
        values.forEach((v, k) => {
          if (!isLabelValue(v)) fail(scope, `${ep}.values[${k}]`, v, 'is not a valid label value', 'use at most 63 letters, digits, -, _ or ., starting and ending with a letter or digit');
        });
        if (new Set(values).size !== values.length) fail(scope, `${ep}.values`, values, 'lists a value twice', 'list each value once (MetalLB refuses duplicates)');
        return needsValues ? { key: e.key, operator: e.operator, values: [...values] } : { key: e.key, operator: e.operator };
      });
    }
    const key = JSON.stringify(out);
    if (seen.has(key)) fail(scope, p, sel, 'repeats an earlier selector', 'remove the duplicate (MetalLB refuses duplicate selectors)');
    seen.add(key);
    return out;
  });
}

/** Throw unless `name` can name a Kubernetes object (RFC 1123 subdomain). */
export function checkObjectName(scope: IConstruct, prop: string, name: string): void {
  if (!isDnsSubdomain(name)) {
    fail(scope, prop, name, 'is not a valid object name', 'use lower-case letters, digits, - and ., starting and ending with a letter or digit, at most 253 characters');
  }
}

/** Throw unless `list` is a list of distinct strings that pass `ok`. */
export function checkStringList(
  scope: IConstruct, prop: string, list: string[] | undefined, ok: (s: string) => boolean, problem: string, fix: string,
): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) fail(scope, prop, list, 'must be a list', fix);
  list.forEach((s, i) => {
    if (!ok(s)) fail(scope, `${prop}[${i}]`, s, problem, fix);
  });
  const dup = list.find((s, i) => list.indexOf(s) !== i);
  if (dup !== undefined) fail(scope, prop, list, `lists ${JSON.stringify(dup)} twice`, 'list each entry once (MetalLB refuses duplicates)');
}

/** A Duration in whole seconds within [min, max] seconds, as the `"Ns"` string MetalLB parses; undefined when unset. */
export function checkSeconds(scope: IConstruct, prop: string, d: Duration | undefined, min: number, max: number, fix: string): number | undefined {
  if (d === undefined) return undefined;
  if (!(d instanceof Duration)) fail(scope, prop, d, 'is not a Duration', `use Duration.seconds(n); ${fix}`);
  const ms = d.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms % 1000 !== 0) fail(scope, prop, `${ms}ms`, 'is not a whole number of seconds', `use Duration.seconds(n); ${fix}`);
  const s = ms / 1000;
  if (s < min || s > max) fail(scope, prop, `${s}s`, `must be from ${min}s to ${max}s`, fix);
  return s;
}

/** A Duration in whole milliseconds within [min, max]; undefined when unset. */
export function checkMillis(scope: IConstruct, prop: string, d: Duration | undefined, min: number, max: number): number | undefined {
  if (d === undefined) return undefined;
  if (!(d instanceof Duration)) fail(scope, prop, d, 'is not a Duration', `use Duration.millis(n) with n from ${min} to ${max}`);
  const ms = d.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms < min || ms > max) {
    fail(scope, prop, `${ms}ms`, `must be a whole number of milliseconds from ${min} to ${max}`, `use Duration.millis(n) with n from ${min} to ${max}`);
  }
  return ms;
}

/** The ApiObject behind a construct (e.g. a cdk8s-plus Secret), or undefined for references. */
export function apiObjectOf(c: any): ApiObject | undefined {
  if (c instanceof ApiObject) return c;
  const children: any[] = c?.node?.children ?? [];
  return children.find((x) => x instanceof ApiObject);
}

/** BGP community: `a:b` (16-bit each) or `large:a:b:c` (32-bit each). */
export function isCommunity(s: string): boolean {
  if (typeof s !== 'string') return false;
  const u16 = (x: string) => /^(0|[1-9][0-9]{0,4})$/.test(x) && Number(x) <= 65535;
  const u32 = (x: string) => /^(0|[1-9][0-9]{0,9})$/.test(x) && Number(x) <= 4294967295;
  const std = s.split(':');
  if (std.length === 2) return u16(std[0]) && u16(std[1]);
  if (std.length === 4 && std[0] === 'large') return u32(std[1]) && u32(std[2]) && u32(std[3]);
  return false;
}
