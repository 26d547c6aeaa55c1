/**
 * Test builder: turns small readable SIP texts into MessageRecords with hand-filled SipFacts, so the
 * correlation tests do not depend on the SIP parser. Deliberately simple (no folding, no quoted commas).
 */
import type { Endpoint, Transport } from '../shared/endpoint.ts';
import type { Issue } from '../shared/issue.ts';
import { makeTimestamp } from '../shared/time.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { NameAddrFacts, SdpFacts, SipFacts, ViaFacts } from '../sip/sipFacts.ts';

export interface RecordSpec {
  /** "ip:port" or "[v6]:port". */
  readonly src: string;
  readonly dst: string;
  /** Capture time in milliseconds since an arbitrary epoch (1 000 000 000 s). */
  readonly atMs: number;
  readonly transport?: Transport;
  readonly frame?: number;
  readonly issues?: readonly Issue[];
}

const COMPACT: Record<string, string> = {
  v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type',
};

const STATIC_CODECS: Record<string, string> = {
  '0': 'PCMU/8000', '3': 'GSM/8000', '4': 'G723/8000', '8': 'PCMA/8000', '9': 'G722/8000',
  '13': 'CN/8000', '18': 'G729/8000',
};

export function parseEndpoint(text: string): Endpoint {
  const v6 = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (v6) return { ip: v6[1]!, port: Number(v6[2]) };
  const at = text.lastIndexOf(':');
  return { ip: text.slice(0, at), port: Number(text.slice(at + 1)) };
}

function splitParams(text: string): [string, Record<string, string>] {
  const parts = text.split(';');
  const params: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    const name = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
    if (name) params[name] = eq < 0 ? '' : p.slice(eq + 1).trim();
  }
  return [parts[0]!.trim(), params];
}

function parseHostPort(text: string): { host: string; port?: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (v6) return v6[2] ? { host: v6[1]!, port: Number(v6[2]) } : { host: v6[1]! };
  const colon = text.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(text.slice(colon + 1))) return { host: text.slice(0, colon), port: Number(text.slice(colon + 1)) };
  return { host: text };
}

export function parseNameAddr(raw: string): NameAddrFacts {
  const text = raw.trim();
  let displayName: string | undefined;
  let uri: string;
  let rest: string;
  const lt = text.indexOf('<');
  if (lt >= 0) {
    const gt = text.indexOf('>', lt);
    const display = text.slice(0, lt).trim().replace(/^"|"$/g, '');
    if (display) displayName = display;
    uri = text.slice(lt + 1, gt);
    rest = text.slice(gt + 1);
  } else {
    const semi = text.indexOf(';');
    uri = semi < 0 ? text : text.slice(0, semi);
    rest = semi < 0 ? '' : text.slice(semi);
  }
  const [, parameters] = splitParams('x' + rest);
  const [uriBase, uriParameters] = splitParams(uri);
  const schemeEnd = uriBase.indexOf(':');
  const afterScheme = uriBase.slice(schemeEnd + 1);
  const scheme = uriBase.slice(0, schemeEnd).toLowerCase();
  const facts: { -readonly [K in keyof NameAddrFacts]: NameAddrFacts[K] } = { uri, uriParameters, parameters, raw: text };
  if (displayName !== undefined) facts.displayName = displayName;
  if (scheme === 'tel') {
    facts.user = afterScheme;
  } else {
    const atSign = afterScheme.lastIndexOf('@');
    if (atSign >= 0) facts.user = afterScheme.slice(0, atSign);
    const hp = parseHostPort(afterScheme.slice(atSign + 1));
    facts.host = hp.host;
    if (hp.port !== undefined) facts.port = hp.port;
  }
  if (parameters['tag'] !== undefined) facts.tag = parameters['tag'];
  return facts;
}

export function parseVia(raw: string): ViaFacts {
  const text = raw.trim();
  const [base, params] = splitParams(text);
  const slash = base.lastIndexOf('/');
  const space = base.indexOf(' ', slash);
  const transport = base.slice(slash + 1, space).trim().toUpperCase();
  const hp = parseHostPort(base.slice(space + 1).trim());
  const via: { -readonly [K in keyof ViaFacts]: ViaFacts[K] } = { transport, host: hp.host, raw: text };
  if (hp.port !== undefined) via.port = hp.port;
  if (params['branch'] !== undefined) via.branch = params['branch'];
  if (params['received'] !== undefined) via.received = params['received'];
  if (params['rport'] !== undefined) via.rport = params['rport'] === '' ? null : Number(params['rport']);
  if (params['maddr'] !== undefined) via.maddr = params['maddr'];
  return via;
}

export function parseSdp(body: string): SdpFacts {
  let sessionAddress: string | undefined;
  let sessionDirection = 'sendrecv';
  const media: { type: string; port: number; protocol: string; connectionAddress?: string; formats: string[]; rtpmap: Record<string, string>; direction?: string }[] = [];
  for (const line of body.split(/\r?\n/)) {
    const current = media[media.length - 1];
    if (line.startsWith('m=')) {
      const [type, port, protocol, ...formats] = line.slice(2).trim().split(/\s+/);
      media.push({ type: type!, port: Number(port), protocol: protocol!, formats, rtpmap: {} });
    } else if (line.startsWith('c=')) {
      const address = line.slice(2).trim().split(/\s+/)[2];
      if (current) current.connectionAddress = address;
      else sessionAddress = address;
    } else if (line.startsWith('a=rtpmap:') && current) {
      const [pt, name] = line.slice(9).trim().split(/\s+/);
      current.rtpmap[pt!] = name!;
    } else if (/^a=(sendrecv|sendonly|recvonly|inactive)\s*$/.test(line)) {
      const direction = line.slice(2).trim();
      if (current) current.direction = direction;
      else sessionDirection = direction;
    }
  }
  const sdp: { -readonly [K in keyof SdpFacts]: SdpFacts[K] } = {
    media: media.map((m) => {
      const out: SdpFacts['media'][number] & { connectionAddress?: string } = {
        type: m.type, port: m.port, protocol: m.protocol,
        codecs: m.formats.map((f) => m.rtpmap[f] ?? STATIC_CODECS[f] ?? f),
        direction: m.direction ?? sessionDirection,
      };
      // Like the SIP stage: a media-level address only when the media has its own c= line.
      return m.connectionAddress === undefined ? out : { ...out, connectionAddress: m.connectionAddress };
    }),
  };
  const first = sessionAddress ?? media[0]?.connectionAddress;
  if (first !== undefined) sdp.connectionAddress = first;
  return sdp;
}

