import { describe, expect, it } from 'vitest';
import { parseReasons } from './reasonHeader.ts';

describe('parseReasons', () => {
  it('reads protocol, cause and quoted text', () => {
    expect(parseReasons('Q.850;cause=16;text="Normal call clearing"')).toEqual([
      { protocol: 'Q.850', cause: 16, text: 'Normal call clearing', raw: 'Q.850;cause=16;text="Normal call clearing"' },
    ]);
  });

  it('splits several values on commas outside quotes', () => {
    const values = parseReasons('SIP;cause=200;text="Call completed, elsewhere", q.850;cause=26');
    expect(values.map((v) => [v.protocol, v.cause, v.text])).toEqual([['SIP', 200, 'Call completed, elsewhere'], ['Q.850', 26, undefined]]);
  });

  it('keeps a value without parameters, and garbage without throwing', () => {
    expect(parseReasons('preemption')).toEqual([{ protocol: 'PREEMPTION', raw: 'preemption' }]);
    expect(parseReasons(';;cause=x;text=')).toEqual([{ protocol: '', text: '', raw: ';;cause=x;text=' }]);
    expect(parseReasons('')).toEqual([]);
  });
});
