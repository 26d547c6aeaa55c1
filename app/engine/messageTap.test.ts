import { describe, expect, it } from 'vitest';
import { SipPipeline } from '../../core/src/pipeline/sipPipeline.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { MessageTap } from './messageTap.ts';
import { chunked, readCapture, TRAPEZOID_PATH } from './testCaptures.ts';

describe('MessageTap (adapter until the core keeps message bytes)', () => {
  it('pairs every record with the exact bytes it was parsed from, whatever the chunking', () => {
    for (const size of [7, 1000, 1 << 20]) {
      const pipeline = new SipPipeline();
      const tap = new MessageTap(pipeline);
      expect(tap.attached).toBe(true);
      const texts: string[] = [];
      const take = (records: MessageRecord[]): void => {
        for (const r of records) texts.push(new TextDecoder().decode(tap.match(r)!.message.bytes));
      };
      for (const c of chunked(readCapture(TRAPEZOID_PATH), size)) take(pipeline.push(c).records);
      take(pipeline.end().records);
      expect(texts.length).toBe(14);
      expect(texts[2]).toMatch(/^INVITE sip:bob@biloxi\.example\.com SIP\/2\.0\r\nVia: SIP\/2\.0\/UDP bigbox3/);
      expect(texts[13]).toMatch(/^SIP\/2\.0 200 OK/);
      expect(tap.aligned).toBe(true);
    }
  });

  it('stops answering once a record does not carry the facts of the next tapped message', () => {
    const pipeline = new SipPipeline();
    const tap = new MessageTap(pipeline);
    const records = pipeline.push(readCapture(TRAPEZOID_PATH)).records;
    expect(tap.match(records[1]!)).toBeUndefined();
    expect(tap.aligned).toBe(false);
    expect(tap.match(records[0]!)).toBeUndefined();
  });

  it('reports itself detached when the pipeline has no decoder to tap', () => {
    const tap = new MessageTap({} as SipPipeline);
    expect(tap.attached).toBe(false);
    expect(tap.aligned).toBe(false);
  });
});
