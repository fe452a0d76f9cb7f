import { IConstruct } from 'constructs';
import { ExternalTrafficPolicy, IpFamily, IpFamilyPolicy } from './service-options';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
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
   * Only clients from these CIDR blocks may connect (`spec.loadBalancerSourceRanges`,
   * enforced by the provider's firewall and by kube-proxy). Also used as the
   * NetworkPolicy's sources when the pods see the client IP.
   * @default - every address; an internet-facing load balancer then needs `allowPublicAccess`
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

/** The cluster's default load balancer: no annotations, assumed public. */
class ClusterDefaultProvider extends LoadBalancerProvider {
  public bind(_scope: IConstruct, _options: LoadBalancerBindOptions): LoadBalancerProviderConfig {
    return { name: 'cluster default', internetFacing: true };
  }
}

/** @internal */
export class LoadBalancerWayIn implements WayIn {
  public readonly kind = 'loadBalancer';
  private readonly provider: LoadBalancerProvider;
  private config?: LoadBalancerProviderConfig;

  constructor(private readonly options: LoadBalancerExposureOptions) {
    this.provider = options.provider ?? new ClusterDefaultProvider();
  }

  private get policy(): ExternalTrafficPolicy {
    return this.options.externalTrafficPolicy ?? ExternalTrafficPolicy.LOCAL;
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
    const ranges = checkCidrs(s, `${PROP}.loadBalancerSourceRanges`, o.loadBalancerSourceRanges);
    if (o.loadBalancerSourceRanges !== undefined && ranges.length === 0) {
      fail(s, `${PROP}.loadBalancerSourceRanges`, o.loadBalancerSourceRanges, 'an empty list means "every address", not "nobody"', 'list the CIDR blocks to let in, or leave it unset (with allowPublicAccess: true for a public load balancer)');
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
      ports: [app.servicePort],
      externalTrafficPolicy: this.policy,
      selector: { ...app.selector },
      serviceLabels: { ...app.labels },
      loadBalancerSourceRanges: o.loadBalancerSourceRanges,
    });
    if (config === null || typeof config !== 'object') fail(s, `${PROP}.provider`, config, 'bind() returned no settings', 'return a LoadBalancerProviderConfig from bind()');
    this.config = config;
    for (const k of Object.keys(o.annotations ?? {})) {
      if (config.annotations && k in config.annotations) {
        fail(s, `${PROP}.annotations`, k, `is set by the ${config.name} provider (to "${config.annotations[k]}")`, 'use the provider option for it instead of an annotation');
      }
    }
    if (ranges.length > 0 && config.supportsSourceRanges === false) {
      fail(s, `${PROP}.loadBalancerSourceRanges`, o.loadBalancerSourceRanges, `the ${config.name} provider would not enforce them${config.sourceRangesUnsupportedReason ? ` (${config.sourceRangesUnsupportedReason})` : ''}`,
        'drop loadBalancerSourceRanges and filter clients another way, or change the provider settings');
    }
    const open = ranges.length === 0 || ranges.some((r) => r.prefix === 0);
    if (config.internetFacing !== false && open && o.allowPublicAccess !== true) {
      const openRange = (o.loadBalancerSourceRanges ?? []).find((r) => isOpenToTheWorld(r));
      fail(s, openRange ? `${PROP}.loadBalancerSourceRanges` : `${PROP}.allowPublicAccess`, openRange ?? o.allowPublicAccess,
        `the ${config.name} load balancer is internet-facing and would accept every address on the internet`,
        'list the clients in loadBalancerSourceRanges, make the load balancer internal, or confirm with allowPublicAccess: true');
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
      loadBalancerSourceRanges: o.loadBalancerSourceRanges,
      ipFamilyPolicy: o.ipFamilyPolicy,
      ipFamilies: o.ipFamilies,
      annotations: { ...o.annotations, ...c.annotations },
    };
  }

  public peers(): NetworkPeer[] {
    // The pods see the client IP only with Local and a provider that keeps it;
    // otherwise they see node or load-balancer IPs, and the load balancer filters.
    const ranges = this.options.loadBalancerSourceRanges ?? [];
    const clientIpVisible = this.policy === ExternalTrafficPolicy.LOCAL && this.config?.preservesClientIp !== false;
    if (ranges.length > 0 && clientIpVisible && !ranges.some(isOpenToTheWorld)) {
      // The load balancer's own health checks (pod-IP targets) come from its addresses, not the clients'.
      const healthChecks = (this.config?.healthCheckCidrs ?? []).filter((c) => !ranges.includes(c));
      return [...ranges.map((cidr, i) => ({ cidr, clientRangeProp: `${PROP}.loadBalancerSourceRanges[${i}]` })), ...healthChecks.map((cidr) => ({ cidr }))];
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
    const ns = app.namespace ? ` -n ${app.namespace}` : '';
    return {
      reach: [
        `kubectl get svc ${app.name}${ns}  # EXTERNAL-IP: the load balancer's address (a hostname on AWS); <pending> until the ${this.config?.name ?? 'cloud'} controller provisions it`,
        `Then open ${this.config?.tlsPorts?.includes(app.servicePort) ? 'https' : 'http'}://<EXTERNAL-IP>:${app.servicePort}${app.path}${app.host ? ` (point DNS for ${app.host} at it)` : ''}.`,
        `kubectl describe svc ${app.name}${ns}  # Events: why the load balancer is not provisioned`,
      ],
      edgeChecks: [
        `The load balancer's own health checks: ${this.policy === ExternalTrafficPolicy.LOCAL ? 'with externalTrafficPolicy Local only nodes running a pod pass (kubectl get svc ' + app.name + ns + ' -o jsonpath=\'{.spec.healthCheckNodePort}\')' : 'every node should pass'}; the cloud console shows unhealthy targets.`,
        'Source ranges and security groups: a client outside loadBalancerSourceRanges is dropped before it reaches the cluster.',
      ],
    };
  }
}
