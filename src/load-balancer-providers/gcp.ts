import { IConstruct } from 'constructs';
import { LoadBalancerBindOptions, LoadBalancerProvider, LoadBalancerProviderConfig } from './provider';
import { fail } from '../errors';
import { boundPorts, refuseProtocols } from '../internal/lb-ports';
import { boolCheck } from '../internal/service-checks';

/**
 * Options for `LoadBalancerProvider.gcp()` (GKE).
 */
export interface GcpLoadBalancerOptions {
  /**
   * An internal passthrough Network Load Balancer, reachable only from the
   * VPC (`networking.gke.io/load-balancer-type: Internal`).
   * @default false - an external passthrough Network Load Balancer
   */
  readonly internal?: boolean;
  /**
   * For an external load balancer: the backend-service based NLB
   * (`cloud.google.com/l4-rbs: enabled`, GKE 1.25.5+), which supports more
   * features than the legacy target-pool NLB. Not applicable to internal ones.
   * @default true for external load balancers
   */
  readonly backendServiceBased?: boolean;
  /**
   * Select the load balancer with `spec.loadBalancerClass`
   * (`networking.gke.io/l4-regional-external` / `-internal`) instead of
   * annotations. Needs GKE 1.33.1-gke.1779000+; the class is immutable.
   * @default false
   */
  readonly useLoadBalancerClass?: boolean;
}

const PROP = 'exposure.provider';

/**
 * A GKE passthrough Network Load Balancer.
 */
export class GcpLoadBalancerProvider extends LoadBalancerProvider {
  constructor(private readonly options: GcpLoadBalancerOptions = {}) {
    super();
  }

  public bind(scope: IConstruct, bindOptions: LoadBalancerBindOptions): LoadBalancerProviderConfig {
    const o = this.options ?? {};
    boolCheck(scope, `${PROP}.internal`, o.internal);
    boolCheck(scope, `${PROP}.backendServiceBased`, o.backendServiceBased);
    boolCheck(scope, `${PROP}.useLoadBalancerClass`, o.useLoadBalancerClass);
    const internal = o.internal ?? false;
    // passthrough Network Load Balancers forward TCP or UDP (L3_DEFAULT for mixed protocols); GKE Services map SCTP to nothing
    refuseProtocols(scope, bindOptions, 'gcp', ['TCP', 'UDP'], 'GKE passthrough Network Load Balancers forward TCP and UDP');
    const protocols = new Set(boundPorts(bindOptions).map((p) => p.protocol));
    if (protocols.size > 1 && !internal && o.backendServiceBased === false) {
      // GKE "Create a mixed-protocol load balancer": backend-service based (l4-rbs or the l4-regional classes) only
      fail(scope, `${PROP}.backendServiceBased`, false, 'a TCP and UDP (mixed-protocol) LoadBalancer Service needs a backend-service based load balancer; the target-pool one carries one protocol',
        'drop backendServiceBased: false (GKE 1.34.1-gke.2190000 or newer serves mixed protocols)');
    }
    if (internal && o.backendServiceBased !== undefined) {
      fail(scope, `${PROP}.backendServiceBased`, o.backendServiceBased, 'only applies to external load balancers (GKE internal load balancers are always backend-service based)', 'drop backendServiceBased, or set internal: false');
    }
    if (o.useLoadBalancerClass) {
      if (o.backendServiceBased === false) {
        fail(scope, `${PROP}.backendServiceBased`, false, 'the networking.gke.io/l4-regional-* classes always create backend-service based load balancers', 'drop backendServiceBased, or set useLoadBalancerClass: false');
      }
      return {
        name: 'gcp',
        loadBalancerClass: internal ? 'networking.gke.io/l4-regional-internal' : 'networking.gke.io/l4-regional-external',
        internetFacing: !internal,
      };
    }
    const annotations: Record<string, string> = internal
      ? { 'networking.gke.io/load-balancer-type': 'Internal' }
      : (o.backendServiceBased ?? true) ? { 'cloud.google.com/l4-rbs': 'enabled' } : {};
    return { name: 'gcp', annotations, internetFacing: !internal };
  }
}
