import { IngressExposureOptions, IngressWayIn } from './ingress';
import { MeshWayIn } from './mesh';
import type { WayIn } from './way-in';
import type { MeshExposureOptions } from '../mesh-gateway/mesh-exposure-options';
import type { MeshGateway } from '../mesh-gateway/mesh-gateway';

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
   * Through an Istio ingress gateway: a VirtualService and DestinationRule
   * for the app, STRICT mTLS from the gateway to the pods, and an
   * AuthorizationPolicy that lets in only the gateway's identity.
   */
  public static mesh(gateway: MeshGateway, options: MeshExposureOptions = {}): Exposure {
    return new Exposure(new MeshWayIn(gateway, options));
  }

  /** @internal */
  public readonly _wayIn: WayIn;

  private constructor(wayIn: WayIn) {
    this._wayIn = wayIn;
  }
}
