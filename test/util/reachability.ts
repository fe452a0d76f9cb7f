/**
 * The sources that really carry an app's traffic, written from the facts of
 * each way in (shared/reference/exposure-api-facts.md §8), not read from the
 * library's own NetworkPolicy peers: used by the reachability test over the
 * examples and by the fuzz oracle.
 */
import { NetworkEndpoint, NetworkPolicyEvaluator, NetworkProtocol, PublicWebApp, WorkloadExposure } from '../../src';
import { formatIp, parseCidr } from '../../src/internal/validation';
import { AwsLoadBalancerProvider } from '../../src/load-balancer-providers/aws';

/** An address inside a CIDR block (its first host). */
export function addressIn(cidr: string): string {
  const c = parseCidr(cidr)!;
  return formatIp({ version: c.version, value: c.last > c.first ? c.first + 1n : c.first });
}

/** A source that carries the app's traffic, with why. */
export interface RealSource {
  readonly what: string;
  readonly from: NetworkEndpoint;
}

/** The sources that really carry traffic to `web`, from its way in's options (undefined: NetworkPolicy does not apply). */
export function realSources(web: PublicWebApp | WorkloadExposure): RealSource[] | undefined {
  const wayIn: any = web.exposure._wayIn;
  const o = wayIn.options ?? {};
  const ns = web.namespace ?? 'default';
  const client = (ranges: string[] | undefined): RealSource => ({
    what: 'a client', from: NetworkEndpoint.address(ranges && ranges.length > 0 ? addressIn(ranges[0]) : '198.51.100.77'),
  });
  switch (wayIn.kind) {
    case 'ingress': {
      const s = wayIn.controller._strategy;
      if (s.name === 'aws-alb') return [{ what: 'the ALB (VPC address)', from: NetworkEndpoint.address(addressIn(s.options.vpcCidr)) }];
      if (s.nodeCidrs) return [{ what: `the hostNetwork ${s.name} controller (its node)`, from: NetworkEndpoint.address(addressIn(s.nodeCidrs[0])) }];
      const name = { nginx: 'ingress-nginx', traefik: 'traefik', kong: 'kong', haproxy: 'kubernetes-ingress' }[s.name as string]!;
      return [{ what: `the ${s.name} controller pods`, from: NetworkEndpoint.pod(s.namespace, { 'app.kubernetes.io/name': name }) }];
    }
    case 'gateway': {
      const g = o.canary ? (o.canary.stable.exposure._wayIn as any).options : o;
      const stableNs = o.canary ? o.canary.stable.namespace ?? 'default' : ns;
      if (g.proxyNodeCidrs) return [{ what: 'the hostNetwork Gateway proxies (their node)', from: NetworkEndpoint.address(addressIn(g.proxyNodeCidrs[0])) }];
      const gwName = g.gateway ? g.gateway.name : g.gatewayName ?? (o.canary ? o.canary.stable.name : web.name);
      const gwNs = g.gateway ? g.gateway.namespace ?? stableNs : g.gatewayNamespace ?? stableNs;
      return [{
        what: `the proxies of Gateway ${gwName}`,
        from: NetworkEndpoint.pod(g.proxyNamespace ?? gwNs, { ...g.proxyPodLabels, 'gateway.networking.k8s.io/gateway-name': gwName }),
      }];
    }
    case 'mesh': {
      const edge = wayIn.edge;
      return [{ what: 'the Istio ingress gateway', from: NetworkEndpoint.pod(edge.namespace, { ...edge.selector }) }];
    }
    case 'loadBalancer': {
      const sources = [client(o.allowSourceRanges ?? o.loadBalancerSourceRanges)];
      const provider = wayIn.provider;
      if (provider instanceof AwsLoadBalancerProvider && (provider as any).options?.targetType === 'ip') {
        sources.push({ what: 'the NLB health checks (VPC address)', from: NetworkEndpoint.address(addressIn((provider as any).options.vpcCidr ?? '10.0.0.0/16')) });
      }
      return sources;
    }
    case 'nodePort':
    case 'hostPort':
      return [client(o.allowSourceRanges)];
    case 'externalIps':
      return [client(undefined)];
    case 'clusterIp':
      return (o.allowFromNamespaces ?? []).map((n: string) => ({ what: `a pod of namespace ${n}`, from: NetworkEndpoint.pod(n, { app: 'client' }) }));
    case 'hostNetwork':
      return undefined;
    default:
      throw new Error(`no real sources written for way in ${wayIn.kind}`);
  }
}

/**
 * Reachability problems of one app in the synthesized objects: a real source
 * that is dropped, a pod of an unrelated namespace that is admitted by
 * selector, DNS (UDP and TCP 53) that the app cannot reach.
 */
export function reachabilityProblems(web: PublicWebApp | WorkloadExposure, np: NetworkPolicyEvaluator): string[] {
  const problems: string[] = [];
  const pod = NetworkEndpoint.pod(web.namespace ?? 'default', web.selectorLabels);
  const sources = realSources(web);
  // every port of the app with who may reach it (PublicWebAppProps.ports)
  interface PortFacts {
    name: string;
    port: number;
    protocol: NetworkProtocol;
    access: string;
    peers: Array<{ namespace?: string; podLabels?: Record<string, string> }>;
  }
  const ports: PortFacts[] = (web as any).facts.ports;
  const intruder = NetworkEndpoint.pod('unrelated-fuzz', { app: 'intruder' });
  if (sources !== undefined) {
    for (const p of ports.filter((x) => x.access === 'exposure')) {
      for (const s of sources) {
        const v = np.evaluate({ from: s.from, to: pod, port: p.port, protocol: p.protocol });
        if (!v.allowed) problems.push(`${web.node.path}: ${s.what} cannot reach port ${p.port}/${p.protocol}: ${v.reason}`);
      }
      if (np.isAllowed({ from: intruder, to: pod, port: p.port, protocol: p.protocol })) {
        problems.push(`${web.node.path}: a pod of an unrelated namespace reaches port ${p.port}/${p.protocol}`);
      }
    }
    // internal ports admit their peers and nobody else; pod-local ports admit nobody
    for (const p of ports.filter((x) => x.access !== 'exposure')) {
      for (const peer of p.peers) {
        const from = NetworkEndpoint.pod(peer.namespace ?? web.namespace ?? 'default', peer.podLabels ?? { app: 'client' });
        const v = np.evaluate({ from, to: pod, port: p.port, protocol: p.protocol });
        if (!v.allowed) problems.push(`${web.node.path}: internal peer ${JSON.stringify(peer)} cannot reach port ${p.name} ${p.port}/${p.protocol}: ${v.reason}`);
      }
      if (np.isAllowed({ from: intruder, to: pod, port: p.port, protocol: p.protocol })) {
        problems.push(`${web.node.path}: a pod of an unrelated namespace reaches ${p.access} port ${p.name} ${p.port}/${p.protocol}`);
      }
    }
  }
  for (const protocol of [NetworkProtocol.UDP, NetworkProtocol.TCP]) {
    if (!np.isAllowed({ from: pod, to: NetworkEndpoint.pod('kube-system', { 'k8s-app': 'kube-dns' }), port: 53, protocol })) {
      problems.push(`${web.node.path}: cannot reach cluster DNS over ${protocol} 53`);
    }
  }
  return problems;
}
