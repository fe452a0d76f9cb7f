/**
 * Benchmark scenarios: each builds app number `i` of a chart with
 * cdk8s-expose, and the same objects by hand (cdk8s-plus-28 for workloads and
 * core resources, the generated classes of src/imports or plain ApiObjects for
 * CRDs), so the ratio measures only what the library adds.
 * test/bench-parity.test.ts pins that both variants emit the same manifests.
 */
import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Advertisement, AwsLoadBalancerScheme, BareMetalLB, Exposure, IngressController, LoadBalancerProvider,
  MeshCanary, MeshGateway, MeshTls, PublicWebApp, Tls,
} from '../src';
import * as gw from '../src/imports/gateway-api';
import * as istio from '../src/imports/istio-networking';
import * as istiosec from '../src/imports/istio-security';
import * as metallb from '../src/imports/metallb';
import { k8s, kplus } from '../src/internal/plus.generated';

export interface Scenario {
  /** what one unit (app, or gateway / pool with its apps) is, for the docs */
  readonly unit: string;
  /** cdk8s-expose */
  expose(chart: Chart, i: number): void;
  /** the same objects written by hand */
  handWritten(chart: Chart, i: number): void;
}

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const EVERYWHERE: k8s.NetworkPolicyPeer[] = [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];
const fromNamespace = (ns: string, podLabels?: Record<string, string>): k8s.NetworkPolicyPeer =>
  ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } }, podSelector: podLabels ? { matchLabels: podLabels } : undefined });

/** A per-chart singleton (a gateway shared by every app of the chart). */
function perChart<T>(make: (chart: Chart) => T): (chart: Chart) => T {
  const made = new WeakMap<Chart, T>();
  return (chart) => {
    let v = made.get(chart);
    if (v === undefined) {
      v = make(chart);
      made.set(chart, v);
    }
    return v;
  };
}

/** What the hand-written PublicWebApp equivalent needs to vary. */
interface WebAppOptions {
  readonly image?: string;
  readonly replicas?: number;
  readonly port?: number;
  readonly podLabels?: Record<string, string>;
  /** DaemonSet on the host network */
  readonly hostNetwork?: boolean;
  readonly hostPort?: number;
  /** NetworkPolicy sources on the app port */
  readonly from: k8s.NetworkPolicyPeer[];
  /** NetworkPolicy egress beyond DNS (an Istio sidecar: istiod) */
  readonly egress?: k8s.NetworkPolicyEgressRule[];
  readonly service?: {
    readonly type?: kplus.ServiceType;
    readonly annotations?: Record<string, string>;
    readonly externalIPs?: string[];
    readonly loadBalancerSourceRanges?: string[];
    readonly externalTrafficPolicy?: string;
    readonly loadBalancerClass?: string;
  };
}

/**
 * The objects of one hardened PublicWebApp, by hand: workload, Service,
 * NetworkPolicy, PDB. Every hand-written unit uses the construct ids the
 * library uses, so cdk8s walks the same tree in both variants: with other ids
 * the identical manifests took up to 4x the CPU and 2.5x the memory to
 * synthesize in some runs (a V8 heap effect we did not pin down), which would
 * have made the library look faster than writing the objects by hand.
 */
