/**
 * GRE (RFC 2784 with RFC 2890 key/sequence, RFC 1701 routing; version 1 is PPTP's enhanced GRE, RFC 2637
 * §4.1). The protocol type is an ethertype, except ERSPAN: 0x88be is type II when the sequence bit is set
 * and type I (no ERSPAN header, Ethernet follows) when clear; 0x22eb is type III. Recorded as 'gre'.
 *
 *   0: |C|R|K|S|s|recur|A|flags|ver| protocol type (2) |
 *   4: [checksum (2) offset (2)] if C or R  [key (4)] if K  [sequence (4)] if S  [ack (4)] if A (v1)
 *      [source route entries, until a null one] if R (v0)
 */
import { readU16 } from '../link/bigEndian.ts';
import type { LayerContext } from '../link/layerContext.ts';
import { bound, named, type LayerStep } from '../link/layerStep.ts';

const FLAG_CHECKSUM = 0x8000;
const FLAG_ROUTING = 0x4000;
const FLAG_KEY = 0x2000;
const FLAG_SEQUENCE = 0x1000;
const FLAG_ACK = 0x0080;
const ERSPAN_1_OR_2 = 0x88be;
const ERSPAN_3 = 0x22eb;

export function decodeGre(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < 4) return ctx.short('gre.too_short', bytes.length);
  const flags = readU16(bytes, 0);
  const version = flags & 0x0007;
  if (version > 1) return ctx.malformed('gre.bad_version', version);
  const protocol = readU16(bytes, 2);
  let at = 4;
  if ((flags & (FLAG_CHECKSUM | FLAG_ROUTING)) !== 0) at += 4;
  if ((flags & FLAG_KEY) !== 0) at += 4;
  if ((flags & FLAG_SEQUENCE) !== 0) at += 4;
  if (version === 1 && (flags & FLAG_ACK) !== 0) at += 4;
  if (at > bytes.length) return ctx.short('gre.too_short', at);
  if ((flags & FLAG_ROUTING) !== 0 && version === 0) {
    // Source Route Entries: address family (2), SRE offset (1), SRE length (1), then `length` bytes.
    for (;;) {
      if (at + 4 > bytes.length) return ctx.short('gre.too_short', at + 4);
      const family = readU16(bytes, at);
      const length = bytes[at + 3]!;
      at += 4 + length;
      if (family === 0 && length === 0) break;
    }
    if (at > bytes.length) return ctx.short('gre.too_short', at);
  }

  const payload = bytes.subarray(at);
  ctx.wrap('gre');
  if (protocol === ERSPAN_1_OR_2) {
    return (flags & FLAG_SEQUENCE) !== 0 ? named('erspan2', payload) : named('ethernet', payload, 'erspan1');
  }
  if (protocol === ERSPAN_3) return named('erspan3', payload);
  return bound('etherType', protocol, payload);
}
