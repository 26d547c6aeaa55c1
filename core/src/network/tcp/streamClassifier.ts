/**
 * Guesses what a TCP byte stream carries from the first bytes of one direction: SIP (RFC 3261 §7.1
 * start-line), a WebSocket upgrade (RFC 6455 §4), other HTTP, TLS (RFC 8446 §5.1 record header) or HEP3.
 * 'unknown' is not final for SIP: a stream captured mid-message may still become SIP after a resync.
 */
export type StreamKind = 'sip' | 'websocket-handshake' | 'http' | 'tls' | 'hep' | 'unknown';

/** 'maybe': the bytes are a prefix of a recognisable start; more are needed to decide. */
type Verdict = StreamKind | 'maybe';

/** Bytes looked at before giving up; a SIP start-line or an HTTP header block fits well within. */
const CLASSIFY_LIMIT_BYTES = 4096;

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;

/** RFC 3261 token characters: alphanum and - . ! % * _ + ` ' ~ */
const TOKEN = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) TOKEN[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TOKEN[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TOKEN[c] = 1;
for (const ch of "-.!%*_+`'~") TOKEN[ch.charCodeAt(0)] = 1;

/** Classifies from whatever prefix is available; 'unknown' when the prefix is too short to tell. */
export function classifyStreamStart(bytes: Uint8Array): StreamKind {
  const verdict = judge(bytes);
  return verdict === 'maybe' ? 'unknown' : verdict;
}

/**
 * Accumulates the first bytes of one direction until the kind is decided (or CLASSIFY_LIMIT_BYTES pass),
 * so a start-line split over several segments is still recognised. `push` returns the kind once decided.
 */
export class StreamClassifier {
  private buffered: Uint8Array = new Uint8Array(0);
  private decided: StreamKind | undefined;

  get kind(): StreamKind | undefined {
    return this.decided;
  }

  push(data: Uint8Array): StreamKind | undefined {
    if (this.decided !== undefined) return this.decided;
    const room = CLASSIFY_LIMIT_BYTES - this.buffered.length;
    const take = data.subarray(0, Math.min(room, data.length));
    let view: Uint8Array;
    if (this.buffered.length === 0) {
      view = take;
    } else {
      view = new Uint8Array(this.buffered.length + take.length);
      view.set(this.buffered);
      view.set(take, this.buffered.length);
    }
    const verdict = judge(view);
    if (verdict !== 'maybe') this.decided = verdict;
    else if (view.length >= CLASSIFY_LIMIT_BYTES) this.decided = 'unknown';
    else this.buffered = view === take ? take.slice() : view;
    return this.decided;
  }
}

function judge(bytes: Uint8Array): Verdict {
  // Leading CRLFs are keep-alives (RFC 5626 §3.5.1) and stray line ends before a SIP message.
  let at = 0;
  while (at < bytes.length && (bytes[at] === CR || bytes[at] === LF)) at++;
  if (at === bytes.length) return 'maybe';
  const first = bytes[at]!;
  if (first === 0x16) {
    if (bytes.length - at < 3) return 'maybe';
    return bytes[at + 1] === 0x03 && bytes[at + 2]! <= 0x04 ? 'tls' : 'unknown';
  }
  if (first === 0x48 /* H */) {
    const hep = matchPrefix(bytes, at, 'HEP3');
    if (hep !== 'no') return hep === 'yes' ? 'hep' : 'maybe';
  }
  return judgeStartLine(bytes, at);
}

/** SIP or HTTP: `token SP target SP version CRLF` or `version SP code …`. */
function judgeStartLine(bytes: Uint8Array, start: number): Verdict {
  const sipStatus = matchPrefix(bytes, start, 'SIP/2.0 ');
  if (sipStatus === 'yes') return 'sip';
  const httpStatus = matchPrefix(bytes, start, 'HTTP/1.');
  if (httpStatus === 'yes') {
    const code = matchPrefix(bytes, start + 8, ' 101');
    if (code === 'maybe') return 'maybe';
    return code === 'yes' ? 'websocket-handshake' : 'http';
  }
  if (sipStatus === 'maybe' || httpStatus === 'maybe') return 'maybe';

  let at = start;
  while (at < bytes.length && TOKEN[bytes[at]!] === 1) at++;
  if (at === bytes.length) return 'maybe';
  if (at === start || bytes[at] !== SP || at - start > 32) return 'unknown';
  const methodEnd = at;
  at++;
  const targetStart = at;
  while (at < bytes.length && bytes[at]! > SP && bytes[at]! < 0x7f) at++;
  if (at === bytes.length) return 'maybe';
  if (at === targetStart || bytes[at] !== SP) return 'unknown';
  at++;
  const sip = matchPrefix(bytes, at, 'SIP/2.0');
  if (sip === 'yes') {
    const after = bytes[at + 7];
    if (after === undefined) return 'maybe';
    return after === CR || after === LF ? 'sip' : 'unknown';
  }
  const http = matchPrefix(bytes, at, 'HTTP/1.');
  if (sip === 'maybe' || http === 'maybe') return 'maybe';
  if (http === 'no') return 'unknown';
  return judgeHttpRequest(bytes, start, methodEnd);
}

/** A GET with an `Upgrade: websocket` header is a WebSocket handshake; decided once the header block ends. */
function judgeHttpRequest(bytes: Uint8Array, start: number, methodEnd: number): Verdict {
  const isGet = methodEnd - start === 3 && bytes[start] === 0x47 && bytes[start + 1] === 0x45 && bytes[start + 2] === 0x54;
  if (!isGet) return 'http';
  const text = latin1Lower(bytes, start);
  if (/\r?\nupgrade[ \t]*:[ \t]*websocket/.test(text)) return 'websocket-handshake';
  return text.includes('\r\n\r\n') || text.includes('\n\n') ? 'http' : 'maybe';
}

function latin1Lower(bytes: Uint8Array, start: number): string {
  let text = '';
  const end = Math.min(bytes.length, start + CLASSIFY_LIMIT_BYTES);
  // Bounded (≤ 4 KiB, once per stream), so building the string piecewise is cheap enough here.
  for (let i = start; i < end; i += 1024) {
    text += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 1024)));
  }
  return text.toLowerCase();
}

function matchPrefix(bytes: Uint8Array, at: number, literal: string): 'yes' | 'no' | 'maybe' {
  for (let i = 0; i < literal.length; i++) {
    if (at + i >= bytes.length) return 'maybe';
    if (bytes[at + i] !== literal.charCodeAt(i)) return 'no';
  }
  return 'yes';
}
