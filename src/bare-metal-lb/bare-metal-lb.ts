import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from '../errors';
import { AddressPool } from './address-pool';
import {
  AddressBlock, firstBuggyIp, isBuggyIp, MetalLbPoolInfo,
  METALLB_OBJECT_CLAIMS, METALLB_POOL_BLOCK_CLAIMS, parseAddressEntry, PoolBlockIndex,
} from './addresses';
import { Advertisement, BfdOptions, BgpAdvertisementOptions, BgpPeerOptions, DynamicAsn, L2AdvertisementOptions } from './advertisement';
import { apiObjectOf, checkMillis, checkObjectName, checkSeconds, checkSelectors, checkStringList, isCommunity } from './checks';
import { MetalLbProvider, MetalLbProviderOptions } from './metallb-provider';
import * as metallb from '../imports/metallb';
import { readableName } from '../internal/names';
import { registerNotes } from '../internal/notes-file';
import { crdPrerequisite, missingPrerequisites, prerequisiteNotes, secretPrerequisite } from '../internal/prerequisites';
import { AppRegistry } from '../internal/registry';
import { checkStructKeys } from '../internal/struct-keys';
import { blockContains, blocksOverlap, checkInt, checkText, formatIp, isDnsLabel, parseIp } from '../internal/validation';
import { addWarning, warningsOf } from '../internal/warnings';
import { recordConstructPaths } from '../lint/construct-paths';
import type { Prerequisite } from '../prerequisite';
import { VIRTUAL_IP_CLAIMS } from '../virtual-ip/virtual-ip';

/** The pool blocks claimed in each App, indexed for overlap checks (see PoolBlockIndex). */
const POOL_BLOCK_INDEXES = new WeakMap<AppRegistry, PoolBlockIndex>();

function poolBlockIndexOf(registry: AppRegistry): PoolBlockIndex {
  let index = POOL_BLOCK_INDEXES.get(registry);
  if (!index) {
    index = new PoolBlockIndex();
    POOL_BLOCK_INDEXES.set(registry, index);
  }
  return index;
}

/** MetalLB release whose CRDs the emitted objects follow. */
const METALLB_VERSION = 'v0.16.1';

/**
 * How MetalLB speaks BGP: the `METALLB_BGP_TYPE` of its speaker. Each mode
 * accepts a different set of BGPPeer settings (MetalLB
 * `internal/config/validation.go`, `ValidationFor`): configuration that its
 * mode does not support makes MetalLB refuse the whole configuration.
 *
 * @see https://metallb.io/installation/
 */
export enum MetalLbMode {
  /**
   * FRR-K8s: the speaker drives a separate frr-k8s DaemonSet. The default of
   * the Helm chart (`frrk8s.enabled: true`, charts/metallb/values.yaml,
   * v0.16.1) and of the `metallb-frr-k8s.yaml` manifest.
   */
  FRR_K8S = 'frr-k8s',
  /**
   * FRR: an FRR container next to each speaker (Helm `speaker.frr.enabled:
   * true`, `frrk8s.enabled: false`). Deprecated by MetalLB in favour of FRR-K8s.
   */
  FRR = 'frr',
  /**
   * Native: MetalLB's own BGP code (`metallb-native.yaml`, or Helm with both
   * FRR values off; a speaker without `METALLB_BGP_TYPE` runs native). No
   * BFD, keepalive or connect time, dynamic ASN, IPv6 over BGP or large
   * communities (`DiscardFRROnly` in internal/config/validation.go).
   */
  NATIVE = 'native',
}

/** Props of `BareMetalLB`. */
export interface BareMetalLBProps {
  /** The address pools MetalLB hands out addresses from; at least one. */
  readonly pools: AddressPool[];
  /**
   * How the addresses are announced to the network. Without an advertisement
   * MetalLB assigns addresses that nobody can reach, so L2 is the default.
   * @default Advertisement.l2() for every pool
   */
  readonly advertisement?: Advertisement;
  /**
   * Namespace MetalLB runs in; its configuration objects must live there.
   * @default 'metallb-system'
   */
  readonly namespace?: string;
  /**
   * `spec.loadBalancerClass` for Services that use this MetalLB, when MetalLB
   * runs with `--lb-class` (Helm value `loadBalancerClass`) next to another
   * load-balancer implementation.
   * @default - none: MetalLB serves Services without a load-balancer class
   */
  readonly loadBalancerClass?: string;
  /**
   * The BGP mode MetalLB was installed with (`METALLB_BGP_TYPE` of the
   * speaker). In `NATIVE` mode, settings only the FRR backends support (BFD,
   * `keepaliveTime`, `connectTime`, `dynamicAsn`, `ebgpMultiHop`, IPv6 pools
   * or large communities on a BGP advertisement) are refused, since MetalLB
   * would reject the whole configuration (`DiscardFRROnly`,
   * internal/config/validation.go) or ignore them (`ebgpMultiHop` is only
   * read by internal/bgp/frr and internal/bgp/frrk8s). In the FRR modes, peers
   * that may run on the same node must share `myAsn` and have distinct
   * addresses (`checkFRRPeersCompatible`, same file).
   * Check it with `kubectl get ds -n metallb-system -o yaml | grep -A1 METALLB_BGP_TYPE`
   * (unset means native).
   * @default MetalLbMode.FRR_K8S (the Helm chart's default since v0.16.0)
   */
  readonly mode?: MetalLbMode;
}

