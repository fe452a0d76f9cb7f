import { IConstruct } from 'constructs';
import { ExternalTrafficPolicy, IpFamily, IpFamilyPolicy } from './service-options';
import { exposedPorts, reachText } from './way-in';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
import type { PortProtocol } from '../app-port';
import { MetalLbProvider } from '../bare-metal-lb/metallb-provider';
import { fail } from '../errors';
import { EVERYWHERE, checkBool, checkEnum, claimNodePort, refuseTls } from '../internal/service-checks';
import { checkCidrs, isLabelKey, isOpenToTheWorld } from '../internal/validation';
import { LoadBalancerBindOptions, LoadBalancerProvider, LoadBalancerProviderConfig } from '../load-balancer-providers/provider';
import type { Prerequisite } from '../prerequisite';

/**
 * Options for `Exposure.loadBalancer()`.
 */
export interface LoadBalancerExposureOptions {
  /**
   * Who provisions the load balancer.
   * @default - the cluster's default implementation, with no annotations; assumed internet-facing
   */
  readonly provider?: LoadBalancerProvider;
  /**
   * Only clients from these CIDR blocks may connect (written to
   * `spec.loadBalancerSourceRanges`, enforced by the provider's firewall and
   * by kube-proxy). Also used as the NetworkPolicy's sources when the pods
   * see the client IP. The same name as the allowlist of the ingress,
   * nodePort and hostPort ways in.
   * @default - every address; an internet-facing load balancer then needs `allowPublicAccess`
   */
  readonly allowSourceRanges?: string[];
  /**
   * The former name of `allowSourceRanges` (the Service field it is written to).
   * @deprecated use `allowSourceRanges`; setting both is refused
   * @default - every address
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * Confirm that an internet-facing load balancer may be reached from every
   * address (no source ranges, or a 0.0.0.0/0 / ::/0 range).
   * @default false
   */
  readonly allowPublicAccess?: boolean;
  /**
   * `Local` keeps the client source IP (logs, rate limits, allowlists work) and
   * avoids a second hop; the load balancer health-checks nodes without pods out.
   * @default ExternalTrafficPolicy.LOCAL
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * IP family policy of the Service (dual-stack).
   * @default - SingleStack (the API server's default), or the policy needed by two ipFamilies
   */
  readonly ipFamilyPolicy?: IpFamilyPolicy;
  /**
   * Address families of the Service, primary first (at most two).
   * @default - the cluster's default family
   */
  readonly ipFamilies?: IpFamily[];
  /**
   * Pin the node port behind the load balancer (30000-32767), checked against
   * every other Service of the cdk8s App.
   * @default - assigned by Kubernetes
   */
  readonly nodePort?: number;
  /**
   * Extra Service annotations, for provider features this library does not
   * model. They may not override the provider's own annotations.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

const PROP = 'exposure';

/** Where each cloud shows the load balancer's target health. */
const CONSOLE: { [provider: string]: string } = {
  aws: "the NLB's target group (EC2 console or aws elbv2 describe-target-health)",
  gcp: 'the backend service health (Cloud console or gcloud compute backend-services get-health)',
  azure: 'the load balancer health probes (Azure portal or az network lb show)',
  alibaba: 'the health check status of the load balancer (Alibaba Cloud console)',
};

/** The cluster's default load balancer: no annotations, assumed public. */
class ClusterDefaultProvider extends LoadBalancerProvider {
  public bind(_scope: IConstruct, _options: LoadBalancerBindOptions): LoadBalancerProviderConfig {
    return { name: 'cluster default', internetFacing: true };
  }
}

/** @internal */
export class LoadBalancerWayIn implements WayIn {
  public readonly kind = 'loadBalancer';
  public readonly layer4 = true;
  private readonly provider: LoadBalancerProvider;
  private config?: LoadBalancerProviderConfig;

  constructor(private readonly options: LoadBalancerExposureOptions) {
    this.provider = options.provider ?? new ClusterDefaultProvider();
  }

  private get policy(): ExternalTrafficPolicy {
    return this.options.externalTrafficPolicy ?? ExternalTrafficPolicy.LOCAL;
  }

  /** The client allowlist, from `allowSourceRanges` or its deprecated alias. */
  private get sourceRanges(): string[] | undefined {
    return this.options.allowSourceRanges ?? this.options.loadBalancerSourceRanges;
  }

