import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { Correlator, type CorrelatorOptions } from './correlator.ts';
import { numbersMatch } from './legLinker.ts';
import type { CorrelationModel } from './model.ts';
import { directCall, Flow, proxyCancel, proxyWithRecordRoute } from './testFlows.ts';
import { b2buaCall } from './testFlowsMore.ts';
import { audioSdp, responseTo, type MessageSpec } from './testMessages.ts';
import { renumber, testHeaderValue } from './testRecords.ts';

function correlate(records: readonly MessageRecord[], options: CorrelatorOptions = {}): CorrelationModel {
  const c = new Correlator(options);
  c.addAll(records);
  return c.finish();
}

describe('call legs', () => {
  it('joins B2BUA legs by the X-Call-ID header when headers can be read', () => {
    const model = correlate(b2buaCall(), { headerValue: testHeaderValue });
    expect(model.calls).toHaveLength(1);
    const call = model.calls[0]!;
    expect(call.legs.map((l) => l.callId)).toEqual(['leg-a@10.1.0.1', 'leg-b@10.1.0.100']);
    expect(call.links).toEqual([{ from: 'leg-a@10.1.0.1', to: 'leg-b@10.1.0.100', rule: 'header:x-call-id', evidence: 'x-call-id: leg-a@10.1.0.1', index: 2 }]);
    expect(call.dialogs).toHaveLength(2);
    expect(model.columns.call.every((c) => c === 0)).toBe(true);
  });

  it('joins them by the dialled number and timing when the B2BUA adds no header', () => {
    const call = correlate(b2buaCall(false)).calls;
    expect(call).toHaveLength(1);
    expect(call[0]!.links[0]).toMatchObject({ rule: 'number-time', evidence: '+4415550100 → 015550100 within 20 ms' });
  });

  it('joins legs that carry the very same SDP media address while both are up', () => {
    const f = new Flow();
    const sdp = audioSdp('10.5.0.1', 16000, [0]);
    const a: MessageSpec = { start: 'INVITE sip:100@10.5.0.50', via: ['10.5.0.1;branch=z9hG4bK-sa'], maxForwards: 70, from: '<sip:a@x>;tag=1', to: '<sip:100@x>', callId: 'sdp-a', cseq: '1 INVITE', sdp };
    f.send(a, '10.5.0.1:5060', '10.5.0.50:5060', 0);
    f.send({ ...a, start: 'INVITE sip:alice@10.5.0.9', via: ['10.5.0.50;branch=z9hG4bK-sb'], to: '<sip:alice@x>', callId: 'sdp-b' }, '10.5.0.50:5060', '10.5.0.9:5060', 30);
    f.send(responseTo(a, '180 Ringing', { toTag: 'r' }), '10.5.0.50:5060', '10.5.0.1:5060', 60);
    const model = correlate(f.records);
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]!.links[0]).toMatchObject({ rule: 'sdp-media', evidence: 'both legs use media 10.5.0.1:16000' });
  });

  it('does not join two consecutive calls from one phone that reuses its media port', () => {
    const model = correlate(renumber([...proxyCancel(), ...shift(proxyWithRecordRoute(), 60_000)]));
    expect(model.calls).toHaveLength(2);
    expect(model.calls.every((c) => c.links.length === 0)).toBe(true);
  });

  it('keeps unrelated calls apart', () => {
    const model = correlate(renumber([...directCall({ final: '486 Busy Here', callId: 'x1' }), ...shift(directCall({ final: '200 OK', callId: 'x2' }), 100)]));
    expect(model.calls.map((c) => c.legs.map((l) => l.callId))).toEqual([['x1'], ['x2']]);
  });
});

function shift(records: readonly MessageRecord[], ms: number): MessageRecord[] {
  return records.map((r) => ({ ...r, timestamp: { seconds: r.timestamp.seconds + Math.floor(ms / 1000), nanoseconds: r.timestamp.nanoseconds } }));
}

describe('numbersMatch', () => {
  it('matches one number in national and international notation, and short extensions only exactly', () => {
    expect(numbersMatch('+4415550100', '015550100')).toBe(true);
    expect(numbersMatch('309', '309')).toBe(true);
    expect(numbersMatch('1309', '309')).toBe(false);
    expect(numbersMatch('alice', 'bob')).toBe(false);
    expect(numbersMatch('', '')).toBe(false);
  });
});

describe('calls of groups (streamed correlation)', () => {
  const noSink = { issue: () => undefined, record: () => undefined, settled: () => undefined };

  for (const [name, flow] of [['header-linked B2BUA legs', () => b2buaCall()], ['number-linked B2BUA legs', () => b2buaCall(false)], ['a proxied call', proxyWithRecordRoute], ['a cancelled call', proxyCancel]] as const) {
    it(`numbers the calls of ${name} as the model does, without building them`, () => {
      const records = flow();
      const model = correlate(records, { headerValue: testHeaderValue });
      const streamed = new Correlator({ headerValue: testHeaderValue, sink: noSink });
      streamed.addAll(records);
      const end = streamed.finishStream();
      expect(end.calls).toBe(model.calls.length);
      for (const call of model.calls) {
        for (const leg of call.legs) {
          const group = end.groups.find((g) => g.callId === leg.callId)!;
          expect(end.callOfGroup[group.id]).toBe(call.id);
        }
      }
    });
  }
});
