/**
 * Hand-built traces for tests: the RFC 3261 §24.2 trapezoid and smaller flows, as a capture point that
 * sees every hop would record them. Built with the test builder (no SIP parser involved).
 */
import type { MessageRecord } from '../sip/messageRecord.ts';
import { audioSdp, sipText, type MessageSpec } from './testMessages.ts';
import { TestTrace } from './testRecords.ts';

export const ALICE = '192.0.2.1:5060';
export const ATLANTA = '192.0.2.2:5060';
export const BILOXI = '192.0.2.3:5060';
export const BOB = '192.0.2.4:5060';

const DIALOG = {
  from: 'Alice <sip:alice@atlanta.com>;tag=1928301774',
  callId: 'a84b4c76e66710@pc33.atlanta.com',
};
const V_ALICE = 'pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1';
const V_ATLANTA = 'bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2';
const V_BILOXI = 'server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1';

function invite(via: string[], maxForwards: number, ruri: string, extra: Partial<MessageSpec> = {}): string {
  return sipText({
    start: `INVITE ${ruri}`, via, maxForwards, from: DIALOG.from, to: 'Bob <sip:bob@biloxi.com>',
    callId: DIALOG.callId, cseq: '314159 INVITE', contact: '<sip:alice@pc33.atlanta.com>',
    sdp: audioSdp('192.0.2.1', 49172, [0]), ...extra,
  });
}

function inviteResponse(start: string, via: string[], toTag?: string, sdp?: string[]): string {
  return sipText({
    start, via, from: DIALOG.from, to: `Bob <sip:bob@biloxi.com>${toTag ? `;tag=${toTag}` : ''}`,
    callId: DIALOG.callId, cseq: '314159 INVITE', ...(toTag ? { contact: '<sip:bob@192.0.2.4>' } : {}),
    ...(sdp ? { sdp } : {}),
  });
}

/** RFC 3261 §24.2 F1–F14: INVITE through two proxies, ACK and BYE direct, callee hangs up. */
export function trapezoid(): MessageRecord[] {
  const t = new TestTrace();
  const answer = audioSdp('192.0.2.4', 3456, [0]);
  const pAlice = V_ALICE.replace(';received=192.0.2.1', '');
  t.add(invite([pAlice], 70, 'sip:bob@biloxi.com'), { src: ALICE, dst: ATLANTA, atMs: 0 }); // F1
  t.add(inviteResponse('100 Trying', [V_ALICE]), { src: ATLANTA, dst: ALICE, atMs: 5 }); // F2
  t.add(invite([V_ATLANTA.replace(';received=192.0.2.2', ''), V_ALICE], 69, 'sip:bob@biloxi.com'), { src: ATLANTA, dst: BILOXI, atMs: 10 }); // F3
  t.add(inviteResponse('100 Trying', [V_ATLANTA, V_ALICE]), { src: BILOXI, dst: ATLANTA, atMs: 20 }); // F4
  t.add(invite([V_BILOXI, V_ATLANTA, V_ALICE], 68, 'sip:bob@192.0.2.4'), { src: BILOXI, dst: BOB, atMs: 30 }); // F5
  t.add(inviteResponse('180 Ringing', [V_BILOXI + ';received=192.0.2.3', V_ATLANTA, V_ALICE], 'a6c85cf'), { src: BOB, dst: BILOXI, atMs: 100 }); // F6
  t.add(inviteResponse('180 Ringing', [V_ATLANTA, V_ALICE], 'a6c85cf'), { src: BILOXI, dst: ATLANTA, atMs: 105 }); // F7
  t.add(inviteResponse('180 Ringing', [V_ALICE], 'a6c85cf'), { src: ATLANTA, dst: ALICE, atMs: 110 }); // F8
  t.add(inviteResponse('200 OK', [V_BILOXI + ';received=192.0.2.3', V_ATLANTA, V_ALICE], 'a6c85cf', answer), { src: BOB, dst: BILOXI, atMs: 2000 }); // F9
  t.add(inviteResponse('200 OK', [V_ATLANTA, V_ALICE], 'a6c85cf', answer), { src: BILOXI, dst: ATLANTA, atMs: 2005 }); // F10
  t.add(inviteResponse('200 OK', [V_ALICE], 'a6c85cf', answer), { src: ATLANTA, dst: ALICE, atMs: 2010 }); // F11
  t.add(sipText({
    start: 'ACK sip:bob@192.0.2.4', via: ['pc33.atlanta.com;branch=z9hG4bKnashds9'], maxForwards: 70, from: DIALOG.from,
    to: 'Bob <sip:bob@biloxi.com>;tag=a6c85cf', callId: DIALOG.callId, cseq: '314159 ACK',
  }), { src: ALICE, dst: BOB, atMs: 2050 }); // F12
  t.add(sipText({
    start: 'BYE sip:alice@pc33.atlanta.com', via: ['192.0.2.4;branch=z9hG4bKnashds10'], maxForwards: 70,
    from: 'Bob <sip:bob@biloxi.com>;tag=a6c85cf', to: 'Alice <sip:alice@atlanta.com>;tag=1928301774',
    callId: DIALOG.callId, cseq: '231 BYE',
  }), { src: BOB, dst: ALICE, atMs: 10_000 }); // F13
  t.add(sipText({
    start: '200 OK', via: ['192.0.2.4;branch=z9hG4bKnashds10'],
    from: 'Bob <sip:bob@biloxi.com>;tag=a6c85cf', to: 'Alice <sip:alice@atlanta.com>;tag=1928301774',
    callId: DIALOG.callId, cseq: '231 BYE',
  }), { src: ALICE, dst: BOB, atMs: 10_010 }); // F14
  return t.records;
}
