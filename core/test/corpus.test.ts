/**
 * Every real capture of the corpus, end to end: no crash, every frame accounted for, and the SIP messages
 * found agree with Wireshark's (tshark 4.0.17) — message count per capture and method/status per frame —
 * except where fixtures/corpus/differences.tsv records who is right and why.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountedFrames } from '../src/pipeline/frameAccounting.ts';
import { analyzeFile, readTsv } from '../../tools/testing/analyzeFile.ts';

const CORPUS = join(__dirname, '../../fixtures/corpus');
const inventory = readTsv(join(CORPUS, 'inventory.tsv'));
const differences = new Map(readTsv(join(CORPUS, 'differences.tsv')).map((d) => [d.file!, d]));

/** "INVITE|ACK" + "200" → sorted list of message labels for one frame. */
function labels(methods: string, statuses: string): string[] {
  return [...methods.split('|'), ...statuses.split('|')].filter((x) => x.length > 0).sort();
}

describe('the real-capture corpus', () => {
  it('lists every capture it holds', () => {
    expect(inventory.length).toBe(81);
  });

  for (const row of inventory) {
    const file = row.file!;
    describe(file, () => {
      const analysis = analyzeFile(join(CORPUS, 'captures', file));
      const { summary, records } = analysis;
      const agreed = differences.get(file);

      it('reads every frame and accounts for each one', () => {
        expect(summary.frames).toBe(Number(row.packets));
        expect(accountedFrames(summary.accounting)).toBe(summary.frames);
        expect(summary.accounting.framesRead).toBe(summary.frames);
      });

      it(agreed ? `finds ${agreed.ours} SIP messages (Wireshark ${row.sip_msgs}: ${agreed.reason})` : `finds Wireshark's ${row.sip_msgs} SIP messages`, () => {
        expect(summary.sipMessages).toBe(agreed ? Number(agreed.ours) : Number(row.sip_msgs));
      });

      const expectedPath = join(CORPUS, 'expected', `${file}.sip.tsv`);
      if (existsSync(expectedPath) && !agreed) {
        it('completes the same messages in the same frames as Wireshark', () => {
          const ours = new Map<number, string[]>();
          for (const r of records) {
            const label = r.facts.kind === 'request' ? (r.facts.method ?? '?') : String(r.facts.statusCode ?? '?');
            ours.set(r.frame, [...(ours.get(r.frame) ?? []), label]);
          }
          const theirs = new Map(readTsv(expectedPath).map((t) => [Number(t.frame), labels(t.methods!, t.statuses!)]));
          const mine = new Map([...ours].map(([f, l]) => [f, l.sort()]));
          expect(Object.fromEntries(mine)).toEqual(Object.fromEntries(theirs));
        });
      }
    });
  }
});
