/**
 * issue 11 fault 16: NOTES are derived from the emitted objects. For apps with
 * every exposure (with and without a chart namespace, canaries included), the
 * NOTES are parsed and each claim is checked against the synthesized objects:
 * the URL scheme against TLS, namespaces and cluster DNS names, the Service
 * port and targetPort, node ports and host ports, addresses, the netshoot
 * pod's Pod Security and the namespace it runs in against the NetworkPolicy.
 */
import { App, Chart, Testing } from 'cdk8s';
import {
  Advertisement, BareMetalLB, Exposure, ExternalTrafficPolicy, IngressController, LoadBalancerProvider, MeshGateway, MeshTls,
  PublicWebApp, Tls, AwsLoadBalancerScheme,
} from '../src';
import { podSecurityViolations } from '../src/internal/pod-security';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const TLS = Tls.certManager({ clusterIssuer: 'letsencrypt-prod' });
const ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab';
const ACK = { acknowledgePrivilegedNamespace: true };

interface Case { readonly label: string; build(chart: Chart, app: App): PublicWebApp }

const CASES: Case[] = [
  { label: 'ingress TLS', build: (c) => new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', tls: TLS }) },
  { label: 'ingress plain', build: (c) => new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.ingress({ allowPlainHttp: true }) }) },
  {
    label: 'ingress canary of a TLS app',
    build: (c) => {
      const stable = new PublicWebApp(c, 'stable', { image: IMAGE, host: 'shop.example.com', tls: TLS, exposure: Exposure.ingress({ controller: IngressController.nginx() }) });
      return new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.ingress({ controller: IngressController.nginx(), canary: { stable, weight: 10 } }) });
    },
  },
  { label: 'gateway TLS', build: (c) => new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', tls: Tls.fromSecret('shop-tls'), exposure: Exposure.gateway({ gatewayClassName: 'eg' }) }) },
  {
    label: 'gateway canary of a plain-HTTP app',
    build: (c) => {
      const stable = new PublicWebApp(c, 'stable', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.gateway({ gatewayClassName: 'eg', allowPlainHttp: true }) });
      return new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.gateway({ canary: { stable, weight: 10 } }) });
    },
  },
  { label: 'clusterIp', build: (c) => new PublicWebApp(c, 'web', { image: IMAGE, exposure: Exposure.clusterIp({ allowFromNamespaces: ['monitoring'] }) }) },
  { label: 'nodePort pinned Local', build: (c) => new PublicWebApp(c, 'web', { image: IMAGE, exposure: Exposure.nodePort({ nodePort: 30036, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL }) }) },
  {
    label: 'loadBalancer aws TLS offload',
    build: (c) => new PublicWebApp(c, 'web', {
      image: IMAGE,
      servicePort: 443,
      exposure: Exposure.loadBalancer({
        provider: LoadBalancerProvider.aws({ scheme: AwsLoadBalancerScheme.INTERNET_FACING, tlsCertificateArns: [ARN] }),
        allowPublicAccess: true,
      }),
    }),
  },
  {
    label: 'loadBalancer metallb',
    build: (c) => {
      const lb = new BareMetalLB(c, 'lb', { pools: [{ name: 'lan', addresses: ['192.168.50.10-192.168.50.20'] }], advertisement: Advertisement.l2({ pools: ['lan'] }) });
      return new PublicWebApp(c, 'web', { image: IMAGE, exposure: Exposure.loadBalancer({ provider: lb.provider({ pool: 'lan', address: '192.168.50.11' }) }) });
    },
  },
  { label: 'externalIps', build: (c) => new PublicWebApp(c, 'web', { image: IMAGE, exposure: Exposure.externalIps(['203.0.113.10']) }) },
  { label: 'hostPort', build: (c) => new PublicWebApp(c, 'web', { image: IMAGE, replicas: 1, exposure: Exposure.hostPort({ ...ACK, hostPort: 8086 }) }) },
  { label: 'hostNetwork', build: (c) => new PublicWebApp(c, 'web', { image: IMAGE, exposure: Exposure.hostNetwork(ACK) }) },
  {
    label: 'mesh',
    build: (c) => {
      const edge = new MeshGateway(c, 'edge', { hosts: ['shop.example.com'], tls: MeshTls.simple({ credentialName: 'shop-cert' }) });
      return new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.mesh(edge) });
    },
  },
];

