/** `sipladder messages FILE --json`: one line per SIP message, in capture order. */
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { formatEndpoint } from '../../core/src/shared/endpoint.ts';
import { formatTimestamp } from '../../core/src/shared/time.ts';
import type { CommandContext } from '../command.ts';
import { printable } from '../format.ts';
import { analyzeInput } from '../runPipeline.ts';
import { issuesByRecord, recordAnnotation, type RecordAnnotation } from '../../core/src/correlate/recordAnnotation.ts';

export const messagesHelp = `Usage: sipladder messages FILE [--json]

Lists every SIP message in capture order: the frame that completed it, time, source and destination,
transport, the request method or response status, Call-ID, CSeq, top Via branch and the issues found in it.

FILE may be - to read standard input.

Options:
  --json    one JSON object per line (JSON Lines), fields: index, frame, frames, time, src, dst, transport,
            encapsulation, method | status, reason, requestUri, callId, cseq, branch, issues,
            transaction, logicalTransaction, dialog, call, retransmission, requestFrame (responses
            and ACK: the request it answers on the same hop), wiresharkRequestFrame, hop (Via stack,
            pushed/popped entry, received/rport, Max-Forwards, Record-Route added, Route consumed)

Examples:
  sipladder messages call.pcap
  sipladder messages call.pcap --json | jq -r 'select(.status >= 400) | .frame'`;

export async function messagesCommand(ctx: CommandContext): Promise<number> {
  const json = Boolean(ctx.flags.json);
  const result = await analyzeInput(ctx.input);
  const digits = result.capture.timePrecisionDigits;
  const issues = issuesByRecord(result.model);
  let text = '';
  for (const r of result.records) {
    const annotation = recordAnnotation(result.model, r.index, result.lookup, issues);
    text += (json ? JSON.stringify(messageJson(r, digits, annotation)) : messageLine(r, digits, annotation)) + '\n';
    if (text.length > 1 << 16) {
      ctx.out.write(text);
      text = '';
    }
  }
  ctx.out.write(text);
  return 0;
}

export function messageJson(r: MessageRecord, digits: number, a?: RecordAnnotation): Record<string, unknown> {
  const f = r.facts;
  const out: Record<string, unknown> = {
    index: r.index,
    frame: r.frame,
    frames: r.frames,
    time: formatTimestamp(r.timestamp, digits),
    src: formatEndpoint(r.src),
    dst: formatEndpoint(r.dst),
    transport: r.transport,
    encapsulation: r.encapsulation,
  };
  if (f.kind === 'request') {
    out.method = f.method ?? null;
    out.requestUri = f.requestUri ?? null;
  } else {
    out.status = f.statusCode ?? null;
    out.reason = f.reasonPhrase ?? null;
  }
  out.callId = f.callId ?? null;
  out.cseq = f.cseqNumber !== undefined ? `${f.cseqNumber} ${f.cseqMethod ?? ''}`.trim() : null;
  out.branch = f.vias[0]?.branch ?? null;
  out.issues = [...new Set([...r.issues, ...(a?.issues ?? [])].map((i) => i.code))];
  if (a) {
    out.transaction = a.transaction ?? null;
    out.logicalTransaction = a.logicalTransaction ?? null;
    out.dialog = a.dialog ?? null;
    out.call = a.call ?? null;
    out.retransmission = a.retransmission;
    if (a.retransmissionOf !== undefined) out.retransmissionOf = a.retransmissionOf;
    if (a.duplicateOf !== undefined) out.duplicateOf = a.duplicateOf;
    if (f.kind === 'response' || f.method === 'ACK') {
      out.requestFrame = a.requestFrame ?? null;
      out.wiresharkRequestFrame = a.wiresharkRequestFrame ?? null;
    }
    if (a.hop) out.hop = a.hop;
  }
  return out;
}

function messageLine(r: MessageRecord, digits: number, a?: RecordAnnotation): string {
  const f = r.facts;
  const what = f.kind === 'request' ? `${f.method ?? '?'} ${f.requestUri ?? ''}` : `${f.statusCode ?? '?'} ${f.reasonPhrase ?? ''}`;
  const codes = [...new Set([...r.issues, ...(a?.issues ?? [])].map((i) => i.code))];
  const issues = codes.length ? `  [${codes.join(', ')}]` : '';
  const retransmission = a?.retransmission ? '  (retransmission)' : '';
  return printable(
    `${String(r.frame).padStart(6)}  ${formatTimestamp(r.timestamp, digits)}  ${formatEndpoint(r.src)} → ${formatEndpoint(r.dst)} ${r.transport.toUpperCase()}  ${what.trim()}  ${f.callId ?? ''}${retransmission}${issues}`,
  );
}