/**
 * Configures MetalLB (v0.16) so that `type: LoadBalancer` Services on bare
 * metal get an address instead of staying `<pending>`: IP address pools, and
 * how they are announced (L2 and/or BGP, with BGP peers and BFD profiles).
 *
 * It does not install MetalLB: install it first (manifest or Helm chart), in
 * the namespace given here. Overlapping pools, bad addresses, bad ASNs and
 * plain-text BGP passwords are refused at synth time.
 *
 * Services ask for an address with `lb.provider({ pool, address?, sharingKey? })`.
 *
 * @exampleMetadata fixture=chart
 * @example
 * import { Advertisement, BareMetalLB, Exposure, PublicWebApp } from 'cdk8s-expose';
 *
 * const lb = new BareMetalLB(chart, 'lb', {
 *   pools: [{ name: 'public', addresses: ['192.168.10.240-192.168.10.250'] }],
 *   advertisement: Advertisement.l2(),
 * });
 * new PublicWebApp(chart, 'web', {
 *   image: 'ghcr.io/acme/shop:1.4.2',
 *   exposure: Exposure.loadBalancer({ provider: lb.provider({ pool: 'public', address: '192.168.10.241' }) }),
 * });
 */
export class BareMetalLB extends Construct {
  /** The MetalLB version the emitted objects target. */
  public static readonly METALLB_VERSION = METALLB_VERSION;

  /** Namespace of the MetalLB objects. */
  public readonly namespace: string;
  /** Names of the pools, in the order given. */
  public readonly poolNames: string[];
  /** The `IPAddressPool` objects, in the order of `pools`. */
  public readonly ipAddressPools: ApiObject[];
  /** The `L2Advertisement` objects. */
  public readonly l2Advertisements: ApiObject[];
  /** The `BGPAdvertisement` objects. */
  public readonly bgpAdvertisements: ApiObject[];
  /** The `BGPPeer` objects (`metallb.io/v1beta2`). */
  public readonly bgpPeers: ApiObject[];
  /** The `BFDProfile` objects. */
  public readonly bfdProfiles: ApiObject[];
  /** The BGP mode MetalLB runs in, as given (or defaulted) in the props. */
  public readonly mode: MetalLbMode;

  private readonly pools = new Map<string, MetalLbPoolInfo>();
  /** BGP peers that read a password Secret: peer name, Secret name */
  private readonly passwordSecrets: { peer: string; secret: string }[] = [];
  private readonly loadBalancerClass?: string;

  constructor(scope: Construct, id: string, props: BareMetalLBProps) {
    super(scope, id);
    recordConstructPaths(this);
    // app.synth() writes notes() into <outdir>/<chart>.NOTES.txt, with the chart's apps
    registerNotes(this);
    if (props === null || typeof props !== 'object') fail(this, 'props', props, 'are missing', "pass { pools: [{ name: 'public', addresses: ['192.168.10.240-192.168.10.250'] }] }");
    checkStructKeys(this, '', props, 'BareMetalLBProps');

    this.namespace = props.namespace ?? 'metallb-system';
    if (!isDnsLabel(this.namespace)) {
      fail(this, 'namespace', props.namespace, 'is not a valid namespace name', "use the namespace MetalLB is installed in, usually 'metallb-system'");
    }
    checkText(this, 'loadBalancerClass', props.loadBalancerClass, "use the class MetalLB was started with (--lb-class), e.g. 'metallb'");
    this.loadBalancerClass = props.loadBalancerClass;
    if (props.mode !== undefined && !Object.values(MetalLbMode).includes(props.mode)) {
      fail(this, 'mode', props.mode, 'is not a MetalLB BGP mode', 'use MetalLbMode.FRR_K8S, MetalLbMode.FRR or MetalLbMode.NATIVE: the METALLB_BGP_TYPE of the speaker (unset means native)');
    }
    this.mode = props.mode ?? MetalLbMode.FRR_K8S;

    // ---- validate everything before creating anything
    const pools = this.checkPools(props.pools);
    const advertisement = props.advertisement ?? Advertisement.l2();
    if (!(advertisement instanceof Advertisement)) {
      fail(this, 'advertisement', advertisement, 'is not an Advertisement', 'use Advertisement.l2(), Advertisement.bgp({ peers }) or Advertisement.combine(...)');
    }
    const adCount = advertisement._l2.length + advertisement._bgp.length;
    if (adCount === 0) fail(this, 'advertisement', 'combine()', 'announces nothing', 'pass at least one Advertisement.l2() or Advertisement.bgp() to Advertisement.combine');
    const single = adCount === 1;
    const l2Specs = advertisement._l2.map((o, i) => this.checkL2(single ? 'advertisement' : `advertisement.l2[${i}]`, o, i, advertisement._l2.length));
    const bgpChecked = advertisement._bgp.map((o, i) => this.checkBgp(single ? 'advertisement' : `advertisement.bgp[${i}]`, o, i, advertisement._bgp.length));
    // after the specific checks, which refuse e.g. a plain-text `password` with a better fix
    advertisement._l2.forEach((o, i) => checkStructKeys(this, single ? 'advertisement' : `advertisement.l2[${i}]`, o, 'L2AdvertisementOptions'));
    advertisement._bgp.forEach((o, i) => checkStructKeys(this, single ? 'advertisement' : `advertisement.bgp[${i}]`, o, 'BgpAdvertisementOptions'));
    const peers = this.mergePeers(bgpChecked.flatMap((b) => b.peers));
    this.checkAnnounced(pools, l2Specs, bgpChecked);
    this.checkPeersShareNodes(peers);
    this.checkBfdEchoOnV6(bgpChecked);
    const bfds = this.mergeBfd(bgpChecked.flatMap((b) => b.peers.filter((p) => p.bfd).map((p) => ({ prop: `${p.prop}.bfd`, spec: p.bfd! }))));

    // app-wide: object names and overlapping pools
    const registry = AppRegistry.of(this);
    const ownNames = new Map<string, string>();
    const claimName = (kind: string, name: string, prop: string) => {
      const mine = ownNames.get(`${kind}/${name}`);
      if (mine) fail(this, prop, name, `is already the name of a ${kind} of this BareMetalLB (${mine})`, 'give each object its own name');
      ownNames.set(`${kind}/${name}`, prop);
      const c = registry.claim(METALLB_OBJECT_CLAIMS, `${kind}/${this.namespace}/${name}`, { owner: this });
      if (c) fail(this, prop, name, `is already the name of a ${kind} in namespace ${this.namespace}, made by ${c.owner.node.path}`, 'choose another name (MetalLB objects of one kind share one namespace)');
    };
    pools.forEach((p, i) => claimName('IPAddressPool', p.name, `pools[${i}].name`));
    l2Specs.forEach((a) => claimName('L2Advertisement', a.name, `${a.prop}.name`));
    bgpChecked.forEach((a) => claimName('BGPAdvertisement', a.name, `${a.prop}.name`));
    peers.forEach((p) => claimName('BGPPeer', p.name, `${p.prop}.name`));
    bfds.forEach((b) => claimName('BFDProfile', b.name, `${b.prop}.name`));
    const blockIndex = poolBlockIndexOf(registry);
    pools.forEach((p, i) => p.blocks.forEach((b, j) => {
      const c = blockIndex.firstOverlap(b, this);
      if (c) {
        fail(this, `pools[${i}].addresses[${j}]`, b.text, `overlaps ${JSON.stringify(c.detail.block.text)} of pool ${c.detail.pool} (${c.owner.node.path})`, 'make the pools disjoint: MetalLB refuses overlapping pools');
      }
      for (const vips of registry.claimsOf(VIRTUAL_IP_CLAIMS).values()) {
        const vip = vips.find((v) => blockContains(b, v.detail.ip));
        if (vip) {
          fail(this, `pools[${i}].addresses[${j}]`, b.text, `contains ${formatIp(vip.detail.ip)}, the floating address of VirtualIp ${vip.owner.node.path}: MetalLB could hand it to a Service and two nodes would answer for it`,
            'leave the VirtualIp address out of the pool');
        }
      }
      const detail = { block: b, pool: p.name };
      registry.claim(METALLB_POOL_BLOCK_CLAIMS, `${this.node.path}/${p.name}/${j}`, { owner: this, detail });
      blockIndex.add(b, this, detail);
    }));

    // ---- create
    const metadata = (name: string) => ({ name, namespace: this.namespace });
    this.ipAddressPools = pools.map((p) => new metallb.IpAddressPool(this, `Pool-${p.name}`, {
      metadata: metadata(p.name),
      spec: {
        addresses: p.blocks.map((b) => b.text),
        autoAssign: p.autoAssign,
        avoidBuggyIPs: p.avoidBuggyIps,
        serviceAllocation: p.serviceAllocation,
      },
    }));
    this.l2Advertisements = l2Specs.map((a, i) => new metallb.L2Advertisement(this, `L2Advertisement${i}`, {
      metadata: metadata(a.name),
      spec: a.spec,
    }));
    this.bfdProfiles = bfds.map((b) => new metallb.BfdProfile(this, `BfdProfile-${b.name}`, { metadata: metadata(b.name), spec: b.spec }));
    this.bgpPeers = peers.map((p) => new metallb.BgpPeer(this, `BgpPeer-${p.name}`, { metadata: metadata(p.name), spec: p.spec }));
    this.bgpAdvertisements = bgpChecked.map((a, i) => new metallb.BgpAdvertisement(this, `BgpAdvertisement${i}`, {
      metadata: metadata(a.name),
      spec: a.spec,
    }));
    this.poolNames = pools.map((p) => p.name);
    for (const p of peers) if (p.spec.passwordSecret) this.passwordSecrets.push({ peer: p.name, secret: p.spec.passwordSecret.name! });

    // ---- warn
    pools.forEach((p, i) => {
      if (p.avoidBuggyIps) return;
      p.blocks.forEach((b, j) => {
        const buggy = firstBuggyIp(b);
        if (buggy) {
          addWarning(this, `pools[${i}].addresses[${j}]=${JSON.stringify(b.text)} of pool ${p.name} includes ${buggy}, the network or broadcast address of a /24; some old clients and routers drop traffic to it. Set avoidBuggyIps: true on the pool, or leave such addresses out.`);
        }
      });
    });
  }

