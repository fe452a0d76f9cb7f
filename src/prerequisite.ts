/**
 * An object the emitted manifests depend on but do not create: it must exist
 * in the cluster (or outside it, for a cloud certificate) before traffic
 * flows. Returned by `PublicWebApp.prerequisites()`,
 * `BareMetalLB.prerequisites()` and `MeshGateway.prerequisites()`, and listed
 * in their notes. Objects created in the same cdk8s App are not listed.
 */
export interface Prerequisite {
  /**
   * Kind of the object, e.g. `Secret`, `IngressClass`, `GatewayClass`,
   * `ClusterIssuer`, `CustomResourceDefinition`, or, outside Kubernetes,
   * `ACM certificate`.
   */
  readonly kind: string;
  /**
   * API version of the object, e.g. `v1` or `gateway.networking.k8s.io/v1`.
   * @default - none: not a Kubernetes object
   */
  readonly apiVersion?: string;
  /**
   * Namespace of the object.
   * @default - cluster-scoped, outside Kubernetes, or the namespace the manifests are applied to (when the app's chart has none)
   */
  readonly namespace?: string;
  /** Name of the object (for pods: their label selector, e.g. `istio=ingressgateway`). */
  readonly name: string;
  /** Which emitted object needs it, and what breaks without it. */
  readonly why: string;
  /** A command that shows the object; it fails (or prints nothing) when the object is missing. */
  readonly checkCommand: string;
}
