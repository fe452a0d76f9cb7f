import { Duration } from 'cdk8s';
import { MetalLbSelector } from './selector';
import { kplus } from '../internal/plus.generated';

/** Options of an L2 (ARP / NDP) advertisement. */
export interface L2AdvertisementOptions {
  /**
   * Name of the L2Advertisement object.
   * @default - the BareMetalLB's construct path, then `l2` / `bgp` (and the advertisement's number when there are several), e.g. `net-lb-l2`; a hash only when too long or taken
   */
  readonly name?: string;
  /**
   * Pools (by name) announced this way.
   * @default - every pool of the BareMetalLB
   */
  readonly pools?: string[];
  /**
   * Only nodes matching one of these selectors answer ARP / NDP for the addresses.
   * @default - every node that runs the MetalLB speaker
   */
  readonly nodeSelectors?: MetalLbSelector[];
  /**
   * Only announce from these network interfaces of the nodes (e.g. `eth0`).
   * @default - every interface
   */
  readonly interfaces?: string[];
}

/** Options of a BGP advertisement and the routers it announces to. */
export interface BgpAdvertisementOptions {
  /**
   * Name of the BGPAdvertisement object.
   * @default - the BareMetalLB's construct path, then `l2` / `bgp` (and the advertisement's number when there are several), e.g. `net-lb-l2`; a hash only when too long or taken
   */
  readonly name?: string;
  /** The BGP routers to peer with and announce to; at least one. */
  readonly peers: BgpPeerOptions[];
  /**
   * Pools (by name) announced this way.
   * @default - every pool of the BareMetalLB
   */
  readonly pools?: string[];
  /**
   * Announce IPv4 addresses aggregated to this prefix length (1-32), so the
   * routers hold fewer routes. Must not be shorter than any block of the pools.
   * @default 32 (one route per address)
   */
  readonly aggregationLength?: number;
  /**
   * Same as `aggregationLength`, for IPv6 (1-128).
   * @default 128
   */
  readonly aggregationLengthV6?: number;
  /**
   * BGP LOCAL_PREF of the announcements (only used with iBGP peers), 0-2147483647.
   * @default - not set
   */
  readonly localPref?: number;
  /**
   * BGP communities to attach: `65535:65282` (standard) or `large:1:2:3` (large).
   * @default - none
   */
  readonly communities?: string[];
  /**
   * Only nodes matching one of these selectors announce the addresses.
   * @default - every node that runs the MetalLB speaker
   */
  readonly nodeSelectors?: MetalLbSelector[];
}

/** How the remote AS number of a BGP peer is found when it is not given. */
export enum DynamicAsn {
  /** the peer must be in the same AS as `myAsn` (iBGP) */
  INTERNAL = 'internal',
  /** the peer must be in another AS than `myAsn` (eBGP) */
  EXTERNAL = 'external',
}

/**
 * One BGP router MetalLB peers with (`BGPPeer`, `metallb.io/v1beta2`).
 * The TCP MD5 password can only come from a Secret: a plain-text password in
 * the manifests would be committed to git.
 */
