/**
 * The fields a filter can test, for messages and for rows (calls and other usages), with their types and
 * one-line descriptions (the help text and docs/filter-language.md list the same). A getter returns
 * undefined when the field does not apply (a status on a request), or several values (codecs, frames).
 */
import { formatEndpoint } from '../../shared/endpoint.ts';
import { issuesOfMessage, issuesOfRow, rowCall, rowUsage, usageFinalStatus, type FilterData } from './filterData.ts';

export type FieldType = 'string' | 'number' | 'status' | 'duration' | 'boolean';
export type Scalar = string | number | boolean;
export type FieldValue = Scalar | readonly Scalar[] | undefined;

export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  readonly description: string;
  /** Message fields: a record index; row fields: a row position (0-based). */
  readonly get: (subject: number, data: FilterData) => FieldValue;
}

const endpointForms = (e: { ip: string; port: number }): string[] => [formatEndpoint(e), e.ip];

const message = (name: string, type: FieldType, description: string, get: FieldDef['get']): FieldDef => ({ name, type, description, get });

export const MESSAGE_FIELDS: readonly FieldDef[] = [
  message('method', 'string', 'request method; for a response, the method of its CSeq', (i, d) => {
    const f = d.lookup(i)?.facts;
    return f === undefined ? undefined : f.kind === 'request' ? f.method : f.cseqMethod;
  }),
  message('request', 'boolean', 'the message is a request', (i, d) => d.lookup(i)?.facts.kind === 'request'),
  message('response', 'boolean', 'the message is a response', (i, d) => d.lookup(i)?.facts.kind === 'response'),
  message('status', 'status', 'response status code (also 4xx-style classes with == and !=)', (i, d) => d.lookup(i)?.facts.statusCode),
  message('reason', 'string', 'response reason phrase', (i, d) => d.lookup(i)?.facts.reasonPhrase),
  message('from', 'string', 'From header as written (display name, URI, tag)', (i, d) => d.lookup(i)?.facts.from?.raw),
  message('to', 'string', 'To header as written', (i, d) => d.lookup(i)?.facts.to?.raw),
  message('ruri', 'string', 'Request-URI', (i, d) => d.lookup(i)?.facts.requestUri),
  message('callid', 'string', 'Call-ID', (i, d) => d.lookup(i)?.facts.callId),
  message('cseq', 'number', 'CSeq number', (i, d) => d.lookup(i)?.facts.cseqNumber),
  message('branch', 'string', 'top Via branch', (i, d) => d.lookup(i)?.facts.vias[0]?.branch),
  message('contact', 'string', 'Contact URIs', (i, d) => d.lookup(i)?.facts.contacts.map((c) => c.uri)),
  message('src', 'string', 'source "ip:port" (== also accepts the address alone)', (i, d) => {
    const r = d.lookup(i);
    return r === undefined ? undefined : endpointForms(r.src);
  }),
  message('dst', 'string', 'destination "ip:port" (== also accepts the address alone)', (i, d) => {
    const r = d.lookup(i);
    return r === undefined ? undefined : endpointForms(r.dst);
  }),
  message('addr', 'string', 'source or destination', (i, d) => {
    const r = d.lookup(i);
    return r === undefined ? undefined : [...endpointForms(r.src), ...endpointForms(r.dst)];
  }),
  message('transport', 'string', 'udp, tcp, tls, sctp, ws or wss', (i, d) => d.lookup(i)?.transport),
  message('ua', 'string', 'User-Agent or Server header', (i, d) => {
    const f = d.lookup(i)?.facts;
    return f === undefined ? undefined : [f.userAgent, f.server].filter((v): v is string => v !== undefined);
  }),
  message('codec', 'string', 'codecs offered or answered in the SDP body, e.g. PCMU/8000', (i, d) =>
    d.lookup(i)?.facts.sdp?.media.flatMap((m) => m.codecs)),
  message('sdp', 'boolean', 'the message carries an SDP body', (i, d) => d.lookup(i)?.facts.sdp !== undefined),
  message('frame', 'number', 'numbers of the frames that carried the message', (i, d) => d.lookup(i)?.frames),
  message('retransmission', 'boolean', 'a retransmission of an earlier message on the same hop', (i, d) => (d.model.columns.retransmissionOf[i] ?? -1) >= 0),
  message('issues', 'number', 'number of issues found in or about the message', (i, d) => issuesOfMessage(d, i).length),
  message('issue', 'string', 'codes of those issues, e.g. sip.header_no_colon', (i, d) => issuesOfMessage(d, i).map((x) => x.code)),
];

