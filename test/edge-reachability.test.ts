/**
 * Issue 11, faults 9-11: the edge that really carries the traffic must be
 * admitted by the app's NetworkPolicy (hostNetwork controllers and gateway
 * proxies connect from node addresses), cert-manager's HTTP-01 solver route
 * must be admitted by a Gateway in another namespace, and client source
 * ranges must not silently admit the pod network. Each assertion is on the
 * emitted objects, evaluated with the library's NetworkPolicyEvaluator.
 */
import { App, Chart, Testing } from 'cdk8s';
import {
  Exposure, IngressController, NetworkEndpoint, NetworkPolicyEvaluator, NetworkProtocol, PublicWebApp, Tls,
} from '../src';
import { exposeError } from './util/errors';
import { expectValid } from './util/schema';
import { warningsOf } from '../src/internal/warnings';
import { labelSelectorMatches } from '../src/lint/selector';

process.env.CDK8S_EXPOSE_QUIET = '1';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const SHOP = NetworkEndpoint.pod('shop', { 'app.kubernetes.io/name': 'web' });

function chartIn(app: App = Testing.app(), namespace = 'shop'): Chart {
  return new Chart(app, `c${app.charts.length}`, { namespace });
}

describe('NetworkPolicyEvaluator', () => {
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'edge', labels: { tier: 'edge' } } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x:1', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { tier: 'edge' } }, podSelector: { matchLabels: { role: 'proxy' } } }], ports: [{ port: 'http' }] },
          { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.244.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 9000, endPort: 9010 }] },
        ],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] }],
      },
    },
  ];
  const np = new NetworkPolicyEvaluator(objects);
  const web = NetworkEndpoint.pod('shop', { app: 'web' });

  test('namespace labels from Namespace objects, pod labels, named ports', () => {
    expect(np.isAllowed({ from: NetworkEndpoint.pod('edge', { role: 'proxy' }), to: web, port: 8080 })).toBe(true);
    expect(np.isAllowed({ from: NetworkEndpoint.pod('edge', { role: 'proxy' }), to: web, port: 8081 })).toBe(false);
    expect(np.isAllowed({ from: NetworkEndpoint.pod('edge', { role: 'other' }), to: web, port: 8080 })).toBe(false);
    // a namespace not in the manifests has only kubernetes.io/metadata.name
    expect(np.isAllowed({ from: NetworkEndpoint.pod('other', { role: 'proxy' }), to: web, port: 8080 })).toBe(false);
  });

  test('ipBlock with except and endPort; pods match ipBlock only with an IP', () => {
    expect(np.isAllowed({ from: NetworkEndpoint.address('10.1.2.3'), to: web, port: 9005 })).toBe(true);
    expect(np.isAllowed({ from: NetworkEndpoint.address('10.1.2.3'), to: web, port: 9011 })).toBe(false);
    expect(np.isAllowed({ from: NetworkEndpoint.address('10.244.2.3'), to: web, port: 9005 })).toBe(false);
    expect(np.isAllowed({ from: NetworkEndpoint.pod('x', {}), to: web, port: 9005 })).toBe(false);
    expect(np.isAllowed({ from: NetworkEndpoint.pod('x', {}, '10.1.0.9'), to: web, port: 9005 })).toBe(true);
  });

  test('egress: both the sender and the receiver must admit; protocol matters', () => {
    const dns = NetworkEndpoint.pod('kube-system', { 'k8s-app': 'kube-dns' });
    expect(np.isAllowed({ from: web, to: dns, port: 53, protocol: NetworkProtocol.UDP })).toBe(true);
    const tcp = np.evaluate({ from: web, to: dns, port: 53 });
    expect(tcp.allowed).toBe(false);
    expect(tcp.reason).toContain('isolated for egress by NetworkPolicy shop/web');
    // a pod no policy selects is not isolated
    expect(np.isAllowed({ from: NetworkEndpoint.address('203.0.113.1'), to: NetworkEndpoint.pod('shop', { app: 'db' }), port: 5432 })).toBe(true);
  });

  test('bad input is an ExposeError naming the field', () => {
    expect(exposeError(() => np.isAllowed({ from: web, to: web, port: 0 })).message).toContain('port=0');
    expect(exposeError(() => np.isAllowed({ from: NetworkEndpoint.address('nope'), to: web, port: 80 })).message).toContain('from.ip="nope"');
    // a misspelt key from JavaScript is refused, not silently read as TCP
    const typo: any = { from: web, to: web, port: 53, protocl: NetworkProtocol.UDP };
    expect(exposeError(() => np.isAllowed(typo)).message).toMatch(/protocl.*protocol/);
  });
});

