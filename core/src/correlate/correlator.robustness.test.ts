import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/analyze.ts';
import { summarize } from '../analyze/summarize.ts';
import { makeTimestamp } from '../shared/time.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { NameAddrFacts, SipFacts, ViaFacts } from '../sip/sipFacts.ts';
import { Correlator } from './correlator.ts';
import { recordAnnotation } from './recordAnnotation.ts';

const via = fc.record({
  transport: fc.constantFrom('UDP', 'TCP', 'TLS', ''),
  host: fc.constantFrom('10.0.0.1', '10.0.0.2', 'proxy.example', '::1', ''),
  branch: fc.option(fc.constantFrom('z9hG4bK-a', 'z9hG4bK-b', 'z9hG4bK', '0', 'x'), { nil: undefined }),
  raw: fc.constant('Via: x'),
}).map((v): ViaFacts => (v.branch === undefined ? { transport: v.transport, host: v.host, raw: v.raw } : v));

const nameAddr = fc.record({
  uri: fc.constantFrom('sip:a@x', 'sip:b@y', 'tel:+441234567'),
  tag: fc.option(fc.constantFrom('t1', 't2', 't3'), { nil: undefined }),
}).map((n): NameAddrFacts => ({ ...n, uriParameters: {}, parameters: {}, raw: n.uri, ...(n.tag === undefined ? {} : { tag: n.tag }) }));

const facts = fc.record({
  kind: fc.constantFrom('request', 'response'),
  method: fc.option(fc.constantFrom('INVITE', 'ACK', 'BYE', 'CANCEL', 'REGISTER', 'OPTIONS', 'SUBSCRIBE', 'NOTIFY', 'PRACK', 'x'), { nil: undefined }),
  statusCode: fc.option(fc.constantFrom(100, 180, 183, 200, 302, 401, 407, 423, 481, 486, 487, 603, 0, 999), { nil: undefined }),
  callId: fc.option(fc.constantFrom('c1', 'c2', ''), { nil: undefined }),
  cseqNumber: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined }),
  cseqMethod: fc.option(fc.constantFrom('INVITE', 'ACK', 'BYE', 'CANCEL', 'REGISTER'), { nil: undefined }),
  vias: fc.array(via, { maxLength: 3 }),
  from: fc.option(nameAddr, { nil: undefined }),
  to: fc.option(nameAddr, { nil: undefined }),
  maxForwards: fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
}).map((f) => {
  const out: Record<string, unknown> = { kind: f.kind, vias: f.vias, contacts: [], recordRoutes: [], routes: [], reasons: [], bodyLength: 0 };
  for (const [k, v] of Object.entries(f)) if (v !== undefined && out[k] === undefined) out[k] = v;
  return out as unknown as SipFacts;
});

const records = fc.array(fc.tuple(facts, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: -5, max: 100_000 }), fc.boolean()), { maxLength: 40 })
  .map((list) => list.map(([f, s, d, ms, udp], index): MessageRecord => ({
    index, frame: index + 1, frames: [index + 1], timestamp: makeTimestamp(1_000_000 + Math.floor(ms / 1000), Math.abs(ms % 1000) * 1e6),
    src: { ip: `10.0.0.${s}`, port: 5060 }, dst: { ip: `10.0.0.${d}`, port: 5060 }, transport: udp ? 'udp' : 'tcp',
    encapsulation: [], facts: f, issues: [],
  })));

describe('correlation of hostile input', () => {
  it('never throws, whatever fields are missing, repeated or out of order, and annotates every record', () => {
    fc.assert(fc.property(records, (list) => {
      const c = new Correlator();
      c.addAll(list);
      const model = c.finish();
      const analysis = analyze(model, (i) => list[i]);
      summarize(model, analysis);
      expect(model.records).toBe(list.length);
      for (const key of Object.keys(model.columns) as (keyof typeof model.columns)[]) expect(model.columns[key]).toHaveLength(list.length);
      for (let i = 0; i < list.length; i++) recordAnnotation(model, i, (j) => list[j]);
      JSON.stringify(model);
    }), { numRuns: 400 });
  });
});
