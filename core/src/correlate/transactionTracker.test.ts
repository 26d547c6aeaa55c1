import { describe, expect, it } from 'vitest';
import type { Issue } from '../shared/issue.ts';
import { diffMs } from '../shared/time.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { formatEndpoint } from '../shared/endpoint.ts';
import { answeredWith200Retransmissions, directCall, proxyCancel } from './testFlows.ts';
import { audioSdp, responseTo, sipText, type MessageSpec } from './testMessages.ts';
import { TestTrace } from './testRecords.ts';
import { DEFAULT_TRACKER_OPTIONS, TransactionTracker, type Tracked } from './transactionTracker.ts';

function run(records: readonly MessageRecord[], options = DEFAULT_TRACKER_OPTIONS) {
  const issues: { index: number; issue: Issue }[] = [];
  const tracker = new TransactionTracker(options, (index, issue) => issues.push({ index, issue }));
  const base = records[0]!.timestamp;
  const tracked: Tracked[] = records.map((r) => ({ ...tracker.track(r, formatEndpoint(r.src), formatEndpoint(r.dst), diffMs(base, r.timestamp)) }));
  tracker.finish(diffMs(base, records[records.length - 1]!.timestamp));
  return { transactions: tracker.transactions, tracked, issues, codes: issues.map((i) => i.issue.code) };
}

const A = '10.0.0.1:5060';
const B = '10.0.0.2:5060';
const invite: MessageSpec = {
  start: 'INVITE sip:bob@10.0.0.2', via: ['10.0.0.1:5060;branch=z9hG4bK-t1'], maxForwards: 70,
  from: '<sip:alice@x>;tag=a1', to: '<sip:bob@x>', callId: 'tt-1', cseq: '1 INVITE', sdp: audioSdp('10.0.0.1', 4000, [0]),
};

