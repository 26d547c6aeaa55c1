/**
 * Writes the benchmark capture deterministically: calls through one stateful proxy that Record-Routes
 * (A → P → B), 13 SIP messages a call with Via stacks of one and two entries, SDP on INVITE and 200,
 * over UDP/IPv4/Ethernet, one message a frame. Usage: tsx bench/generateCapture.ts OUT.pcap MESSAGES
 */
import { createWriteStream } from 'node:fs';
import { PcapWriter } from '../core/src/export/pcapWriter.ts';
import { makeTimestamp } from '../core/src/shared/time.ts';

const [out = 'bench/out/sip-dense.pcap', messagesArg = '1200000'] = process.argv.slice(2);
const targetMessages = Number(messagesArg);
const encoder = new TextEncoder();
const writer = new PcapWriter({ linkType: 1 });
const stream = createWriteStream(out);

interface Hop { src: [number, number]; dst: [number, number]; text: string }

function ip(n: number): number[] {
  return [10, (n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function frameBytes(src: [number, number], dst: [number, number], payload: Uint8Array, id: number): Uint8Array {
  const total = 14 + 20 + 8 + payload.length;
  const f = new Uint8Array(total);
  f.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00], 0);
  const ipLen = 20 + 8 + payload.length;
  f.set([0x45, 0, ipLen >> 8, ipLen & 255, (id >> 8) & 255, id & 255, 0x40, 0, 64, 17, 0, 0, ...ip(src[0]), ...ip(dst[0])], 14);
  let sum = 0;
  for (let i = 14; i < 34; i += 2) sum += (f[i]! << 8) | f[i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  const ck = ~sum & 0xffff;
  f[24] = ck >> 8;
  f[25] = ck & 255;
  const udpLen = 8 + payload.length;
  f.set([src[1] >> 8, src[1] & 255, dst[1] >> 8, dst[1] & 255, udpLen >> 8, udpLen & 255, 0, 0], 34);
  f.set(payload, 42);
  return f;
}

function sdp(host: string, port: number, session: number): string {
  return `v=0\r\no=- ${session} ${session} IN IP4 ${host}\r\ns=-\r\nc=IN IP4 ${host}\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n`;
}

function msg(start: string, headers: string[], body = ''): string {
  const ct = body ? ['Content-Type: application/sdp'] : [];
  return `${start}\r\n${[...headers, ...ct, `Content-Length: ${body.length}`].join('\r\n')}\r\n\r\n${body}`;
}

function call(n: number): Hop[] {
  const a: [number, number] = [0x010000 + (n % 50000), 5060];
  const p: [number, number] = [0x000001, 5060];
  const b: [number, number] = [0x020000 + (n % 50000), 5060];
  const aIp = ip(a[0]).join('.'), pIp = ip(p[0]).join('.'), bIp = ip(b[0]).join('.');
  const callId = `${(n * 2654435761 >>> 0).toString(16)}-${n}@${aIp}`;
  const fromTag = `ft${n}`, toTag = `tt${n}`;
  const va = `Via: SIP/2.0/UDP ${aIp}:5060;branch=z9hG4bKa${n};rport`;
  const vp = `Via: SIP/2.0/UDP ${pIp}:5060;branch=z9hG4bKp${n}`;
  const vb = `Via: SIP/2.0/UDP ${bIp}:5060;branch=z9hG4bKb${n}`;
  const vp2 = `Via: SIP/2.0/UDP ${pIp}:5060;branch=z9hG4bKq${n}`;
  const from = `From: "User ${n % 1000}" <sip:${1000 + (n % 9000)}@example.com>;tag=${fromTag}`;
  const to = `To: <sip:${2000 + (n % 7000)}@example.com>`;
  const toT = `${to};tag=${toTag}`;
  const rr = `Record-Route: <sip:${pIp};lr>`;
  const ct = (h: string) => `Contact: <sip:u@${h}:5060>`;
  const cid = `Call-ID: ${callId}`;
  const uri = `sip:${2000 + (n % 7000)}@example.com`;
  const inv = (vias: string[], mf: number) => msg(`INVITE ${uri} SIP/2.0`, [...vias, `Max-Forwards: ${mf}`, from, to, cid, 'CSeq: 1 INVITE', ct(aIp), 'User-Agent: bench-ua'], sdp(aIp, 20000 + (n % 10000) * 2, n));
  const resp = (code: string, vias: string[], body = '', extra: string[] = []) => msg(`SIP/2.0 ${code}`, [...vias, from, code.startsWith('100') ? to : toT, cid, 'CSeq: 1 INVITE', ...extra], body);
  const ok = (vias: string[]) => resp('200 OK', vias, sdp(bIp, 30000 + (n % 10000) * 2, n + 1), [rr, ct(bIp)]);
  const ackA = msg(`ACK sip:u@${bIp}:5060 SIP/2.0`, [`Via: SIP/2.0/UDP ${aIp}:5060;branch=z9hG4bKc${n}`, `Route: <sip:${pIp};lr>`, 'Max-Forwards: 70', from, toT, cid, 'CSeq: 1 ACK']);
  const ackP = msg(`ACK sip:u@${bIp}:5060 SIP/2.0`, [`Via: SIP/2.0/UDP ${pIp}:5060;branch=z9hG4bKd${n}`, `Via: SIP/2.0/UDP ${aIp}:5060;branch=z9hG4bKc${n}`, 'Max-Forwards: 69', from, toT, cid, 'CSeq: 1 ACK']);
  const byeFrom = `From: <sip:${2000 + (n % 7000)}@example.com>;tag=${toTag}`;
  const byeTo = `To: "User ${n % 1000}" <sip:${1000 + (n % 9000)}@example.com>;tag=${fromTag}`;
  const byeB = msg(`BYE sip:u@${aIp}:5060 SIP/2.0`, [vb, `Route: <sip:${pIp};lr>`, 'Max-Forwards: 70', byeFrom, byeTo, cid, 'CSeq: 1 BYE']);
  const byeP = msg(`BYE sip:u@${aIp}:5060 SIP/2.0`, [vp2, vb, 'Max-Forwards: 69', byeFrom, byeTo, cid, 'CSeq: 1 BYE']);
  const byeOk = (vias: string[]) => msg('SIP/2.0 200 OK', [...vias, byeFrom, byeTo, cid, 'CSeq: 1 BYE']);
  return [
    { src: a, dst: p, text: inv([va], 70) },
    { src: p, dst: a, text: resp('100 Trying', [va]) },
    { src: p, dst: b, text: inv([vp, va], 69).replace('Max-Forwards: 69', `Max-Forwards: 69\r\n${rr}`) },
    { src: b, dst: p, text: resp('180 Ringing', [vp, va], '', [rr, ct(bIp)]) },
    { src: p, dst: a, text: resp('180 Ringing', [va], '', [rr, ct(bIp)]) },
    { src: b, dst: p, text: ok([vp, va]) },
    { src: p, dst: a, text: ok([va]) },
    { src: a, dst: p, text: ackA },
    { src: p, dst: b, text: ackP },
    { src: b, dst: p, text: byeB },
    { src: p, dst: a, text: byeP },
    { src: a, dst: p, text: byeOk([vp2, vb]) },
    { src: p, dst: b, text: byeOk([vb]) },
  ];
}

const start = 1_700_000_000;
let written = 0;
let id = 0;
let pending: Uint8Array[] = [];
let pendingBytes = 0;
async function flush(): Promise<void> {
  const buf = Buffer.concat(pending, pendingBytes);
  pending = [];
  pendingBytes = 0;
  if (!stream.write(buf)) await new Promise<void>((r) => stream.once('drain', () => r()));
}
const header = writer.header();
pending.push(header);
pendingBytes += header.length;
// Calls overlap: a new call starts every 2 ms and lasts ~4 s, so ~2,000 are open at once. Every offset is a
// whole number of 2 ms steps, so step k emits message i of call k - STEPS[i]: linear, no sorting.
const perCall = 13;
const calls = Math.ceil(targetMessages / perCall);
const STEPS = [0, 5, 6, 25, 26, 1000, 1001, 1025, 1026, 2000, 2001, 2025, 2026];
const cache = new Map<number, Hop[]>();
for (let k = 0; k < calls + STEPS[STEPS.length - 1]!; k++) {
  for (let i = 0; i < perCall; i++) {
    const n = k - STEPS[i]!;
    if (n < 0 || n >= calls) continue;
    let hops = cache.get(n);
    if (!hops) cache.set(n, (hops = call(n)));
    if (i === perCall - 1) cache.delete(n);
    const hop = hops[i]!;
    const t = k * 0.002 + i * 0.00001;
    const data = frameBytes(hop.src, hop.dst, encoder.encode(hop.text), id++ & 0xffff);
    const sec = Math.floor(t);
    const rec = writer.frame({ timestamp: makeTimestamp(start + sec, Math.round((t - sec) * 1e9)), data });
    pending.push(rec);
    pendingBytes += rec.length;
    written++;
    if (pendingBytes > 4 << 20) await flush();
  }
}
await flush();
stream.end();
await new Promise<void>((r) => stream.on('close', () => r()));
console.log(`${out}: ${written} SIP messages in ${calls} calls`);
