/**
 * Issue codes of the stream half of the network stage: TCP reassembly (RFC 9293 §3.4 sequence space),
 * WebSocket framing (RFC 6455 §5, RFC 7692) and HEP encapsulation (HEPv2/HEPv3).
 */
import { defineIssues } from '../shared/issue.ts';

export const streamIssues = defineIssues({
  'tcp.missing_start': {
    severity: 'info',
    summary: 'The start of this TCP stream was not captured; reassembly begins at the first data segment seen.',
  },
  'tcp.retransmission': {
    severity: 'info',
    summary: 'A TCP segment repeated bytes already received; only new bytes were kept.',
  },
  'tcp.overlap_mismatch': {
    severity: 'warning',
    summary: 'Overlapping TCP segments carried different bytes for the same sequence numbers; the first delivered bytes were kept.',
  },
  'tcp.gap': {
    severity: 'warning',
    summary: 'Bytes of this TCP stream were never captured; delivery skipped over the hole.',
  },
  'tcp.stream_evicted': {
    severity: 'warning',
    summary: 'Too many TCP connections were open at once; the least recently used one was flushed and forgotten.',
  },
  'websocket.gap': {
    severity: 'warning',
    summary: 'Bytes of a WebSocket connection were lost; decoding of this direction stopped.',
  },
  'websocket.bad_frame': {
    severity: 'warning',
    summary: 'A WebSocket frame header breaks RFC 6455; decoding of this direction stopped.',
  },
  'websocket.reserved_bits': {
    severity: 'warning',
    summary: 'A WebSocket frame set reserved bits that no negotiated extension defines; its message was dropped.',
  },
  'websocket.masking': {
    severity: 'info',
    summary: 'A WebSocket frame was masked the wrong way for its direction (clients mask, servers do not).',
  },
  'websocket.bad_handshake': {
    severity: 'warning',
    summary: 'The HTTP Upgrade handshake of a WebSocket connection could not be read or was refused.',
  },
  'websocket.missing_handshake': {
    severity: 'info',
    summary: 'The WebSocket handshake of this direction was not captured; frames were decoded without it.',
  },
  'websocket.not_sip': {
    severity: 'info',
    summary: 'The WebSocket handshake did not negotiate the "sip" subprotocol (RFC 7118).',
  },
  'websocket.message_too_large': {
    severity: 'warning',
    summary: 'A WebSocket message exceeded the size limit and was skipped.',
  },
  'websocket.deflate_failed': {
    severity: 'warning',
    summary: 'A permessage-deflate WebSocket message could not be decompressed and was dropped.',
  },
  'websocket.truncated': {
    severity: 'info',
    summary: 'The capture ended inside a WebSocket frame or fragmented message.',
  },
  'hep.truncated': {
    severity: 'warning',
    summary: 'A HEP packet is shorter than its header or length field says.',
  },
  'hep.bad_chunk': {
    severity: 'warning',
    summary: 'A HEPv3 chunk has an impossible length or a value of the wrong size.',
  },
  'hep.missing_chunk': {
    severity: 'warning',
    summary: 'A HEP packet lacks a chunk needed to rebuild the original message (address, port or payload).',
  },
  'hep.unsupported': {
    severity: 'warning',
    summary: 'A HEP packet has an unknown version or address family.',
  },
  'hep.decompress_failed': {
    severity: 'warning',
    summary: 'A compressed HEPv3 payload could not be inflated as zlib, gzip or raw deflate.',
  },
  'hep.unknown_ip_protocol': {
    severity: 'info',
    summary: 'A HEP packet names an IP protocol that is not UDP, TCP, TLS or SCTP; UDP was assumed.',
  },
  'hep.resync': {
    severity: 'warning',
    summary: 'Bytes of a HEP-over-TCP stream did not form HEP3 packets and were skipped up to the next "HEP3".',
  },
});

export type StreamIssueCode = keyof typeof streamIssues;
