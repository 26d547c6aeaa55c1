/**
 * Issue codes of the capture stage (pcap: draft-ietf-opsawg-pcap; pcapng: draft-ietf-opsawg-pcapng; gzip:
 * RFC 1952). Damage never throws: the reader keeps every intact record before it and names the damage here.
 */
import { defineIssues } from '../shared/issue.ts';

export const captureIssues = defineIssues({
  'capture.empty': { severity: 'warning', summary: 'The input is empty.' },
  'capture.unknown_format': {
    severity: 'error',
    summary: 'The input is not a pcap, pcapng or gzip file; no frames were read.',
  },
  'capture.sip_text': {
    severity: 'info',
    summary: 'The input is SIP message text, not a packet capture; the capture reader produced no frames.',
  },
  'capture.garbage_tail': {
    severity: 'warning',
    summary: 'Bytes after the point where reading stopped were not read.',
  },
  'capture.issues_suppressed': {
    severity: 'info',
    summary: 'Further issues of one code were counted but not listed.',
  },

  'pcap.truncated_header': { severity: 'error', summary: 'The pcap file header is cut short.' },
  'pcap.unsupported_version': {
    severity: 'warning',
    summary: 'The pcap file header has a version other than 2.x; records were read as 2.4.',
  },
  'pcap.truncated_record': { severity: 'warning', summary: 'The last pcap record is cut short.' },
  'pcap.caplen_exceeds_snaplen': {
    severity: 'warning',
    summary: 'A pcap record holds more bytes than the file snapshot length.',
  },
  'pcap.record_length_absurd': {
    severity: 'error',
    summary: 'A pcap record claims an impossible captured length; reading stopped there.',
  },
  'pcap.timestamp_fraction_overflow': {
    severity: 'info',
    summary: 'A pcap record timestamp fraction is a whole second or more; it was carried into the seconds.',
  },

  'pcapng.truncated_block': { severity: 'warning', summary: 'The last pcapng block is cut short.' },
  'pcapng.block_length_too_small': {
    severity: 'error',
    summary: 'A pcapng block length is smaller than the block needs.',
  },
  'pcapng.block_length_too_big': {
    severity: 'error',
    summary: 'A pcapng block length is larger than any real block; reading stopped there.',
  },
  'pcapng.block_length_unaligned': {
    severity: 'error',
    summary: 'A pcapng block length is not a multiple of 4; reading stopped there.',
  },
  'pcapng.block_length_mismatch': {
    severity: 'error',
    summary: 'A pcapng block trailing length differs from its leading length; reading stopped there.',
  },
  'pcapng.bad_byte_order_magic': {
    severity: 'error',
    summary: 'A pcapng section header has no valid byte-order magic; reading stopped there.',
  },
  'pcapng.unsupported_version': {
    severity: 'warning',
    summary: 'A pcapng section has a major version other than 1; it was read as 1.0.',
  },
  'pcapng.bad_option': {
    severity: 'warning',
    summary: 'A pcapng option runs past the end of its block; the remaining options were ignored.',
  },
  'pcapng.unknown_interface': {
    severity: 'warning',
    summary: 'A pcapng packet block names an interface its section never described; the packet was skipped.',
  },
  'pcapng.caplen_exceeds_block': {
    severity: 'warning',
    summary: 'A pcapng packet block claims more captured bytes than it holds; the packet was skipped.',
  },
  'pcapng.caplen_exceeds_snaplen': {
    severity: 'warning',
    summary: 'A pcapng packet holds more bytes than its interface snapshot length.',
  },
  'pcapng.simple_packet_no_time': {
    severity: 'info',
    summary: 'Simple packet blocks carry no timestamp; their frames have time 0.',
  },

  'gzip.corrupt': { severity: 'error', summary: 'The gzip data is corrupt; reading stopped there.' },
  'gzip.truncated': {
    severity: 'error',
    summary: 'The gzip data ends early or its trailer does not match the data.',
  },
  'gzip.crc_mismatch': {
    severity: 'error',
    summary: 'A gzip member inflates to data that does not match its CRC-32 or length; its frames may be damaged.',
  },
  'gzip.trailing_garbage': {
    severity: 'warning',
    summary: 'Bytes after the last gzip member are not gzip data; they were ignored.',
  },
});

export type CaptureIssueCode = keyof typeof captureIssues;
