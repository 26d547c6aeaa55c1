/** The anonymiser's public API: a capture (or SIP text) in, the same capture with pseudonyms out. */
export { anonymizeCapture, type AnonymizeOptions, type AnonymizeResult } from './anonymizeCapture.ts';
export { anonymizeIssues, type AnonymizeIssueCode } from './issues.ts';
export type { PseudonymTables } from './pseudonyms.ts';
