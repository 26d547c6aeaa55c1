import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4Text, parseIpv6Text, renderIpv4Like, renderIpv6Like } from './ipText.ts';
import { Pseudonyms } from './pseudonyms.ts';

const secret = new TextEncoder().encode('test secret');
const shapeOf = (s: string) => s.replace(/[0-9]/g, '9').replace(/[a-z\u0080-\u00ff]/g, 'a').replace(/[A-Z]/g, 'A');

describe('IP text', () => {
  it('parses the forms SIP writes and refuses the rest', () => {
    expect(parseIpv4Text('192.0.2.1')).toEqual(Uint8Array.from([192, 0, 2, 1]));
    expect(parseIpv4Text('010.0.0.1')).toEqual(Uint8Array.from([10, 0, 0, 1]));
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', 'a.b.c.d', '', '1..2.3']) expect(parseIpv4Text(bad)).toBeUndefined();
    expect(parseIpv6Text('2001:db8::1')?.bytes[15]).toBe(1);
    expect(parseIpv6Text('::ffff:192.0.2.1')?.bytes.subarray(10)).toEqual(Uint8Array.from([255, 255, 192, 0, 2, 1]));
    expect(parseIpv6Text('1:2:3:4:5:6:7:8')?.bytes[1]).toBe(1);
    for (const bad of ['1:2:3', '1::2::3', '12345::1', 'g::1', ':', '1:2:3:4:5:6:7:8:9']) expect(parseIpv6Text(bad)).toBeUndefined();
  });

  it('writes an address back in the shape of the original', () => {
    expect(renderIpv4Like('010.0.0.1', Uint8Array.from([42, 7, 3, 9]))).toBe('042.7.3.9');
    expect(renderIpv6Like('2001:DB8::0001', parseIpv6Text('abcd:123::4')!.bytes)).toBe('ABCD:123::0004');
    expect(renderIpv4Like('1.2.3.4', Uint8Array.from([100, 2, 3, 4]))).toBeUndefined();
  });
});

describe('pseudonyms', () => {
  it('keep the length and the kind of every character of a token', () => {
    const p = new Pseudonyms(secret, new Set());
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }), (s) => {
      const latin = s.replace(/[^\u0000-\u00ff]/g, 'x');
      const out = p.token(latin);
      expect(out.length).toBe(latin.length);
      expect(shapeOf(out)).toBe(shapeOf(latin));
    }), { numRuns: 300 });
  });

  it('give one replacement per value, never an original, never the same for two values', () => {
    const originals = new Set(['alice', 'bobby', '308', '309']);
    const p = new Pseudonyms(secret, originals);
    const outs = [...originals].map((v) => p.token(v));
    expect(new Set(outs).size).toBe(outs.length);
    for (const o of outs) expect(originals.has(o)).toBe(false);
    expect(p.token('alice')).toBe(outs[0]);
    expect(new Pseudonyms(secret, originals).token('alice')).toBe(outs[0]);
    expect(new Pseudonyms(new TextEncoder().encode('other'), originals).token('alice')).not.toBe(outs[0]);
  });

  it('keep the branch cookie, the top-level domain and special hosts', () => {
    const p = new Pseudonyms(secret, new Set());
    expect(p.branch('z9hG4bK776asdhds')).toMatch(/^z9hG4bK[a-z0-9]{9}$/);
    expect(p.branch('z9hG4bK776asdhds')).not.toBe('z9hG4bK776asdhds');
    expect(p.host('pc33.atlanta.com')).toMatch(/^[a-z]{2}\d{2}\.[a-z]{7}\.com$/);
    expect(p.host('pc33.atlanta.com').split('.')[1]).toBe(p.host('atlanta.com').split('.')[0]);
    expect(p.host('localhost')).toBe('localhost');
    expect(p.host('df7jal23ls0d.invalid')).toBe('df7jal23ls0d.invalid');
  });

  it('map IPv4 addresses with the same digits per octet, and leave 0.0.0.0, loopback and multicast alone', () => {
    const p = new Pseudonyms(secret, new Set(['192.0.2.1']));
    fc.assert(fc.property(fc.ipV4(), (ip) => {
      const out = p.ipText(ip)!;
      expect(out.length).toBe(ip.length);
      expect(out.split('.').map((o) => o.length)).toEqual(ip.split('.').map((o) => o.length));
      const first = Number(ip.split('.')[0]);
      if (first === 0 || first === 127 || first >= 224) expect(out).toBe(ip);
    }), { numRuns: 300 });
    expect(p.ipText('0.0.0.0')).toBe('0.0.0.0');
    const mapped = p.ipv4(Uint8Array.from([192, 0, 2, 1]));
    expect(p.ipText('192.0.2.1')).toBe(Array.from(mapped).join('.'));
    expect(p.host('[192.0.2.1]')).toBe(`[${Array.from(mapped).join('.')}]`);
  });

  it('map IPv6 addresses keeping zero groups (so "::" stays), group widths and case', () => {
    const p = new Pseudonyms(secret, new Set());
    fc.assert(fc.property(fc.ipV6(), (ip) => {
      const out = p.ipText(ip);
      if (out === undefined) return; // forms with a dotted tail the mapping cannot keep (non-mapped ::a.b.c.d)
      expect(out.length).toBe(ip.length);
      expect(out.replace(/[0-9a-f]/g, 'h')).toBe(ip.replace(/[0-9a-f]/g, 'h'));
      expect(parseIpv6Text(out)).toBeDefined();
    }), { numRuns: 300 });
    expect(p.ipText('::1')).toBe('::1');
    expect(p.ipText('::ffff:192.0.2.1')).toMatch(/^::ffff:\d{3}\.\d\.\d\.\d$/);
    const v6 = parseIpv6Text('2001:db8::3')!.bytes;
    expect(renderIpv6Like('2001:db8::3', p.ipv6(v6))).toBe(p.ipText('2001:db8::3'));
  });

  it('make unicast MACs locally administered and keep group MACs', () => {
    const p = new Pseudonyms(secret, new Set());
    const out = p.mac(Uint8Array.from([0x00, 0x1b, 0x21, 0x01, 0x02, 0x03]));
    expect(out[0]! & 0x03).toBe(0x02);
    const broadcast = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(p.mac(broadcast)).toEqual(broadcast);
  });

  it('leave values with nothing to replace as they are', () => {
    const p = new Pseudonyms(secret, new Set());
    expect(p.token('---')).toBe('---');
    expect(p.token('')).toBe('');
  });
});