/** Objects of the chart, and the app's own (by name). */
function synth(chart: Chart) {
  const objects = Testing.synth(chart);
  const own = (kind: string, name = 'web') => objects.find((o) => o.kind === kind && o.metadata?.name === name);
  return { objects, own };
}

/** Does the emitted configuration terminate TLS for this host, on this port? */
function servesTls(objects: any[], host: string | undefined, servicePort: number): boolean {
  const ingressTls = objects.some((o) => o.kind === 'Ingress' && (o.spec.tls ?? []).some((t: any) => (t.hosts ?? []).includes(host)));
  const gatewayTls = objects.some((o) => o.kind === 'Gateway' && o.apiVersion.startsWith('gateway.networking.k8s.io')
    && o.spec.listeners.some((l: any) => l.protocol === 'HTTPS' && (l.hostname === undefined || l.hostname === host)));
  const istioTls = objects.some((o) => o.kind === 'Gateway' && o.apiVersion.startsWith('networking.istio.io')
    && o.spec.servers.some((s: any) => s.tls?.mode !== undefined && s.tls.mode !== 'ISTIO_MUTUAL' && s.hosts.some((h: string) => h === host || h.endsWith(host!.slice(host!.indexOf('.'))))));
  const nlbTls = objects.some((o) => o.kind === 'Service' && String(o.metadata.annotations?.['service.beta.kubernetes.io/aws-load-balancer-ssl-ports'] ?? '').split(',').includes(String(servicePort)));
  return ingressTls || gatewayTls || istioTls || nlbTls;
}

