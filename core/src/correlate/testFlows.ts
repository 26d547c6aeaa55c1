/**
 * More hand-built flows for tests, modelled on the course seeds (seed 004: Grandstream phones 308/309
 * and an OpenSER proxy at 192.168.1.15) and the usual textbook cases, as a capture point on every hop.
 */
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { Transport } from '../shared/endpoint.ts';
import { audioSdp, forwarded, popped, responseTo, sipText, type MessageSpec } from './testMessages.ts';
import { TestTrace } from './testRecords.ts';

export const PHONE_308 = '192.168.1.10:5060';
export const PHONE_309 = '192.168.1.11:5060';
export const OPENSER = '192.168.1.15:5060';
const PROXY_RR = '<sip:192.168.1.15;lr=on;ftag=fce371520693b722>';

/** Writes specs as records, advancing time by `stepMs` unless a time is given. */
export class Flow {
  readonly trace = new TestTrace();
  private nowMs = 0;

  constructor(private readonly transport: Transport = 'udp') {}

  send(spec: MessageSpec, src: string, dst: string, atMs?: number): MessageSpec {
    this.nowMs = atMs ?? this.nowMs + 10;
    this.trace.add(sipText(spec), { src, dst, atMs: this.nowMs, transport: this.transport });
    return spec;
  }

  get records(): MessageRecord[] {
    return this.trace.records;
  }
}

function inviteFrom308(branch: string, callId: string, tag: string, extra: Partial<MessageSpec> = {}): MessageSpec {
  return {
    start: 'INVITE sip:309@192.168.1.15', via: [`192.168.1.10;branch=${branch}`], maxForwards: 70,
    from: `<sip:308@192.168.1.15>;tag=${tag}`, to: '<sip:309@192.168.1.15>', callId, cseq: '28826 INVITE',
    contact: '<sip:308@192.168.1.10>', sdp: audioSdp('192.168.1.10', 5004, [4, 18]), ...extra,
  };
}

