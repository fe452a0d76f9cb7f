/**
 * Issue 11, fault 4: every object an emitted object depends on is either
 * emitted or listed as a prerequisite (kind, name, why, check command) by a
 * public method and in the notes. One test per contributor: each way in,
 * controller and provider, BareMetalLB and MeshGateway.
 */
import { Chart, Testing } from 'cdk8s';
import {
  Advertisement, AwsTargetType, BareMetalLB, Exposure, ExternalTrafficPolicy, IngressController, LoadBalancerProvider, MeshGateway, MeshTls,
  MetalLbMode, Prerequisite, PublicWebApp, PublicWebAppProps, Tls,
} from '../src';
import { newChart } from './util/app';
import { kplus } from '../src/internal/plus.generated';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const HOST = 'shop.example.com';
const quiet = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
afterAll(() => quiet.mockRestore());
const PEER = { name: 'tor-a', myAsn: 64512, peerAsn: 64600, peerAddress: '10.0.0.1' };

const summary = (list: Prerequisite[]) => list.map((p) => `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`);

function app(props: Partial<PublicWebAppProps>, chart: Chart = newChart().chart): PublicWebApp {
  return new PublicWebApp(chart, 'web', { image: IMAGE, ...props });
}

describe('BareMetalLB', () => {
  test('the issue input: a BGP password Secret given by name is a prerequisite, with its check, in prerequisites() and notes()', () => {
    const chart = Testing.chart();
    const lb = new BareMetalLB(chart, 'lb', {
      pools: [{ name: 'routed', addresses: ['203.0.113.0/27'] }],
      advertisement: Advertisement.bgp({ peers: [{ ...PEER, passwordSecret: kplus.Secret.fromSecretName(chart, 'pw', 'tor-bgp-auth') }] }),
    });
    const secret = lb.prerequisites().find((p) => p.kind === 'Secret')!;
    expect(secret).toEqual({
      kind: 'Secret',
      apiVersion: 'v1',
      namespace: 'metallb-system',
      name: 'tor-bgp-auth',
      why: expect.stringContaining("BGPPeer metallb-system/tor-a reads the TCP MD5 password from key 'password'"),
      checkCommand: 'kubectl get secret tor-bgp-auth -n metallb-system',
    });
    expect(secret.why).toContain('MetalLB rejects the whole configuration and announces nothing');
    const notes = lb.notes();
    expect(notes).toContain('Before applying, the cluster must have');
    expect(notes).toContain('  - Secret metallb-system/tor-bgp-auth: BGPPeer metallb-system/tor-a');
    expect(notes).toContain('    kubectl get secret tor-bgp-auth -n metallb-system');
    expect(notes).toContain('kubectl get configurationstates.metallb.io -n metallb-system -o yaml');
  });

  test('peers sharing one Secret: one prerequisite naming them all', () => {
    const chart = Testing.chart();
    const pw = kplus.Secret.fromSecretName(chart, 'pw', 'tor-bgp-auth');
    const lb = new BareMetalLB(chart, 'lb', {
      pools: [{ name: 'routed', addresses: ['203.0.113.0/27'] }],
      advertisement: Advertisement.bgp({ peers: [{ ...PEER, passwordSecret: pw }, { ...PEER, name: 'tor-b', peerAddress: '10.0.0.2', passwordSecret: pw }] }),
    });
    const secrets = lb.prerequisites().filter((p) => p.kind === 'Secret');
    expect(secrets).toHaveLength(1);
    expect(secrets[0].why).toContain('BGPPeers metallb-system/tor-a, metallb-system/tor-b read the TCP MD5 password');
  });

  test('MetalLB itself, and frr-k8s in FRR-K8s mode with BGP; not in native mode or with L2 only', () => {
    const bgp = new BareMetalLB(Testing.chart(), 'lb', { pools: [{ name: 'p', addresses: ['10.1.0.0/28'] }], advertisement: Advertisement.bgp({ peers: [PEER] }) });
    expect(summary(bgp.prerequisites())).toEqual(['CustomResourceDefinition ipaddresspools.metallb.io', 'CustomResourceDefinition frrconfigurations.frrk8s.metallb.io']);
    expect(bgp.prerequisites()[0].checkCommand).toBe('kubectl get crd ipaddresspools.metallb.io && kubectl get pods -n metallb-system');
    expect(bgp.prerequisites()[0].why).toContain('BGP mode frr-k8s');
    const native = new BareMetalLB(Testing.chart(), 'lb', { mode: MetalLbMode.NATIVE, pools: [{ name: 'p', addresses: ['10.1.0.0/28'] }], advertisement: Advertisement.bgp({ peers: [PEER] }) });
    expect(summary(native.prerequisites())).toEqual(['CustomResourceDefinition ipaddresspools.metallb.io']);
    const l2 = new BareMetalLB(Testing.chart(), 'lb', { pools: [{ name: 'p', addresses: ['10.1.0.0/28'] }] });
    expect(summary(l2.prerequisites())).toEqual(['CustomResourceDefinition ipaddresspools.metallb.io']);
  });

  test('a password Secret emitted in the same App is not a prerequisite', () => {
    const { app: cdkApp, chart } = newChart('metallb-system');
    const secrets = new Chart(cdkApp, 'secrets', { namespace: 'metallb-system' });
    const pw = new kplus.BasicAuthSecret(secrets, 'pw', { username: 'u', password: 'p', metadata: { name: 'tor-bgp-auth' } });
    const lb = new BareMetalLB(chart, 'lb', { pools: [{ name: 'p', addresses: ['10.1.0.0/28'] }], advertisement: Advertisement.bgp({ peers: [{ ...PEER, passwordSecret: pw }] }) });
    expect(summary(lb.prerequisites())).not.toContain('Secret metallb-system/tor-bgp-auth');
  });

  test("an app on the MetalLB provider lists MetalLB's prerequisites in its own", () => {
    const { chart } = newChart();
    const lb = new BareMetalLB(chart, 'lb', {
      pools: [{ name: 'routed', addresses: ['203.0.113.0/27'] }],
      advertisement: Advertisement.bgp({ peers: [{ ...PEER, passwordSecret: kplus.Secret.fromSecretName(chart, 'pw', 'tor-bgp-auth') }] }),
    });
    const web = app({ exposure: Exposure.loadBalancer({ provider: lb.provider({ pool: 'routed' }), allowPublicAccess: true }) }, chart);
    expect(summary(web.prerequisites())).toEqual([
      'CustomResourceDefinition ipaddresspools.metallb.io', 'CustomResourceDefinition frrconfigurations.frrk8s.metallb.io', 'Secret metallb-system/tor-bgp-auth',
    ]);
    expect(web.notes()).toContain('    kubectl get secret tor-bgp-auth -n metallb-system');
  });
});

