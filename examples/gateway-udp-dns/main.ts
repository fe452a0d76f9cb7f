// A DNS server through the Gateway API: CoreDNS answering on UDP and TCP 53 behind a
// Gateway of Envoy Gateway (class eg) created for it. Layer 4 carries every exposed port:
// the Gateway gets a UDP and a TCP listener on 53 (one per port, named after it), a
// UDPRoute for the UDP port and a TCPRoute for the TCP port (DNS falls back to TCP for
// answers larger than a UDP datagram, RFC 7766, so it needs both). Envoy Gateway runs
// the proxy in envoy-gateway-system, labelled with the owning Gateway, so the
// NetworkPolicy admits exactly those pods on both protocols. Its UDP proxy is not
// transparent: CoreDNS sees the proxy's address, not the client's (Envoy Gateway docs,
// "UDP Routing"). CoreDNS without a Corefile serves its whoami plugin; `-dns.port`
// moves it to 5353 so the non-root process binds it without a capability.
import { App, Chart } from 'cdk8s';
import { Exposure, GatewayRouteKind, PortAccess, PortProtocol, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'dns-gateway', { namespace: 'dns' });
  new PublicWebApp(chart, 'coredns', {
    image: 'coredns/coredns:1.11.3',
    args: ['-dns.port', '5353'],
    ports: [
      { name: 'dns-udp', port: 5353, servicePort: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
      { name: 'dns-tcp', port: 5353, servicePort: 53, protocol: PortProtocol.TCP, access: PortAccess.exposure() },
    ],
    exposure: Exposure.gateway({
      gatewayClassName: 'eg',
      // the public port is UDP; the TCP port gets its own TCPRoute
      routeKind: GatewayRouteKind.UDP,
      proxyNamespace: 'envoy-gateway-system',
      proxyPodLabels: { 'gateway.envoyproxy.io/owning-gateway-name': 'coredns', 'gateway.envoyproxy.io/owning-gateway-namespace': 'dns' },
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