  /** The option the user set the allowlist with, for messages. */
  private get rangesProp(): string {
    return `${PROP}.${this.options.loadBalancerSourceRanges !== undefined && this.options.allowSourceRanges === undefined ? 'loadBalancerSourceRanges' : 'allowSourceRanges'}`;
  }

  public validate(app: AppFacts): void {
    const o = this.options;
    const s = app.scope;
    refuseTls(app, this.kind, 'use a provider with TLS offload (LoadBalancerProvider.aws({ tlsCertificateArns })), or use Exposure.ingress()');
    if (!(this.provider instanceof LoadBalancerProvider) && typeof (this.provider as any)?.bind !== 'function') {
      fail(s, `${PROP}.provider`, String(this.provider), 'is not a LoadBalancerProvider', 'use e.g. LoadBalancerProvider.aws()');
    }
    checkEnum(app, `${PROP}.externalTrafficPolicy`, o.externalTrafficPolicy, ExternalTrafficPolicy);
    checkEnum(app, `${PROP}.ipFamilyPolicy`, o.ipFamilyPolicy, IpFamilyPolicy);
    checkBool(app, `${PROP}.allowPublicAccess`, o.allowPublicAccess);
    if (o.ipFamilies !== undefined) {
      if (!Array.isArray(o.ipFamilies) || o.ipFamilies.length === 0 || o.ipFamilies.length > 2) {
        fail(s, `${PROP}.ipFamilies`, o.ipFamilies, 'must list one or two address families', 'pass e.g. [IpFamily.IPV4, IpFamily.IPV6]');
      }
      o.ipFamilies.forEach((f, i) => checkEnum(app, `${PROP}.ipFamilies[${i}]`, f, IpFamily));
      if (o.ipFamilies.length === 2) {
        if (o.ipFamilies[0] === o.ipFamilies[1]) fail(s, `${PROP}.ipFamilies`, o.ipFamilies, 'lists the same family twice', 'list each family once');
        if (o.ipFamilyPolicy === undefined || o.ipFamilyPolicy === IpFamilyPolicy.SINGLE_STACK) {
          fail(s, `${PROP}.ipFamilyPolicy`, o.ipFamilyPolicy, 'two ipFamilies need a dual-stack policy (the API server refuses them with SingleStack, its default)',
            'set ipFamilyPolicy: IpFamilyPolicy.PREFER_DUAL_STACK or REQUIRE_DUAL_STACK');
        }
      }
    }
    if (o.allowSourceRanges !== undefined && o.loadBalancerSourceRanges !== undefined) {
      fail(s, `${PROP}.loadBalancerSourceRanges`, o.loadBalancerSourceRanges, 'is the deprecated name of allowSourceRanges, which is set too',
        'keep only allowSourceRanges');
    }
    const ranges = checkCidrs(s, this.rangesProp, this.sourceRanges);
    if (this.sourceRanges !== undefined && ranges.length === 0) {
      fail(s, this.rangesProp, this.sourceRanges, 'an empty list means "every address", not "nobody"', 'list the CIDR blocks to let in, or leave it unset (with allowPublicAccess: true for a public load balancer)');
    }
    if (o.annotations !== undefined && (o.annotations === null || typeof o.annotations !== 'object' || Array.isArray(o.annotations))) {
      fail(s, `${PROP}.annotations`, o.annotations, 'must be a map of annotation keys to string values', "pass e.g. { 'example.com/key': 'value' }");
    }
    for (const [k, v] of Object.entries(o.annotations ?? {})) {
      if (!isLabelKey(k)) { // a qualified name: optional DNS-subdomain prefix, name of at most 63 characters
        fail(s, `${PROP}.annotations`, k, 'is not a valid annotation key', 'use prefix/name, e.g. example.com/my-key');
      }
      if (typeof v !== 'string') fail(s, `${PROP}.annotations.${k}`, v, 'annotation values must be strings', `write "${String(v)}"`);
    }

    const config = this.provider.bind(s, {
      serviceName: app.name,
      namespace: app.namespace,
      ports: [...new Set(exposedPorts(app).map((p) => p.servicePort))],
      servicePorts: exposedPorts(app).map((p) => ({ name: p.name, port: p.servicePort, protocol: p.protocol as PortProtocol })),
      externalTrafficPolicy: this.policy,
      selector: { ...app.selector },
      serviceLabels: { ...app.labels },
      loadBalancerSourceRanges: this.sourceRanges,
    });
    if (config === null || typeof config !== 'object') fail(s, `${PROP}.provider`, config, 'bind() returned no settings', 'return a LoadBalancerProviderConfig from bind()');
    this.config = config;
    for (const k of Object.keys(o.annotations ?? {})) {
      if (config.annotations && k in config.annotations) {
        fail(s, `${PROP}.annotations`, k, `is set by the ${config.name} provider (to "${config.annotations[k]}")`, 'use the provider option for it instead of an annotation');
      }
    }
    if (ranges.length > 0 && config.supportsSourceRanges === false) {
      fail(s, this.rangesProp, this.sourceRanges, `the ${config.name} provider would not enforce them${config.sourceRangesUnsupportedReason ? ` (${config.sourceRangesUnsupportedReason})` : ''}`,
        `drop ${this.rangesProp.slice(PROP.length + 1)} and filter clients another way, or change the provider settings`);
    }
    const open = ranges.length === 0 || ranges.some((r) => r.prefix === 0);
    if (config.internetFacing !== false && open && o.allowPublicAccess !== true) {
      const openRange = (this.sourceRanges ?? []).find((r) => isOpenToTheWorld(r));
      fail(s, openRange ? this.rangesProp : `${PROP}.allowPublicAccess`, openRange ?? o.allowPublicAccess,
        `the ${config.name} load balancer is internet-facing and would accept every address on the internet`,
        'list the clients in allowSourceRanges, make the load balancer internal, or confirm with allowPublicAccess: true');
    }
    claimNodePort(app, `${PROP}.nodePort`, o.nodePort);
  }

