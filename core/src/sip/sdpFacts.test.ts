import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SDP_GRAMMAR_READY, extractSdpFacts } from './sdpFacts.ts';

const sdp = (...lines: string[]): string => `${lines.join('\r\n')}\r\n`;

describe('extractSdpFacts', () => {
  it('finds the grammar it needs in sdp-transform', () => {
    expect(SDP_GRAMMAR_READY).toBe(true);
  });

  it('reads connection, media, codecs in offer order and direction', () => {
    const parsed = extractSdpFacts(sdp(
      'v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0',
      'm=audio 49170 RTP/AVP 0 8 97 101', 'a=rtpmap:97 opus/48000/2', 'a=rtpmap:101 telephone-event/8000', 'a=sendonly',
      'm=video 51372 RTP/AVP 31', 'c=IN IP6 2001:db8::1',
    ));
    expect(parsed.problem).toBeUndefined();
    expect(parsed.facts).toEqual({
      connectionAddress: '192.0.2.1',
      media: [
        { type: 'audio', port: 49170, protocol: 'RTP/AVP', codecs: ['PCMU/8000', 'PCMA/8000', 'opus/48000/2', 'telephone-event/8000'], direction: 'sendonly' },
        { type: 'video', port: 51372, protocol: 'RTP/AVP', codecs: ['H261/90000'], direction: 'sendrecv', connectionAddress: '2001:db8::1' },
      ],
    });
  });

  it('names static payload types without rtpmap (RFC 3551) and keeps unknown formats as written', () => {
    const media = extractSdpFacts(sdp('v=0', 'm=audio 1 RTP/AVP 0 3 4 8 9 18 96', 'm=image 2 udptl t38')).facts!.media;
    expect(media[0]!.codecs).toEqual(['PCMU/8000', 'GSM/8000', 'G723/8000', 'PCMA/8000', 'G722/8000', 'G729/8000', '96']);
    expect(media[1]!.codecs).toEqual(['t38']);
  });

  it('lets an rtpmap override a static payload type and accepts one without a rate', () => {
    expect(extractSdpFacts(sdp('v=0', 'm=video 3227 RTP/AVP 31', 'a=rtpmap:31 LPC')).facts!.media[0]!.codecs).toEqual(['LPC']);
  });

  it('takes the session-level direction when a media has none, and the first media connection when the session has none', () => {
    const facts = extractSdpFacts(sdp('v=0', 'a=inactive', 'm=audio 1 RTP/AVP 0', 'c=IN IP4 192.0.2.7', 'm=audio 2 RTP/AVP 0', 'a=recvonly')).facts!;
    expect(facts.media.map((m) => m.direction)).toEqual(['inactive', 'recvonly']);
    expect(facts.connectionAddress).toBe('192.0.2.7');
  });

  it('accepts LF line ends', () => {
    expect(extractSdpFacts('v=0\nc=IN IP4 192.0.2.9\nm=audio 5 RTP/AVP 8\n').facts).toMatchObject({ connectionAddress: '192.0.2.9', media: [{ port: 5 }] });
  });

  it('reports malformed descriptions and keeps what it could read', () => {
    expect(extractSdpFacts(sdp('v=0', 'm =video 3227 RTP/AVP 31')).problem).toMatch(/type=value/);
    expect(extractSdpFacts(sdp('o=- 1 1 IN IP4 h', 'v=0')).problem).toMatch(/start with v=/);
    expect(extractSdpFacts('<audio><pcmu port="443"/></audio>').problem).toBeDefined();
    const badMedia = extractSdpFacts(sdp('v=0', 'm=audio', 'm=audio 4 RTP/AVP 0'));
    expect(badMedia.problem).toMatch(/m= line/);
    expect(badMedia.facts!.media).toHaveLength(1);
    expect(extractSdpFacts('').problem).toBe('no v= line');
  });

  it('never throws', () => {
    const line = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('v=0', 'm=audio 1 RTP/AVP 0', 'a=rtpmap:', 'c=IN IP4', 'a=sendonly'));
    fc.assert(fc.property(fc.array(line, { maxLength: 10 }), (lines) => {
      extractSdpFacts(lines.join('\r\n'));
    }), { numRuns: 2000 });
  });
});
