/** Issues the pipeline itself reports (input-level, not owned by one stage). */
import { defineIssues } from '../shared/issue.ts';

export const pipelineIssues = defineIssues({
  'text.not_sip': { severity: 'warning', summary: 'A block of the plain-text input is not a SIP message.' },
  'text.too_large': { severity: 'error', summary: 'The plain-text input is larger than the 64 MiB a text input may be; the rest was not read.' },
});