describe.each([['with a namespace', 'shop'], ['without a namespace', undefined]])('NOTES claims match the emitted objects (%s)', (_label, namespace) => {
  beforeAll(() => { process.env.CDK8S_EXPOSE_QUIET = '1'; });

  test.each(CASES.map((c) => [c.label, c] as const))('%s', (_name, c) => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop', namespace === undefined ? {} : { namespace });
    const web = c.build(chart, app);
    const notes = web.notes();
    const { objects, own } = synth(chart);
    const svc = own('Service');
    const svcNs: string | undefined = svc.metadata.namespace;
    expect(svcNs).toBe(namespace);
    const port = svc.spec.ports[0];

    // URL scheme: https exactly when the emitted edge terminates TLS for the host and port
    const url = /^URL: (\S+)/m.exec(notes)?.[1];
    if (url) {
      const u = new URL(url);
      expect([url, u.protocol]).toEqual([url, servesTls(objects, web.host, port.port) ? 'https:' : 'http:']);
    }

    // namespaces: every command on the app's own objects names the Service's namespace, or none when the chart has none
    const ownCommands = notes.split('\n').filter((l) => new RegExp(`kubectl (get endpoints|describe service|port-forward(\\s+-n \\S+)? service/)\\s*(-n \\S+ )?${web.name}\\b`).test(l)
      || /kubectl (get endpoints|describe service) /.test(l));
    expect(ownCommands.length).toBeGreaterThanOrEqual(3);
    for (const l of ownCommands) {
      const n = / -n (\S+)/.exec(l)?.[1];
      expect([l, n]).toEqual([l, svcNs]);
    }
    // cluster DNS names: the Service's namespace, or a <namespace> placeholder (never a guessed default)
    for (const m of notes.matchAll(/\b([a-z0-9-]+)\.([a-z0-9-]+|<namespace>)\.svc\.cluster\.local/g)) {
      if (m[1] !== web.name) continue;
      expect([m[0], m[2]]).toEqual([m[0], svcNs ?? '<namespace>']);
    }
    if (svcNs === undefined) expect(notes).not.toMatch(/namespaces\/default\/|\.default\.svc/);

    // the Service line: its port name, port and targetPort as emitted; a numeric targetPort is not called a named port
    const describe = notes.split('\n').find((l) => l.includes(`kubectl describe service ${web.name}`))!;
    expect(describe).toContain(`Port ${port.name} ${port.port}/${port.protocol}`);
    expect(describe).toContain(`TargetPort ${port.targetPort}`);
    if (typeof port.targetPort === 'number') expect(describe).not.toMatch(/named port/);

    // node ports and host ports
    const pinned = /nodePort is pinned to (\d+)/.exec(notes)?.[1];
    if (pinned) expect(port.nodePort).toBe(Number(pinned));
    if (port.nodePort === undefined) expect(notes).not.toMatch(/nodePort is pinned/);
    const workload = own('Deployment') ?? own('DaemonSet');
    const container = workload.spec.template.spec.containers[0];
    const nodeUrl = /http:\/\/<node-ip>:(\d+)/.exec(notes)?.[1];
    if (nodeUrl && svc.spec.type === 'ClusterIP') {
      const bound = container.ports[0].hostPort ?? (workload.spec.template.spec.hostNetwork ? container.ports[0].containerPort : undefined);
      expect(Number(nodeUrl)).toBe(bound);
    }

    // addresses: an address in the URL is one the Service asks for
    if (url && /^\d+\.\d+\.\d+\.\d+$/.test(new URL(url).hostname)) {
      const asked = [...(svc.spec.externalIPs ?? []), ...String(svc.metadata.annotations?.['metallb.io/loadBalancerIPs'] ?? '').split(',')];
      expect(asked).toContain(new URL(url).hostname);
    }

    // cloud wording only for cloud providers; source ranges only when the Service sets them
    if (svc.metadata.annotations?.['metallb.io/address-pool']) {
      expect(notes).not.toMatch(/cloud console|hostname on AWS|security group|target group/i);
      expect(notes).toContain('kubectl get servicel2statuses -n metallb-system');
      expect(notes).toContain(`kubectl get ipaddresspool ${svc.metadata.annotations['metallb.io/address-pool']} -n metallb-system`);
    }
    if (!svc.spec.loadBalancerSourceRanges) expect(notes).not.toMatch(/Source ranges/);

    // the netshoot pod passes Pod Security restricted and runs where the NetworkPolicy admits it
    const run = /kubectl run (\S+)( -n (\S+))? .*--overrides='([^']+)'/.exec(notes);
    if (run) {
      const pod = JSON.parse(run[4]);
      expect(podSecurityViolations(pod.spec)).toEqual([]);
      expect(pod.spec.containers[0].name).toBe(run[1]);
      const policy = own('NetworkPolicy');
      const from = policy.spec.ingress.flatMap((r: any) => r.from ?? []);
      const runNs = run[3];
      if (runNs !== undefined && runNs !== svcNs) {
        expect(from).toContainEqual(expect.objectContaining({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': runNs } } }));
      }
    }
  });
});

test('the canary of an HTTPS app prints its https URL, not http (issue 11 fault 16)', () => {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const stable = new PublicWebApp(chart, 'stable', { image: IMAGE, host: 'shop.example.com', tls: TLS, exposure: Exposure.ingress({ controller: IngressController.nginx() }) });
  const canary = new PublicWebApp(chart, 'canary', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.ingress({ controller: IngressController.nginx(), canary: { stable, weight: 10 } }) });
  expect(canary.notes()).toContain('URL: https://shop.example.com/');
  expect(canary.notes()).toContain('Canary of \'shop/stable\': 10% of the requests to https://shop.example.com/');
});