/** Seed 004 §3: OpenSER with Record-Route; INFO (DTMF) both ways and BYE from 309, all through the proxy. */
export function proxyWithRecordRoute(): MessageRecord[] {
  const f = new Flow();
  const inv = f.send(inviteFrom308('z9hG4bKf3c60221ce03445c', '8c80d06175b1eb80@192.168.1.10', 'fce371520693b722'), PHONE_308, OPENSER);
  f.send(responseTo(inv, '100 Trying'), OPENSER, PHONE_308);
  const out = f.send(forwarded(inv, '192.168.1.15;branch=z9hG4bKb992.ec6bce33.0', { requestUri: 'sip:309@192.168.1.11', recordRoute: PROXY_RR }), OPENSER, PHONE_309);
  f.send(responseTo(out, '100 Trying'), PHONE_309, OPENSER);
  const ringing = f.send(responseTo(out, '180 Ringing', { toTag: '352ec99f5ffd23cf' }), PHONE_309, OPENSER);
  f.send(popped(ringing), OPENSER, PHONE_308);
  const ok = f.send(responseTo(out, '200 OK', { toTag: '352ec99f5ffd23cf', contact: '<sip:309@192.168.1.11>', sdp: audioSdp('192.168.1.11', 5004, [4]) }), PHONE_309, OPENSER, 3000);
  f.send(popped(ok), OPENSER, PHONE_308);
  const dialog = { from: inv.from, to: ok.to, callId: inv.callId };
  const ack: MessageSpec = { start: 'ACK sip:309@192.168.1.11', via: ['192.168.1.10;branch=z9hG4bK9678e44f4ea235df'], maxForwards: 70, ...dialog, cseq: '28826 ACK', route: [PROXY_RR] };
  f.send(ack, PHONE_308, OPENSER);
  f.send(forwarded(ack, '192.168.1.15;branch=z9hG4bK9678e44f4ea235df.1'), OPENSER, PHONE_309);
  const info: MessageSpec = {
    start: 'INFO sip:309@192.168.1.11', via: ['192.168.1.10;branch=z9hG4bK93bc61c18d96eb8b'], maxForwards: 70, ...dialog,
    cseq: '28827 INFO', route: [PROXY_RR], headers: ['Content-Type: application/dtmf-relay'],
  };
  f.send(info, PHONE_308, OPENSER, 5000);
  const infoOut = f.send(forwarded(info, '192.168.1.15;branch=z9hG4bKc992.e100efc6.0'), OPENSER, PHONE_309);
  f.send(popped(f.send(responseTo(infoOut, '200 OK'), PHONE_309, OPENSER)), OPENSER, PHONE_308);
  const back = { from: '<sip:309@192.168.1.15>;tag=352ec99f5ffd23cf', to: '<sip:308@192.168.1.15>;tag=fce371520693b722', callId: inv.callId };
  const rr309 = '<sip:192.168.1.15;lr=on;ftag=352ec99f5ffd23cf>';
  const info2: MessageSpec = {
    start: 'INFO sip:308@192.168.1.10', via: ['192.168.1.11;branch=z9hG4bKd51a30c261b5691e'], maxForwards: 70, ...back,
    cseq: '52519 INFO', route: [rr309], headers: ['Content-Type: application/dtmf-relay'],
  };
  f.send(info2, PHONE_309, OPENSER, 6000);
  const info2Out = f.send(forwarded(info2, '192.168.1.15;branch=z9hG4bKb593.5d620aa5.0'), OPENSER, PHONE_308);
  f.send(popped(f.send(responseTo(info2Out, '200 OK'), PHONE_308, OPENSER)), OPENSER, PHONE_309);
  const bye: MessageSpec = { start: 'BYE sip:308@192.168.1.10', via: ['192.168.1.11;branch=z9hG4bKd0b04fbb081eb9ab'], maxForwards: 70, ...back, cseq: '52520 BYE', route: [rr309] };
  f.send(bye, PHONE_309, OPENSER, 20_000);
  const byeOut = f.send(forwarded(bye, '192.168.1.15;branch=z9hG4bK0593.583e3506.0'), OPENSER, PHONE_308);
  f.send(popped(f.send(responseTo(byeOut, '200 OK'), PHONE_308, OPENSER)), OPENSER, PHONE_309);
  return f.records;
}

/**
 * Seed 004 §2.6: the caller hangs up while ringing. The stateful proxy answers the CANCEL itself, sends its
 * own CANCEL downstream (with its INVITE branch), acknowledges the 487 itself and forwards it upstream.
 */
export function proxyCancel(): MessageRecord[] {
  const f = new Flow();
  const inv = f.send(inviteFrom308('z9hG4bKdfda7b9079412bd5', '64f567bcc5d8f80c@192.168.1.10', '8b2723dc35649705', { cseq: '14107 INVITE' }), PHONE_308, OPENSER);
  f.send(responseTo(inv, '100 Trying'), OPENSER, PHONE_308);
  const proxyBranch = '192.168.1.15;branch=z9hG4bK5647.03eb25b7.0';
  const out = f.send(forwarded(inv, proxyBranch, { requestUri: 'sip:309@192.168.1.11' }), OPENSER, PHONE_309);
  f.send(responseTo(out, '100 Trying'), PHONE_309, OPENSER);
  f.send(popped(f.send(responseTo(out, '180 Ringing', { toTag: '76adf65f887d5f3f' }), PHONE_309, OPENSER)), OPENSER, PHONE_308);
  const cleanCancel = strip({ ...inv, start: 'CANCEL sip:309@192.168.1.15', cseq: '14107 CANCEL' });
  f.send(cleanCancel, PHONE_308, OPENSER, 4000);
  f.send(responseTo(cleanCancel, '200 OK', { toTag: '76adf65f887d5f3f' }), OPENSER, PHONE_308);
  const cancelOut: MessageSpec = { ...cleanCancel, start: 'CANCEL sip:309@192.168.1.11', via: [proxyBranch], maxForwards: 70 };
  f.send(cancelOut, OPENSER, PHONE_309);
  f.send(responseTo(cancelOut, '200 OK', { toTag: '76adf65f887d5f3f' }), PHONE_309, OPENSER);
  const terminated = f.send(responseTo(out, '487 Request Terminated', { toTag: '76adf65f887d5f3f' }), PHONE_309, OPENSER);
  const ackDown: MessageSpec = { start: 'ACK sip:309@192.168.1.11', via: [proxyBranch], maxForwards: 70, from: inv.from, to: terminated.to, callId: inv.callId, cseq: '14107 ACK' };
  f.send(ackDown, OPENSER, PHONE_309);
  const up = f.send(popped(terminated), OPENSER, PHONE_308);
  f.send({ start: 'ACK sip:309@192.168.1.15', via: inv.via, maxForwards: 70, from: inv.from, to: up.to, callId: inv.callId, cseq: '14107 ACK' }, PHONE_308, OPENSER);
  return f.records;
}

