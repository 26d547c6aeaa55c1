/** Small flows for the app's tests: a call whose INVITE is retransmitted, plus OPTIONS and REGISTER noise. */
import { buildFlowFile } from '../../core/testkit/flow/buildFlowFile.ts';

const invite = `INVITE sip:bob@b.example SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKr1
Max-Forwards: 70
From: <sip:alice@a.example>;tag=a1
To: <sip:bob@b.example>
Call-ID: retrans-1@a.example
CSeq: 1 INVITE
Contact: <sip:alice@192.0.2.10>
Content-Type: application/sdp

v=0
o=- 1 1 IN IP4 192.0.2.10
s=-
c=IN IP4 192.0.2.10
t=0 0
m=audio 4000 RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000`;

const response = (status: string, cseq: string, tag = ';tag=b1'): string => `SIP/2.0 ${status}
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK${cseq === '1 INVITE' ? 'r1' : 'r2'}
From: <sip:alice@a.example>;tag=a1
To: <sip:bob@b.example>${tag}
Call-ID: retrans-1@a.example
CSeq: ${cseq}`;

export const RETRANSMISSION_FLOW = `node alice 192.0.2.10:5060
node bob 192.0.2.40:5060
start 2024-03-01T10:00:00Z
link ethernet
format pcap
transport udp

--- alice -> bob @0.000
${invite}
--- alice -> bob @0.500
${invite}
--- bob -> alice @0.510
${response('180 Ringing', '1 INVITE')}
--- bob -> alice @1.000
${response('486 Busy Here', '1 INVITE')}
--- alice -> bob @1.010
ACK sip:bob@b.example SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKr1
Max-Forwards: 70
From: <sip:alice@a.example>;tag=a1
To: <sip:bob@b.example>;tag=b1
Call-ID: retrans-1@a.example
CSeq: 1 ACK
--- alice -> bob @2.000
OPTIONS sip:bob@b.example SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKo1
Max-Forwards: 70
From: <sip:alice@a.example>;tag=o1
To: <sip:bob@b.example>
Call-ID: options-1@a.example
CSeq: 1 OPTIONS
--- bob -> alice @2.010
SIP/2.0 200 OK
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKo1
From: <sip:alice@a.example>;tag=o1
To: <sip:bob@b.example>;tag=o2
Call-ID: options-1@a.example
CSeq: 1 OPTIONS
`;

export function retransmissionCapture(): Uint8Array {
  return buildFlowFile(RETRANSMISSION_FLOW).bytes;
}
