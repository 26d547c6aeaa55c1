/** The command line as a person meets it: help, exit codes, and errors without stack traces. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './fakeTerminal.ts';

const TRAPEZOID = 'fixtures/samples/trapezoid/trapezoid.pcap';
const COMMANDS = ['calls', 'ladder', 'messages', 'stats', 'issues', 'export', 'summary', 'serve', 'capture', 'lesson'];

describe('sipladder help', () => {
  it('prints the main help with every command and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toContain(`  ${c}`);
    expect(r.out).toContain('Exit codes:');
    expect(r.out).toMatch(/5 +the output cannot be written/);
  });

  it('keeps the command summaries apart from the longest command name (listen-hep)', async () => {
    const r = await runCli(['--help']);
    expect(r.out).toMatch(/^ {2}listen-hep {2}receive HEP/m);
  });

  it('has help with examples for every command, by --help and by `help COMMAND`', async () => {
    for (const c of COMMANDS) {
      const r = await runCli([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: sipladder ${c}`);
      expect(r.out).toContain('Examples:');
      expect((await runCli(['help', c])).out).toContain(`Usage: sipladder ${c}`);
    }
  });

  it('documents the filter options in the help of every command that reads captures', async () => {
    for (const c of COMMANDS.filter((x) => !['serve', 'capture', 'lesson'].includes(x))) expect((await runCli([c, '--help'])).out).toContain('--filter EXPR');
  });

  it('prints the version', async () => {
    expect((await runCli(['--version'])).out).toMatch(/^sipladder \d+\.\d+\.\d+\n$/);
  });

  it('shows the help on stderr with exit code 2 when given nothing', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: sipladder');
  });
});

describe('errors a person understands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sipladder-main-test-'));
  const empty = join(dir, 'empty.pcap');
  writeFileSync(empty, '');
  const notCapture = join(dir, 'notes.bin');
  writeFileSync(notCapture, Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 256));

  const cases: [string, string[], number, RegExp][] = [
    ['a missing file', ['calls', join(dir, 'nope.pcap')], 3, /nope\.pcap: no such file/],
    ['a directory', ['summary', dir], 3, /is a directory, not a capture file/],
    ['a file that is not a capture', ['stats', notCapture], 4, /not a capture this tool reads/],
    ['an empty file', [empty], 4, /is empty/],
    ['an unknown option', ['calls', '--colour', TRAPEZOID], 2, /Unknown option '--colour'/],
    ['an option of another command', ['calls', '--format', 'json', TRAPEZOID], 2, /--format does not apply to `sipladder calls`/],
    ['an unknown command', ['frobnicate'], 2, /unknown command 'frobnicate'/],
    ['no FILE', ['messages'], 2, /give a capture FILE/],
    ['both --json and --csv', ['calls', '--json', '--csv', TRAPEZOID], 2, /choose one of --json and --csv/],
    ['stdin twice', ['calls', '-', '-'], 2, /only once/],
    ['a bad --index', ['calls', '--index', 'x', TRAPEZOID], 2, /--index: expected a row number/],
    ['an --index past the list', ['messages', '--index', '9', TRAPEZOID], 2, /the call list has 1 row/],
    ['an unknown --call', ['export', '--call', 'nobody', '--format', 'json', TRAPEZOID], 2, /no call or usage has this Call-ID/],
    ['an unknown --hide preset', ['calls', '--hide', 'options,cats', TRAPEZOID], 2, /unknown --hide preset 'cats'/],
    ['a bad --top', ['stats', '--top', '0', TRAPEZOID], 2, /--top: expected a whole number/],
  ];
  for (const [what, args, code, message] of cases) {
    it(`explains ${what} with exit code ${code} and no stack trace`, async () => {
      const r = await runCli(args);
      expect(r.code).toBe(code);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/internal error|\n\s+at /);
      expect(r.out).toBe('');
    });
  }

  it('treats a path as the call list: `sipladder FILE` is `sipladder calls FILE`', async () => {
    const plain = await runCli([TRAPEZOID]);
    expect(plain.code).toBe(0);
    expect(plain.out).toBe((await runCli(['calls', TRAPEZOID])).out);
  });
});

describe('bad --filter expressions', () => {
  it('echo the expression with a caret under the offending column, exit code 2', async () => {
    const r = await runCli(['calls', TRAPEZOID, '--filter', 'method == INVITE and stauts >= 400']);
    expect(r.code).toBe(2);
    expect(r.err).toBe([
      "sipladder: bad --filter expression at column 22: unknown field 'stauts' (did you mean 'status'?); fields: method, request, response, status, reason, from, to, ruri, callid, cseq, branch, contact, src, dst, addr, transport, ua, codec, sdp, frame, retransmission, issues, issue, kind, outcome, pdd, setup, duration, hungup, legs, msgs, noise",
      '  method == INVITE and stauts >= 400',
      '                       ^^^^^^',
      '',
    ].join('\n'));
  });

  it('point at a syntax error before reading the capture (even a missing one is not read)', async () => {
    const r = await runCli(['messages', 'fixtures/no-such.pcap', '-f', '(status >= 400']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("missing ')' to close the '(' at column 1");
    expect(r.err).toContain('  (status >= 400\n                ^');
  });

  it('point at a value of the wrong type', async () => {
    const r = await runCli(['stats', TRAPEZOID, '--filter', 'pdd > soon']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("'pdd' is a duration");
    expect(r.err).toContain('  pdd > soon\n        ^^^^');
  });
});