/** Fills SipFacts from a small SIP text (leading indentation of each line is ignored). */
export function parseTestFacts(text: string): SipFacts {
  const lines = text.replace(/^\s*\n/, '').split('\n').map((l) => l.trim());
  const blank = lines.indexOf('');
  const head = blank < 0 ? lines : lines.slice(0, blank);
  const body = blank < 0 ? '' : lines.slice(blank + 1).join('\r\n').replace(/\s+$/, '');
  const first = head[0]!.split(' ');
  const facts: { -readonly [K in keyof SipFacts]: SipFacts[K] } = {
    kind: first[0]!.startsWith('SIP/') ? 'response' : 'request',
    vias: [], contacts: [], recordRoutes: [], routes: [], reasons: [], bodyLength: body.length ? body.length + 2 : 0,
  };
  if (facts.kind === 'request') {
    facts.method = first[0]!;
    facts.requestUri = first[1]!;
  } else {
    facts.statusCode = Number(first[1]);
    facts.reasonPhrase = first.slice(2).join(' ');
  }
  const vias: ViaFacts[] = [];
  const contacts: NameAddrFacts[] = [];
  const recordRoutes: NameAddrFacts[] = [];
  const routes: NameAddrFacts[] = [];
  const reasons: string[] = [];
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    const rawName = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[rawName] ?? rawName;
    const value = line.slice(colon + 1).trim();
    switch (name) {
      case 'via': for (const v of value.split(',')) vias.push(parseVia(v)); break;
      case 'from': facts.from = parseNameAddr(value); break;
      case 'to': facts.to = parseNameAddr(value); break;
      case 'call-id': facts.callId = value; break;
      case 'cseq': {
        const [n, m] = value.split(/\s+/);
        facts.cseqNumber = Number(n);
        facts.cseqMethod = m;
        break;
      }
      case 'contact': if (value !== '*') for (const c of value.split(',')) contacts.push(parseNameAddr(c)); break;
      case 'record-route': for (const r of value.split(',')) recordRoutes.push(parseNameAddr(r)); break;
      case 'route': for (const r of value.split(',')) routes.push(parseNameAddr(r)); break;
      case 'max-forwards': facts.maxForwards = Number(value); break;
      case 'expires': facts.expires = Number(value); break;
      case 'min-expires': facts.minExpires = Number(value); break;
      case 'reason': reasons.push(value); break;
      case 'content-type': facts.contentType = value; break;
      case 'content-length': facts.contentLength = Number(value); break;
      case 'user-agent': facts.userAgent = value; break;
      case 'server': facts.server = value; break;
      default: break;
    }
  }
  facts.vias = vias;
  facts.contacts = contacts;
  facts.recordRoutes = recordRoutes;
  facts.routes = routes;
  facts.reasons = reasons;
  if (body && (facts.contentType ?? '').toLowerCase().startsWith('application/sdp')) facts.sdp = parseSdp(body);
  return facts;
}

const texts = new WeakMap<MessageRecord, string>();

/** Header lookup over the texts test records were built from (what the pipeline will offer). */
export function testHeaderValue(record: MessageRecord, name: string): string | undefined {
  const text = texts.get(record);
  if (text === undefined) return undefined;
  const wanted = name.toLowerCase();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim();
  }
  return undefined;
}

export function makeTestRecord(index: number, text: string, spec: RecordSpec): MessageRecord {
  const frame = spec.frame ?? index + 1;
  const ms = Math.floor(spec.atMs);
  const record: MessageRecord = {
    index,
    frame,
    frames: [frame],
    timestamp: makeTimestamp(1_000_000_000 + Math.floor(ms / 1000), (ms % 1000) * 1e6 + Math.round((spec.atMs - ms) * 1e6)),
    src: parseEndpoint(spec.src),
    dst: parseEndpoint(spec.dst),
    transport: spec.transport ?? 'udp',
    encapsulation: [],
    facts: parseTestFacts(text),
    issues: spec.issues ?? [],
  };
  texts.set(record, text);
  return record;
}

/** Accumulates records with consecutive indices and frames. */
export class TestTrace {
  readonly records: MessageRecord[] = [];

  add(text: string, spec: RecordSpec): MessageRecord {
    const record = makeTestRecord(this.records.length, text, spec);
    this.records.push(record);
    return record;
  }
}

/** Re-numbers records (index and frame) in their array order, e.g. after a permutation. */
export function renumber(records: readonly MessageRecord[]): MessageRecord[] {
  return records.map((r, i) => {
    const copy = { ...r, index: i, frame: i + 1, frames: [i + 1] };
    const text = texts.get(r);
    if (text !== undefined) texts.set(copy, text);
    return copy;
  });
}
