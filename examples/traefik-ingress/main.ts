// A blog behind Traefik v3: HTTPS with a redirect router, rate limit and a body-size limit as Middlewares.
import { App, Chart, Size } from 'cdk8s';
import { Exposure, IngressController, PublicWebApp, Tls } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'blog', { namespace: 'blog' });
  new PublicWebApp(chart, 'web', {
    image: 'ghcr.io/acme/blog:2.0.1',
    host: 'blog.example.com',
    replicas: 3,
    tls: Tls.fromSecret('blog-example-com-tls'),
    exposure: Exposure.ingress({
      controller: IngressController.traefik(),
      rateLimit: { requestsPerSecond: 50, burst: 100 },
      maxRequestBodySize: Size.mebibytes(8),
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
