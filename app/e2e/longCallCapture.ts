/**
 * Writes a capture holding one very long call (for the ladder benchmark): INVITE, 100, 180, 200, ACK, then
 * INFO / 200 OK pairs in the dialog alternating direction, then BYE / 200 — `messages` SIP messages over
 * UDP/IPv4/Ethernet between 192.0.2.1 and 192.0.2.2, 10 ms apart.
 */
import { PcapWriter } from '../../core/src/export/pcapWriter.ts';
import { makeTimestamp } from '../../core/src/shared/time.ts';

const encoder = new TextEncoder();
const A = [192, 0, 2, 1];
const B = [192, 0, 2, 2];

/** Ethernet II + IPv4 (header checksum set) + UDP (checksum 0: none, allowed over IPv4). */
function udpFrame(src: number[], dst: number[], payload: Uint8Array, id: number): Uint8Array {
  const f = new Uint8Array(42 + payload.length);
  f.set([2, 0, ...dst, 2, 0, ...src, 0x08, 0x00], 0);
  const ipLength = 28 + payload.length;
  f.set([0x45, 0, ipLength >> 8, ipLength & 255, (id >> 8) & 255, id & 255, 0, 0, 64, 17, 0, 0, ...src, ...dst], 14);
  let sum = 0;
  for (let i = 14; i < 34; i += 2) sum += (f[i]! << 8) | f[i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  f[24] = (~sum >> 8) & 255;
  f[25] = ~sum & 255;
  const udpLength = 8 + payload.length;
  f.set([0x13, 0xc4, 0x13, 0xc4, udpLength >> 8, udpLength & 255, 0, 0], 34);
  f.set(payload, 42);
  return f;
}

function message(start: string, headers: string[], body = ''): string {
  const ct = body ? ['Content-Type: application/sdp'] : [];
  return `${start}\r\n${[...headers, ...ct, `Content-Length: ${encoder.encode(body).length}`].join('\r\n')}\r\n\r\n${body}`;
}

export function longCallCapture(messages: number): Uint8Array {
  const writer = new PcapWriter();
  const parts: Uint8Array[] = [writer.header()];
  const callId = 'Call-ID: long-call@192.0.2.1';
  const fromA = 'From: <sip:alice@a.example>;tag=a1';
  const toB = 'To: <sip:bob@b.example>;tag=b1';
  const fromB = 'From: <sip:bob@b.example>;tag=b1';
  const toA = 'To: <sip:alice@a.example>;tag=a1';
  const sdp = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';
  const via = (host: string, branch: string): string => `Via: SIP/2.0/UDP ${host}:5060;branch=z9hG4bK${branch}`;
  const steps: [number[], number[], string][] = [
    [A, B, message('INVITE sip:bob@192.0.2.2 SIP/2.0', [via('192.0.2.1', 'i'), 'Max-Forwards: 70', fromA, 'To: <sip:bob@b.example>', callId, 'CSeq: 1 INVITE', 'Contact: <sip:alice@192.0.2.1>'], sdp)],
    [B, A, message('SIP/2.0 100 Trying', [via('192.0.2.1', 'i'), fromA, 'To: <sip:bob@b.example>', callId, 'CSeq: 1 INVITE'])],
    [B, A, message('SIP/2.0 180 Ringing', [via('192.0.2.1', 'i'), fromA, toB, callId, 'CSeq: 1 INVITE'])],
    [B, A, message('SIP/2.0 200 OK', [via('192.0.2.1', 'i'), fromA, toB, callId, 'CSeq: 1 INVITE', 'Contact: <sip:bob@192.0.2.2>'], sdp.replace(/192\.0\.2\.1/g, '192.0.2.2'))],
    [A, B, message('ACK sip:bob@192.0.2.2 SIP/2.0', [via('192.0.2.1', 'ack'), 'Max-Forwards: 70', fromA, toB, callId, 'CSeq: 1 ACK'])],
  ];
  let t = 0;
  let id = 0;
  const emit = (src: number[], dst: number[], text: string): void => {
    const seconds = Math.floor(t);
    parts.push(writer.frame({ timestamp: makeTimestamp(1_709_287_200 + seconds, Math.round((t - seconds) * 1e9)), data: udpFrame(src, dst, encoder.encode(text), id++ & 0xffff) }));
    t += 0.01;
  };
  for (const [s, d, text] of steps) emit(s, d, text);
  const pairs = Math.max(0, Math.floor((messages - 7) / 2));
  for (let k = 0; k < pairs; k++) {
    const fromAlice = k % 2 === 0;
    const cseq = `CSeq: ${k + 2} INFO`;
    const v = via(fromAlice ? '192.0.2.1' : '192.0.2.2', `n${k}`);
    const [f, to] = fromAlice ? [fromA, toB] : [fromB, toA];
    emit(fromAlice ? A : B, fromAlice ? B : A, message(`INFO sip:${fromAlice ? 'bob@192.0.2.2' : 'alice@192.0.2.1'} SIP/2.0`, [v, 'Max-Forwards: 70', f, to, callId, cseq]));
    emit(fromAlice ? B : A, fromAlice ? A : B, message('SIP/2.0 200 OK', [v, f, to, callId, cseq]));
  }
  emit(B, A, message('BYE sip:alice@192.0.2.1 SIP/2.0', [via('192.0.2.2', 'bye'), 'Max-Forwards: 70', fromB, toA, callId, `CSeq: ${pairs + 2} BYE`]));
  emit(A, B, message('SIP/2.0 200 OK', [via('192.0.2.2', 'bye'), fromB, toA, callId, `CSeq: ${pairs + 2} BYE`]));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
