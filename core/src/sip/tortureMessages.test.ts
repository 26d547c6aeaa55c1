/**
 * RFC 4475 (49 messages + one extra) and RFC 5118 (12 transcribed messages) against the expectations
 * written from the RFC text in fixtures/messages/<rfc>/expected.json.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSipMessage } from './parseSipMessage.ts';
import type { ParsedForTest } from './testMessages.ts';
import { parseForTest } from './testMessages.ts';
import { parseUri } from './uri.ts';

const FIXTURES = new URL('../../../fixtures/messages/', import.meta.url);

interface Expectation {
  readonly verdict: string;
  readonly rfc: string;
  readonly issues?: readonly string[];
  readonly expect?: Readonly<Record<string, unknown>>;
}

function load(folder: string): { files: string[]; expected: Record<string, Expectation> } {
  const dir = new URL(`${folder}/`, FIXTURES);
  const files = readdirSync(dir).filter((name) => name.endsWith('.dat') || name.endsWith('.sip')).sort();
  const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<string, Expectation>;
  return { files, expected };
}

function bytesOf(folder: string, file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`${folder}/${file}`, FIXTURES)));
}

const orNull = (value: unknown): unknown => value ?? null;

function requestUriParts(parsed: ParsedForTest): { user?: string; host?: string; port?: number; scheme?: string } {
  const uri = parseUri(parsed.facts.requestUri ?? '').uri;
  if (uri === undefined) return {};
  if (uri.kind === 'sip') return { scheme: uri.scheme, user: uri.user, host: uri.host, port: uri.port };
  return { scheme: uri.scheme };
}

/** What the parser observed for one expectation key (unknown keys fail, so no check is silently skipped). */
function observe(key: string, parsed: ParsedForTest): unknown {
  const { facts, issues } = parsed;
  switch (key) {
    case 'kind': return facts.kind;
    case 'method': return orNull(facts.method);
    case 'requestUri': return orNull(facts.requestUri);
    case 'statusCode': return orNull(facts.statusCode);
    case 'reasonPhrase': return orNull(facts.reasonPhrase);
    case 'callId': return orNull(facts.callId);
    case 'cseqNumber': return orNull(facts.cseqNumber);
    case 'cseqMethod': return orNull(facts.cseqMethod);
    case 'topViaBranch': return orNull(facts.vias[0]?.branch);
    case 'contentLength': return orNull(facts.contentLength);
    case 'maxForwards': return orNull(facts.maxForwards);
    case 'viaCount': return facts.vias.length;
    case 'viaTransports': return facts.vias.map((via) => via.transport);
    case 'vias': return facts.vias;
    case 'toTag': return orNull(facts.to?.tag);
    case 'fromTag': return orNull(facts.from?.tag);
    case 'toDisplayName': return orNull(facts.to?.displayName);
    case 'fromDisplayName': return orNull(facts.from?.displayName);
    case 'toUser': return orNull(facts.to?.user);
    case 'toHost': return orNull(facts.to?.host);
    case 'toUri': return orNull(facts.to?.uri);
    case 'fromUri': return orNull(facts.from?.uri);
    case 'contactDisplayName': return orNull(facts.contacts[0]?.displayName);
    case 'contactCount': return facts.contacts.length;
    case 'contactHosts': return facts.contacts.map((contact) => contact.host);
    case 'contactParameters': return { ...facts.contacts[0]?.parameters };
    case 'contactUriParameters': return { ...facts.contacts[0]?.uriParameters };
    case 'routeCount': return facts.routes.length;
    case 'contentType': return orNull(facts.contentType);
    case 'bodyLength': return facts.bodyLength;
    case 'sdpMediaCount': return orNull(facts.sdp?.media.length);
    case 'sdpConnection': return orNull(facts.sdp?.connectionAddress);
    case 'sdpMedia': return facts.sdp?.media ?? null;
    case 'requestUriUser': return orNull(requestUriParts(parsed).user);
    case 'requestUriHost': return orNull(requestUriParts(parsed).host);
    case 'requestUriPort': return orNull(requestUriParts(parsed).port);
    case 'requestUriScheme': return orNull(requestUriParts(parsed).scheme);
    case 'missingHeaders': return issues.filter((issue) => issue.code === 'sip.missing_header').map((issue) => issue.value);
    case 'duplicates': return issues.filter((issue) => issue.code === 'sip.duplicate_header').map((issue) => issue.value);
    default: throw new Error(`expected.json uses an unknown key "${key}"`);
  }
}

/** Objects and arrays of objects in expected.json are partial; scalars must be equal. */
function checkExpectations(file: string, expectations: Readonly<Record<string, unknown>>, parsed: ParsedForTest): void {
  for (const [key, wanted] of Object.entries(expectations)) {
    const seen = observe(key, parsed);
    if (Array.isArray(wanted) && wanted.some((item) => typeof item === 'object' && item !== null)) {
      expect(seen, `${file} ${key}`).toMatchObject(wanted);
      expect((seen as unknown[]).length, `${file} ${key} length`).toBe(wanted.length);
    } else {
      expect(seen, `${file} ${key}`).toEqual(wanted);
    }
  }
}

describe('RFC 4475 torture messages', () => {
  const { files, expected } = load('rfc4475');

  it('has an expectation, written from the RFC, for each of the 49 messages and the extra file', () => {
    expect(files).toHaveLength(50);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  for (const file of files) {
    const expectation = expected[file]!;
    it(`${file}: ${expectation.verdict} — ${expectation.rfc}`, () => {
      const bytes = bytesOf('rfc4475', file);
      if (expectation.verdict === 'not-sip') {
        expect(parseSipMessage(bytes)).toEqual({ kind: 'not-sip' });
        return;
      }
      const parsed = parseForTest(bytes);
      checkExpectations(file, expectation.expect ?? {}, parsed);
      for (const code of expectation.issues ?? []) expect(parsed.codes, `${file} should report ${code}`).toContain(code);
      if (expectation.verdict === 'valid') {
        // Accepted messages carry no error or warning beyond the ones listed.
        const serious = parsed.issues.filter((issue) => issue.severity !== 'info' && !(expectation.issues ?? []).includes(issue.code));
        expect(serious, file).toEqual([]);
      }
    });
  }
});

describe('RFC 5118 IPv6 torture messages', () => {
  const { files, expected } = load('rfc5118');

  it('has an expectation for each of the 12 messages', () => {
    expect(files).toHaveLength(12);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  for (const file of files) {
    const expectation = expected[file]!;
    it(`${file}: ${expectation.verdict} — ${expectation.rfc}`, () => {
      const parsed = parseForTest(bytesOf('rfc5118', file));
      checkExpectations(file, expectation.expect ?? {}, parsed);
      const wanted = expectation.issues ?? [];
      for (const code of wanted) expect(parsed.codes, `${file} should report ${code}`).toContain(code);
      const serious = parsed.issues.filter((issue) => issue.severity !== 'info' && !wanted.includes(issue.code));
      expect(serious, file).toEqual([]);
    });
  }
});
