import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFilterData } from '../analyze/filter/filterData.ts';
import { analyzeCaptureBytes } from '../pipeline/captureAnalysis.ts';
import { jsonExportPieces, messageJson, rowJson, rowMethod, JSON_SCHEMA_VERSION } from './jsonExport.ts';

function load(path: string) {
  const a = analyzeCaptureBytes(new Uint8Array(readFileSync(new URL(`../../../${path}`, import.meta.url))));
  return { data: buildFilterData(a.model, a.analysis, a.lookup), precisionDigits: a.capture.timePrecisionDigits };
}

// RFC 3261 §24.2 trapezoid: one call through two proxies.
const trapezoid = load('fixtures/samples/trapezoid/trapezoid.pcap');
// A softphone: one call (two B2BUA legs), registrations, OPTIONS, NOTIFY subscriptions.
const softphone = load('fixtures/corpus/captures/Sample-PCAPs__SIP-RTP-Normal_Call_two_parties.pcap');

const header = { generator: 'test', inputs: [], capture: {}, selection: {}, issues: [] };

describe('JSON export', () => {
  it('gives every row and message the same keys, null where a value does not apply', () => {
    const rows = softphone.data.rows.map((r) => rowJson(softphone, r));
    for (const r of rows) expect(Object.keys(r)).toEqual(Object.keys(rows[0]!));
    const registration = rows.find((r) => r.kind === 'registration')!;
    expect(registration).toMatchObject({ method: 'REGISTER', outcome: 'unregistered', pddMs: null, legs: 1, call: null });
    expect(registration.registration).toMatchObject({ outcome: 'unregistered' });
    const messages = Array.from({ length: softphone.data.model.records }, (_, i) => messageJson(softphone, i));
    for (const m of messages) expect(Object.keys(m)).toEqual(Object.keys(messages[0]!));
  });

  it('names the method a row is about', () => {
    expect(softphone.data.rows.map((r) => rowMethod(softphone.data, r))).toEqual(['REGISTER', 'OPTIONS', 'NOTIFY', 'NOTIFY', 'REGISTER', 'OPTIONS', 'NOTIFY', 'NOTIFY', 'INVITE']);
  });

  it('tells where a merged frame came from', () => {
    const m = messageJson({ ...trapezoid, origin: (frame) => ({ input: 1, frame: frame + 100 }) }, 0);
    expect(m).toMatchObject({ frame: 1, input: 1, inputFrame: 101 });
    expect(messageJson(trapezoid, 0)).toMatchObject({ input: null, inputFrame: null });
  });

  it('streams a document that parses, with schemaVersion first', () => {
    const text = [...jsonExportPieces(trapezoid, trapezoid.data.rows, header)].join('');
    const doc = JSON.parse(text) as Record<string, unknown[]>;
    expect(Object.keys(doc)[0]).toBe('schemaVersion');
    expect(doc.schemaVersion).toBe(JSON_SCHEMA_VERSION);
    expect(doc.messages).toHaveLength(14);
    expect(doc.calls).toHaveLength(1);
  });

  it('writes empty arrays for an empty selection', () => {
    const doc = JSON.parse([...jsonExportPieces(trapezoid, [], header)].join('')) as Record<string, unknown[]>;
    expect([doc.calls, doc.messages, doc.nodes, doc.transactions, doc.dialogs]).toEqual([[], [], [], [], []]);
  });

  it('cuts a large document into pieces of about a megabyte', () => {
    const many = Array.from({ length: 400 }, () => trapezoid.data.rows[0]!);
    const pieces = [...jsonExportPieces(trapezoid, many, header)];
    expect(pieces.length).toBeGreaterThan(5);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(3 << 20);
  });
});
