/**
 * external-dns annotations for the object a way in exposes, and the DNS part
 * of the NOTES. Where each annotation is read, from external-dns
 * (kubernetes-sigs/external-dns docs/annotations/annotations.md and
 * docs/sources/gateway-api.md):
 * - Service source (type LoadBalancer, NodePort): hostname, ttl, target on the Service;
 * - Ingress source: the names of `spec.rules[].host` are published without
 *   annotation; hostname (extra names), ttl, target on the Ingress;
 * - Gateway API route sources: hostnames from the route's `spec.hostnames`
 *   (plus a hostname annotation on the route), ttl on the route, and target
 *   ONLY on the Gateway (or on a ListenerSet, with `--gateway-listener-sets`):
 *   "Only external-dns.alpha.kubernetes.io/target is read from Gateway
 *   resources ... all other annotations ... are read from Route resources".
 */
import type { Duration } from 'cdk8s';

/** The annotation prefix external-dns reads. */
export enum ExternalDnsAnnotationPrefix {
  /**
   * `external-dns.alpha.kubernetes.io/`: every release before v0.22.0, and
   * later ones started with `--enable-legacy-annotation-prefix`.
   */
  LEGACY = 'external-dns.alpha.kubernetes.io/',
  /**
   * `external-dns.kubernetes.io/`: the default of `--annotation-prefix` from
   * external-dns v0.22.0 (current: v0.23.0); older releases ignore it.
   */
  CURRENT = 'external-dns.kubernetes.io/',
}

/**
 * Publish the app's DNS name with external-dns
 * (github.com/kubernetes-sigs/external-dns): annotations on the object the
 * way in exposes (the Service of a LoadBalancer or NodePort, the Ingress, or
 * the HTTPRoute/GRPCRoute and its Gateway). external-dns must watch that
 * source (`--source=service`, `ingress`, `gateway-httproute`,
 * `gateway-grpcroute`).
 */
export interface ExternalDnsOptions {
  /**
   * Names to publish. Each must be a name the app serves: its `host`, or a
   * name under a wildcard `host`. An Ingress or route publishes its `host`
   * from its spec without annotation.
   * @default - the app's host
   */
  readonly hostnames?: string[];
  /**
   * TTL of the records (annotation `ttl`, whole seconds).
   * @default - the external-dns provider's default (300 s for most)
   */
  readonly ttl?: Duration;
  /**
   * Publish this address (an IP address or a DNS name, for a CNAME) instead
   * of the one in the object's status (annotation `target`). For the Gateway
   * API it goes on the Gateway the app creates (or its ListenerSet): a
   * shared Gateway belongs to its owner.
   * @default - the load balancer address in the status of the Service, Ingress or Gateway
   */
  readonly target?: string;
  /**
   * The annotation prefix the cluster's external-dns reads. external-dns
   * v0.22.0 made `external-dns.kubernetes.io/` the default with no fallback
   * (release notes, #6424): a release from v0.22.0 on ignores the `alpha`
   * prefix unless started with `--enable-legacy-annotation-prefix` or
   * `--annotation-prefix=external-dns.alpha.kubernetes.io/`. Choose LEGACY
   * for an older external-dns.
   * @default ExternalDnsAnnotationPrefix.CURRENT
   */
  readonly annotationPrefix?: ExternalDnsAnnotationPrefix;
}
