/**
 * Issue codes of the SIP stage (RFC 3261 message syntax, RFC 3261 §18.3 stream framing, SDP and
 * multipart bodies). Codes are stable: analysis, reports and tests refer to them by name.
 *
 * | code                                  | sev     | raised by                  |
 * |---------------------------------------|---------|----------------------------|
 * | sip.bad_start_line                    | error   | parseSipMessage            |
 * | sip.bad_version                       | error   | parseSipMessage            |
 * | sip.bad_status_code                   | error   | parseSipMessage            |
 * | sip.header_no_colon                   | error   | parseSipMessage            |
 * | sip.bad_header_name                   | warning | parseSipMessage            |
 * | sip.orphan_continuation               | warning | parseSipMessage            |
 * | sip.folded_line                       | info    | parseSipMessage            |
 * | sip.bare_lf                           | info    | parseSipMessage            |
 * | sip.nul_byte                          | warning | parseSipMessage            |
 * | sip.header_not_terminated             | warning | parseSipMessage            |
 * | sip.content_length_invalid            | error   | parseSipMessage            |
 * | sip.content_length_mismatch           | error   | parseSipMessage            |
 * | sip.trailing_bytes                    | info    | parseSipMessage            |
 * | sip.duplicate_header                  | error   | parseSipMessage            |
 * | sip.missing_header                    | error   | parseSipMessage            |
 * | sip.cseq_method_mismatch, bad_cseq,   |         |                            |
 * |   cseq_over_2_31, bad_max_forwards,   |         |                            |
 * |   bad_expires, bad_uri, bad_via,      |         |                            |
 * |   bad_name_addr, bad_content_type,    |         |                            |
 * |   bad_date, branch_cookie_only        | (below) | extractSipFacts            |
 * | sip.stream_*                          | (below) | SipStreamFramer            |
 * | sip.text_*                            | info    | splitSipText               |
 * | sdp.malformed, multipart.*            | warning | extractSipFacts            |
 */
import { defineIssues } from '../shared/issue.ts';

export const SIP_ISSUES = defineIssues({
  'sip.damaged_start_line': { severity: 'warning', summary: 'A datagram names SIP/ in its first line but is not a SIP message (its start line is damaged: NUL bytes, a bad version or status code); it is counted as malformed, not as SIP.' },
  // --- start line (RFC 3261 §7.1, §7.2) ---
  'sip.bad_start_line': { severity: 'error', summary: 'The start line does not follow "Method SP Request-URI SP SIP-Version" / "SIP-Version SP Status-Code SP Reason-Phrase".' },
  'sip.bad_version': { severity: 'error', summary: 'The SIP version is not SIP/2.0.' },
  'sip.bad_status_code': { severity: 'error', summary: 'The status code is not three digits between 100 and 699.' },
  // --- header section (RFC 3261 §7.3) ---
  'sip.header_no_colon': { severity: 'error', summary: 'A header line has no colon; it was ignored.' },
  'sip.bad_header_name': { severity: 'warning', summary: 'A header name contains characters that are not allowed in a token.' },
  'sip.orphan_continuation': { severity: 'warning', summary: 'A folded continuation line follows no header; it was ignored.' },
  'sip.folded_line': { severity: 'info', summary: 'A header value is folded over several lines (RFC 3261 §7.3.1).' },
  'sip.bare_lf': { severity: 'info', summary: 'Lines end with LF instead of CRLF.' },
  'sip.nul_byte': { severity: 'warning', summary: 'The header section contains a NUL byte outside a quoted-pair.' },
  'sip.header_not_terminated': { severity: 'warning', summary: 'The header section does not end with an empty line.' },
  'sip.content_length_invalid': { severity: 'error', summary: 'Content-Length is not a non-negative decimal number.' },
  'sip.content_length_mismatch': { severity: 'error', summary: 'The body is shorter than Content-Length says.' },
  'sip.trailing_bytes': { severity: 'info', summary: 'Bytes follow the body announced by Content-Length; they were ignored (RFC 3261 §18.3).' },
  'sip.duplicate_header': { severity: 'error', summary: 'A single-valued header appears more than once.' },
  'sip.missing_header': { severity: 'error', summary: 'A mandatory header is missing (RFC 3261 §8.1.1).' },
  // --- typed header values (RFC 3261 §20, §25.1) ---
  'sip.cseq_method_mismatch': { severity: 'error', summary: 'The CSeq method differs from the request method.' },
  'sip.bad_cseq': { severity: 'error', summary: 'CSeq is not "number method" with a 32-bit unsigned number.' },
  'sip.cseq_over_2_31': { severity: 'info', summary: 'The CSeq number is 2^31 or more (RFC 3261 §8.1.1.5 wants less).' },
  'sip.bad_max_forwards': { severity: 'error', summary: 'Max-Forwards is not a number from 0 to 255.' },
  'sip.bad_expires': { severity: 'warning', summary: 'An expiry is not a number of seconds below 2^32.' },
  'sip.bad_uri': { severity: 'error', summary: 'A URI is malformed.' },
  'sip.bad_via': { severity: 'error', summary: 'A Via value is malformed.' },
  'sip.bad_name_addr': { severity: 'error', summary: 'A name-addr / addr-spec value (From, To, Contact, Route, …) is malformed.' },
  'sip.bad_content_type': { severity: 'warning', summary: 'Content-Type is not "type/subtype" with parameters.' },
  'sip.bad_date': { severity: 'warning', summary: 'The Date header is not an RFC 1123 date in GMT (RFC 3261 §20.17).' },
  'sip.branch_cookie_only': { severity: 'warning', summary: 'The Via branch is the bare magic cookie z9hG4bK without an identifier (RFC 4475 §3.2.1).' },
  // --- stream framing (RFC 3261 §18.3, RFC 5626 §3.5.1) ---
  'sip.stream_garbage': { severity: 'warning', summary: 'Bytes between messages on a stream are not SIP; they were skipped.' },
  'sip.stream_gap': { severity: 'warning', summary: 'Bytes are missing from the stream; the partial message was dropped.' },
  'sip.stream_resync': { severity: 'info', summary: 'Bytes after a stream gap were skipped up to the next start line.' },
  'sip.stream_missing_content_length': { severity: 'warning', summary: 'A message on a stream has no Content-Length; the body was taken as empty.' },
  'sip.stream_header_too_long': { severity: 'error', summary: 'No end of the header section within 64 KiB; the bytes were skipped.' },
  'sip.stream_content_length_too_large': { severity: 'error', summary: 'Content-Length exceeds 16 MiB; the message was skipped.' },
  'sip.stream_truncated': { severity: 'warning', summary: 'The stream ended inside a message.' },
  // --- plain-text input ---
  'sip.text_junk': { severity: 'info', summary: 'Text that is not part of a SIP message was skipped.' },
  'sip.text_line_ends_normalised': { severity: 'info', summary: 'LF line ends were turned into CRLF.' },
  // --- bodies (RFC 4566, RFC 2046 §5.1) ---
  'sdp.malformed': { severity: 'warning', summary: 'The SDP body could not be read.' },
  'multipart.bad_boundary': { severity: 'warning', summary: 'A multipart body has no usable boundary.' },
});

export type SipIssueCode = keyof typeof SIP_ISSUES;
