import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, ingress, lintRule, networkPolicy, service, workload } from './fixtures';
import { Exposure, ExposureLinter, IngressController, LintSeverity, PublicWebApp } from '../../src';

const nsPeer = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
/** NetworkPolicy on app=web admitting `from` on 8080. */
const webPolicy = (from: any[]) => networkPolicy('web', { matchLabels: { app: 'web' } }, { ingress: [{ from, ports: [{ protocol: 'TCP', port: 8080 }] }] });
const web = () => [workload('web'), service('web')];

describe('ingress-controller-network-policy', () => {
  test('error when the backend pods admit the app namespace only, not ingress-nginx (class nginx)', () => {
    const objects = [...web(), ingress('web'), webPolicy([nsPeer('default')])];
    expectSchemaValid(objects);
    const findings = lintRule(objects, 'ingress-controller-network-policy');
    expect(findings).toEqual([expect.objectContaining({
      severity: LintSeverity.ERROR,
      kind: 'Ingress',
      name: 'web',
      field: 'spec.rules[0].http.paths[0].backend.service',
    })]);
    expect(findings[0].message).toMatch(/^Ingress web is served by ingress-nginx pods \(app\.kubernetes\.io\/name=ingress-nginx in ingress-nginx\), which cannot reach Deployment web on port 8080: /);
    expect(findings[0].message).toContain('NetworkPolicy default/web');
  });

  test('no finding when the policy admits the controller, without a policy, or for a class the linter does not know', () => {
    const admitted = [...web(), ingress('web'), webPolicy([nsPeer('ingress-nginx')])];
    expectSchemaValid(admitted);
    expect(lintRule(admitted, 'ingress-controller-network-policy')).toEqual([]);
    expect(lintRule([...web(), ingress('web')], 'ingress-controller-network-policy')).toEqual([]);
    expect(lintRule([...web(), ingress('web', { ingressClassName: 'example-edge' }), webPolicy([nsPeer('default')])], 'ingress-controller-network-policy')).toEqual([]);
  });

  test('the IngressClass spec.controller names the implementation; a custom install comes from the edges option', () => {
    const klass = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'public' }, spec: { controller: 'traefik.io/ingress-controller' } };
    const objects = [...web(), klass, ingress('web', { ingressClassName: 'public' }), webPolicy([nsPeer('ingress-nginx')])];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'ingress-controller-network-policy').map((f) => f.message)).toEqual([
      expect.stringMatching(/^Ingress web is served by Traefik pods \(app\.kubernetes\.io\/name=traefik in traefik\)/),
    ]);
    const custom = [...web(), ingress('web', { ingressClassName: 'edge' }), webPolicy([nsPeer('edge-system')])];
    const linter = (ns: string) => new ExposureLinter({ edges: [{ className: 'edge', namespace: ns }] });
    expect(linter('edge-system').lint(custom).filter((f) => f.ruleId === 'ingress-controller-network-policy')).toEqual([]);
    expect(linter('other').lint(custom).filter((f) => f.ruleId === 'ingress-controller-network-policy')).toHaveLength(1);
    expect(() => new ExposureLinter({ edges: [{ className: 'edge' }] })).toThrow(/edges\[0\]\.namespace/);
  });

  test('a hostNetwork controller in the input connects from node addresses: a namespace peer does not admit it, an ipBlock does', () => {
    const controller = workload('ingress-nginx-controller', {
      kind: 'DaemonSet', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, podSpec: { hostNetwork: true },
    });
    const byNamespace = [...web(), controller, ingress('web'), webPolicy([nsPeer('ingress-nginx')])];
    expect(lintRule(byNamespace, 'ingress-controller-network-policy').map((f) => f.message)).toEqual([
      expect.stringContaining('hostNetwork pods of DaemonSet ingress-nginx/ingress-nginx-controller: node addresses'),
    ]);
    const byNodes = [...web(), controller, ingress('web'), webPolicy([{ ipBlock: { cidr: '10.0.0.0/24' } }])];
    expect(lintRule(byNodes, 'ingress-controller-network-policy')).toEqual([]);
  });

  test('a private ipBlock on the port stands for the nodes of a hostNetwork controller the input does not show; a public one does not', () => {
    expect(lintRule([...web(), ingress('web'), webPolicy([{ ipBlock: { cidr: '10.0.0.0/24' } }])], 'ingress-controller-network-policy')).toEqual([]);
    expect(lintRule([...web(), ingress('web'), webPolicy([{ ipBlock: { cidr: '203.0.113.0/24' } }])], 'ingress-controller-network-policy')).toHaveLength(1);
  });

  test('an AWS ALB reaches the pods from VPC or node addresses', () => {
    const objects = [...web(), ingress('web', { ingressClassName: 'alb' }), webPolicy([nsPeer('kube-system')])];
    expect(lintRule(objects, 'ingress-controller-network-policy').map((f) => f.message)).toEqual([
      expect.stringContaining('no rule admits an ipBlock or every source on port 8080/TCP'),
    ]);
    expect(lintRule([...web(), ingress('web', { ingressClassName: 'alb' }), webPolicy([{ ipBlock: { cidr: '10.0.0.0/16' } }])], 'ingress-controller-network-policy')).toEqual([]);
  });
});

