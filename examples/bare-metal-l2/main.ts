/**
 * Bare metal, layer 2: MetalLB hands out addresses from a small range of the
 * LAN and one node answers ARP for each of them. The web app gets a fixed
 * address, 192.168.10.241, so a DNS record or a router port-forward can point at it.
 *
 * Prerequisite: MetalLB v0.16.1 installed in `metallb-system` (see the README, BareMetalLB).
 *
 * The app itself is a PublicWebApp exposed with Exposure.loadBalancer, its
 * settings (pool, fixed address) coming from the MetalLB provider.
 */
import { App, Chart } from 'cdk8s';
import { Advertisement, BareMetalLB, Exposure, PublicWebApp } from '../../src';

export function build(app: App): void {
  const infra = new Chart(app, 'bare-metal-l2-metallb');
  const lb = new BareMetalLB(infra, 'lb', {
    pools: [{ name: 'public', addresses: ['192.168.10.240-192.168.10.250'] }],
    advertisement: Advertisement.l2(),
  });

  const apps = new Chart(app, 'bare-metal-l2-web');
  // The cluster's pod network (k3s's default), so the LAN allowlist below is
  // known not to admit pods (Calico's default pool would be 192.168.0.0/16).
  apps.node.setContext('cdk8s-expose:podCidrs', ['10.42.0.0/16']);
  new PublicWebApp(apps, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27',
    port: 8080,
    runAsUser: 101,
    exposure: Exposure.loadBalancer({
      provider: lb.provider({ pool: 'public', address: '192.168.10.241' }),
      // the LAN only; kube-proxy drops every other source
      allowSourceRanges: ['192.168.0.0/16'],
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
