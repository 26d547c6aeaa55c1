/** `sipladder messages FILE --json`: one line per SIP message, in capture order. */
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { formatEndpoint } from '../../core/src/shared/endpoint.ts';
import { formatTimestamp } from '../../core/src/shared/time.ts';
import type { CommandContext } from '../command.ts';
import { printable } from '../format.ts';
import { runPipeline } from '../runPipeline.ts';

export const messagesHelp = `Usage: sipladder messages FILE [--json]

Lists every SIP message in capture order: the frame that completed it, time, source and destination,
transport, the request method or response status, Call-ID, CSeq, top Via branch and the issues found in it.

FILE may be - to read standard input.

Options:
  --json    one JSON object per line (JSON Lines), fields: index, frame, frames, time, src, dst, transport,
            encapsulation, method | status, reason, requestUri, callId, cseq, branch, issues

Examples:
  sipladder messages call.pcap
  sipladder messages call.pcap --json | jq -r 'select(.status >= 400) | .frame'`;

export async function messagesCommand(ctx: CommandContext): Promise<number> {
  const json = Boolean(ctx.flags.json);
  await runPipeline(ctx.input, {
    onRecords: (records, digits) => {
      let text = '';
      for (const r of records) text += (json ? JSON.stringify(messageJson(r, digits)) : messageLine(r, digits)) + '\n';
      ctx.out.write(text);
    },
  });
  return 0;
}

export function messageJson(r: MessageRecord, digits: number): Record<string, unknown> {
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
  out.issues = [...new Set(r.issues.map((i) => i.code))];
  return out;
}

function messageLine(r: MessageRecord, digits: number): string {
  const f = r.facts;
  const what = f.kind === 'request' ? `${f.method ?? '?'} ${f.requestUri ?? ''}` : `${f.statusCode ?? '?'} ${f.reasonPhrase ?? ''}`;
  const issues = r.issues.length ? `  [${[...new Set(r.issues.map((i) => i.code))].join(', ')}]` : '';
  return printable(
    `${String(r.frame).padStart(6)}  ${formatTimestamp(r.timestamp, digits)}  ${formatEndpoint(r.src)} → ${formatEndpoint(r.dst)} ${r.transport.toUpperCase()}  ${what.trim()}  ${f.callId ?? ''}${issues}`,
  );
}
