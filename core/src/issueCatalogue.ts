/**
 * The one catalogue of issue codes: every stage's definitions gathered, so tools (the CLI's `issues` command,
 * the docs, the app) can explain any code, and a test can check that no code is emitted undeclared.
 */
import { analyzeIssues } from './analyze/issues.ts';
import { anonymizeIssues } from './anonymize/issues.ts';
import { captureIssues } from './capture/issues.ts';
import { correlateIssues } from './correlate/issues.ts';
import { NETWORK_ISSUES } from './network/issues.ts';
import { streamIssues } from './network/streamIssues.ts';
import { pipelineIssues } from './pipeline/issues.ts';
import type { IssueDefinition } from './shared/issue.ts';
import { SIP_ISSUES } from './sip/issues.ts';

export interface CatalogueEntry extends IssueDefinition {
  readonly code: string;
  readonly stage: 'capture' | 'network' | 'sip' | 'correlate' | 'analyze' | 'anonymize' | 'input';
}

function entries(stage: CatalogueEntry['stage'], definitions: Readonly<Record<string, IssueDefinition>>): CatalogueEntry[] {
  return Object.entries(definitions).map(([code, d]) => ({ code, stage, severity: d.severity, summary: d.summary }));
}

export const ISSUE_CATALOGUE: readonly CatalogueEntry[] = [
  ...entries('input', pipelineIssues),
  ...entries('capture', captureIssues),
  ...entries('network', NETWORK_ISSUES),
  ...entries('network', streamIssues),
  ...entries('sip', SIP_ISSUES),
  ...entries('correlate', correlateIssues),
  ...entries('analyze', analyzeIssues),
  ...entries('anonymize', anonymizeIssues),
];

const byCode = new Map(ISSUE_CATALOGUE.map((e) => [e.code, e]));

export function describeIssueCode(code: string): CatalogueEntry | undefined {
  return byCode.get(code);
}
