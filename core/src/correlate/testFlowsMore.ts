/**
 * Further hand-built flows for tests: registration (digest challenge over TCP, 423 + Min-Expires), a UA
 * behind NAT (received/rport), a forking proxy, a B2BUA with X-Call-ID, and hold/resume by SDP direction.
 */
import type { MessageRecord } from '../sip/messageRecord.ts';
import { Flow } from './testFlows.ts';
import { audioSdp, forwarded, popped, responseTo, type MessageSpec } from './testMessages.ts';

const UA = '192.168.1.10';
const REGISTRAR = '192.168.1.15:5060';

function register(cseq: number, branch: string, headers: string[], callId = 'reg-1@192.168.1.10'): MessageSpec {
  return {
    start: 'REGISTER sip:192.168.1.15', via: [`SIP/2.0/TCP ${UA}:5060;branch=${branch}`], maxForwards: 70,
    from: '<sip:308@192.168.1.15>;tag=r1', to: '<sip:308@192.168.1.15>', callId, cseq: `${cseq} REGISTER`,
    contact: `<sip:308@${UA}:5060;transport=tcp>`, headers,
  };
}

/** REGISTER over TCP from an ephemeral port, 401 with a digest challenge, REGISTER with credentials, 200. */
export function registerWithDigest(): MessageRecord[] {
  const f = new Flow('tcp');
  const client = `${UA}:49152`;
  const first = f.send(register(1, 'z9hG4bK-reg1', ['Expires: 3600']), client, REGISTRAR, 0);
  f.send(responseTo(first, '401 Unauthorized', { toTag: 's1', headers: ['WWW-Authenticate: Digest realm="x", nonce="n1"'] }), REGISTRAR, client, 5);
  const second = f.send(register(2, 'z9hG4bK-reg2', ['Expires: 3600', 'Authorization: Digest username="308", response="r"']), client, REGISTRAR, 20);
  f.send(responseTo(second, '200 OK', { toTag: 's2', contact: `<sip:308@${UA}:5060;transport=tcp>;expires=3600` }), REGISTRAR, client, 25);
  return f.records;
}

/** REGISTER asking 60 s, 423 Interval Too Brief with Min-Expires 3600, REGISTER again with 3600, 200. */
export function registerTooBrief(): MessageRecord[] {
  const f = new Flow();
  const client = `${UA}:5060`;
  const udp = (s: MessageSpec): MessageSpec => ({ ...s, via: s.via.map((v) => v.replace('SIP/2.0/TCP', 'SIP/2.0/UDP')) });
  const first = f.send(udp(register(1, 'z9hG4bK-rb1', ['Expires: 60'], 'reg-2@192.168.1.10')), client, REGISTRAR, 0);
  f.send(responseTo(first, '423 Interval Too Brief', { toTag: 's1', headers: ['Min-Expires: 3600'] }), REGISTRAR, client, 5);
  const second = f.send(udp(register(2, 'z9hG4bK-rb2', ['Expires: 3600'], 'reg-2@192.168.1.10')), client, REGISTRAR, 20);
  f.send(responseTo(second, '200 OK', { toTag: 's2', contact: `<sip:308@${UA}:5060>;expires=3600` }), REGISTRAR, client, 25);
  return f.records;
}

export const NAT_PUBLIC = '203.0.113.7:40123';
export const NAT_PROXY = '198.51.100.5:5060';
export const NAT_CALLEE = '198.51.100.9:5060';

