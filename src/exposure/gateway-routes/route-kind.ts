/**
 * The kind of Gateway API route that carries an app's traffic
 * (gateway.networking.k8s.io/v1, all in the standard channel of v1.6.1:
 * kubernetes-sigs/gateway-api config/crd/standard, tag v1.6.1).
 */
export enum GatewayRouteKind {
  /**
   * HTTPRoute: HTTP requests matched on host and path prefix, TLS terminated
   * at the Gateway (listener protocol HTTPS, or HTTP with allowPlainHttp).
   */
  HTTP = 'HTTPRoute',
  /**
   * GRPCRoute: gRPC calls (HTTP/2) matched on host, TLS terminated at the
   * Gateway (listener protocol HTTPS; HTTP carries h2c only with
   * allowPlainHttp). The app's path must be `/`: a GRPCRoute matches gRPC
   * services and methods, never paths. The Service port is named `grpc` with
   * `appProtocol: kubernetes.io/h2c`, so the Gateway speaks HTTP/2 to the pods
   * (Gateway API GEP-1911 backend protocol; Istio's protocol selection reads
   * the port name `grpc`).
   */
  GRPC = 'GRPCRoute',
  /**
   * TLSRoute on a listener of protocol TLS with `tls.mode: Passthrough`: the
   * Gateway routes on the SNI of the ClientHello and forwards the encrypted
   * stream; the pods hold the certificate and terminate TLS themselves. Needs
   * a `host` (TLSRoute `hostnames` is required) and no `tls` on the app.
   */
  TLS_PASSTHROUGH = 'TLSRoute',
  /**
   * TCPRoute on a listener of protocol TCP: every connection to the listener
   * port goes to the app (TCP has no hostname to route on, so one app per
   * listener). No `host`, `path` or `tls` on the app; whatever the app speaks
   * on its port crosses the Gateway unchanged. The public port must be TCP.
   *
   * Layer 4 (TCP and UDP): every port of the app reached through the
   * exposure gets its own listener (named after the port, on its Service
   * port) and its own route with that listener as `sectionName`: a TCPRoute
   * per TCP port and a UDPRoute per UDP port (a DNS server on TCP and UDP 53
   * gets both). Several ports need a Gateway or ListenerSet created for the
   * app: on an existing Gateway one `sectionName` names one listener.
   */
  TCP = 'TCPRoute',
  /**
   * UDPRoute on a listener of protocol UDP: every datagram to the listener
   * port goes to the app (UDP has no hostname either). The public port must
   * be UDP (`ports` with `PortProtocol.UDP`); further exposed ports get their
   * own listeners and routes as for `TCP` (a UDPRoute per UDP port and a
   * TCPRoute per TCP port). Envoy Gateway implements UDPRoute (since v0.3,
   * docs "UDP Routing": a non-transparent proxy, the pods see the proxy's
   * address); Istio does not proxy UDP at its Gateway.
   */
  UDP = 'UDPRoute',
}