function hardenedApp(parent: Construct, name: string, o: WebAppOptions): { scope: Construct; service: kplus.Service } {
  const scope = new Construct(parent, name);
  const replicas = o.replicas ?? 2;
  const port = o.port ?? 8080;
  const selector = { 'app.kubernetes.io/name': name };
  const labels = { ...selector, 'app.kubernetes.io/instance': name };
  const workloadProps: kplus.DeploymentProps = {
    metadata: { name, labels },
    podMetadata: { labels: { ...labels, ...o.podLabels } },
    select: false,
    automountServiceAccountToken: false,
    securityContext: { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 },
  };
  const workload: kplus.Workload = o.hostNetwork
    ? new kplus.DaemonSet(scope, 'DaemonSet', { ...workloadProps, hostNetwork: true, dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET } })
    : new kplus.Deployment(scope, 'Deployment', {
      ...workloadProps,
      replicas,
      // pinned one per node: replace in place (a surge pod would need a free node)
      strategy: o.hostPort !== undefined ? kplus.DeploymentStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(0), maxUnavailable: kplus.PercentOrAbsolute.absolute(1) }) : undefined,
    });
  workload.select(kplus.LabelSelector.of({ labels: selector }));
  const c = workload.addContainer({
    name: 'app',
    image: o.image ?? IMAGE,
    ports: [{ number: port, name: 'http', hostPort: o.hostPort }],
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
    },
    securityContext: {
      ensureNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      user: 10001,
      group: 10001,
      capabilities: { drop: [kplus.Capability.ALL] },
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    },
    readiness: kplus.Probe.fromTcpSocket({ port, initialDelaySeconds: Duration.seconds(0) }),
    liveness: kplus.Probe.fromTcpSocket({ port, initialDelaySeconds: Duration.seconds(10) }),
  });
  c.mount('/tmp', kplus.Volume.fromEmptyDir(scope, 'Volume/tmp', 'writable-tmp'));
  if (o.hostPort !== undefined) {
    ApiObject.of(workload).addJsonPatch(JsonPatch.add('/spec/template/spec/affinity', {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: selector }, topologyKey: 'kubernetes.io/hostname' }] },
    }));
  } else if (!o.hostNetwork && replicas > 1) {
    ApiObject.of(workload).addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey) => ({
      maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector },
    }))));
  }
  const svc = o.service ?? {};
  const s = new kplus.Service(scope, 'Service', {
    metadata: { name, labels, annotations: svc.annotations },
    type: svc.type ?? kplus.ServiceType.CLUSTER_IP,
    ports: [{ name: 'http', port: 80, targetPort: port, protocol: kplus.Protocol.TCP }],
    externalIPs: svc.externalIPs,
    loadBalancerSourceRanges: svc.loadBalancerSourceRanges,
  });
  s.selectLabel('app.kubernetes.io/name', name);
  const patches: JsonPatch[] = [];
  if (!svc.externalIPs) patches.push(JsonPatch.remove('/spec/externalIPs'));
  if (svc.externalTrafficPolicy) patches.push(JsonPatch.add('/spec/externalTrafficPolicy', svc.externalTrafficPolicy));
  if (svc.loadBalancerClass) patches.push(JsonPatch.add('/spec/loadBalancerClass', svc.loadBalancerClass));
  ApiObject.of(s).addJsonPatch(...patches);
  new k8s.KubeNetworkPolicy(scope, 'NetworkPolicy', {
    metadata: { name, labels },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: o.from, ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }] }],
      egress: [{
        to: [fromNamespace('kube-system', { 'k8s-app': 'kube-dns' })],
        ports: [{ protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) }, { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) }],
      }, ...(o.egress ?? [])],
    },
  });
  if (!o.hostNetwork && replicas > 1) {
    new k8s.KubePodDisruptionBudget(scope, 'PodDisruptionBudget', {
      metadata: { name, labels },
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
    });
  }
  return { scope, service: s };
}

/** The labels every object of app `app` carries. */
const appLabels = (app: string) => ({ 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': app });

/** Ingress with TLS, by hand. */
function ingress(scope: Construct, id: string, name: string, host: string, service: kplus.Service, className: string,
  annotations: Record<string, string>, tlsSecret?: string, app = name) {
  const ing = new kplus.Ingress(scope, id, { metadata: { name, annotations, labels: appLabels(app) }, className });
  ing.addHostRule(host, '/', kplus.IngressBackend.fromService(service, { port: 80 }), kplus.HttpIngressPathType.PREFIX);
  if (tlsSecret) ing.addTls([{ hosts: [host], secret: kplus.Secret.fromSecretName(scope, 'TlsSecret', tlsSecret) }]);
}

// ---------------------------------------------------------------- mesh helpers

const GATEWAY_PRINCIPAL = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';
const MESH_POD_LABELS = { 'sidecar.istio.io/inject': 'true' };
const MESH_PEERS = [fromNamespace('istio-system', { istio: 'ingressgateway' })];
/** a sidecar fetches configuration and certificate from istiod on TCP 15012 */
const MESH_EGRESS: k8s.NetworkPolicyEgressRule[] = [{ to: [fromNamespace('istio-system', { app: 'istiod' })], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(15012) }] }];

