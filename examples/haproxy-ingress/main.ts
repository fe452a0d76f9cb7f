// A shop behind the HAProxy Kubernetes Ingress Controller: HTTPS with a 301
// redirect to port 443, a per-client rate limit (429 above it) and an office
// allowlist, all as haproxy.org/* annotations on one Ingress.
import { App, Chart } from 'cdk8s';
import { Exposure, IngressController, PublicWebApp, Tls } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new PublicWebApp(chart, 'web', {
    image: 'ghcr.io/acme/shop:1.4.2',
    host: 'shop.example.com',
    healthCheckPath: '/healthz',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
    exposure: Exposure.ingress({
      controller: IngressController.haproxy(),
      rateLimit: { requestsPerSecond: 20, burst: 100 },
      allowSourceRanges: ['203.0.113.0/24'],
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
