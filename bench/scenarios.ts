/**
 * Benchmark scenarios: each builds N apps with cdk8s-expose and the same
 * objects by hand (cdk8s-plus-28 workload resources + L1 classes), so the
 * ratio measures only what the library adds.
 */
import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import { Exposure, PublicWebApp, Tls } from '../src';
import { k8s, kplus } from '../src/internal/plus.generated';

export interface Scenario {
  /** cdk8s-expose */
  expose(chart: Chart, i: number): void;
  /** the same objects written by hand */
  handWritten(chart: Chart, i: number): void;
}

function hardenedDeployment(chart: Chart, name: string, replicas: number) {
  const selector = { 'app.kubernetes.io/name': name };
  const labels = { ...selector, 'app.kubernetes.io/instance': name };
  const d = new kplus.Deployment(chart, `${name}-deployment`, {
    metadata: { name, labels },
    podMetadata: { labels },
    select: false,
    replicas,
    automountServiceAccountToken: false,
    securityContext: { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 },
  });
  d.select(kplus.LabelSelector.of({ labels: selector }));
  const c = d.addContainer({
    name: 'app',
    image: 'ghcr.io/acme/shop:1.4.2',
    ports: [{ number: 8080, name: 'http' }],
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
    },
    securityContext: {
      ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, user: 10001, group: 10001,
      capabilities: { drop: [kplus.Capability.ALL] }, seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    },
    readiness: kplus.Probe.fromTcpSocket({ port: 8080, initialDelaySeconds: Duration.seconds(0) }),
    liveness: kplus.Probe.fromTcpSocket({ port: 8080, initialDelaySeconds: Duration.seconds(10) }),
  });
  c.mount('/tmp', kplus.Volume.fromEmptyDir(chart, `${name}-tmp`, 'writable-tmp'));
  ApiObject.of(d).addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey) => ({
    maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector },
  }))));
  const s = new kplus.Service(chart, `${name}-service`, {
    metadata: { name, labels },
    type: kplus.ServiceType.CLUSTER_IP,
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: kplus.Protocol.TCP }],
  });
  s.selectLabel('app.kubernetes.io/name', name);
  ApiObject.of(s).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
  new k8s.KubeNetworkPolicy(chart, `${name}-np`, {
    metadata: { name, labels },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(8080) }] }],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) }, { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) }],
      }],
    },
  });
  new k8s.KubePodDisruptionBudget(chart, `${name}-pdb`, {
    metadata: { name, labels },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
  });
  return s;
}

export const SCENARIOS: Record<string, Scenario> = {
  'ingress-nginx': {
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, {
        image: 'ghcr.io/acme/shop:1.4.2',
        host: `app${i}.example.com`,
        tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
        exposure: Exposure.ingress({ rateLimit: { requestsPerSecond: 20 }, allowSourceRanges: ['203.0.113.0/24'] }),
      });
    },
    handWritten(chart, i) {
      const name = `app${i}`;
      const service = hardenedDeployment(chart, name, 2);
      const ingress = new kplus.Ingress(chart, `${name}-ingress`, {
        metadata: {
          name,
          annotations: {
            'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
            'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
            'nginx.ingress.kubernetes.io/limit-rps': '20',
            'nginx.ingress.kubernetes.io/allowlist-source-range': '203.0.113.0/24',
          },
        },
        className: 'nginx',
      });
      ingress.addHostRule(`${name}.example.com`, '/', kplus.IngressBackend.fromService(service, { port: 80 }), kplus.HttpIngressPathType.PREFIX);
      ingress.addTls([{ hosts: [`${name}.example.com`], secret: kplus.Secret.fromSecretName(chart, `${name}-tls`, `${name}-tls`) }]);
    },
  },
};
