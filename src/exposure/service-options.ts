/**
 * Enums and helpers shared by the Service-based ways in (NodePort,
 * LoadBalancer, externalIPs, hostPort, hostNetwork).
 */

/**
 * How a Service routes traffic that arrives from outside the cluster
 * (`spec.externalTrafficPolicy`).
 */
export enum ExternalTrafficPolicy {
  /**
   * Every node forwards to every ready pod. Always reachable on every node, but
   * the node SNATs the packet, so the pod sees a node IP instead of the client IP.
   */
  CLUSTER = 'Cluster',
  /**
   * A node only forwards to pods on itself. Keeps the client source IP and saves
   * a hop; nodes without a ready pod drop the traffic (load balancers health-check
   * them out through `healthCheckNodePort`).
   */
  LOCAL = 'Local',
}

/** `spec.ipFamilyPolicy` of a Service. */
export enum IpFamilyPolicy {
  /** One address family (the first of ipFamilies, or the cluster's default). */
  SINGLE_STACK = 'SingleStack',
  /** Both families where the cluster is dual-stack, one otherwise. */
  PREFER_DUAL_STACK = 'PreferDualStack',
  /** Both families; the Service is refused on a single-stack cluster. */
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}

/** An IP address family (`spec.ipFamilies`). */
export enum IpFamily {
  /** IPv4 */
  IPV4 = 'IPv4',
  /** IPv6 */
  IPV6 = 'IPv6',
}
