/**
 * The mesh way in through the Gateway API: the app joins the Istio mesh and
 * admits only the identity of the Gateway's proxy. Istio's automated
 * Gateway API deployment (istio.io docs/tasks/traffic-management/ingress/
 * gateway-api, "Automated Deployment") creates, for a Gateway of class
 * `istio`, a Deployment, Service and ServiceAccount named
 * `<Gateway name>-<GatewayClass name>` (`<gateway>-istio`) in the Gateway's
 * namespace, its pods labelled `gateway.networking.k8s.io/gateway-name:
 * <gateway>`; the proxy's mTLS identity is therefore
 * `<trustDomain>/ns/<gateway namespace>/sa/<gateway>-istio`.
 */
import { MeshDataplane } from '../../mesh-gateway/mesh-exposure-options';

/**
 * Options of `Exposure.gateway({ mesh })`: the app's pods join the Istio
 * mesh behind a Gateway API Gateway of class `istio`.
 */
export interface GatewayMeshOptions {
  /**
   * How the pods join the mesh (as for `Exposure.mesh()`).
   * @default MeshDataplane.SIDECAR
   */
  readonly dataplane?: MeshDataplane;
  /**
   * Required with `MeshDataplane.SIDECAR_WITH_INIT_CONTAINER`: the injected
   * istio-init container needs NET_ADMIN and NET_RAW, so the namespace must
   * enforce Pod Security "privileged".
   * @default false
   */
  readonly acknowledgePrivilegedNamespace?: boolean;
  /**
   * Trust domain of the mesh (`meshConfig.trustDomain`), first part of the
   * gateway's principal.
   * @default 'cluster.local'
   */
  readonly trustDomain?: string;
  /**
   * Service account of the Gateway's proxy pods: the only identity the
   * AuthorizationPolicy admits. Istio's automated deployment names it
   * `<gateway name>-istio` (`<Gateway name>-<GatewayClass name>`).
   * @default - '<gateway name>-istio'
   */
  readonly serviceAccount?: string;
  /**
   * Istio revision (or tag) that injects the sidecars: pods get
   * `istio.io/rev: <revision>` instead of `sidecar.istio.io/inject: "true"`.
   * @default - the default revision
   */
  readonly revision?: string;
  /**
   * Namespace of istiod, which a sidecar reaches on TCP 15012 (NetworkPolicy egress).
   * @default 'istio-system'
   */
  readonly istiodNamespace?: string;
}
