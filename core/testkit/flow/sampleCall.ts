/**
 * SIP texts of a small UAC↔UAS call (RFC 3261 §24.2 shape, without proxies): INVITE with PCMU SDP,
 * 100, 180, 200 with SDP, ACK, BYE, 200. Used by the oracle scenarios and builder tests.
 */

export interface CallParties {
  /** Caller and callee `host:port` as they appear in Via/Contact (IPv6 in brackets). */
  readonly caller: string;
  readonly callee: string;
  /** Via transport token: UDP, TCP, SCTP, WS. */
  readonly via: string;
  readonly callId: string;
  /** Extra `a=` lines to make the INVITE body bigger (to force fragmentation or segmentation). */
  readonly padding?: number;
}

export interface CallTexts {
  readonly invite: string;
  readonly trying: string;
  readonly ringing: string;
  readonly ok: string;
  readonly ack: string;
  readonly bye: string;
  readonly byeOk: string;
}

const host = (hostPort: string): string => hostPort.replace(/:\d+$/, '');

function sdp(user: string, hostPort: string, port: number, padding: number): string {
  const h = host(hostPort);
  const ipVersion = h.startsWith('[') ? 'IP6' : 'IP4';
  const addr = h.replace(/^\[|\]$/g, '');
  const lines = [
    'v=0',
    `o=${user} 2890844526 2890844526 IN ${ipVersion} ${addr}`,
    's=-',
    `c=IN ${ipVersion} ${addr}`,
    't=0 0',
    `m=audio ${port} RTP/AVP 0`,
    'a=rtpmap:0 PCMU/8000',
  ];
  for (let i = 0; i < padding; i++) lines.push(`a=x-pad-${String(i).padStart(3, '0')}:${'abcdefghij'.repeat(4)}`);
  return lines.join('\n') + '\n';
}

export function callTexts(p: CallParties): CallTexts {
  const viaCaller = `Via: SIP/2.0/${p.via} ${p.caller};branch=z9hG4bKnashds8`;
  const from = 'From: Alice <sip:alice@atlanta.example.com>;tag=1928301774';
  const toNoTag = 'To: Bob <sip:bob@biloxi.example.com>';
  const to = `${toNoTag};tag=a6c85cf`;
  const callId = `Call-ID: ${p.callId}`;
  const common = (cseq: string, toLine: string, via = viaCaller): string => [via, 'Max-Forwards: 70', from, toLine, callId, `CSeq: ${cseq}`].join('\n');
  const response = (status: string, cseq: string, toLine: string, extra = ''): string =>
    [`SIP/2.0 ${status}`, viaCaller, from, toLine, callId, `CSeq: ${cseq}`].join('\n') + extra;
  const calleeContact = `Contact: <sip:bob@${p.callee};transport=${p.via.toLowerCase()}>`;
  return {
    invite:
      `INVITE sip:bob@biloxi.example.com SIP/2.0\n${common('314159 INVITE', toNoTag)}\n` +
      `Contact: <sip:alice@${p.caller};transport=${p.via.toLowerCase()}>\nContent-Type: application/sdp\n\n` +
      sdp('alice', p.caller, 49172, p.padding ?? 0),
    trying: response('100 Trying', '314159 INVITE', toNoTag) + '\n',
    ringing: response('180 Ringing', '314159 INVITE', to, `\n${calleeContact}`) + '\n',
    ok: response('200 OK', '314159 INVITE', to, `\n${calleeContact}\nContent-Type: application/sdp`) + '\n\n' + sdp('bob', p.callee, 3456, 0),
    ack: `ACK sip:bob@${p.callee} SIP/2.0\n${common('314159 ACK', to, viaCaller.replace('nashds8', 'nashds9'))}\n`,
    bye: `BYE sip:bob@${p.callee} SIP/2.0\n${common('314160 BYE', to, viaCaller.replace('nashds8', 'nashds10'))}\n`,
    byeOk: response('200 OK', '314160 BYE', to).replace('nashds8', 'nashds10') + '\n',
  };
}
