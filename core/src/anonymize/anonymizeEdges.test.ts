/**
 * The anonymiser beyond the golden scenarios: IPv6, IP fragments, TCP segments cutting a value in two and
 * retransmitted, frames without SIP (RTP, ARP), pcapng and gzip input, Linux cooked capture, SIP text, and
 * inputs that are not captures at all. Captures are built with the flow builder (core/testkit/flow).
 */
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../capture/readFrames.ts';
import { analyzeCaptureBytes } from '../pipeline/captureAnalysis.ts';
import { hex } from '../shared/bytes.ts';
import { buildFlow } from '../../testkit/flow/buildFlow.ts';
import type { FlowDescription } from '../../testkit/flow/flowTypes.ts';
import { anonymizeCapture } from './anonymizeCapture.ts';
import { foldChecksum, onesSum } from './checksums.ts';
import { locateFrame } from './frameLayout.ts';

const SECRET = 'edges';
const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

const invite = (from: string, to: string, callId: string, extra = '') => `INVITE sip:carol@${to} SIP/2.0
Via: SIP/2.0/UDP ${from};branch=z9hG4bKfirstbranch77
Max-Forwards: 70
From: "Daniel Smith" <sip:daniel.smith@${from}>;tag=tagdaniel42
To: <sip:carol@${to}>
Call-ID: ${callId}
CSeq: 7 INVITE
Contact: <sip:daniel.smith@${from}>
${extra}Content-Type: application/sdp

v=0
o=daniel 12 12 IN IP${from.startsWith('[') ? 6 : 4} ${from.replace(/[[\]]|:\d+$/g, '').replace(/\]$/, '')}
s=-
c=IN IP${from.startsWith('[') ? 6 : 4} ${from.replace(/^\[|\](:\d+)?$|:\d+$/g, '')}
t=0 0
m=audio 4000 RTP/AVP 0
a=rtpmap:0 PCMU/8000
`;

const ok = (from: string, to: string, callId: string) => `SIP/2.0 200 OK
Via: SIP/2.0/UDP ${from};branch=z9hG4bKfirstbranch77
From: "Daniel Smith" <sip:daniel.smith@${from}>;tag=tagdaniel42
To: <sip:carol@${to}>;tag=tagcarol99
Call-ID: ${callId}
CSeq: 7 INVITE
Contact: <sip:carol@${to}>
Content-Length: 0

`;

function build(description: Partial<FlowDescription> & Pick<FlowDescription, 'messages'>): Uint8Array {
  return buildFlow({ nodes: { daniel: '198.51.100.77:5060', carol: '203.0.113.42:5060' }, ...description } as FlowDescription).bytes;
}

/** Every IPv4 header and UDP/TCP checksum of every frame sums to zero (fragments: the header only). */
function checksumsValid(capture: Uint8Array): boolean {
  for (const f of readCapture(capture).frames) {
    const located = locateFrame(f.data, f.linkType);
    if ('unsupported' in located) return false;
    const l = located.layout;
    if (l.version === 4 && foldChecksum(onesSum(f.data, l.ipOffset, l.l4Offset)) !== 0) return false;
    if (l.fragment !== undefined) continue;
    const size = l.version === 4 ? 4 : 16;
    let pseudo = onesSum(f.data, l.srcOffset, l.srcOffset + size) + onesSum(f.data, l.dstOffset, l.dstOffset + size) + l.protocol + l.l4Length;
    pseudo = onesSum(f.data, l.l4Offset, l.l4End, pseudo);
    if (foldChecksum(pseudo) !== 0) return false;
  }
  return true;
}

