/**
 * Test helper: captures of several small calls (answered, busy, unanswered, REGISTER) built with the flow
 * fixture builder and read back through SipPipeline, so live-session tests start from real MessageRecords.
 */
import { buildFlow } from '../../testkit/flow/buildFlow.ts';
import type { FlowMessage } from '../../testkit/flow/flowTypes.ts';
import { callTexts } from '../../testkit/flow/sampleCall.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { SipPipeline } from './sipPipeline.ts';

export type TestCallKind = 'answered' | 'busy' | 'unanswered' | 'register';

export interface TestCall {
  readonly kind: TestCallKind;
  readonly callId: string;
  /** Seconds after the capture start of the first message; messages follow 10 ms apart. */
  readonly at: number;
  /** Seconds between the ACK and the BYE of an answered call (default 1). */
  readonly talk?: number;
  /** Extra headers for the INVITE (e.g. X-Call-ID). */
  readonly inviteHeaders?: readonly string[];
}

const CALLER = '192.0.2.10:5060';
const CALLEE = '192.0.2.30:5060';

export function testCallMessages(call: TestCall): FlowMessage[] {
  const t = callTexts({ caller: CALLER, callee: CALLEE, via: 'UDP', callId: call.callId });
  const invite = call.inviteHeaders?.length ? t.invite.replace('\nContent-Type:', `\n${call.inviteHeaders.join('\n')}\nContent-Type:`) : t.invite;
  const a2b = (text: string, at: number): FlowMessage => ({ from: CALLER, to: CALLEE, at, text });
  const b2a = (text: string, at: number): FlowMessage => ({ from: CALLEE, to: CALLER, at, text });
  const at = call.at;
  switch (call.kind) {
    case 'answered': {
      const bye = at + 0.04 + (call.talk ?? 1);
      return [a2b(invite, at), b2a(t.trying, at + 0.01), b2a(t.ringing, at + 0.02), b2a(t.ok, at + 0.03), a2b(t.ack, at + 0.04), a2b(t.bye, bye), b2a(t.byeOk, bye + 0.01)];
    }
    case 'busy': {
      const busy = t.ringing.replace('180 Ringing', '486 Busy Here');
      const ack = t.ack.replace(/^ACK sip:\S+/, 'ACK sip:bob@biloxi.example.com').replace('nashds9', 'nashds8');
      return [a2b(invite, at), b2a(t.trying, at + 0.01), b2a(busy, at + 0.02), a2b(ack, at + 0.03)];
    }
    case 'unanswered':
      return [a2b(invite, at), b2a(t.trying, at + 0.01)];
    case 'register': {
      const register = `REGISTER sip:biloxi.example.com SIP/2.0\nVia: SIP/2.0/UDP ${CALLER};branch=z9hG4bKreg${call.callId.length}\n` +
        `Max-Forwards: 70\nFrom: <sip:alice@biloxi.example.com>;tag=r1\nTo: <sip:alice@biloxi.example.com>\nCall-ID: ${call.callId}\n` +
        `CSeq: 1 REGISTER\nContact: <sip:alice@${CALLER}>\nExpires: 3600\n`;
      const ok = `SIP/2.0 200 OK\nVia: SIP/2.0/UDP ${CALLER};branch=z9hG4bKreg${call.callId.length}\nFrom: <sip:alice@biloxi.example.com>;tag=r1\n` +
        `To: <sip:alice@biloxi.example.com>;tag=s1\nCall-ID: ${call.callId}\nCSeq: 1 REGISTER\nContact: <sip:alice@${CALLER}>;expires=3600\n`;
      return [a2b(register, at), b2a(ok, at + 0.01)];
    }
  }
}

/** The capture bytes of the calls, messages in time order. */
export function testCallCapture(calls: readonly TestCall[]): Uint8Array {
  const messages = calls.flatMap(testCallMessages).sort((a, b) => a.at! - b.at!);
  return buildFlow({ nodes: {}, messages }).bytes;
}

/** The calls' MessageRecords as SipPipeline reads them from the capture. */
export function testCallRecords(calls: readonly TestCall[]): MessageRecord[] {
  const pipeline = new SipPipeline();
  const records = pipeline.push(testCallCapture(calls)).records;
  records.push(...pipeline.end().records);
  return records;
}
