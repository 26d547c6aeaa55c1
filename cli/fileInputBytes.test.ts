import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileInputBytes } from './fileInputBytes.ts';

describe('fileInputBytes', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'sipladder-input-')), 'x.bin');
  writeFileSync(path, Buffer.from('0123456789'));

  it('reads the bytes at an offset', () => {
    expect(Buffer.from(fileInputBytes(path)!.read(3, 4)!).toString()).toBe('3456');
  });

  it('says undefined for bytes past the end, and for a file that cannot be opened', () => {
    expect(fileInputBytes(path)!.read(8, 4)).toBeUndefined();
    expect(fileInputBytes(join(path, 'nope'))).toBeUndefined();
  });
});