describe('anonymising unusual captures', () => {
  it('cleans IPv6 addresses in the IP header, the SIP headers and the SDP', () => {
    const a = '[2001:db8:0:1::77]:5060';
    const b = '[2001:db8:0:2::42]:5060';
    const bytes = buildFlow({
      nodes: { daniel: a, carol: b },
      messages: [{ from: 'daniel', to: 'carol', text: invite(a, b, 'ipv6call@host') }, { from: 'carol', to: 'daniel', text: ok(a, b, 'ipv6call@host') }],
    }).bytes;
    const result = anonymizeCapture(bytes, { secret: SECRET });
    const text = latin1(result.bytes);
    for (const v of ['2001:db8:0:1::77', '2001:db8:0:2::42', 'daniel.smith', 'Daniel Smith', 'ipv6call', 'tagdaniel42', 'firstbranch77']) expect(text).not.toContain(v);
    expect(Buffer.from(result.bytes).indexOf(hex('20 01 0d b8 00 00 00 01'))).toBe(-1);
    const after = analyzeCaptureBytes(result.bytes);
    expect(after.model.transactions.map((t) => `${t.method} ${t.finalStatus}`)).toEqual(['INVITE 200']);
    expect(after.records[0]!.facts.sdp?.connectionAddress).toBe(after.records[0]!.src.ip);
    expect(result.issues).toEqual([]);
    expect(checksumsValid(result.bytes)).toBe(true);
  });

  it('puts IP fragments back together to clean a value cut in two, and sums the whole datagram', () => {
    const callId = 'fragmentedcallidentifier@198.51.100.77';
    const bytes = build({ messages: [{ from: 'daniel', to: 'carol', text: invite('198.51.100.77:5060', '203.0.113.42:5060', callId, `X-Pad: ${'p'.repeat(200)}\n`), fragment: 300 }] });
    expect(readCapture(bytes).frames.length).toBeGreaterThan(1);
    const result = anonymizeCapture(bytes, { secret: SECRET });
    expect(result.framesOut).toBe(result.framesIn);
    expect(latin1(result.bytes)).not.toContain('fragmentedcallidentifier');
    expect(latin1(result.bytes)).not.toContain('198.51.100.77');
    const after = analyzeCaptureBytes(result.bytes);
    expect(after.records).toHaveLength(1);
    expect(after.records[0]!.facts.callId).toMatch(/^[a-z]{24}@\d{3}\.\d{2}\.\d{3}\.\d{2}$/);
    expect(after.records[0]!.issues).toEqual([]);
  });

  it('follows a TCP stream across segments and retransmissions', () => {
    const callId = 'tcpstreamcallidentifier@example.org';
    const text = invite('198.51.100.77:5060', '203.0.113.42:5060', callId).replace(/UDP/g, 'TCP');
    const at = text.indexOf('streamcall') + 4;
    const bytes = build({ messages: [{ from: 'daniel', to: 'carol', transport: 'tcp', text, segments: [at], duplicate: 0 }] });
    const result = anonymizeCapture(bytes, { secret: SECRET });
    const out = latin1(result.bytes);
    expect(out).not.toContain('tcpstreamcallidentifier');
    expect(out).not.toContain('tcps');
    expect(out).not.toContain('treamcallidentifier');
    expect(result.framesOut).toBe(result.framesIn);
    const before = analyzeCaptureBytes(bytes);
    const after = analyzeCaptureBytes(result.bytes);
    expect(after.records.map((r) => r.facts.method)).toEqual(before.records.map((r) => r.facts.method));
    expect(after.records[0]!.facts.callId).toBe(result.tables.tokens.get(callId));
    expect(checksumsValid(result.bytes)).toBe(true);
  });

  it('leaves out RTP and ARP, and says so', () => {
    const arp = 'ff ff ff ff ff ff 02 00 c6 33 64 4d 08 06 00 01 08 00 06 04 00 01 02 00 c6 33 64 4d c6 33 64 4d 00 00 00 00 00 00 cb 00 71 2a';
    const bytes = build({
      messages: [
        { frame: arp },
        { from: 'daniel', to: 'carol', text: invite('198.51.100.77:5060', '203.0.113.42:5060', 'rtp-call') },
        { from: '198.51.100.77:4000', to: '203.0.113.42:4000', bytes: '80 00 00 01 00 00 00 a0 12 34 56 78 ff ff ff ff' },
      ],
    });
    const result = anonymizeCapture(bytes, { secret: SECRET });
    expect(result.framesIn).toBe(3);
    expect(result.framesOut).toBe(1);
    expect(result.dropped).toEqual({ 'ethertype 0x0806': 1, 'UDP without plain SIP (RTP, HEP, DNS, …)': 1 });
    expect(result.issues.map((i) => i.code)).toEqual(['anonymize.frames_dropped']);
    expect(Buffer.from(result.bytes).indexOf(hex('c6 33 64 4d'))).toBe(-1);
  });

  it('keeps pcapng as pcapng, with its interfaces and nanosecond times', () => {
    const bytes = build({ format: 'pcapng', messages: [{ from: 'daniel', to: 'carol', text: invite('198.51.100.77:5060', '203.0.113.42:5060', 'ng-call'), at: 0.123456789 }] });
    const result = anonymizeCapture(bytes, { secret: SECRET });
    expect(result.format).toBe('pcapng');
    const [before, after] = [readCapture(bytes).frames[0]!, readCapture(result.bytes).frames[0]!];
    expect(after.timestamp).toEqual(before.timestamp);
    expect(after.linkType).toBe(before.linkType);
  });

  it('reads gzip and Linux cooked captures', () => {
    const sll = build({ link: 'sll', messages: [{ from: 'daniel', to: 'carol', text: invite('198.51.100.77:5060', '203.0.113.42:5060', 'sll-call') }] });
    const result = anonymizeCapture(gzipSync(sll), { secret: SECRET });
    expect(result.format).toBe('pcap');
    expect(readCapture(result.bytes).frames[0]!.linkType).toBe(113);
    expect(latin1(result.bytes)).not.toContain('198.51.100.77');
    expect(Buffer.from(result.bytes).indexOf(hex('c6 33 64 4d'))).toBe(-1);
    expect(checksumsValid(result.bytes)).toBe(true);
  });

  it('anonymises SIP text as text', () => {
    const text = invite('198.51.100.77:5060', '203.0.113.42:5060', 'text-call-0001').replace(/\n/g, '\r\n');
    const result = anonymizeCapture(new TextEncoder().encode(text), { secret: SECRET });
    expect(result.format).toBe('sip-text');
    const out = latin1(result.bytes);
    expect(out.length).toBe(text.length);
    expect(out).toMatch(/^INVITE sip:[a-z]{5}@\d{3}\.\d\.\d{3}\.\d{2}:5060 SIP\/2\.0\r\n/);
    for (const v of ['carol', 'daniel', 'Smith', 'text-call-0001', '198.51.100.77', 'tagdaniel42']) expect(out).not.toContain(v);
    expect(out).toContain('Content-Type: application/sdp');
    expect(out).toContain('CSeq: 7 INVITE');
  });

  it('refuses what is not a capture, without throwing', () => {
    for (const input of [new Uint8Array(0), hex('00 01 02 03 04 05 06 07'), hex('d4 c3 b2 a1 02 00')]) {
      const result = anonymizeCapture(input, { secret: SECRET });
      expect(result.framesOut).toBe(0);
      if (result.format === 'none') expect(result.issues.map((i) => i.code)).toEqual(['anonymize.not_a_capture']);
    }
  });

  it('sets the checksum of a packet the capture cut short to 0 rather than leave the old one', () => {
    const bytes = build({ messages: [{ from: 'daniel', to: 'carol', text: invite('198.51.100.77:5060', '203.0.113.42:5060', 'cut-call'), truncate: 200 }] });
    const result = anonymizeCapture(bytes, { secret: SECRET });
    const frame = readCapture(result.bytes).frames[0]!;
    expect(frame.data.length).toBe(200);
    expect(frame.data[14 + 20 + 6]).toBe(0);
    expect(frame.data[14 + 20 + 7]).toBe(0);
    expect(result.issues.map((i) => i.code)).toContain('anonymize.checksum_unknown');
  });
});

