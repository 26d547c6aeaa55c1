/**
 * Anonymises a capture so a real trace can become a lesson or a ticket attachment: every address (IP headers,
 * MACs, SIP headers, SDP), user, number, display name, host name, tag, branch, Call-ID and digest value is
 * replaced, the same way everywhere, by a value of the same length — so Content-Length, IP and UDP lengths
 * and TCP sequence numbers stay right, and only checksums need computing again. Frames without SIP (RTP,
 * DNS, ARP, TLS, tunnels) are left out. Pure: bytes in (pcap, pcapng, gzip of either, or SIP text), bytes out.
 */
import { CaptureReader } from '../capture/captureReader.ts';
import { detectCaptureFormat, SNIFF_TEXT_BYTES } from '../capture/detectCaptureFormat.ts';
import { writePcap } from '../export/pcapWriter.ts';
import { writePcapng } from '../export/pcapngWriter.ts';
import type { WritableFrame } from '../export/pcapWriter.ts';
import { bytesToLatin1 } from '../shared/bytes.ts';
import { makeIssue, type Issue } from '../shared/issue.ts';
import { writeIpv4HeaderChecksum, transportChecksum } from './checksums.ts';
import { locateFrame } from './frameLayout.ts';
import { anonymizeIssues } from './issues.ts';
import { findBinaryAddresses, findLeftovers, inProtocolLine, Originals, type Hunter } from './originals.ts';
import { Pseudonyms, type PseudonymTables } from './pseudonyms.ts';
import { findSipSpans, type SpanKind, type TextSpan } from './sipSpans.ts';
import { buildTextUnits, writeBack, type TextUnit, type WorkFrame } from './textUnits.ts';

export interface AnonymizeOptions {
  /**
   * The secret pseudonyms are derived from. The same secret maps the same value the same way in every file
   * (to anonymise several captures of one incident alike); default: a new random secret each run.
   */
  readonly secret?: string | Uint8Array;
}

export interface AnonymizeResult {
  readonly bytes: Uint8Array;
  readonly format: 'pcap' | 'pcapng' | 'sip-text' | 'none';
  readonly framesIn: number;
  readonly framesOut: number;
  /** Frames left out, by reason. */
  readonly dropped: Readonly<Record<string, number>>;
  /** Values replaced in SIP text (not counting addresses in IP headers). */
  readonly replaced: number;
  /** Original values still found in the output (should be none), with how often. */
  readonly leftovers: ReadonlyMap<string, number>;
  readonly issues: readonly Issue[];
  /** What was replaced by what: keep it private, it undoes the anonymisation. */
  readonly tables: PseudonymTables;
}

function secretBytes(secret: AnonymizeOptions['secret']): Uint8Array {
  if (secret instanceof Uint8Array) return secret;
  if (typeof secret === 'string') return new TextEncoder().encode(secret);
  return crypto.getRandomValues(new Uint8Array(32));
}

/** Writes a one-byte-per-character string into `buffer` at `at` (replacements are ASCII). */
function writeLatin1(buffer: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) buffer[at + i] = text.charCodeAt(i) & 0xff;
}

function replacement(p: Pseudonyms, kind: SpanKind, value: string): string {
  if (kind === 'branch') return p.branch(value);
  if (kind === 'host') return p.host(value);
  return p.token(value);
}

interface Rewriter {
  readonly p: Pseudonyms;
  readonly hunt: Hunter;
  readonly originals: Originals;
  replaced: number;
  lengthChanged: number;
}

/** Replaces the spans found in the first pass, then any original value still there (free text). */
function rewrite(buffer: Uint8Array, spans: readonly TextSpan[], r: Rewriter): void {
  const text = bytesToLatin1(buffer);
  for (const s of spans) {
    const value = text.slice(s.start, s.end);
    const out = replacement(r.p, s.kind, value);
    if (out === value) continue;
    if (out.length !== value.length) {
      r.lengthChanged++;
      buffer.fill(0x78, s.start, s.end); // 'x': never leave the original when a same-length one is impossible
      continue;
    }
    writeLatin1(buffer, s.start, out);
    r.replaced++;
  }
  hunt(buffer, r);
}

function hunt(buffer: Uint8Array, r: Rewriter): void {
  if (r.hunt.size === 0 || buffer.length === 0) return;
  const text = bytesToLatin1(buffer);
  for (const m of r.hunt.find(text)) {
    if (inProtocolLine(text, m.index)) continue;
    const out = replacement(r.p, r.originals.texts.get(m.value) ?? 'token', m.value);
    if (out.length === m.value.length && out !== m.value) {
      writeLatin1(buffer, m.index, out);
      r.replaced++;
    }
  }
}