function strip(spec: MessageSpec): MessageSpec {
  const { sdp: _sdp, contact: _contact, ...rest } = spec;
  return rest;
}

/**
 * Seed 004 §2.7: a stateless proxy (SER forward()): no 100 Trying of its own, the 486 passes straight
 * back and the caller's ACK is forwarded end to end with the proxy's Via pushed (same branch as its INVITE).
 */
export function statelessProxyBusy(): MessageRecord[] {
  const f = new Flow();
  const inv = f.send(inviteFrom308('z9hG4bKef1e1f8da5c0298d', 'f146448b7830985b@192.168.1.10', '0434481ac70e589b', { cseq: '24573 INVITE' }), PHONE_308, OPENSER);
  const proxyVia = '192.168.1.15;branch=z9hG4bKsl.ef1e1f8d.0';
  const out = f.send(forwarded(inv, proxyVia, { requestUri: 'sip:309@192.168.1.11' }), OPENSER, PHONE_309);
  f.send(popped(f.send(responseTo(out, '180 Ringing', { toTag: 'b0a1' }), PHONE_309, OPENSER)), OPENSER, PHONE_308);
  const busy = f.send(responseTo(out, '486 Busy Here', { toTag: 'b0a1' }), PHONE_309, OPENSER, 2000);
  f.send(popped(busy), OPENSER, PHONE_308);
  const ack: MessageSpec = { start: 'ACK sip:309@192.168.1.15', via: inv.via, maxForwards: 70, from: inv.from, to: busy.to, callId: inv.callId, cseq: '24573 ACK' };
  f.send(ack, PHONE_308, OPENSER);
  f.send(forwarded(ack, proxyVia, { requestUri: 'sip:309@192.168.1.11' }), OPENSER, PHONE_309);
  return f.records;
}

const ALICE_UA = '10.0.0.1:5060';
const BOB_UA = '10.0.0.2:5060';

export interface DirectCallOptions {
  readonly final: string;
  readonly callId?: string;
  readonly provisional?: readonly string[];
  readonly finalSdp?: readonly string[];
  readonly contact?: string;
  readonly reason?: string;
}