function istioGateway(parent: Construct, name: string, hosts: string[], tls: istio.GatewaySpecServersTls) {
  return new istio.Gateway(new Construct(parent, name), 'Resource', {
    metadata: { name, namespace: 'istio-system' },
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [
        { name: 'https', port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts, tls },
        { name: 'http-redirect', port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts, tls: { httpsRedirect: true } },
      ],
    },
  });
}

/** DestinationRule, PeerAuthentication and AuthorizationPolicy of one meshed app. */
function meshPolicies(scope: Construct, name: string) {
  const labels = appLabels(name);
  new istio.DestinationRule(scope, 'MeshDestinationRule', {
    metadata: { name, labels },
    spec: {
      host: `${name}.bench.svc.cluster.local`,
      trafficPolicy: {
        connectionPool: { tcp: { maxConnections: 1024, connectTimeout: '5s' }, http: { http1MaxPendingRequests: 1024, http2MaxRequests: 1024 } },
        outlierDetection: { consecutive5XxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
        tls: { mode: istio.DestinationRuleSpecTrafficPolicyTlsMode.ISTIO_UNDERSCORE_MUTUAL },
      },
    },
  });
  const selector = { matchLabels: { 'app.kubernetes.io/name': name } };
  new istiosec.PeerAuthentication(scope, 'MeshPeerAuthentication', {
    metadata: { name, labels },
    spec: { selector, mtls: { mode: istiosec.PeerAuthenticationSpecMtlsMode.STRICT } },
  });
  new istiosec.AuthorizationPolicy(scope, 'MeshAuthorizationPolicy', {
    metadata: { name: `${name}-from-gateway`, labels },
    spec: {
      selector,
      action: istiosec.AuthorizationPolicySpecAction.ALLOW,
      rules: [{ from: [{ source: { principals: [GATEWAY_PRINCIPAL] } }], to: [{ operation: { ports: ['8080'] } }] }],
    },
  });
}

function virtualService(scope: Construct, name: string, host: string, gateway: string, route: istio.VirtualServiceSpecHttpRoute[],
  extra: Partial<istio.VirtualServiceSpecHttp>) {
  new istio.VirtualService(scope, 'MeshVirtualService', {
    metadata: { name, labels: appLabels(name) },
    spec: { hosts: [host], gateways: [gateway], http: [{ name, match: [{ uri: { prefix: '/' } }], route, ...extra }] },
  });
}

const meshDestination = (name: string, weight?: number): istio.VirtualServiceSpecHttpRoute =>
  ({ destination: { host: `${name}.bench.svc.cluster.local`, port: { number: 80 } }, weight });

const sharedMeshGateway = perChart((chart) => new MeshGateway(chart, 'edge', { name: 'edge', hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) }));
const sharedIstioGateway = perChart((chart) => istioGateway(chart, 'edge', ['*.example.com'], {
  mode: istio.GatewaySpecServersTlsMode.SIMPLE, credentialName: 'wildcard-cert', minProtocolVersion: istio.GatewaySpecServersTlsMinProtocolVersion.TLSV1_UNDERSCORE_2,
}));

// ---------------------------------------------------------------- bare metal helpers

/** two address octets from a unit number (up to 65535) */
const hi = (i: number) => Math.floor(i / 256);
const lo = (i: number) => i % 256;
const pool = (i: number) => `10.${hi(i)}.${lo(i)}.16/28`;
const poolAddress = (i: number) => `10.${hi(i)}.${lo(i)}.17`;
const peerAddress = (i: number) => `10.255.${hi(i)}.${lo(i)}`;

