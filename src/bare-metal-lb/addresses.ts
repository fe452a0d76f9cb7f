/**
 * Address arithmetic for MetalLB pools (internal: not re-exported).
 *
 * MetalLB accepts a CIDR block or an `a-b` range in `IPAddressPool.spec.addresses`
 * and splits ranges into CIDR blocks (internal/config ParseCIDR). A plain
 * address is not accepted there, so the library writes it as a /32 or /128.
 */
/* eslint-disable no-bitwise */ // address arithmetic on bigint values
import { IConstruct } from 'constructs';
import { AddressRange, blockWithin, formatIp, parseCidr, parseIp } from '../internal/validation';

/** One entry of a pool, parsed: the text MetalLB gets and the block of addresses it covers. */
export interface AddressBlock {
  /** text to write into `spec.addresses` */
  readonly text: string;
  readonly version: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  /** the shortest prefix length among the CIDR blocks that make up the entry */
  readonly widestPrefix: number;
}

/** The verdict for one pool entry: a block, or the problem and fix for the error message. */
export type AddressVerdict = { block: AddressBlock } | { problem: string; fix: string };

const ENTRY_FIX = "write an address ('192.168.10.241'), a CIDR block ('192.168.10.0/24', '2001:db8::/64') or a range ('192.168.10.240-192.168.10.250')";

/** Parse one `addresses` entry: an IPv4/IPv6 address, a CIDR block, or an `a-b` range. */
export function parseAddressEntry(raw: string): AddressVerdict {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return { problem: 'is not an address, CIDR block or range', fix: ENTRY_FIX };
  }
  const s = raw.trim();
  if (s.includes('-')) {
    const parts = s.split('-');
    if (parts.length !== 2) return { problem: 'is not an address, CIDR block or range', fix: ENTRY_FIX };
    const start = parseIp(parts[0].trim());
    const end = parseIp(parts[1].trim());
    if (!start || !end) {
      return {
        problem: `is not a range: ${!start ? `start ${JSON.stringify(parts[0].trim())}` : `end ${JSON.stringify(parts[1].trim())}`} is not an IP address`,
        fix: "write a range as two addresses of the same family joined by '-', e.g. '192.168.10.240-192.168.10.250'",
      };
    }
    if (start.version !== end.version) {
      return { problem: 'mixes an IPv4 and an IPv6 address', fix: 'write one range per address family' };
    }
    if (end.value < start.value) {
      return {
        problem: `ends before it starts (${formatIp(end)} < ${formatIp(start)})`,
        fix: `swap the two ends: '${formatIp(start)}' must come first, e.g. '${parts[1].trim()}-${parts[0].trim()}'`,
      };
    }
    // canonical text: MetalLB's parser and every reader agree on it (no IPv4-embedded IPv6, no upper case)
    const text = `${formatIp(start)}-${formatIp(end)}`;
    const widestPrefix = widestPrefixOfRange(start.version, start.value, end.value);
    return { block: { text, version: start.version, first: start.value, last: end.value, widestPrefix } };
  }
  if (s.includes('/')) {
    const c = parseCidr(s);
    if (!c) return { problem: 'is not a valid CIDR block', fix: ENTRY_FIX };
    const ip = parseIp(s.split('/')[0])!;
    if (ip.value !== c.first) {
      const net = `${formatIp({ version: c.version, value: c.first })}/${c.prefix}`;
      return {
        problem: `has host bits set (MetalLB would silently use the whole block ${net})`,
        fix: `write the block as '${net}', or the exact addresses you mean as a range`,
      };
    }
    return { block: { text: `${formatIp(ip)}/${c.prefix}`, version: c.version, first: c.first, last: c.last, widestPrefix: c.prefix } };
  }
  const ip = parseIp(s);
  if (!ip) return { problem: 'is not an IP address, CIDR block or range', fix: ENTRY_FIX };
  const bits = ip.version === 4 ? 32 : 128;
  return { block: { text: `${formatIp(ip)}/${bits}`, version: ip.version, first: ip.value, last: ip.value, widestPrefix: bits } };
}

/** Shortest prefix length among the CIDR blocks that exactly cover [first, last]. */
export function widestPrefixOfRange(version: 4 | 6, first: bigint, last: bigint): number {
  const bits = version === 4 ? 32 : 128;
  let widest = bits;
  let cur = first;
  while (cur <= last) {
    let size = 0;
    // grow the block while it stays aligned and inside the range
    while (size < bits && (cur & ((1n << BigInt(size + 1)) - 1n)) === 0n && cur + (1n << BigInt(size + 1)) - 1n <= last) size++;
    widest = Math.min(widest, bits - size);
    cur += 1n << BigInt(size);
  }
  return widest;
}

