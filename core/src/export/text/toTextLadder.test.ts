import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeCaptureBytes, type CaptureAnalysis } from '../../pipeline/captureAnalysis.ts';
import { selectLadder } from '../exportSource.ts';
import { displayWidth } from '../ladder/displayWidth.ts';
import { HOSTILE_REASON, hostileCapture } from '../testHostileCapture.ts';
import { toTextLadder } from './toTextLadder.ts';

const load = (path: string): CaptureAnalysis => analyzeCaptureBytes(new Uint8Array(readFileSync(new URL(`../../../../${path}`, import.meta.url))));
const trapezoid = load('fixtures/samples/trapezoid/trapezoid.pcap');
const hostile = analyzeCaptureBytes(hostileCapture().bytes);
// 52 messages between 16 addresses from a fuzzing run; 196 messages over 21 lanes; a softphone with usages.
const CORPUS = [
  'fixtures/corpus/captures/tests__cfgs__default__pcap__fuzz-2006-06-26-2594.pcap',
  'fixtures/corpus/captures/uploads____moin_import____attachments__SampleCaptures__wireuploaded.pcap',
  'fixtures/corpus/captures/Sample-PCAPs__SIP-RTP-Normal_Call_two_parties.pcap',
  'fixtures/corpus/captures/tests__cfgs__default__pcap__sip.pcap',
];

const lines = (text: string) => text.split('\n');
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('the text ladder', () => {
  it('draws the trapezoid with lanes, arrows, full labels, brackets and times (snapshot)', async () => {
    const text = toTextLadder(trapezoid, [0], { width: 120 });
    await expect(text).toMatchFileSnapshot('./__snapshots__/trapezoid-120.txt');
    expect(text).toContain('INVITE (SDP PCMU/8000)');
    expect(text).toContain('200 OK (SDP PCMU/8000)');
    expect(text.match(/▶|◀/g)).toHaveLength(14);
  });

  it('adds what each hop did under its arrow with --hops (snapshot)', async () => {
    const text = toTextLadder(trapezoid, [0], { width: 140, hops: true });
    await expect(text).toMatchFileSnapshot('./__snapshots__/trapezoid-hops-140.txt');
    expect(text).toContain('Max-Forwards: 69 → 68');
    expect(text).toContain('Request-URI: sip:bob@biloxi.example.com → sip:bob@192.0.2.4');
    expect(text).toContain('+ Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1');
  });

  it('fits every width it is given, switching to the compact form when lanes cannot keep apart', () => {
    for (const analysis of [trapezoid, hostile, ...CORPUS.map(load)]) {
      const lanes = selectLadder(analysis, []).ladder.lanes.length;
      for (const width of [40, 64, 80, 120, 200]) {
        // The compact form needs 3 columns a lane, the time column and a little label room.
        if (lanes * 3 + 30 > width) continue;
        for (const hops of [false, true]) {
          const text = toTextLadder(analysis, [], { width, hops });
          for (const line of lines(text)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        }
      }
    }
    expect(toTextLadder(load(CORPUS[0]!), [], { width: 100 })).toMatch(/^A +\S/m);
    expect(toTextLadder(trapezoid, [], { width: 120 })).not.toMatch(/^A +\S/m);
  });

  it('never cuts a label: long reason phrases wrap, and the compact form puts them whole in a column', () => {
    const compact = toTextLadder(hostile, [], { width: 220, layout: 'compact' });
    expect(compact).toContain('486 Busy <script>alert("x")</script> --> %% end; #59; & \\x1b[31m \\u{202e} evil %%{init: {"theme":"dark"}}%%');
    const wide = toTextLadder(hostile, [], { width: 100 });
    const flat = wide.replace(/[│┌└╶─▶◀┐┘\s]/g, '');
    expect(flat).toContain('486Busy<script>alert("x")</script>-->%%end;#59;&\\x1b[31m\\u{202e}evil%%{init:{"theme":"dark"}}%%');
    expect(HOSTILE_REASON.length).toBeGreaterThan(20);
  });

  it('folds retransmissions into one arrow with a count, and marks SDP with its codec', () => {
    const text = toTextLadder(hostile, [], { width: 120 });
    expect(text).toContain('INVITE (SDP PCMU/8000) ×2');
    expect(text).toContain('1 retransmissions or duplicates folded');
  });

  it('draws a message a node sends to itself as a loop', () => {
    const text = toTextLadder(hostile, [], { width: 120 });
    expect(text).toMatch(/│──┐/);
    expect(text).toMatch(/│◀─┘/);
  });

  it('shows no control character from the capture, only their escapes', () => {
    for (const options of [{ width: 120, hops: true }, { width: 120, ascii: true, hops: true }, { width: 60, hops: true }]) {
      const text = toTextLadder(hostile, [], options);
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(text).toContain('\\x1b[31m');
      expect(text).toContain('nul=a\\x00b');
    }
  });

  it('uses only ASCII with ascii: true', () => {
    const text = toTextLadder(hostile, [], { width: 120, ascii: true, hops: true });
    // eslint-disable-next-line no-control-regex
    expect(text).toMatch(/^[\u0000-\u007f]*$/);
    expect(text).toContain('INVITE (SDP PCMU/8000) x2');
    expect(text).toMatch(/\|-+>\|/);
    expect(text).toContain('Max-Forwards: 70 -> 69');
  });

  it('colours only when asked, and the colours wrap plain text', () => {
    const plain = toTextLadder(trapezoid, [], { width: 120 });
    const coloured = toTextLadder(trapezoid, [], { width: 120, color: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[32m');
    expect(coloured.replace(ANSI, '')).toBe(plain);
  });

  it('writes times relative to the first message, absolute (UTC) or as deltas', () => {
    const times = (mode: 'abs' | 'rel' | 'delta') => lines(toTextLadder(trapezoid, [], { width: 120, time: mode })).map((l) => /^\S+/.exec(l)?.[0]).filter((t) => t !== undefined && /^\+?\d+[:.]\d/.test(t));
    expect(times('rel').slice(0, 3)).toEqual(['+0.000000', '+0.008000', '+0.010000']);
    expect(times('abs').slice(0, 3)).toEqual(['10:00:00.000000', '10:00:00.008000', '10:00:00.010000']);
    expect(times('delta').slice(0, 3)).toEqual(['+0.000000', '+0.008000', '+0.002000']);
  });

  it('says so when there is nothing to draw', () => {
    const text = toTextLadder(trapezoid, [5], { width: 80 });
    expect(text).toContain('warning: no call 5: the capture has 1 call (0–0)');
    expect(text).toContain('warning: no SIP messages to draw');
    expect(text).not.toContain('│');
  });
});