describe('hostNetwork Ingress controllers and Gateway proxies connect from node addresses (fault 9)', () => {
  const NODE = NetworkEndpoint.address('10.0.0.17');
  const cases: [string, () => IngressController][] = [
    ['nginx', () => IngressController.nginx({ nodeCidrs: ['10.0.0.0/24'] })],
    ['traefik', () => IngressController.traefik({ nodeCidrs: ['10.0.0.0/24'] })],
    ['kong', () => IngressController.kong({ nodeCidrs: ['10.0.0.0/24'] })],
  ];

  test.each(cases)('%s with nodeCidrs: the nodes are admitted to the app port, an unrelated pod is not', (_name, controller) => {
    const c = chartIn();
    new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', tls: Tls.fromSecret('shop-tls'), exposure: Exposure.ingress({ controller: controller() }) });
    const np = new NetworkPolicyEvaluator(expectValid(c));
    expect(np.isAllowed({ from: NODE, to: SHOP, port: 8080 })).toBe(true);
    expect(np.isAllowed({ from: NetworkEndpoint.address('10.0.1.17'), to: SHOP, port: 8080 })).toBe(false);
    expect(np.isAllowed({ from: NetworkEndpoint.pod('unrelated', { app: 'x' }), to: SHOP, port: 8080 })).toBe(false);
  });

  test('without nodeCidrs a hostNetwork controller is dropped: the policy admits its namespace only (today\'s default, documented)', () => {
    const c = chartIn();
    new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', tls: Tls.fromSecret('shop-tls'), exposure: Exposure.ingress() });
    const np = new NetworkPolicyEvaluator(expectValid(c));
    expect(np.isAllowed({ from: NODE, to: SHOP, port: 8080 })).toBe(false);
    expect(np.isAllowed({ from: NetworkEndpoint.pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }), to: SHOP, port: 8080 })).toBe(true);
  });

  test('Gateway proxies with proxyNodeCidrs', () => {
    const c = chartIn();
    new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.fromSecret('shop-tls'),
      exposure: Exposure.gateway({ gatewayClassName: 'cilium', proxyNodeCidrs: ['10.0.0.0/24'] }),
    });
    const np = new NetworkPolicyEvaluator(expectValid(c));
    expect(np.isAllowed({ from: NODE, to: SHOP, port: 8080 })).toBe(true);
    expect(np.isAllowed({ from: NetworkEndpoint.pod('shop', { app: 'other' }), to: SHOP, port: 8080 })).toBe(false);
  });

  test.each([
    [() => Exposure.ingress({ controller: IngressController.nginx({ nodeCidrs: [] }) }), 'exposure.controller.nodeCidrs=[]: an empty list would admit no node'],
    [() => Exposure.ingress({ controller: IngressController.traefik({ nodeCidrs: ['0.0.0.0/0'] }) }), 'exposure.controller.nodeCidrs[0]="0.0.0.0/0": admits every address'],
    [() => Exposure.ingress({ controller: IngressController.kong({ nodeCidrs: ['nodes'] }) }), 'exposure.controller.nodeCidrs[0]="nodes": is not a CIDR block'],
    [() => Exposure.gateway({ gatewayClassName: 'eg', proxyNodeCidrs: ['10.0.0.0/24'], proxyNamespace: 'envoy-gateway-system' }), 'exposure.proxyNamespace="envoy-gateway-system": host-network proxies connect from their node addresses'],
  ])('refused: %#', (exposure, message) => {
    const e = exposeError(() => new PublicWebApp(chartIn(), 'web', { image: IMAGE, host: 'shop.example.com', tls: Tls.fromSecret('shop-tls'), exposure: exposure() }));
    expect(e.message).toContain(message);
  });
});

describe('cert-manager HTTP-01 with a Gateway in another namespace (fault 10)', () => {
  /** Does listener `name` of the Gateway admit an HTTPRoute from namespace `ns`? (Gateway API allowedRoutes.namespaces) */
  function admits(gateway: any, name: string, ns: string): boolean {
    const l = gateway.spec.listeners.find((x: any) => x.name === name);
    const from = l.allowedRoutes?.namespaces?.from ?? 'Same';
    if (from === 'All') return true;
    if (from === 'Same') return ns === gateway.metadata.namespace;
    return labelSelectorMatches(l.allowedRoutes.namespaces.selector, { 'kubernetes.io/metadata.name': ns });
  }

  test("the solver's HTTPRoute, created in the Gateway's namespace, is admitted by the HTTP listener; the HTTPS listener stays the app's", () => {
    const c = chartIn();
    new PublicWebApp(c, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
      exposure: Exposure.gateway({ gatewayClassName: 'eg', gatewayNamespace: 'edge' }),
    });
    const gateway = expectValid(c).find((o) => o.kind === 'Gateway');
    expect(gateway.metadata.namespace).toBe('edge');
    expect(gateway.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(admits(gateway, 'http', 'edge')).toBe(true); // cert-manager's solver route
    expect(admits(gateway, 'http', 'shop')).toBe(true); // the app's redirect route
    expect(admits(gateway, 'https', 'shop')).toBe(true);
    expect(admits(gateway, 'https', 'edge')).toBe(false);
    expect(admits(gateway, 'http', 'other')).toBe(false);
  });

  test('a certificate from a Secret needs no solver: the HTTP listener admits the app only', () => {
    const c = chartIn();
    new PublicWebApp(c, 'web', { image: IMAGE, host: 'shop.example.com', tls: Tls.fromSecret('shop-tls'), exposure: Exposure.gateway({ gatewayClassName: 'eg', gatewayNamespace: 'edge' }) });
    const gateway = expectValid(c).find((o) => o.kind === 'Gateway');
    expect(admits(gateway, 'http', 'edge')).toBe(false);
  });
});

