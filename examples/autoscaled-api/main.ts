// An API scaled by a HorizontalPodAutoscaler between 3 and 20 pods on CPU and memory use, behind
// Traefik. The Deployment has no replica count (the HPA owns it), and the PodDisruptionBudget lets
// one pod go at a time during node drains, whatever the current count.
import { App, Chart, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { Exposure, IngressController, PublicWebApp, Tls } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'api', { namespace: 'api' });
  new PublicWebApp(chart, 'api', {
    image: 'ghcr.io/acme/api:5.0.3',
    host: 'api.example.com',
    tls: Tls.fromSecret('api-example-com-tls'),
    healthCheckPath: '/healthz',
    // utilization is measured against these requests
    resources: {
      cpu: { request: Cpu.millis(250), limit: Cpu.millis(1000) },
      memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
    },
    autoscaling: { minReplicas: 3, maxReplicas: 20, cpuUtilization: 70, memoryUtilization: 80 },
    exposure: Exposure.ingress({ controller: IngressController.traefik() }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
