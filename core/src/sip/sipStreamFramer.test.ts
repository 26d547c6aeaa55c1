import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../shared/bytes.ts';
import type { FramerOutput } from './sipStreamFramer.ts';
import { MAX_CONTENT_LENGTH, MAX_HEADER_BYTES, SipStreamFramer } from './sipStreamFramer.ts';
import { crlf, utf8 } from './testMessages.ts';
import { TYPICAL_INVITE } from './typicalInvite.ts';

const text = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes);

const REGISTER = crlf('REGISTER sip:example.com SIP/2.0', 'Via: SIP/2.0/TCP h;branch=z9hG4bK1', 'Call-ID: r1', 'CSeq: 1 REGISTER', 'Content-Length: 0', '', '');
const OK = crlf('SIP/2.0 200 OK', 'Via: SIP/2.0/TCP h;branch=z9hG4bK1', 'Call-ID: r1', 'CSeq: 1 REGISTER', 'l: 5', '', 'hello');
const NO_LENGTH = crlf('BYE sip:a@b SIP/2.0', 'Call-ID: b1', '', '');

/** Pushes chunks (frame numbers 1, 2, …; `gaps` by chunk index) and collects every output, end() included. */
function frame(chunks: readonly Uint8Array[], gaps: Readonly<Record<number, number>> = {}): { outputs: FramerOutput[]; framer: SipStreamFramer } {
  const framer = new SipStreamFramer();
  const outputs: FramerOutput[] = [];
  chunks.forEach((data, index) => outputs.push(...framer.push({ data, frame: index + 1, gapBefore: gaps[index] ?? 0 })));
  outputs.push(...framer.end());
  return { outputs, framer };
}

const messages = (outputs: readonly FramerOutput[]): string[] => outputs.filter((out) => out.kind === 'message').map((out) => text(out.bytes));
const discards = (outputs: readonly FramerOutput[]): [string, string][] =>
  outputs.filter((out) => out.kind === 'discarded').map((out) => [out.issues[0]!.code, text(out.bytes)]);

function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let previous = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(previous, point));
    previous = point;
  }
  return chunks;
}

