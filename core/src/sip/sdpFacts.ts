/**
 * SDP facts (RFC 4566 / RFC 8866): connection address, media lines, codec names and direction.
 * The line grammar is sdp-transform's own (its exported `grammar` table: c=, m=, a=rtpmap, direction),
 * applied only to the lines the facts come from. Its generic `parse` driver costs more than the whole
 * SIP parse (every attribute tried against dozens of patterns, each value converted twice), so one
 * pass picks the lines and runs the one matching pattern on each. Codecs without a=rtpmap are named
 * from the static payload types of RFC 3551.
 */
import * as sdpTransform from 'sdp-transform';
import type { SdpFacts } from './sipFacts.ts';
import { STATIC_PAYLOAD_TYPES } from './staticPayloadTypes.ts';

export interface SdpParse {
  readonly facts: SdpFacts | undefined;
  readonly problem: string | undefined;
}

type Media = { -readonly [K in keyof SdpFacts['media'][number]]: SdpFacts['media'][number][K] };

interface GrammarRule {
  readonly name?: string;
  readonly push?: string;
  readonly reg?: RegExp;
}

/** sdp-transform exports its grammar at runtime; its type declarations do not mention it. */
const grammar = (sdpTransform as unknown as { grammar?: Readonly<Record<string, readonly GrammarRule[]>> }).grammar ?? {};
const CONNECTION = grammar.c?.find((rule) => rule.name === 'connection')?.reg;
const MEDIA = grammar.m?.[0]?.reg;
const RTPMAP = grammar.a?.find((rule) => rule.push === 'rtp')?.reg;
const DIRECTION = grammar.a?.find((rule) => rule.name === 'direction')?.reg;

/** First letters of sendrecv, sendonly, recvonly, inactive: other attributes skip the direction pattern. */
function startsLikeDirection(c: number): boolean {
  return c === 0x73 || c === 0x72 || c === 0x69;
}

/** True when sdp-transform's grammar has every rule the facts need (checked by the tests). */
export const SDP_GRAMMAR_READY = CONNECTION !== undefined && MEDIA !== undefined && RTPMAP !== undefined && DIRECTION !== undefined;

interface MediaBuilder {
  media: Media;
  formats: string;
  /** a=rtpmap payload types and codec names, alternating: [pt, name, pt, name, …]. */
  rtpmap: string[];
}

function mappedName(rtpmap: readonly string[], format: string): string | undefined {
  for (let k = 0; k < rtpmap.length; k += 2) if (rtpmap[k] === format) return rtpmap[k + 1];
  return undefined;
}

function codecNames(builder: MediaBuilder): string[] {
  const codecs: string[] = [];
  for (const format of builder.formats.split(' ')) {
    if (format === '') continue;
    const mapped = mappedName(builder.rtpmap, format);
    codecs.push(mapped ?? ((format.length <= 3 && STATIC_PAYLOAD_TYPES[Number(format)]) || format));
  }
  return codecs;
}

/** Facts of one SDP body; never throws. */
export function extractSdpFacts(text: string): SdpParse {
  if (!SDP_GRAMMAR_READY) return { facts: undefined, problem: 'the sdp-transform grammar is not available' };
  let problem: string | undefined;
  let sawVersion = false;
  let sessionAddress: string | undefined;
  let sessionDirection: string | undefined;
  const builders: MediaBuilder[] = [];
  let current: MediaBuilder | undefined;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd;
    const type = text.charCodeAt(lineStart);
    const next = lineEnd + 1;
    if (contentEnd === lineStart) {
      lineStart = next;
      continue;
    }
    if (text.charCodeAt(lineStart + 1) !== 0x3d || type < 0x61 || type > 0x7a) {
      problem ??= `line "${text.slice(lineStart, Math.min(contentEnd, lineStart + 40))}" is not type=value`;
      lineStart = next;
      continue;
    }
    if (!sawVersion && type !== 0x76) problem ??= 'the description does not start with v=';
    sawVersion = true;
    if (type === 0x6d) {
      // m=<media> <port> <proto> <fmt> ...
      const match = MEDIA!.exec(text.slice(lineStart + 2, contentEnd));
      if (match === null || match[1] === '' || match[2] === '' || match[3] === '') {
        problem ??= `m= line "${text.slice(lineStart, Math.min(contentEnd, lineStart + 40))}" is not "media port proto formats"`;
        current = undefined;
      } else {
        const media: Media = { type: match[1]!, port: Number(match[2]), protocol: match[3]!, codecs: [], direction: '' };
        current = { media, formats: match[4] ?? '', rtpmap: [] };
        builders.push(current);
      }
    } else if (type === 0x63) {
      const match = CONNECTION!.exec(text.slice(lineStart + 2, contentEnd));
      if (match !== null && match[2] !== '') {
        if (builders.length === 0) sessionAddress ??= match[2];
        else if (current !== undefined) current.media.connectionAddress ??= match[2];
      }
    } else if (type === 0x61) {
      if (text.startsWith('rtpmap:', lineStart + 2)) {
        const match = RTPMAP!.exec(text.slice(lineStart + 2, contentEnd));
        if (match !== null && match[1] !== '' && match[2] !== '' && current !== undefined && mappedName(current.rtpmap, match[1]!) === undefined) {
          let name = match[2]!;
          if (match[3] !== undefined && match[3] !== '') name += `/${match[3]}`;
          if (match[4] !== undefined && match[4] !== '') name += `/${match[4]}`;
          current.rtpmap.push(match[1]!, name);
        }
      } else if (startsLikeDirection(text.charCodeAt(lineStart + 2))) {
        const match = DIRECTION!.exec(text.slice(lineStart + 2, contentEnd));
        if (match !== null) {
          if (builders.length === 0) sessionDirection = match[1];
          else if (current !== undefined) current.media.direction = match[1]!;
        }
      }
    }
    lineStart = next;
  }
  if (!sawVersion) problem ??= 'no v= line';
  const media: Media[] = [];
  for (const builder of builders) {
    builder.media.codecs = codecNames(builder);
    if (builder.media.direction === '') builder.media.direction = sessionDirection ?? 'sendrecv';
    media.push(builder.media);
  }
  const facts: { -readonly [K in keyof SdpFacts]: SdpFacts[K] } = { media };
  const address = sessionAddress ?? media[0]?.connectionAddress;
  if (address !== undefined) facts.connectionAddress = address;
  return { facts, problem };
}
