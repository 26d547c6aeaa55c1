import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNodeAddress } from '../../testkit/flow/address.ts';
import { encodeHep3 } from '../../testkit/flow/hep3.ts';
import { callTexts } from '../../testkit/flow/sampleCall.ts';
import { normaliseSipText } from '../../testkit/flow/sipText.ts';
import { hex } from '../shared/bytes.ts';
import { formatEndpoint } from '../shared/endpoint.ts';
import { HepIntake } from './hepIntake.ts';

const RECEIVED = { seconds: 1_900_000_000, nanoseconds: 0 };
const LOCAL = { ip: '127.0.0.1', port: 9060 };
const PEER = { ip: '127.0.0.1', port: 40000 };
const texts = callTexts({ caller: '10.1.2.3:5060', callee: '[2001:db8::30]:5080', via: 'UDP', callId: 'hep-call-1' });
const sip = (text: string): Uint8Array => normaliseSipText(text);

function hep3(text: string, src: string, dst: string, seconds: number, microseconds: number, ipProtocol = 17): Uint8Array {
  return encodeHep3({ src: parseNodeAddress(src), dst: parseNodeAddress(dst), ipProtocol, seconds, microseconds, agentId: 2001, payload: sip(text) });
}

/** HEPv2 (Kamailio hep_hdr + hep_timehdr, times little-endian as senders write them) for IPv4. */
function hep2(text: string, seconds: number, microseconds: number): Uint8Array {
  const payload = sip(text);
  const out = new Uint8Array(28 + payload.length);
  const view = new DataView(out.buffer);
  out.set([2, 16, 2, 17], 0); // version 2, header length, AF_INET, UDP
  view.setUint16(4, 5060);
  view.setUint16(6, 5080);
  out.set([10, 1, 2, 3, 10, 9, 8, 7], 8); // src 10.1.2.3, dst 10.9.8.7
  view.setUint32(16, seconds, true);
  view.setUint32(20, microseconds, true);
  view.setUint16(24, 7, true); // capture id
  out.set(payload, 28);
  return out;
}

describe('HepIntake', () => {
  it('gives each HEPv3 datagram\'s SIP message the original addresses, transport and time, not the receiver\'s', () => {
    const intake = new HepIntake();
    const records = intake.datagram(hep3(texts.invite, '[2001:db8::10]:5060', '[2001:db8::30]:5080', 1_700_000_000, 123_456, 6), RECEIVED);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect([formatEndpoint(r.src), formatEndpoint(r.dst), r.transport, r.timestamp, r.encapsulation, r.frame])
      .toEqual(['[2001:db8::10]:5060', '[2001:db8::30]:5080', 'tcp', { seconds: 1_700_000_000, nanoseconds: 123_456_000 }, ['hep3'], 1]);
    expect(r.facts.method).toBe('INVITE');
    expect(intake.stats()).toMatchObject({ packets: 1, sipMessages: 1 });
  });

  it('reads HEPv2 datagrams with their little-endian times', () => {
    const records = new HepIntake().datagram(hep2(texts.ringing, 1_700_000_001, 5), RECEIVED);
    expect(records.map((r) => [formatEndpoint(r.src), formatEndpoint(r.dst), r.timestamp.seconds, r.timestamp.nanoseconds, r.facts.statusCode, r.encapsulation]))
      .toEqual([['10.1.2.3:5060', '10.9.8.7:5080', 1_700_000_001, 5000, 180, ['hep2']]]);
  });

  it('numbers messages in arrival order across datagrams and TCP connections', () => {
    const intake = new HepIntake();
    const a = intake.datagram(hep3(texts.invite, '10.1.2.3:5060', '10.9.8.7:5060', 100, 0), RECEIVED);
    const b = intake.stream('c1', hep3(texts.trying, '10.9.8.7:5060', '10.1.2.3:5060', 100, 10), RECEIVED, PEER, LOCAL);
    expect([...a, ...b].map((r) => [r.index, r.frame])).toEqual([[0, 1], [1, 2]]);
  });

  it('frames HEP3 packets over TCP whatever the reads split them into', () => {
    const stream = new Uint8Array([
      ...hep3(texts.invite, '10.1.2.3:5060', '10.9.8.7:5060', 100, 0),
      ...hep3(texts.ok, '10.9.8.7:5060', '10.1.2.3:5060', 100, 20_000),
      ...hep3(texts.ack, '10.1.2.3:5060', '10.9.8.7:5060', 100, 30_000),
    ]);
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }), (cuts) => {
      const intake = new HepIntake();
      const bounds = [0, ...cuts.sort((x, y) => x - y), stream.length];
      const records = [];
      for (let i = 0; i + 1 < bounds.length; i++) records.push(...intake.stream('conn', stream.subarray(bounds[i], bounds[i + 1]), RECEIVED, PEER, LOCAL));
      records.push(...intake.end());
      expect(records.map((r) => r.facts.method ?? r.facts.statusCode)).toEqual(['INVITE', 200, 'ACK']);
      expect(intake.stats().issues).toEqual({});
    }), { numRuns: 100 });
  });

  it('reports a truncated HEP3 packet and garbage as issues, never throwing', () => {
    const intake = new HepIntake();
    const whole = hep3(texts.bye, '10.1.2.3:5060', '10.9.8.7:5060', 100, 0);
    expect(intake.datagram(whole.subarray(0, 30), RECEIVED)).toEqual([]);
    expect(intake.datagram(hex('de ad be ef 00 01'), RECEIVED)).toEqual([]); // not HEP at all
    expect(intake.datagram(new Uint8Array(0), RECEIVED)).toEqual([]);
    expect(Object.keys(intake.stats().issues).every((code) => code.startsWith('hep.'))).toBe(true);
    expect(Object.values(intake.stats().issues).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const fuzz = new HepIntake();
      fuzz.datagram(bytes, RECEIVED);
      fuzz.stream('x', bytes, RECEIVED, PEER, LOCAL);
      fuzz.end();
    }));
  });
});