  public pod(): PodRequirements {
    return {};
  }

  public service(): ServiceRequirements {
    const o = this.options;
    const c = this.config!;
    return {
      type: 'LoadBalancer',
      nodePort: o.nodePort,
      externalTrafficPolicy: this.policy,
      loadBalancerClass: c.loadBalancerClass,
      loadBalancerSourceRanges: this.sourceRanges,
      ipFamilyPolicy: o.ipFamilyPolicy,
      ipFamilies: o.ipFamilies,
      annotations: { ...o.annotations, ...c.annotations },
    };
  }

  public peers(): NetworkPeer[] {
    // The pods see the client IP only with Local and a provider that keeps it;
    // otherwise they see node or load-balancer IPs, and the load balancer filters.
    const ranges = this.sourceRanges ?? [];
    const clientIpVisible = this.policy === ExternalTrafficPolicy.LOCAL && this.config?.preservesClientIp !== false;
    if (ranges.length > 0 && clientIpVisible && !ranges.some(isOpenToTheWorld)) {
      // The load balancer's own health checks (pod-IP targets) come from its addresses, not the clients'.
      const healthChecks = (this.config?.healthCheckCidrs ?? []).filter((c) => !ranges.includes(c));
      return [...ranges.map((cidr, i) => ({ cidr, clientRangeProp: `${this.rangesProp}[${i}]` })), ...healthChecks.map((cidr) => ({ cidr }))];
    }
    return EVERYWHERE;
  }

  public bind(): void {}

  /** What the provider reported it needs (its controller, certificates, MetalLB and its password Secrets ...). */
  public prerequisites(): Prerequisite[] {
    return [...(this.config?.prerequisites ?? [])];
  }

  /** The provider's settings, once validated. */
  public get _providerConfig(): LoadBalancerProviderConfig | undefined {
    return this.config;
  }

  public describe(app: AppFacts): AccessInfo {
    if (this.provider instanceof MetalLbProvider) return this.describeMetalLb(app, this.provider);
    return this.describeCloud(app);
  }

  /** The URL once the address is known: https only on ports where the provider terminates TLS. */
  private openLine(app: AppFacts): string {
    const r = reachText(app, '<EXTERNAL-IP>', app.servicePort, this.config?.tlsPorts?.includes(app.servicePort) ? 'https' : undefined);
    return `Then ${r.open.charAt(0).toLowerCase()}${r.open.slice(1)}${app.host ? ` (point DNS for ${app.host} at it)` : ''}.`;
  }

