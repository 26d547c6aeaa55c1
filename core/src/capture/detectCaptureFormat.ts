/**
 * Capture format sniffing from the first bytes: pcap magics (draft-ietf-opsawg-pcap §4), the pcapng section
 * header block type (draft-ietf-opsawg-pcapng §4.1), the gzip magic (RFC 1952 §2.3.1) and SIP start lines
 * (RFC 3261 §7.1 request line, §7.2 status line).
 */
import type { CaptureFormat } from './frame.ts';

/** Bytes the reader gathers before calling this for text: enough for any sane SIP request line. */
export const SNIFF_TEXT_BYTES = 2048;

/** Magic first word of a classic pcap file, read little-endian (so file bytes d4 c3 b2 a1 read 0xa1b2c3d4). */
export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
/** Alexey Kuznetzov's patched libpcap: 8 more bytes per record header (ifindex, protocol, pkt_type). */
export const PCAP_MAGIC_KUZNETZOV = 0xa1b2cd34;
/** Section header block type; a byte palindrome, so it reads the same in either byte order. */
export const PCAPNG_SECTION_HEADER = 0x0a0d0d0a;

const latin1 = new TextDecoder('latin1');

// Request-Line = Method SP Request-URI SP SIP-Version CRLF; Status-Line = SIP-Version SP Status-Code SP …
const REQUEST_LINE = /^[A-Za-z0-9.!%*_+`'~-]+ [^\s]+ SIP\/2\.0\r?\n/;
const STATUS_LINE = /^SIP\/2\.0 [1-6]\d\d(?: |\r?\n)/;

/** Whether the first four bytes are a pcap magic in either byte order. */
export function isPcapMagic(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const le = (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  const be = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  return isPcapWord(le) || isPcapWord(be);
}

function isPcapWord(word: number): boolean {
  return word === PCAP_MAGIC_MICROSECONDS || word === PCAP_MAGIC_NANOSECONDS || word === PCAP_MAGIC_KUZNETZOV;
}

/**
 * Names the format of a capture from its first bytes. Binary formats need 4 bytes (gzip 2). 'sip-text' needs
 * the whole first line (after optional leading whitespace) within `firstBytes`; pass up to SNIFF_TEXT_BYTES.
 */
export function detectCaptureFormat(firstBytes: Uint8Array): CaptureFormat {
  const b = firstBytes;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.length >= 4 && b[0] === 0x0a && b[1] === 0x0d && b[2] === 0x0d && b[3] === 0x0a) return 'pcapng';
  if (isPcapMagic(b)) return 'pcap';
  return looksLikeSipText(b) ? 'sip-text' : 'unknown';
}

function looksLikeSipText(b: Uint8Array): boolean {
  let start = 0;
  const limit = Math.min(b.length, SNIFF_TEXT_BYTES);
  while (start < limit && (b[start] === 0x20 || b[start] === 0x09 || b[start] === 0x0d || b[start] === 0x0a)) start++;
  if (limit - start < 8) return false;
  const text = latin1.decode(b.subarray(start, limit));
  if (STATUS_LINE.test(text) || REQUEST_LINE.test(text)) return true;
  // A damaged start line (RFC 4475 §3.1.2: extra white space, a bad version, a 4-digit code) is still SIP
  // text when the first line names SIP/ and a mandatory header line follows.
  const firstLine = text.slice(0, text.search(/\r?\n/) >>> 0);
  return /SIP\//i.test(firstLine) && SIP_HEADER_LINE.test(text);
}

const SIP_HEADER_LINE = /^(via|v|call-id|i|cseq)[ \t]*:/im;
