import { describe, expect, it } from 'vitest';
import { Correlator } from '../correlate/correlator.ts';
import { answeredWith200Retransmissions, directCall, Flow, proxyCancel, proxyWithRecordRoute, statelessProxyBusy } from '../correlate/testFlows.ts';
import { audioSdp, responseTo, type MessageSpec } from '../correlate/testMessages.ts';
import { b2buaCall, forkedCall, holdAndResume, registerWithDigest } from '../correlate/testFlowsMore.ts';
import { trapezoid } from '../correlate/testScenarios.ts';
import { testHeaderValue } from '../correlate/testRecords.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { Analysis, CallAnalysis } from './analysis.ts';
import { analyze } from './analyze.ts';
import { summarize } from './summarize.ts';

function run(records: readonly MessageRecord[]): { analysis: Analysis; call: CallAnalysis } {
  const c = new Correlator({ headerValue: testHeaderValue });
  c.addAll(records);
  const model = c.finish();
  const analysis = analyze(model, (i) => records[i]);
  return { analysis, call: analysis.calls[0]! };
}

describe('call analysis', () => {
  it('summarises the §24.2 call: answered, PDD, setup time, duration, callee hung up, codec and media', () => {
    const { call } = run(trapezoid());
    expect(call).toMatchObject({
      outcome: 'answered', finalStatus: 200, reasonPhrase: 'OK', postDialDelayMs: 110, setupTimeMs: 2010,
      durationMs: 7950, hungUpBy: 'callee', codecs: ['PCMU/8000'], from: 'sip:alice@atlanta.com', to: 'sip:bob@biloxi.com',
      callerMedia: { address: '192.0.2.1', port: 49172, direction: 'sendrecv' },
      calleeMedia: { address: '192.0.2.4', port: 3456 }, messages: 14, legs: 1, holds: [],
    });
  });

  it('calls a CANCEL followed by 487 cancelled, hung up by the caller', () => {
    expect(run(proxyCancel()).call).toMatchObject({ outcome: 'cancelled', finalStatus: 487, hungUpBy: 'caller', postDialDelayMs: 50 });
  });

  it('names busy, declined, redirected, timed out and rejected calls by their final status', () => {
    const outcome = (final: string) => run(directCall({ final, provisional: ['180 Ringing'] })).call;
    expect(outcome('486 Busy Here')).toMatchObject({ outcome: 'busy', finalStatus: 486 });
    expect(outcome('600 Busy Everywhere').outcome).toBe('busy');
    expect(outcome('603 Decline').outcome).toBe('declined');
    expect(outcome('408 Request Timeout').outcome).toBe('timedOut');
    expect(outcome('488 Not Acceptable Here').outcome).toBe('rejected');
    const redirected = run(directCall({ final: '302 Moved Temporarily', contact: '<sip:voicemail@10.0.0.99>' })).call;
    expect(redirected).toMatchObject({ outcome: 'redirected', finalStatus: 302, reasonPhrase: 'Moved Temporarily' });
    expect(run(statelessProxyBusy()).call.outcome).toBe('busy');
  });

  it('reads the Q.850 Reason of the BYE and tells who hung up', () => {
    const caller = run(answeredWith200Retransmissions(true)).call;
    expect(caller).toMatchObject({
      outcome: 'answered', hungUpBy: 'caller', durationMs: 60_000, setupTimeMs: 4000, postDialDelayMs: 1200,
      codecs: ['PCMA/8000', 'telephone-event/8000'],
    });
    expect(caller.reasons).toEqual([{ protocol: 'Q.850', cause: 16, text: 'Normal call clearing', raw: 'Q.850;cause=16;text="Normal call clearing"' }]);
    expect(run(answeredWith200Retransmissions(false)).call.hungUpBy).toBe('callee');
  });

  it('reads the Reason of a rejecting final response', () => {
    const { call } = run(directCall({ final: '480 Temporarily Unavailable', reason: 'Q.850;cause=19' }));
    expect(call.reasons.map((r) => [r.protocol, r.cause])).toEqual([['Q.850', 19]]);
  });

  it('finds hold and resume from the SDP direction of re-INVITEs', () => {
    const { call } = run(holdAndResume());
    expect(call.holds).toEqual([
      { index: 3, byCaller: true, action: 'hold', direction: 'sendonly' },
      { index: 6, byCaller: true, action: 'resume', direction: 'sendrecv' },
    ]);
    expect(call.codecs).toEqual(['PCMU/8000']);
  });

  it('uses the answering branch of a forked call for media', () => {
    const { call } = run(forkedCall());
    expect(call).toMatchObject({ outcome: 'answered', calleeMedia: { address: '172.16.0.2', port: 9100 } });
  });

  it('analyses a B2BUA call from its caller leg', () => {
    const { call } = run(b2buaCall());
    expect(call).toMatchObject({ outcome: 'answered', legs: 2, callIds: ['leg-a@10.1.0.1', 'leg-b@10.1.0.100'], hungUpBy: 'caller' });
  });

  it('keeps the INFO DTMF call through the proxy as one answered call ended by the callee', () => {
    expect(run(proxyWithRecordRoute()).call).toMatchObject({ outcome: 'answered', hungUpBy: 'callee', codecs: ['G723/8000'] });
  });
});