/** Addresses in the IP header and MACs, then every checksum computed again. */
function rewriteHeaders(frames: readonly WorkFrame[], units: readonly TextUnit[], p: Pseudonyms): number {
  let unknownChecksums = 0;
  for (const f of frames) {
    if (!f.keep) continue;
    const l = f.layout;
    const size = l.version === 4 ? 4 : 16;
    for (const at of [l.srcOffset, l.dstOffset]) {
      const address = f.data.slice(at, at + size);
      f.data.set(size === 4 ? p.ipv4(address) : p.ipv6(address), at);
    }
    for (const at of l.macs) f.data.set(p.mac(f.data.slice(at, at + 6)), at);
    if (l.version === 4) writeIpv4HeaderChecksum(f.data, l.ipOffset, l.l4Offset - l.ipOffset);
  }
  const fragmentedUdp = new Map<number, TextUnit>();
  for (const u of units) if (u.udpHeaderFrame !== undefined) fragmentedUdp.set(u.udpHeaderFrame, u);
  frames.forEach((f, i) => {
    const l = f.layout;
    if (!f.keep || (l.protocol !== 17 && l.protocol !== 6) || (l.fragment !== undefined && l.fragment.offset > 0)) return;
    const at = l.l4Offset + (l.protocol === 17 ? 6 : 16);
    if (at + 2 > l.l4End) return;
    const original = (f.data[at]! << 8) | f.data[at + 1]!;
    f.data[at] = 0;
    f.data[at + 1] = 0;
    // No checksum over IPv4 UDP stays no checksum (RFC 768); a cut packet cannot be summed.
    if (l.protocol === 17 && l.version === 4 && original === 0) return;
    let segment: Uint8Array | undefined;
    const whole = fragmentedUdp.get(i);
    if (whole !== undefined) {
      segment = new Uint8Array(8 + whole.buffer.length);
      segment.set(f.data.subarray(l.l4Offset, l.l4Offset + 8));
      segment.set(whole.buffer, 8);
    } else if (l.fragment === undefined && l.l4End - l.l4Offset === l.l4Length) {
      segment = f.data.subarray(l.l4Offset, l.l4End);
    }
    if (segment === undefined) {
      unknownChecksums++;
      return;
    }
    const size = l.version === 4 ? 4 : 16;
    const value = transportChecksum(f.data.subarray(l.srcOffset, l.srcOffset + size), f.data.subarray(l.dstOffset, l.dstOffset + size), l.protocol, segment);
    f.data[at] = value >> 8;
    f.data[at + 1] = value & 0xff;
  });
  return unknownChecksums;
}

