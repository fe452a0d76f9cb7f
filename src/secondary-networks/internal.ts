import { IConstruct } from 'constructs';
import { fail } from '../errors';
import { blockContains, parseCidr, parseIp, ParsedCidr } from '../internal/validation';

/**
 * Linux interface names: at most 15 bytes (IFNAMSIZ 16 with the NUL), not
 * `.` or `..`, no `/`, `:` or whitespace (Linux net/core/dev.c `dev_valid_name`).
 */
export function isInterfaceName(s: unknown): boolean {
  return typeof s === 'string' && s.length >= 1 && s.length <= 15 && s !== '.' && s !== '..' && !/[/:\s]/.test(s) && /^[\x21-\x7e]+$/.test(s);
}

export function checkInterfaceName(scope: IConstruct, prop: string, s: unknown): void {
  if (!isInterfaceName(s)) {
    fail(scope, prop, s, "is not a Linux interface name (1-15 characters, not '.' or '..', no '/', ':' or whitespace)", "use the host's interface name as `ip link` prints it, e.g. 'eth1', 'ens1f0' or 'bond0'");
  }
}

export function checkVlanId(scope: IConstruct, prop: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 4094) {
    fail(scope, prop, v, 'is not a VLAN id (IEEE 802.1Q ids 0 and 4095 are reserved)', 'use a VLAN id from 1 to 4094');
  }
}

/** A pool or fixed address, for overlap checks. */
export interface IpamBlock {
  readonly version: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  readonly text: string;
  readonly prop: string;
}

/** What validation resolved. */
export interface ResolvedIpam {
  readonly json: Record<string, unknown>;
  /** dynamic pools (host-local, whereabouts) */
  readonly pools: IpamBlock[];
  /** fixed addresses written in the config (static) */
  readonly fixed: IpamBlock[];
  /** static IPAM without addresses: each pod names its own `ips` */
  readonly perPodIps: boolean;
  /** an IPv6 address or pool is configured */
  readonly ipv6: boolean;
}

export function single(ip: { version: 4 | 6; value: bigint }): { version: 4 | 6; first: bigint; last: bigint } {
  return { version: ip.version, first: ip.value, last: ip.value };
}

export function checkIp(scope: IConstruct, prop: string, s: unknown): { version: 4 | 6; value: bigint } {
  const ip = typeof s === 'string' ? parseIp(s) : undefined;
  if (!ip) fail(scope, prop, s, 'is not an IP address', "write a plain address, e.g. '192.0.2.1' or '2001:db8::1'");
  return ip;
}

export function checkCidr(scope: IConstruct, prop: string, s: unknown): ParsedCidr {
  const c = typeof s === 'string' ? parseCidr(s) : undefined;
  if (!c) fail(scope, prop, s, 'is not a CIDR block', "write e.g. '192.0.2.0/24' or '2001:db8::/64'");
  return c;
}

export function checkIpIn(scope: IConstruct, prop: string, s: string, range: ParsedCidr, rangeText: string): { version: 4 | 6; value: bigint } {
  const ip = checkIp(scope, prop, s);
  if (!blockContains(range, ip)) fail(scope, prop, s, `is outside its range ${rangeText}`, `use an address inside ${rangeText}`);
  return ip;
}

/** `a.b.c.d/n` with host bits: the address and its subnet. */
export function checkAddressWithPrefix(scope: IConstruct, prop: string, s: unknown): { ip: { version: 4 | 6; value: bigint }; subnet: ParsedCidr } {
  const m = typeof s === 'string' ? /^([^/]+)\/([0-9]{1,3})$/.exec(s) : null;
  const ip = m ? parseIp(m[1]) : undefined;
  const subnet = m ? parseCidr(s as string) : undefined;
  if (!ip || !subnet) fail(scope, prop, s, 'is not an address with prefix length (static IPAM takes CIDR notation)', "write e.g. '192.0.2.10/24'");
  const hostBits = BigInt((ip.version === 4 ? 32 : 128) - subnet.prefix);
  if (hostBits >= 2n && (ip.value === subnet.first || (ip.version === 4 && ip.value === subnet.last))) {
    fail(scope, prop, s, ip.value === subnet.first ? 'is the network address of its subnet' : 'is the broadcast address of its subnet', 'use a host address inside the subnet');
  }
  return { ip, subnet };
}

export function checkRoutes(scope: IConstruct, prop: string, routes: { dst: string; gw?: string }[] | undefined):
Record<string, string>[] | undefined {
  if (routes === undefined) return undefined;
  if (!Array.isArray(routes)) fail(scope, prop, routes, 'must be a list of routes', "pass e.g. [{ dst: '198.51.100.0/24', gw: '192.0.2.1' }]");
  return routes.map((r, i) => {
    const dst = checkCidr(scope, `${prop}[${i}].dst`, r?.dst);
    if (r.gw !== undefined) {
      const gw = checkIp(scope, `${prop}[${i}].gw`, r.gw);
      if (gw.version !== dst.version) fail(scope, `${prop}[${i}].gw`, r.gw, `is not of the address family of ${r.dst}`, 'use a next hop of the same family as dst');
    }
    return { dst: r.dst, ...(r.gw !== undefined ? { gw: r.gw } : {}) };
  });
}

/** What an app needs to know about an attachment. */
export interface AttachmentFacts {
  readonly name: string;
  readonly namespace?: string;
  readonly ipam: ResolvedIpam;
  readonly plugin: { readonly type: string; readonly resourceName?: string; readonly _onePodPerNode: boolean };
  readonly perPodMac: boolean;
}
