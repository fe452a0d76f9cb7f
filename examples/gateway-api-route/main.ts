// Gateway API, the recommended way in since ingress-nginx was retired:
// 1. the shop attaches an HTTPRoute to the platform team's shared Gateway
//    (namespace infra, HTTPS listener "https"; its HTTP listener "http" gets a
//    redirect-only route), with a 10% canary split on the same route;
// 2. a blog gets a Gateway of its own (HTTPS listener with a cert-manager
//    certificate, HTTP listener that only redirects).
import { App, Chart } from 'cdk8s';
import { Exposure, PublicWebApp, Tls } from '../../src';

export function build(app: App): void {
  const shop = new Chart(app, 'shop-gateway', { namespace: 'shop' });
  const web = new PublicWebApp(shop, 'web', {
    image: 'ghcr.io/acme/shop:1.4.2',
    host: 'shop.example.com',
    healthCheckPath: '/healthz',
    exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https', httpSectionName: 'http' } }),
  });
  new PublicWebApp(shop, 'web-next', {
    image: 'ghcr.io/acme/shop:1.5.0-rc1',
    host: 'shop.example.com',
    healthCheckPath: '/healthz',
    replicas: 1,
    exposure: Exposure.gateway({ canary: { stable: web, weight: 10 } }),
  });

  const blog = new Chart(app, 'blog-gateway', { namespace: 'blog' });
  new PublicWebApp(blog, 'site', {
    image: 'ghcr.io/acme/blog:2.0.0',
    host: 'blog.example.com',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
    exposure: Exposure.gateway({ gatewayClassName: 'istio' }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
