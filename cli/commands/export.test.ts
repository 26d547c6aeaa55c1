/** `sipladder export`: JSON and CSV schemas, pcap/pcapng round trips, merged inputs, and where output goes. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import { analyzeCaptureBytes } from '../../core/src/pipeline/captureAnalysis.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { runCli } from '../fakeTerminal.ts';

const TRAPEZOID = 'fixtures/samples/trapezoid/trapezoid.pcap';
const SOFTPHONE = 'fixtures/corpus/captures/Sample-PCAPs__SIP-RTP-Normal_Call_two_parties.pcap';
// IPv6 over Linux cooked capture; the INVITE and the 200 OK each travel in two fragments.
const IPV6FRAG = 'fixtures/corpus/captures/tests__ipv6frag.pcap';
// BSD loopback (NULL); a 4 kB INVITE over TCP in five segments.
const TCP_LARGE = 'fixtures/corpus/captures/tests__sip-body-large__sip-body-large.pcap';

const dir = mkdtempSync(join(tmpdir(), 'sipladder-export-test-'));

/** What must survive a round trip: every message's identity, addresses and time. */
const essence = (r: MessageRecord) => ({
  t: r.timestamp, src: r.src, dst: r.dst, transport: r.transport, kind: r.facts.kind, method: r.facts.method, status: r.facts.statusCode,
  callId: r.facts.callId, cseq: r.facts.cseqNumber, branch: r.facts.vias[0]?.branch, body: r.facts.bodyLength,
});

function analyse(path: string) {
  return analyzeCaptureBytes(new Uint8Array(readFileSync(path)));
}

