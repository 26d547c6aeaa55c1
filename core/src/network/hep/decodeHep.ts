/**
 * HEP (Homer Encapsulation Protocol) recognised by its header on any port: HEPv3 by its "HEP3" magic,
 * HEPv1/v2 by a plausible fixed header followed by a SIP start-line (the v1/v2 header has no magic).
 */
import { makeIssue } from '../../shared/issue.ts';
import { streamIssues } from '../streamIssues.ts';
import { transportOfIpProtocol, type HepContext, type HepDecodeResult } from './hepResult.ts';
import { decodeHep2, hep2PayloadOffset } from './hepV2.ts';
import { decodeHep3 } from './hepV3.ts';

export type { HepContext, HepDecodeResult } from './hepResult.ts';

const H = 0x48;
const E = 0x45;
const P = 0x50;
const THREE = 0x33;

export function isHep3Magic(bytes: Uint8Array, at = 0): boolean {
  return bytes[at] === H && bytes[at + 1] === E && bytes[at + 2] === P && bytes[at + 3] === THREE;
}

/** True when the bytes are worth handing to decodeHep (cheap; looks at a few header bytes). */
export function looksLikeHep(bytes: Uint8Array): boolean {
  if (bytes.length >= 6 && isHep3Magic(bytes)) return ((bytes[4]! << 8) | bytes[5]!) >= 6;
  if (bytes.length < 8) return false;
  const offset = hep2PayloadOffset(bytes[0]!, bytes[2]!);
  if (offset === undefined || transportOfIpProtocol(bytes[3]) === undefined) return false;
  return startsLikeSip(bytes, offset);
}

/** Decodes one HEP packet (v1, v2 or v3). Never throws; problems come back as issues. */
export function decodeHep(payload: Uint8Array, context: HepContext): HepDecodeResult {
  if (payload.length >= 4 && isHep3Magic(payload)) return decodeHep3(payload, context);
  if (payload.length > 0 && (payload[0] === 1 || payload[0] === 2)) return decodeHep2(payload, context);
  const frame = context.frames[context.frames.length - 1];
  return { issues: [makeIssue(streamIssues, 'hep.unsupported', { value: payload.length === 0 ? 'empty' : `first byte ${payload[0]}`, frame })] };
}

/** `SIP/2.0 ` or an upper-case method token and a space: how every SIP message starts. */
function startsLikeSip(bytes: Uint8Array, at: number): boolean {
  if (bytes.length - at < 8) return false;
  if (bytes[at] === 0x53 && bytes[at + 1] === 0x49 && bytes[at + 2] === P && bytes[at + 3] === 0x2f) return true; // "SIP/"
  let i = at;
  while (i < bytes.length && i - at < 20 && bytes[i]! >= 0x41 && bytes[i]! <= 0x5a) i++;
  return i - at >= 3 && bytes[i] === 0x20;
}