describe('gateway-network-policy', () => {
  const gateway = (cls: string) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'shared', namespace: 'infra' },
    spec: { gatewayClassName: cls, listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
  });
  const route = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web' },
    spec: { parentRefs: [{ name: 'shared', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
  };

  test('error when the pods do not admit the Istio proxy of the Gateway (its namespace, gateway-name label)', () => {
    const objects = [...web(), gateway('istio'), route, webPolicy([nsPeer('default')])];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'gateway-network-policy')).toEqual([expect.objectContaining({
      kind: 'HTTPRoute',
      name: 'web',
      field: 'spec.rules[0].backendRefs[0]',
      message: expect.stringMatching(/^HTTPRoute web is served by the Istio proxy of Gateway infra\/shared pods \(gateway\.networking\.k8s\.io\/gateway-name=shared in infra\), which cannot reach Deployment web on port 8080/),
    })]);
  });

  test('Envoy Gateway proxies run in envoy-gateway-system', () => {
    const klass = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'eg' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } };
    const objects = [...web(), klass, gateway('eg'), route, webPolicy([nsPeer('infra')])];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'gateway-network-policy').map((f) => f.message)).toEqual([expect.stringContaining('in envoy-gateway-system')]);
    expect(lintRule([...web(), klass, gateway('eg'), route, webPolicy([nsPeer('envoy-gateway-system')])], 'gateway-network-policy')).toEqual([]);
  });

  test('no finding when the proxy namespace is admitted, or for an unknown GatewayClass', () => {
    expect(lintRule([...web(), gateway('istio'), route, webPolicy([nsPeer('infra')])], 'gateway-network-policy')).toEqual([]);
    expect(lintRule([...web(), gateway('acme'), route, webPolicy([nsPeer('default')])], 'gateway-network-policy')).toEqual([]);
  });
});

describe('mesh-gateway-network-policy', () => {
  const istioGateway = { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'edge', namespace: 'istio-system' }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } };
  const vs = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'web' }, spec: { hosts: ['shop.example.com'], gateways: ['istio-system/edge'], http: [{ route: [{ destination: { host: 'web.default.svc.cluster.local', port: { number: 80 } } }] }] } };

  test('error when the destination pods do not admit the ingress gateway pods', () => {
    const objects = [...web(), istioGateway, vs, webPolicy([nsPeer('default')])];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'mesh-gateway-network-policy')).toEqual([expect.objectContaining({
      kind: 'VirtualService',
      name: 'web',
      field: 'spec.http[0].route[0].destination',
      message: expect.stringMatching(/^VirtualService web is served by the Istio ingress gateway of Gateway istio-system\/edge pods \(istio=ingressgateway in istio-system\)/),
    })]);
  });

  test('no finding when the gateway namespace is admitted', () => {
    expect(lintRule([...web(), istioGateway, vs, webPolicy([nsPeer('istio-system')])], 'mesh-gateway-network-policy')).toEqual([]);
  });
});

