/**
 * Test builder, message side: writes small SIP texts from specs, and derives the copies proxies send on
 * (Via pushed, Max-Forwards decremented, Record-Route added, Route consumed) and the responses coming back.
 */
export interface MessageSpec {
  /** "INVITE sip:bob@biloxi.com" or "200 OK". */
  readonly start: string;
  /** Via values top first, "host[:port];params" (SIP/2.0/UDP is prepended unless given). */
  readonly via: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly callId: string;
  /** "314159 INVITE". */
  readonly cseq: string;
  readonly maxForwards?: number;
  readonly contact?: string;
  readonly route?: readonly string[];
  readonly recordRoute?: readonly string[];
  readonly headers?: readonly string[];
  /** SDP lines; Content-Type application/sdp is added. */
  readonly sdp?: readonly string[];
}

/** Writes a small SIP message text from a spec. */
export function sipText(spec: MessageSpec): string {
  const first = /^\d{3} /.test(spec.start) ? `SIP/2.0 ${spec.start}` : `${spec.start} SIP/2.0`;
  const lines = [first];
  for (const v of spec.via) lines.push(`Via: ${v.startsWith('SIP/') ? v : `SIP/2.0/UDP ${v}`}`);
  if (spec.maxForwards !== undefined) lines.push(`Max-Forwards: ${spec.maxForwards}`);
  lines.push(`From: ${spec.from}`, `To: ${spec.to}`, `Call-ID: ${spec.callId}`, `CSeq: ${spec.cseq}`);
  if (spec.contact !== undefined) lines.push(`Contact: ${spec.contact}`);
  for (const r of spec.route ?? []) lines.push(`Route: ${r}`);
  for (const r of spec.recordRoute ?? []) lines.push(`Record-Route: ${r}`);
  for (const h of spec.headers ?? []) lines.push(h);
  if (spec.sdp === undefined) {
    lines.push('Content-Length: 0');
    return lines.join('\n');
  }
  const body = spec.sdp.join('\r\n') + '\r\n';
  lines.push('Content-Type: application/sdp', `Content-Length: ${body.length}`, '', ...spec.sdp);
  return lines.join('\n');
}

/** A minimal audio SDP body: `c=` address, `m=audio` port, codecs by static payload type, direction. */
export function audioSdp(address: string, port: number, payloadTypes: readonly number[], direction = 'sendrecv'): string[] {
  const names: Record<number, string> = { 0: 'PCMU/8000', 8: 'PCMA/8000', 4: 'G723/8000', 18: 'G729/8000', 101: 'telephone-event/8000' };
  return [
    'v=0', `o=- 1 1 IN IP4 ${address}`, 's=-', `c=IN IP4 ${address}`, 't=0 0',
    `m=audio ${port} RTP/AVP ${payloadTypes.join(' ')}`,
    ...payloadTypes.map((pt) => `a=rtpmap:${pt} ${names[pt] ?? `X${pt}/8000`}`),
    `a=${direction}`,
  ];
}

export interface ForwardChanges {
  readonly requestUri?: string;
  readonly recordRoute?: string;
  /** Pop the top Route (loose routing) — true by default when the request carries Route headers. */
  readonly consumeRoute?: boolean;
  /** received= the proxy writes into the Via it received. */
  readonly received?: string;
  readonly rport?: number;
}

/** The copy a proxy sends on: its Via on top, Max-Forwards − 1, optional Record-Route / Route / R-URI changes. */
export function forwarded(spec: MessageSpec, proxyVia: string, changes: ForwardChanges = {}): MessageSpec {
  const [top, ...rest] = spec.via;
  let received = top!;
  if (changes.received !== undefined) received += `;received=${changes.received}`;
  if (changes.rport !== undefined) received = received.replace(/;rport(?=;|$)/, '') + `;rport=${changes.rport}`;
  const route = spec.route ?? [];
  const start = changes.requestUri === undefined ? spec.start : `${spec.start.split(' ')[0]} ${changes.requestUri}`;
  return {
    ...spec,
    start,
    via: [proxyVia, received, ...rest],
    ...(spec.maxForwards !== undefined ? { maxForwards: spec.maxForwards - 1 } : {}),
    route: changes.consumeRoute === false ? route : route.slice(1),
    recordRoute: changes.recordRoute === undefined ? spec.recordRoute ?? [] : [changes.recordRoute, ...(spec.recordRoute ?? [])],
  };
}

/** A response to `request` (same Via stack, Call-ID, CSeq, From; To tag and extras as given). */
export function responseTo(request: MessageSpec, status: string, extra: Partial<MessageSpec> & { toTag?: string } = {}): MessageSpec {
  const { toTag, ...rest } = extra;
  const spec: MessageSpec = {
    start: status, via: request.via, from: request.from,
    to: toTag === undefined || request.to.includes(';tag=') ? request.to : `${request.to};tag=${toTag}`,
    callId: request.callId, cseq: request.cseq, ...(request.recordRoute ? { recordRoute: request.recordRoute } : {}), ...rest,
  };
  return spec;
}

/** The response as the proxy passes it back: top Via popped. */
export function popped(spec: MessageSpec): MessageSpec {
  return { ...spec, via: spec.via.slice(1) };
}
