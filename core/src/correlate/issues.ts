/**
 * Issue codes of the correlation stage: what a passive observer notices while matching messages into
 * transactions (RFC 3261 §17), hops (§16), and dialogs (§12).
 */
import { defineIssues } from '../shared/issue.ts';

export const correlateIssues = defineIssues({
  'correlate.no_transaction_key': {
    severity: 'warning',
    summary: 'The message lacks the Via, CSeq or Call-ID needed to match it to a transaction.',
  },
  'correlate.response_without_request': {
    severity: 'warning',
    summary: 'Response whose request was not captured on this hop.',
  },
  'correlate.ack_without_invite': {
    severity: 'warning',
    summary: 'ACK whose INVITE was not captured.',
  },
  'correlate.cancel_without_invite': {
    severity: 'warning',
    summary: 'CANCEL whose INVITE was not captured on this hop.',
  },
  'correlate.branch_without_cookie': {
    severity: 'info',
    summary: 'Top Via branch lacks the z9hG4bK magic cookie: matched with the RFC 2543 rules.',
  },
  'correlate.ack_reuses_invite_branch': {
    severity: 'info',
    summary: 'ACK for a 2xx reuses the INVITE branch (RFC 2543 behaviour): kept as its own transaction.',
  },
  'correlate.duplicate_capture': {
    severity: 'info',
    summary: 'The same message was captured twice on the same hop within a few milliseconds (capture artefact, not a retransmission).',
  },
  'correlate.response_from_unexpected_address': {
    severity: 'info',
    summary: "Response sent from an address other than the one its request was sent to.",
  },
  'correlate.via_loop': {
    severity: 'error',
    summary: 'The Via stack holds the same sent-by and branch twice: the request is looping.',
  },
  'correlate.via_spiral': {
    severity: 'info',
    summary: 'The Via stack holds the same sent-by twice with different branches: the request spiralled.',
  },
  'correlate.max_forwards_not_decremented': {
    severity: 'warning',
    summary: 'A proxy forwarded the request without decrementing Max-Forwards.',
  },
  'correlate.cseq_backwards': {
    severity: 'warning',
    summary: 'New request in a dialog with a CSeq lower than the previous one from the same side.',
  },
  'correlate.bye_before_answer': {
    severity: 'warning',
    summary: 'BYE sent in a dialog that was not yet confirmed by a 2xx.',
  },
  'correlate.request_after_bye': {
    severity: 'warning',
    summary: 'New request in a dialog after it was ended by BYE.',
  },
  'correlate.dialog_midstream': {
    severity: 'info',
    summary: 'In-dialog message for a dialog whose creation was not captured.',
  },
});

export type CorrelateIssueCode = keyof typeof correlateIssues;