describe('client source ranges that contain the pod network (fault 11)', () => {
  function appWithContext(context: Record<string, unknown>, ranges: string[]) {
    const app = Testing.app();
    for (const [k, v] of Object.entries(context)) app.node.setContext(k, v);
    const c = chartIn(app);
    const web = new PublicWebApp(c, 'web', {
      image: IMAGE,
      exposure: Exposure.loadBalancer({ loadBalancerSourceRanges: ranges }),
    });
    return { c, web };
  }
  const POD = NetworkEndpoint.pod('unrelated', { app: 'x' }, '192.168.12.7');

  test('pod CIDRs stated: a range that contains them gets them as except; clients still pass, pods do not', () => {
    const { c, web } = appWithContext({ 'cdk8s-expose:podCidrs': ['192.168.0.0/18'] }, ['192.168.0.0/16']);
    const objs = expectValid(c);
    const policy = objs.find((o) => o.kind === 'NetworkPolicy');
    expect(policy.spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.0.0/18'] } }]);
    const np = new NetworkPolicyEvaluator(objs);
    expect(np.isAllowed({ from: POD, to: SHOP, port: 8080 })).toBe(false);
    expect(np.isAllowed({ from: NetworkEndpoint.address('192.168.100.1'), to: SHOP, port: 8080 })).toBe(true);
    expect(web.notes()).toContain('expected to time out: the NetworkPolicy admits only 192.168.0.0/16 except the pod network 192.168.0.0/18');
  });

  test('a range inside the pod or Service network is refused', () => {
    expect(exposeError(() => appWithContext({ 'cdk8s-expose:podCidrs': '10.244.0.0/16' }, ['10.244.1.0/24'])).message)
      .toContain("exposure.loadBalancerSourceRanges[0]=\"10.244.1.0/24\": lies inside the cluster's pod network 10.244.0.0/16");
    expect(exposeError(() => appWithContext({ 'cdk8s-expose:podCidrs': ['10.244.0.0/16'], 'cdk8s-expose:serviceCidrs': ['10.96.0.0/12'] }, ['10.96.0.0/16'])).message)
      .toContain("exposure.loadBalancerSourceRanges[0]=\"10.96.0.0/16\": lies inside the cluster's Service network 10.96.0.0/12");
    expect(exposeError(() => appWithContext({ 'cdk8s-expose:podCidrs': ['pods'] }, ['203.0.113.0/24'])).message)
      .toContain('context cdk8s-expose:podCidrs="pods": is not a CIDR block');
  });

  test.each([['192.168.0.0/16'], ['10.0.0.0/8']])('pod network not stated: %s is warned about, and the notes do not promise a time-out', (range) => {
    const { web } = appWithContext({}, [range]);
    expect(warningsOf(web).join('\n')).toMatch(new RegExp(`exposure.loadBalancerSourceRanges\\[0\\]=${range.replace(/[./]/g, '\\$&')} overlaps .*cdk8s-expose:podCidrs`));
    expect(web.notes()).not.toContain('expected to time out');
    expect(web.notes()).toContain(`answers only if this pod's IP is inside ${range}`);
  });

  test('the same for NodePort and hostPort allowlists', () => {
    const app = Testing.app();
    app.node.setContext('cdk8s-expose:podCidrs', ['10.42.0.0/16']);
    const c = chartIn(app);
    new PublicWebApp(c, 'np', { image: IMAGE, name: 'np', exposure: Exposure.nodePort({ allowSourceRanges: ['10.0.0.0/8'], externalTrafficPolicy: 'Local' as any }) });
    const policy = Testing.synth(c).find((o) => o.kind === 'NetworkPolicy');
    expect(policy.spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.42.0.0/16'] } }]);
    expect(exposeError(() => new PublicWebApp(c, 'hp', {
      image: IMAGE, name: 'hp', exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true, hostPort: 8086, allowSourceRanges: ['10.42.7.0/24'] }),
    })).prop).toBe('exposure.allowSourceRanges[0]');
  });

  test('ranges outside every default pod network: no warning, time-out promised', () => {
    const { web } = appWithContext({}, ['203.0.113.0/24']);
    expect(warningsOf(web)).toEqual([]);
    expect(web.notes()).toContain('expected to time out');
  });
});
