/**
 * The article's `public-gateway`: an Istio Gateway on port 443 (HTTPS, any
 * host, SIMPLE TLS with the `wildcard-cert` Secret in istio-system), plus one
 * app routed through it with STRICT mTLS and a gateway-only AuthorizationPolicy.
 *
 * For now the app is a plain cdk8s-plus Deployment + Service bound with the
 * internal bindMeshApp; with PublicWebApp it becomes
 * `exposure: Exposure.mesh(edge, { retries: ..., timeout: '10s' })`.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { MeshGateway, MeshTls } from '../../src';
import { kplus } from '../../src/internal/plus.generated';
import { bindMeshApp } from '../../src/mesh-gateway/mesh-route';

/** A restricted-profile Deployment and its Service, with the mesh's pod labels added. */
export function webApp(scope: Construct, id: string, serviceName: string, version?: string) {
  const app = new Construct(scope, id);
  const deployment = new kplus.Deployment(app, 'Deployment', {
    replicas: 2,
    securityContext: { ensureNonRoot: true, user: 10001, group: 10001 },
    containers: [{
      name: 'web',
      image: `ghcr.io/acme/shop:${version ?? '1.4.2'}`,
      portNumber: 8080,
      securityContext: {
        ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, user: 10001, group: 10001,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
      readiness: kplus.Probe.fromHttpGet('/healthz'),
      liveness: kplus.Probe.fromHttpGet('/healthz'),
    }],
  });
  const service = deployment.exposeViaService({ name: serviceName, ports: [{ port: 80, targetPort: 8080 }] });
  return { app, deployment, service };
}

export function build(app: App): void {
  const chart = new Chart(app, 'mesh-public-gateway', { namespace: 'shop' });

  const edge = new MeshGateway(chart, 'public-gateway', {
    name: 'public-gateway',
    hosts: ['*'],
    tls: MeshTls.simple({ credentialName: 'wildcard-cert' }),
  });

  const web = webApp(chart, 'web', 'shop');
  const binding = bindMeshApp(edge, {
    scope: web.app,
    name: 'shop',
    serviceName: web.service.name,
    servicePort: 80,
    containerPort: 8080,
    host: 'shop.example.com',
    podLabels: web.deployment.matchLabels,
  }, { retries: { attempts: 3, perTryTimeout: '2s' }, timeout: '10s' });

  // what the Exposure.mesh adapter will do: pod labels and the NetworkPolicy peer
  for (const [k, v] of Object.entries(binding.podLabels)) web.deployment.podMetadata.addLabel(k, v);
  const policy = new kplus.NetworkPolicy(web.app, 'NetworkPolicy', { selector: web.deployment });
  policy.addIngressRule(
    kplus.Pods.select(web.app, 'Gateway', {
      labels: binding.networkPolicyPodLabels,
      namespaces: kplus.Namespaces.select(web.app, 'GatewayNamespace', { names: [binding.networkPolicyNamespace] }),
    }),
    binding.networkPolicyPorts.map((p) => kplus.NetworkPolicyPort.tcp(p)),
  );

  console.log(`mesh-public-gateway: Gateway ${edge.gatewayRef} serves ${edge.hosts.join(', ')}; `
    + `the wildcard-cert Secret must exist in ${edge.namespace}. Istio itself is not installed by this chart.`);
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
