/**
 * Linux "cooked" captures (tcpdump -i any): LINKTYPE_LINUX_SLL (113) and LINKTYPE_LINUX_SLL2 (276).
 * The protocol field is an ethertype, or below 0x0600 one of Linux's ETH_P_* pseudo types.
 *
 *   SLL:  0: packet type (2) | 2: ARPHRD (2) | 4: address length (2) | 6: address (8) | 14: protocol (2) | 16
 *   SLL2: 0: protocol (2) | 2: reserved (2) | 4: ifindex (4) | 8: ARPHRD (2) | 10: packet type | 11: addr len
 *         | 12: address (8) | 20
 */
import { hex16, readU16 } from './bigEndian.ts';
import type { LayerContext } from './layerContext.ts';
import { bound, named, other, type LayerStep } from './layerStep.ts';

const SLL_HEADER_BYTES = 16;
const SLL2_HEADER_BYTES = 20;
const ARPHRD_NETLINK = 824;

export function decodeSll(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < SLL_HEADER_BYTES) return ctx.short('sll.too_short', bytes.length);
  return byProtocol(readU16(bytes, 14), readU16(bytes, 2), bytes.subarray(SLL_HEADER_BYTES));
}

export function decodeSll2(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < SLL2_HEADER_BYTES) return ctx.short('sll2.too_short', bytes.length);
  return byProtocol(readU16(bytes, 0), readU16(bytes, 8), bytes.subarray(SLL2_HEADER_BYTES));
}

function byProtocol(protocol: number, arphrd: number, payload: Uint8Array): LayerStep {
  if (arphrd === ARPHRD_NETLINK) return other('netlink');
  if (protocol >= 0x0600) return bound('etherType', protocol, payload);
  switch (protocol) {
    case 0x0001: return other('ipx'); // ETH_P_802_3: Novell "raw" 802.3
    case 0x0004: return named('llc', payload); // ETH_P_802_2
    case 0x000c: return other('can');
    case 0x000d: return other('canfd');
    default: return other(`linux-protocol-${hex16(protocol)}`);
  }
}