  /**
   * What this configuration needs in the cluster and does not create, each
   * with a command to check it:
   * - MetalLB itself (its CRDs, controller and speaker) in `namespace`;
   * - in FRR-K8s mode with BGP, frr-k8s (its `FRRConfiguration` CRD): the
   *   speaker hands the sessions to it;
   * - every BGP password Secret given with `kplus.Secret.fromSecretName` (or
   *   otherwise not created in this App): while one is missing MetalLB
   *   rejects the whole configuration and announces nothing
   *   (`passwordFromSecretForPeer`, internal/config/config.go).
   */
  public prerequisites(): Prerequisite[] {
    return missingPrerequisites(this, this._prerequisites());
  }

  /**
   * prerequisites() before dropping the objects the App emits (cheap: for providers at bind time).
   * @internal
   */
  public _prerequisites(): Prerequisite[] {
    const ns = this.namespace;
    const bgp = this.bgpPeers.length > 0;
    const list: Prerequisite[] = [
      crdPrerequisite('ipaddresspools.metallb.io',
        `the IPAddressPool${bgp ? ', BGPPeer' : ''} and advertisement objects are MetalLB's: MetalLB ${METALLB_VERSION} (controller and speaker${bgp ? `, BGP mode ${this.mode}` : ''}) must be installed in namespace ${ns}`,
        `kubectl get pods -n ${ns}`),
    ];
    if (bgp && this.mode === MetalLbMode.FRR_K8S) {
      list.push(crdPrerequisite('frrconfigurations.frrk8s.metallb.io',
        'in FRR-K8s mode the speaker hands its BGP sessions to frr-k8s through FRRConfiguration objects; frr-k8s must run (bundled with the Helm chart and metallb-frr-k8s.yaml)',
        'kubectl get pods -A -l app.kubernetes.io/component=frr-k8s'));
    }
    const peersBySecret = new Map<string, string[]>();
    for (const { peer, secret } of this.passwordSecrets) peersBySecret.set(secret, [...(peersBySecret.get(secret) ?? []), peer]);
    for (const [secret, names] of peersBySecret) {
      list.push(secretPrerequisite(secret, ns,
        `BGPPeer${names.length > 1 ? 's' : ''} ${names.map((n) => `${ns}/${n}`).join(', ')} read${names.length > 1 ? '' : 's'} the TCP MD5 password from key 'password' of this kubernetes.io/basic-auth Secret; while it is missing MetalLB rejects the whole configuration and announces nothing`));
    }
    return list;
  }