  /** Checks of client source filtering, only when the Service sets source ranges. */
  private sourceRangeLines(where: string): string[] {
    const ranges = this.sourceRanges ?? [];
    if (ranges.length === 0) return [];
    return [`Source ranges (${ranges.join(', ')}): a client outside them is dropped ${where}, so it times out.`];
  }

  private describeCloud(app: AppFacts): AccessInfo {
    const ns = app.namespace ? ` -n ${app.namespace}` : '';
    const c = this.config;
    const name = c?.name ?? 'cloud';
    const local = this.policy === ExternalTrafficPolicy.LOCAL;
    return {
      reach: [
        `kubectl get svc ${app.name}${ns}  # EXTERNAL-IP: the load balancer's ${name === 'aws' ? 'DNS name (NLBs get a hostname, not an IP)' : 'address'}; <pending> until the ${name} controller provisions it`,
        this.openLine(app),
        `kubectl describe svc ${app.name}${ns}  # Events: why the load balancer is not provisioned`,
      ],
      edgeChecks: [
        `The load balancer's own health checks: ${local ? `with externalTrafficPolicy Local only nodes running a pod pass (kubectl get svc ${app.name}${ns} -o jsonpath='{.spec.healthCheckNodePort}')` : 'every node should pass'}; ${CONSOLE[name] ?? "the provider's console or CLI"} shows unhealthy targets.`,
        ...this.sourceRangeLines(`by the ${name} load balancer's firewall${name === 'aws' ? ' (security groups)' : ''} or by kube-proxy on the nodes`),
      ],
    };
  }

  /**
   * MetalLB has no console and no health checks: the address comes from a
   * pool, one speaker (L2) or the BGP sessions announce it, and MetalLB
   * reports both on the Service (Events) and in its status objects
   * (ServiceL2Status / ServiceBGPStatus, metallb.io/v1beta1) and its
   * ConfigurationState. The checks are derived from the emitted
   * advertisements of the BareMetalLB (which ones cover the pool).
   */
  private describeMetalLb(app: AppFacts, provider: MetalLbProvider): AccessInfo {
    const ns = app.namespace ? ` -n ${app.namespace}` : '';
    const m = provider._announcement();
    const mns = `-n ${m.namespace}`;
    const address = provider.address ? `${provider.address} (pinned, from pool ${provider.pool})` : `an address of MetalLB pool ${provider.pool}`;
    const local = this.policy === ExternalTrafficPolicy.LOCAL;
    return {
      url: provider.address ? `${this.config?.tlsPorts?.includes(app.servicePort) ? 'https' : 'http'}://${provider.address.includes(':') ? `[${provider.address}]` : provider.address}:${app.servicePort}${app.path}` : undefined,
      reach: [
        `kubectl get svc ${app.name}${ns}  # EXTERNAL-IP: ${address}; <pending> until MetalLB assigns one`,
        this.openLine(app),
        `kubectl describe svc ${app.name}${ns}  # Events: IPAllocated (the address), nodeAssigned (the announcing node), AllocationFailed (why not)`,
      ],
      edgeLogs: `kubectl logs ${mns} -l app.kubernetes.io/component=speaker --tail=100  # MetalLB speakers (manifest installs: -l component=speaker)`,
      edgeChecks: [
        `kubectl get ipaddresspool ${provider.pool} ${mns} -o yaml  # the pool and its addresses`,
        `kubectl get configurationstates ${mns}  # MetalLB refuses an invalid configuration as a whole and then announces nothing`,
        ...(m.l2 ? [`kubectl get servicel2statuses ${mns}  # ServiceL2Status: the node answering ARP/NDP for the address (Service Name column)${local ? '; with externalTrafficPolicy Local only a node running a pod announces' : ''}`] : []),
        ...(m.bgp ? [
          `kubectl get servicebgpstatuses ${mns}  # ServiceBGPStatus: the nodes announcing the address to their BGP peers${local ? ' (only nodes running a pod, with externalTrafficPolicy Local)' : ''}`,
          `kubectl get bgppeers ${mns}; then on your router: is the session up and the /32 (/128) route received?`,
        ] : []),
        ...(!m.l2 && !m.bgp ? [`No L2Advertisement or BGPAdvertisement of ${m.namespace} covers pool ${provider.pool}: the address is assigned but nobody announces it.`] : []),
        ...this.sourceRangeLines('by kube-proxy on the nodes (MetalLB only announces the address)'),
      ],
    };
  }
}
