import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { directCall, proxyCancel } from './testFlows.ts';
import { WiresharkRequestLinker } from './wiresharkRequestLinker.ts';

function link(records: readonly MessageRecord[]): number[] {
  const linker = new WiresharkRequestLinker();
  return records.map((r) => linker.observe(r));
}

describe('WiresharkRequestLinker', () => {
  it('links responses and the ACK to the INVITE frame on the same address pair', () => {
    const records = directCall({ final: '486 Busy Here', provisional: ['180 Ringing'] });
    // frames: 1 INVITE, 2 100, 3 180, 4 486, 5 ACK
    expect(link(records)).toEqual([-1, 1, 1, 1, 1]);
  });

  it('reproduces the CANCEL quirk: the 487 points at the CANCEL frame and the 200 (CANCEL) at nothing', () => {
    const records = proxyCancel();
    const frames = link(records);
    const at = (pred: (r: MessageRecord) => boolean) => records.findIndex(pred);
    // Caller side: INVITE frame 1, CANCEL from 308 to the proxy.
    const cancel = records.find((r) => r.facts.method === 'CANCEL' && r.src.ip === '192.168.1.10')!;
    const okCancel = at((r) => r.facts.statusCode === 200 && r.facts.cseqMethod === 'CANCEL' && r.dst.ip === '192.168.1.10');
    const upstream487 = at((r) => r.facts.statusCode === 487 && r.dst.ip === '192.168.1.10');
    const trying = at((r) => r.facts.statusCode === 100 && r.dst.ip === '192.168.1.10');
    expect(frames[trying]).toBe(1);
    expect(frames[okCancel]).toBe(-1);
    expect(frames[upstream487]).toBe(cancel.frame);
  });

  it('links nothing over TCP', () => {
    const records = directCall({ final: '200 OK' }).map((r) => ({ ...r, transport: 'tcp' as const }));
    expect(link(records).every((f) => f === -1)).toBe(true);
  });

  it('keeps pointing at the first transmission when the request is retransmitted', () => {
    const [invite, trying] = directCall({ final: '200 OK' });
    const again = { ...invite!, index: 1, frame: 2 };
    const response = { ...trying!, index: 2, frame: 3 };
    expect(link([invite!, again, response])).toEqual([-1, -1, 1]);
  });

  it('ignores messages without a CSeq number', () => {
    const [invite] = directCall({ final: '200 OK' });
    const broken = { ...invite!, facts: { ...invite!.facts, cseqNumber: undefined } };
    expect(link([broken])).toEqual([-1]);
  });
});
