import { ManifestIndex, ObjRef } from './manifest-index';
import { isNonPublicBlock, parseAddressEntry } from '../bare-metal-lb/addresses';

/**
 * Whether a LoadBalancer Service can only get a private address, read from
 * the addresses it asks for and, for MetalLB, from the pools in the manifests.
 * Internal to the linter; the library decides the same way
 * (MetalLbProvider: internet-facing when the fixed address, or any block of
 * the pool, is public).
 *
 * MetalLB facts (metallb.io docs "Usage", "Configuration"; controller
 * internal/allocator): `metallb.io/loadBalancerIPs` (comma-separated) asks
 * for fixed addresses, `metallb.io/address-pool` names the IPAddressPool to
 * allocate from, and without either MetalLB allocates from any IPAddressPool
 * whose `spec.autoAssign` is not false. Private means RFC 1918, CGNAT
 * (100.64.0.0/10), loopback, link-local or IPv6 ULA space.
 */
export function getsOnlyPrivateAddresses(index: ManifestIndex, svc: ObjRef): boolean {
  const a = svc.obj.metadata?.annotations ?? {};
  const requested = [
    ...String(a['metallb.io/loadBalancerIPs'] ?? a['metallb.universe.tf/loadBalancerIPs'] ?? '').split(','),
    String(svc.obj.spec?.loadBalancerIP ?? ''),
  ].map((s) => s.trim()).filter((s) => s !== '');
  if (requested.length > 0) return requested.every(isPrivateEntry);

  const pools = metallbPools(index);
  const poolName = a['metallb.io/address-pool'] ?? a['metallb.universe.tf/address-pool'];
  if (typeof poolName === 'string' && poolName !== '') return pools.privateByName.get(poolName) === true;
  // another implementation (loadBalancerClass) or no MetalLB pools in the manifests: unknown, so not private
  if (svc.obj.spec?.loadBalancerClass !== undefined) return false;
  return pools.autoAssignPrivate;
}

interface MetalLbPools {
  /** pool name -> every pool of that name (any namespace) hands out private addresses only */
  readonly privateByName: Map<string, boolean>;
  /** there are auto-assigning pools and all of them are private */
  readonly autoAssignPrivate: boolean;
}

const poolsCache = new WeakMap<ManifestIndex, MetalLbPools>();

/** The MetalLB IPAddressPools of the manifests, summarized once per lint run. */
function metallbPools(index: ManifestIndex): MetalLbPools {
  let cached = poolsCache.get(index);
  if (cached) return cached;
  const privateByName = new Map<string, boolean>();
  let auto = 0;
  let autoPrivate = 0;
  for (const p of index.ofKind('IPAddressPool')) {
    if (!p.apiVersion.startsWith('metallb.io/')) continue;
    const isPrivate = poolIsPrivate(p);
    privateByName.set(p.name, (privateByName.get(p.name) ?? true) && isPrivate);
    if (p.obj.spec?.autoAssign !== false) {
      auto++;
      if (isPrivate) autoPrivate++;
    }
  }
  cached = { privateByName, autoAssignPrivate: auto > 0 && auto === autoPrivate };
  poolsCache.set(index, cached);
  return cached;
}

function poolIsPrivate(pool: ObjRef): boolean {
  const addresses = pool.obj.spec?.addresses;
  return Array.isArray(addresses) && addresses.length > 0 && addresses.every((e: unknown) => isPrivateEntry(String(e)));
}

/** An address, CIDR block or MetalLB range entirely in non-public space (unparsable: not private). */
export function isPrivateEntry(entry: string): boolean {
  const v = parseAddressEntry(entry);
  return 'block' in v && isNonPublicBlock(v.block);
}