/** A UA at 10.0.0.5 behind NAT: the proxy writes received= and rport= into its Via (RFC 3581). */
export function natCall(): MessageRecord[] {
  const f = new Flow();
  const inv = f.send({
    start: 'INVITE sip:bob@example.net', via: ['10.0.0.5:5060;rport;branch=z9hG4bK-nat1'], maxForwards: 70,
    from: '<sip:alice@example.net>;tag=n1', to: '<sip:bob@example.net>', callId: 'nat-1@10.0.0.5', cseq: '1 INVITE',
    contact: '<sip:alice@10.0.0.5:5060>', sdp: audioSdp('10.0.0.5', 7000, [0]),
  }, NAT_PUBLIC, NAT_PROXY, 0);
  const natted = { received: '203.0.113.7', rport: 40123 };
  const trying = responseTo(inv, '100 Trying');
  f.send({ ...trying, via: [`10.0.0.5:5060;received=203.0.113.7;rport=40123;branch=z9hG4bK-nat1`] }, NAT_PROXY, NAT_PUBLIC, 5);
  const out = f.send(forwarded(inv, '198.51.100.5;branch=z9hG4bK-px1', { ...natted, requestUri: 'sip:bob@198.51.100.9' }), NAT_PROXY, NAT_CALLEE, 10);
  const ok = f.send(responseTo(out, '200 OK', { toTag: 'c1', contact: '<sip:bob@198.51.100.9>', sdp: audioSdp('198.51.100.9', 8000, [0]) }), NAT_CALLEE, NAT_PROXY, 500);
  f.send(popped(ok), NAT_PROXY, NAT_PUBLIC, 505);
  return f.records;
}

export const FORK_PROXY = '172.16.0.1:5060';
export const FORK_DESK = '172.16.0.2:5060';
export const FORK_MOBILE = '172.16.0.3:5060';
const FORK_CALLER = '172.16.0.9:5060';

/** A proxy forks to a desk phone and a mobile; both ring, the desk answers, the proxy cancels the mobile. */
export function forkedCall(): MessageRecord[] {
  const f = new Flow();
  const inv = f.send({
    start: 'INVITE sip:carol@example.org', via: ['172.16.0.9;branch=z9hG4bK-fk0'], maxForwards: 70,
    from: '<sip:dave@example.org>;tag=d1', to: '<sip:carol@example.org>', callId: 'fork-1@172.16.0.9', cseq: '10 INVITE',
    contact: '<sip:dave@172.16.0.9>', sdp: audioSdp('172.16.0.9', 9000, [0]),
  }, FORK_CALLER, FORK_PROXY, 0);
  f.send(responseTo(inv, '100 Trying'), FORK_PROXY, FORK_CALLER, 2);
  const desk = f.send(forwarded(inv, '172.16.0.1;branch=z9hG4bK-fk1', { requestUri: 'sip:carol@172.16.0.2', recordRoute: '<sip:172.16.0.1;lr>' }), FORK_PROXY, FORK_DESK, 5);
  const mobile = f.send(forwarded(inv, '172.16.0.1;branch=z9hG4bK-fk2', { requestUri: 'sip:carol@172.16.0.3', recordRoute: '<sip:172.16.0.1;lr>' }), FORK_PROXY, FORK_MOBILE, 6);
  f.send(popped(f.send(responseTo(desk, '180 Ringing', { toTag: 'desk' }), FORK_DESK, FORK_PROXY, 100)), FORK_PROXY, FORK_CALLER, 101);
  f.send(popped(f.send(responseTo(mobile, '180 Ringing', { toTag: 'mob' }), FORK_MOBILE, FORK_PROXY, 150)), FORK_PROXY, FORK_CALLER, 151);
  const ok = f.send(responseTo(desk, '200 OK', { toTag: 'desk', contact: '<sip:carol@172.16.0.2>', sdp: audioSdp('172.16.0.2', 9100, [0]) }), FORK_DESK, FORK_PROXY, 3000);
  f.send(popped(ok), FORK_PROXY, FORK_CALLER, 3001);
  const cancel: MessageSpec = { start: 'CANCEL sip:carol@172.16.0.3', via: ['172.16.0.1;branch=z9hG4bK-fk2'], maxForwards: 70, from: inv.from, to: inv.to, callId: inv.callId, cseq: '10 CANCEL' };
  f.send(cancel, FORK_PROXY, FORK_MOBILE, 3002);
  f.send(responseTo(cancel, '200 OK', { toTag: 'mob' }), FORK_MOBILE, FORK_PROXY, 3010);
  const gone = f.send(responseTo(mobile, '487 Request Terminated', { toTag: 'mob' }), FORK_MOBILE, FORK_PROXY, 3011);
  f.send({ start: 'ACK sip:carol@172.16.0.3', via: ['172.16.0.1;branch=z9hG4bK-fk2'], maxForwards: 70, from: inv.from, to: gone.to, callId: inv.callId, cseq: '10 ACK' }, FORK_PROXY, FORK_MOBILE, 3012);
  const ack: MessageSpec = { start: 'ACK sip:carol@172.16.0.2', via: ['172.16.0.9;branch=z9hG4bK-fk3'], maxForwards: 70, from: inv.from, to: ok.to, callId: inv.callId, cseq: '10 ACK', route: ['<sip:172.16.0.1;lr>'] };
  f.send(ack, FORK_CALLER, FORK_PROXY, 3050);
  f.send(forwarded(ack, '172.16.0.1;branch=z9hG4bK-fk4'), FORK_PROXY, FORK_DESK, 3051);
  return f.records;
}

