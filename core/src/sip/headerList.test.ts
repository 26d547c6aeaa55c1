import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitHeaderList } from './headerList.ts';

describe('splitHeaderList', () => {
  it('splits on commas and trims each entry', () => {
    expect(splitHeaderList('INVITE, ACK ,BYE')).toEqual(['INVITE', 'ACK', 'BYE']);
    expect(splitHeaderList(' single ')).toEqual(['single']);
  });

  it('does not split inside quoted strings, escaped quotes included', () => {
    expect(splitHeaderList('"Bell, Alexander" <sip:a@b>;tag=1, <sip:c@d>')).toEqual(['"Bell, Alexander" <sip:a@b>;tag=1', '<sip:c@d>']);
    expect(splitHeaderList('"a \\", b" <sip:a@b>, <sip:c@d>')).toEqual(['"a \\", b" <sip:a@b>', '<sip:c@d>']);
  });

  it('does not split inside < >, where URIs may hold commas', () => {
    expect(splitHeaderList('<sip:a,b@example.com;x=1,2>, <sip:c@d>')).toEqual(['<sip:a,b@example.com;x=1,2>', '<sip:c@d>']);
  });

  it('keeps empty entries for the caller to report', () => {
    expect(splitHeaderList('SIP/2.0/UDP h;;,;,,')).toEqual(['SIP/2.0/UDP h;;', ';', '', '']);
  });

  it('takes the rest as one entry when a quote is never closed', () => {
    expect(splitHeaderList('"open, still open <sip:a@b>, x')).toEqual(['"open, still open <sip:a@b>, x']);
  });

  it('handles a million commas in one pass', () => {
    expect(splitHeaderList(','.repeat(1_000_000))).toHaveLength(1_000_001);
  });

  it('joins back to the same text when nothing needs trimming', () => {
    const entry = fc.stringMatching(/^[a-z<>" ,]{0,12}$/);
    fc.assert(fc.property(fc.array(entry, { maxLength: 8 }), (parts) => {
      const text = parts.join(',');
      const rejoined = splitHeaderList(text);
      expect(rejoined.join(',').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    }));
  });
});