describe('nlb-ip-target-network-policy', () => {
  const nlb = () => service('web', {
    type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb', externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['203.0.113.0/24'],
  }, { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip', 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' } });

  test('error when the policy admits only the client ranges', () => {
    const objects = [workload('web'), nlb(), webPolicy([{ ipBlock: { cidr: '203.0.113.0/24' } }])];
    expectSchemaValid(objects);
    expect(lintRule(objects, 'nlb-ip-target-network-policy')).toEqual([expect.objectContaining({
      kind: 'Service',
      name: 'web',
      message: 'Service web sends through an NLB with ip targets, but NetworkPolicy default/web admits traffic to Deployment web on port 8080 from no address beyond the loadBalancerSourceRanges (203.0.113.0/24): the NLB health checks fail',
    })]);
  });

  test('no finding when the VPC is admitted, for instance targets, or without a policy', () => {
    expect(lintRule([workload('web'), nlb(), webPolicy([{ ipBlock: { cidr: '203.0.113.0/24' } }, { ipBlock: { cidr: '10.0.0.0/16' } }])], 'nlb-ip-target-network-policy')).toEqual([]);
    const instance = nlb();
    instance.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type'] = 'instance';
    expect(lintRule([workload('web'), instance, webPolicy([{ ipBlock: { cidr: '203.0.113.0/24' } }])], 'nlb-ip-target-network-policy')).toEqual([]);
    expect(lintRule([workload('web'), nlb()], 'nlb-ip-target-network-policy')).toEqual([]);
  });
});

test('the library\'s own Ingress and Gateway apps pass the edge rules', () => {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  new PublicWebApp(chart, 'a', { image: 'ghcr.io/acme/a:1.0.0', host: 'a.example.com', exposure: Exposure.ingress({ controller: IngressController.nginx(), allowPlainHttp: true }) });
  new PublicWebApp(chart, 'd', { image: 'ghcr.io/acme/d:1.0.0', host: 'd.example.com', exposure: Exposure.ingress({ controller: IngressController.nginx({ nodeCidrs: ['10.0.0.0/24'] }), allowPlainHttp: true }) });
  new PublicWebApp(chart, 'b', { image: 'ghcr.io/acme/b:1.0.0', host: 'b.example.com', exposure: Exposure.ingress({ controller: IngressController.traefik(), allowPlainHttp: true }) });
  new PublicWebApp(chart, 'c', { image: 'ghcr.io/acme/c:1.0.0', host: 'c.example.com', exposure: Exposure.gateway({ gatewayClassName: 'istio', allowPlainHttp: true }) });
  const objects = Testing.synth(chart);
  expect(objects.filter((o) => o.kind === 'NetworkPolicy').length).toBeGreaterThanOrEqual(4);
  expect(new ExposureLinter().lint(objects).filter((f) => f.ruleId.endsWith('-network-policy'))).toEqual([]);
});

test('HAProxy (class haproxy, the Helm chart defaults): a policy admitting only ingress-nginx drops the HAProxy pods', () => {
  const findings = lintRule([...web(), ingress('web', { ingressClassName: 'haproxy' }), webPolicy([nsPeer('ingress-nginx')])], 'ingress-controller-network-policy');
  expect(findings.map((f) => f.message).join('\n')).toMatch(/HAProxy/);
  expect(lintRule([...web(), ingress('web', { ingressClassName: 'haproxy' }), webPolicy([nsPeer('haproxy-controller')])], 'ingress-controller-network-policy')).toEqual([]);
});
