import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { Correlator } from './correlator.ts';
import { hopAnnotation } from './hopAnnotation.ts';
import type { CorrelationModel, HopAnnotation } from './model.ts';
import { proxyCancel, proxyWithRecordRoute, statelessProxyBusy } from './testFlows.ts';
import { forkedCall, natCall } from './testFlowsMore.ts';
import { forwarded, sipText, type MessageSpec } from './testMessages.ts';
import { TestTrace } from './testRecords.ts';
import { trapezoid } from './testScenarios.ts';

const recordsOf = new WeakMap<CorrelationModel, readonly MessageRecord[]>();

function correlate(records: readonly MessageRecord[]): CorrelationModel {
  const c = new Correlator();
  c.addAll(records);
  const model = c.finish();
  recordsOf.set(model, records);
  return model;
}

function hopOf(model: CorrelationModel, index: number): HopAnnotation {
  const records = recordsOf.get(model)!;
  return hopAnnotation(model, index, (i) => records[i])!;
}

describe('HopLinker', () => {
  it('links the three hops of the §24.2 INVITE into one logical transaction, upstream first', () => {
    const model = correlate(trapezoid());
    const invite = model.logicalTransactions[0]!;
    expect(invite.method).toBe('INVITE');
    expect(invite.hops).toEqual([0, 1, 2]);
    expect(model.transactions.map((t) => t.parent)).toEqual([-1, 0, 1, -1, -1]);
    // F1, F3, F5 and every response of the three hops share logical transaction 0; ACK and BYE do not.
    expect(model.columns.logicalTransaction).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2]);
    expect(model.logicalTransactions[1]).toMatchObject({ method: 'ACK', relatesTo: 0 });
  });

  it('records what each proxy changed: pushed Via, Max-Forwards, Request-URI, received', () => {
    const model = correlate(trapezoid());
    const f3 = hopOf(model, 2);
    expect(f3).toMatchObject({
      depth: 1, counterpart: 0, maxForwardsBefore: 70, maxForwardsAfter: 69,
      pushedVia: 'SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1',
    });
    expect(f3.viaStack).toHaveLength(2);
    const f5 = hopOf(model, 4);
    expect(f5).toMatchObject({ depth: 2, counterpart: 2, requestUriBefore: 'sip:bob@biloxi.com', requestUriAfter: 'sip:bob@192.0.2.4' });
    // Alice's Via got received=192.0.2.1 from the first proxy (seen in F2 and F3).
    expect(hopOf(model, 0).received).toBe('192.0.2.1');
  });

  it('pairs each response with the copy it was forwarded from and names the popped Via', () => {
    const model = correlate(trapezoid());
    expect(hopOf(model, 7)).toMatchObject({ counterpart: 6, poppedVia: expect.stringContaining('bigbox3') });
    expect(hopOf(model, 6)).toMatchObject({ counterpart: 5, poppedVia: expect.stringContaining('server10') });
    // The proxies' own 100 Trying were never forwarded.
    expect(hopOf(model, 1).counterpart).toBe(-1);
    expect(hopOf(model, 3).counterpart).toBe(-1);
  });

  it('shows the Record-Route a proxy inserts and the Route entry it consumes (loose routing)', () => {
    const records = proxyWithRecordRoute();
    const model = correlate(records);
    const inviteOut = records.findIndex((r) => r.facts.method === 'INVITE' && r.src.ip === '192.168.1.15');
    expect(hopOf(model, inviteOut).recordRouteAdded).toEqual(['<sip:192.168.1.15;lr=on;ftag=fce371520693b722>']);
    const ackIn = records.findIndex((r) => r.facts.method === 'ACK' && r.dst.ip === '192.168.1.15');
    const ackOut = records.findIndex((r) => r.facts.method === 'ACK' && r.src.ip === '192.168.1.15');
    expect(hopOf(model, ackIn).routes).toEqual(['<sip:192.168.1.15;lr=on;ftag=fce371520693b722>']);
    expect(hopOf(model, ackOut)).toMatchObject({ routes: [], routeConsumed: '<sip:192.168.1.15;lr=on;ftag=fce371520693b722>', counterpart: ackIn });
    expect(hopOf(model, ackOut).strictRouting).toBeUndefined();
  });

  it('notes strict routing when the last Route becomes the Request-URI', () => {
    const t = new TestTrace();
    const req: MessageSpec = {
      start: 'BYE sip:p1.example.com', via: ['10.0.0.1;branch=z9hG4bK-s1'], maxForwards: 70, from: '<sip:a@x>;tag=1',
      to: '<sip:b@x>;tag=2', callId: 'strict', cseq: '5 BYE', route: ['<sip:p2.example.com>', '<sip:bob@10.0.0.2>'],
    };
    t.add(sipText(req), { src: '10.0.0.1:5060', dst: '10.0.0.7:5060', atMs: 0 });
    const out = { ...forwarded(req, 'p1.example.com;branch=z9hG4bK-s2', { requestUri: 'sip:bob@10.0.0.2' }), route: ['<sip:p2.example.com>'] };
    t.add(sipText(out), { src: '10.0.0.7:5060', dst: '10.0.0.8:5060', atMs: 1 });
    const hop = hopOf(correlate(t.records), 1);
    expect(hop).toMatchObject({ strictRouting: true, routeConsumed: '<sip:bob@10.0.0.2>', requestUriAfter: 'sip:bob@10.0.0.2' });
  });

  it('shows the received and rport a proxy writes for a UA behind NAT, and the sent-by mismatch', () => {
    const model = correlate(natCall());
    expect(hopOf(model, 0)).toMatchObject({ received: '203.0.113.7', rport: 40123, sentByMismatch: true });
  });

  it('keeps a stateful proxy’s own CANCEL a request of its own (CANCEL is hop by hop), related to the cancelled INVITE', () => {
    const model = correlate(proxyCancel());
    const cancels = model.transactions.filter((t) => t.method === 'CANCEL');
    expect(cancels).toHaveLength(2);
    expect(cancels[0]!.logicalTransaction).not.toBe(cancels[1]!.logicalTransaction);
    for (const c of cancels) {
      const logical = model.logicalTransactions[c.logicalTransaction]!;
      expect(model.logicalTransactions[logical.relatesTo]!.method).toBe('INVITE');
    }
  });

  it('links the ACK a stateless proxy forwards to the caller’s ACK', () => {
    const records = statelessProxyBusy();
    const model = correlate(records);
    const ackOut = records.findIndex((r) => r.facts.method === 'ACK' && r.src.ip === '192.168.1.15');
    const ackIn = records.findIndex((r) => r.facts.method === 'ACK' && r.dst.ip === '192.168.1.15');
    expect(hopOf(model, ackOut).counterpart).toBe(ackIn);
    expect(model.transactions.filter((t) => t.method === 'INVITE').map((t) => t.ackIndex)).toEqual([ackIn, ackOut]);
  });

  it('gives a forking proxy two child hops under one parent', () => {
    const model = correlate(forkedCall());
    const invites = model.transactions.filter((t) => t.method === 'INVITE');
    expect(invites).toHaveLength(3);
    expect(invites.map((t) => t.parent)).toEqual([-1, invites[0]!.id, invites[0]!.id]);
    expect(new Set(invites.map((t) => t.logicalTransaction)).size).toBe(1);
    // Both 180s reach the caller, each paired with its own branch's copy.
    const upstreamRinging = invites[0]!.responses.map((i) => hopOf(model, i)).filter((h) => h.poppedVia !== undefined);
    expect(upstreamRinging.map((h) => h.poppedVia)).toEqual([
      expect.stringContaining('fk1'), expect.stringContaining('fk2'), expect.stringContaining('fk1'),
    ]);
  });

  it('flags a Via stack that holds the same entry twice as a loop, the same host twice as a spiral', () => {
    const t = new TestTrace();
    const looped: MessageSpec = {
      start: 'INVITE sip:x@y', via: ['10.0.0.7;branch=z9hG4bK-l1', '10.0.0.1;branch=z9hG4bK-l0', '10.0.0.7;branch=z9hG4bK-l1'],
      maxForwards: 60, from: '<sip:a@x>;tag=1', to: '<sip:b@x>', callId: 'loop', cseq: '1 INVITE',
    };
    t.add(sipText(looped), { src: '10.0.0.7:5060', dst: '10.0.0.8:5060', atMs: 0 });
    const spiral = { ...looped, via: ['10.0.0.7;branch=z9hG4bK-l2', '10.0.0.1;branch=z9hG4bK-l0', '10.0.0.7;branch=z9hG4bK-l1'], callId: 'spiral' };
    t.add(sipText(spiral), { src: '10.0.0.7:5060', dst: '10.0.0.8:5060', atMs: 1 });
    const codes = correlate(t.records).issues.map((i) => [i.index, i.issue.code]);
    expect(codes).toEqual([[0, 'correlate.via_loop'], [1, 'correlate.via_spiral']]);
  });

  it('flags a proxy that forwards without decrementing Max-Forwards', () => {
    const t = new TestTrace();
    const req: MessageSpec = { start: 'OPTIONS sip:x@y', via: ['10.0.0.1;branch=z9hG4bK-m1'], maxForwards: 70, from: '<sip:a@x>;tag=1', to: '<sip:b@x>', callId: 'mf', cseq: '1 OPTIONS' };
    t.add(sipText(req), { src: '10.0.0.1:5060', dst: '10.0.0.7:5060', atMs: 0 });
    t.add(sipText({ ...forwarded(req, '10.0.0.7;branch=z9hG4bK-m2'), maxForwards: 70 }), { src: '10.0.0.7:5060', dst: '10.0.0.8:5060', atMs: 1 });
    const model = correlate(t.records);
    expect(model.issues.map((i) => i.issue.code)).toEqual(['correlate.max_forwards_not_decremented']);
    expect(hopOf(model, 1)).toMatchObject({ maxForwardsBefore: 70, maxForwardsAfter: 70 });
  });
});
