/**
 * Issue 11, fault 14: every object an app writes carries the app's labels
 * (the `labels` prop and app.kubernetes.io/name + /instance), whichever way
 * in wrote it. Walks every ApiObject under each app of a chart that uses
 * every exposure, controller, provider, TLS kind and canary.
 */
import { ApiObject, Chart, Size, Testing } from 'cdk8s';
import {
  Advertisement, AwsLoadBalancerScheme, BareMetalLB, Exposure, ExternalTrafficPolicy, IngressController, LoadBalancerProvider,
  MeshCanary, MeshDataplane, MeshGateway, MeshTls, PublicWebApp, Tls,
} from '../src';
import { expectValid } from './util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const TEAM = { team: 'payments' };

function everyWayIn(): { chart: Chart; apps: PublicWebApp[] } {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const apps: PublicWebApp[] = [];
  const add = (id: string, props: any) => {
    const a = new PublicWebApp(chart, id, { image: IMAGE, labels: TEAM, ...props });
    apps.push(a);
    return a;
  };
  const certManager = Tls.certManager({ clusterIssuer: 'letsencrypt-prod' });
  // Ingress: nginx (with a canary), Traefik and Kong CRs, AWS ALB
  const nginx = add('nginx', { host: 'nginx.example.com', tls: certManager, exposure: Exposure.ingress({ rateLimit: { requestsPerSecond: 10 } }) });
  add('nginx-canary', { host: 'nginx.example.com', exposure: Exposure.ingress({ canary: { stable: nginx, weight: 10 } }) });
  add('traefik', {
    host: 'traefik.example.com',
    tls: Tls.fromSecret('traefik-tls'),
    exposure: Exposure.ingress({ controller: IngressController.traefik(), rateLimit: { requestsPerSecond: 10 }, allowSourceRanges: ['198.51.100.0/24'], maxRequestBodySize: Size.mebibytes(8) }),
  });
  add('kong', {
    host: 'kong.example.com',
    tls: certManager,
    exposure: Exposure.ingress({ controller: IngressController.kong(), rateLimit: { requestsPerSecond: 10 }, allowSourceRanges: ['198.51.100.0/24'] }),
  });
  add('alb', {
    host: 'alb.example.com',
    exposure: Exposure.ingress({ controller: IngressController.awsAlb({ scheme: AwsLoadBalancerScheme.INTERNET_FACING, certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc', vpcCidr: '10.0.0.0/16' }) }),
  });
  // Gateway API: own Gateway with cert-manager, own Gateway in another namespace (ReferenceGrant), existing Gateway + canary
  add('gw-own', { host: 'own.example.com', tls: certManager, exposure: Exposure.gateway({ gatewayClassName: 'istio' }) });
  add('gw-infra', { host: 'infra.example.com', tls: Tls.fromSecret('infra-tls'), exposure: Exposure.gateway({ gatewayClassName: 'eg', gatewayNamespace: 'infra' }) });
  const gwStable = add('gw-shared', { host: 'shared.example.com', exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https' } }) });
  add('gw-canary', { host: 'shared.example.com', exposure: Exposure.gateway({ canary: { stable: gwStable, weight: 10 } }) });
  // Service ways in
  add('cip', { exposure: Exposure.clusterIp({ allowFromNamespaces: ['monitoring'] }) });
  add('np', { exposure: Exposure.nodePort({ allowSourceRanges: ['198.51.100.0/24'], externalTrafficPolicy: ExternalTrafficPolicy.LOCAL }) });
  add('lb-aws', { exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.aws(), loadBalancerSourceRanges: ['203.0.113.0/24'] }) });
  add('lb-gcp', { exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.gcp(), loadBalancerSourceRanges: ['203.0.113.0/24'] }) });
  add('lb-azure', { exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.azure(), loadBalancerSourceRanges: ['203.0.113.0/24'] }) });
  const metallb = new BareMetalLB(chart, 'metallb', { pools: [{ name: 'lan', addresses: ['192.168.50.10-192.168.50.20'] }], advertisement: Advertisement.l2() });
  add('lb-metallb', { exposure: Exposure.loadBalancer({ provider: metallb.provider({ pool: 'lan' }), loadBalancerSourceRanges: ['203.0.113.0/24'] }) });
  add('eip', { exposure: Exposure.externalIps(['203.0.113.10']) });
  add('hport', { port: 8086, replicas: 1, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true }) });
  add('hnet', { exposure: Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true }) });
  // Istio mesh: sidecar, ambient, canary
  const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) });
  const meshStable = add('mesh', { host: 'mesh.example.com', exposure: Exposure.mesh(edge, { version: 'v1' }) });
  add('mesh-next', { host: 'mesh.example.com', exposure: Exposure.mesh(edge, { version: 'v2', canary: MeshCanary.of(meshStable, 10) }) });
  add('ambient', { host: 'ambient.example.com', exposure: Exposure.mesh(edge, { dataplane: MeshDataplane.AMBIENT }) });
  return { chart, apps };
}

test('every object of every app carries the labels prop and app.kubernetes.io/name and /instance', () => {
  const { chart, apps } = everyWayIn();
  expectValid(chart, { privilegedWorkloads: ['hport', 'hnet'] });
  const kinds = new Set<string>();
  let checked = 0;
  for (const app of apps) {
    for (const obj of app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)) {
      const json = obj.toJson();
      const labels = json.metadata?.labels ?? {};
      const where = `${app.node.path}: ${json.kind} ${json.metadata?.name}`;
      kinds.add(json.kind);
      checked++;
      expect({ where, team: labels.team, instance: labels['app.kubernetes.io/instance'] }).toEqual({ where, team: 'payments', instance: app.name });
      if (json.kind === 'Gateway' && json.apiVersion.startsWith('gateway.networking.k8s.io/')) {
        // Istio copies a Gateway's labels onto its proxy pods: never the app's pod selector
        expect({ where, name: labels['app.kubernetes.io/name'] }).toEqual({ where, name: undefined });
      } else {
        expect({ where, name: labels['app.kubernetes.io/name'] }).toEqual({ where, name: app.name });
      }
    }
  }
  // the walk really covered the objects of every way in
  for (const k of ['Deployment', 'DaemonSet', 'Service', 'NetworkPolicy', 'PodDisruptionBudget', 'Ingress', 'Middleware', 'KongPlugin',
    'Gateway', 'HTTPRoute', 'ReferenceGrant', 'VirtualService', 'DestinationRule', 'PeerAuthentication', 'AuthorizationPolicy']) {
    expect([...kinds]).toContain(k);
  }
  expect(checked).toBeGreaterThan(60);
});

test('an object that sets a label key itself keeps its value; the selector stays the selector', () => {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const web = new PublicWebApp(chart, 'web', { image: IMAGE, host: 'shop.example.com', labels: { 'team': 'payments', 'app.kubernetes.io/part-of': 'store' }, exposure: Exposure.ingress({ allowPlainHttp: true }) });
  const objects = expectValid(chart);
  const ingress = objects.find((o) => o.kind === 'Ingress');
  expect(ingress.metadata.labels).toEqual({
    'team': 'payments', 'app.kubernetes.io/part-of': 'store', 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web',
  });
  expect(objects.find((o) => o.kind === 'Service').spec.selector).toEqual(web.selectorLabels);
});