export const B2BUA_CALLER = '10.1.0.1:5060';
export const B2BUA = '10.1.0.100:5060';
export const B2BUA_CALLEE = '10.2.0.1:5060';

/** A B2BUA bridges leg a (caller → B2BUA) to leg b (B2BUA → callee), leg b naming leg a in X-Call-ID. */
export function b2buaCall(withHeader = true): MessageRecord[] {
  const f = new Flow();
  const a = f.send({
    start: 'INVITE sip:+4415550100@10.1.0.100', via: ['10.1.0.1;branch=z9hG4bK-la1'], maxForwards: 70,
    from: '<sip:alice@a.example>;tag=la', to: '<sip:+4415550100@a.example>', callId: 'leg-a@10.1.0.1', cseq: '1 INVITE',
    contact: '<sip:alice@10.1.0.1>', sdp: audioSdp('10.1.0.1', 20000, [0, 8]),
  }, B2BUA_CALLER, B2BUA, 0);
  f.send(responseTo(a, '100 Trying'), B2BUA, B2BUA_CALLER, 3);
  const b = f.send({
    start: 'INVITE sip:015550100@10.2.0.1', via: ['10.1.0.100;branch=z9hG4bK-lb1'], maxForwards: 70,
    from: '<sip:alice@b.example>;tag=lb', to: '<sip:015550100@b.example>', callId: 'leg-b@10.1.0.100', cseq: '101 INVITE',
    contact: '<sip:b2bua@10.1.0.100>', sdp: audioSdp('10.1.0.100', 30000, [0, 8]),
    ...(withHeader ? { headers: ['X-Call-ID: leg-a@10.1.0.1'] } : {}),
  }, B2BUA, B2BUA_CALLEE, 20);
  f.send(responseTo(b, '180 Ringing', { toTag: 'cb' }), B2BUA_CALLEE, B2BUA, 200);
  f.send(responseTo(a, '180 Ringing', { toTag: 'ca' }), B2BUA, B2BUA_CALLER, 205);
  const okB = f.send(responseTo(b, '200 OK', { toTag: 'cb', contact: '<sip:bob@10.2.0.1>', sdp: audioSdp('10.2.0.1', 40000, [8]) }), B2BUA_CALLEE, B2BUA, 2000);
  f.send({ start: 'ACK sip:bob@10.2.0.1', via: ['10.1.0.100;branch=z9hG4bK-lb2'], maxForwards: 70, from: b.from, to: okB.to, callId: b.callId, cseq: '101 ACK' }, B2BUA, B2BUA_CALLEE, 2010);
  const okA = f.send(responseTo(a, '200 OK', { toTag: 'ca', contact: '<sip:b2bua@10.1.0.100>', sdp: audioSdp('10.1.0.100', 30002, [8]) }), B2BUA, B2BUA_CALLER, 2015);
  f.send({ start: 'ACK sip:b2bua@10.1.0.100', via: ['10.1.0.1;branch=z9hG4bK-la2'], maxForwards: 70, from: a.from, to: okA.to, callId: a.callId, cseq: '1 ACK' }, B2BUA_CALLER, B2BUA, 2030);
  const byeA: MessageSpec = { start: 'BYE sip:b2bua@10.1.0.100', via: ['10.1.0.1;branch=z9hG4bK-la3'], maxForwards: 70, from: a.from, to: okA.to, callId: a.callId, cseq: '2 BYE' };
  f.send(byeA, B2BUA_CALLER, B2BUA, 30_000);
  f.send(responseTo(byeA, '200 OK'), B2BUA, B2BUA_CALLER, 30_005);
  const byeB: MessageSpec = { start: 'BYE sip:bob@10.2.0.1', via: ['10.1.0.100;branch=z9hG4bK-lb3'], maxForwards: 70, from: b.from, to: okB.to, callId: b.callId, cseq: '102 BYE' };
  f.send(byeB, B2BUA, B2BUA_CALLEE, 30_010);
  f.send(responseTo(byeB, '200 OK'), B2BUA_CALLEE, B2BUA, 30_020);
  return f.records;
}

