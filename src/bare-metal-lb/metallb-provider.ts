import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../errors';
import { isNonPublicBlock, LOAD_BALANCER_ADDRESS_CLAIMS, MetalLbPoolInfo } from './addresses';
import { ExternalTrafficPolicy } from '../exposure/service-options';
import { boundPorts } from '../internal/lb-ports';
import { AppRegistry } from '../internal/registry';
import { labelsText } from '../internal/validation';
import { labelSelectorMatches } from '../lint/selector';
import { LoadBalancerBindOptions, LoadBalancerProvider, LoadBalancerProviderConfig } from '../load-balancer-providers/provider';
import type { Prerequisite } from '../prerequisite';

/** An address parsed by BareMetalLB.provider() (internal). */
interface ParsedAddress {
  readonly text: string;
  readonly version: 4 | 6;
  readonly value: bigint;
}

/** Options of `BareMetalLB.provider()`. */
export interface MetalLbProviderOptions {
  /** Name of the pool (of this BareMetalLB) the Service gets its address from. */
  readonly pool: string;
  /**
   * A fixed address for the Service (`metallb.io/loadBalancerIPs`); must lie in
   * the pool and not be used by another Service unless both set the same `sharingKey`.
   * @default - MetalLB picks a free address of the pool
   */
  readonly address?: string;
  /**
   * Lets Services that set the same key share one address
   * (`metallb.io/allow-shared-ip`); their ports must differ.
   * @default - the address is not shared
   */
  readonly sharingKey?: string;
  /**
   * Whether the address is reachable from the internet. Exposures ask for an
   * explicit opt-in before publishing to the internet without source ranges.
   * @default - true when the address (or, without an address, any address of
   * the pool) is outside private, CGNAT, loopback and link-local space
   */
  readonly internetFacing?: boolean;
}

/**
 * Hands out addresses of a MetalLB pool to `type: LoadBalancer` Services. Made
 * by `BareMetalLB.provider()`; pass it to `Exposure.loadBalancer({ provider })`.
 *
 * Source ranges: MetalLB only announces the address; the filtering of
 * `spec.loadBalancerSourceRanges` is done on the nodes by kube-proxy
 * (iptables, IPVS and nftables modes) or by a kube-proxy replacement such as
 * Cilium, for traffic to the load-balancer address. So the provider reports
 * `supportsSourceRanges: true`. The NodePorts of the Service are NOT filtered.
 */
export class MetalLbProvider extends LoadBalancerProvider {
  /** @internal */
  public static _create(lb: IConstruct, pool: MetalLbPoolInfo, options: MetalLbProviderOptions,
    address: ParsedAddress | undefined, loadBalancerClass: string | undefined): MetalLbProvider {
    return new MetalLbProvider(lb, pool, options, address, loadBalancerClass);
  }

  /** Name of the pool the Service gets its address from. */
  public readonly pool: string;
  /**
   * The fixed address, if any.
   * @default - none
   */
  public readonly address?: string;
  /**
   * The sharing key, if any.
   * @default - none
   */
  public readonly sharingKey?: string;

  private readonly internetFacing?: boolean;

  private constructor(
    private readonly lb: IConstruct,
    private readonly poolInfo: MetalLbPoolInfo,
    options: MetalLbProviderOptions,
    private readonly parsedAddress: ParsedAddress | undefined,
    private readonly loadBalancerClass: string | undefined,
  ) {
    super();
    this.pool = options.pool;
    this.address = parsedAddress?.text;
    this.sharingKey = options.sharingKey;
    this.internetFacing = options.internetFacing;
  }

  /** Validate the Service against the pool, claim its address app-wide and return the MetalLB annotations. */
  public bind(scope: IConstruct, options: LoadBalancerBindOptions): LoadBalancerProviderConfig {
    const ns = options.namespace;
    const allowed = this.poolInfo.namespaces;
    if (allowed && allowed.length > 0 && (ns === undefined || !allowed.includes(ns))) {
      fail(scope, 'exposure.provider.pool', this.pool,
        `only serves namespaces ${allowed.join(', ')} (serviceAllocation.namespaces) and Service ${options.serviceName} is in ${ns === undefined ? 'no namespace' : `namespace ${ns}`}`,
        'put the Service in one of those namespaces, or add its namespace to the pool\'s serviceAllocation.namespaces');
    }
    // Allocator.Assign refuses a pool whose serviceAllocation does not admit the Service (isPoolCompatibleWithService,
    // internal/allocator/allocator.go): namespaces (above) and serviceSelectors, matched against the Service's labels
    const selectors = this.poolInfo.serviceSelectors ?? [];
    if (selectors.length > 0 && options.serviceLabels !== undefined && !selectors.some((sel) => labelSelectorMatches(sel, options.serviceLabels!))) {
      fail(scope, 'exposure.provider.pool', this.pool,
        `only serves Services matching its serviceAllocation.serviceSelectors, and Service ${options.serviceName} has labels ${labelsText(options.serviceLabels) || '(none)'}: it would never get an address`,
        'add a label the selectors match to the app (PublicWebApp labels), or widen the pool\'s serviceAllocation.serviceSelectors');
    }
    if (this.parsedAddress) this.claimAddress(scope, options);

    const annotations: { [key: string]: string } = { 'metallb.io/address-pool': this.pool };
    if (this.address) annotations['metallb.io/loadBalancerIPs'] = this.address;
    if (this.sharingKey) annotations['metallb.io/allow-shared-ip'] = this.sharingKey;
    return {
      name: 'metallb',
      annotations,
      loadBalancerClass: this.loadBalancerClass,
      supportsSourceRanges: true,
      internetFacing: this.internetFacing ?? this.defaultInternetFacing(),
      // MetalLB must be installed, and its configuration valid (password Secrets), for the address to be announced
      prerequisites: (this.lb as unknown as { _prerequisites(): Prerequisite[] })._prerequisites(),
    };
  }