function bareMetalExpose(chart: Chart, i: number, bgp: boolean) {
  const advertisement = bgp
    ? Advertisement.bgp({
      name: `adv${i}`,
      peers: [{
        name: `tor${i}`,
        peerAddress: peerAddress(i),
        myAsn: 64512,
        peerAsn: 64600,
        holdTime: Duration.seconds(90),
        keepaliveTime: Duration.seconds(30),
        bfd: { name: `bfd${i}`, receiveInterval: Duration.millis(300), transmitInterval: Duration.millis(300), detectMultiplier: 3 },
      }],
    })
    : Advertisement.l2({ name: `adv${i}`, interfaces: ['eth0'] });
  const lb = new BareMetalLB(chart, `lb${i}`, { pools: [{ name: `pool${i}`, addresses: [pool(i)] }], advertisement });
  new PublicWebApp(chart, `app${i}`, { image: IMAGE, exposure: Exposure.loadBalancer({ provider: lb.provider({ pool: `pool${i}`, address: poolAddress(i) }) }) });
}

function bareMetalHand(chart: Chart, i: number, bgp: boolean) {
  const scope = new Construct(chart, `lb${i}`);
  const metadata = (name: string) => ({ name, namespace: 'metallb-system' });
  new metallb.IpAddressPool(scope, `Pool-pool${i}`, { metadata: metadata(`pool${i}`), spec: { addresses: [pool(i)] } });
  if (bgp) {
    new metallb.BfdProfile(scope, `BfdProfile-bfd${i}`, { metadata: metadata(`bfd${i}`), spec: { receiveInterval: 300, transmitInterval: 300, detectMultiplier: 3 } });
    new metallb.BgpPeer(scope, `BgpPeer-tor${i}`, {
      metadata: metadata(`tor${i}`),
      spec: { myAsn: 64512, peerAsn: 64600, peerAddress: peerAddress(i), holdTime: '90s', keepaliveTime: '30s', bfdProfile: `bfd${i}` },
    });
    new metallb.BgpAdvertisement(scope, 'BgpAdvertisement0', { metadata: metadata(`adv${i}`), spec: { ipAddressPools: [`pool${i}`], peers: [`tor${i}`] } });
  } else {
    new metallb.L2Advertisement(scope, 'L2Advertisement0', { metadata: metadata(`adv${i}`), spec: { ipAddressPools: [`pool${i}`], interfaces: ['eth0'] } });
  }
  hardenedApp(chart, `app${i}`, {
    from: EVERYWHERE,
    service: {
      type: kplus.ServiceType.LOAD_BALANCER,
      annotations: { 'metallb.io/address-pool': `pool${i}`, 'metallb.io/loadBalancerIPs': poolAddress(i) },
      externalTrafficPolicy: 'Local',
    },
  });
}

// ---------------------------------------------------------------- edge headers (the defaults every edge sends)

