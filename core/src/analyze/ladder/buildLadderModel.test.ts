import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../../correlate/correlator.ts';
import type { CorrelationModel, RecordLookup } from '../../correlate/model.ts';
import { answeredWith200Retransmissions, Flow } from '../../correlate/testFlows.ts';
import { forkedCall } from '../../correlate/testFlowsMore.ts';
import { analyzeCaptureBytes } from '../../pipeline/captureAnalysis.ts';
import type { MessageRecord } from '../../sip/messageRecord.ts';
import { buildLadderModel, recordsOfCalls } from './buildLadderModel.ts';

const TRAPEZOID = new URL('../../../../fixtures/samples/trapezoid/trapezoid.pcap', import.meta.url);

function source(records: readonly MessageRecord[]): { model: CorrelationModel; lookup: RecordLookup } {
  const c = new Correlator();
  c.addAll(records);
  return { model: c.finish(), lookup: (i) => records[i] };
}

const all = (model: CorrelationModel): number[] => recordsOfCalls(model, []);

describe('the ladder model of the RFC 3261 §24.2 trapezoid', () => {
  const analysis = analyzeCaptureBytes(new Uint8Array(readFileSync(TRAPEZOID)));
  const ladder = buildLadderModel(analysis, all(analysis.model));

  it('has one lane per node, caller first, in order of appearance', () => {
    expect(ladder.lanes.map((l) => l.endpoints)).toEqual([['192.0.2.1:5060'], ['192.0.2.2:5060'], ['192.0.2.3:5060'], ['192.0.2.4:5060']]);
    expect(ladder.lanes.map((l) => l.role)).toEqual(['ua', 'statefulProxy', 'statefulProxy', 'ua']);
    expect(ladder.lanes[1]!.hostnames).toEqual(['bigbox3.site3.atlanta.example.com']);
    expect(ladder.lanes.map((l) => l.id)).toEqual([0, 1, 2, 3]);
  });

  it('draws one row per message with its lanes, kind, words and correlation ids', () => {
    expect(ladder.rows).toHaveLength(14);
    expect(ladder.messages).toBe(14);
    expect(ladder.rows.map((r) => [r.from, r.to])).toEqual([
      [0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [3, 2], [2, 1], [1, 0], [3, 2], [2, 1], [1, 0], [0, 3], [3, 0], [0, 3],
    ]);
    const invite = ladder.rows[4]!;
    expect(invite).toMatchObject({ kind: 'request', method: 'INVITE', requestUri: 'sip:bob@192.0.2.4', transaction: 2, depth: 2, dialog: 0, call: 0, leg: 0, hop: 4, counterpart: 2, sdp: true });
    expect(invite.sdpCodecs).toEqual(['PCMU/8000']);
    expect(ladder.rows[5]).toMatchObject({ kind: 'response', method: 'INVITE', statusCode: 180, reasonPhrase: 'Ringing', sdp: false });
    expect(ladder.rows.every((r) => r.retransmissions.length === 0 && r.retransmissionOf === -1)).toBe(true);
  });

  it('brackets each transaction on each hop from its first row to its last', () => {
    expect(ladder.brackets.map((b) => [b.method, b.transaction, b.depth, b.firstRow, b.lastRow])).toEqual([
      ['INVITE', 0, 0, 0, 10], ['INVITE', 1, 1, 2, 9], ['INVITE', 2, 2, 4, 8], ['ACK', 3, 0, 11, 11], ['BYE', 4, 0, 12, 13],
    ]);
  });

  it('spans the one dialog over every row, unforked', () => {
    expect(ladder.dialogs).toEqual([expect.objectContaining({ dialog: 0, firstRow: 0, lastRow: 13, forked: false, fork: 0, forks: 1, calleeTag: 'a6c85cf' })]);
    expect(ladder.calls).toEqual([0]);
    expect(ladder.start).toEqual(analysis.records[0]!.timestamp);
  });

  it('gives the same lanes whatever order the indices come in, and ignores unknown or repeated ones', () => {
    const shuffled = buildLadderModel(analysis, [13, 2, 0, 5, 99, -1, 2, 7.5]);
    expect(shuffled.rows.map((r) => r.index)).toEqual([0, 2, 5, 13]);
    expect(shuffled.messages).toBe(4);
  });

  it('merges by host or splits by host and port on request', () => {
    expect(buildLadderModel(analysis, all(analysis.model), { merge: 'host' }).lanes.map((l) => l.key)).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4']);
    expect(buildLadderModel(analysis, all(analysis.model), { merge: 'hostPort' }).lanes.map((l) => l.key)).toEqual(['192.0.2.1:5060', '192.0.2.2:5060', '192.0.2.3:5060', '192.0.2.4:5060']);
  });
});

describe('folding retransmissions', () => {
  // The 200 OK is sent four times (RFC 3261 §13.3.1.4) until the ACK arrives.
  const src = source(answeredWith200Retransmissions());

  it('folds the three retransmissions of the 200 OK into its first row with their record indices', () => {
    const ladder = buildLadderModel(src, all(src.model));
    expect(ladder.messages).toBe(src.model.records);
    expect(ladder.rows).toHaveLength(src.model.records - 3);
    const ok = ladder.rows.find((r) => r.statusCode === 200 && r.method === 'INVITE')!;
    expect(ok.retransmissions).toHaveLength(3);
    expect(ok.retransmissions.every((i) => src.model.columns.retransmissionOf[i] === ok.index)).toBe(true);
  });

  it('draws each copy on its own row, marked, when folding is off', () => {
    const ladder = buildLadderModel(src, all(src.model), { foldRetransmissions: false });
    expect(ladder.rows).toHaveLength(src.model.records);
    expect(ladder.rows.filter((r) => r.retransmissionOf >= 0)).toHaveLength(3);
  });

  it('draws a retransmission whose first copy is not selected as a row of its own', () => {
    const retransmission = src.model.columns.retransmissionOf.findIndex((of) => of >= 0);
    const ladder = buildLadderModel(src, [retransmission]);
    expect(ladder.rows).toEqual([expect.objectContaining({ index: retransmission, retransmissionOf: src.model.columns.retransmissionOf[retransmission] })]);
  });
});

describe('forks', () => {
  it('tells the dialogs of a forked INVITE apart and numbers them', () => {
    const src = source(forkedCall());
    const ladder = buildLadderModel(src, all(src.model));
    const forked = ladder.dialogs.filter((d) => d.forked);
    expect(forked.length).toBe(2);
    expect(forked.map((d) => [d.fork, d.forks])).toEqual([[0, 2], [1, 2]]);
    expect(new Set(forked.map((d) => d.calleeTag)).size).toBe(2);
  });
});

describe('lanes of several addresses', () => {
  // One host answering from its SIP port and sending from an ephemeral one (a TCP client, say).
  const f = new Flow();
  const spec = { via: ['10.1.0.1:5060;branch=z9hG4bK-m1'], maxForwards: 70, from: '<sip:a@d>;tag=1', to: '<sip:b@d>', callId: 'm-1', cseq: '1 OPTIONS' };
  f.send({ start: 'OPTIONS sip:b@10.1.0.2', ...spec }, '10.1.0.1:40000', '10.1.0.2:5060', 0);
  f.send({ start: 'SIP/2.0 200 OK', ...spec, to: '<sip:b@d>;tag=2' }, '10.1.0.2:5060', '10.1.0.1:40000', 5);
  f.send({ start: 'OPTIONS sip:b@10.1.0.2', ...spec, via: ['10.1.0.1:5060;branch=z9hG4bK-m2'], cseq: '2 OPTIONS' }, '10.1.0.1:5060', '10.1.0.2:5060', 10);
  const src = source(f.records);

  it('keeps host:port lanes apart and merges them by host', () => {
    expect(buildLadderModel(src, all(src.model), { merge: 'hostPort' }).lanes).toHaveLength(3);
    const byHost = buildLadderModel(src, all(src.model), { merge: 'host' });
    expect(byHost.lanes).toHaveLength(2);
    expect(byHost.lanes[0]).toMatchObject({ key: '10.1.0.1', endpoints: ['10.1.0.1:40000', '10.1.0.1:5060'], endpointCount: 2 });
  });
});

describe('selecting calls', () => {
  const analysis = analyzeCaptureBytes(new Uint8Array(readFileSync(TRAPEZOID)));

  it('takes every message for no calls, a call\'s messages for its id, nothing for an unknown id', () => {
    expect(recordsOfCalls(analysis.model, [])).toHaveLength(14);
    expect(recordsOfCalls(analysis.model, [0])).toHaveLength(14);
    expect(recordsOfCalls(analysis.model, [7])).toEqual([]);
  });

  it('builds an empty ladder from no messages', () => {
    expect(buildLadderModel(analysis, [])).toMatchObject({ lanes: [], rows: [], brackets: [], dialogs: [], messages: 0 });
  });
});
