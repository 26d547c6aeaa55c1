/**
 * The decode loop's vocabulary (the gopacket DecodingLayer / scapy bind_layers idea): each layer decoder reads
 * its own header and says what comes next — a value to look up in a binding space (ethertype, IP protocol, …),
 * a named layer, or a final transport-layer result. Bindings live in one table (layerBindings.ts).
 */
import type { PacketResult } from '../packetResult.ts';

export type LayerId =
  | 'ethernet' | 'vlan' | 'serviceVlan' | 'llc' | 'mpls'
  | 'sll' | 'sll2' | 'bsdNull' | 'bsdLoop' | 'ppp' | 'pppHdlc' | 'ciscoHdlc' | 'pppoeSession'
  | 'ipByVersion' | 'ipv4' | 'ipv6' | 'ipv6Extension' | 'ipv6Fragment' | 'ipAuthentication'
  | 'gre' | 'erspan2' | 'erspan3' | 'vxlan' | 'gtpu' | 'l2tp'
  | 'udp' | 'tcp' | 'sctp';

/** Number spaces a header names its payload in. */
export type BindingSpace = 'linkType' | 'etherType' | 'pppProtocol' | 'ipProtocol';

/** "Look `value` up in `space`": the usual way a header names what follows. */
export interface BoundStep {
  readonly kind: 'bound';
  readonly space: BindingSpace;
  readonly value: number;
  readonly payload: Uint8Array;
  /** Encapsulation name to record (e.g. 'vlan:24'), when this layer is an interesting wrapper. */
  readonly wrapper: string | undefined;
}

/** "The payload is layer X": for headers that fix what follows (VXLAN → Ethernet) or decide by peeking. */
export interface NamedStep {
  readonly kind: 'layer';
  readonly layer: LayerId;
  readonly payload: Uint8Array;
  readonly wrapper: string | undefined;
}

/** "This is not my protocol after all" (a UDP tunnel port carrying something else): keep the UDP result. */
export interface DeclineStep {
  readonly kind: 'decline';
}

export type LayerStep = BoundStep | NamedStep | DeclineStep | PacketResult;

export function bound(space: BindingSpace, value: number, payload: Uint8Array, wrapper?: string): BoundStep {
  return { kind: 'bound', space, value, payload, wrapper };
}

export function named(layer: LayerId, payload: Uint8Array, wrapper?: string): NamedStep {
  return { kind: 'layer', layer, payload, wrapper };
}

export const DECLINE: DeclineStep = { kind: 'decline' };

export function other(protocol: string): PacketResult {
  return { kind: 'other', protocol };
}
