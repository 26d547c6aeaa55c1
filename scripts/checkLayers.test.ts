import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { checkLayers } from './checkLayers.mjs';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('checkLayers', () => {
  it('accepts imports that point backwards', () => {
    const root = tree({
      'core/src/sip/a.ts': "import { x } from '../network/b.ts';\nimport type { T } from '../shared/t.ts';",
      'core/src/network/b.ts': "export const x = 1;",
    });
    expect(checkLayers(root)).toEqual([]);
  });
  it('rejects an import of a later stage', () => {
    const root = tree({ 'core/src/network/b.ts': "import { parse } from '../sip/parse.ts';" });
    expect(checkLayers(root)).toEqual([expect.stringContaining("stage 'network' imports later stage 'sip'")]);
  });
  it('rejects Node and Electron modules in core, but not in tests', () => {
    const root = tree({
      'core/src/capture/r.ts': "import { readFileSync } from 'node:fs';\nimport { app } from 'electron';",
      'core/src/capture/r.test.ts': "import { readFileSync } from 'node:fs';",
    });
    const v = checkLayers(root);
    expect(v).toHaveLength(2);
    expect(v[0]).toContain("'node:fs'");
    expect(v[1]).toContain("'electron'");
  });
});
