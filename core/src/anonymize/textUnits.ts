/**
 * The SIP text of a capture as the anonymiser rewrites it: one unit per UDP datagram (IP fragments put back
 * together, RFC 791 §3.2 / RFC 8200 §4.5) and one per TCP direction (segments placed by sequence number,
 * RFC 9293 §3.4, so a token cut across two segments is still found). A unit is a buffer plus the pieces of
 * frames it was copied from; after rewriting, each piece is copied back, byte for byte (lengths never change).
 * Which frames are kept is decided here too: UDP only when it carries SIP, TCP only on connections that do.
 */
import { findSipStart, matchStartLine } from '../sip/looksLikeSipStart.ts';
import type { FrameLayout } from './frameLayout.ts';

export interface WorkFrame {
  /** The frame's bytes (FCS removed): a view of the input while deciding, a copy once kept (rewritten in place). */
  data: Uint8Array;
  readonly layout: FrameLayout;
  keep: boolean;
  /** Why it is dropped, when it is. */
  dropReason?: string;
}

export interface UnitPiece {
  readonly frame: number;
  readonly offset: number;
  readonly length: number;
  /** Where the piece sits in the unit's buffer. */
  readonly at: number;
}

export interface TextUnit {
  readonly buffer: Uint8Array;
  readonly pieces: readonly UnitPiece[];
  /** For a fragmented UDP datagram: the frame holding the UDP header, for the checksum of the whole. */
  readonly udpHeaderFrame?: number;
}

const UDP = 17;
const TCP = 6;
/** Streams longer than this are not placed whole (memory); their segments are still cleaned one by one. */
const MAX_STREAM_BYTES = 64 * 1024 * 1024;

const SIP_PORTS = new Set([5060, 5061]);

