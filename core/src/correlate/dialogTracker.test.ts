import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { Correlator } from './correlator.ts';
import type { CorrelationModel } from './model.ts';
import { directCall, Flow, proxyWithRecordRoute } from './testFlows.ts';
import { forkedCall, holdAndResume } from './testFlowsMore.ts';
import { responseTo, type MessageSpec } from './testMessages.ts';
import { trapezoid } from './testScenarios.ts';

function correlate(records: readonly MessageRecord[]): CorrelationModel {
  const c = new Correlator();
  c.addAll(records);
  return c.finish();
}

const A = '10.9.0.1:5060';
const B = '10.9.0.2:5060';
const base = { from: '<sip:a@d>;tag=fa', callId: 'dlg-1' };

function answered(f: Flow): { invite: MessageSpec; ok: MessageSpec } {
  const invite = f.send({ start: 'INVITE sip:b@10.9.0.2', via: ['10.9.0.1;branch=z9hG4bK-d0'], maxForwards: 70, ...base, to: '<sip:b@d>', cseq: '10 INVITE', contact: '<sip:a@10.9.0.1>' }, A, B, 0);
  const ok = f.send(responseTo(invite, '200 OK', { toTag: 'tb', contact: '<sip:b@10.9.0.2>' }), B, A, 100);
  f.send({ start: 'ACK sip:b@10.9.0.2', via: ['10.9.0.1;branch=z9hG4bK-d1'], maxForwards: 70, ...base, to: ok.to, cseq: '10 ACK' }, A, B, 110);
  return { invite, ok };
}

function inDialog(ok: MessageSpec, method: string, cseq: number, branch: string, fromCaller = true): MessageSpec {
  const [from, to] = fromCaller ? [base.from, ok.to] : [ok.to, base.from];
  return { start: `${method} sip:x@10.9.0.${fromCaller ? 2 : 1}`, via: [`10.9.0.${fromCaller ? 1 : 2};branch=${branch}`], maxForwards: 70, from, to, callId: base.callId, cseq: `${cseq} ${method}` };
}

