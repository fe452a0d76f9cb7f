import { firstBuggyIp, isNonPublicBlock, parseAddressEntry, widestPrefixOfRange } from '../../src/bare-metal-lb/addresses';
import { blocksOverlap, parseIp } from '../../src/internal/validation';

const block = (s: string) => {
  const v = parseAddressEntry(s);
  if (!('block' in v)) throw new Error(`${s}: ${v.problem}`);
  return v.block;
};

describe('parseAddressEntry', () => {
  test.each([
    ['192.168.10.0/24', '192.168.10.0/24', 24],
    ['192.168.10.7', '192.168.10.7/32', 32],
    ['2001:db8::/64', '2001:db8::/64', 64],
    ['2001:db8::1', '2001:db8::1/128', 128],
    ['10.0.0.0-10.0.0.255', '10.0.0.0-10.0.0.255', 24],
    ['10.0.0.1-10.0.0.1', '10.0.0.1-10.0.0.1', 32],
    ['2001:db8::-2001:db8::ff', '2001:db8::-2001:db8::ff', 120],
  ])('%p -> %p (widest prefix %p)', (input, text, widest) => {
    const b = block(input);
    expect(b.text).toBe(text);
    expect(b.widestPrefix).toBe(widest);
  });

  test('range bounds', () => {
    const b = block('192.168.10.240-192.168.10.250');
    expect([b.first, b.last]).toEqual([parseIp('192.168.10.240')!.value, parseIp('192.168.10.250')!.value]);
  });
});

describe('widestPrefixOfRange', () => {
  test('splits like MetalLB (ipaddr.Summarize)', () => {
    const r = (a: string, b: string) => widestPrefixOfRange(4, parseIp(a)!.value, parseIp(b)!.value);
    expect(r('192.168.10.240', '192.168.10.250')).toBe(29);
    expect(r('10.0.0.1', '10.0.0.254')).toBe(26);
    expect(r('0.0.0.0', '255.255.255.255')).toBe(0);
  });
});

describe('overlap, buggy IPs, public space', () => {
  test('blocksOverlap', () => {
    expect(blocksOverlap(block('10.0.0.0/24'), block('10.0.0.255'))).toBe(true);
    expect(blocksOverlap(block('10.0.0.0/24'), block('10.0.1.0-10.0.1.5'))).toBe(false);
    expect(blocksOverlap(block('0.0.0.0/0'), block('::/0'))).toBe(false);
  });

  test('firstBuggyIp', () => {
    expect(firstBuggyIp(block('10.0.0.0/25'))).toBe('10.0.0.0');
    expect(firstBuggyIp(block('10.0.0.128/25'))).toBe('10.0.0.255');
    expect(firstBuggyIp(block('10.0.0.1-10.0.0.254'))).toBeUndefined();
    expect(firstBuggyIp(block('10.0.0.200-10.0.1.3'))).toBe('10.0.0.255');
    expect(firstBuggyIp(block('2001:db8::/120'))).toBeUndefined();
  });

  test('isNonPublicBlock', () => {
    expect(isNonPublicBlock(block('192.168.10.0/24'))).toBe(true);
    expect(isNonPublicBlock(block('100.64.1.0/24'))).toBe(true);
    expect(isNonPublicBlock(block('fd00::/64'))).toBe(true);
    expect(isNonPublicBlock(block('172.15.255.0-172.16.0.10'))).toBe(false);
    expect(isNonPublicBlock(block('203.0.113.0/24'))).toBe(false);
    expect(isNonPublicBlock(block('2001:db8::/64'))).toBe(false);
  });
});
