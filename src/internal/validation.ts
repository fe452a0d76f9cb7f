/* eslint-disable no-bitwise */ // IP address arithmetic
/**
 * Input checks shared by every construct. Each returns a verdict; the caller
 * turns a bad verdict into an ExposeError that names its own prop and fix.
 */
import { IConstruct } from 'constructs';
import { fail } from '../errors';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 label: what most Kubernetes object names and port names must be. */
export function isDnsLabel(s: string, maxLength = 63): boolean {
  return typeof s === 'string' && s.length > 0 && s.length <= maxLength && DNS_LABEL.test(s);
}

/** RFC 1123 subdomain, at most 253 characters (Kubernetes object names, hosts). */
export function isDnsSubdomain(s: string): boolean {
  return typeof s === 'string' && s.length > 0 && s.length <= 253 && s.split('.').every((l) => isDnsLabel(l));
}

/**
 * A host for Ingress / HTTPRoute / Istio: a lower-case DNS name, optionally
 * with one leading `*.` wildcard label (the only wildcard Kubernetes accepts).
 * IP addresses are not hosts.
 */
export function isHostname(host: string, allowWildcard = true): boolean {
  if (typeof host !== 'string' || host.length === 0 || host.length > 253) return false;
  const rest = allowWildcard && host.startsWith('*.') ? host.slice(2) : host;
  if (!rest.includes('.') && rest !== host) return false;
  if (parseIp(rest)) return false;
  return isDnsSubdomain(rest) && !/^[0-9.]+$/.test(rest);
}

/** Does `pattern` (a host, maybe `*.x`) cover `host`? `*.x` covers `a.x` and `*.x`, not `x` or `a.b.x`. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === '*' || pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(1); // ".example.com"
  if (host.startsWith('*.')) return host.slice(1) === suffix;
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.') && host.length > suffix.length;
}

/** A parsed IP address: family and value as an unsigned integer. */
export interface ParsedIp {
  readonly version: 4 | 6;
  readonly value: bigint;
}

/** Parse a plain IPv4 or IPv6 address (no zone, no prefix); undefined when invalid. */
export function parseIp(s: string): ParsedIp | undefined {
  if (typeof s !== 'string') return undefined;
  if (s.includes(':')) {
    const v = parseIpv6(s);
    return v === undefined ? undefined : { version: 6, value: v };
  }
  const v = parseIpv4(s);
  return v === undefined ? undefined : { version: 4, value: v };
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    value = (value << 8n) + BigInt(p);
  }
  return value;
}

function parseIpv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  let head = s;
  let tail4: bigint | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tail4 = parseIpv4(s.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    head = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string) => (h === '' ? [] : h.split(':'));
  const left = parse(halves[0]);
  const right = halves.length === 2 ? parse(halves[1]) : [];
  const groups = halves.length === 2 ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  if (groups.length !== 8 || (halves.length === 2 && left.length + right.length > 7)) return undefined;
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) + BigInt(parseInt(g, 16));
  }
  if (tail4 !== undefined) value = (value & ~0xffffffffn) | tail4;
  return value;
}

/** An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, in ::ffff:0:0/96), which strict IP validation refuses. */
export function isIpv4Mapped(ip: ParsedIp): boolean {
  return ip.version === 6 && ip.value >> 32n === 0xffffn;
}

/** A parsed CIDR block: family, prefix length and the first/last address it covers. */
export interface ParsedCidr {
  readonly version: 4 | 6;
  readonly prefix: number;
  readonly first: bigint;
  readonly last: bigint;
}

/** Parse `a.b.c.d/n` or `x::/n`; undefined when invalid. */
export function parseCidr(s: string): ParsedCidr | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^([^/]+)\/(0|[1-9][0-9]{0,2})$/.exec(s);
  if (!m) return undefined;
  const ip = parseIp(m[1]);
  if (!ip) return undefined;
  const bits = ip.version === 4 ? 32 : 128;
  const prefix = Number(m[2]);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const first = (ip.value >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  return { version: ip.version, prefix, first, last };
}

/** An address range of one family, inclusive: a parsed CIDR block or a MetalLB/IPAM range. */
export interface AddressRange {
  readonly version: number;
  readonly first: bigint;
  readonly last: bigint;
}

/** True when two ranges of the same family share at least one address. */
export function blocksOverlap(a: AddressRange, b: AddressRange): boolean {
  return a.version === b.version && a.first <= b.last && b.first <= a.last;
}

/** True when `ip` lies in the range (same family). */
export function blockContains(block: AddressRange, ip: { version: number; value: bigint }): boolean {
  return block.version === ip.version && block.first <= ip.value && ip.value <= block.last;
}

/** True when every address of `inner` lies in `outer` (same family). */
export function blockWithin(inner: AddressRange, outer: AddressRange): boolean {
  return inner.version === outer.version && inner.first >= outer.first && inner.last <= outer.last;
}

/**
 * Whether a NetworkPolicy `ipBlock` admits the address `ip`: inside `cidr`
 * and in none of `except` (networking.k8s.io/v1 IPBlock). Unparsable blocks
 * admit nothing.
 */
export function ipBlockAdmits(ipBlock: { cidr?: unknown; except?: unknown }, ip: ParsedIp): boolean {
  const inBlock = (cidr: unknown) => {
    const c = typeof cidr === 'string' ? parseCidr(cidr) : undefined;
    return c !== undefined && blockContains(c, ip);
  };
  return inBlock(ipBlock.cidr) && !(Array.isArray(ipBlock.except) ? ipBlock.except : []).some(inBlock);
}