  /**
   * Which advertisements of the BareMetalLB announce this provider's pool, read
   * from the emitted L2Advertisement / BGPAdvertisement objects (an empty
   * `ipAddressPools` and no pool selector means every pool), for the NOTES.
   * @internal
   */
  public _announcement(): { namespace: string; l2: boolean; bgp: boolean } {
    const lb = this.lb as unknown as { namespace: string; l2Advertisements?: ApiObject[]; bgpAdvertisements?: ApiObject[] };
    const covers = (ads: ApiObject[] | undefined) => (ads ?? []).some((a) => {
      const spec = a.toJson().spec ?? {};
      const pools: string[] = spec.ipAddressPools ?? [];
      return pools.includes(this.pool) || (pools.length === 0 && (spec.ipAddressPoolSelectors ?? []).length === 0);
    });
    return { namespace: lb.namespace, l2: covers(lb.l2Advertisements), bgp: covers(lb.bgpAdvertisements) };
  }

  private defaultInternetFacing(): boolean {
    const a = this.parsedAddress;
    if (a) return !isNonPublicBlock({ version: a.version, first: a.value, last: a.value });
    return this.poolInfo.blocks.some((b) => !isNonPublicBlock(b));
  }

  /**
   * Claim the fixed address app-wide, with MetalLB's sharing rules
   * (`sharingOK` and `checkSharing` in internal/allocator/allocator.go,
   * `BackendKey` and `Ports` in internal/allocator/k8salloc/k8salloc.go):
   * Services share an address only when both set `metallb.io/allow-shared-ip`
   * to the same key, their backend keys are equal (a Service with
   * externalTrafficPolicy Local has its selector as backend key, one with
   * Cluster has none, so Local Services share only with Local Services of
   * the identical selector, and never with Cluster ones), and no
   * protocol/port pair is used twice. Otherwise the second Service stays
   * `<pending>`.
   */
  private claimAddress(scope: IConstruct, options: LoadBalancerBindOptions): void {
    const registry = AppRegistry.of(scope);
    const key = `${this.parsedAddress!.version}:${this.parsedAddress!.value.toString()}`;
    const service = `${options.namespace ?? '(no namespace)'}/${options.serviceName}`;
    // MetalLB compares protocol/port pairs (TCP 53 and UDP 53 may share an address)
    const ports = boundPorts(options).map((p) => `${p.port}/${p.protocol}`);
    const local = options.externalTrafficPolicy === ExternalTrafficPolicy.LOCAL;
    // labels.Set.String(): k=v pairs sorted by key
    const backend = local ? labelsText(Object.fromEntries(Object.entries(options.selector ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))) : '';
    const detail = { service, ports, lb: this.lb.node.path, backend, local };
    for (const c of registry.claimsOf(LOAD_BALANCER_ADDRESS_CLAIMS).get(key) ?? []) {
      if (c.owner === scope || !this.sharingKey || c.shareKey !== this.sharingKey) continue;
      const other = `Service ${c.detail?.service} (${c.owner.node.path})`;
      if ((c.detail?.backend ?? '') !== backend) {
        const why = local && c.detail?.local
          ? `both use externalTrafficPolicy Local and their selectors differ (${backend} here, ${c.detail.backend} there)`
          : 'one uses externalTrafficPolicy Local and the other Cluster';
        fail(scope, local ? 'exposure.externalTrafficPolicy' : 'exposure.provider.address', local ? 'Local' : this.address,
          `shares address ${this.address} (sharing key ${JSON.stringify(this.sharingKey)}) with ${other}, but ${why}: MetalLB shares an address between Local Services only when their selectors are identical, so this Service would stay <pending>`,
          'set externalTrafficPolicy: ExternalTrafficPolicy.CLUSTER on every Service that shares the address (the pods then see node IPs, not client IPs), or give each Service its own address');
      }
      const clash = ports.find((p) => (c.detail?.ports ?? []).includes(p));
      if (clash !== undefined) {
        fail(scope, 'exposure.provider.address', this.address,
          `is shared (sharing key ${JSON.stringify(this.sharingKey)}) with ${other}, which also uses port ${clash}`,
          'use different servicePorts on Services that share an address, or give this Service its own address');
      }
    }
    const conflict = registry.claim(LOAD_BALANCER_ADDRESS_CLAIMS, key, { owner: scope, shareKey: this.sharingKey, detail });
    if (conflict) {
      const other = conflict.detail?.service ?? conflict.owner.node.path;
      fail(scope, 'exposure.provider.address', this.address,
        `is already used by Service ${other} (${conflict.owner.node.path})${conflict.shareKey ? ` with sharing key ${JSON.stringify(conflict.shareKey)}` : ''}${this.sharingKey ? ` and this Service's sharing key is ${JSON.stringify(this.sharingKey)}` : ' and this Service sets no sharing key'}`,
        'give each Service its own address, or set the same sharingKey on every Service that shares it (their ports must differ)');
    }
  }
}
