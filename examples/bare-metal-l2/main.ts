/**
 * Bare metal, layer 2: MetalLB hands out addresses from a small range of the
 * LAN and one node answers ARP for each of them. The web app gets a fixed
 * address, 192.168.10.241, so a DNS record or a router port-forward can point at it.
 *
 * Prerequisite: MetalLB v0.16.1 installed in `metallb-system` (see docs/readme/bare-metal-lb.md).
 *
 * Until PublicWebApp + Exposure.loadBalancer land, the Service is written with
 * cdk8s-plus and the provider's annotations are applied by hand.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Advertisement, BareMetalLB, LoadBalancerProvider } from '../../src';
import { kplus } from '../../src/internal/plus.generated';

/** A web Deployment and a `type: LoadBalancer` Service that takes its settings from `provider`. */
export function webBehindLoadBalancer(scope: Construct, id: string, provider: LoadBalancerProvider, namespace: string): kplus.Service {
  const web = new Construct(scope, id);
  const deployment = new kplus.Deployment(web, 'deployment', {
    metadata: { name: id, namespace },
    replicas: 2,
    containers: [{
      image: 'nginxinc/nginx-unprivileged:1.27',
      portNumber: 8080,
      securityContext: {
        ensureNonRoot: true,
        user: 101,
        group: 101,
        readOnlyRootFilesystem: false,
        allowPrivilegeEscalation: false,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
      resources: {},
    }],
  });
  const config = provider.bind(web, { serviceName: id, namespace, ports: [80] });
  return new kplus.Service(web, 'service', {
    metadata: { name: id, namespace, annotations: config.annotations },
    type: kplus.ServiceType.LOAD_BALANCER,
    selector: deployment,
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  });
}

export function build(app: App): void {
  const infra = new Chart(app, 'bare-metal-l2-metallb');
  const lb = new BareMetalLB(infra, 'lb', {
    pools: [{ name: 'public', addresses: ['192.168.10.240-192.168.10.250'] }],
    advertisement: Advertisement.l2(),
  });

  const apps = new Chart(app, 'bare-metal-l2-web');
  webBehindLoadBalancer(apps, 'web', lb.provider({ pool: 'public', address: '192.168.10.241' }), 'default');

  console.log('bare-metal-l2: MetalLB (L2) gives Service default/web the address 192.168.10.241 from pool "public" (192.168.10.240-250).');
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
