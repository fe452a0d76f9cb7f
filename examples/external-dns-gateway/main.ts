// DNS names with external-dns: the shop gets a Gateway of its own (class
// istio) and external-dns publishes shop.example.com from the HTTPRoute's
// hostnames (source gateway-httproute) with a 2-minute TTL, pointing at the
// Gateway's address. The NOTES say which name must resolve to what, and how
// to check it (dig, external-dns logs).
import { App, Chart, Duration } from 'cdk8s';
import { Exposure, PublicWebApp, Tls } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'shop-dns', { namespace: 'shop' });
  new PublicWebApp(chart, 'storefront', {
    image: 'ghcr.io/acme/shop:1.4.2',
    host: 'shop.example.com',
    healthCheckPath: '/healthz',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
    exposure: Exposure.gateway({ gatewayClassName: 'istio' }),
    externalDns: { ttl: Duration.minutes(2) },
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
