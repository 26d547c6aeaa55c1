/**
 * Finds the session description in a message body: an application/sdp body, or the first
 * application/sdp part of a multipart/mixed|related|alternative body (RFC 2046 §5.1, RFC 5621),
 * nested up to three levels deep.
 */
import type { Issue } from '../shared/issue.ts';
import { makeIssue } from '../shared/issue.ts';
import { SIP_ISSUES } from './issues.ts';
import type { MediaType } from './mediaType.ts';
import { parseMediaType, unquoteParameter } from './mediaType.ts';
import { splitMultipart } from './multipart.ts';

const MAX_DEPTH = 3;

/** True when a body without Content-Type still looks like SDP ("v=0" first). */
function looksLikeSdp(body: Uint8Array): boolean {
  return body.length >= 4 && body[0] === 0x76 && body[1] === 0x3d && body[2] === 0x30 && (body[3] === 0x0d || body[3] === 0x0a);
}

/** The bytes of the SDP body, or undefined when the message carries none. */
export function findSdpBody(body: Uint8Array, contentType: MediaType | undefined, issues: Issue[], depth = 0): Uint8Array | undefined {
  if (body.length === 0) return undefined;
  if (contentType === undefined) return depth === 0 && looksLikeSdp(body) ? body : undefined;
  if (contentType.mediaType === 'application/sdp') return body;
  if (contentType.type !== 'multipart' || depth >= MAX_DEPTH) return undefined;
  const boundaryValue = contentType.parameters.boundary;
  const boundary = boundaryValue === undefined ? '' : unquoteParameter(boundaryValue);
  const parts = boundary === '' ? undefined : splitMultipart(body, boundary);
  if (parts === undefined) {
    issues.push(makeIssue(SIP_ISSUES, 'multipart.bad_boundary', {
      value: boundaryValue ?? '',
      detail: boundary === '' ? 'The multipart body has no boundary parameter.' : 'The boundary never occurs in the multipart body.',
    }));
    return undefined;
  }
  for (const part of parts) {
    if (part.contentType === undefined) continue;
    const partType = parseMediaType(part.contentType).value;
    const found = findSdpBody(part.body, partType, issues, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