  /**
   * Notes for this MetalLB configuration: what the cluster must have first
   * (see `prerequisites()`), and where MetalLB reports what it did with it.
   */
  public notes(): string {
    const ns = this.namespace;
    const l2 = this.l2Advertisements.length > 0;
    const bgp = this.bgpAdvertisements.length > 0;
    const announced = [l2 ? 'L2 (ARP/NDP)' : undefined, bgp ? `BGP (mode ${this.mode})` : undefined].filter((x) => x !== undefined).join(' and ');
    return [
      `MetalLB configuration ${this.node.path} in namespace ${ns}: pools ${this.poolNames.join(', ')}, announced with ${announced}`,
      '',
      ...prerequisiteNotes(this.prerequisites()),
      'Check what MetalLB made of it:',
      `  kubectl get configurationstates.metallb.io -n ${ns} -o yaml  # conditions: is the configuration valid?`,
      `  kubectl get ipaddresspools.metallb.io -n ${ns}  # addresses in use per pool`,
      ...(bgp ? [`  kubectl get bgppeers.metallb.io,bgpadvertisements.metallb.io -n ${ns}; kubectl get servicebgpstatuses.metallb.io -A  # which nodes announce each Service`] : []),
      ...(l2 ? ['  kubectl get servicel2statuses.metallb.io -A  # which node answers ARP/NDP for each Service'] : []),
      `  kubectl logs -n ${ns} -l app.kubernetes.io/component=speaker --tail=100  # the Helm chart's label; the manifests use component=speaker`,
    ].join('\n');
  }

  /** Warnings recorded at synth time (also printed on stderr and kept as construct metadata). */
  public get warnings(): string[] {
    return warningsOf(this);
  }

  /**
   * A load-balancer provider that gives a Service an address of one of these
   * pools; pass it to `Exposure.loadBalancer({ provider })`.
   */
  public provider(options: MetalLbProviderOptions): MetalLbProvider {
    if (options === null || typeof options !== 'object') fail(this, 'provider', options, 'options are missing', "pass { pool: 'public' }");
    checkStructKeys(this, 'provider', options, 'MetalLbProviderOptions');
    const pool = this.pools.get(options.pool);
    if (!pool) {
      fail(this, 'provider.pool', options.pool, `is not a pool of this BareMetalLB (pools: ${[...this.pools.keys()].join(', ')})`, 'use the name of one of the pools');
    }
    if (pool.announced === false) {
      const announced = [...this.pools.values()].filter((p) => p.announced !== false).map((p) => p.name);
      fail(this, 'provider.pool', options.pool, `is announced by no advertisement of this BareMetalLB: the Service would get an address that no node answers for (announced pools: ${announced.join(', ') || 'none'})`,
        `add '${pool.name}' to an advertisement's pools (Advertisement.l2({ pools }) or Advertisement.bgp({ pools })), or use an announced pool`);
    }
    let address: { text: string; version: 4 | 6; value: bigint } | undefined;
    if (options.address !== undefined) {
      const ip = parseIp(typeof options.address === 'string' ? options.address.trim() : options.address);
      if (!ip) fail(this, 'provider.address', options.address, 'is not an IPv4 or IPv6 address', "give one address of the pool, e.g. '192.168.10.241' (no prefix length, no range)");
      if (!pool.blocks.some((b) => blockContains(b, ip))) {
        fail(this, 'provider.address', options.address, `is outside pool ${pool.name} (${pool.blocks.map((b) => b.text).join(', ')})`, 'pick an address inside the pool, or add it to the pool');
      }
      if (pool.avoidBuggyIps && isBuggyIp(ip)) {
        fail(this, 'provider.address', options.address, `ends in .0 or .255 and pool ${pool.name} sets avoidBuggyIps, so MetalLB never assigns it`, 'pick another address, or turn avoidBuggyIps off');
      }
      address = { text: formatIp(ip), version: ip.version, value: ip.value };
    }
    checkText(this, 'provider.sharingKey', options.sharingKey, "use a short key such as 'web'");
    if (options.internetFacing !== undefined && typeof options.internetFacing !== 'boolean') {
      fail(this, 'provider.internetFacing', options.internetFacing, 'must be true or false', 'pass a boolean');
    }
    return MetalLbProvider._create(this, pool, options, address, this.loadBalancerClass);
  }

  // ------------------------------------------------------------------ checks