describe('DialogTracker', () => {
  it('follows the §24.2 dialog from early (180) to confirmed (200) to terminated (callee BYE)', () => {
    const [dialog, ...others] = correlate(trapezoid()).dialogs;
    expect(others).toHaveLength(0);
    expect(dialog).toMatchObject({
      state: 'terminated', createdIndex: 5, confirmedIndex: 8, terminatedIndex: 13, termination: 'bye',
      terminatedByCaller: false, forked: false, initialTransaction: 0,
      caller: { tag: '1928301774', uri: 'sip:alice@atlanta.com' },
      callee: { tag: 'a6c85cf', contact: 'sip:bob@192.0.2.4', lastCseq: 231 },
    });
    expect(dialog!.requests.map((r) => [r.index, r.label, r.fromCaller])).toEqual([[0, 'initial', true], [11, 'ACK', true], [12, 'BYE', false]]);
  });

  it('annotates every message of the call with its dialog, the INVITE hops and the 100 Trying included', () => {
    const model = correlate(trapezoid());
    expect(model.columns.dialog.every((d) => d === 0)).toBe(true);
    expect(model.transactions.every((t) => t.dialog === 0)).toBe(true);
  });

  it('keeps the Record-Route set: as received for the callee, reversed for the caller', () => {
    const f = new Flow();
    const invite = f.send({ start: 'INVITE sip:b@10.9.0.2', via: ['10.9.0.7;branch=z9hG4bK-rr1', '10.9.0.1;branch=z9hG4bK-rr0'], maxForwards: 68, ...base, to: '<sip:b@d>', cseq: '1 INVITE', recordRoute: ['<sip:p2;lr>', '<sip:p1;lr>'] }, '10.9.0.7:5060', B, 0);
    f.send(responseTo(invite, '200 OK', { toTag: 'tb' }), B, '10.9.0.7:5060', 10);
    const [dialog] = correlate(f.records).dialogs;
    expect(dialog!.callee.routeSet).toEqual(['<sip:p2;lr>', '<sip:p1;lr>']);
    expect(dialog!.caller.routeSet).toEqual(['<sip:p1;lr>', '<sip:p2;lr>']);
    const [seedDialog] = correlate(proxyWithRecordRoute()).dialogs;
    expect(seedDialog!.caller.routeSet).toEqual(['<sip:192.168.1.15;lr=on;ftag=fce371520693b722>']);
    expect(seedDialog!.requests.map((r) => r.label)).toEqual(['initial', 'ACK', 'INFO (application/dtmf-relay)', 'INFO (application/dtmf-relay)', 'BYE']);
  });

  it('makes one dialog per To tag when the INVITE forks; the cancelled branch ends as cancelled', () => {
    const dialogs = correlate(forkedCall()).dialogs;
    expect(dialogs.map((d) => [d.callee.tag, d.state, d.termination ?? null, d.forked])).toEqual([
      ['desk', 'confirmed', null, true], ['mob', 'terminated', 'cancelled', true],
    ]);
  });

  it('ends the early dialog of a rejected INVITE', () => {
    const [dialog] = correlate(directCall({ final: '486 Busy Here', provisional: ['180 Ringing'] })).dialogs;
    expect(dialog).toMatchObject({ state: 'terminated', termination: 'rejected', confirmedIndex: -1, terminatedIndex: 3 });
  });

  it('creates no dialog for an INVITE rejected without a provisional To tag', () => {
    const model = correlate(directCall({ final: '603 Decline' }));
    expect(model.dialogs).toHaveLength(0);
    expect(model.calls).toHaveLength(1);
  });

  it('flags a CSeq going backwards from one side', () => {
    const f = new Flow();
    const { ok } = answered(f);
    f.send(inDialog(ok, 'INFO', 12, 'z9hG4bK-c1'), A, B, 200);
    f.send(inDialog(ok, 'INFO', 11, 'z9hG4bK-c2'), A, B, 300);
    f.send(inDialog(ok, 'INFO', 1, 'z9hG4bK-c3', false), B, A, 400);
    const [dialog] = correlate(f.records).dialogs;
    expect(dialog!.issues.map((i) => [i.code, i.value])).toEqual([['correlate.cseq_backwards', '11 after 12']]);
  });

  it('flags a BYE before the answer and a request after BYE', () => {
    const f = new Flow();
    const invite = f.send({ start: 'INVITE sip:b@10.9.0.2', via: ['10.9.0.1;branch=z9hG4bK-e0'], maxForwards: 70, ...base, to: '<sip:b@d>', cseq: '10 INVITE' }, A, B, 0);
    const ringing = f.send(responseTo(invite, '180 Ringing', { toTag: 'tb' }), B, A, 50);
    f.send(inDialog(ringing, 'BYE', 11, 'z9hG4bK-e1'), A, B, 100);
    f.send(inDialog(ringing, 'INFO', 12, 'z9hG4bK-e2'), A, B, 200);
    const [dialog] = correlate(f.records).dialogs;
    expect(dialog!.issues.map((i) => i.code)).toEqual(['correlate.bye_before_answer', 'correlate.request_after_bye']);
    expect(dialog!.state).toBe('terminated');
  });

  it('picks up a dialog whose creation was not captured', () => {
    const f = new Flow();
    const bye: MessageSpec = { start: 'BYE sip:b@10.9.0.2', via: ['10.9.0.1;branch=z9hG4bK-m1'], maxForwards: 70, ...base, to: '<sip:b@d>;tag=tb', cseq: '20 BYE' };
    f.send(bye, A, B, 0);
    f.send(responseTo(bye, '200 OK'), B, A, 10);
    const model = correlate(f.records);
    expect(model.dialogs[0]).toMatchObject({ state: 'terminated', initialTransaction: -1, termination: 'bye' });
    expect(model.issues.map((i) => i.issue.code)).toEqual(['correlate.dialog_midstream']);
  });

  it('ends a dialog on 481 to an in-dialog request', () => {
    const f = new Flow();
    const { ok } = answered(f);
    const info = f.send(inDialog(ok, 'INFO', 11, 'z9hG4bK-x1'), A, B, 200);
    f.send(responseTo(info, '481 Call/Transaction Does Not Exist'), B, A, 210);
    expect(correlate(f.records).dialogs[0]).toMatchObject({ state: 'terminated', termination: '481' });
  });

  it('labels re-INVITEs and refreshes the remote target', () => {
    const [dialog] = correlate(holdAndResume()).dialogs;
    expect(dialog!.requests.map((r) => r.label)).toEqual(['initial', 'ACK', 're-INVITE', 'ACK', 're-INVITE', 'ACK', 'BYE']);
    expect(dialog!.terminatedByCaller).toBe(true);
  });
});
