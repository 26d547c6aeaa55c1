/**
 * A typical INVITE (about 800 bytes) with SDP (RFC 3665 §3.1 style), shared by tests and the benchmark.
 */
const INVITE_SDP =
  'v=0\r\n' +
  'o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n' +
  's=-\r\n' +
  'c=IN IP4 192.0.2.101\r\n' +
  't=0 0\r\n' +
  'm=audio 49172 RTP/AVP 0 8 101\r\n' +
  'a=rtpmap:0 PCMU/8000\r\n' +
  'a=rtpmap:8 PCMA/8000\r\n' +
  'a=rtpmap:101 telephone-event/8000\r\n' +
  'a=fmtp:101 0-16\r\n' +
  'a=sendrecv\r\n';

export const TYPICAL_INVITE_TEXT =
  'INVITE sip:bob@biloxi.example.com SIP/2.0\r\n' +
  'Via: SIP/2.0/UDP proxy.atlanta.example.com:5060;branch=z9hG4bK2d4790.1\r\n' +
  'Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport=5060\r\n' +
    'Max-Forwards: 70\r\n' +
  'From: "Alice" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n' +
  'To: "Bob" <sip:bob@biloxi.example.com>\r\n' +
  'Call-ID: 3848276298220188511@atlanta.example.com\r\n' +
  'CSeq: 1 INVITE\r\n' +
  'Contact: <sip:alice@client.atlanta.example.com;transport=udp>\r\n' +
  'Record-Route: <sip:proxy.atlanta.example.com;lr>\r\n' +
  'Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, INFO\r\n' +
    'Content-Type: application/sdp\r\n' +
  `Content-Length: ${INVITE_SDP.length}\r\n` +
  '\r\n' +
  INVITE_SDP;

export const TYPICAL_INVITE: Uint8Array = new TextEncoder().encode(TYPICAL_INVITE_TEXT);
