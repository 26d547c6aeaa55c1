import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFilterData } from '../analyze/filter/filterData.ts';
import { analyzeCaptureBytes } from '../pipeline/captureAnalysis.ts';
import { csvCell, csvHeader, csvLine, csvPieces, CSV_TABLES } from './csvExport.ts';

// RFC 3261 §24.2 trapezoid: one call, 14 messages, four nodes.
const a = analyzeCaptureBytes(new Uint8Array(readFileSync(new URL('../../../fixtures/samples/trapezoid/trapezoid.pcap', import.meta.url))));
const src = { data: buildFilterData(a.model, a.analysis, a.lookup), precisionDigits: 6 };

describe('CSV export', () => {
  it('quotes cells that hold commas, quotes or line breaks (RFC 4180), and joins lists with spaces', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('"Bob" <sip:bob@b>, x')).toBe('"""Bob"" <sip:bob@b>, x"');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['PCMU/8000', 'PCMA/8000'])).toBe('PCMU/8000 PCMA/8000');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(false)).toBe('false');
  });

  it('writes a line per item under a header with the same number of columns', () => {
    for (const table of CSV_TABLES) {
      const text = [...csvPieces(src, table, src.data.rows)].join('');
      const lines = text.trimEnd().split('\n');
      expect(lines[0]).toBe(csvHeader(table));
      expect(lines.length).toBeGreaterThan(1);
    }
    const messages = [...csvPieces(src, 'messages', src.data.rows)].join('').trimEnd().split('\n');
    expect(messages).toHaveLength(15);
    expect(messages[1]).toMatch(/^0,1,1,,,1709287200\.000000,192\.0\.2\.1:5060,192\.0\.2\.2:5060,udp,INVITE,sip:bob@biloxi\.example\.com,,,a84b4c76e66710,314159 INVITE,/);
  });

  it('takes its columns from the JSON objects', () => {
    expect(csvLine('nodes', { id: 3, name: 'n', role: 'ua', roles: ['ua'], endpoints: ['1.2.3.4:5060', '[::1]:5060'], hostnames: [], userAgents: ['X, Y'] }))
      .toBe('3,n,ua,ua,1.2.3.4:5060 [::1]:5060,,"X, Y"');
  });

  it('writes only the header for an empty selection', () => {
    expect([...csvPieces(src, 'calls', [])].join('')).toBe(csvHeader('calls') + '\n');
  });
});
