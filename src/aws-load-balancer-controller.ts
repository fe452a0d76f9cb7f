/**
 * Settings shared by the two kinds of load balancer the AWS Load Balancer
 * Controller provisions: Network Load Balancers for Services
 * (`LoadBalancerProvider.aws()`) and Application Load Balancers for Ingresses
 * (`IngressController.awsAlb()`). Both read the same annotation values.
 */

/** Whether the load balancer gets a public address. */
export enum AwsLoadBalancerScheme {
  /** Private addresses in the VPC only (and peered networks). The controller's default. */
  INTERNAL = 'internal',
  /** A public address in public subnets: reachable from the internet. */
  INTERNET_FACING = 'internet-facing',
}

/** What the load balancer sends traffic to. */
export enum AwsTargetType {
  /**
   * The nodes, through a NodePort on every node (an ALB then needs the Service
   * to be NodePort). An NLB keeps the client IP by default; with
   * externalTrafficPolicy Local only nodes with a pod are healthy.
   */
  INSTANCE = 'instance',
  /**
   * The pod IPs directly (needs the VPC CNI or routable pod IPs); the Service
   * stays ClusterIP behind an ALB. NLB client IP preservation is off by default.
   */
  IP = 'ip',
}

/** Address families of the load balancer. */
export enum AwsIpAddressType {
  /** IPv4 only. */
  IPV4 = 'ipv4',
  /** IPv4 and IPv6 (the subnets need IPv6 CIDRs). */
  DUALSTACK = 'dualstack',
}
