import { IngressExposureOptions, IngressWayIn } from './ingress';
import type { WayIn } from './way-in';

/**
 * How traffic from outside the cluster reaches a PublicWebApp. Each factory
 * is one way in, with the defaults and the refusals that way needs.
 */
export class Exposure {
  /**
   * An Ingress in front of a ClusterIP Service: the Ingress controller is the
   * only way in, with TLS, HTTP to HTTPS redirect, rate limiting and a
   * source-range allowlist mapped to the chosen controller.
   */
  public static ingress(options: IngressExposureOptions = {}): Exposure {
    return new Exposure(new IngressWayIn(options));
  }

  /** @internal */
  public readonly _wayIn: WayIn;

  private constructor(wayIn: WayIn) {
    this._wayIn = wayIn;
  }
}