  private checkPools(pools: AddressPool[]) {
    if (!Array.isArray(pools) || pools.length === 0) {
      fail(this, 'pools', pools, 'must list at least one address pool', "pass e.g. [{ name: 'public', addresses: ['192.168.10.240-192.168.10.250'] }]");
    }
    const result = pools.map((p, i) => {
      const prop = `pools[${i}]`;
      if (p === null || typeof p !== 'object') fail(this, prop, p, 'is not an address pool', 'pass { name, addresses }');
      checkObjectName(this, `${prop}.name`, p.name);
      const dup = pools.findIndex((q) => q?.name === p.name);
      if (dup !== i) fail(this, `${prop}.name`, p.name, `is also the name of pools[${dup}]`, 'give every pool its own name');
      if (!Array.isArray(p.addresses) || p.addresses.length === 0) {
        fail(this, `${prop}.addresses`, p.addresses, 'must list at least one address, CIDR block or range', "pass e.g. ['192.168.10.240-192.168.10.250']");
      }
      const blocks: AddressBlock[] = p.addresses.map((a, j) => {
        const v = parseAddressEntry(a);
        if ('problem' in v) fail(this, `${prop}.addresses[${j}]`, a, v.problem, v.fix);
        return v.block;
      });
      for (const flag of ['autoAssign', 'avoidBuggyIps'] as const) {
        if (p[flag] !== undefined && typeof p[flag] !== 'boolean') fail(this, `${prop}.${flag}`, p[flag], 'must be true or false', 'pass a boolean');
      }
      const sa = p.serviceAllocation;
      let serviceAllocation: metallb.IpAddressPoolSpecServiceAllocation | undefined;
      if (sa !== undefined) {
        checkInt(this, `${prop}.serviceAllocation.priority`, sa.priority, -2147483648, 2147483647, 'use a whole number; lower numbers win');
        checkStringList(this, `${prop}.serviceAllocation.namespaces`, sa.namespaces, (s) => isDnsLabel(s), 'is not a namespace name', 'list namespace names, each once');
        serviceAllocation = {
          priority: sa.priority,
          namespaces: sa.namespaces ? [...sa.namespaces] : undefined,
          namespaceSelectors: checkSelectors(this, `${prop}.serviceAllocation.namespaceSelectors`, sa.namespaceSelectors),
          serviceSelectors: checkSelectors(this, `${prop}.serviceAllocation.serviceSelectors`, sa.serviceSelectors),
        };
      }
      return { name: p.name, blocks, autoAssign: p.autoAssign, avoidBuggyIps: p.avoidBuggyIps, serviceAllocation, namespaces: sa?.namespaces };
    });
    // within this construct: no two blocks may overlap (in one pool or across pools)
    const all = result.flatMap((p, i) => p.blocks.map((b, j) => ({ b, i, j, pool: p.name })));
    for (let x = 0; x < all.length; x++) {
      for (let y = 0; y < x; y++) {
        if (blocksOverlap(all[x].b, all[y].b)) {
          fail(this, `pools[${all[x].i}].addresses[${all[x].j}]`, all[x].b.text,
            `overlaps ${JSON.stringify(all[y].b.text)} (pools[${all[y].i}].addresses[${all[y].j}], pool ${all[y].pool})`,
            'make the blocks disjoint: MetalLB refuses overlapping addresses, within a pool and across pools');
        }
      }
    }
    for (const p of result) {
      this.pools.set(p.name, {
        name: p.name,
        blocks: p.blocks,
        avoidBuggyIps: p.avoidBuggyIps === true,
        namespaces: p.namespaces,
        serviceSelectors: p.serviceAllocation?.serviceSelectors,
      });
    }
    return result;
  }

  private checkPoolRefs(prop: string, refs: string[] | undefined): string[] {
    if (refs === undefined) return [...this.pools.keys()];
    checkStringList(this, prop, refs, (s) => this.pools.has(s), `is not a pool of this BareMetalLB (pools: ${[...this.pools.keys()].join(', ')})`, 'use the names of pools given in `pools`');
    if (refs.length === 0) fail(this, prop, refs, 'is empty', 'list at least one pool, or leave it out to announce every pool');
    return [...refs];
  }

  private adName(prop: string, name: string | undefined, kind: string, i: number, count: number): string {
    if (name !== undefined) {
      checkObjectName(this, `${prop}.name`, name);
      return name;
    }
    return readableName(this, `metallb.io/${kind}`, this.namespace, count > 1 ? [kind, String(i + 1)] : [kind]);
  }

  private checkL2(prop: string, o: L2AdvertisementOptions, i: number, count: number) {
    const opts = o ?? {};
    const name = this.adName(prop, opts.name, 'l2', i, count);
    checkStringList(this, `${prop}.interfaces`, opts.interfaces, (s) => typeof s === 'string' && /^[^\s/:]{1,15}$/.test(s),
      'is not a network interface name', "use interface names such as 'eth0' (1-15 characters, no spaces, '/' or ':')");
    const spec: metallb.L2AdvertisementSpec = {
      ipAddressPools: this.checkPoolRefs(`${prop}.pools`, opts.pools),
      nodeSelectors: checkSelectors(this, `${prop}.nodeSelectors`, opts.nodeSelectors),
      interfaces: opts.interfaces && opts.interfaces.length > 0 ? [...opts.interfaces] : undefined,
    };
    return { prop, name, spec };
  }