/** spoofable client headers removed by default (SPOOFABLE_REQUEST_HEADERS), written out */
const STRIPPED = ['Forwarded', 'X-Original-Forwarded-For', 'X-Original-URL', 'X-Rewrite-URL', 'True-Client-IP', 'X-Client-IP', 'X-Cluster-Client-IP', 'CF-Connecting-IP', 'Fastly-Client-IP'];
/** an Istio gateway's Envoy passes these through from the client as well */
const ENVOY_STRIPPED = [...STRIPPED, 'X-Real-IP', 'X-Forwarded-Host', 'X-Forwarded-Port'];
/** security response headers of an HTTPS app */
const SECURITY = [
  { name: 'Strict-Transport-Security', value: 'max-age=31536000' },
  { name: 'X-Content-Type-Options', value: 'nosniff' },
  { name: 'X-Frame-Options', value: 'DENY' },
  { name: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];
const ROUTE_FILTERS: gw.HttpRouteSpecRulesFilters[] = [
  { type: gw.HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, requestHeaderModifier: { remove: STRIPPED } },
  { type: gw.HttpRouteSpecRulesFiltersType.RESPONSE_HEADER_MODIFIER, responseHeaderModifier: { set: SECURITY } },
];
const MESH_HEADERS: istio.VirtualServiceSpecHttpHeaders = {
  request: { remove: ENVOY_STRIPPED },
  response: { set: Object.fromEntries(SECURITY.map((h) => [h.name, h.value])) },
};

// ---------------------------------------------------------------- scenarios

export const SCENARIOS: Record<string, Scenario> = {
  'ingress-nginx': {
    unit: 'app: PublicWebApp + Exposure.ingress() (nginx, TLS by cert-manager, rate limit, allowlist)',
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, {
        image: IMAGE,
        host: `app${i}.example.com`,
        tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
        exposure: Exposure.ingress({ rateLimit: { requestsPerSecond: 20 }, allowSourceRanges: ['203.0.113.0/24'] }),
      });
    },
    handWritten(chart, i) {
      const name = `app${i}`;
      const { scope, service } = hardenedApp(chart, name, { from: [fromNamespace('ingress-nginx')] });
      ingress(scope, 'Ingress', name, `${name}.example.com`, service, 'nginx', {
        'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
        'nginx.ingress.kubernetes.io/limit-rps': '20',
        'nginx.ingress.kubernetes.io/allowlist-source-range': '203.0.113.0/24',
      }, `${name}-tls`);
    },
  },

  'ingress-traefik': {
    unit: 'app: PublicWebApp + Exposure.ingress() (Traefik, TLS Secret, rate-limit Middleware, HTTP redirect router)',
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, {
        image: IMAGE,
        host: `app${i}.example.com`,
        tls: Tls.fromSecret(`app${i}-tls`),
        exposure: Exposure.ingress({ controller: IngressController.traefik(), rateLimit: { requestsPerSecond: 50, burst: 100 } }),
      });
    },
    handWritten(chart, i) {
      const name = `app${i}`;
      const { scope, service } = hardenedApp(chart, name, { from: [fromNamespace('traefik')] });
      const middleware = (suffix: string, spec: any) => new ApiObject(scope, `Middleware-${suffix}`, {
        apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: `${name}-${suffix}`, namespace: 'bench', labels: appLabels(name) }, spec,
      });
      middleware('ratelimit', { rateLimit: { average: 50, period: '1s', burst: 100 } });
      middleware('request-headers', { headers: { customRequestHeaders: Object.fromEntries(STRIPPED.map((h) => [h, ''])) } });
      middleware('security-headers', { headers: { stsSeconds: 31536000, contentTypeNosniff: true, frameDeny: true, referrerPolicy: 'strict-origin-when-cross-origin' } });
      middleware('redirect-https', { redirectScheme: { scheme: 'https', permanent: true } });
      ingress(scope, 'Ingress', name, `${name}.example.com`, service, 'traefik', {
        'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
        'traefik.ingress.kubernetes.io/router.tls': 'true',
        'traefik.ingress.kubernetes.io/router.middlewares': `bench-${name}-ratelimit@kubernetescrd,bench-${name}-request-headers@kubernetescrd,bench-${name}-security-headers@kubernetescrd`,
      }, `${name}-tls`);
      ingress(scope, 'HttpRedirectIngress', `${name}-http-redirect`, `${name}.example.com`, service, 'traefik', {
        'traefik.ingress.kubernetes.io/router.entrypoints': 'web',
        'traefik.ingress.kubernetes.io/router.middlewares': `bench-${name}-redirect-https@kubernetescrd`,
      }, undefined, name);
    },
  },

  'cluster-ip': {
    unit: 'app: PublicWebApp + Exposure.clusterIp() (callers from one namespace)',
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, { image: IMAGE, exposure: Exposure.clusterIp({ allowFromNamespaces: ['monitoring'] }) });
    },
    handWritten(chart, i) {
      hardenedApp(chart, `app${i}`, { from: [fromNamespace('monitoring')] });
    },
  },

  'node-port': {
    unit: 'app: PublicWebApp + Exposure.nodePort()',
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, { image: IMAGE, exposure: Exposure.nodePort() });
    },
    handWritten(chart, i) {
      hardenedApp(chart, `app${i}`, { from: EVERYWHERE, service: { type: kplus.ServiceType.NODE_PORT, externalTrafficPolicy: 'Cluster' } });
    },
  },

  'load-balancer-aws': {
    unit: 'app: PublicWebApp + Exposure.loadBalancer() with LoadBalancerProvider.aws() (internet-facing NLB, source ranges)',
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, {
        image: IMAGE,
        exposure: Exposure.loadBalancer({
          provider: LoadBalancerProvider.aws({ scheme: AwsLoadBalancerScheme.INTERNET_FACING, crossZoneLoadBalancing: true }),
          loadBalancerSourceRanges: ['203.0.113.0/24'],
        }),
      });
    },
    handWritten(chart, i) {
      hardenedApp(chart, `app${i}`, {
        from: [{ ipBlock: { cidr: '203.0.113.0/24' } }],
        service: {
          type: kplus.ServiceType.LOAD_BALANCER,
          annotations: {
            'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
            'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'instance',
            'service.beta.kubernetes.io/aws-load-balancer-attributes': 'load_balancing.cross_zone.enabled=true',
          },
          loadBalancerSourceRanges: ['203.0.113.0/24'],
          externalTrafficPolicy: 'Local',
          loadBalancerClass: 'service.k8s.aws/nlb',
        },
      });
    },
  },

  'external-ips': {
    unit: 'app: PublicWebApp + Exposure.externalIps() (one address per app)',
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, { image: IMAGE, exposure: Exposure.externalIps([`198.51.${100 + hi(i)}.${lo(i)}`]) });
    },
    handWritten(chart, i) {
      hardenedApp(chart, `app${i}`, { from: EVERYWHERE, service: { externalIPs: [`198.51.${100 + hi(i)}.${lo(i)}`] } });
    },
  },

  'host-port': {
    unit: 'app: PublicWebApp + Exposure.hostPort() (one host port per app)',
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, { image: IMAGE, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true, hostPort: 20000 + i }) });
    },
    handWritten(chart, i) {
      hardenedApp(chart, `app${i}`, { from: EVERYWHERE, hostPort: 20000 + i });
    },
  },

  'host-network': {
    unit: 'app: PublicWebApp + Exposure.hostNetwork() (DaemonSet, one port per app)',
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, { image: IMAGE, port: 20000 + i, exposure: Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true }) });
    },
    handWritten(chart, i) {
      hardenedApp(chart, `app${i}`, { from: EVERYWHERE, port: 20000 + i, hostNetwork: true });
    },
  },

  'gateway-api': {
    unit: 'app: PublicWebApp + Exposure.gateway() (HTTPRoute + HTTP redirect route on a shared Gateway)',
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, {
        image: IMAGE,
        host: `app${i}.example.com`,
        exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https', httpSectionName: 'http' } }),
      });
    },
    handWritten(chart, i) {
      const name = `app${i}`;
      const { scope } = hardenedApp(chart, name, { from: [fromNamespace('infra')] });
      const hostnames = [`${name}.example.com`];
      const matches = [{ path: { type: gw.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/' } }];
      new gw.HttpRoute(scope, 'HttpRoute', {
        metadata: { name, labels: appLabels(name) },
        spec: { parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'https' }], hostnames, rules: [{ matches, filters: ROUTE_FILTERS, backendRefs: [{ name, port: 80 }] }] },
      });
      new gw.HttpRoute(scope, 'HttpRedirectRoute', {
        metadata: { name: `${name}-http-redirect`, labels: appLabels(name) },
        spec: {
          parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'http' }],
          hostnames,
          rules: [{
            matches,
            filters: [{
              type: gw.HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
              requestRedirect: {
                scheme: gw.HttpRouteSpecRulesFiltersRequestRedirectScheme.HTTPS,
                statusCode: gw.HttpRouteSpecRulesFiltersRequestRedirectStatusCode.VALUE_301,
              },
            }],
          }],
        },
      });
    },
  },

  'mesh': {
    unit: 'app: PublicWebApp + Exposure.mesh() on one shared MeshGateway (retries, timeout)',
    expose(chart, i) {
      new PublicWebApp(chart, `app${i}`, {
        image: IMAGE,
        host: `app${i}.example.com`,
        exposure: Exposure.mesh(sharedMeshGateway(chart), { retries: { attempts: 3, perTryTimeout: '2s' }, timeout: '10s' }),
      });
    },
    handWritten(chart, i) {
      const name = `app${i}`;
      sharedIstioGateway(chart);
      const { scope } = hardenedApp(chart, name, { from: MESH_PEERS, podLabels: MESH_POD_LABELS, egress: MESH_EGRESS });
      meshPolicies(scope, name);
      virtualService(scope, name, `${name}.example.com`, 'istio-system/edge', [meshDestination(name)], { retries: { attempts: 3, perTryTimeout: '2s' }, timeout: '10s', headers: MESH_HEADERS });
    },
  },

  'bare-metal-lb-l2': {
    unit: 'pool: BareMetalLB (one pool, L2Advertisement) + PublicWebApp with Exposure.loadBalancer() and a fixed address of the pool',
    expose: (chart, i) => bareMetalExpose(chart, i, false),
    handWritten: (chart, i) => bareMetalHand(chart, i, false),
  },

  'bare-metal-lb-bgp': {
    unit: 'pool: BareMetalLB (one pool, BGPAdvertisement, BGPPeer, BFDProfile) + PublicWebApp with Exposure.loadBalancer() and a fixed address',
    expose: (chart, i) => bareMetalExpose(chart, i, true),
    handWritten: (chart, i) => bareMetalHand(chart, i, true),
  },

  'mesh-gateway': {
    unit: 'gateway: MeshGateway (mutual TLS) + stable PublicWebApp + 10% canary PublicWebApp (mTLS, AuthorizationPolicy)',
    expose(chart, i) {
      const host = `shop${i}.example.com`;
      const edge = new MeshGateway(chart, `gw${i}`, {
        name: `gw${i}`, hosts: [host], tls: MeshTls.mutual({ credentialName: `shop${i}-cert`, caCertCredentialName: `shop${i}-ca` }),
      });
      const stable = new PublicWebApp(chart, `shop${i}`, { image: IMAGE, host, exposure: Exposure.mesh(edge, { retries: { attempts: 2, perTryTimeout: '3s' }, timeout: '10s' }) });
      new PublicWebApp(chart, `shop${i}-next`, { image: 'ghcr.io/acme/shop:1.5.0', host, replicas: 1, exposure: Exposure.mesh(edge, { canary: MeshCanary.of(stable, 10) }) });
    },
    handWritten(chart, i) {
      const host = `shop${i}.example.com`;
      const stable = `shop${i}`;
      const canary = `shop${i}-next`;
      istioGateway(chart, `gw${i}`, [host], {
        mode: istio.GatewaySpecServersTlsMode.MUTUAL,
        credentialName: `${stable}-cert`,
        caCertCredentialName: `${stable}-ca`,
        minProtocolVersion: istio.GatewaySpecServersTlsMinProtocolVersion.TLSV1_UNDERSCORE_2,
      });
      const stableApp = hardenedApp(chart, stable, { from: MESH_PEERS, podLabels: MESH_POD_LABELS, egress: MESH_EGRESS });
      const canaryApp = hardenedApp(chart, canary, { from: MESH_PEERS, podLabels: MESH_POD_LABELS, egress: MESH_EGRESS, image: 'ghcr.io/acme/shop:1.5.0', replicas: 1 });
      meshPolicies(stableApp.scope, stable);
      meshPolicies(canaryApp.scope, canary);
      virtualService(stableApp.scope, stable, host, `istio-system/gw${i}`, [meshDestination(stable, 90), meshDestination(canary, 10)], { retries: { attempts: 2, perTryTimeout: '3s' }, timeout: '10s', headers: MESH_HEADERS });
    },
  },
};
