/** Issue codes of the anonymiser (what it could not clean, and what it left out on purpose). */
import { defineIssues } from '../shared/issue.ts';

export const anonymizeIssues = defineIssues({
  'anonymize.frames_dropped': { severity: 'info', summary: 'Frames that carry no SIP, or that the anonymiser cannot rewrite safely, were left out.' },
  'anonymize.not_a_capture': { severity: 'error', summary: 'The input is not a capture (pcap, pcapng, gzip of either) nor SIP text.' },
  'anonymize.length_changed': { severity: 'error', summary: 'A value could not be replaced by one of the same length and was blanked instead.' },
  'anonymize.value_left': { severity: 'error', summary: 'An original value is still present in the output.' },
  'anonymize.pseudonym_collision': { severity: 'warning', summary: 'A very short value had no free replacement left; two values may share one.' },
  'anonymize.checksum_unknown': { severity: 'info', summary: 'The capture cut some packets short, so their UDP/TCP checksums were set to 0 (not computed).' },
});

export type AnonymizeIssueCode = keyof typeof anonymizeIssues;