const HOLD_A = '10.3.0.1:5060';
const HOLD_B = '10.3.0.2:5060';

/** An answered call put on hold by the caller (re-INVITE sendonly), resumed (sendrecv), then ended. */
export function holdAndResume(): MessageRecord[] {
  const f = new Flow();
  const dialog = { from: '<sip:a@h>;tag=ha', callId: 'hold-1@10.3.0.1' };
  const inv = f.send({
    start: 'INVITE sip:b@10.3.0.2', via: ['10.3.0.1;branch=z9hG4bK-h1'], maxForwards: 70, ...dialog, to: '<sip:b@h>',
    cseq: '1 INVITE', contact: '<sip:a@10.3.0.1>', sdp: audioSdp('10.3.0.1', 5000, [0, 8]),
  }, HOLD_A, HOLD_B, 0);
  const ok = f.send(responseTo(inv, '200 OK', { toTag: 'hb', contact: '<sip:b@10.3.0.2>', sdp: audioSdp('10.3.0.2', 6000, [0]) }), HOLD_B, HOLD_A, 1000);
  const inDialog = (cseq: string, branch: string): MessageSpec => ({
    start: `${cseq.split(' ')[1]} sip:b@10.3.0.2`, via: [`10.3.0.1;branch=${branch}`], maxForwards: 70, ...dialog, to: ok.to, cseq,
  });
  f.send(inDialog('1 ACK', 'z9hG4bK-h2'), HOLD_A, HOLD_B, 1010);
  const hold = f.send({ ...inDialog('2 INVITE', 'z9hG4bK-h3'), contact: '<sip:a@10.3.0.1>', sdp: audioSdp('10.3.0.1', 5000, [0], 'sendonly') }, HOLD_A, HOLD_B, 10_000);
  f.send(responseTo(hold, '200 OK', { sdp: audioSdp('10.3.0.2', 6000, [0], 'recvonly') }), HOLD_B, HOLD_A, 10_050);
  f.send(inDialog('2 ACK', 'z9hG4bK-h4'), HOLD_A, HOLD_B, 10_060);
  const resume = f.send({ ...inDialog('3 INVITE', 'z9hG4bK-h5'), contact: '<sip:a@10.3.0.1>', sdp: audioSdp('10.3.0.1', 5000, [0]) }, HOLD_A, HOLD_B, 20_000);
  f.send(responseTo(resume, '200 OK', { sdp: audioSdp('10.3.0.2', 6000, [0]) }), HOLD_B, HOLD_A, 20_050);
  f.send(inDialog('3 ACK', 'z9hG4bK-h6'), HOLD_A, HOLD_B, 20_060);
  const bye = f.send(inDialog('4 BYE', 'z9hG4bK-h7'), HOLD_A, HOLD_B, 30_000);
  f.send(responseTo(bye, '200 OK'), HOLD_B, HOLD_A, 30_010);
  return f.records;
}
