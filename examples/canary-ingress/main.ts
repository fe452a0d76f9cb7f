// A 20% canary on ingress-nginx: shop 1.5.0-rc1 gets a fifth of the requests
// to shop.example.com (and every request with "X-Canary: always"), the rest
// stays on 1.4.2. TLS, redirect and rate limit live on the stable Ingress.
import { App, Chart } from 'cdk8s';
import { Exposure, IngressController, PublicWebApp, Tls } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'shop-canary', { namespace: 'shop' });
  const controller = IngressController.nginx();
  const stable = new PublicWebApp(chart, 'web', {
    image: 'ghcr.io/acme/shop:1.4.2',
    host: 'shop.example.com',
    healthCheckPath: '/healthz',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
    exposure: Exposure.ingress({ controller, rateLimit: { requestsPerSecond: 20 } }),
  });
  new PublicWebApp(chart, 'web-canary', {
    image: 'ghcr.io/acme/shop:1.5.0-rc1',
    host: 'shop.example.com',
    healthCheckPath: '/healthz',
    replicas: 1,
    exposure: Exposure.ingress({ controller, canary: { stable, weight: 20, header: 'X-Canary' } }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