export function anonymizeCapture(input: Uint8Array, options: AnonymizeOptions = {}): AnonymizeResult {
  const secret = secretBytes(options.secret);
  const issues: Issue[] = [];
  const sniff = detectCaptureFormat(input.subarray(0, SNIFF_TEXT_BYTES));
  if (sniff === 'sip-text') return anonymizeText(input, secret);
  // Frames view the input (pushed whole, so the views stay valid); only kept frames are copied.
  const reader = new CaptureReader();
  const frames = [...reader.push(input).frames, ...reader.end().frames];
  const format = reader.contentFormat;
  if (format !== 'pcap' && format !== 'pcapng') {
    issues.push(makeIssue(anonymizeIssues, 'anonymize.not_a_capture', { value: format }));
    return { bytes: new Uint8Array(0), format: 'none', framesIn: 0, framesOut: 0, dropped: {}, replaced: 0, leftovers: new Map(), issues, tables: new Pseudonyms(secret, new Set()).tables() };
  }
  const work: WorkFrame[] = [];
  const dropped: Record<string, number> = {};
  const sources: typeof frames = [];
  for (const frame of frames) {
    const data = frame.data.subarray(0, frame.data.length - frame.fcsLength);
    const located = locateFrame(data, frame.linkType);
    if ('unsupported' in located) {
      dropped[located.unsupported] = (dropped[located.unsupported] ?? 0) + 1;
      continue;
    }
    work.push({ data, layout: located.layout, keep: true });
    sources.push(frame);
  }
  const units = buildTextUnits(work);
  for (const f of work) if (f.keep) f.data = f.data.slice();
  for (const f of work) if (!f.keep) dropped[f.dropReason ?? 'other'] = (dropped[f.dropReason ?? 'other'] ?? 0) + 1;

  const originals = new Originals();
  const spans = units.map((u) => {
    const text = bytesToLatin1(u.buffer);
    const found = findSipSpans(text);
    for (const s of found) originals.addSpan(text, s);
    return found;
  });
  for (const f of work) {
    if (!f.keep) continue;
    const l = f.layout;
    for (const at of [l.srcOffset, l.dstOffset]) {
      if (l.version === 4) originals.addIpv4(f.data.subarray(at, at + 4));
      else originals.addIpv6(f.data.slice(at, at + 16));
    }
  }
  const p = new Pseudonyms(secret, originals.all);
  const r: Rewriter = { p, hunt: originals.hunter(), originals, replaced: 0, lengthChanged: 0 };
  units.forEach((u, i) => {
    rewrite(u.buffer, spans[i]!, r);
    writeBack(work, u);
  });
  // Bytes no unit covered (a retransmitted segment from before the stream's start): hunted one by one.
  const covered = new Set<number>();
  for (const u of units) for (const piece of u.pieces) covered.add(piece.frame);
  work.forEach((f, i) => {
    if (f.keep && !covered.has(i)) hunt(f.data.subarray(f.layout.l4Offset, f.layout.l4End), r);
  });
  const unknownChecksums = rewriteHeaders(work, units, p);

  const kept: WritableFrame[] = [];
  const leftovers = new Map<string, number>();
  work.forEach((f, i) => {
    if (!f.keep) return;
    const source = sources[i]!;
    findLeftovers(f.data, r.hunt, leftovers);
    findBinaryAddresses(f.data.subarray(f.layout.l4Offset, f.layout.l4End), originals.ipv4Numbers, leftovers);
    kept.push({ timestamp: source.timestamp, data: f.data, originalLength: source.originalLength - source.fcsLength, interfaceId: source.interfaceId });
  });
  const interfaces = reader.interfaces;
  const linkTypes = new Set(sources.filter((_, i) => work[i]!.keep).map((s) => s.linkType));
  const asPcap = format === 'pcap' && linkTypes.size <= 1;
  const bytes = asPcap
    ? writePcap(kept, { linkType: interfaces[0]?.linkType ?? 1, nanosecond: (interfaces[0]?.timePrecisionDigits ?? 6) > 6 })
    : writePcapng(kept, { interfaces: interfaces.map((i) => ({ linkType: i.linkType, tsresolDigits: i.timePrecisionDigits })), application: 'sipladder anonymize' });

  const droppedCount = Object.values(dropped).reduce((a, b) => a + b, 0);
  if (droppedCount > 0) issues.push(makeIssue(anonymizeIssues, 'anonymize.frames_dropped', { value: droppedCount, detail: `${droppedCount} frames left out: ${Object.entries(dropped).map(([k, v]) => `${v} ${k}`).join(', ')}` }));
  finishIssues(issues, r, leftovers, unknownChecksums);
  return { bytes, format: asPcap ? 'pcap' : 'pcapng', framesIn: frames.length, framesOut: kept.length, dropped, replaced: r.replaced, leftovers, issues, tables: p.tables() };
}

function finishIssues(issues: Issue[], r: Rewriter, leftovers: ReadonlyMap<string, number>, unknownChecksums: number): void {
  if (r.lengthChanged > 0) issues.push(makeIssue(anonymizeIssues, 'anonymize.length_changed', { value: r.lengthChanged }));
  if (r.p.collisions > 0) issues.push(makeIssue(anonymizeIssues, 'anonymize.pseudonym_collision', { value: r.p.collisions }));
  if (unknownChecksums > 0) issues.push(makeIssue(anonymizeIssues, 'anonymize.checksum_unknown', { value: unknownChecksums }));
  for (const [value, count] of leftovers) issues.push(makeIssue(anonymizeIssues, 'anonymize.value_left', { value: `${value} (${count}×)` }));
}

/** Plain SIP text (a log, a copied trace): the same replacements on the text itself. */
function anonymizeText(input: Uint8Array, secret: Uint8Array): AnonymizeResult {
  const buffer = input.slice();
  const text = bytesToLatin1(buffer);
  const originals = new Originals();
  const spans = findSipSpans(text);
  for (const s of spans) originals.addSpan(text, s);
  const p = new Pseudonyms(secret, originals.all);
  const r: Rewriter = { p, hunt: originals.hunter(), originals, replaced: 0, lengthChanged: 0 };
  rewrite(buffer, spans, r);
  const leftovers = new Map<string, number>();
  findLeftovers(buffer, r.hunt, leftovers);
  const issues: Issue[] = [];
  finishIssues(issues, r, leftovers, 0);
  return { bytes: buffer, format: 'sip-text', framesIn: 0, framesOut: 0, dropped: {}, replaced: r.replaced, leftovers, issues, tables: p.tables() };
}