  private checkBgp(prop: string, o: BgpAdvertisementOptions, i: number, count: number) {
    if (o === null || typeof o !== 'object') fail(this, prop, o, 'BGP options are missing', 'pass { peers: [...] }');
    const name = this.adName(prop, o.name, 'bgp', i, count);
    if (!Array.isArray(o.peers) || o.peers.length === 0) {
      fail(this, `${prop}.peers`, o.peers, 'must list at least one BGP peer', "pass e.g. [{ name: 'router-a', myAsn: 64500, peerAsn: 64501, peerAddress: '10.0.0.1' }]");
    }
    const poolNames = this.checkPoolRefs(`${prop}.pools`, o.pools);
    checkInt(this, `${prop}.aggregationLength`, o.aggregationLength, 1, 32, 'use a prefix length from 1 to 32');
    checkInt(this, `${prop}.aggregationLengthV6`, o.aggregationLengthV6, 1, 128, 'use a prefix length from 1 to 128');
    for (const poolName of poolNames) {
      for (const b of this.pools.get(poolName)!.blocks) {
        const agg = b.version === 4 ? o.aggregationLength ?? 32 : o.aggregationLengthV6 ?? 128;
        if (agg < b.widestPrefix) {
          fail(this, `${prop}.${b.version === 4 ? 'aggregationLength' : 'aggregationLengthV6'}`, agg,
            `is shorter than the /${b.widestPrefix} block ${JSON.stringify(b.text)} of pool ${poolName}`,
            `use ${b.widestPrefix} or more, or widen the pool (MetalLB refuses an aggregation wider than the pool's blocks)`);
        }
      }
    }
    checkInt(this, `${prop}.localPref`, o.localPref, 0, 2147483647, 'use a whole number from 0 to 2147483647');
    checkStringList(this, `${prop}.communities`, o.communities, isCommunity, 'is not a BGP community',
      "write a standard community as '65535:65282' (two numbers up to 65535) or a large one as 'large:64500:1:2'");
    if (this.mode === MetalLbMode.NATIVE) {
      const large = (o.communities ?? []).findIndex((c) => c.startsWith('large:'));
      if (large >= 0) {
        fail(this, `${prop}.communities[${large}]`, o.communities![large], 'is a large BGP community, which MetalLB\'s native BGP mode refuses (only standard communities, DiscardFRROnly)',
          'use a standard community such as \'65535:65282\', or run MetalLB in FRR-K8s mode (mode: MetalLbMode.FRR_K8S)');
      }
      for (const poolName of poolNames) {
        const v6 = this.pools.get(poolName)!.blocks.find((b) => b.version === 6);
        if (v6) {
          fail(this, `${prop}.pools`, poolName, `announces the IPv6 block ${JSON.stringify(v6.text)} over BGP, which MetalLB's native BGP mode refuses (IPv4 only, DiscardFRROnly)`,
            'announce IPv6 pools with Advertisement.l2(), leave them out of the BGP advertisement\'s pools, or run MetalLB in FRR-K8s mode (mode: MetalLbMode.FRR_K8S)');
        }
      }
    }
    const peers = o.peers.map((p, j) => this.checkPeer(`${prop}.peers[${j}]`, p));
    const peerNames = peers.map((p) => p.name);
    const dupPeer = peerNames.find((n, k) => peerNames.indexOf(n) !== k);
    if (dupPeer) fail(this, `${prop}.peers`, dupPeer, 'lists a peer name twice', 'give each peer its own name');
    const spec: metallb.BgpAdvertisementSpec = {
      ipAddressPools: poolNames,
      peers: peerNames,
      aggregationLength: o.aggregationLength,
      aggregationLengthV6: o.aggregationLengthV6,
      localPref: o.localPref,
      communities: o.communities && o.communities.length > 0 ? [...o.communities] : undefined,
      nodeSelectors: checkSelectors(this, `${prop}.nodeSelectors`, o.nodeSelectors),
    };
    return { prop, name, spec, peers };
  }

  private checkPeer(prop: string, p: BgpPeerOptions) {
    if (p === null || typeof p !== 'object') fail(this, prop, p, 'is not a BGP peer', 'pass { name, myAsn, peerAsn, peerAddress }');
    checkObjectName(this, `${prop}.name`, p.name);
    if ((p as any).password !== undefined) {
      fail(this, `${prop}.password`, '(redacted)', 'is a plain-text password; it would be written into the manifests', `put it in a Secret of type kubernetes.io/basic-auth (key 'password') in namespace ${this.namespace} and pass passwordSecret`);
    }
    const asnFix = 'use an AS number from 1 to 4294967295 (private: 64512-65534, 4200000000-4294967294)';
    if (p.myAsn === undefined) fail(this, `${prop}.myAsn`, p.myAsn, 'is required', asnFix);
    checkInt(this, `${prop}.myAsn`, p.myAsn, 1, 4294967295, asnFix);
    checkInt(this, `${prop}.peerAsn`, p.peerAsn, 1, 4294967295, asnFix);
    if (p.peerAsn === undefined && p.dynamicAsn === undefined) fail(this, `${prop}.peerAsn`, p.peerAsn, 'is required unless dynamicAsn is set', 'give the router\'s AS number, or set dynamicAsn');
    if (p.peerAsn !== undefined && p.dynamicAsn !== undefined) fail(this, `${prop}.dynamicAsn`, p.dynamicAsn, 'cannot be combined with peerAsn', 'set peerAsn or dynamicAsn, not both');
    if (p.dynamicAsn !== undefined && !Object.values(DynamicAsn).includes(p.dynamicAsn)) fail(this, `${prop}.dynamicAsn`, p.dynamicAsn, 'is not internal or external', 'use DynamicAsn.INTERNAL or DynamicAsn.EXTERNAL');
    if (p.peerAddress === undefined || p.peerAddress === '') {
      fail(this, `${prop}.peerAddress`, p.peerAddress, 'is required: a BGP peer needs the address of the router', "give the router's IP address, e.g. '10.0.0.1'");
    }
    const addr = parseIp(p.peerAddress);
    if (!addr) fail(this, `${prop}.peerAddress`, p.peerAddress, 'is not an IPv4 or IPv6 address', "give the router's IP address, e.g. '10.0.0.1' (no prefix length, no host name)");
    checkInt(this, `${prop}.peerPort`, p.peerPort, 1, 16384, 'use a port from 1 to 16384 (MetalLB limit); BGP uses 179');
    const ibgp = p.peerAsn === p.myAsn || p.dynamicAsn === DynamicAsn.INTERNAL;
    if (p.ebgpMultiHop && ibgp) fail(this, `${prop}.ebgpMultiHop`, true, 'is set on an iBGP peer (same AS on both ends)', 'remove ebgpMultiHop, or peer across different AS numbers');
    const hold = checkSeconds(this, `${prop}.holdTime`, p.holdTime, 0, 65535, 'use Duration.seconds(0) or 3 to 65535 seconds');
    if (hold !== undefined && hold > 0 && hold < 3) fail(this, `${prop}.holdTime`, `${hold}s`, 'must be 0 or at least 3 seconds (RFC 4271)', 'use Duration.seconds(0), or 3 seconds or more (90s is common)');
    const keepalive = checkSeconds(this, `${prop}.keepaliveTime`, p.keepaliveTime, 0, 65535, 'use whole seconds, at most the hold time');
    if (hold !== undefined && keepalive !== undefined && keepalive > hold) {
      fail(this, `${prop}.keepaliveTime`, `${keepalive}s`, `is longer than holdTime (${hold}s)`, 'use a keepalive of at most the hold time, usually a third of it');
    }
    const connect = checkSeconds(this, `${prop}.connectTime`, p.connectTime, 1, 65535, 'use 1 to 65535 whole seconds');
    if (p.ebgpMultiHop !== undefined && typeof p.ebgpMultiHop !== 'boolean') fail(this, `${prop}.ebgpMultiHop`, p.ebgpMultiHop, 'must be true or false', 'pass a boolean');
    if (this.mode === MetalLbMode.NATIVE) this.refuseFrrOnly(prop, p, keepalive);
    const passwordSecret = this.checkPasswordSecret(`${prop}.passwordSecret`, p.passwordSecret);
    const bfd = p.bfd !== undefined ? this.checkBfd(`${prop}.bfd`, p.bfd, p.name) : undefined;
    const spec: metallb.BgpPeerSpec = {
      myAsn: p.myAsn,
      peerAsn: p.peerAsn,
      dynamicAsn: p.dynamicAsn as unknown as metallb.BgpPeerSpecDynamicAsn | undefined,
      peerAddress: formatIp(addr),
      peerPort: p.peerPort,
      holdTime: hold !== undefined ? `${hold}s` : undefined,
      keepaliveTime: keepalive !== undefined ? `${keepalive}s` : undefined,
      connectTime: connect !== undefined ? `${connect}s` : undefined,
      passwordSecret,
      bfdProfile: bfd?.name,
      ebgpMultiHop: p.ebgpMultiHop,
      nodeSelectors: checkSelectors(this, `${prop}.nodeSelectors`, p.nodeSelectors),
    };
    return { prop, name: p.name, spec, bfd, secret: p.passwordSecret };
  }

