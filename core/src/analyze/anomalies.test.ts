import { describe, expect, it } from 'vitest';
import { Correlator } from '../correlate/correlator.ts';
import { Flow } from '../correlate/testFlows.ts';
import { audioSdp, forwarded, popped, responseTo, type MessageSpec } from '../correlate/testMessages.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { analyze } from './analyze.ts';

function codes(records: readonly MessageRecord[]): [number, string, unknown][] {
  const c = new Correlator();
  c.addAll(records);
  const model = c.finish();
  return analyze(model, (i) => records[i]).issues.map((x) => [x.index, x.issue.code, x.issue.value]);
}

const A = '10.7.0.1:5060';
const B = '10.7.0.2:5060';
const P = '10.7.0.3:5060';
const invite: MessageSpec = {
  start: 'INVITE sip:b@10.7.0.2', via: ['10.7.0.1;branch=z9hG4bK-an1'], maxForwards: 70, from: '<sip:a@x>;tag=fa',
  to: '<sip:b@x>', callId: 'anomaly', cseq: '1 INVITE', sdp: audioSdp('10.7.0.1', 4000, [0]),
};
const later: MessageSpec = { start: 'OPTIONS sip:b@10.7.0.2', via: ['10.7.0.1;branch=z9hG4bK-late'], from: '<sip:a@x>;tag=o', to: '<sip:b@x>', callId: 'late', cseq: '1 OPTIONS' };

describe('detectAnomalies', () => {
  it('reports a 2xx never acknowledged once the capture has gone on past 64·T1', () => {
    const f = new Flow();
    f.send(invite, A, B, 0);
    f.send(responseTo(invite, '200 OK', { toTag: 'tb', sdp: audioSdp('10.7.0.2', 5000, [0]) }), B, A, 100);
    f.send(later, A, B, 40_000);
    expect(codes(f.records)).toEqual([[1, 'analyze.missing_ack', undefined]]);
    expect(codes(f.records.slice(0, 2))).toEqual([]);
  });

  it('reports a retransmission storm and an INVITE no one answered', () => {
    const f = new Flow();
    for (let i = 0; i < 8; i++) f.send(invite, A, B, i * 1000);
    f.send(later, A, B, 40_000);
    expect(codes(f.records)).toEqual([[0, 'analyze.retransmission_storm', 7], [0, 'analyze.invite_unanswered', undefined]]);
  });

  it('reports 481, 482 and 483 once, on the first hop, and a request sent with Max-Forwards 0', () => {
    const f = new Flow();
    const tooFar = f.send({ ...invite, maxForwards: 1 }, A, P, 0);
    const out = f.send(forwarded(tooFar, '10.7.0.3;branch=z9hG4bK-an2'), P, B, 10);
    f.send(popped(f.send(responseTo(out, '483 Too Many Hops', { toTag: 'x' }), B, P, 20)), P, A, 30);
    const bye: MessageSpec = { start: 'BYE sip:b@10.7.0.2', via: ['10.7.0.1;branch=z9hG4bK-an3'], maxForwards: 70, from: '<sip:a@x>;tag=fa', to: '<sip:b@x>;tag=gone', callId: 'anomaly-2', cseq: '2 BYE' };
    f.send(bye, A, B, 50);
    f.send(responseTo(bye, '481 Call/Transaction Does Not Exist'), B, A, 60);
    const looped = { ...later, via: ['10.7.0.1;branch=z9hG4bK-an4'], callId: 'loop' };
    f.send(looped, A, B, 70);
    f.send(responseTo(looped, '482 Loop Detected', { toTag: 'l' }), B, A, 80);
    expect(codes(f.records)).toEqual([
      [1, 'analyze.max_forwards_exhausted', 0], [3, 'analyze.too_many_hops', 483],
      [5, 'analyze.call_leg_does_not_exist', 481], [7, 'analyze.loop_detected', 482],
    ]);
  });

  it('reports SDP in an ACK when no offer was pending', () => {
    const f = new Flow();
    f.send(invite, A, B, 0);
    const ok = f.send(responseTo(invite, '200 OK', { toTag: 'tb', sdp: audioSdp('10.7.0.2', 5000, [0]) }), B, A, 100);
    f.send({ start: 'ACK sip:b@10.7.0.2', via: ['10.7.0.1;branch=z9hG4bK-an5'], maxForwards: 70, from: invite.from, to: ok.to, callId: invite.callId, cseq: '1 ACK', sdp: audioSdp('10.7.0.1', 4000, [0]) }, A, B, 110);
    expect(codes(f.records)).toEqual([[2, 'analyze.sdp_answer_without_offer', undefined]]);
  });

  it('accepts the answer in the ACK when the offer came in the 2xx', () => {
    const f = new Flow();
    const bare = { ...invite };
    delete (bare as { sdp?: unknown }).sdp;
    f.send(bare, A, B, 0);
    const ok = f.send(responseTo(bare, '200 OK', { toTag: 'tb', sdp: audioSdp('10.7.0.2', 5000, [0, 8]) }), B, A, 100);
    f.send({ start: 'ACK sip:b@10.7.0.2', via: ['10.7.0.1;branch=z9hG4bK-an6'], maxForwards: 70, from: invite.from, to: ok.to, callId: invite.callId, cseq: '1 ACK', sdp: audioSdp('10.7.0.1', 4000, [8]) }, A, B, 110);
    const c = new Correlator();
    c.addAll(f.records);
    const analysis = analyze(c.finish(), (i) => f.records[i]);
    expect(analysis.issues).toEqual([]);
    expect(analysis.calls[0]).toMatchObject({ codecs: ['PCMA/8000'], callerMedia: { port: 4000 }, calleeMedia: { port: 5000 } });
  });

  it('reports a Content-Length that does not match a UDP body, unless the SIP stage already did', () => {
    const f = new Flow();
    f.send(later, A, B, 0);
    const [record] = f.records;
    const lying = { ...record!, facts: { ...record!.facts, contentLength: 120, bodyLength: 0 } };
    expect(codes([lying])).toEqual([[0, 'analyze.content_length_mismatch', '120 declared, 0 carried']]);
    const flagged = { ...lying, issues: [{ code: 'sip.content_length_mismatch', severity: 'warning' as const, message: 'x' }] };
    expect(codes([flagged])).toEqual([]);
    expect(codes([{ ...lying, transport: 'tcp' as const }])).toEqual([]);
  });
});
