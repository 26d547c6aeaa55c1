import { describe, expect, it } from 'vitest';
import { Correlator } from './correlator.ts';
import { issuesByRecord, recordAnnotation } from './recordAnnotation.ts';
import { answeredWith200Retransmissions } from './testFlows.ts';

describe('recordAnnotation', () => {
  const records = answeredWith200Retransmissions();
  const c = new Correlator();
  c.addAll(records);
  const model = c.finish();

  it('describes a retransmitted 2xx: same transaction, retransmission of the first, request frame of the INVITE', () => {
    expect(recordAnnotation(model, 3, (i) => records[i])).toMatchObject({
      index: 3, transaction: 0, logicalTransaction: 0, dialog: 0, call: 0, retransmission: true, retransmissionOf: 2,
      transactionRequestFrame: 1, requestFrame: 1, srcNode: 1, dstNode: 0, issues: [],
    });
  });

  it('leaves out what does not apply to a request', () => {
    const first = recordAnnotation(model, 0, (i) => records[i], issuesByRecord(model));
    expect(first.retransmission).toBe(false);
    expect(first.requestFrame).toBeUndefined();
    expect(first.transactionRequestFrame).toBeUndefined();
    expect(first.usage).toBeUndefined();
    expect(first.hop?.pushedVia).toBe('SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-r1');
  });

  it('returns an empty annotation for an index outside the capture', () => {
    expect(recordAnnotation(model, 999, (i) => records[i])).toEqual({ index: 999, retransmission: false, issues: [] });
  });
});
