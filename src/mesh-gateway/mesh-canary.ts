import { IConstruct } from 'constructs';

/**
 * A share of another app's route through a MeshGateway. The canary and the
 * stable app end up as weighted destinations of one VirtualService route:
 * two Services (two apps), or two versions of one Service (DestinationRule
 * subsets, when both apps set `version` and use the same Service).
 */
export class MeshCanary {
  /**
   * Send `weight` percent (a whole number, 0-100) of the stable app's traffic to
   * this app. The stable app must already be exposed through the same gateway;
   * several canaries of one app may not take more than 100 together.
   *
   * @param stable the app (construct) whose route to join
   * @param weight percent of the route's requests, 0-100
   */
  public static of(stable: IConstruct, weight: number): MeshCanary {
    return new MeshCanary(stable, weight);
  }

  /** The app whose route the canary joins. */
  public readonly stable: IConstruct;
  /** Percent of the route's requests sent to the canary. */
  public readonly weight: number;

  private constructor(stable: IConstruct, weight: number) {
    this.stable = stable;
    this.weight = weight;
  }
}