/** A → B directly: INVITE, 100, provisional responses, a final response and (non-2xx) its ACK. */
export function directCall(options: DirectCallOptions): MessageRecord[] {
  const f = new Flow();
  const inv = f.send({
    start: 'INVITE sip:bob@10.0.0.2', via: ['10.0.0.1:5060;branch=z9hG4bK-d1'], maxForwards: 70,
    from: '"Alice" <sip:alice@example.com>;tag=a1', to: '<sip:bob@example.com>', callId: options.callId ?? 'direct-1@10.0.0.1',
    cseq: '1 INVITE', contact: '<sip:alice@10.0.0.1>', sdp: audioSdp('10.0.0.1', 4000, [0, 8]),
  }, ALICE_UA, BOB_UA, 0);
  f.send(responseTo(inv, '100 Trying'), BOB_UA, ALICE_UA, 20);
  let at = 1000;
  for (const p of options.provisional ?? []) f.send(responseTo(inv, p, { toTag: 'b1' }), BOB_UA, ALICE_UA, (at += 500));
  const final = f.send(responseTo(inv, options.final, {
    toTag: 'b1', ...(options.contact ? { contact: options.contact } : {}),
    ...(options.finalSdp ? { sdp: options.finalSdp } : {}), ...(options.reason ? { headers: [`Reason: ${options.reason}`] } : {}),
  }), BOB_UA, ALICE_UA, 5000);
  if (!options.final.startsWith('2')) {
    f.send({ start: 'ACK sip:bob@10.0.0.2', via: inv.via, maxForwards: 70, from: inv.from, to: final.to, callId: inv.callId, cseq: '1 ACK' }, ALICE_UA, BOB_UA, 5010);
  }
  return f.records;
}

/** An answered direct call whose 200 OK is retransmitted until the ACK arrives, then BYE with a Q.850 Reason. */
export function answeredWith200Retransmissions(byeFromCaller = true): MessageRecord[] {
  const f = new Flow();
  const inv = f.send({
    start: 'INVITE sip:bob@10.0.0.2', via: ['10.0.0.1:5060;branch=z9hG4bK-r1'], maxForwards: 70,
    from: '"Alice" <sip:alice@example.com>;tag=a1', to: '<sip:bob@example.com>', callId: 'retx-1@10.0.0.1',
    cseq: '1 INVITE', contact: '<sip:alice@10.0.0.1>', sdp: audioSdp('10.0.0.1', 4000, [0, 8, 101]),
  }, ALICE_UA, BOB_UA, 0);
  f.send(responseTo(inv, '180 Ringing', { toTag: 'b1' }), BOB_UA, ALICE_UA, 1200);
  const ok = responseTo(inv, '200 OK', { toTag: 'b1', contact: '<sip:bob@10.0.0.2>', sdp: audioSdp('10.0.0.2', 6000, [8, 101]) });
  for (const at of [4000, 4500, 5500, 7500]) f.send(ok, BOB_UA, ALICE_UA, at);
  const ackSpec: MessageSpec = { start: 'ACK sip:bob@10.0.0.2', via: ['10.0.0.1:5060;branch=z9hG4bK-r2'], maxForwards: 70, from: inv.from, to: ok.to, callId: inv.callId, cseq: '1 ACK' };
  f.send(ackSpec, ALICE_UA, BOB_UA, 7600);
  const reason = ['Reason: Q.850;cause=16;text="Normal call clearing"'];
  if (byeFromCaller) {
    const bye: MessageSpec = { start: 'BYE sip:bob@10.0.0.2', via: ['10.0.0.1:5060;branch=z9hG4bK-r3'], maxForwards: 70, from: inv.from, to: ok.to, callId: inv.callId, cseq: '2 BYE', headers: reason };
    f.send(bye, ALICE_UA, BOB_UA, 67_600);
    f.send(responseTo(bye, '200 OK'), BOB_UA, ALICE_UA, 67_620);
  } else {
    const bye: MessageSpec = { start: 'BYE sip:alice@10.0.0.1', via: ['10.0.0.2:5060;branch=z9hG4bK-r4'], maxForwards: 70, from: ok.to, to: inv.from, callId: inv.callId, cseq: '7 BYE', headers: reason };
    f.send(bye, BOB_UA, ALICE_UA, 67_600);
    f.send(responseTo(bye, '200 OK'), ALICE_UA, BOB_UA, 67_620);
  }
  return f.records;
}
