/** Validation and resolution of `requestHeaders` (the public struct is in exposure/request-headers.ts). */
import type { IConstruct } from 'constructs';
import { fail } from '../errors';
import type { RequestHeaderOptions } from '../exposure/request-headers';

/**
 * Forwarding headers an Envoy edge passes through from the client: Envoy
 * writes X-Real-IP never, and X-Forwarded-Host / X-Forwarded-Port only with
 * `append_x_forwarded_host` / `append_x_forwarded_port`, which Istio's
 * gateways leave off (envoyproxy.io HttpConnectionManager). Removed by
 * default on an Istio MeshGateway.
 */
export const ENVOY_PASSTHROUGH_HEADERS = ['X-Real-IP', 'X-Forwarded-Host', 'X-Forwarded-Port'];

/** Headers every edge writes itself: removing or setting them would replace the edge's trusted value. */
const EDGE_OWNED = ['x-forwarded-for', 'x-forwarded-proto'];
/** Connection-level and framing headers: changing them breaks the request rather than filtering it. */
const PROTECTED = ['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te', 'keep-alive', 'proxy-connection', 'trailer'];
/** RFC 9110 token; Gateway API HTTPHeaderName uses the same pattern, at most 256 characters. */
const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const MAX_VALUE = 4096;

/**
 * The filtering an edge applies, resolved and validated.
 */
export interface ResolvedRequestHeaders {
  /** header names to remove (default set first, then the user's), no duplicates (case-insensitive) */
  readonly remove: string[];
  /** headers to set, in the user's order */
  readonly set: { name: string; value: string }[];
}

/** True when the user asked for filtering beyond (or instead of) the default. */
export function requestHeadersExplicit(o: RequestHeaderOptions | undefined): boolean {
  return o !== undefined && ((o.remove?.length ?? 0) > 0 || Object.keys(o.set ?? {}).length > 0);
}

/**
 * Validate `options` (prop path `prop`, e.g. `exposure.requestHeaders`) and
 * merge them with the edge's default set `defaults`.
 */
export function resolveRequestHeaders(scope: IConstruct, prop: string, options: RequestHeaderOptions | undefined,
  defaults: string[]): ResolvedRequestHeaders {
  const o = options ?? {};
  if (o.keepSpoofableHeaders !== undefined && typeof o.keepSpoofableHeaders !== 'boolean') {
    fail(scope, `${prop}.keepSpoofableHeaders`, o.keepSpoofableHeaders, 'must be true or false', 'pass true to forward the default set untouched, or leave it unset');
  }
  if (o.remove !== undefined && !Array.isArray(o.remove)) fail(scope, `${prop}.remove`, o.remove, 'must be a list of header names', "use e.g. remove: ['X-Debug']");
  const checkName = (p: string, name: unknown, what: 'remove' | 'set') => {
    if (typeof name !== 'string' || !TOKEN.test(name) || name.length > 256) {
      fail(scope, p, name, 'is not an HTTP header name', "use RFC 9110 token characters, at most 256, e.g. 'X-Debug'");
    }
    const lower = name.toLowerCase();
    if (EDGE_OWNED.includes(lower)) {
      fail(scope, p, name, `the edge writes ${name} itself (its own, trusted value: it appends or overwrites the client's), so ${what === 'remove' ? 'removing' : 'setting'} it here would replace that value`,
        'leave it to the edge, and have the app trust only the value the edge adds (the right-most X-Forwarded-For entry)');
    }
    if (PROTECTED.includes(lower)) {
      fail(scope, p, name, 'is a connection or framing header: changing it breaks requests instead of filtering them', 'filter application headers only');
    }
    return lower;
  };
  const seen = new Map<string, string>();
  const set: { name: string; value: string }[] = [];
  const setObj = o.set ?? {};
  if (typeof setObj !== 'object' || Array.isArray(setObj)) fail(scope, `${prop}.set`, setObj, 'must map header names to values', "use e.g. set: { 'X-Edge': 'public' }");
  for (const [name, value] of Object.entries(setObj)) {
    const lower = checkName(`${prop}.set`, name, 'set');
    if (seen.has(lower)) fail(scope, `${prop}.set`, name, `is given twice (as '${seen.get(lower)}'; header names are case-insensitive)`, 'set each header once');
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_VALUE || /[\r\n\0]/.test(value)) {
      fail(scope, `${prop}.set.${name}`, value, `must be a non-empty string of at most ${MAX_VALUE} characters without CR, LF or NUL (an empty value removes the header on Traefik)`,
        `to drop the header, list it in remove: ['${name}']`);
    }
    seen.set(lower, name);
    set.push({ name, value });
  }
  const setNames = new Set(seen.keys());
  const userRemove: string[] = [];
  (o.remove ?? []).forEach((name, i) => {
    const lower = checkName(`${prop}.remove[${i}]`, name, 'remove');
    if (setNames.has(lower)) fail(scope, `${prop}.remove[${i}]`, name, 'is also in set', 'either set the header or remove it');
    if (userRemove.some((r) => r.toLowerCase() === lower)) fail(scope, `${prop}.remove[${i}]`, name, 'is listed twice (header names are case-insensitive)', 'list each header once');
    userRemove.push(name);
  });
  const remove: string[] = [];
  const add = (name: string) => {
    const lower = name.toLowerCase();
    if (!setNames.has(lower) && !remove.some((r) => r.toLowerCase() === lower)) remove.push(name);
  };
  if (o.keepSpoofableHeaders !== true) defaults.forEach(add);
  userRemove.forEach(add);
  return { remove, set };
}

/**
 * The refusal for an edge that cannot filter request headers per app.
 */
export function refuseRequestHeaders(scope: IConstruct, prop: string, edge: string, why: string): never {
  return fail(scope, prop, 'set', `${edge} cannot filter request headers per app${why ? ` (${why})` : ''}`,
    'use IngressController.traefik() or IngressController.kong(), Exposure.gateway() (RequestHeaderModifier) or Exposure.mesh(), or filter the headers in front of the controller');
}
