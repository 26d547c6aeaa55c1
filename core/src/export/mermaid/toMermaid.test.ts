/**
 * Every Mermaid output is checked with Mermaid 11's own parser (`mermaid.parse`, then the parsed sequence
 * database), in plain Node: parsing a sequenceDiagram needs no DOM as long as it has no `title` (titles
 * are sanitised with DOMPurify while parsing), which is why the export writes its title as a comment.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../../correlate/correlator.ts';
import { answeredWith200Retransmissions, Flow } from '../../correlate/testFlows.ts';
import { responseTo, type MessageSpec } from '../../correlate/testMessages.ts';
import type { MessageRecord } from '../../sip/messageRecord.ts';
import { analyze } from '../../analyze/analyze.ts';
import { analyzeCaptureBytes, type CaptureAnalysis } from '../../pipeline/captureAnalysis.ts';
import { visibleText } from '../ladder/visibleText.ts';
import { selectLadder, type ExportSource } from '../exportSource.ts';
import { ladderTexts } from '../ladder/ladderTexts.ts';
import { HOSTILE_REASON, hostileCapture } from '../testHostileCapture.ts';
import { mermaidText } from './mermaidText.ts';
import { nestedSpans } from './nestedSpans.ts';
import { MERMAID_MAX_TEXT_SIZE, toMermaid } from './toMermaid.ts';

const load = (path: string): CaptureAnalysis => analyzeCaptureBytes(new Uint8Array(readFileSync(new URL(`../../../../${path}`, import.meta.url))));
const trapezoid = load('fixtures/samples/trapezoid/trapezoid.pcap');
const hostile = analyzeCaptureBytes(hostileCapture().bytes);

function fromRecords(records: readonly MessageRecord[]): ExportSource {
  const c = new Correlator();
  c.addAll(records);
  const model = c.finish();
  const lookup = (i: number) => records[i];
  return { model, lookup, analysis: analyze(model, lookup) };
}

interface Parsed {
  actors: { name: string; description: string }[];
  messages: { from?: string; to?: string; message: string; type: number }[];
}

/** Mermaid keeps entity codes as placeholders until rendering; turn them back into characters. */
const decode = (s: unknown): string => (typeof s !== 'string' ? '' : s).replace(/ﬂ°°(\d+)¶ß/g, (_, n: string) => String.fromCodePoint(Number(n)));

async function parse(text: string): Promise<Parsed> {
  expect(await mermaid.parse(text)).toMatchObject({ diagramType: 'sequence' });
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as { getActors(): Map<string, { name: string; description: string }>; getMessages(): Parsed['messages'] };
  return {
    actors: [...db.getActors().values()].map((a) => ({ name: a.name, description: decode(a.description) })),
    messages: db.getMessages().map((m) => ({ ...m, message: decode(m.message) })),
  };
}

// Mermaid's LINETYPE numbers: 0 solid arrow, 1 dotted arrow, 2 note, 22 rect start, 23 end.
const ARROWS = new Set([0, 1, 5, 6]);