describe('ingress', () => {
  test('IngressClass and the cert-manager ClusterIssuer (cluster-scoped)', () => {
    const web = app({ host: HOST, tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }) });
    expect(web.prerequisites()).toEqual([
      expect.objectContaining({ kind: 'IngressClass', apiVersion: 'networking.k8s.io/v1', name: 'nginx', checkCommand: 'kubectl get ingressclass nginx' }),
      expect.objectContaining({ kind: 'ClusterIssuer', apiVersion: 'cert-manager.io/v1', name: 'letsencrypt-prod', checkCommand: 'kubectl get clusterissuers.cert-manager.io letsencrypt-prod' }),
    ]);
  });

  test('an Issuer lives in the app namespace; a Tls.fromSecret Secret too, unless the App emits it', () => {
    expect(summary(app({ host: HOST, tls: Tls.certManager({ issuer: 'shop-ca' }) }).prerequisites())).toEqual(['IngressClass nginx', 'Issuer shop/shop-ca']);
    const fromSecret = app({ host: HOST, tls: Tls.fromSecret('shop-tls') });
    expect(fromSecret.prerequisites()[1]).toEqual(expect.objectContaining({ kind: 'Secret', namespace: 'shop', name: 'shop-tls', checkCommand: 'kubectl get secret shop-tls -n shop' }));
    expect(fromSecret.notes()).toContain('  - Secret shop/shop-tls: Ingress shop/web reads its certificate from this kubernetes.io/tls Secret');
    const { chart } = newChart();
    new kplus.TlsSecret(chart, 'cert', { tlsCert: 'c', tlsKey: 'k', metadata: { name: 'shop-tls' } });
    expect(summary(app({ host: HOST, tls: Tls.fromSecret('shop-tls') }, chart).prerequisites())).toEqual(['IngressClass nginx']);
  });

  test('Traefik Middleware and Kong KongPlugin CRDs, only when such objects are emitted', () => {
    const traefik = app({ host: HOST, tls: Tls.fromSecret('t'), exposure: Exposure.ingress({ controller: IngressController.traefik() }) });
    expect(summary(traefik.prerequisites())).toContain('CustomResourceDefinition middlewares.traefik.io');
    const kong = app({ host: HOST, tls: Tls.fromSecret('t'), exposure: Exposure.ingress({ controller: IngressController.kong(), rateLimit: { requestsPerSecond: 5 } }) });
    expect(summary(kong.prerequisites())).toContain('CustomResourceDefinition kongplugins.configuration.konghq.com');
    // the default header filtering and security headers are KongPlugins too: without them, no plugin and no CRD
    const plainKong = app({ host: HOST, tls: Tls.fromSecret('t'), exposure: Exposure.ingress({ controller: IngressController.kong(), requestHeaders: { keepSpoofableHeaders: true }, securityHeaders: { enabled: false } }) });
    expect(summary(plainKong.prerequisites())).toEqual(['IngressClass kong', 'Secret shop/t']);
  });

  test('the ALB certificate lives in ACM', () => {
    const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abcd';
    const web = app({ host: HOST, exposure: Exposure.ingress({ controller: IngressController.awsAlb({ certificateArn: arn, vpcCidr: '10.0.0.0/16' }) }) });
    expect(web.prerequisites()).toEqual([
      expect.objectContaining({ kind: 'IngressClass', name: 'alb' }),
      expect.objectContaining({ kind: 'ACM certificate', name: arn, checkCommand: `aws acm describe-certificate --certificate-arn ${arn} --query Certificate.Status` }),
    ]);
    expect(web.prerequisites()[1].apiVersion).toBeUndefined();
  });

  test('a canary needs the IngressClass but takes its certificate from the stable app', () => {
    const { chart } = newChart();
    const stable = new PublicWebApp(chart, 'web', { image: IMAGE, host: HOST, tls: Tls.certManager({ clusterIssuer: 'le' }) });
    const canary = new PublicWebApp(chart, 'web-canary', { image: IMAGE, host: HOST, exposure: Exposure.ingress({ canary: { stable, weight: 10 } }) });
    expect(summary(canary.prerequisites())).toEqual(['IngressClass nginx']);
  });
});

