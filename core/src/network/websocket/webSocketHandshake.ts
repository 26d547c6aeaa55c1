/**
 * The HTTP/1.1 Upgrade handshake that opens a WebSocket (RFC 6455 §4.1, §4.2.2): the client's GET with
 * `Upgrade: websocket` and the server's `101 Switching Protocols`, plus what they agree on:
 * the `sip` subprotocol (RFC 7118 §4) and permessage-deflate (RFC 7692 §7.1).
 */
import { bytesToLatin1 } from '../../shared/bytes.ts';

export interface DeflateParameters {
  readonly serverNoContextTakeover: boolean;
  readonly clientNoContextTakeover: boolean;
}

export interface WebSocketHandshake {
  readonly kind: 'request' | 'response';
  /** Request: the method; response: the status code as text. */
  readonly startLine: string;
  readonly statusCode?: number;
  readonly upgradeWebsocket: boolean;
  /** Sec-WebSocket-Protocol values, lower-cased. */
  readonly subprotocols: readonly string[];
  /** permessage-deflate offered (request) or accepted (response), with its parameters. */
  readonly deflate?: DeflateParameters;
}

/** Index just past the blank line ending an HTTP header block, or -1. Accepts bare LF line ends. */
export function headerBlockEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

/** Parses a complete header block; undefined when the start-line is neither a request nor a response. */
export function parseHandshake(block: Uint8Array): WebSocketHandshake | undefined {
  const lines = bytesToLatin1(block).split(/\r?\n/);
  const startLine = lines[0] ?? '';
  let kind: 'request' | 'response';
  let statusCode: number | undefined;
  const response = /^HTTP\/1\.\d (\d{3})/.exec(startLine);
  if (response !== null) {
    kind = 'response';
    statusCode = Number(response[1]);
  } else if (/^[A-Za-z]+ \S+ HTTP\/1\.\d$/.test(startLine)) {
    kind = 'request';
  } else {
    return undefined;
  }
  let upgradeWebsocket = false;
  const subprotocols: string[] = [];
  let deflate: DeflateParameters | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'upgrade') {
      if (value.toLowerCase().split(',').some((v) => v.trim() === 'websocket')) upgradeWebsocket = true;
    } else if (name === 'sec-websocket-protocol') {
      for (const v of value.split(',')) if (v.trim() !== '') subprotocols.push(v.trim().toLowerCase());
    } else if (name === 'sec-websocket-extensions') {
      deflate ??= parseDeflateOffer(value);
    }
  }
  const result: WebSocketHandshake = { kind, startLine, upgradeWebsocket, subprotocols };
  return {
    ...result,
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(deflate !== undefined ? { deflate } : {}),
  };
}

/** First permessage-deflate entry of an extension list (`ext; param; param=value, ext2`). */
function parseDeflateOffer(value: string): DeflateParameters | undefined {
  for (const extension of value.split(',')) {
    const [name, ...params] = extension.split(';').map((p) => p.trim().toLowerCase());
    if (name !== 'permessage-deflate') continue;
    const names = params.map((p) => p.split('=')[0]!.trim());
    return {
      serverNoContextTakeover: names.includes('server_no_context_takeover'),
      clientNoContextTakeover: names.includes('client_no_context_takeover'),
    };
  }
  return undefined;
}
