/** The bundled CLI (dist/cli.mjs through bin/sipladder.mjs) as scripts and shells run it. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './fakeTerminal.ts';

const TRAPEZOID = 'fixtures/samples/trapezoid/trapezoid.pcap';
const SOFTPHONE = 'fixtures/corpus/captures/Sample-PCAPs__SIP-RTP-Normal_Call_two_parties.pcap';

function sipladder(args: string[], input?: Uint8Array) {
  const r = spawnSync(process.execPath, ['bin/sipladder.mjs', ...args], { input, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr.toString() };
}

describe('the built command line', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs']);
  });

  it('prints the same call list as the in-process entry', async () => {
    const r = sipladder([SOFTPHONE]);
    expect(r.code).toBe(0);
    expect(r.out.toString()).toBe((await runCli([SOFTPHONE])).out);
  });

  it('reads a capture from a pipe: cat FILE | sipladder -', () => {
    const r = sipladder(['summary', '-', '--json'], readFileSync(TRAPEZOID));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.toString())).toMatchObject({ file: '<stdin>', frames: 14, sipMessages: 14, calls: 1 });
  });

  it('exports frames from a pipe back to a pipe, unchanged', () => {
    const original = readFileSync(TRAPEZOID);
    const r = sipladder(['export', '-', '--format', 'pcap'], original);
    expect(r.code).toBe(0);
    expect(Buffer.compare(r.out, original)).toBe(0);
  });

  it('exits with the documented codes and no stack trace', () => {
    const cases: [string[], number][] = [[['calls', 'no/such/file.pcap'], 3], [['calls', '--filter', 'status >>= 4', TRAPEZOID], 2], [['calls', 'fixtures/corpus/captures/Sample-PCAPs__default.key'], 4]];
    for (const [args, code] of cases) {
      const r = sipladder(args);
      expect(r.code).toBe(code);
      expect(r.err).toMatch(/^sipladder: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    const r = spawnSync('sh', ['-c', `node bin/sipladder.mjs messages ${SOFTPHONE} ${SOFTPHONE} | head -1`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
  });
});