/**
 * The first IPv4 address in the block that ends in .0 or .255, i.e. the
 * network or broadcast address of the /24 (or any wider block) it belongs to.
 * Some old client devices drop traffic to such addresses; MetalLB's
 * `avoidBuggyIps` skips them.
 */
export function firstBuggyIp(block: AddressBlock): string | undefined {
  if (block.version !== 4) return undefined;
  const base = block.first & ~0xffn;
  for (const candidate of [block.first, base + 0xffn, base + 0x100n]) {
    const octet = candidate & 0xffn;
    if ((octet === 0n || octet === 0xffn) && candidate >= block.first && candidate <= block.last) {
      return formatIp({ version: 4, value: candidate });
    }
  }
  return undefined;
}

/** Is the address .0 or .255 (IPv4)? */
export function isBuggyIp(ip: { version: number; value: bigint }): boolean {
  return ip.version === 4 && ((ip.value & 0xffn) === 0n || (ip.value & 0xffn) === 0xffn);
}

const NON_PUBLIC = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16',
  '::1/128', 'fc00::/7', 'fe80::/10',
].map((c) => parseCidr(c)!);

/**
 * True when every address of the block is in private, shared (CGNAT),
 * loopback or link-local space, i.e. cannot be reached from the internet.
 * Documentation ranges (TEST-NET, 2001:db8::/32) count as public: they stand
 * for public addresses in examples.
 */
export function isNonPublicBlock(block: AddressRange): boolean {
  return NON_PUBLIC.some((c) => blockWithin(block, c));
}

/** What a provider needs to know about its pool. */
export interface MetalLbPoolInfo {
  readonly name: string;
  readonly blocks: AddressBlock[];
  readonly avoidBuggyIps: boolean;
  readonly namespaces?: string[];
  /** serviceAllocation.serviceSelectors, checked: a Service gets an address of the pool only when one matches its labels */
  readonly serviceSelectors?: {
    matchLabels?: { [key: string]: string };
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  }[];
  /** whether an advertisement of the BareMetalLB covers the pool (unset until advertisements are checked) */
  readonly announced?: boolean;
}

/** Registry category of load-balancer addresses claimed by Services, app-wide. */
export const LOAD_BALANCER_ADDRESS_CLAIMS = 'load-balancer-address';

/** Registry category of MetalLB pool blocks, app-wide (overlap checks). */
export const METALLB_POOL_BLOCK_CLAIMS = 'metallb-pool-block';

/** Registry category of MetalLB object names (`kind/namespace/name`), app-wide. */
export const METALLB_OBJECT_CLAIMS = 'metallb-object';

/** One claimed pool block in a `PoolBlockIndex`. */
export interface IndexedPoolBlock {
  readonly block: AddressBlock;
  readonly owner: IConstruct;
  readonly detail: { readonly block: AddressBlock; readonly pool: string };
  /** claim order, app-wide */
  readonly seq: number;
}

/**
 * The claimed MetalLB pool blocks of one App, sorted by first address per IP
 * family, so that finding an overlap is a binary search instead of a scan of
 * every pool of the App (which made N BareMetalLBs cost O(N²)). Every block
 * is checked against the index before it is added, so the indexed blocks of
 * other constructs never overlap each other: sorted by first address, their
 * last addresses are sorted too, and the blocks overlapping a new one are a
 * contiguous run ending at the last block that starts before the new one ends.
 */
export class PoolBlockIndex {
  private readonly byVersion: { [version: number]: IndexedPoolBlock[] } = { 4: [], 6: [] };
  private seq = 0;

  /**
   * The earliest-claimed block that overlaps `block` and belongs to another
   * owner than `owner` (the same answer as scanning the claims in order).
   */
  public firstOverlap(block: AddressBlock, owner: IConstruct): IndexedPoolBlock | undefined {
    const list = this.byVersion[block.version];
    let found: IndexedPoolBlock | undefined;
    for (let k = this.lastStartingAtOrBefore(list, block.last); k >= 0 && list[k].block.last >= block.first; k--) {
      const e = list[k];
      if (e.owner !== owner && (found === undefined || e.seq < found.seq)) found = e;
    }
    return found;
  }

  /** Record a claimed block. */
  public add(block: AddressBlock, owner: IConstruct, detail: { block: AddressBlock; pool: string }): void {
    const list = this.byVersion[block.version];
    list.splice(this.lastStartingAtOrBefore(list, block.first) + 1, 0, { block, owner, detail, seq: this.seq++ });
  }

  /** Index of the last entry whose first address is <= `value`, or -1. */
  private lastStartingAtOrBefore(list: IndexedPoolBlock[], value: bigint): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].block.first <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
