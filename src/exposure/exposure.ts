import { GatewayExposureOptions, GatewayWayIn } from './gateway';
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

  /**
   * Kubernetes Gateway API (`gateway.networking.k8s.io/v1`): an HTTPRoute
   * (PathPrefix match on the app's host and path, backend the app's Service)
   * attached to an existing Gateway, or to a Gateway created for the app with
   * an HTTPS listener and an HTTP listener that only redirects to HTTPS.
   * The recommended way in for new clusters (ingress-nginx is retired).
   */
  public static gateway(options: GatewayExposureOptions): Exposure {
    return new Exposure(new GatewayWayIn(options ?? {}));
  }

  /** @internal */
  public readonly _wayIn: WayIn;

  private constructor(wayIn: WayIn) {
    this._wayIn = wayIn;
  }
}
