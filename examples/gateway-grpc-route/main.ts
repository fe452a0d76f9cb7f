// gRPC through the Gateway API: a GRPCRoute on a Gateway of class istio
// created for the app (HTTPS listener with a cert-manager certificate; the
// plain-HTTP listener only redirects). The Service port is named grpc with
// appProtocol kubernetes.io/h2c, so the gateway speaks HTTP/2 to the pods.
// A canary receives 5% of the calls and every call with x-canary: always.
import { App, Chart } from 'cdk8s';
import { Exposure, GatewayRouteKind, PublicWebApp, Tls } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'orders-grpc', { namespace: 'orders' });
  const api = new PublicWebApp(chart, 'orders', {
    image: 'ghcr.io/acme/orders-grpc:3.2.0',
    port: 9090,
    servicePort: 9090,
    host: 'orders.example.com',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
    exposure: Exposure.gateway({ gatewayClassName: 'istio', routeKind: GatewayRouteKind.GRPC }),
  });
  new PublicWebApp(chart, 'orders-next', {
    image: 'ghcr.io/acme/orders-grpc:3.3.0-rc1',
    port: 9090,
    servicePort: 9090,
    host: 'orders.example.com',
    replicas: 1,
    exposure: Exposure.gateway({ canary: { stable: api, weight: 5, header: 'x-canary' } }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
