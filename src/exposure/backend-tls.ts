/**
 * The app's pods serve TLS themselves: the edge (Ingress controller or
 * Gateway) speaks TLS to them and verifies their certificate
 * (`backendTls` of `Exposure.ingress()` and `Exposure.gateway()`). The
 * Service port and the container port are named `https`, the Service port
 * has `appProtocol: https`, and an HTTP health check probes over HTTPS (the
 * kubelet does not verify the certificate).
 *
 * Give the CA the way the edge reads it: Gateway API `BackendTLSPolicy`
 * takes a ConfigMap with key `ca.crt` (`caConfigMap`, "Support: Core");
 * ingress-nginx `proxy-ssl-secret` a Secret with key `ca.crt`
 * (`caSecret`); Traefik `ServersTransport.rootCAs` either. Edges that cannot
 * verify the pods' certificate (AWS ALB; Kong and HAProxy as mapped here)
 * are refused unless `acknowledgeUnverified` is set: the connection is then
 * encrypted but open to anyone who can answer on the pod's address.
 */
export interface BackendTls {
  /**
   * The name the pods' certificate is issued for: the edge sends it as SNI
   * and checks the certificate's subjectAltName against it (Gateway API
   * `validation.hostname`, ingress-nginx `proxy-ssl-name`, Traefik
   * `serverName`). Usually the Service's DNS name, e.g.
   * `web.shop.svc.cluster.local`.
   * @default - none; required unless acknowledgeUnverified
   */
  readonly hostname?: string;
  /**
   * Name of a ConfigMap in the app's namespace whose key `ca.crt` holds the
   * PEM CA bundle that signed the pods' certificate (Gateway API,
   * Traefik). The library does not create it (a prerequisite).
   * @default - none
   */
  readonly caConfigMap?: string;
  /**
   * Name of a Secret in the app's namespace whose key `ca.crt` holds the
   * PEM CA bundle that signed the pods' certificate (ingress-nginx,
   * Traefik; e.g. the Secret cert-manager writes for the pods' Certificate,
   * which carries `ca.crt`). The library does not create it (a prerequisite).
   * @default - none
   */
  readonly caSecret?: string;
  /**
   * Accept an edge that encrypts to the pods without verifying their
   * certificate (AWS ALB never verifies targets; Kong and HAProxy are not
   * mapped to verification here). Refused where the edge can verify: give
   * the CA instead.
   * @default false
   */
  readonly acknowledgeUnverified?: boolean;
}
