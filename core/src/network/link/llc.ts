/**
 * IEEE 802.2 LLC (and SNAP, RFC 1042) under 802.3 length frames: classified, not decoded — except SNAP
 * with OUI 00-00-00, whose protocol id is an ethertype (RFC 1042 IP over 802 networks).
 *
 *   0: DSAP | 1: SSAP | 2: control (1, or 2 for I/S frames) | SNAP (DSAP=SSAP=0xAA, UI): 3: OUI (3) | 6: PID (2)
 */
import { readU16 } from './bigEndian.ts';
import type { LayerContext } from './layerContext.ts';
import { bound, other, type LayerStep } from './layerStep.ts';

const SNAP_SAP = 0xaa;
const STP_SAP = 0x42;
const NETWARE_SAP = 0xe0;
const CISCO_OUI = 0x00000c;

export function decodeLlc(bytes: Uint8Array, ctx: LayerContext): LayerStep {
  if (bytes.length < 3) return ctx.short('llc.too_short', bytes.length);
  const dsap = bytes[0]!;
  const ssap = bytes[1]!;
  // "Raw" Novell 802.3: IPX straight after the length, recognisable by its 0xFFFF checksum.
  if (dsap === 0xff && ssap === 0xff) return other('ipx');
  if (dsap === STP_SAP) return other('stp');
  if (dsap === NETWARE_SAP) return other('ipx');
  if (dsap !== SNAP_SAP || ssap !== SNAP_SAP) return other('llc');
  if (bytes.length < 8) return ctx.short('llc.too_short', bytes.length);
  const oui = (bytes[3]! << 16) | (bytes[4]! << 8) | bytes[5]!;
  const pid = readU16(bytes, 6);
  if (oui === 0) return bound('etherType', pid, bytes.subarray(8));
  if (oui === CISCO_OUI) {
    if (pid === 0x2000) return other('cdp');
    if (pid === 0x2004) return other('dtp');
    if (pid === 0x010b) return other('stp'); // PVST+
  }
  return other('llc');
}
