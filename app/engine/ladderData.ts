/**
 * The messages of one or more rows, as the ladder draws them: one entry per record in capture order,
 * with its transaction, logical transaction, dialog, hop counterpart, Via depth and retransmission count.
 */
import { diffMs } from '../../core/src/shared/time.ts';
import { formatEndpoint } from '../../core/src/shared/endpoint.ts';
import type { LadderData, LadderMessage, LadderNode } from '../shared/apiTypes.ts';
import { column, type EngineState, rowMessages } from './engineState.ts';
import { clip } from './rowText.ts';

/** More messages than this in one ladder are cut (the ladder says so). */
export const MAX_LADDER_MESSAGES = 500_000;

function firstCodec(codecs: readonly string[] | undefined): string {
  if (codecs === undefined) return '';
  return codecs.find((c) => !/^telephone-event\//i.test(c)) ?? codecs[0] ?? '';
}

export function buildLadder(state: EngineState, rows: readonly number[]): LadderData {
  const owner = new Map<number, number>();
  for (const row of rows) {
    const list = rowMessages(state, row);
    for (let i = 0; i < list.length; i++) if (!owner.has(list[i]!)) owner.set(list[i]!, row);
  }
  const indices = [...owner.keys()].sort((a, b) => a - b);
  const truncated = indices.length > MAX_LADDER_MESSAGES;
  if (truncated) indices.length = MAX_LADDER_MESSAGES;
  const first = state.records[indices[0] ?? -1];
  const retransmissions = new Map<number, number>();
  for (const i of indices) {
    const of = column(state, 'retransmissionOf', i);
    if (of >= 0) retransmissions.set(of, (retransmissions.get(of) ?? 0) + 1);
  }
  const messages: LadderMessage[] = [];
  for (const i of indices) {
    const r = state.records[i]!;
    const f = r.facts;
    const media = f.sdp?.media[0];
    messages.push({
      index: i, frame: r.frame, offsetMs: first ? diffMs(first.timestamp, r.timestamp) : 0,
      src: formatEndpoint(r.src), dst: formatEndpoint(r.dst), srcNode: column(state, 'srcNode', i), dstNode: column(state, 'dstNode', i),
      transport: r.transport, request: f.kind === 'request', method: clip(f.method ?? f.cseqMethod ?? '', 40),
      statusCode: f.statusCode ?? 0, reason: clip(f.reasonPhrase ?? '', 60),
      cseq: f.cseqNumber !== undefined ? clip(`${f.cseqNumber} ${f.cseqMethod ?? ''}`, 60) : '',
      sdp: f.sdp !== undefined, codec: clip(firstCodec(media?.codecs), 40),
      transaction: column(state, 'transaction', i), logicalTransaction: column(state, 'logicalTransaction', i),
      dialog: column(state, 'dialog', i), row: owner.get(i)!, retransmissionOf: column(state, 'retransmissionOf', i),
      retransmissions: retransmissions.get(i) ?? 0, counterpart: column(state, 'counterpart', i), viaDepth: f.vias.length,
      issues: r.issues.length,
    });
  }
  const used = new Set<number>();
  for (const m of messages) {
    used.add(m.srcNode);
    used.add(m.dstNode);
  }
  const nodes: LadderNode[] = [];
  for (const n of state.final?.model.nodes ?? []) {
    if (!used.has(n.id)) continue;
    nodes.push({ id: n.id, name: clip(n.name, 80), role: n.role, endpoints: n.endpoints.slice(0, 20).map((e) => clip(e, 80)) });
  }
  return {
    session: state.session, generation: state.generation, rows: [...rows], messages, nodes,
    startSeconds: first?.timestamp.seconds ?? 0, startNanoseconds: first?.timestamp.nanoseconds ?? 0,
    precisionDigits: state.precisionDigits, truncated,
  };
}