export interface BgpPeerOptions {
  /** Name of the BGPPeer object. */
  readonly name: string;
  /** AS number MetalLB speaks from, 1-4294967295. */
  readonly myAsn: number;
  /**
   * AS number of the router, 1-4294967295. Exactly one of `peerAsn` and `dynamicAsn`.
   * @default - from `dynamicAsn`
   */
  readonly peerAsn?: number;
  /**
   * Accept the router's AS number as long as it is internal / external.
   * @default - `peerAsn` must be given
   */
  readonly dynamicAsn?: DynamicAsn;
  /** IPv4 or IPv6 address of the router. */
  readonly peerAddress: string;
  /**
   * TCP port of the router, 1-16384.
   * @default 179
   */
  readonly peerPort?: number;
  /**
   * BGP hold time: 0 (no keepalives) or 3 seconds to 65535 seconds, whole seconds.
   * @default - FRR's default (MetalLB leaves it unset)
   */
  readonly holdTime?: Duration;
  /**
   * BGP keepalive time, whole seconds, not longer than the hold time.
   * @default - a third of the hold time
   */
  readonly keepaliveTime?: Duration;
  /**
   * How long to wait between connection attempts, 1 to 65535 whole seconds.
   * @default - FRR's default
   */
  readonly connectTime?: Duration;
  /**
   * Secret with the TCP MD5 password, of type `kubernetes.io/basic-auth`, key
   * `password` (e.g. `kplus.BasicAuthSecret` or `kplus.Secret.fromSecretName`),
   * in MetalLB's namespace.
   * @default - no password
   */
  readonly passwordSecret?: kplus.ISecret;
  /**
   * Run BFD on the session for sub-second failure detection (creates a BFDProfile).
   * Needs MetalLB in FRR or FRR-K8s mode.
   * @default - no BFD
   */
  readonly bfd?: BfdOptions;
  /**
   * The router is more than one hop away (eBGP multi-hop). FRR modes only; not for iBGP.
   * @default false
   */
  readonly ebgpMultiHop?: boolean;
  /**
   * Only nodes matching one of these selectors peer with this router.
   * @default - every node that runs the MetalLB speaker
   */
  readonly nodeSelectors?: MetalLbSelector[];
}

/** Settings of a BFD session (`BFDProfile`). Intervals are whole milliseconds, 10 ms to 60 s. */
export interface BfdOptions {
  /**
   * Name of the BFDProfile object; peers may share a profile by using the same
   * name with the same settings.
   * @default - `<peer name>-bfd`
   */
  readonly name?: string;
  /**
   * Minimum interval between BFD packets this side can receive.
   * @default - 300ms (MetalLB / FRR default)
   */
  readonly receiveInterval?: Duration;
  /**
   * Minimum interval between BFD packets this side sends.
   * @default - 300ms (MetalLB / FRR default)
   */
  readonly transmitInterval?: Duration;
  /**
   * Packets that may be lost before the session is declared down, 2-255.
   * @default - 3 (MetalLB / FRR default)
   */
  readonly detectMultiplier?: number;
  /**
   * Interval of echo packets (only with `echoMode`).
   * @default - 50ms (MetalLB / FRR default)
   */
  readonly echoInterval?: Duration;
  /**
   * Use BFD echo mode.
   * @default false
   */
  readonly echoMode?: boolean;
  /**
   * Wait for the router to start the BFD session.
   * @default false
   */
  readonly passiveMode?: boolean;
  /**
   * For multi-hop sessions, the minimum expected TTL of incoming packets, 1-254.
   * @default - 254 (MetalLB / FRR default)
   */
  readonly minimumTtl?: number;
}

/**
 * How MetalLB announces the addresses it hands out: L2 (one node answers ARP
 * / NDP for each address; works on any flat network), BGP (nodes announce
 * routes to your routers; real load spreading and fast failover), or both.
 */
export class Advertisement {
  /** Announce with ARP (IPv4) / NDP (IPv6) from one node per address. */
  public static l2(options: L2AdvertisementOptions = {}): Advertisement {
    return new Advertisement([options], []);
  }

  /** Announce routes to BGP routers. */
  public static bgp(options: BgpAdvertisementOptions): Advertisement {
    return new Advertisement([], [options]);
  }

  /**
   * Several advertisements at once, e.g. L2 for one pool and BGP for another,
   * or both for the same pool.
   */
  public static combine(...advertisements: Advertisement[]): Advertisement {
    return new Advertisement(
      advertisements.flatMap((a) => a?._l2 ?? []),
      advertisements.flatMap((a) => a?._bgp ?? []),
    );
  }

  /** @internal */
  public readonly _l2: L2AdvertisementOptions[];
  /** @internal */
  public readonly _bgp: BgpAdvertisementOptions[];

  private constructor(l2: L2AdvertisementOptions[], bgp: BgpAdvertisementOptions[]) {
    this._l2 = l2;
    this._bgp = bgp;
  }
}
