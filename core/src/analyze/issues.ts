/**
 * Issue codes of the analysis stage: protocol anomalies a reader of a finished trace points at
 * (RFC 3261 §13.2.2.4 ACK for 2xx, §16.3 Max-Forwards / loops, §17 retransmissions, RFC 3264 offer/answer).
 */
import { defineIssues } from '../shared/issue.ts';

export const analyzeIssues = defineIssues({
  'analyze.missing_ack': {
    severity: 'warning',
    summary: 'A 2xx to INVITE was never acknowledged although the capture went on past 64·T1.',
  },
  'analyze.retransmission_storm': {
    severity: 'warning',
    summary: 'One transaction was retransmitted many times: the peer is not receiving, or not answering.',
  },
  'analyze.call_leg_does_not_exist': {
    severity: 'warning',
    summary: '481 Call/Transaction Does Not Exist: the peer has no dialog or transaction for this request.',
  },
  'analyze.max_forwards_exhausted': {
    severity: 'warning',
    summary: 'Request with Max-Forwards 0: the next proxy must answer 483.',
  },
  'analyze.too_many_hops': {
    severity: 'warning',
    summary: '483 Too Many Hops: Max-Forwards ran out on the way.',
  },
  'analyze.loop_detected': {
    severity: 'warning',
    summary: '482 Loop Detected: a proxy saw the request come back to itself.',
  },
  'analyze.sdp_answer_without_offer': {
    severity: 'warning',
    summary: 'SDP in an ACK (or PRACK) although no offer was pending (RFC 3264).',
  },
  'analyze.content_length_mismatch': {
    severity: 'warning',
    summary: 'Content-Length differs from the body carried by this UDP datagram.',
  },
  'analyze.invite_unanswered': {
    severity: 'warning',
    summary: 'INVITE without a final response although the capture went on past 64·T1.',
  },
});

export type AnalyzeIssueCode = keyof typeof analyzeIssues;
