import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../correlate/correlator.ts';
import type { SettledGroup } from '../correlate/correlationSink.ts';
import { answeredWith200Retransmissions, directCall, proxyCancel, proxyWithRecordRoute, statelessProxyBusy } from '../correlate/testFlows.ts';
import { b2buaCall, forkedCall, holdAndResume, natCall, registerTooBrief, registerWithDigest } from '../correlate/testFlowsMore.ts';
import { testHeaderValue } from '../correlate/testRecords.ts';
import { trapezoid } from '../correlate/testScenarios.ts';
import { makeTimestamp } from '../shared/time.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { SipFacts } from '../sip/sipFacts.ts';
import { analyze } from './analyze.ts';
import { StreamingSummary } from './streamingSummary.ts';
import { summarize } from './summarize.ts';

const FLOWS: readonly (() => MessageRecord[])[] = [
  trapezoid, proxyWithRecordRoute, proxyCancel, statelessProxyBusy, answeredWith200Retransmissions, registerWithDigest,
  registerTooBrief, natCall, forkedCall, () => b2buaCall(true), () => b2buaCall(false), holdAndResume,
  () => directCall({ final: '302 Moved Temporarily', provisional: ['180 Ringing'] }),
  () => directCall({ final: '486 Busy Here', provisional: ['183 Session Progress'] }),
  () => directCall({ final: '200 OK', provisional: ['180 Ringing'], finalSdp: ['v=0', 'c=IN IP4 10.0.0.2', 'm=audio 5000 RTP/AVP 0'] }),
  () => directCall({ final: '487 Request Terminated', provisional: ['180 Ringing'], reason: 'Q.850;cause=16' }),
  () => directCall({ final: '603 Decline' }),
];

/** One flow placed in a longer capture: shifted in time, its Call-IDs renamed (or not, to reuse them). */
interface Placement {
  flow: number;
  atMs: number;
  callIdSuffix: string;
  /** Every other message dropped from here on (a capture that loses packets). */
  dropFrom: number;
}

const originals = new WeakMap<MessageRecord, MessageRecord>();
const headerValue = (record: MessageRecord, name: string): string | undefined => {
  const value = testHeaderValue(originals.get(record) ?? record, name);
  return value === undefined || name.toLowerCase() === 'replaces' || name.toLowerCase() === 'refer-to' ? value : `${value}${suffixOf.get(record) ?? ''}`;
};
const suffixOf = new WeakMap<MessageRecord, string>();

function place(p: Placement): MessageRecord[] {
  const records = FLOWS[p.flow]!();
  return records.filter((_, i) => i < p.dropFrom || i % 2 === 0).map((r) => {
    const ms = (r.timestamp.seconds - 1_000_000_000) * 1000 + r.timestamp.nanoseconds / 1e6 + p.atMs;
    const facts: SipFacts = r.facts.callId === undefined ? r.facts : { ...r.facts, callId: r.facts.callId + p.callIdSuffix };
    const copy: MessageRecord = { ...r, facts, timestamp: makeTimestamp(1_000_000_000 + Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)) };
    originals.set(copy, r);
    suffixOf.set(copy, p.callIdSuffix);
    return copy;
  });
}

/** Interleaves the placed flows by capture time (stable) and numbers the records in that order. */
function capture(placements: readonly Placement[]): MessageRecord[] {
  const all = placements.flatMap(place);
  const ms = (r: MessageRecord) => r.timestamp.seconds * 1000 + r.timestamp.nanoseconds / 1e6;
  return all.map((r, i) => ({ r, i })).sort((a, b) => ms(a.r) - ms(b.r) || a.i - b.i).map(({ r }, index) => {
    const copy = { ...r, index, frame: index + 1, frames: [index + 1] };
    originals.set(copy, originals.get(r) ?? r);
    suffixOf.set(copy, suffixOf.get(r) ?? '');
    return copy;
  });
}

function batchSummary(records: readonly MessageRecord[]): unknown {
  const c = new Correlator({ headerValue });
  c.addAll(records);
  const model = c.finish();
  return summarize(model, analyze(model, (i) => records[i]));
}

function streamedSummary(records: readonly MessageRecord[], chunk: number): { summary: unknown; settledEarly: number } {
  const sink = new StreamingSummary();
  let settledEarly = 0;
  let ended = false;
  const counting = {
    issue: sink.issue.bind(sink),
    record: sink.record.bind(sink),
    settled: (s: SettledGroup) => {
      if (!ended) settledEarly++;
      sink.settled(s);
    },
  };
  const c = new Correlator({ headerValue, sink: counting });
  for (let i = 0; i < records.length; i += chunk) c.addAll(records.slice(i, i + chunk));
  ended = true;
  return { summary: sink.finish(c.finishStream()), settledEarly };
}

const placement = fc.record({
  flow: fc.integer({ min: 0, max: FLOWS.length - 1 }),
  atMs: fc.integer({ min: 0, max: 3_000_000 }),
  callIdSuffix: fc.constantFrom('', '-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-i', '-j', '-k'),
  dropFrom: fc.constantFrom(1000, 1000, 1000, 3, 6),
});

describe('StreamingSummary', () => {
  it('counts what summarize(analyze(model)) counts for a short trace held whole', () => {
    for (const flow of FLOWS) {
      const records = capture([{ flow: FLOWS.indexOf(flow), atMs: 0, callIdSuffix: '', dropFrom: 1000 }]);
      expect(streamedSummary(records, 7).summary).toEqual(batchSummary(records));
    }
  });

  it('counts the same on long captures where calls settle and are forgotten mid-stream, Call-IDs reused hours later', () => {
    fc.assert(fc.property(fc.array(placement, { minLength: 20, maxLength: 90 }), fc.constantFrom(1, 13, 500), (placements, chunk) => {
      const records = capture(placements);
      const streamed = streamedSummary(records, chunk);
      expect(streamed.summary).toEqual(batchSummary(records));
    }), { numRuns: 60 });
  });

  it('really forgets settled calls before the end of a long capture, and counts Call-IDs that come back', () => {
    // Sweeps come every 16,384 records (liveTransactions.ts): 2,000 calls of ~12 messages, one every 2 s, each
    // Call-ID used again 760 s later (long after it settled).
    const placements = Array.from({ length: 2000 }, (_, i) => ({
      flow: i % FLOWS.length, atMs: i * 2000, callIdSuffix: `-${Math.floor(i / FLOWS.length) % 20}`, dropFrom: i % 7 === 0 ? 4 : 1000,
    }));
    const records = capture(placements);
    const streamed = streamedSummary(records, 500);
    expect(streamed.settledEarly).toBeGreaterThan(300);
    expect(streamed.summary).toEqual(batchSummary(records));
  });
});
