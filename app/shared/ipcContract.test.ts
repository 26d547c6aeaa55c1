import { describe, expect, it } from 'vitest';
import { CHANNELS, ContractError, ipcChannelName, isChannel, progressEvent, validateArgs } from './ipcContract.ts';

const query = { offset: 0, limit: 100, sort: 'start', descending: false, filter: '', hide: '' };
const ladder = { rows: [0, 3], merge: 'node', fold: true, hops: false };
const exportRequest = { kind: 'mermaid', rows: [1], records: null, merge: 'host', fold: true, hops: true, time: 'rel' };

describe('the IPC contract', () => {
  it('names every channel once, in its own namespace', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    expect(CHANNELS).toContain('listCalls');
    expect(ipcChannelName('getLadder')).toBe('sipladder:getLadder');
    expect(isChannel('listCalls')).toBe(true);
    expect(isChannel('__proto__')).toBe(false);
    expect(isChannel('constructor')).toBe(false);
  });

  it('passes well-formed arguments through unchanged', () => {
    expect(validateArgs('listCalls', [query])).toEqual([query]);
    expect(validateArgs('getLadder', [ladder])).toEqual([ladder]);
    expect(validateArgs('getMessage', [{ index: 13 }])).toEqual([{ index: 13 }]);
    expect(validateArgs('status', [])).toEqual([]);
    expect(validateArgs('exportCalls', [exportRequest])).toEqual([exportRequest]);
    expect(validateArgs('exportCalls', [{ ...exportRequest, kind: 'pcapng', records: [4, 5] }])[0].records).toEqual([4, 5]);
    const save = { fileName: 'call.svg', mediaType: 'image/svg+xml', data: new Uint8Array(3) };
    expect(validateArgs('saveFile', [save])[0].data).toBeInstanceOf(Uint8Array);
    expect(validateArgs('openBytes', ['x.pcap', new Uint8Array(3)])[1]).toBeInstanceOf(Uint8Array);
  });

  it('refuses pages that are too large, unknown sort keys, long filters and extra keys', () => {
    expect(() => validateArgs('listCalls', [{ ...query, limit: 1001 }])).toThrow(/listCalls\[0\]\.limit/);
    expect(() => validateArgs('listCalls', [{ ...query, limit: 0 }])).toThrow(ContractError);
    expect(() => validateArgs('listCalls', [{ ...query, offset: -1 }])).toThrow(ContractError);
    expect(() => validateArgs('listCalls', [{ ...query, sort: 'constructor' }])).toThrow(ContractError);
    expect(() => validateArgs('listCalls', [{ ...query, filter: 'x'.repeat(1001) }])).toThrow(ContractError);
    expect(() => validateArgs('listCalls', [{ ...query, extra: 1 }])).toThrow(/unexpected key/);
    expect(() => validateArgs('listCalls', [])).toThrow(ContractError);
  });

  it('refuses ladders of no rows or too many, bad indices, long paths and paths with NUL', () => {
    expect(() => validateArgs('getLadder', [{ ...ladder, rows: [] }])).toThrow(ContractError);
    expect(() => validateArgs('getLadder', [{ ...ladder, rows: Array.from({ length: 51 }, (_, i) => i) }])).toThrow(ContractError);
    expect(() => validateArgs('getLadder', [{ ...ladder, merge: 'everything' }])).toThrow(/getLadder\[0\]\.merge/);
    expect(() => validateArgs('getLadder', [{ rows: [0] }])).toThrow(ContractError);
    expect(() => validateArgs('getMessage', [{ index: -1 }])).toThrow(ContractError);
    expect(() => validateArgs('getMessage', [{ index: 2 ** 31 }])).toThrow(ContractError);
    expect(() => validateArgs('openPath', ['/x'.repeat(2049)])).toThrow(ContractError);
    expect(() => validateArgs('openPath', ['/tmp/a\0b'])).toThrow(/NUL/);
    expect(() => validateArgs('openBytes', ['n'.repeat(256), new Uint8Array(1)])).toThrow(ContractError);
    expect(() => validateArgs('exportCalls', [{ ...exportRequest, kind: 'exe' }])).toThrow(ContractError);
    expect(() => validateArgs('exportCalls', [{ ...exportRequest, kind: 'png' }])).toThrow(ContractError);
    expect(() => validateArgs('exportCalls', [{ ...exportRequest, records: [] }])).toThrow(/records/);
    expect(() => validateArgs('exportCalls', [{ ...exportRequest, time: 'later' }])).toThrow(/time/);
    expect(() => validateArgs('saveFile', [{ fileName: '', mediaType: 'x', data: new Uint8Array(1) }])).toThrow(/fileName/);
    expect(() => validateArgs('saveFile', [{ fileName: 'a', mediaType: 'x', data: 'text' }])).toThrow(/data/);
    expect(() => validateArgs('nope' as 'status', [])).toThrow(/unknown channel/);
  });

  it('checks progress events before the page sees them', () => {
    const good = { session: 1, phase: 'reading', name: 'a.pcap', bytesRead: 10, totalBytes: null, messages: 1, rows: 1, generation: 0, partial: false, error: null, elapsedMs: 5 };
    expect(progressEvent(good, 'p')).toEqual(good);
    expect(() => progressEvent({ ...good, phase: 'pwned' }, 'p')).toThrow(ContractError);
    expect(() => progressEvent({ ...good, script: '<img>' }, 'p')).toThrow(ContractError);
    expect(() => progressEvent({ ...good, elapsedMs: 1.5 }, 'p')).toThrow(ContractError);
  });
});
