/**
 * The `requestFrame` column: the request frame Wireshark's SIP dissector shows as `sip.response-request`,
 * reproduced rule for rule (packet-sip.c: sip_find_request, sip_find_invite, sip_is_packet_resend).
 * Its table is keyed by Call-ID and the UDP address/port 4-tuple and remembers only the latest CSeq per
 * direction, so it differs from true transaction matching: after a CANCEL or an ACK with the INVITE's
 * CSeq number, later INVITE responses point at the CANCEL or ACK frame, the 200 of a CANCEL gets no link,
 * and nothing is linked over TCP/TLS. Issue #3 asks for exactly these semantics so results compare with tshark
 * frame for frame; `transactionRequestFrame` is the RFC 3261 answer.
 */
import type { MessageRecord } from '../sip/messageRecord.ts';

const NOTHING_SEEN = 0;
const REQUEST_SEEN = 1;
const PROVISIONAL_SEEN = 2;
const FINAL_SEEN = 3;

/** Wireshark copies Call-ID and CSeq method into fixed buffers (MAX_CALL_ID_SIZE 128, MAX_CSEQ_METHOD_SIZE 16). */
const CALL_ID_CHARS = 127;
const METHOD_CHARS = 15;

/** One direction (source → destination address and port) of one Call-ID: Wireshark's sip_hash entry. */
interface Entry {
  srcIp: string;
  srcPort: number;
  dstIp: string;
  dstPort: number;
  cseq: number;
  method: string;
  state: number;
  frame: number;
  responseCode: number;
}

export class WiresharkRequestLinker {
  /** Entries per Call-ID (few directions each), found by comparing addresses: no key strings per message. */
  private readonly table = new Map<string, Entry[]>();

  /** Feeds one record in capture order; returns the frame Wireshark would link it to, or -1. */
  observe(record: MessageRecord): number {
    const facts = record.facts;
    if (record.transport !== 'udp' || facts.cseqNumber === undefined) return -1;
    const callId = (facts.callId ?? '').slice(0, CALL_ID_CHARS);
    const method = (facts.cseqMethod ?? '').slice(0, METHOD_CHARS);
    const cseq = facts.cseqNumber >>> 0;
    const entries = this.table.get(callId);
    const { src, dst } = record;
    let linked = 0;
    if (facts.kind === 'request' && method === 'ACK') {
      // sip_find_invite: whatever frame the same direction last stored, checked before the resend logic.
      linked = find(entries, src.ip, src.port, dst.ip, dst.port)?.frame ?? 0;
    } else if (facts.kind === 'response') {
      const entry = find(entries, dst.ip, dst.port, src.ip, src.port);
      if (entry !== undefined && entry.cseq === cseq && entry.state === REQUEST_SEEN && entry.method === method) linked = entry.frame;
    }
    this.updateResend(callId, entries, record, facts.kind === 'request', method, cseq, facts.statusCode ?? 0);
    return linked === 0 ? -1 : linked;
  }

  /** sip_is_packet_resend's table update (its resend verdict is not needed here). */
  private updateResend(
    callId: string, entries: Entry[] | undefined, record: MessageRecord, isRequest: boolean, method: string, cseq: number, status: number,
  ): void {
    const { src, dst, frame } = record;
    let entry = find(entries, src.ip, src.port, dst.ip, dst.port);
    let compareCseq = 0;
    if (entry === undefined) {
      entry = { srcIp: src.ip, srcPort: src.port, dstIp: dst.ip, dstPort: dst.port, cseq, method, state: NOTHING_SEEN, frame: 0, responseCode: 0 };
      if (entries === undefined) this.table.set(callId, [entry]);
      else entries.push(entry);
    } else {
      compareCseq = entry.cseq;
      if (cseq !== entry.cseq) {
        entry.cseq = cseq;
        entry.method = method;
        entry.state = NOTHING_SEEN;
        entry.frame = 0;
      }
    }
    let resend = false;
    if (isRequest && cseq === compareCseq && entry.state === REQUEST_SEEN && method === entry.method
      && method !== 'ACK' && method !== 'CANCEL') resend = true;
    if (!isRequest && cseq === compareCseq && entry.state === FINAL_SEEN && method === entry.method
      && status >= 200 && status === entry.responseCode) resend = true;
    if (isRequest) {
      entry.state = REQUEST_SEEN;
      if (!resend) entry.frame = frame;
    } else if (status >= 200) {
      entry.responseCode = status;
      entry.state = FINAL_SEEN;
      if (!resend) entry.frame = frame;
    } else {
      entry.state = PROVISIONAL_SEEN;
    }
  }
}

function find(entries: Entry[] | undefined, srcIp: string, srcPort: number, dstIp: string, dstPort: number): Entry | undefined {
  if (entries === undefined) return undefined;
  for (const e of entries) {
    if (e.srcPort === srcPort && e.dstPort === dstPort && e.srcIp === srcIp && e.dstIp === dstIp) return e;
  }
  return undefined;
}