/** Text as SIP is: no NUL or other control bytes but tab, CR and LF in the first bytes. */
function looksLikeText(bytes: Uint8Array): boolean {
  for (let i = 0; i < Math.min(bytes.length, 256); i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

/**
 * A datagram is kept when it starts like SIP, is a keep-alive (CRLF), or is text to or from a SIP port
 * (damaged SIP is worth studying too). Binary payloads — RTP, DNS, and encapsulations such as HEP whose
 * binary address fields this anonymiser does not rewrite — are left out.
 */
function looksLikeSip(bytes: Uint8Array, ports?: readonly number[]): boolean {
  if (bytes.length === 0 || bytes.every((b) => b === 0x0d || b === 0x0a || b === 0x20)) return true;
  if (matchStartLine(bytes, 0) === 'yes') return true;
  return (ports?.some((p) => SIP_PORTS.has(p)) ?? false) && looksLikeText(bytes);
}

function portsOf(f: WorkFrame): number[] {
  const at = f.layout.l4Offset;
  return at + 4 <= f.data.length ? [(f.data[at]! << 8) | f.data[at + 1]!, (f.data[at + 2]! << 8) | f.data[at + 3]!] : [];
}

function unitOf(frames: readonly WorkFrame[], pieces: UnitPiece[], size: number, udpHeaderFrame?: number): TextUnit {
  const buffer = new Uint8Array(size);
  for (const p of pieces) buffer.set(frames[p.frame]!.data.subarray(p.offset, p.offset + p.length), p.at);
  return { buffer, pieces, ...(udpHeaderFrame !== undefined ? { udpHeaderFrame } : {}) };
}

function drop(frame: WorkFrame, reason: string): void {
  frame.keep = false;
  frame.dropReason = reason;
}

function datagrams(frames: WorkFrame[], units: TextUnit[]): void {
  const groups = new Map<string, number[]>();
  frames.forEach((f, i) => {
    const l = f.layout;
    if (!f.keep || l.protocol !== UDP) return;
    if (l.fragment === undefined) {
      if (l.l4End - l.l4Offset < 8) return drop(f, 'truncated UDP header');
      const start = l.l4Offset + 8;
      if (!looksLikeSip(f.data.subarray(start, l.l4End), portsOf(f))) return drop(f, 'UDP without plain SIP (RTP, HEP, DNS, …)');
      units.push(unitOf(frames, [{ frame: i, offset: start, length: l.l4End - start, at: 0 }], l.l4End - start));
      return;
    }
    const key = `${l.version}|${f.data.subarray(l.srcOffset, l.dstOffset + (l.version === 4 ? 4 : 16)).join('.')}|${l.fragment.id}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [i]);
    else list.push(i);
  });
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => frames[a]!.layout.fragment!.offset - frames[b]!.layout.fragment!.offset);
    let expected = 0;
    let complete = true;
    for (const i of sorted) {
      const l = frames[i]!.layout;
      if (l.fragment!.offset !== expected || l.l4End - l.l4Offset !== l.l4Length) complete = false;
      expected = l.fragment!.offset + l.l4Length;
    }
    if (frames[sorted[sorted.length - 1]!]!.layout.fragment!.more) complete = false;
    const first = frames[sorted[0]!]!;
    if (!complete || first.layout.l4Length < 8) {
      for (const i of sorted) drop(frames[i]!, 'incomplete IP fragments');
      continue;
    }
    const pieces: UnitPiece[] = sorted.map((i) => {
      const l = frames[i]!.layout;
      const header = l.fragment!.offset === 0 ? 8 : 0;
      return { frame: i, offset: l.l4Offset + header, length: l.l4Length - header, at: l.fragment!.offset + header - 8 };
    });
    const unit = unitOf(frames, pieces, expected - 8, sorted[0]);
    if (!looksLikeSip(unit.buffer, portsOf(first))) for (const i of sorted) drop(frames[i]!, 'UDP without plain SIP (RTP, HEP, DNS, …)');
    else units.push(unit);
  }
}

function tcpPayloadOffset(f: WorkFrame): number {
  return f.layout.l4Offset + ((f.data[f.layout.l4Offset + 12] ?? 0x50) >> 4) * 4;
}

function streams(frames: WorkFrame[], units: TextUnit[]): void {
  const directions = new Map<string, number[]>();
  const sipConnections = new Set<string>();
  const connectionOf = new Map<string, string>();
  frames.forEach((f, i) => {
    const l = f.layout;
    if (!f.keep || l.protocol !== TCP) return;
    if (l.fragment !== undefined) return drop(f, 'fragmented TCP');
    if (l.l4End - l.l4Offset < 20) return drop(f, 'truncated TCP header');
    const ports = f.data.subarray(l.l4Offset, l.l4Offset + 4);
    const src = `${f.data.subarray(l.srcOffset, l.srcOffset + (l.version === 4 ? 4 : 16)).join('.')}:${(ports[0]! << 8) | ports[1]!}`;
    const dst = `${f.data.subarray(l.dstOffset, l.dstOffset + (l.version === 4 ? 4 : 16)).join('.')}:${(ports[2]! << 8) | ports[3]!}`;
    const direction = `${src}>${dst}`;
    const connection = src < dst ? `${src}|${dst}` : `${dst}|${src}`;
    connectionOf.set(direction, connection);
    const list = directions.get(direction);
    if (list === undefined) directions.set(direction, [i]);
    else list.push(i);
    const start = tcpPayloadOffset(f);
    if (start < l.l4End && findSipStart(f.data, start, l.l4End).found >= 0) sipConnections.add(connection);
  });
  for (const [direction, list] of directions) {
    if (!sipConnections.has(connectionOf.get(direction)!)) {
      for (const i of list) drop(frames[i]!, 'TCP connection without SIP (TLS, WebSocket, other)');
      continue;
    }
    let base: number | undefined;
    const pieces: UnitPiece[] = [];
    let size = 0;
    for (const i of list) {
      const f = frames[i]!;
      const view = new DataView(f.data.buffer, f.data.byteOffset + f.layout.l4Offset, 20);
      const seq = view.getUint32(4);
      const syn = (view.getUint8(13) & 0x02) !== 0;
      if (syn) base ??= (seq + 1) >>> 0;
      const start = tcpPayloadOffset(f);
      const length = f.layout.l4End - start;
      if (length <= 0) continue;
      base ??= seq;
      const at = (seq - base) >>> 0;
      if (at >= 0x80000000 || at + length > MAX_STREAM_BYTES) continue;
      pieces.push({ frame: i, offset: start, length, at });
      size = Math.max(size, at + length);
    }
    if (pieces.length > 0) units.push(unitOf(frames, pieces, size));
  }
}

/** Decides which frames carry SIP and returns the text units to rewrite; marks the others dropped. */
export function buildTextUnits(frames: WorkFrame[]): TextUnit[] {
  const units: TextUnit[] = [];
  for (const f of frames) if (f.keep && f.layout.protocol !== UDP && f.layout.protocol !== TCP) drop(f, `IP protocol ${f.layout.protocol}`);
  datagrams(frames, units);
  streams(frames, units);
  return units;
}

/** Copies a rewritten unit back into its frames. */
export function writeBack(frames: readonly WorkFrame[], unit: TextUnit): void {
  for (const p of unit.pieces) frames[p.frame]!.data.set(unit.buffer.subarray(p.at, p.at + p.length), p.offset);
}
