/**
 * Canary checks shared by every exposure that supports canaries. Internal.
 */
import { fail } from '../errors';
import { AppRegistry } from './registry';
import { checkInt } from './validation';
import type { CanaryOptions } from '../exposure/canary';
import type { AppFacts, WayInOwner } from '../exposure/way-in';

/**
 * A canary resolved against its stable app.
 * @internal
 */
export interface ResolvedCanary {
  readonly stable: WayInOwner;
  readonly weight: number;
  readonly header?: string;
  readonly headerValue?: string;
  readonly cookie?: string;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/;

/**
 * Checks shared by every exposure that supports canaries: weight, header and
 * cookie syntax, the stable app (same App, same kind of exposure, same host
 * and path, not a canary itself), and the total weight of all canaries of
 * one stable app. Throws through fail(); returns the resolved canary.
 * @internal
 */
export function checkCanary(app: AppFacts, prop: string, kind: string, c: CanaryOptions, maxCanaries?: number): ResolvedCanary {
  const scope = app.scope;
  const stable = c.stable as any;
  if (!stable || typeof stable !== 'object' || stable.exposure?._wayIn === undefined || typeof stable.node?.path !== 'string') {
    fail(scope, `${prop}.stable`, stable === undefined ? undefined : String(stable), 'must be the PublicWebApp that serves the stable version', 'pass the stable app object: canary: { stable: web, weight: 20 }');
  }
  if (stable.node.root !== scope.node.root) {
    fail(scope, `${prop}.stable`, stable.node.path, 'the stable app is missing from this cdk8s App (it belongs to another App)', 'create the stable app in the same App as its canary');
  }
  if (stable === scope) fail(scope, `${prop}.stable`, stable.node.path, 'an app cannot be its own canary', 'pass the stable app, not the canary');
  checkInt(scope, `${prop}.weight`, c.weight, 0, 100, 'use a percentage from 0 to 100');
  if (c.weight === undefined) fail(scope, `${prop}.weight`, undefined, 'is required', 'give the share of requests in percent, e.g. weight: 20');
  if (c.header !== undefined && (typeof c.header !== 'string' || !HEADER_NAME.test(c.header))) {
    fail(scope, `${prop}.header`, c.header, 'is not an HTTP header name', "use e.g. 'X-Canary'");
  }
  if (c.headerValue !== undefined) {
    if (c.header === undefined) fail(scope, `${prop}.headerValue`, c.headerValue, 'needs header', "set header too, e.g. header: 'X-Canary'");
    if (typeof c.headerValue !== 'string' || c.headerValue === '' || c.headerValue.length > 4096 || /[\r\n]/.test(c.headerValue)) {
      fail(scope, `${prop}.headerValue`, c.headerValue, 'must be a non-empty single-line string', "use e.g. 'beta'");
    }
  }
  if (c.cookie !== undefined && (typeof c.cookie !== 'string' || !/^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/.test(c.cookie))) {
    fail(scope, `${prop}.cookie`, c.cookie, 'is not a cookie name', "use e.g. 'canary'");
  }
  const stableWayIn = stable.exposure._wayIn;
  if (stableWayIn.kind !== kind) {
    fail(scope, `${prop}.stable`, stable.node.path, `the stable app is exposed with Exposure.${stableWayIn.kind}(), the canary with Exposure.${kind}(); both must share one edge`,
      `expose the canary with Exposure.${stableWayIn.kind}({ canary: ... })`);
  }
  if (stableWayIn.canary !== undefined) {
    fail(scope, `${prop}.stable`, stable.node.path, 'the stable app is itself a canary; canaries of canaries are not routable', `point stable at '${(stableWayIn.canary as CanaryOptions).stable.node.path}', the app that serves the stable version`);
  }
  if (app.host !== stable.host || app.path !== stable.path) {
    fail(scope, 'host', `${app.host ?? '*'}${app.path}`, `a canary must answer on the host and path of its stable app ('${stable.host ?? '*'}${stable.path}')`,
      `set host: ${stable.host === undefined ? 'unset' : `'${stable.host}'`} and path: '${stable.path}' on the canary`);
  }
  if (app.tls !== undefined) {
    fail(scope, 'tls', 'set', "a canary is served with its stable app's certificate and redirect; a second certificate for the same host would compete with it",
      'remove tls from the canary (keep it on the stable app)');
  }
  // Sum the weights of all canaries of this stable app, app-wide.
  const registry = AppRegistry.of(scope);
  const key = stable.node.path;
  registry.claim('canary', key, { owner: scope, shareKey: `canary:${key}`, detail: { weight: c.weight } });
  const all = registry.claimsOf('canary').get(key) ?? [];
  if (maxCanaries !== undefined && all.length > maxCanaries) {
    fail(scope, prop, scope.node.path, `the stable app '${key}' already has ${all.length - 1} canary (at most ${maxCanaries} with this edge)`,
      'remove the other canary, or use Exposure.gateway() which splits one route over several canaries');
  }
  const total = all.reduce((s, cl) => s + (cl.detail?.weight ?? 0), 0);
  if (total > 100) {
    fail(scope, `${prop}.weight`, c.weight, `the canaries of '${key}' would get ${total}% of the requests in total (at most 100)`,
      `lower the weights so they add up to 100 or less (others: ${all.filter((cl) => cl.owner !== scope).map((cl) => `${cl.owner.node.path}=${cl.detail.weight}`).join(', ')})`);
  }
  return { stable: c.stable, weight: c.weight, header: c.header, headerValue: c.headerValue, cookie: c.cookie };
}

/** shareKey for the host + path claim: a stable app and its canaries share one. @internal */
export function canaryShareKey(app: AppFacts, canary?: CanaryOptions): string {
  return `canary-group:${canary ? canary.stable.node.path : app.scope.node.path}`;
}
