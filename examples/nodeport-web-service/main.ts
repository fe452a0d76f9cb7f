// A web service on a pinned NodePort, keeping the client IP (Local) so an
// allowlist can be enforced by the NetworkPolicy.
import { App, Chart } from 'cdk8s';
import { Exposure, ExternalTrafficPolicy, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'web-service', { namespace: 'web' });
  // The cluster's pod network (kubeadm + flannel here), so the 192.168.0.0/16
  // allowlist is known not to admit pods (Calico's default pool would be that block).
  chart.node.setContext('cdk8s-expose:podCidrs', ['10.244.0.0/16']);
  new PublicWebApp(chart, 'web-service', {
    image: 'nginxinc/nginx-unprivileged:1.27',
    port: 8080,
    healthCheckPath: '/',
    writablePaths: ['/tmp'],
    exposure: Exposure.nodePort({
      nodePort: 30080,
      externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
      allowSourceRanges: ['192.168.0.0/16'],
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
