// A shop behind ingress-nginx: TLS from cert-manager, rate limit, source allowlist.
import { App, Chart } from 'cdk8s';
import { Exposure, IngressController, PublicWebApp, Tls } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new PublicWebApp(chart, 'web', {
    image: 'ghcr.io/acme/shop:1.4.2',
    port: 8080,
    host: 'shop.example.com',
    healthCheckPath: '/healthz',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
    exposure: Exposure.ingress({
      controller: IngressController.nginx(),
      rateLimit: { requestsPerSecond: 20 },
      allowSourceRanges: ['203.0.113.0/24'],
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
