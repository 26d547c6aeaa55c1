/**
 * One message in full for the detail and hop panels: its text as captured (re-parsed from the kept bytes
 * for the header list, compact forms expanded per RFC 3261 §7.3.3), its SDP summary, its issues, and what
 * this hop did to it (hopAnnotation, RFC 3261 §16.6/§16.7) with its copies on the other hops.
 */
import { hopAnnotation } from '../../core/src/correlate/hopAnnotation.ts';
import type { HopAnnotation } from '../../core/src/correlate/model.ts';
import { formatEndpoint } from '../../core/src/shared/endpoint.ts';
import type { Issue } from '../../core/src/shared/issue.ts';
import { formatIsoTimestamp } from '../../core/src/shared/time.ts';
import { parseSipMessage } from '../../core/src/sip/parseSipMessage.ts';
import type { MessageDetail, ParsedHeader } from '../shared/apiTypes.ts';
import { column, type EngineState, rawMissingReason, rowMessages, rowOfRecord } from './engineState.ts';
import { clip } from './rowText.ts';

const MAX_HEADERS = 500;
const MAX_VALUE_CHARS = 8000;
const MAX_LIST = 100;

export function issueView(issue: Issue): MessageDetail['issues'][number] {
  return { code: issue.code, severity: issue.severity, message: clip(issue.message, 500), value: issue.value === undefined ? null : clip(String(issue.value), 500) };
}

function clipHop(hop: HopAnnotation): HopAnnotation {
  const list = (xs: string[]): string[] => xs.slice(0, MAX_LIST).map((x) => clip(x, 2000));
  const out: HopAnnotation = { ...hop, viaStack: list(hop.viaStack), recordRouteAdded: list(hop.recordRouteAdded), routes: list(hop.routes) };
  for (const key of ['pushedVia', 'poppedVia', 'received', 'routeConsumed', 'requestUriBefore', 'requestUriAfter'] as const) {
    const v = out[key];
    if (v !== undefined) out[key] = clip(v, 2000);
  }
  return out;
}

/** The same message on the other hops: same logical transaction, same method (requests) or status (responses). */
export function copiesOf(state: EngineState, index: number): number[] {
  const lt = column(state, 'logicalTransaction', index);
  const record = state.records[index];
  if (lt < 0 || record === undefined) return [];
  const list = rowMessages(state, rowOfRecord(state, index));
  const out: number[] = [];
  for (let k = 0; k < list.length; k++) {
    const i = list[k]!;
    if (i === index || column(state, 'logicalTransaction', i) !== lt) continue;
    if (column(state, 'retransmissionOf', i) >= 0 || column(state, 'duplicateOf', i) >= 0) continue;
    const f = state.records[i]!.facts;
    if (f.kind !== record.facts.kind) continue;
    if (f.kind === 'request' ? f.method === record.facts.method : f.statusCode === record.facts.statusCode) out.push(i);
  }
  return out;
}

function nodeName(state: EngineState, node: number, fallback: string): string {
  const n = state.final?.model.nodes[node];
  return n === undefined ? fallback : clip(n.name, 80);
}

export function buildMessageDetail(state: EngineState, index: number): MessageDetail | undefined {
  const record = state.records[index];
  if (record === undefined) return undefined;
  const f = record.facts;
  const raw = record.raw;
  let text: string | null = null;
  let rawNote: string | null = null;
  let bodyOffset = -1;
  const headers: ParsedHeader[] = [];
  if (raw !== undefined) {
    text = new TextDecoder('utf-8', { fatal: false }).decode(raw);
    const parsed = parseSipMessage(raw);
    if (parsed.kind === 'message') {
      const m = parsed.message;
      if (m.bodyOffset < m.bytes.length) bodyOffset = new TextDecoder('utf-8', { fatal: false }).decode(m.bytes.subarray(0, m.bodyOffset)).length;
      for (const h of m.headers.slice(0, MAX_HEADERS)) {
        headers.push({ name: clip(h.name, 200), canonicalName: clip(h.canonicalName, 200), value: clip(h.value, MAX_VALUE_CHARS), compact: h.name.length === 1 && h.canonicalName.length > 1 });
      }
    }
  } else {
    rawNote = rawMissingReason(state, index);
  }
  const startLine = f.kind === 'request'
    ? `${f.method ?? '?'} ${f.requestUri ?? ''} SIP/2.0`
    : `SIP/2.0 ${f.statusCode ?? '?'} ${f.reasonPhrase ?? ''}`;
  const model = state.final?.model;
  const hop = model === undefined ? undefined : hopAnnotation(model, index, (i) => state.records[i]);
  const issues = [...record.issues];
  for (const x of model?.issues ?? []) if (x.index === index) issues.push(x.issue);
  for (const x of state.final?.analysis.issues ?? []) if (x.index === index) issues.push(x.issue);
  const srcNode = column(state, 'srcNode', index);
  const dstNode = column(state, 'dstNode', index);
  const src = formatEndpoint(record.src);
  const dst = formatEndpoint(record.dst);
  return {
    session: state.session, index, frame: record.frame, frames: record.frames.slice(0, MAX_LIST),
    time: formatIsoTimestamp(record.timestamp, state.precisionDigits), src, dst,
    srcName: nodeName(state, srcNode, src), dstName: nodeName(state, dstNode, dst), transport: record.transport,
    encapsulation: record.encapsulation.slice(0, 20).map((e) => clip(e, 80)), request: f.kind === 'request', startLine: clip(startLine, 2000),
    raw: text, rawNote, rawBytes: raw?.length ?? 0, bodyOffset, headers,
    sdp: f.sdp === undefined ? null : {
      connectionAddress: f.sdp.connectionAddress ?? null,
      media: f.sdp.media.slice(0, MAX_LIST).map((m) => ({
        type: clip(m.type, 40), port: m.port, protocol: clip(m.protocol, 40), connectionAddress: m.connectionAddress ?? null,
        codecs: m.codecs.slice(0, MAX_LIST).map((c) => clip(c, 80)), direction: clip(m.direction, 20),
      })),
    },
    issues: issues.slice(0, MAX_LIST).map(issueView), hop: hop === undefined ? null : clipHop(hop),
    recordRoutes: f.recordRoutes.slice(0, MAX_LIST).map((r) => clip(r.raw, 2000)),
    routes: f.routes.slice(0, MAX_LIST).map((r) => clip(r.raw, 2000)), maxForwards: f.maxForwards ?? null,
    copies: copiesOf(state, index), transaction: column(state, 'transaction', index),
    logicalTransaction: column(state, 'logicalTransaction', index), dialog: column(state, 'dialog', index),
    row: rowOfRecord(state, index), retransmissionOf: column(state, 'retransmissionOf', index),
  };
}
