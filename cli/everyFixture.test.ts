/**
 * Every command on every capture in fixtures/corpus and fixtures/samples runs without a crash: exit code 0,
 * or 4 for the one file that is not a capture; never an internal error.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './fakeTerminal.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(md|tsv|ts|json|flow)$/.test(name) ? [] : [path];
  });
}

const FIXTURES = [...files('fixtures/corpus/captures'), ...files('fixtures/samples')];
const RUNS: readonly string[][] = [
  ['calls'], ['calls', '--json'], ['calls', '--csv', '--hide', 'noise'], ['messages'], ['messages', '--json', '--filter', 'status >= 400 or issues > 0'],
  ['summary', '--json'], ['stats'], ['stats', '--json'], ['issues'], ['issues', '--json'], ['export', '--format', 'json'],
  ['export', '--format', 'csv', '--table', 'messages'], ['export', '--format', 'pcapng'], ['export', '--format', 'mermaid'],
  ['export', '--format', 'svg'], ['export', '--format', 'html'], ['ladder'], ['ladder', '--hops', '--width', '80'],
];

describe('every command on every fixture', () => {
  it('finds the fixtures', () => {
    expect(FIXTURES.length).toBeGreaterThan(80);
  });

  for (const file of FIXTURES) {
    it(`runs every command on ${file}`, async () => {
      for (const args of RUNS) {
        const r = await runCli([...args, file, '--quiet']);
        expect({ args, err: r.err.includes('internal error') ? r.err : '' }).toEqual({ args, err: '' });
        expect([0, 4]).toContain(r.code);
        if (r.code === 4) expect(r.err).toContain('not a capture');
        if (r.code === 0 && args.includes('--json') && args[0] !== 'messages' && args[0] !== 'calls') JSON.parse(r.out);
      }
      const pcap = await runCli(['export', '--format', 'pcap', file, '--quiet']);
      expect(pcap.err).not.toContain('internal error');
      expect([0, 2, 4]).toContain(pcap.code);
    });
  }
});
