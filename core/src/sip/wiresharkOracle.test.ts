/**
 * Real SIP datagrams from the corpus against what tshark decoded from them (fixtures/messages/wireshark,
 * generated once with make-oracle.py; the tests do not run tshark).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractSipFacts } from './extractSipFacts.ts';
import { parseSipMessage } from './parseSipMessage.ts';

interface OracleMessage {
  readonly frame: number;
  readonly payload: string;
  readonly [field: string]: unknown;
}

function load(name: string): OracleMessage[] {
  const url = new URL(`../../../fixtures/messages/wireshark/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { messages: OracleMessage[] }).messages;
}

const bytesOf = (message: OracleMessage): Uint8Array => new Uint8Array(Buffer.from(message.payload, 'base64'));
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

describe('agreement with Wireshark on real captures', () => {
  for (const name of ['zeek-sip-wireshark', 'wiki-T38', 'wiki-DTMFsipinfo']) {
    it(`${name}: every message gives tshark's method, status, Call-ID, CSeq, Request-URI, Via branches, Content-Length and SDP`, () => {
      const messages = load(name);
      expect(messages.length).toBeGreaterThan(10);
      for (const oracle of messages) {
        const parsed = parseSipMessage(bytesOf(oracle));
        expect(parsed.kind, `frame ${oracle.frame}`).toBe('message');
        if (parsed.kind !== 'message') continue;
        const facts = extractSipFacts(parsed.message, []);
        const seen: Record<string, unknown> = {
          'sip.Method': facts.method,
          'sip.Status-Code': facts.statusCode === undefined ? undefined : String(facts.statusCode),
          'sip.Call-ID': facts.callId,
          'sip.CSeq.seq': facts.cseqNumber === undefined ? undefined : String(facts.cseqNumber),
          'sip.CSeq.method': facts.cseqMethod,
          'sip.r-uri': facts.requestUri,
          'sip.Via.branch': facts.vias.flatMap((via) => (via.branch === undefined ? [] : [via.branch])),
          'sip.Content-Length': facts.contentLength === undefined ? undefined : String(facts.contentLength),
          'sdp.media.port': facts.sdp?.media.map((media) => String(media.port)),
        };
        for (const [field, value] of Object.entries(seen)) {
          if (oracle[field] !== undefined || value !== undefined) expect(value, `frame ${oracle.frame} ${field}`).toEqual(oracle[field]);
        }
        // tshark lists every c= line; each must be the session's or a media's connection address.
        const addresses = new Set([facts.sdp?.connectionAddress, ...(facts.sdp?.media ?? []).map((media) => media.connectionAddress)]);
        for (const address of (oracle['sdp.connection_info.address'] as string[] | undefined) ?? []) {
          expect(addresses.has(address), `frame ${oracle.frame} c=${address}`).toBe(true);
        }
      }
    });
  }

  it('ndpi fuzz capture: no exception, every datagram tshark calls SIP is SIP, and printable methods and status codes agree', () => {
    const messages = load('ndpi-fuzz-2006-06-26-2594');
    expect(messages).toHaveLength(52);
    let compared = 0;
    for (const oracle of messages) {
      const parsed = parseSipMessage(bytesOf(oracle));
      expect(parsed.kind, `frame ${oracle.frame}`).toBe('message');
      if (parsed.kind !== 'message') continue;
      const facts = extractSipFacts(parsed.message, [...parsed.issues]);
      for (const [field, value] of [['sip.Method', facts.method], ['sip.Status-Code', facts.statusCode?.toString()]] as const) {
        const wanted = oracle[field];
        if (typeof wanted === 'string' && PRINTABLE_ASCII.test(wanted)) {
          expect(value, `frame ${oracle.frame} ${field}`).toBe(wanted);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(45);
  });
});
