import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import { testCallCapture } from '../../core/src/pipeline/testLiveCalls.ts';
import { ContractError } from '../shared/validate.ts';
import { exportLive, liveExportFileName } from './liveExport.ts';
import { LiveCaptureSession } from './liveCaptureSession.ts';
import { liveStartRequest } from './liveTypes.ts';

const BYTES = testCallCapture([
  { kind: 'answered', callId: 'export-1', at: 0 },
  { kind: 'busy', callId: 'export-2', at: 0.2 },
]);

function finished(): LiveCaptureSession {
  const s = new LiveCaptureSession({ session: 1, name: 'live: lo (dumpcap)', now: () => 0 });
  s.push(BYTES);
  s.finish();
  return s;
}

const base = { records: null, merge: 'node' as const, fold: true, hops: false, time: 'abs' as const };

describe('exports of live calls', () => {
  it('names files after the live row ids', () => {
    expect(liveExportFileName([3], false, 'svg')).toBe('sipladder-live-call-3.svg');
    expect(liveExportFileName([9, 2, 2, 5, 7, 11], true, 'mmd')).toBe('sipladder-live-calls-2-5-7-9-more-part.mmd');
  });

  it('copies the frames of chosen calls from the capture saved as it arrived', async () => {
    const s = finished();
    const busy = s.listCalls({ offset: 0, limit: 10, sort: 'start', descending: false, filter: 'outcome == busy', hide: '' }).rows[0]!;
    const result = await exportLive({ session: s, reread: async function* () { yield BYTES; }, generator: 'test' }, { ...base, kind: 'pcapng', rows: [busy.id] });
    expect(result).toMatchObject({ ok: true, fileName: `sipladder-live-call-${busy.id}.pcapng`, message: '4 frames' });
    const reader = new CaptureReader();
    const bytes = Uint8Array.from(atob(result.base64!), (c) => c.charCodeAt(0));
    expect([...reader.push(bytes).frames, ...reader.end().frames]).toHaveLength(4);
  });

  it('draws pictures of the calls, or of the messages chosen (numbered as the page knows them)', async () => {
    const s = finished();
    const [answered] = s.listCalls({ offset: 0, limit: 10, sort: 'start', descending: false, filter: '', hide: '' }).rows;
    const ladder = s.ladder({ rows: [answered!.id], merge: 'node', fold: true, hops: false })!;
    const ctx = { session: s, reread: undefined, generator: 'test' };
    const svg = await exportLive(ctx, { ...base, kind: 'svg', rows: [answered!.id] });
    expect(svg.text).toMatch(/^<\?xml .*\n<svg /);
    expect(svg.message).toBe('7 arrows');
    const part = await exportLive(ctx, { ...base, kind: 'mermaid', rows: [answered!.id], records: ladder.ladder.rows.slice(0, 2).map((r) => r.index) });
    expect(part).toMatchObject({ ok: true, message: '2 messages', fileName: `sipladder-live-call-${answered!.id}-part.mmd` });
    expect((await exportLive(ctx, { ...base, kind: 'json', rows: [answered!.id] })).text).toMatch(/"callIds":\["export-1"\]/);
    expect(await exportLive(ctx, { ...base, kind: 'pcap', rows: [answered!.id] })).toMatchObject({ ok: false, message: 'live: lo (dumpcap) cannot be read a second time to copy its frames' });
    expect(await exportLive(ctx, { ...base, kind: 'svg', rows: [answered!.id], records: [100_000] })).toMatchObject({ ok: false, message: 'none of those messages is kept any more' });
  });
});

describe('the liveStart request', () => {
  it('takes interface names and a capture filter, and nothing that reads as an option', () => {
    expect(liveStartRequest({ interfaces: ['eth0', 'any'], filter: '' }, 'r')).toEqual({ interfaces: ['eth0', 'any'], filter: '' });
    for (const bad of [{ interfaces: [], filter: '' }, { interfaces: ['-i'], filter: '' }, { interfaces: ['eth 0'], filter: '' }, { interfaces: ['lo'] }, { interfaces: ['lo'], filter: 'x'.repeat(4001) }]) {
      expect(() => liveStartRequest(bad, 'r')).toThrow(ContractError);
    }
  });
});
