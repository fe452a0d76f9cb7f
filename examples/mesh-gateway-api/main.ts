// The mesh through the Gateway API: Istio recommends the Gateway API for new
// installs. The shop gets a Gateway of class istio (Istio deploys its proxy
// as shop-istio, service account shop-istio, pods labelled
// gateway.networking.k8s.io/gateway-name: shop). The pods join the mesh with a
// sidecar (Istio CNI installed), STRICT mTLS refuses every client without a
// mesh certificate, and an AuthorizationPolicy admits only the Gateway's
// identity. A canary gets 10% of the requests by backendRef weight, with the
// same policies.
import { App, Chart } from 'cdk8s';
import { Exposure, PublicWebApp, Tls } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'shop-mesh-gwapi', { namespace: 'shop-mesh' });
  const web = new PublicWebApp(chart, 'web', {
    image: 'ghcr.io/acme/shop:1.4.2',
    host: 'shop.example.com',
    healthCheckPath: '/healthz',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
    exposure: Exposure.gateway({ gatewayClassName: 'istio', gatewayName: 'shop', mesh: {} }),
  });
  new PublicWebApp(chart, 'web-next', {
    image: 'ghcr.io/acme/shop:1.5.0-rc1',
    host: 'shop.example.com',
    healthCheckPath: '/healthz',
    replicas: 1,
    exposure: Exposure.gateway({ canary: { stable: web, weight: 10 } }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