describe('gateway', () => {
  test('an existing Gateway the route attaches to', () => {
    const web = app({ host: HOST, exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https' } }) });
    expect(web.prerequisites()).toEqual([expect.objectContaining({
      kind: 'Gateway',
      apiVersion: 'gateway.networking.k8s.io/v1',
      namespace: 'infra',
      name: 'shared',
      checkCommand: 'kubectl get gateways.gateway.networking.k8s.io shared -n infra',
      why: expect.stringContaining('HTTPRoute shop/web attaches to it (listener https)'),
    })]);
  });

  test('a Gateway created for the app: its GatewayClass, and an Issuer in the Gateway namespace with Gateway API support in cert-manager', () => {
    const web = app({ host: HOST, tls: Tls.certManager({ issuer: 'edge-ca' }), exposure: Exposure.gateway({ gatewayClassName: 'eg', gatewayNamespace: 'edge' }) });
    const list = web.prerequisites();
    expect(summary(list)).toEqual(['GatewayClass eg', 'Issuer edge/edge-ca']);
    expect(list[0].checkCommand).toBe('kubectl get gatewayclasses.gateway.networking.k8s.io eg');
    expect(list[1].why).toContain('config.enableGatewayAPI');
    // a Tls.fromSecret Secret stays with the app (a ReferenceGrant is emitted)
    expect(summary(app({ host: HOST, tls: Tls.fromSecret('shop-tls'), exposure: Exposure.gateway({ gatewayClassName: 'eg', gatewayNamespace: 'edge' }) }).prerequisites()))
      .toEqual(['GatewayClass eg', 'Secret shop/shop-tls']);
  });
  test("a canary rides on its stable app's route and Gateway: nothing of its own", () => {
    const { chart } = newChart();
    const stable = new PublicWebApp(chart, 'web', { image: IMAGE, host: HOST, tls: Tls.fromSecret('shop-tls'), exposure: Exposure.gateway({ gatewayClassName: 'eg' }) });
    const canary = new PublicWebApp(chart, 'web-canary', { image: IMAGE, host: HOST, exposure: Exposure.gateway({ canary: { stable, weight: 20 } }) });
    expect(summary(stable.prerequisites())).toEqual(['GatewayClass eg', 'Secret shop/shop-tls']);
    expect(canary.prerequisites()).toEqual([]);
  });
});

describe('load balancers', () => {
  test('AWS: the AWS Load Balancer Controller and the ACM certificates', () => {
    const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abcd';
    const provider = LoadBalancerProvider.aws({ targetType: AwsTargetType.INSTANCE, tlsCertificateArns: [arn] });
    const web = app({ exposure: Exposure.loadBalancer({ provider }) });
    expect(summary(web.prerequisites())).toEqual(['Deployment kube-system/aws-load-balancer-controller', `ACM certificate ${arn}`]);
    expect(web.prerequisites()[0].checkCommand).toBe('kubectl get deployment aws-load-balancer-controller -n kube-system');
  });

  test('the cluster default provider, GKE and AKS need nothing the cluster does not already run', () => {
    expect(app({ exposure: Exposure.loadBalancer({ allowPublicAccess: true }) }).prerequisites()).toEqual([]);
    expect(app({ exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.gcp(), allowPublicAccess: true }) }).prerequisites()).toEqual([]);
    expect(app({ exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.azure(), allowPublicAccess: true }) }).prerequisites()).toEqual([]);
  });
});

