/**
 * A 10% canary through an Istio gateway: two PublicWebApps, one
 * VirtualService with weighted routes (90/10).
 */
import { App, Chart } from 'cdk8s';
import { Exposure, MeshCanary, MeshGateway, MeshTls, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'mesh-canary', { namespace: 'shop-canary' });
  const edge = new MeshGateway(chart, 'edge', {
    hosts: ['*.example.com'],
    tls: MeshTls.simple({ credentialName: 'wildcard-cert' }),
  });

  const stable = new PublicWebApp(chart, 'shop', {
    image: 'ghcr.io/acme/shop:1.4.2',
    host: 'shop.example.com',
    exposure: Exposure.mesh(edge, { timeout: '10s', retries: { attempts: 2, perTryTimeout: '3s' } }),
  });
  new PublicWebApp(chart, 'shop-next', {
    image: 'ghcr.io/acme/shop:1.5.0',
    host: 'shop.example.com',
    replicas: 1,
    exposure: Exposure.mesh(edge, { canary: MeshCanary.of(stable, 10) }),
  });
  console.log('mesh-canary: shop.example.com -> shop 90%, shop-next 10%');
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
