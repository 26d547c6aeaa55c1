/**
 * Minimal little-endian pcap / pcapng reader for the builder's tests (the product reader lives in
 * core/src/capture). Checks pcapng block lengths at both ends and reads EPB comments and if_tsresol.
 */
import type { Timestamp } from '../../src/shared/time.ts';

export interface ReadFrame {
  readonly timestamp: Timestamp;
  readonly data: Uint8Array;
  readonly originalLength: number;
  readonly interfaceId: number;
  readonly linkType: number;
  readonly comment?: string;
}

export function readCaptureForTests(bytes: Uint8Array): { format: 'pcap' | 'pcapng'; frames: ReadFrame[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) {
    const nano = magic === 0xa1b23c4d;
    const linkType = view.getUint32(20, true);
    const frames: ReadFrame[] = [];
    for (let at = 24; at < bytes.length; ) {
      const captured = view.getUint32(at + 8, true);
      const fraction = view.getUint32(at + 4, true);
      frames.push({
        timestamp: { seconds: view.getUint32(at, true), nanoseconds: nano ? fraction : fraction * 1000 },
        data: bytes.slice(at + 16, at + 16 + captured),
        originalLength: view.getUint32(at + 12, true),
        interfaceId: 0,
        linkType,
      });
      at += 16 + captured;
    }
    return { format: 'pcap', frames };
  }
  if (magic !== 0x0a0d0d0a) throw new Error(`not a capture: magic ${magic.toString(16)}`);
  const interfaces: { linkType: number; digits: number }[] = [];
  const frames: ReadFrame[] = [];
  for (let at = 0; at < bytes.length; ) {
    const type = view.getUint32(at, true);
    const total = view.getUint32(at + 4, true);
    if (view.getUint32(at + total - 4, true) !== total) throw new Error(`block at ${at}: trailing length differs`);
    const options = (from: number): Map<number, Uint8Array> => {
      const out = new Map<number, Uint8Array>();
      for (let o = from; o + 4 <= at + total - 4; ) {
        const code = view.getUint16(o, true);
        const length = view.getUint16(o + 2, true);
        if (code === 0) break;
        out.set(code, bytes.slice(o + 4, o + 4 + length));
        o += 4 + ((length + 3) & ~3);
      }
      return out;
    };
    if (type === 1) {
      interfaces.push({ linkType: view.getUint16(at + 8, true), digits: options(at + 16).get(9)?.[0] ?? 6 });
    } else if (type === 6) {
      const interfaceId = view.getUint32(at + 8, true);
      const iface = interfaces[interfaceId]!;
      const units = BigInt(view.getUint32(at + 12, true)) * 2n ** 32n + BigInt(view.getUint32(at + 16, true));
      const perSecond = 10n ** BigInt(iface.digits);
      const captured = view.getUint32(at + 20, true);
      const comment = options(at + 28 + ((captured + 3) & ~3)).get(1);
      frames.push({
        timestamp: { seconds: Number(units / perSecond), nanoseconds: Number(((units % perSecond) * 1_000_000_000n) / perSecond) },
        data: bytes.slice(at + 28, at + 28 + captured),
        originalLength: view.getUint32(at + 24, true),
        interfaceId,
        linkType: iface.linkType,
        ...(comment ? { comment: new TextDecoder().decode(comment) } : {}),
      });
    }
    at += total;
  }
  return { format: 'pcapng', frames };
}
