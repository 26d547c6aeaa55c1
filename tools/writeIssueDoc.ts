/** Writes docs/issue-codes.md from the catalogue: `npx tsx tools/writeIssueDoc.ts`. */
import { writeFileSync } from 'node:fs';
import { ISSUE_CATALOGUE } from '../core/src/issueCatalogue.ts';

const lines = [
  '# Issue codes',
  '',
  'Every problem sipladder finds in its input is reported as an issue with one of these stable codes, never as a',
  'crash. `sipladder summary FILE` counts them; `--json` output carries the codes. Generated from',
  '`core/src/issueCatalogue.ts` by `npx tsx tools/writeIssueDoc.ts`.',
  '',
];
for (const stage of ['input', 'capture', 'network', 'sip', 'correlate', 'analyze', 'anonymize'] as const) {
  const rows = ISSUE_CATALOGUE.filter((e) => e.stage === stage);
  if (rows.length === 0) continue;
  lines.push(`## ${stage}`, '', '| code | severity | meaning |', '|---|---|---|');
  for (const e of rows) lines.push(`| \`${e.code}\` | ${e.severity} | ${e.summary.replace(/\|/g, '\\|')} |`);
  lines.push('');
}
writeFileSync(new URL('../docs/issue-codes.md', import.meta.url), lines.join('\n'));
console.log(`docs/issue-codes.md: ${ISSUE_CATALOGUE.length} codes`);