describe('the Mermaid sequenceDiagram', () => {
  it('declares one aliased participant per lane and one arrow per message row of the trapezoid', async () => {
    const { text, warnings } = toMermaid(trapezoid, [0]);
    expect(warnings).toEqual([]);
    expect(text).toMatch(/^%% Call 0 .*\nsequenceDiagram\n {2}autonumber\n/);
    const parsed = await parse(text);
    expect(parsed.actors.map((a) => a.name)).toEqual(['L0', 'L1', 'L2', 'L3']);
    expect(parsed.actors[1]!.description).toBe('bigbox3.site3.atlanta.example.com<br/>192.0.2.2:5060<br/>(stateful proxy)');
    const arrows = parsed.messages.filter((m) => m.type === 0 || m.type === 1);
    expect(arrows.map((m) => m.message)).toEqual([
      'INVITE (SDP PCMU/8000)', '100 Trying', 'INVITE (SDP PCMU/8000)', '100 Trying', 'INVITE (SDP PCMU/8000)', '180 Ringing', '180 Ringing',
      '180 Ringing', '200 OK (SDP PCMU/8000)', '200 OK (SDP PCMU/8000)', '200 OK (SDP PCMU/8000)', 'ACK', 'BYE', '200 OK',
    ]);
    expect(arrows.map((m) => m.type)).toEqual([0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1]);
  });

  it('adds the hop annotations as notes and one rect per transaction that spans rows, nested', async () => {
    const { text } = toMermaid(trapezoid, []);
    const parsed = await parse(text);
    const notes = parsed.messages.filter((m) => m.type === 2).map((m) => m.message);
    expect(notes).toContain('+ Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1<br/>Max-Forwards: 69 → 68<br/>Request-URI: sip:bob@biloxi.example.com → sip:bob@192.0.2.4<br/>Receiver noted: received=192.0.2.3');
    expect(parsed.messages.filter((m) => m.type === 22)).toHaveLength(4);
    expect(parsed.messages.filter((m) => m.type === 23)).toHaveLength(4);
    expect(text).toContain('Note over L0: INVITE transaction 0');
  });

  it('groups by dialog, or not at all, on request', async () => {
    const byDialog = toMermaid(trapezoid, [], { group: 'dialog', hops: false });
    expect((await parse(byDialog.text)).messages.filter((m) => m.type === 22)).toHaveLength(1);
    const none = toMermaid(trapezoid, [], { group: 'none', hops: false, autonumber: false });
    expect(none.text).not.toMatch(/rect|autonumber|Note/);
    await parse(none.text);
  });

  it('carries hostile header values through Mermaid\'s parser unchanged (escaped with entity codes)', async () => {
    const { text } = toMermaid(hostile, [], { viaStack: true });
    expect(text).not.toMatch(/%%\{|<script/);
    const parsed = await parse(text);
    const ladder = selectLadder(hostile, []).ladder;
    const expected = ladderTexts(hostile, ladder, { hops: false }).map((t) => t.label);
    expect(parsed.messages.filter((m) => ARROWS.has(m.type)).map((m) => m.message)).toEqual(expected);
    expect(expected).toContain(`486 ${visibleText(HOSTILE_REASON)}`);
    const notes = parsed.messages.filter((m) => m.type === 2).map((m) => m.message).join('\n');
    expect(notes).toContain('x="<script>;%%end-->"');
    expect(notes).toContain('nul=a\\x00b');
  });

  it('escapes every character Mermaid gives a meaning, and a leading wrap: prefix', () => {
    expect(mermaidText('a;b#c<d>e&f"g%h`i')).toBe('a#59;b#35;c#60;d#62;e#38;f#34;g#37;h#96;i');
    expect(mermaidText('wrap: x')).toBe('wrap#58; x');
    expect(mermaidText('')).toBe('#32;');
    expect(mermaidText('a\u0000\nb')).toBe('a\\x00\\x0ab');
  });

  it('parses for the corpus captures, folded retransmissions included', async () => {
    const dir = new URL('../../../../fixtures/corpus/captures/', import.meta.url);
    // The small ones (under 300 kB): the big ones are mostly RTP and take long to read.
    const names = readdirSync(dir).filter((n) => /\.(pcap|pcapng|cap)/.test(n) && statSync(new URL(n, dir)).size < 300_000);
    let parsed = 0;
    for (const name of names) {
      const analysis = analyzeCaptureBytes(new Uint8Array(readFileSync(new URL(name, dir))));
      if (analysis.records.length === 0) continue;
      const { text } = toMermaid(analysis, []);
      // Mermaid's parser takes seconds on the longer ones; the trapezoid and hostile tests cover those features.
      if (text.length > 9000) continue;
      await expect(parse(text), name).resolves.toBeDefined();
      parsed++;
    }
    expect(parsed).toBeGreaterThan(30);
    const { text } = toMermaid(fromRecords(answeredWith200Retransmissions()), []);
    expect(text).toContain('200 OK (SDP PCMA/8000) ×4');
  });

  it('warns above Mermaid\'s default maxTextSize and says how to raise it', () => {
    // 400 OPTIONS pings and their answers: about 80,000 characters with the hop notes.
    const f = new Flow();
    for (let i = 0; i < 400; i++) {
      const ping: MessageSpec = { start: 'OPTIONS sip:b@10.2.0.2', via: [`10.2.0.1:5060;branch=z9hG4bK-big${i}`], maxForwards: 70, from: `<sip:a@d>;tag=${i}`, to: '<sip:b@d>', callId: `big-${i}`, cseq: '1 OPTIONS' };
      f.send(ping, '10.2.0.1:5060', '10.2.0.2:5060');
      f.send(responseTo(ping, '200 OK', { toTag: 't' }), '10.2.0.2:5060', '10.2.0.1:5060');
    }
    const { text, warnings } = toMermaid(fromRecords(f.records), []);
    expect(text.length).toBeGreaterThan(MERMAID_MAX_TEXT_SIZE);
    expect(warnings.join('\n')).toMatch(/over Mermaid's default maxTextSize of 50000.*mermaid\.initialize\(\{ maxTextSize: \d+ \}\).*-c/s);
    expect(toMermaid(trapezoid, []).warnings).toEqual([]);
  });
});

describe('nesting rects', () => {
  it('keeps nested and disjoint spans and drops one that crosses a kept span', () => {
    const spans = [{ firstRow: 0, lastRow: 10 }, { firstRow: 2, lastRow: 5 }, { firstRow: 4, lastRow: 8 }, { firstRow: 11, lastRow: 12 }, { firstRow: 2, lastRow: 5 }];
    expect(nestedSpans(spans)).toEqual({ kept: [0, 1, 4, 3], dropped: [2] });
  });

  it('reports the rects it leaves out: two transactions that interleave cannot both have one', async () => {
    // An INVITE transaction and an OPTIONS transaction, each answered after the other started.
    const f = new Flow();
    const invite: MessageSpec = { start: 'INVITE sip:b@10.3.0.2', via: ['10.3.0.1:5060;branch=z9hG4bK-x1'], maxForwards: 70, from: '<sip:a@d>;tag=1', to: '<sip:b@d>', callId: 'x-1', cseq: '1 INVITE', contact: '<sip:a@10.3.0.1>' };
    const ping: MessageSpec = { start: 'OPTIONS sip:b@10.3.0.2', via: ['10.3.0.1:5060;branch=z9hG4bK-x2'], maxForwards: 70, from: '<sip:a@d>;tag=2', to: '<sip:b@d>', callId: 'x-2', cseq: '1 OPTIONS' };
    f.send(invite, '10.3.0.1:5060', '10.3.0.2:5060', 0);
    f.send(ping, '10.3.0.1:5060', '10.3.0.2:5060', 10);
    f.send(responseTo(invite, '486 Busy Here', { toTag: 'b' }), '10.3.0.2:5060', '10.3.0.1:5060', 20);
    f.send(responseTo(ping, '200 OK', { toTag: 'c' }), '10.3.0.2:5060', '10.3.0.1:5060', 30);
    const { text, warnings } = toMermaid(fromRecords(f.records), []);
    expect(warnings).toEqual(['1 transaction rect left out: Mermaid rects must nest and it crosses another (OPTIONS transaction 1)']);
    expect((await parse(text)).messages.filter((m) => m.type === 22)).toHaveLength(1);
  });
});
