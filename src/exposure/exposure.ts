import { ClusterIpExposureOptions, ClusterIpWayIn } from './cluster-ip';
import { ExternalIpsWayIn } from './external-ips';
import { GatewayExposureOptions, GatewayWayIn } from './gateway';
import { HostNetworkExposureOptions, HostNetworkWayIn } from './host-network';
import { HostPortExposureOptions, HostPortWayIn } from './host-port';
import { IngressExposureOptions, IngressWayIn } from './ingress';
import { LoadBalancerExposureOptions, LoadBalancerWayIn } from './load-balancer';
import { MeshWayIn } from './mesh';
import { NodePortExposureOptions, NodePortWayIn } from './node-port';
import type { WayIn } from './way-in';
import { recordStruct } from '../internal/struct-keys';
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
    return recordStruct(new Exposure(new IngressWayIn(options)), 'IngressExposureOptions', options);
  }

  /**
   * Through an Istio ingress gateway: a VirtualService and DestinationRule
   * for the app, STRICT mTLS from the gateway to the pods, and an
   * AuthorizationPolicy that lets in only the gateway's identity.
   */
  public static mesh(gateway: MeshGateway, options: MeshExposureOptions = {}): Exposure {
    return recordStruct(new Exposure(new MeshWayIn(gateway, options)), 'MeshExposureOptions', options);
  }

  /**
   * No way in from outside: a ClusterIP Service for clients inside the
   * cluster. Reach it from your machine with `kubectl port-forward`
   * (`PublicWebApp.portForwardCommand()`) or `kubectl proxy`
   * (`PublicWebApp.kubectlProxyUrl()`).
   */
  public static clusterIp(options: ClusterIpExposureOptions = {}): Exposure {
    return recordStruct(new Exposure(new ClusterIpWayIn(options ?? {})), 'ClusterIpExposureOptions', options);
  }

  /**
   * A NodePort Service: every node opens one port (30000-32767) for the app.
   * The port is assigned by Kubernetes unless pinned; pinned ports are checked
   * against the whole cdk8s App.
   */
  public static nodePort(options: NodePortExposureOptions = {}): Exposure {
    return recordStruct(new Exposure(new NodePortWayIn(options ?? {})), 'NodePortExposureOptions', options);
  }

  /**
   * A LoadBalancer Service from a cloud or bare-metal provider.
   * `externalTrafficPolicy: Local` by default keeps the client IP; an
   * internet-facing load balancer open to every address must be asked for
   * with `allowPublicAccess`.
   */
  public static loadBalancer(options: LoadBalancerExposureOptions = {}): Exposure {
    return recordStruct(new Exposure(new LoadBalancerWayIn(options ?? {})), 'LoadBalancerExposureOptions', options);
  }

  /**
   * A Service with `externalIPs`: kube-proxy answers on these addresses on
   * every node, and the network must route them to the nodes. Whoever may
   * create Services can claim any address this way (CVE-2020-8554): clusters
   * usually restrict externalIPs with an admission policy.
   * @param addresses IPv4 or IPv6 addresses routed to the nodes
   */
  public static externalIps(addresses: string[]): Exposure {
    return new Exposure(new ExternalIpsWayIn(addresses));
  }

  /**
   * A container hostPort: each node that runs a pod forwards the port to it.
   * Replicas never share a node (required anti-affinity), since a second pod
   * on the node could not bind the port, and roll out one at a time in place;
   * `daemonSet: true` runs one pod on every node instead. Needs a privileged
   * namespace.
   */
  public static hostPort(options: HostPortExposureOptions): Exposure {
    return recordStruct(new Exposure(new HostPortWayIn(options)), 'HostPortExposureOptions', options);
  }

  /**
   * Pods in the node's network namespace, listening on the node's own port:
   * a DaemonSet (one pod per node) by default, so replicas never fight for the
   * port. Needs a privileged namespace; NetworkPolicy does not apply.
   */
  public static hostNetwork(options: HostNetworkExposureOptions): Exposure {
    return recordStruct(new Exposure(new HostNetworkWayIn(options)), 'HostNetworkExposureOptions', options);
  }

  /**
   * Kubernetes Gateway API (`gateway.networking.k8s.io/v1`): an HTTPRoute
   * (PathPrefix match on the app's host and path, backend the app's Service)
   * attached to an existing Gateway, or to a Gateway created for the app with
   * an HTTPS listener and an HTTP listener that only redirects to HTTPS.
   * The recommended way in for new clusters (ingress-nginx is retired).
   */
  public static gateway(options: GatewayExposureOptions): Exposure {
    return recordStruct(new Exposure(new GatewayWayIn(options ?? {})), 'GatewayExposureOptions', options);
  }

  /** @internal */
  public readonly _wayIn: WayIn;

  private constructor(wayIn: WayIn) {
    this._wayIn = wayIn;
  }
}
