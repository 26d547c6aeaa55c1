import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSpool, memorySpool, type Spool } from './uploadSpool.ts';

const base = mkdtempSync(join(tmpdir(), 'sipladder-spool-test-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function readAll(spool: Spool): Promise<number[]> {
  const out: number[] = [];
  for await (const chunk of spool.chunks()) out.push(...chunk);
  return out;
}

describe('spooling an upload to read it again', () => {
  it('gives back every byte appended, in order, from a private temporary file', async () => {
    const spool = fileSpool(base);
    spool.append(Uint8Array.of(1, 2, 3));
    spool.append(new Uint8Array(0));
    spool.append(Uint8Array.of(4, 5));
    expect(spool.problem).toBeUndefined();
    expect(await readAll(spool)).toEqual([1, 2, 3, 4, 5]);
    const [dir] = readdirSync(base).filter((n) => n.startsWith('sipladder-upload-'));
    expect(statSync(join(base, dir!, 'capture')).mode & 0o777).toBe(0o600);
    expect(await readAll(spool)).toEqual([1, 2, 3, 4, 5]);
    spool.dispose();
  });

  it('removes the file on dispose and then says it is gone', async () => {
    const spool = fileSpool(base);
    spool.append(Uint8Array.of(9));
    const before = readdirSync(base).length;
    spool.dispose();
    expect(readdirSync(base).length).toBe(before - 1);
    expect(spool.problem).toMatch(/no longer kept/);
    await expect(readAll(spool)).rejects.toThrow(/no longer kept/);
    spool.dispose();
  });

  it('reports a folder it cannot write to as a problem instead of throwing', () => {
    const spool = fileSpool(join(base, 'missing', 'deeper'));
    expect(spool.problem).toMatch(/could not be kept/);
    spool.append(Uint8Array.of(1));
    spool.dispose();
    expect(existsSync(join(base, 'missing'))).toBe(false);
  });

  it('keeps chunks in memory for the in-thread analysis of tests', async () => {
    const spool = memorySpool();
    spool.append(Uint8Array.of(7, 8));
    expect(await readAll(spool)).toEqual([7, 8]);
    spool.dispose();
    expect(await readAll(spool)).toEqual([]);
  });
});
