/**
 * Bare metal, BGP: every node announces the Service addresses to two top-of-rack
 * routers (eBGP, private ASNs), with BFD so a dead node is withdrawn in under a
 * second instead of after the 90 s hold time. The TCP MD5 password comes from a
 * Secret that already exists in the cluster (never from the manifests).
 *
 * Prerequisite: MetalLB v0.16.1 installed in `metallb-system` in FRR-K8s mode
 * (the Helm chart's default; BFD and keepaliveTime need FRR); the Secret
 * `tor-bgp-auth` (type kubernetes.io/basic-auth, key `password`) created in
 * `metallb-system`. `lb.prerequisites()` / `lb.notes()` list both with a check.
 */
import { App, Chart, Duration } from 'cdk8s';
import { Advertisement, BareMetalLB, Exposure, MetalLbMode, PublicWebApp } from '../../src';
import * as kplus from 'cdk8s-plus-28';

export function build(app: App): void {
  const infra = new Chart(app, 'bare-metal-bgp-metallb');
  const password = kplus.Secret.fromSecretName(infra, 'tor-password', 'tor-bgp-auth');
  const bfd = { name: 'tor-fast', receiveInterval: Duration.millis(300), transmitInterval: Duration.millis(300), detectMultiplier: 3 };
  const router = { myAsn: 64512, peerAsn: 64600, holdTime: Duration.seconds(90), keepaliveTime: Duration.seconds(30), passwordSecret: password, bfd };

  const lb = new BareMetalLB(infra, 'lb', {
    mode: MetalLbMode.FRR_K8S,
    pools: [{ name: 'routed', addresses: ['203.0.113.0/27'], avoidBuggyIps: true }],
    advertisement: Advertisement.bgp({
      peers: [
        { name: 'tor-a', peerAddress: '10.0.0.1', ...router },
        { name: 'tor-b', peerAddress: '10.0.0.2', ...router },
      ],
      communities: ['64512:100'],
    }),
  });

  const apps = new Chart(app, 'bare-metal-bgp-web');
  // 203.0.113.10 is announced over BGP to tor-a and tor-b, with BFD profile "tor-fast".
  new PublicWebApp(apps, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27',
    port: 8080,
    runAsUser: 101,
    exposure: Exposure.loadBalancer({
      provider: lb.provider({ pool: 'routed', address: '203.0.113.10' }),
      // the partner network only
      allowSourceRanges: ['198.51.100.0/24'],
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
