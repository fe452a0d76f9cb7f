// A TCP service through the Gateway API: PostgreSQL behind a TCPRoute on a
// Gateway of Envoy Gateway (class eg) created for it, with a TCP listener on
// port 5432. Envoy Gateway runs the proxy in envoy-gateway-system, labelled
// with the owning Gateway, so the NetworkPolicy admits exactly those pods.
// TCP carries no hostname: one app per listener port. Whatever the app
// speaks crosses the Gateway unchanged (here PostgreSQL, which negotiates
// TLS itself).
import { App, Chart } from 'cdk8s';
import { Exposure, GatewayRouteKind, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'db-tcp', { namespace: 'db' });
  new PublicWebApp(chart, 'postgres', {
    image: 'ghcr.io/acme/postgres:17.2',
    port: 5432,
    servicePort: 5432,
    replicas: 1,
    writablePaths: ['/var/lib/postgresql/data', '/var/run/postgresql'],
    exposure: Exposure.gateway({
      gatewayClassName: 'eg',
      routeKind: GatewayRouteKind.TCP,
      proxyNamespace: 'envoy-gateway-system',
      proxyPodLabels: { 'gateway.envoyproxy.io/owning-gateway-name': 'postgres', 'gateway.envoyproxy.io/owning-gateway-namespace': 'db' },
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
