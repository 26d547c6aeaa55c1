import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { canonicalTieOrder } from './tieOrder.ts';
import { trapezoid } from './testScenarios.ts';
import { statelessProxyBusy } from './testFlows.ts';

function label(r: MessageRecord): string {
  return `${r.facts.method ?? r.facts.statusCode}/${r.facts.vias.length}`;
}

describe('canonicalTieOrder', () => {
  it('puts requests before their responses, upstream copies before downstream ones, and ACK after the final', () => {
    const records = trapezoid();
    const reversed = [...records].reverse();
    expect(canonicalTieOrder(reversed).map(label)).toEqual([
      'INVITE/1', 'INVITE/2', 'INVITE/3', '100/1', '100/2', '180/3', '180/2', '180/1',
      '200/3', '200/2', '200/1', 'ACK/1', 'BYE/1', '200/1',
    ]);
  });

  it('gives the same order for any arrival order', () => {
    const records = statelessProxyBusy();
    const once = canonicalTieOrder(records).map((r) => r.index);
    const rotated = [...records.slice(3), ...records.slice(0, 3)];
    expect(canonicalTieOrder(rotated).map((r) => r.index)).toEqual(once);
    expect(canonicalTieOrder([...records].reverse()).map((r) => r.index)).toEqual(once);
  });

  it('leaves single records and empty groups alone', () => {
    const [first] = trapezoid();
    expect(canonicalTieOrder([first!])).toEqual([first]);
    expect(canonicalTieOrder([])).toEqual([]);
  });
});