describe('export --format json', () => {
  it('writes one document with schemaVersion 1 and the selected calls, messages, nodes, transactions, dialogs, issues', async () => {
    const r = await runCli(['export', TRAPEZOID, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Record<string, any>;
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'generator', 'inputs', 'capture', 'selection', 'calls', 'messages', 'nodes', 'transactions', 'dialogs', 'issues']);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.capture).toMatchObject({ format: 'pcap', frames: 14, sipMessages: 14, rows: 1, calls: 1, timePrecisionDigits: 6 });
    expect(doc.calls).toHaveLength(1);
    expect(doc.messages.map((m: { frame: number }) => m.frame)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(doc.nodes.map((n: { name: string }) => n.name)).toEqual(['192.0.2.1:5060', '192.0.2.2:5060', '192.0.2.3:5060', '192.0.2.4:5060']);
    expect(doc.transactions.length).toBeGreaterThanOrEqual(5);
    expect(doc.transactions[0]).toMatchObject({ method: 'INVITE', callId: 'a84b4c76e66710', cseq: 314159, finalStatus: 200 });
    expect(doc.dialogs).toHaveLength(1);
    expect(doc.issues).toEqual([]);
  });

  it('exports only the selection, and says which', async () => {
    const r = await runCli(['export', SOFTPHONE, '--format', 'json', '--hide', 'noise', '--filter', 'kind != subscription']);
    const doc = JSON.parse(r.out) as Record<string, any>;
    expect(doc.selection).toEqual({ filter: ['kind != subscription'], hide: ['noise'], call: [], index: [], rows: [9] });
    expect(doc.calls.map((c: { row: number }) => c.row)).toEqual([9]);
    expect(new Set(doc.messages.map((m: { row: number }) => m.row))).toEqual(new Set([9]));
  });

  it('infers the format from -o and refuses to overwrite without --force', async () => {
    const out = join(dir, 'call.json');
    expect((await runCli(['export', TRAPEZOID, '-o', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
    writeFileSync(out, 'keep me');
    const again = await runCli(['export', TRAPEZOID, '-o', out]);
    expect(again.code).toBe(5);
    expect(again.err).toContain('already exists: choose another name, or add --force');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await runCli(['export', TRAPEZOID, '-o', out, '--force'])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
  });

  it('asks for a format when neither --format nor -o says one', async () => {
    const r = await runCli(['export', TRAPEZOID]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('say which format');
    expect((await runCli(['export', TRAPEZOID, '--format', 'docx'])).err).toContain('--format docx: expected one of json, csv');
  });
});

describe('export --format csv', () => {
  it('writes each table with its header and one line per item', async () => {
    const counts: Record<string, number> = {};
    for (const table of ['calls', 'messages', 'nodes', 'transactions']) {
      const r = await runCli(['export', TRAPEZOID, '--format', 'csv', '--table', table]);
      expect(r.code).toBe(0);
      counts[table] = r.out.trim().split('\n').length - 1;
    }
    const doc = JSON.parse((await runCli(['export', TRAPEZOID, '--format', 'json'])).out) as Record<string, unknown[]>;
    expect(counts).toEqual({ calls: 1, messages: 14, nodes: 4, transactions: doc.transactions!.length });
    expect((await runCli(['export', TRAPEZOID, '--format', 'csv', '--table', 'hops'])).code).toBe(2);
  });
});

describe('export --format mermaid / svg / html', () => {
  it('draws the selected call with the core\'s ladder exports', async () => {
    const mermaid = await runCli(['export', TRAPEZOID, '--index', '1', '--format', 'mermaid']);
    expect(mermaid.code).toBe(0);
    expect(mermaid.out).toMatch(/^%% .*\nsequenceDiagram\n/);
    expect(mermaid.out.match(/->>|-->>/g)).toHaveLength(14);
    const svg = await runCli(['export', TRAPEZOID, '--format', 'svg']);
    expect(svg.out).toMatch(/^<\?xml[^>]*>\s*<svg[\s\S]*<\/svg>\s*$/);
    const out = join(dir, 'call.html');
    expect((await runCli(['export', TRAPEZOID, '--call', 'a84b4c76e66710', '-o', out])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('draws usages too when a filter selects them', async () => {
    const r = await runCli(['export', SOFTPHONE, '--filter', 'kind == registration', '--format', 'mermaid']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('REGISTER');
    expect(r.out).not.toContain('INVITE');
  });
});

describe('export --format pcap / pcapng', () => {
  it('copies a call\'s frames byte for byte: the trapezoid (every frame is SIP) comes out identical', async () => {
    const out = join(dir, 'trapezoid-copy.pcap');
    expect((await runCli(['export', TRAPEZOID, '--index', '1', '-o', out])).code).toBe(0);
    expect(Buffer.compare(readFileSync(out), readFileSync(TRAPEZOID))).toBe(0);
  });

  it('keeps every fragment, and reading the copy back gives the same messages', async () => {
    const r = await runCli(['export', IPV6FRAG, '--call', '71846-1647924829', '--format', 'pcap']);
    expect(r.code).toBe(0);
    const original = analyse(IPV6FRAG);
    const copy = analyzeCaptureBytes(r.bytes);
    expect(copy.records.map(essence)).toEqual(original.records.filter((x) => original.model.columns.call[x.index] === 0).map(essence));
    expect(copy.records[0]!.frames).toEqual([1, 2]);
    expect(copy.capture.accounting.fragment).toBe(original.capture.accounting.fragment);
  });

  it('keeps every TCP segment of a message split over five', async () => {
    const r = await runCli(['export', TCP_LARGE, '--index', '1', '--format', 'pcapng']);
    const copy = analyzeCaptureBytes(r.bytes);
    const original = analyse(TCP_LARGE);
    expect(copy.records.map(essence)).toEqual(original.records.map(essence));
    expect(copy.records.some((x) => x.frames.length === 5)).toBe(true);
  });

  it('copies the selected call of a busy capture and nothing else', async () => {
    const r = await runCli(['export', SOFTPHONE, '--filter', 'kind == call', '--format', 'pcap']);
    const copy = analyzeCaptureBytes(r.bytes);
    const original = analyse(SOFTPHONE);
    const callRecords = original.records.filter((x) => original.model.columns.call[x.index]! >= 0);
    expect(copy.records.map(essence)).toEqual(callRecords.map(essence));
    const frames = (bytes: Uint8Array) => {
      const reader = new CaptureReader();
      return [...reader.push(bytes).frames, ...reader.end().frames];
    };
    const originalFrames = frames(new Uint8Array(readFileSync(SOFTPHONE)));
    const wanted = new Set(callRecords.flatMap((x) => x.frames));
    expect(frames(r.bytes).map((f) => [...f.data])).toEqual(originalFrames.filter((f) => wanted.has(f.number)).map((f) => [...f.data]));
  });

  it('refuses to write binary to a terminal, before reading anything', async () => {
    const r = await runCli(['export', 'fixtures/does-not-exist.pcap', '--format', 'pcap'], { ttyColumns: 80 });
    expect(r.code).toBe(3);
    const tty = await runCli(['export', TRAPEZOID, '--format', 'pcap'], { ttyColumns: 80 });
    expect(tty.code).toBe(2);
    expect(tty.err).toContain('pcap is binary and standard output is a terminal');
    expect(tty.bytes.length).toBe(0);
  });

  it('refuses plain SIP text, which has no frames to copy', async () => {
    const r = await runCli(['export', 'fixtures/messages/rfc4475/3.1.1.1_wsinv.dat', '--format', 'pcap']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('plain SIP text');
  });
});

describe('several inputs merged in time order', () => {
  it('interleaves frames by timestamp and remembers where each came from', async () => {
    const messages = (await runCli(['messages', SOFTPHONE, TRAPEZOID, '--json'])).out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const single = (await runCli(['messages', SOFTPHONE, '--json'])).out.trim().split('\n');
    expect(messages).toHaveLength(single.length + 14);
    const times = messages.map((m) => Number(m.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(messages.filter((m) => m.input === 1).map((m) => m.inputFrame)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(messages.every((m) => m.input === 0 || m.input === 1)).toBe(true);
  });

  it('merges two captures of the same moment frame by frame', async () => {
    // The same capture twice: every frame appears twice, in pairs (ties keep the order of the inputs).
    const r = JSON.parse((await runCli(['summary', TRAPEZOID, TRAPEZOID, '--json'])).out) as Record<string, any>;
    expect(r).toMatchObject({ frames: 28, sipMessages: 28, files: [TRAPEZOID, TRAPEZOID] });
  });

  it('exports a merged selection as pcapng with one interface per input link type, not as pcap', async () => {
    const mikey = 'fixtures/corpus/captures/uploads____moin_import____attachments__SampleCaptures__mikey.pcap';
    const pcap = await runCli(['export', TRAPEZOID, mikey, '--format', 'pcap']);
    expect(pcap.code).toBe(2);
    expect(pcap.err).toContain('use --format pcapng');
    const pcapng = await runCli(['export', TRAPEZOID, mikey, '--format', 'pcapng']);
    expect(pcapng.code).toBe(0);
    const reader = new CaptureReader();
    reader.push(pcapng.bytes);
    reader.end();
    expect(reader.interfaces.map((i) => i.linkType)).toEqual([1, 113]);
    const copy = analyzeCaptureBytes(pcapng.bytes);
    const merged = [...analyse(TRAPEZOID).records, ...analyse(mikey).records].map(essence)
      .sort((a, b) => a.t.seconds - b.t.seconds || a.t.nanoseconds - b.t.nanoseconds);
    expect(copy.records.map(essence)).toEqual(merged);
  });

  it('refuses to merge plain SIP text with a capture', async () => {
    const r = await runCli(['calls', TRAPEZOID, 'fixtures/messages/rfc4475/3.1.1.1_wsinv.dat']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('only pcap and pcapng captures can be merged');
  });
});

describe('standard input', () => {
  it('reads a capture piped in, and keeps a copy to export its frames from', async () => {
    const kept = () => readdirSync(tmpdir()).filter((n) => /^sipladder-[A-Za-z0-9]{6}$/.test(n)).sort();
    const before = kept();
    const bytes = new Uint8Array(readFileSync(TRAPEZOID));
    const calls = await runCli(['-'], { stdin: bytes });
    expect(calls.out).toBe((await runCli([TRAPEZOID])).out);
    const pcap = await runCli(['export', '-', '--format', 'pcap'], { stdin: bytes });
    expect(pcap.code).toBe(0);
    expect(Buffer.compare(Buffer.from(pcap.bytes), Buffer.from(bytes))).toBe(0);
    // The temporary copy is removed when the command ends.
    expect(kept()).toEqual(before);
  });
});
