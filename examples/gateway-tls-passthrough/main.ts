// TLS passthrough through the Gateway API: Vault terminates TLS itself with
// its own certificate; the platform's shared Gateway (namespace infra) only
// reads the SNI. The app brings its own listener in a ListenerSet of its
// namespace (Gateway API v1.5+; the Gateway's spec.allowedListeners must
// admit the namespace), a TLS listener in Passthrough mode, and attaches a
// TLSRoute to it.
import { App, Chart } from 'cdk8s';
import { Exposure, GatewayRouteKind, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'vault-tls', { namespace: 'vault' });
  new PublicWebApp(chart, 'vault', {
    image: 'ghcr.io/acme/vault:1.18.3',
    port: 8200,
    servicePort: 8200,
    host: 'vault.example.com',
    exposure: Exposure.gateway({
      gateway: { name: 'shared', namespace: 'infra', listenerSet: true },
      routeKind: GatewayRouteKind.TLS_PASSTHROUGH,
      proxyPodLabels: { 'gateway.networking.k8s.io/gateway-name': 'shared' },
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
