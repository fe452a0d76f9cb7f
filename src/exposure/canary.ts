import type { PublicWebApp } from '../public-web-app';

/**
 * Makes an app the canary of another app on the same host and path: the edge
 * sends `weight` percent of the requests (and, optionally, every request that
 * carries a header or cookie) to the canary, the rest to the stable app.
 *
 * The canary uses the same kind of exposure as its stable app (the same
 * Ingress controller, or the stable app's HTTPRoute) and is created after it.
 */
export interface CanaryOptions {
  /** The app that serves the rest of the traffic. It must be in the same cdk8s App and not be a canary itself. */
  readonly stable: PublicWebApp;
  /**
   * Percentage of requests (0-100) sent to the canary. 0 sends only the
   * requests marked by `header` or `cookie` (or none: a paused canary).
   */
  readonly weight: number;
  /**
   * Requests with this header go to the canary: with the value `headerValue`,
   * or, when that is unset, with the value `always` (`never` keeps them on
   * the stable app under ingress-nginx).
   * @default - no header routing
   */
  readonly header?: string;
  /**
   * Header value that selects the canary (needs `header`).
   * @default 'always'
   */
  readonly headerValue?: string;
  /**
   * Requests with this cookie set to `always` go to the canary (`never`:
   * never). Ingress (ingress-nginx) only: Gateway API cannot match cookies
   * portably.
   * @default - no cookie routing
   */
  readonly cookie?: string;
}

