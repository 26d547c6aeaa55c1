import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { electronBinary } from './start.mjs';

type Found = { bin?: string; why?: string };
const find = electronBinary as (env: Record<string, string | undefined>, platform: string) => Found;

describe('npm start', () => {
  it('does not try Electron without a display, or when told not to', () => {
    expect(find({}, 'linux').why).toMatch(/no display/);
    expect(find({ DISPLAY: ':0', SIPLADDER_NO_ELECTRON: '1' }, 'linux').why).toMatch(/SIPLADDER_NO_ELECTRON/);
  });

  it('looks for the Electron binary itself (never requiring the package, which would download it)', () => {
    const found = find({ DISPLAY: ':0' }, 'linux');
    if (found.bin !== undefined) expect(found.bin).toMatch(/node_modules\/electron\/dist\//);
    else expect(found.why).toMatch(/not installed/);
  });
});
