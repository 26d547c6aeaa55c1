/**
 * HEPv3 chunk 0x0010 (compressed payload): agents use zlib (RFC 1950), some gzip (RFC 1952) or raw
 * DEFLATE (RFC 1951); which one is not signalled, so each is tried in that order.
 */
import { gunzipSync, inflateSync, unzlibSync } from 'fflate';

/** Inflated payloads above this are refused: a HEP packet (≤ 64 KiB) holding more is a bomb, not SIP. */
const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

export function inflateHepPayload(compressed: Uint8Array): Uint8Array | undefined {
  for (const inflate of [unzlibSync, gunzipSync, inflateSync]) {
    let out: Uint8Array;
    try {
      out = inflate(compressed);
    } catch {
      continue; // not this format
    }
    return out.length <= MAX_INFLATED_BYTES ? out : undefined;
  }
  return undefined;
}