describe('SipStreamFramer', () => {
  it('frames several messages out of one chunk, as views of it', () => {
    const chunk = concatBytes([REGISTER, OK, TYPICAL_INVITE]);
    const framer = new SipStreamFramer();
    const outputs = framer.push({ data: chunk, frame: 7, gapBefore: 0 });
    expect(messages(outputs)).toEqual([text(REGISTER), text(OK), text(TYPICAL_INVITE)]);
    expect(outputs.every((out) => out.kind === 'message' && out.bytes.buffer === chunk.buffer && out.frames.join() === '7')).toBe(true);
    expect(framer.end()).toEqual([]);
  });

  it('assembles one message from many chunks and lists every frame that carried it', () => {
    const chunks = splitAt(TYPICAL_INVITE, [10, 200, 201, 500]);
    const { outputs } = frame(chunks);
    expect(messages(outputs)).toEqual([text(TYPICAL_INVITE)]);
    expect(outputs[0]!.frames).toEqual([1, 2, 3, 4, 5]);
  });

  it('lists frames ascending and once even when segments arrive out of order', () => {
    const framer = new SipStreamFramer();
    framer.push({ data: OK.subarray(0, 20), frame: 9, gapBefore: 0 });
    framer.push({ data: OK.subarray(20, 40), frame: 8, gapBefore: 0 });
    const outputs = framer.push({ data: OK.subarray(40), frame: 9, gapBefore: 0 });
    expect(outputs.map((out) => out.frames)).toEqual([[8, 9]]);
  });

  it('skips RFC 5626 keep-alives silently and counts them', () => {
    // runs of CRLF between messages: 2 (a ping), 1 (a pong), 3 split over chunks (a ping and a pong)
    const { outputs, framer } = frame([utf8('\r\n\r\n'), REGISTER, utf8('\r\n'), OK, utf8('\r\n\r'), utf8('\n\r\n'), REGISTER]);
    expect(messages(outputs)).toEqual([text(REGISTER), text(OK), text(REGISTER)]);
    expect(discards(outputs)).toEqual([]);
    expect([framer.pings, framer.pongs]).toEqual([2, 2]);
  });

  it('takes a missing Content-Length as 0 on a stream, with an issue', () => {
    const { outputs } = frame([concatBytes([NO_LENGTH, REGISTER])]);
    expect(messages(outputs)).toEqual([text(NO_LENGTH), text(REGISTER)]);
    expect(outputs[0]!.issues.map((issue) => issue.code)).toEqual(['sip.stream_missing_content_length']);
    expect(outputs[1]!.issues).toEqual([]);
  });

  it('drops a message cut by a gap and resynchronises on the next start line', () => {
    const first = OK.subarray(0, 30);
    const afterGap = concatBytes([OK.subarray(50), REGISTER]);
    const { outputs } = frame([REGISTER, first, afterGap], { 2: 123 });
    expect(messages(outputs)).toEqual([text(REGISTER), text(REGISTER)]);
    expect(discards(outputs)).toEqual([['sip.stream_gap', text(first)], ['sip.stream_resync', text(OK.subarray(50))]]);
    const gap = outputs.find((out) => out.kind === 'discarded')!;
    expect(gap.issues[0]).toMatchObject({ value: 123, frame: 3 });
    expect(gap.frames).toEqual([2]);
  });

  it('drops a message whose body is cut by a gap', () => {
    const { outputs } = frame([OK.subarray(0, OK.length - 2), concatBytes([utf8('lo'), REGISTER])], { 1: 2 });
    expect(messages(outputs)).toEqual([text(REGISTER)]);
    expect(discards(outputs).map(([code]) => code)).toEqual(['sip.stream_gap', 'sip.stream_resync']);
  });

  it('resumes without loss when a gap falls exactly between messages', () => {
    const { outputs } = frame([REGISTER, OK], { 1: 500 });
    expect(messages(outputs)).toEqual([text(REGISTER), text(OK)]);
    expect(discards(outputs)).toEqual([]);
  });

  it('skips garbage between messages with sip.stream_garbage', () => {
    const garbage = hex('16 03 01 00 05 68 65 6c 6c 6f 0d 0a'); // a TLS record header, "hello", CRLF
    const { outputs } = frame([concatBytes([REGISTER, garbage, OK])]);
    expect(messages(outputs)).toEqual([text(REGISTER), text(OK)]);
    expect(discards(outputs)).toEqual([['sip.stream_garbage', text(garbage)]]);
  });

  it('frames a SIP-like start line that breaks the grammar instead of calling it garbage', () => {
    const odd = crlf('INVITE  sip:a@b  SIP/2.0', 'Content-Length: 0', '', '');
    expect(messages(frame([odd, REGISTER]).outputs)).toEqual([text(odd), text(REGISTER)]);
  });

  it('gives up on a header section over 64 KiB and resynchronises', () => {
    const huge = concatBytes([utf8('INVITE sip:a@b SIP/2.0\r\nX-Long: '), new Uint8Array(MAX_HEADER_BYTES).fill(0x61)]);
    const { outputs } = frame([huge, utf8('\r\n\r\n'), REGISTER]);
    expect(discards(outputs).map(([code]) => code)).toContain('sip.stream_header_too_long');
    expect(messages(outputs)).toEqual([text(REGISTER)]);
  });

  it('refuses a Content-Length over 16 MiB and resynchronises', () => {
    const head = crlf('MESSAGE sip:a@b SIP/2.0', `Content-Length: ${MAX_CONTENT_LENGTH + 1}`, '', '');
    const { outputs } = frame([concatBytes([head, utf8('body bytes'), REGISTER])]);
    expect(discards(outputs)).toEqual([['sip.stream_content_length_too_large', text(head)], ['sip.stream_garbage', 'body bytes']]);
    expect(messages(outputs)).toEqual([text(REGISTER)]);
  });

  it('at the end, returns a message whose body is short and reports an unfinished header', () => {
    const short = frame([OK.subarray(0, OK.length - 2)]).outputs;
    expect(short).toHaveLength(1);
    expect(short[0]).toMatchObject({ kind: 'message', issues: [{ code: 'sip.stream_truncated', value: 2 }] });
    expect(discards(frame([REGISTER.subarray(0, 20)]).outputs)).toEqual([['sip.stream_truncated', text(REGISTER.subarray(0, 20))]]);
  });

  it('frames the same messages whatever the chunking', () => {
    const stream = concatBytes([utf8('\r\n\r\n'), REGISTER, OK, utf8('\r\n'), TYPICAL_INVITE, NO_LENGTH]);
    const whole = frame([stream]).outputs;
    fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 30 }), (cuts) => {
      const outputs = frame(splitAt(stream, cuts)).outputs;
      expect(messages(outputs)).toEqual(messages(whole));
      expect(outputs.map((out) => out.issues.map((issue) => issue.code))).toEqual(whole.map((out) => out.issues.map((issue) => issue.code)));
    }), { numRuns: 500 });
  });

  it('splits at every single byte position alike', () => {
    const stream = concatBytes([REGISTER, OK]);
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(messages(frame([stream.subarray(0, cut), stream.subarray(cut)]).outputs), `cut at ${cut}`).toEqual([text(REGISTER), text(OK)]);
    }
  });

  it('accounts for every byte: messages and discards, in order, are the stream minus skipped line ends', () => {
    const piece = fc.oneof(
      fc.constantFrom(REGISTER, OK, NO_LENGTH, utf8('\r\n'), utf8('\r\n\r\n')),
      fc.uint8Array({ maxLength: 40 }),
    );
    const stripLineEnds = (bytes: Uint8Array): string => text(bytes).replace(/[\r\n]/g, '');
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), (pieces, cuts) => {
      const stream = concatBytes(pieces);
      const outputs = frame(splitAt(stream, cuts)).outputs;
      expect(stripLineEnds(concatBytes(outputs.map((out) => out.bytes)))).toBe(stripLineEnds(stream));
      for (const out of outputs) expect([...out.frames].sort((a, b) => a - b)).toEqual(out.frames);
    }), { numRuns: 1500 });
  });

  it('never throws on random chunks and gaps', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.uint8Array({ maxLength: 80 }), fc.nat(3)), { maxLength: 12 }), (chunks) => {
      const framer = new SipStreamFramer();
      chunks.forEach(([data, gap], index) => framer.push({ data, frame: index + 1, gapBefore: gap === 0 ? 10 : 0 }));
      framer.end();
    }), { numRuns: 1500 });
  });
});
