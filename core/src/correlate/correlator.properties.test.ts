import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTimestamp } from '../shared/time.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { Correlator } from './correlator.ts';
import type { CorrelationModel } from './model.ts';
import { answeredWith200Retransmissions, directCall, proxyCancel, proxyWithRecordRoute, statelessProxyBusy } from './testFlows.ts';
import { b2buaCall, forkedCall, holdAndResume, natCall, registerWithDigest } from './testFlowsMore.ts';
import { renumber, testHeaderValue } from './testRecords.ts';
import { trapezoid } from './testScenarios.ts';

const FLOWS: readonly (() => MessageRecord[])[] = [
  trapezoid, proxyWithRecordRoute, proxyCancel, statelessProxyBusy, answeredWith200Retransmissions, registerWithDigest,
  natCall, forkedCall, () => b2buaCall(false), holdAndResume, () => directCall({ final: '302 Moved Temporarily', provisional: ['180 Ringing'] }),
];

function correlate(records: readonly MessageRecord[], chunk = records.length): CorrelationModel {
  const c = new Correlator({ headerValue: testHeaderValue });
  for (let i = 0; i < records.length; i += chunk) c.addAll(records.slice(i, i + chunk));
  return c.finish();
}

function describeRecord(r: MessageRecord | undefined): string {
  if (r === undefined) return '-';
  const f = r.facts;
  return `${f.method ?? f.statusCode} ${f.cseqNumber} ${f.vias.length} ${f.to?.tag ?? ''}`;
}

/** Everything found, with record indices replaced by what the records say (indices change with order). */
function signature(model: CorrelationModel, records: readonly MessageRecord[], counts: boolean): unknown {
  const at = (i: number) => describeRecord(records[i]);
  const transactions = model.transactions.map((t) => [
    t.key, t.client, t.server, t.method, at(t.requestIndex), t.responses.map(at).sort().join(','), at(t.ackIndex),
    t.finalStatus, t.state, t.parent >= 0 ? model.transactions[t.parent]!.key : '-', counts ? `${t.requestRetransmissions}/${t.responseRetransmissions}` : '',
  ].join(' | ')).sort();
  const logical = model.logicalTransactions.map((l) => `${l.method} ${l.cseqNumber} ${l.hops.map((h) => model.transactions[h]!.key).join(',')}`).sort();
  const dialogs = model.dialogs.map((d) => [d.callId, d.caller.tag, d.callee.tag, d.state, d.termination ?? '', d.forked, d.requests.length].join(' ')).sort();
  const calls = model.calls.map((c) => [c.legs.map((l) => l.callId).sort().join('+'), c.links.map((l) => l.rule).join(',')].join(' ')).sort();
  const usages = model.usages.map((u) => `${u.callId} ${u.kind} ${u.registration?.outcome ?? ''}`).sort();
  const nodes = model.nodes.map((n) => `${[...n.endpoints].sort().join(',')} ${n.role}`).sort();
  return { transactions, logical, dialogs, calls, usages, nodes };
}

/** Coarsens timestamps to `bucketMs` so that neighbours tie, keeping capture order between buckets. */
function coarsen(records: readonly MessageRecord[], bucketMs: number): MessageRecord[] {
  return records.map((r) => {
    const ms = r.timestamp.seconds * 1000 + r.timestamp.nanoseconds / 1e6;
    const bucket = Math.floor(ms / bucketMs) * bucketMs;
    return { ...r, timestamp: makeTimestamp(Math.floor(bucket / 1000), Math.round((bucket % 1000) * 1e6)) };
  });
}

/** Applies `keys` as a sort key inside each run of equal timestamps (a permutation within ties). */
function shuffleTies(records: readonly MessageRecord[], keys: readonly number[]): MessageRecord[] {
  const out: MessageRecord[] = [];
  let start = 0;
  for (let i = 1; i <= records.length; i++) {
    const same = i < records.length && records[i]!.timestamp.seconds === records[start]!.timestamp.seconds
      && records[i]!.timestamp.nanoseconds === records[start]!.timestamp.nanoseconds;
    if (same) continue;
    const group = records.slice(start, i).map((r, j) => ({ r, k: keys[(start + j) % keys.length]! }));
    group.sort((a, b) => a.k - b.k);
    out.push(...group.map((g) => g.r));
    start = i;
  }
  return out;
}

/** Slows a flow down ×10 and resends the chosen messages 6 ms after the originals (beyond the duplicate window). */
function withRetransmissions(records: readonly MessageRecord[], picks: readonly boolean[]): MessageRecord[] {
  const out: MessageRecord[] = [];
  records.forEach((r, i) => {
    const ms = (r.timestamp.seconds - 1_000_000_000) * 1000 + r.timestamp.nanoseconds / 1e6;
    const slow = { ...r, timestamp: makeTimestamp(1_000_000_000, Math.round(ms * 10 * 1e6)) };
    out.push(slow);
    if (picks[i % picks.length]) out.push({ ...slow, timestamp: makeTimestamp(1_000_000_000, Math.round((ms * 10 + 6) * 1e6)) });
  });
  return renumber(out);
}

describe('correlation is a function of content and capture time', () => {
  it('finds the same transactions, dialogs and calls whatever the order within equal timestamps', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: FLOWS.length - 1 }),
      fc.constantFrom(1, 50, 1000, 100_000),
      fc.array(fc.integer(), { minLength: 1, maxLength: 64 }),
      (flow, bucketMs, keys) => {
        const base = renumber(coarsen(FLOWS[flow]!(), bucketMs));
        const shuffled = renumber(shuffleTies(base, keys));
        expect(signature(correlate(shuffled), shuffled, true)).toEqual(signature(correlate(base), base, true));
      },
    ), { numRuns: 200 });
  });

  it('finds the same transactions, dialogs and calls when messages are retransmitted', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: FLOWS.length - 1 }),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
      (flow, picks) => {
        const plain = withRetransmissions(FLOWS[flow]!(), [false]);
        const resent = withRetransmissions(FLOWS[flow]!(), picks);
        const model = correlate(resent);
        expect(signature(model, resent, false)).toEqual(signature(correlate(plain), plain, false));
        const folded = (m: CorrelationModel) => m.columns.retransmissionOf.filter((x) => x >= 0).length;
        expect(folded(model) - folded(correlate(plain))).toBe(resent.length - plain.length);
      },
    ), { numRuns: 150 });
  });

  it('gives an identical model however the records are chunked', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: FLOWS.length - 1 }),
      fc.integer({ min: 1, max: 7 }),
      (flow, chunk) => {
        const records = FLOWS[flow]!();
        expect(JSON.stringify(correlate(records, chunk))).toBe(JSON.stringify(correlate(records)));
      },
    ), { numRuns: 60 });
  });

  it('produces JSON that survives a round trip', () => {
    const model = correlate(trapezoid());
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});
