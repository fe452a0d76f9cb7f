import { IConstruct } from 'constructs';

const EXPOSE_ERROR = Symbol.for('cdk8s-expose.ExposeError');

/**
 * The one error type the library throws for invalid or dangerous input.
 *
 * Its message names the construct path, the prop, the value and the fix, so a
 * failing `cdk8s synth` tells the user what to change without reading code.
 * jsii cannot export a subclass of `Error`; other languages see the message,
 * TypeScript users can test for it with `ExposeErrors.isExposeError(e)`.
 */
export class ExposeError extends Error {
  /** construct path, e.g. `shop/web` */
  public readonly path: string;
  /** the prop (or option path) at fault, e.g. `exposure.rateLimit.requestsPerSecond` */
  public readonly prop: string;

  constructor(what: string, path: string, prop: string, value: unknown, problem: string, fix: string) {
    super(`${what} '${path}': ${oneLine(prop)}=${formatValue(value)}: ${problem}. Fix: ${fix}`);
    Object.defineProperty(this, EXPOSE_ERROR, { value: true });
    this.name = 'ExposeError';
    this.path = path;
    this.prop = oneLine(prop);
  }
}

/** Recognise errors thrown by cdk8s-expose (works across copies of the library). */
export class ExposeErrors {
  /** True when `x` is an error thrown by cdk8s-expose for invalid input. */
  public static isExposeError(x: any): boolean {
    return x !== null && typeof x === 'object' && EXPOSE_ERROR in x;
  }
  private constructor() {}
}

/** Throw an ExposeError for `scope` (its construct type is taken from its class name). */
export function fail(scope: IConstruct | string, prop: string, value: unknown, problem: string, fix: string): never {
  throw new ExposeError(whatOf(scope), pathOf(scope), prop, value, problem, fix);
}

function whatOf(scope: IConstruct | string): string {
  return typeof scope === 'string' ? scope.split(' ')[0] : scope.constructor.name;
}

function pathOf(scope: IConstruct | string): string {
  if (typeof scope === 'string') return scope.split(' ').slice(1).join(' ') || scope;
  return scope.node.path || scope.node.id || '<root>';
}

/** A prop path may embed a user's map key: show its control characters escaped, so the message stays one line. */
function oneLine(prop: string): string {
  return String(prop).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  try {
    const s = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return String(value);
  }
}
