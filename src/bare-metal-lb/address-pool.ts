import { MetalLbSelector } from './selector';

/**
 * One MetalLB `IPAddressPool`: the addresses MetalLB may hand to
 * `type: LoadBalancer` Services.
 *
 * @see https://metallb.io/configuration/
 */
export interface AddressPool {
  /**
   * Name of the pool (the IPAddressPool object's name; Services ask for it
   * with the `metallb.io/address-pool` annotation). Unique in the namespace.
   */
  readonly name: string;
  /**
   * Addresses of the pool. Each entry is an IPv4 or IPv6 address, a CIDR block
   * (`192.168.10.0/24`) or a range (`192.168.10.240-192.168.10.250`). A single
   * address is written as a /32 (/128) block because MetalLB only accepts
   * blocks and ranges. Entries may not overlap each other nor any other pool
   * in the App.
   */
  readonly addresses: string[];
  /**
   * Whether MetalLB may give addresses of this pool to Services that do not
   * ask for the pool by name. Turn it off for scarce (e.g. public) addresses.
   * @default true
   */
  readonly autoAssign?: boolean;
  /**
   * Skip addresses ending in `.0` and `.255`: some old client devices drop
   * traffic to them, taking them for network or broadcast addresses. When
   * off and the pool holds such an address, the construct warns. Written to
   * MetalLB's `avoidBuggyIPs` (spelled for every jsii language here).
   * @default false
   */
  readonly avoidBuggyIps?: boolean;
  /**
   * Restrict the pool to some namespaces or Services, and order pools.
   * @default - any Service in any namespace
   */
  readonly serviceAllocation?: ServiceAllocation;
}

/**
 * Which Services may get addresses from a pool (`IPAddressPool.spec.serviceAllocation`).
 */
export interface ServiceAllocation {
  /**
   * Preference of this pool when several pools match a Service; lower numbers win.
   * @default - no priority
   */
  readonly priority?: number;
  /**
   * Namespaces whose Services may use the pool.
   * @default - no namespace list
   */
  readonly namespaces?: string[];
  /**
   * Namespaces, by label, whose Services may use the pool.
   * @default - no namespace selector
   */
  readonly namespaceSelectors?: MetalLbSelector[];
  /**
   * Services, by label, that may use the pool.
   * @default - no Service selector
   */
  readonly serviceSelectors?: MetalLbSelector[];
}
