/**
 * App-wide claims of a PublicWebApp (internal): its object name per namespace,
 * and the host + path it routes. A way in that creates objects while
 * validating (the mesh) claims host + path itself first, so a clash is
 * refused before anything is written.
 */
import { AppRegistry } from './registry';
import { fail } from '../errors';
import type { AppFacts, WayIn } from '../exposure/way-in';

/** Claim the app's object name in its namespace; refuses a second app with the same name. */
export function claimAppName(app: AppFacts): void {
  const ns = app.namespace ?? '';
  const taken = AppRegistry.of(app.scope).claim('app-name', `${ns}/${app.name}`, { owner: app.scope });
  if (taken) {
    fail(app.scope, 'name', app.name, `another ${taken.owner.constructor.name} ('${taken.owner.node.path}') already uses this name in namespace '${ns || '(chart default)'}'`, 'give one of them a different name');
  }
}

/** Claim host + path (every host for an Ingress without host); apps with the same shareKey (canaries) may share it. */
export function claimHostPath(app: AppFacts, wayIn: WayIn): void {
  if (app.host === undefined && wayIn.kind !== 'ingress') return;
  const key = `${app.host ?? '*'}${app.path}`;
  const taken = AppRegistry.of(app.scope).claim('host-path', key, { owner: app.scope, shareKey: (wayIn as any).shareKey });
  if (taken) {
    fail(app.scope, 'host', key, `'${taken.owner.node.path}' already routes this host and path, so the edge would pick one of them at random`,
      'use a different host or path, or make the second app a canary of the first');
  }
}
