/**
 * Canary through a MeshGateway: the stable shop keeps 90% of
 * shop.example.com, the next release (another Deployment + Service) gets 10%,
 * in one VirtualService. Raising the canary's weight is a one-line change;
 * weights that do not add up to 100 fail at synth.
 *
 * For now the apps are plain cdk8s-plus Deployments + Services bound with the
 * internal bindMeshApp; with PublicWebApp the canary becomes
 * `exposure: Exposure.mesh(edge, { canary: MeshCanary.of(stable, 10) })`.
 */
import { App, Chart } from 'cdk8s';
import { MeshCanary, MeshGateway, MeshTls } from '../../src';
import { bindMeshApp } from '../../src/mesh-gateway/mesh-route';
import { webApp } from '../mesh-public-gateway/main';

export function build(app: App): void {
  const chart = new Chart(app, 'mesh-canary', { namespace: 'shop-canary' });
  const edge = new MeshGateway(chart, 'edge', {
    hosts: ['*.example.com'],
    tls: MeshTls.simple({ credentialName: 'wildcard-cert' }),
  });

  const stable = webApp(chart, 'shop', 'shop', '1.4.2');
  const next = webApp(chart, 'shop-next', 'shop-next', '1.5.0');
  const bound = [
    { w: stable, b: bindMeshApp(edge, target(stable, 'shop'), { timeout: '10s', retries: { attempts: 2, perTryTimeout: '3s' } }) },
    { w: next, b: bindMeshApp(edge, target(next, 'shop-next'), { canary: MeshCanary.of(stable.app, 10) }) },
  ];
  for (const { w, b } of bound) {
    for (const [k, v] of Object.entries(b.podLabels)) w.deployment.podMetadata.addLabel(k, v);
  }
  console.log('mesh-canary: shop.example.com -> shop 90%, shop-next 10%');
}

function target(w: ReturnType<typeof webApp>, name: string) {
  return {
    scope: w.app,
    name,
    serviceName: w.service.name,
    servicePort: 80,
    containerPort: 8080,
    host: 'shop.example.com',
    podLabels: w.deployment.matchLabels,
  };
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