describe('INVITE with proxy authentication', () => {
  const A = '10.6.0.1:5060';
  const P = '10.6.0.2:5060';
  function challenged(retry: boolean): MessageRecord[] {
    const f = new Flow();
    const first: MessageSpec = {
      start: 'INVITE sip:bob@example.com', via: ['10.6.0.1;branch=z9hG4bK-p1'], maxForwards: 70, from: '<sip:alice@example.com>;tag=pa',
      to: '<sip:bob@example.com>', callId: 'auth-1', cseq: '1 INVITE', sdp: audioSdp('10.6.0.1', 4000, [0]),
    };
    f.send(first, A, P, 0);
    const denied = f.send(responseTo(first, '407 Proxy Authentication Required', { toTag: 'px', headers: ['Proxy-Authenticate: Digest realm="example.com", nonce="n"'] }), P, A, 10);
    f.send({ start: 'ACK sip:bob@example.com', via: first.via, maxForwards: 70, from: first.from, to: denied.to, callId: 'auth-1', cseq: '1 ACK' }, A, P, 20);
    if (!retry) return f.records;
    const second: MessageSpec = { ...first, via: ['10.6.0.1;branch=z9hG4bK-p2'], cseq: '2 INVITE', headers: ['Proxy-Authorization: Digest username="alice"'] };
    f.send(second, A, P, 30);
    f.send(responseTo(second, '180 Ringing', { toTag: 'bb' }), P, A, 500);
    const ok = f.send(responseTo(second, '200 OK', { toTag: 'bb', sdp: audioSdp('10.6.0.9', 5000, [0]) }), P, A, 2030);
    f.send({ start: 'ACK sip:bob@10.6.0.9', via: ['10.6.0.1;branch=z9hG4bK-p3'], maxForwards: 70, from: first.from, to: ok.to, callId: 'auth-1', cseq: '2 ACK' }, A, P, 2040);
    return f.records;
  }

  it('treats the retried INVITE as a second attempt of the same call, timing from the first', () => {
    const { call, analysis } = run(challenged(true));
    expect(analysis.calls).toHaveLength(1);
    expect(call).toMatchObject({ outcome: 'answered', finalStatus: 200, postDialDelayMs: 500, setupTimeMs: 2030 });
  });

  it('calls an INVITE left at 407 rejected', () => {
    expect(run(challenged(false)).call).toMatchObject({ outcome: 'rejected', finalStatus: 407 });
  });
});

describe('summarize', () => {
  it('counts transactions, dialogs, calls, outcomes and usages', () => {
    const records = registerWithDigest();
    const c = new Correlator();
    c.addAll(records);
    const model = c.finish();
    const summary = summarize(model, analyze(model, (i) => records[i]));
    expect(summary).toMatchObject({ messages: 4, transactions: 2, logicalTransactions: 2, dialogs: 0, calls: 0, usages: { registration: 1 }, nodes: 2 });
    expect(summary.outcomes.answered).toBe(0);
    const call = run(answeredWith200Retransmissions());
    expect(call.analysis.calls).toHaveLength(1);
  });
});