describe('TransactionTracker', () => {
  it('folds INVITE retransmissions into one transaction and links responses to the first transmission', () => {
    const t = new TestTrace();
    t.add(sipText(invite), { src: A, dst: B, atMs: 0 });
    t.add(sipText(invite), { src: A, dst: B, atMs: 500 });
    t.add(sipText(invite), { src: A, dst: B, atMs: 1500 });
    t.add(sipText(responseTo(invite, '180 Ringing', { toTag: 'b1' })), { src: B, dst: A, atMs: 1600 });
    const { transactions, tracked } = run(t.records);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]!.requestRetransmissions).toBe(2);
    expect(tracked.map((x) => x.retransmissionOf)).toEqual([-1, 0, 0, -1]);
    expect(tracked[3]!.requestFrame).toBe(1);
    expect(transactions[0]!.firstResponseMs).toBe(1600);
  });

  it('counts a 2xx retransmitted until the ACK as retransmissions of one response', () => {
    const { transactions, tracked } = run(answeredWith200Retransmissions());
    const inviteTx = transactions.find((x) => x.method === 'INVITE')!;
    expect(inviteTx.responses).toHaveLength(2);
    expect(inviteTx.responseRetransmissions).toBe(3);
    expect(tracked.filter((x) => x.retransmissionOf === 2)).toHaveLength(3);
    expect(inviteTx.finalResponseMs).toBe(4000);
  });

  it('calls an identical copy within a few milliseconds a capture duplicate, not a retransmission', () => {
    const t = new TestTrace();
    t.add(sipText(invite), { src: A, dst: B, atMs: 0 });
    t.add(sipText(invite), { src: A, dst: B, atMs: 0.02 });
    const { transactions, tracked, codes } = run(t.records);
    expect(transactions[0]!.requestRetransmissions).toBe(0);
    expect(tracked[1]!.duplicateOf).toBe(0);
    expect(tracked[1]!.retransmissionOf).toBe(-1);
    expect(codes).toContain('correlate.duplicate_capture');
  });

  it('puts the ACK of a non-2xx response in the INVITE transaction and confirms it', () => {
    const { transactions, tracked } = run(directCall({ final: '486 Busy Here' }));
    expect(transactions).toHaveLength(1);
    const tx = transactions[0]!;
    expect(tx.ackIndex).toBe(3);
    expect(tx.state).toBe('confirmed');
    expect(tx.states.map((s) => s.state)).toEqual(['calling', 'proceeding', 'completed', 'confirmed']);
    expect(tracked[3]!.requestFrame).toBe(1);
  });

  it('makes the ACK of a 2xx its own transaction related to the INVITE', () => {
    const { transactions, tracked } = run(answeredWith200Retransmissions());
    const ack = transactions.find((x) => x.method === 'ACK')!;
    const inviteTx = transactions.find((x) => x.method === 'INVITE')!;
    expect(ack.relatesTo).toBe(inviteTx.id);
    expect(ack.state).toBe('terminated');
    expect(tracked[ack.requestIndex]!.requestFrame).toBe(inviteTx.requestFrame);
  });

  it('makes CANCEL its own transaction pointing at the INVITE it cancels; the 487 stays in the INVITE', () => {
    const records = proxyCancel();
    const { transactions } = run(records);
    const cancels = transactions.filter((x) => x.method === 'CANCEL');
    expect(cancels).toHaveLength(2);
    for (const c of cancels) {
      const target = transactions[c.relatesTo]!;
      expect(target.method).toBe('INVITE');
      expect(target.client).toBe(c.client);
      expect(target.finalStatus).toBe(487);
    }
  });

  it('keeps a response without its request visible as an orphan transaction', () => {
    const t = new TestTrace();
    t.add(sipText(responseTo(invite, '180 Ringing', { toTag: 'b1' })), { src: B, dst: A, atMs: 0 });
    t.add(sipText(responseTo(invite, '200 OK', { toTag: 'b1' })), { src: B, dst: A, atMs: 10 });
    const { transactions, tracked, codes } = run(t.records);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]!.requestIndex).toBe(-1);
    expect(transactions[0]!.client).toBe(A);
    expect(tracked.map((x) => x.requestFrame)).toEqual([-1, -1]);
    expect(codes).toEqual(['correlate.response_without_request']);
  });

  it('reports an ACK whose INVITE was never seen', () => {
    const t = new TestTrace();
    t.add(sipText({ ...invite, start: 'ACK sip:bob@10.0.0.2', cseq: '1 ACK', to: '<sip:bob@x>;tag=b1', sdp: undefined } as MessageSpec), { src: A, dst: B, atMs: 0 });
    expect(run(t.records).codes).toEqual(['correlate.ack_without_invite']);
  });

  it('matches RFC 2543 peers by Call-ID, CSeq, From tag and top Via', () => {
    const old: MessageSpec = { ...invite, via: ['10.0.0.1:5060'] };
    const t = new TestTrace();
    t.add(sipText(old), { src: A, dst: B, atMs: 0 });
    const busy = responseTo(old, '486 Busy Here', { toTag: 'b1' });
    t.add(sipText(busy), { src: B, dst: A, atMs: 100 });
    t.add(sipText({ ...old, start: 'ACK sip:bob@10.0.0.2', cseq: '1 ACK', to: busy.to, sdp: undefined } as MessageSpec), { src: A, dst: B, atMs: 110 });
    const { transactions, codes } = run(t.records);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]!.matching).toBe('rfc2543');
    expect(transactions[0]!.ackIndex).toBe(2);
    expect(codes).toEqual(['correlate.branch_without_cookie']);
  });

  it('keeps one transaction per hop when the same request crosses two hops unchanged', () => {
    const t = new TestTrace();
    const P = '10.0.0.9:5060';
    t.add(sipText(invite), { src: A, dst: P, atMs: 0 });
    t.add(sipText(invite), { src: P, dst: B, atMs: 1 });
    t.add(sipText(responseTo(invite, '200 OK', { toTag: 'b1' })), { src: B, dst: P, atMs: 50 });
    t.add(sipText(responseTo(invite, '200 OK', { toTag: 'b1' })), { src: P, dst: A, atMs: 51 });
    const { transactions, tracked } = run(t.records);
    expect(transactions).toHaveLength(2);
    expect(tracked.map((x) => x.runtime?.tx.id)).toEqual([0, 1, 1, 0]);
    expect(tracked.map((x) => x.requestFrame)).toEqual([-1, -1, 2, 1]);
  });

  it('matches a response sent from another address of the server, with a note', () => {
    const t = new TestTrace();
    t.add(sipText(invite), { src: A, dst: B, atMs: 0 });
    t.add(sipText(responseTo(invite, '100 Trying')), { src: '10.0.0.3:5060', dst: A, atMs: 5 });
    const { transactions, codes } = run(t.records);
    expect(transactions).toHaveLength(1);
    expect(codes).toEqual(['correlate.response_from_unexpected_address']);
  });

  it('derives terminations from elapsed capture time (Timer J over UDP, none needed over TCP)', () => {
    const options: MessageSpec = { start: 'OPTIONS sip:b@x', via: ['10.0.0.1;branch=z9hG4bK-o1'], from: '<sip:a@x>;tag=1', to: '<sip:b@x>', callId: 'o1', cseq: '1 OPTIONS' };
    const later: MessageSpec = { ...options, via: ['10.0.0.1;branch=z9hG4bK-o2'], callId: 'o2' };
    const t = new TestTrace();
    t.add(sipText(options), { src: A, dst: B, atMs: 0 });
    t.add(sipText(responseTo(options, '200 OK', { toTag: 'x' })), { src: B, dst: A, atMs: 10 });
    t.add(sipText(later), { src: A, dst: B, atMs: 40_000 });
    const udp = run(t.records).transactions[0]!;
    expect(udp.states.map((s) => [s.state, s.index])).toEqual([['trying', 0], ['completed', 1], ['terminated', -1]]);
    expect(diffMs(t.records[0]!.timestamp, udp.states[2]!.timestamp)).toBe(32_010);
    const tcp = run(t.records.slice(0, 2).map((r) => ({ ...r, transport: 'tcp' as const }))).transactions[0]!;
    expect(tcp.state).toBe('terminated');
  });

  it('gives up an INVITE without any response after 64·T1 (Timer B)', () => {
    const t = new TestTrace();
    t.add(sipText(invite), { src: A, dst: B, atMs: 0 });
    t.add(sipText({ ...invite, callId: 'other', via: ['10.0.0.1:5060;branch=z9hG4bK-t9'] }), { src: A, dst: B, atMs: 33_000 });
    expect(run(t.records).transactions[0]!.state).toBe('terminated');
  });

  it('retires finished transactions by capture time so a much later reuse of the key starts a new one', () => {
    const t = new TestTrace();
    const options: MessageSpec = { start: 'OPTIONS sip:b@x', via: ['10.0.0.1;branch=z9hG4bK-same'], from: '<sip:a@x>;tag=1', to: '<sip:b@x>', callId: 'ka', cseq: '1 OPTIONS' };
    t.add(sipText(options), { src: A, dst: B, atMs: 0 });
    t.add(sipText(responseTo(options, '200 OK', { toTag: 'x' })), { src: B, dst: A, atMs: 10 });
    for (let i = 0; i < 300; i++) {
      const filler = { ...options, via: [`10.0.0.1;branch=z9hG4bK-f${i}`], callId: `f${i}` };
      t.add(sipText(filler), { src: A, dst: B, atMs: 100 + i * 300 });
    }
    t.add(sipText(options), { src: A, dst: B, atMs: 100_000 });
    const { transactions, tracked } = run(t.records);
    expect(transactions).toHaveLength(302);
    expect(tracked[tracked.length - 1]!.created).toBe(true);
    expect(tracked[tracked.length - 1]!.retransmissionOf).toBe(-1);
  });

  it('reports a message without a transaction key and tracks nothing for it', () => {
    const t = new TestTrace();
    t.add('OPTIONS sip:b@x SIP/2.0\nCall-ID: z\nCSeq: 1 OPTIONS', { src: A, dst: B, atMs: 0 });
    const { transactions, tracked, codes } = run(t.records);
    expect(transactions).toHaveLength(0);
    expect(tracked[0]!.role).toBe('none');
    expect(codes).toEqual(['correlate.no_transaction_key']);
  });
});

describe('responses sent to the Via sent-by port', () => {
  it('are matched without a note when the request came from another port (RFC 3261 §18.2.2)', () => {
    const t = new TestTrace();
    t.add(sipText(invite), { src: '10.0.0.1:40000', dst: B, atMs: 0 });
    t.add(sipText(responseTo(invite, '100 Trying')), { src: B, dst: A, atMs: 5 });
    const { transactions, codes } = run(t.records);
    expect(transactions).toHaveLength(1);
    expect(codes).toEqual([]);
  });
});
