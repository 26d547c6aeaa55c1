import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCaptureBytes } from '../../core/src/pipeline/captureAnalysis.ts';
import { anonymizeMain, type AnonymizeIo } from './anonymize.ts';

const CANCEL = join(__dirname, '../../fixtures/scenarios/cancel/cancel.pcap');
const tmp = mkdtempSync(join(tmpdir(), 'sipladder-anon-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], stdin?: Uint8Array): Promise<{ code: number; out: Buffer; err: string }> {
  const out: Buffer[] = [];
  let err = '';
  const io: AnonymizeIo = {
    out: { write: (c: string | Uint8Array) => (out.push(Buffer.from(c)), true) },
    err: { write: (c: string | Uint8Array) => ((err += String(c)), true) },
    ...(stdin ? { stdin: Readable.from([stdin]) as unknown as AnonymizeIo['stdin'] } : {}),
  };
  const code = await anonymizeMain(argv, io);
  return { code, out: Buffer.concat(out), err };
}

describe('sipladder anonymize', () => {
  it('writes an anonymised capture that analyses like the original, and says what it did', async () => {
    const out = join(tmp, 'cancel.pcap');
    const { code, err } = await run([CANCEL, '-o', out]);
    expect(code).toBe(0);
    expect(err).toMatch(/^anonymized 14 of 14 frames, \d+ values replaced\n$/);
    const bytes = readFileSync(out);
    expect(bytes.toString('latin1')).not.toContain('192.168.1.1');
    const before = analyzeCaptureBytes(new Uint8Array(readFileSync(CANCEL)));
    const after = analyzeCaptureBytes(new Uint8Array(bytes));
    expect(after.analysis.calls.map((c) => c.outcome)).toEqual(before.analysis.calls.map((c) => c.outcome));
    expect(after.summary.transactions).toBe(before.summary.transactions);
  });

  it('gives the same pseudonyms for the same secret (also from a file) and writes the private map', async () => {
    const secretFile = join(tmp, 'secret');
    writeFileSync(secretFile, 'incident 4711');
    const a = await run([CANCEL, '-o', '-', '--secret', 'incident 4711']);
    const b = await run([CANCEL, '-o', '-', '--secret-file', secretFile, '--map', join(tmp, 'map.json')]);
    const c = await run([CANCEL, '-o', '-']);
    expect(a.out.equals(b.out)).toBe(true);
    expect(a.out.equals(c.out)).toBe(false);
    const map = JSON.parse(readFileSync(join(tmp, 'map.json'), 'utf8')) as { warning: string; ipv4: Record<string, string>; values: Record<string, string> };
    expect(map.warning).toMatch(/PRIVATE/);
    expect(map.ipv4['192.168.1.15']).toMatch(/^\d{3}\.\d{3}\.\d\.\d{2}$/);
    expect(a.out.toString('latin1')).toContain(map.ipv4['192.168.1.15']!);
  });

  it('reads standard input', async () => {
    const { code, out } = await run(['-', '-o', '-', '--secret', 's'], new Uint8Array(readFileSync(CANCEL)));
    expect(code).toBe(0);
    expect(out.length).toBe(readFileSync(CANCEL).length);
  });

  it('refuses bad command lines, missing inputs, non-captures and overwriting', async () => {
    expect((await run([CANCEL])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    expect((await run([CANCEL, '-o', '-', '--secret', 'a', '--secret-file', 'b'])).code).toBe(2);
    expect((await run([CANCEL, '-o', '-', '--secret', ''])).code).toBe(2);
    expect((await run([CANCEL, '-o', '-', '--bogus'])).code).toBe(2);
    const missing = await run([join(tmp, 'nope.pcap'), '-o', join(tmp, 'x.pcap')]);
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('no such file');
    const garbage = join(tmp, 'garbage.bin');
    writeFileSync(garbage, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect((await run([garbage, '-o', join(tmp, 'g.pcap')])).code).toBe(4);
    expect(existsSync(join(tmp, 'g.pcap'))).toBe(false);
    const exists = join(tmp, 'exists.pcap');
    writeFileSync(exists, 'keep');
    expect((await run([CANCEL, '-o', exists])).code).toBe(5);
    expect(readFileSync(exists, 'utf8')).toBe('keep');
    expect((await run([CANCEL, '-o', exists, '--force'])).code).toBe(0);
  });

  it('prints its help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out.toString()).toContain('Usage: sipladder anonymize IN -o OUT');
  });
});
