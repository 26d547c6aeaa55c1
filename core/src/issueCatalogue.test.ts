import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../tools/testing/analyzeFile.ts';
import { ISSUE_CATALOGUE, describeIssueCode } from './issueCatalogue.ts';

const CAPTURES = join(__dirname, '../../fixtures/corpus/captures');

describe('the issue catalogue', () => {
  it('declares each code once, as a dotted lower-case name with a severity and a sentence', () => {
    const codes = ISSUE_CATALOGUE.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of ISSUE_CATALOGUE) {
      expect(e.code).toMatch(/^[a-z0-9]+(\.[a-z0-9_]+)+$/);
      expect(['error', 'warning', 'info']).toContain(e.severity);
      expect(e.summary.length).toBeGreaterThan(10);
    }
  });

  it('explains every code the pipeline reports on the real captures', () => {
    const unknown = new Set<string>();
    for (const file of readdirSync(CAPTURES).filter((f) => !f.endsWith('.key'))) {
      const { summary, records } = analyzeFile(join(CAPTURES, file));
      for (const code of Object.keys(summary.issues)) if (!describeIssueCode(code)) unknown.add(code);
      for (const r of records) for (const i of r.issues) if (!describeIssueCode(i.code)) unknown.add(i.code);
    }
    expect([...unknown]).toEqual([]);
  });

  it('is listed in docs/issue-codes.md', () => {
    const doc = readFileSync(join(__dirname, '../../docs/issue-codes.md'), 'utf8');
    const missing = ISSUE_CATALOGUE.filter((e) => !doc.includes('`' + e.code + '`')).map((e) => e.code);
    expect(missing, 'run `npx tsx tools/writeIssueDoc.ts`').toEqual([]);
  });
});
