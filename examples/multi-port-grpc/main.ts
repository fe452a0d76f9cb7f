// An order service with three ports: HTTP for browsers through Traefik, gRPC (HTTP/2 without TLS)
// for the shop's other services, and Prometheus metrics for the monitoring namespace only.
import { App, Chart } from 'cdk8s';
import { Exposure, IngressController, PortAccess, PublicWebApp, Tls } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'orders', { namespace: 'orders' });
  new PublicWebApp(chart, 'orders', {
    image: 'ghcr.io/acme/orders:3.2.0',
    host: 'orders.example.com',
    tls: Tls.fromSecret('orders-example-com-tls'),
    port: 8080,
    healthCheckPath: '/healthz',
    ports: [
      // in-cluster gRPC clients: pods labelled as the shop's frontends, in namespace shop
      {
        name: 'grpc',
        port: 9000,
        appProtocol: 'kubernetes.io/h2c',
        access: PortAccess.internal([{ namespace: 'shop', podLabels: { 'app.kubernetes.io/part-of': 'shop' } }]),
      },
      // Prometheus scrapes from its own namespace
      { name: 'metrics', port: 9090, access: PortAccess.internal([{ namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } }]) },
      // pprof, for kubectl port-forward only
      { name: 'pprof', port: 6060, access: PortAccess.podLocal() },
    ],
    exposure: Exposure.ingress({ controller: IngressController.traefik() }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