  /**
   * Every pool must be announced by an advertisement of this BareMetalLB, or
   * MetalLB hands out addresses that no node answers ARP / NDP or announces
   * routes for. An L2Advertisement or BGPAdvertisement covers the pools it
   * lists in `ipAddressPools` plus those its `ipAddressPoolSelectors` match,
   * and every pool when both are empty (MetalLB internal/config/config.go,
   * "No pool selector means select all pools"); this construct always lists
   * the pools by name. An unannounced pool with autoAssign on would give its
   * addresses to any Service; with autoAssign off it is kept, and
   * `provider()` refuses it.
   */
  private checkAnnounced(pools: { name: string; autoAssign?: boolean }[],
    l2: { spec: metallb.L2AdvertisementSpec }[], bgp: { spec: metallb.BgpAdvertisementSpec }[]): void {
    const announced = new Set([...l2, ...bgp].flatMap((a) => a.spec.ipAddressPools ?? []));
    pools.forEach((p, i) => {
      const info = this.pools.get(p.name)!;
      this.pools.set(p.name, { ...info, announced: announced.has(p.name) });
      if (!announced.has(p.name) && p.autoAssign !== false) {
        fail(this, `pools[${i}].name`, p.name, `is announced by no advertisement (announced: ${[...announced].join(', ') || 'none'}), yet autoAssign is on: MetalLB would give its addresses to Services and no node would answer for them`,
          `add '${p.name}' to an advertisement's pools (or leave pools unset to announce every pool), or set autoAssign: false on a pool kept for later`);
      }
    });
  }

  /**
   * Native mode: the BGPPeer settings MetalLB refuses (`DiscardFRROnly`,
   * internal/config/validation.go: bfdProfile, keepaliveTime other than 0,
   * connectTime, dynamicASN; BFDProfiles at all) or never reads
   * (`ebgpMultiHop`: only internal/bgp/frr and internal/bgp/frrk8s use it).
   */
  private refuseFrrOnly(prop: string, p: BgpPeerOptions, keepalive: number | undefined): void {
    const fix = (what: string) => `${what}, or run MetalLB in FRR-K8s mode (the Helm chart's default) and set mode: MetalLbMode.FRR_K8S`;
    const frrOnly: [string, unknown, boolean, string][] = [
      ['bfd', p.bfd, p.bfd !== undefined, 'BFD needs FRR; native mode rejects the whole configuration when a peer has a BFD profile'],
      ['keepaliveTime', keepalive !== undefined ? `${keepalive}s` : undefined, keepalive !== undefined && keepalive !== 0, 'native mode rejects the whole configuration when a peer sets a keepalive time'],
      ['connectTime', p.connectTime?.toSeconds(), p.connectTime !== undefined, 'native mode rejects the whole configuration when a peer sets a connect time'],
      ['dynamicAsn', p.dynamicAsn, p.dynamicAsn !== undefined, 'native mode rejects the whole configuration when a peer sets dynamicASN'],
      ['ebgpMultiHop', p.ebgpMultiHop, p.ebgpMultiHop === true, 'native mode never reads it (only the FRR backends configure multi-hop sessions)'],
    ];
    for (const [name, value, set, problem] of frrOnly) {
      if (set) {
        fail(this, `${prop}.${name}`, value, `is an FRR-only setting and mode is native: ${problem}`,
          fix(name === 'dynamicAsn' ? 'give the router\'s peerAsn instead' : `remove ${name}`));
      }
    }
  }

  /**
   * FRR and FRR-K8s modes run one FRR per node: peers that select the same
   * node must have the same `myAsn` and distinct addresses
   * (`checkFRRPeersCompatible` / `peersCanRunOnSameNode`, MetalLB
   * internal/config/validation.go). A peer without nodeSelectors selects
   * every node, so it shares a node with every other peer.
   */
  private checkPeersShareNodes(peers: { prop: string; name: string; spec: metallb.BgpPeerSpec }[]): void {
    if (this.mode === MetalLbMode.NATIVE) return;
    for (let i = 0; i < peers.length; i++) {
      for (let j = 0; j < i; j++) {
        const p = peers[i];
        const q = peers[j];
        const sharesNode = !p.spec.nodeSelectors?.length || !q.spec.nodeSelectors?.length;
        if (!sharesNode) continue;
        if (p.spec.peerAddress === q.spec.peerAddress) {
          fail(this, `${p.prop}.peerAddress`, p.spec.peerAddress, `is also the address of peer ${q.name} (${q.prop}), and in ${this.mode} mode MetalLB refuses two BGPPeers with one address on the same node`,
            'use one peer per router, or give the two peers disjoint nodeSelectors');
        }
        if (p.spec.myAsn !== q.spec.myAsn) {
          fail(this, `${p.prop}.myAsn`, p.spec.myAsn, `differs from myAsn ${q.spec.myAsn} of peer ${q.name} (${q.prop}), and in ${this.mode} mode peers on the same node must share myAsn`,
            'use the same myAsn on every peer, or give the peers disjoint nodeSelectors');
        }
      }
    }
  }

