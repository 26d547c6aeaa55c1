import { describe, expect, it } from 'vitest';
import { makeTimestamp } from '../shared/time.ts';
import { LedgerTable } from './ledgerTable.ts';
import { newLedger } from './settledGroup.ts';

describe('LedgerTable', () => {
  it('gives back what was set for a group, flags and start time included', () => {
    const table = new LedgerTable();
    const ledger = { ...newLedger(), firstAttempt: 7, firstStart: makeTimestamp(1_700_000_123, 456_789_000), answer: 7, answerStatus: 200, final: 9, finalStatus: 486, cancelled: true, ringing: false, confirmed: true };
    table.set(3, ledger);
    expect(table.get(3)).toEqual(ledger);
  });

  it('answers an empty ledger for groups never set, below and beyond those that were', () => {
    const table = new LedgerTable();
    table.set(5, { ...newLedger(), final: 1, finalStatus: 603 });
    expect(table.get(2)).toEqual(newLedger());
    expect(table.get(50_000)).toEqual(newLedger());
    expect(table.get(-1)).toEqual(newLedger());
  });

  it('keeps earlier groups when it grows past its first capacity', () => {
    const table = new LedgerTable();
    for (let g = 0; g < 5000; g += 3) table.set(g, { ...newLedger(), firstAttempt: g, firstStart: makeTimestamp(g, g), answer: -1, finalStatus: g % 700 });
    for (let g = 0; g < 5000; g += 3) expect(table.get(g)).toMatchObject({ firstAttempt: g, firstStart: makeTimestamp(g, g), finalStatus: g % 700 });
    expect(table.get(1).firstAttempt).toBe(-1);
  });
});