/** True for a CIDR that matches every address of its family (0.0.0.0/0, ::/0). */
export function isOpenToTheWorld(cidr: string): boolean {
  const c = parseCidr(cidr);
  return c !== undefined && c.prefix === 0;
}

/** Format an address back to text (IPv4 dotted quad, IPv6 full lower-case groups compressed). */
export function formatIp(ip: ParsedIp): string {
  if (ip.version === 4) {
    return [24n, 16n, 8n, 0n].map((s) => ((ip.value >> s) & 0xffn).toString()).join('.');
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((ip.value >> BigInt(i * 16)) & 0xffffn).toString(16));
  const text = groups.join(':');
  // compress the longest run of zero groups
  const runs = [...text.matchAll(/(?:^|:)0(?::0)+(?:$|:)/g)].sort((a, b) => b[0].length - a[0].length);
  if (runs.length === 0) return text;
  const r = runs[0];
  return `${text.slice(0, r.index)}::${text.slice(r.index! + r[0].length)}`.replace(/^:::/, '::').replace(/:::$/, '::');
}

/** Go / Envoy style duration (`300ms`, `1.5s`, `1h30m`); Istio also needs at least 1ms. */
export function isDuration(s: string): boolean {
  return typeof s === 'string' && /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(s);
}

/** Duration in milliseconds, or undefined when `s` is not a duration. */
export function durationMillis(s: string): number | undefined {
  if (!isDuration(s)) return undefined;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  for (const m of s.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/** Throw unless `n` is an integer in [min, max]. */
export function checkInt(scope: IConstruct, prop: string, n: number | undefined, min: number, max: number, fix: string): void {
  if (n === undefined) return;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    fail(scope, prop, n, `must be a whole number from ${min} to ${max}`, fix);
  }
}

/** Throw unless `n` is a TCP/UDP port (1-65535). */
export function checkPort(scope: IConstruct, prop: string, n: number | undefined): void {
  checkInt(scope, prop, n, 1, 65535, 'use a port number from 1 to 65535');
}

/**
 * Why the API server refuses a CIDR that parses, or undefined. Kubernetes
 * validates NetworkPolicy `ipBlock.cidr` and Service
 * `loadBalancerSourceRanges` strictly for new objects (StrictIPCIDRValidation,
 * on by default since v1.33; k8s.io/apimachinery/pkg/util/validation/ip.go
 * `parseCIDR`): no IPv4-mapped IPv6 address (`::ffff:192.0.2.0/120`), no bits
 * set beyond the prefix length (`203.0.113.10/24`).
 */
export function strictCidrProblem(s: string, c: ParsedCidr): { problem: string; fix: string } | undefined {
  const ip = parseIp(s.slice(0, s.indexOf('/')))!;
  if (isIpv4Mapped(ip)) {
    return { problem: 'is an IPv4-mapped IPv6 block, which the API server refuses', fix: 'write the IPv4 block instead, e.g. \'192.0.2.0/24\'' };
  }
  if (ip.value !== c.first) {
    const canonical = `${formatIp({ version: c.version, value: c.first })}/${c.prefix}`;
    return { problem: 'has bits set beyond the prefix length, which the API server refuses', fix: `write the block's first address: '${canonical}'` };
  }
  return undefined;
}

/** Throw unless `c` is a CIDR block the API server accepts; returns it parsed. */
export function checkCidr(scope: IConstruct, prop: string, c: string, fix: string): ParsedCidr {
  const parsed = parseCidr(c);
  if (!parsed) return fail(scope, prop, c, 'is not a CIDR block', fix);
  const strict = strictCidrProblem(c, parsed);
  if (strict) fail(scope, prop, c, strict.problem, strict.fix);
  return parsed;
}

/** Throw unless every entry is a CIDR block the API server accepts; returns the parsed blocks. */
export function checkCidrs(scope: IConstruct, prop: string, cidrs: readonly string[] | undefined): ParsedCidr[] {
  if (cidrs === undefined) return [];
  if (!Array.isArray(cidrs)) fail(scope, prop, cidrs, 'must be a list of CIDR blocks', "pass e.g. ['203.0.113.0/24']");
  return cidrs.map((c, i) => checkCidr(scope, `${prop}[${i}]`, c,
    "write an IPv4 or IPv6 block with a prefix length, e.g. '203.0.113.0/24' or '2001:db8::/32'"));
}

/** Throw unless `s` is a non-empty string without control characters. */
export function checkText(scope: IConstruct, prop: string, s: string | undefined, fix: string): void {
  if (s === undefined) return;
  if (typeof s !== 'string' || s.trim().length === 0 || /[\u0000-\u001f\u007f]/.test(s)) {
    fail(scope, prop, s, 'must be a non-empty string without control characters', fix);
  }
}

/** Kubernetes label key: optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  if (typeof key !== 'string') return false;
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && !isDnsSubdomain(parts[0])) return false;
  return name.length > 0 && name.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
}

/** Kubernetes label value: empty, or at most 63 letters, digits, `-`, `_`, `.`, starting and ending alphanumeric. */
export function isLabelValue(value: string): boolean {
  return typeof value === 'string' && value.length <= 63 && /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/.test(value);
}

/** Labels as `kubectl -l` and Kubernetes messages write them: `k1=v1,k2=v2`. */
export function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

/** Whole milliseconds of a Go-style duration; undefined when not a duration or not a whole number of ms (Istio's precision). */
export function wholeMillis(s: string): number | undefined {
  const ms = durationMillis(s);
  if (ms === undefined) return undefined;
  const rounded = Math.round(ms);
  return Math.abs(ms - rounded) < 1e-6 ? rounded : undefined;
}
