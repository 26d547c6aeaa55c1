/**
 * Link-layer headers around an IP packet (tcpdump.org linktypes): Ethernet II with 802.1Q/802.1ad tags,
 * Linux cooked v1 (SLL) and v2 (SLL2), raw IP, and BSD loopback (NULL).
 */
import { FlowError, type LinkName, type VlanSpec, type VlanTag } from './flowTypes.ts';

export const LINK_TYPES: Readonly<Record<LinkName, number>> = { null: 0, ethernet: 1, raw: 101, sll: 113, sll2: 276 };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const TPID_8021Q = 0x8100;
const TPID_8021AD = 0x88a8;
/** BSD AF_INET, and AF_INET6 as Darwin numbers it (Wireshark accepts 24, 28 and 30). */
const AF_INET = 2;
const AF_INET6 = 30;
/** SLL packet types (packet(7)): addressed to this host, or sent by it. */
const SLL_HOST = 0;
const SLL_OUTGOING = 4;
const ARPHRD_ETHER = 1;

export interface LinkFrameInput {
  readonly link: LinkName;
  readonly tags: readonly VlanTag[];
  readonly srcMac: Uint8Array;
  readonly dstMac: Uint8Array;
  /** For SLL/SLL2: was the frame sent by the capturing host. */
  readonly outgoing: boolean;
}

/** Normalises `100`, `[100, 200]`, `[[100], [200]]` or tag objects to tags, outermost first. */
export function vlanTags(spec: VlanSpec | undefined): VlanTag[] {
  if (spec === undefined) return [];
  const items = typeof spec === 'number' ? [spec] : spec;
  const ids: VlanTag[] = [];
  for (const item of items) {
    if (typeof item === 'number') ids.push({ id: item });
    else if (Array.isArray(item)) for (const n of item as readonly number[]) ids.push({ id: n });
    else ids.push(item as VlanTag);
  }
  for (const t of ids) {
    if (!Number.isInteger(t.id) || t.id < 0 || t.id > 4095) throw new FlowError(`VLAN id ${t.id} is not 0–4095`);
  }
  return ids;
}

/** The link frame around `ip` (whose first nibble says IPv4 or IPv6). */
export function encodeLinkFrame(input: LinkFrameInput, ip: Uint8Array): Uint8Array {
  const v6 = ip.length > 0 && ip[0]! >> 4 === 6;
  if (input.tags.length > 0 && input.link !== 'ethernet') throw new FlowError(`VLAN tags need link ethernet, not ${input.link}`);
  switch (input.link) {
    case 'ethernet':
      return ethernet(input, ip, v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
    case 'sll':
      return sll(input, ip, v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
    case 'sll2':
      return sll2(input, ip, v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
    case 'raw':
      return ip;
    case 'null': {
      // 4-byte address family in the capturing host's byte order; little-endian as most hosts are.
      const out = new Uint8Array(4 + ip.length);
      new DataView(out.buffer).setUint32(0, v6 ? AF_INET6 : AF_INET, true);
      out.set(ip, 4);
      return out;
    }
  }
}

/** dst MAC(6) src MAC(6) [TPID(2) PCP|DEI|VID(2)]* EtherType(2) payload. */
function ethernet(input: LinkFrameInput, ip: Uint8Array, etherType: number): Uint8Array {
  const header = 14 + 4 * input.tags.length;
  const out = new Uint8Array(header + ip.length);
  const view = new DataView(out.buffer);
  out.set(input.dstMac, 0);
  out.set(input.srcMac, 6);
  let at = 12;
  input.tags.forEach((tag, i) => {
    const stacked = input.tags.length > 1 && i === 0;
    view.setUint16(at, tag.tpid ?? (stacked ? TPID_8021AD : TPID_8021Q));
    view.setUint16(at + 2, ((tag.pcp ?? 0) << 13) | tag.id);
    at += 4;
  });
  view.setUint16(at, etherType);
  out.set(ip, header);
  return out;
}

/** packet type(2) ARPHRD(2) address length(2) address(8) protocol(2) payload. */
function sll(input: LinkFrameInput, ip: Uint8Array, protocol: number): Uint8Array {
  const out = new Uint8Array(16 + ip.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, input.outgoing ? SLL_OUTGOING : SLL_HOST);
  view.setUint16(2, ARPHRD_ETHER);
  view.setUint16(4, 6);
  out.set(input.srcMac, 6);
  view.setUint16(14, protocol);
  out.set(ip, 16);
  return out;
}

/** protocol(2) reserved(2) ifindex(4) ARPHRD(2) packet type(1) address length(1) address(8) payload. */
function sll2(input: LinkFrameInput, ip: Uint8Array, protocol: number): Uint8Array {
  const out = new Uint8Array(20 + ip.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, protocol);
  view.setUint32(4, 2); // interface index 2: a typical first non-loopback interface
  view.setUint16(8, ARPHRD_ETHER);
  out[10] = input.outgoing ? SLL_OUTGOING : SLL_HOST;
  out[11] = 6;
  out.set(input.srcMac, 12);
  out.set(ip, 20);
  return out;
}
