/**
 * A cheap estimate of the heap a MessageRecord holds (its facts, strings and arrays), so a live session can
 * keep its memory under a limit in megabytes without measuring the heap. Calibrated against V8 heap growth
 * for sipp and RFC 3665-style calls (bench/soak.mjs prints both); an estimate, not an exact count.
 */
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { NameAddrFacts } from '../sip/sipFacts.ts';

/** Record, facts, timestamp, endpoints, frame arrays and empty collections: the fixed part. */
const RECORD_BASE_BYTES = 600;
/** One object with its small fields (a Via, a name-addr, a media line). */
const OBJECT_BYTES = 110;
/** Per analysed call or usage: the CallAnalysis or Usage object and the entry around it. */
export const ENTRY_BASE_BYTES = 1800;

export function estimateRecordBytes(record: MessageRecord): number {
  const f = record.facts;
  let bytes = RECORD_BASE_BYTES + record.frames.length * 8;
  bytes += text(f.requestUri) + text(f.callId) + text(f.reasonPhrase) + text(f.userAgent) + text(f.server) + text(f.contentType);
  bytes += nameAddr(f.from) + nameAddr(f.to);
  for (const v of f.vias) bytes += OBJECT_BYTES + text(v.raw) + text(v.branch) + text(v.host);
  for (const c of f.contacts) bytes += nameAddr(c);
  for (const r of f.recordRoutes) bytes += nameAddr(r);
  for (const r of f.routes) bytes += nameAddr(r);
  for (const r of f.reasons) bytes += text(r);
  if (f.sdp !== undefined) {
    bytes += OBJECT_BYTES + text(f.sdp.connectionAddress);
    for (const m of f.sdp.media) {
      bytes += OBJECT_BYTES;
      for (const c of m.codecs) bytes += text(c);
    }
  }
  if (f.extraHeaders !== undefined) for (const k in f.extraHeaders) bytes += OBJECT_BYTES / 2 + text(f.extraHeaders[k]);
  bytes += record.issues.length * OBJECT_BYTES;
  return bytes;
}

/** A string's heap: header plus one byte per Latin-1 character (V8 one-byte strings). */
function text(value: string | undefined): number {
  return value === undefined ? 0 : 16 + value.length;
}

function nameAddr(n: NameAddrFacts | undefined): number {
  if (n === undefined) return 0;
  let bytes = OBJECT_BYTES * 2 + text(n.raw) + text(n.uri) + text(n.user) + text(n.host) + text(n.tag) + text(n.displayName);
  for (const k in n.uriParameters) bytes += 32 + text(n.uriParameters[k]);
  for (const k in n.parameters) bytes += 32 + text(n.parameters[k]);
  return bytes;
}