const row = message;

export const ROW_FIELDS: readonly FieldDef[] = [
  row('kind', 'string', 'call, registration, subscription, options, message, publish, refer, info or other', (r, d) => d.rows[r]!.kind),
  row('outcome', 'string', 'calls: answered, cancelled, busy, declined, rejected, redirected, timedOut, failed, inProgress; registrations: registered, unregistered, challenged, rejected, pending', (r, d) => {
    const x = d.rows[r]!;
    return rowCall(d, x)?.outcome ?? rowUsage(d, x)?.registration?.outcome;
  }),
  row('status', 'status', 'final status of the call (or of the usage\'s last transaction)', (r, d) => {
    const x = d.rows[r]!;
    const call = rowCall(d, x);
    const status = call !== undefined ? call.finalStatus : usageFinalStatus(d, x);
    return status > 0 ? status : undefined;
  }),
  row('reason', 'string', 'reason phrase of the final response', (r, d) => rowCall(d, d.rows[r]!)?.reasonPhrase),
  row('from', 'string', 'caller (From URI of the first leg)', (r, d) => {
    const x = d.rows[r]!;
    return rowCall(d, x)?.from ?? d.lookup(x.firstIndex)?.facts.from?.uri;
  }),
  row('to', 'string', 'callee (To URI of the first leg)', (r, d) => {
    const x = d.rows[r]!;
    return rowCall(d, x)?.to ?? d.lookup(x.firstIndex)?.facts.to?.uri;
  }),
  row('callid', 'string', 'Call-ID of any leg', (r, d) => {
    const x = d.rows[r]!;
    return rowCall(d, x)?.callIds ?? rowUsage(d, x)?.callId;
  }),
  row('codec', 'string', 'codecs negotiated (in the answer and the offer)', (r, d) => rowCall(d, d.rows[r]!)?.codecs),
  row('pdd', 'duration', 'post-dial delay: INVITE to first 18x (RFC 6076)', (r, d) => rowCall(d, d.rows[r]!)?.postDialDelayMs),
  row('setup', 'duration', 'session setup time: INVITE to 2xx', (r, d) => rowCall(d, d.rows[r]!)?.setupTimeMs),
  row('duration', 'duration', 'call duration: answer to BYE', (r, d) => rowCall(d, d.rows[r]!)?.durationMs),
  row('hungup', 'string', 'who sent the BYE: caller or callee', (r, d) => rowCall(d, d.rows[r]!)?.hungUpBy),
  row('legs', 'number', 'number of legs (B2BUA legs joined into the call)', (r, d) => rowCall(d, d.rows[r]!)?.legs ?? 1),
  row('msgs', 'number', 'number of messages', (r, d) => d.rows[r]!.messages.length),
  row('noise', 'boolean', 'background traffic (OPTIONS keep-alives)', (r, d) => rowUsage(d, d.rows[r]!)?.noise ?? false),
  row('issues', 'number', 'number of issues about the call or its messages', (r, d) => issuesOfRow(d, d.rows[r]!).length),
  row('issue', 'string', 'codes of those issues', (r, d) => issuesOfRow(d, d.rows[r]!).map((x) => x.code)),
];

const byName = (defs: readonly FieldDef[]): ReadonlyMap<string, FieldDef> => new Map(defs.map((d) => [d.name, d]));
export const MESSAGE_FIELD_MAP = byName(MESSAGE_FIELDS);
export const ROW_FIELD_MAP = byName(ROW_FIELDS);

/** Other spellings people reach for (Wireshark's, RFC header names). */
export const FIELD_ALIASES: Readonly<Record<string, string>> = {
  'call-id': 'callid', call_id: 'callid', cid: 'callid', 'request-uri': 'ruri', uri: 'ruri', useragent: 'ua',
  'user-agent': 'ua', server: 'ua', messages: 'msgs', code: 'status', 'status-code': 'status', src_addr: 'src',
  dst_addr: 'dst', ip: 'addr', host: 'addr', proto: 'transport', protocol: 'transport', codecs: 'codec',
  retrans: 'retransmission', retransmitted: 'retransmission', postdial: 'pdd', setuptime: 'setup',
};
