// A public AWS NLB (AWS Load Balancer Controller) that keeps the client source
// IP: instance targets + externalTrafficPolicy Local (both defaults), TLS
// offloaded to the NLB with an ACM certificate, open only to known networks.
import { App, Chart } from 'cdk8s';
import { AwsLoadBalancerScheme, Exposure, LoadBalancerProvider, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'shop-nlb', { namespace: 'shop' });
  new PublicWebApp(chart, 'shop', {
    image: 'ghcr.io/acme/shop:1.4.2',
    port: 8080,
    servicePort: 443,
    healthCheckPath: '/healthz',
    exposure: Exposure.loadBalancer({
      provider: LoadBalancerProvider.aws({
        scheme: AwsLoadBalancerScheme.INTERNET_FACING,
        tlsCertificateArns: ['arn:aws:acm:eu-west-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab'],
        crossZoneLoadBalancing: true,
      }),
      allowSourceRanges: ['203.0.113.0/24', '198.51.100.0/24'],
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