  /**
   * BFD echo mode cannot run over IPv6: MetalLB refuses a BGP advertisement
   * of an IPv6 pool to a peer whose BFD profile has echo mode
   * (`validateConfig`, internal/config/validation.go).
   */
  private checkBfdEchoOnV6(
    ads: { prop: string; spec: metallb.BgpAdvertisementSpec; peers: { prop: string; name: string; bfd?: { spec: metallb.BfdProfileSpec } }[] }[],
  ): void {
    for (const a of ads) {
      const v6Pool = (a.spec.ipAddressPools ?? []).find((n) => this.pools.get(n)!.blocks.some((b) => b.version === 6));
      if (v6Pool === undefined) continue;
      const echo = a.peers.find((p) => p.bfd?.spec.echoMode === true);
      if (echo) {
        fail(this, `${echo.prop}.bfd.echoMode`, true, `is set on a peer that the BGP advertisement ${a.prop} announces IPv6 pool ${v6Pool} to; MetalLB refuses BFD echo with IPv6`,
          'turn echoMode off, or announce the IPv6 pool to peers without BFD echo');
      }
    }
  }

  private checkPasswordSecret(prop: string, secret: any): metallb.BgpPeerSpecPasswordSecret | undefined {
    if (secret === undefined) return undefined;
    const fix = `pass a Secret of type kubernetes.io/basic-auth with key 'password' in namespace ${this.namespace}, e.g. new kplus.BasicAuthSecret(...) or kplus.Secret.fromSecretName(scope, 'BgpPassword', 'router-a-bgp')`;
    if (typeof secret !== 'object' || secret === null) fail(this, prop, '(redacted)', 'is a plain value; a BGP password can only come from a Secret reference', fix);
    if (secret.kind !== 'Secret' || typeof secret.name !== 'string' || secret.name === '') fail(this, prop, secret.kind ?? typeof secret, 'is not a Secret', fix);
    const api = apiObjectOf(secret);
    if (api) {
      const json = api.toJson();
      if (json.type !== 'kubernetes.io/basic-auth') {
        fail(this, prop, secret.name, `is a Secret of type ${json.type ?? 'Opaque'}, MetalLB needs kubernetes.io/basic-auth`, 'use kplus.BasicAuthSecret (or type kubernetes.io/basic-auth) with the password under key \'password\'');
      }
      if (json.metadata?.namespace !== undefined && json.metadata.namespace !== this.namespace) {
        fail(this, prop, `${json.metadata.namespace}/${secret.name}`, `is not in MetalLB's namespace ${this.namespace}`, `create the Secret in namespace ${this.namespace} (MetalLB only reads Secrets there)`);
      }
    }
    return { name: secret.name, namespace: this.namespace };
  }

  private checkBfd(prop: string, b: BfdOptions, peerName: string) {
    if (b === null || typeof b !== 'object') fail(this, prop, b, 'is not a BFD profile', 'pass {} for the defaults, or { receiveInterval, transmitInterval, ... }');
    const name = b.name ?? `${peerName}-bfd`;
    checkObjectName(this, `${prop}.name`, name);
    checkInt(this, `${prop}.detectMultiplier`, b.detectMultiplier, 2, 255, 'use a number from 2 to 255');
    checkInt(this, `${prop}.minimumTtl`, b.minimumTtl, 1, 254, 'use a number from 1 to 254');
    for (const flag of ['echoMode', 'passiveMode'] as const) {
      if (b[flag] !== undefined && typeof b[flag] !== 'boolean') fail(this, `${prop}.${flag}`, b[flag], 'must be true or false', 'pass a boolean');
    }
    const spec: metallb.BfdProfileSpec = {
      receiveInterval: checkMillis(this, `${prop}.receiveInterval`, b.receiveInterval, 10, 60000),
      transmitInterval: checkMillis(this, `${prop}.transmitInterval`, b.transmitInterval, 10, 60000),
      detectMultiplier: b.detectMultiplier,
      echoInterval: checkMillis(this, `${prop}.echoInterval`, b.echoInterval, 10, 60000),
      echoMode: b.echoMode,
      passiveMode: b.passiveMode,
      minimumTtl: b.minimumTtl,
    };
    return { name, spec };
  }

  /** The same peer may appear in several BGP advertisements: one object, if the settings agree. */
  private mergePeers<T extends { prop: string; name: string; spec: metallb.BgpPeerSpec }>(peers: T[]): T[] {
    const byName = new Map<string, T>();
    for (const p of peers) {
      const seen = byName.get(p.name);
      if (!seen) {
        byName.set(p.name, p);
      } else if (JSON.stringify(seen.spec) !== JSON.stringify(p.spec)) {
        fail(this, `${p.prop}.name`, p.name, `names another peer with different settings than ${seen.prop}`, 'give the peers different names, or the same settings to share one BGPPeer');
      }
    }
    return [...byName.values()];
  }

  private mergeBfd(profiles: { prop: string; spec: { name: string; spec: metallb.BfdProfileSpec } }[]) {
    const byName = new Map<string, { prop: string; name: string; spec: metallb.BfdProfileSpec }>();
    for (const { prop, spec } of profiles) {
      const seen = byName.get(spec.name);
      if (!seen) {
        byName.set(spec.name, { prop, name: spec.name, spec: spec.spec });
      } else if (JSON.stringify(seen.spec) !== JSON.stringify(spec.spec)) {
        fail(this, `${prop}.name`, spec.name, `names a BFD profile with different settings than ${seen.prop}`, 'give the profiles different names, or the same settings to share one BFDProfile');
      }
    }
    return [...byName.values()];
  }
}