describe('mesh', () => {
  test("MeshGateway: Istio, the gateway pods and the credentialName Secret; an app on it lists the gateway's", () => {
    const { chart } = newChart();
    const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) });
    const list = edge.prerequisites();
    expect(summary(list)).toEqual(['CustomResourceDefinition gateways.networking.istio.io', 'Pod istio-system/istio=ingressgateway', 'Secret istio-system/wildcard-cert']);
    expect(list[1].checkCommand).toBe('kubectl get pods -n istio-system -l istio=ingressgateway');
    expect(list[2].checkCommand).toBe('kubectl get secret wildcard-cert -n istio-system');
    expect(edge.notes()).toContain('    kubectl get secret wildcard-cert -n istio-system');
    const web = app({ host: HOST, exposure: Exposure.mesh(edge) }, chart);
    expect(web.prerequisites()).toEqual(list);
  });

  test('mutual TLS with a separate CA Secret', () => {
    const edge = new MeshGateway(Testing.chart(), 'edge', { hosts: ['*.example.com'], tls: MeshTls.mutual({ credentialName: 'server', caCertCredentialName: 'clients-ca' }) });
    expect(summary(edge.prerequisites()).slice(2)).toEqual(['Secret istio-system/server', 'Secret istio-system/clients-ca']);
  });
});

describe('ways in that reference nothing', () => {
  test.each([
    ['clusterIp', Exposure.clusterIp()],
    ['nodePort', Exposure.nodePort({ allowSourceRanges: ['203.0.113.0/24'], externalTrafficPolicy: ExternalTrafficPolicy.LOCAL })],
    ['externalIps', Exposure.externalIps(['198.51.100.7'])],
  ])('%s', (_name, exposure) => {
    const web = app({ exposure });
    expect(web.prerequisites()).toEqual([]);
    expect(web.notes()).not.toContain('Before applying');
  });
});
