// region imports
import { App, Chart } from 'cdk8s';
import { Exposure, IngressController, PublicWebApp, Tls } from '../../../src';
// endregion imports

/** The README quick start (README "PublicWebApp"); the app writes to $CDK8S_OUTDIR. */
export function quickStart(): void {
  // region quick-start
  const app = new App();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new PublicWebApp(chart, 'web', {
    image: 'ghcr.io/acme/shop:1.4.2',
    port: 8080,
    host: 'shop.example.com',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
    exposure: Exposure.ingress({
      controller: IngressController.nginx(),
      rateLimit: { requestsPerSecond: 20 },
      allowSourceRanges: ['203.0.113.0/24'],
    }),
  });
  app.synth();
  // endregion quick-start
}