describe('locateFrame', () => {
  it('finds IPv4 behind Ethernet and a VLAN tag', () => {
    // Ethernet dst, src, 802.1Q tag (VLAN 100), ethertype IPv4, then a 20-byte IPv4 header (UDP, 28 bytes).
    const frame = hex(`02 00 00 00 00 01  02 00 00 00 00 02  81 00 00 64  08 00
      45 00 00 1c 00 01 00 00 40 11 00 00 c0 00 02 01 c0 00 02 02  13 c4 13 c4 00 08 00 00`);
    const located = locateFrame(frame, 1);
    expect('layout' in located && located.layout).toMatchObject({ version: 4, ipOffset: 18, srcOffset: 30, protocol: 17, l4Offset: 38, l4Length: 8, macs: [0, 6] });
  });

  it('says why it cannot rewrite a frame', () => {
    expect(locateFrame(hex('02 00 00 00 00 01 02 00 00 00 00 02 08 06'), 1)).toEqual({ unsupported: 'ethertype 0x0806' });
    expect(locateFrame(hex('02 00 00 00'), 1)).toEqual({ unsupported: 'truncated link header' });
    expect(locateFrame(hex('45 00'), 101)).toEqual({ unsupported: 'truncated IPv4 header' });
    expect(locateFrame(hex('75 00 00 00'), 101)).toEqual({ unsupported: 'IP version 7' });
    expect(locateFrame(hex('00'), 147)).toEqual({ unsupported: 'link type 147' });
  });
});
