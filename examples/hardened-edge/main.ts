// The security checklist of a public HTTP edge on one app (issue 18), behind Traefik v3:
// forced HTTPS redirect, per-client rate limit, request-header filtering (the default set of
// spoofable client-IP / path-override headers plus the app's own), and security response headers
// (HSTS for the host and its subdomains, nosniff, X-Frame-Options, Referrer-Policy), and encryption
// to the pod: the pods serve TLS on 8443 with a certificate for web.bank.svc.cluster.local, and Traefik
// verifies it (ServersTransport) with the CA in the Secret web-backend-ca (key ca.crt, e.g. the Secret of
// the pods' cert-manager Certificate; a prerequisite, not created here).
import { App, Chart, Duration } from 'cdk8s';
import { Exposure, FrameOptions, IngressController, PublicWebApp, ReferrerPolicy, Tls } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'bank', { namespace: 'bank' });
  new PublicWebApp(chart, 'web', {
    image: 'ghcr.io/acme/bank-web:3.2.0',
    port: 8443,
    host: 'bank.example.com',
    healthCheckPath: '/healthz',
    tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
    exposure: Exposure.ingress({
      controller: IngressController.traefik(),
      rateLimit: { requestsPerSecond: 20, burst: 40 },
      requestHeaders: {
        remove: ['X-Debug-User', 'X-Internal-Auth'],
        set: { 'X-Edge': 'traefik-public' },
      },
      securityHeaders: {
        hstsMaxAge: Duration.days(730),
        hstsIncludeSubdomains: true,
        frameOptions: FrameOptions.DENY,
        referrerPolicy: ReferrerPolicy.SAME_ORIGIN,
      },
      backendTls: { hostname: 'web.bank.svc.cluster.local', caSecret: 'web-backend-ca' },
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
