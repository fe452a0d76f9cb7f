/**
 * The article's `public-gateway`: an Istio Gateway on port 443 (HTTPS, any
 * host, SIMPLE TLS with the `wildcard-cert` Secret in istio-system), plus one
 * app routed through it with STRICT mTLS and a gateway-only AuthorizationPolicy.
 */
import { App, Chart } from 'cdk8s';
import { Exposure, MeshGateway, MeshTls, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'mesh-public-gateway', { namespace: 'shop' });

  const edge = new MeshGateway(chart, 'public-gateway', {
    name: 'public-gateway',
    hosts: ['*'],
    tls: MeshTls.simple({ credentialName: 'wildcard-cert' }),
  });

  new PublicWebApp(chart, 'shop', {
    image: 'ghcr.io/acme/shop:1.4.2',
    port: 8080,
    host: 'shop.example.com',
    healthCheckPath: '/healthz',
    exposure: Exposure.mesh(edge, { retries: { attempts: 3, perTryTimeout: '2s' }, timeout: '10s' }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
