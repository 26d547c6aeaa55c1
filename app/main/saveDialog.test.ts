import { describe, expect, it } from 'vitest';
import { safeFileName, saveFileHandler, type SaveDialogLike } from './saveDialog.ts';

describe('saving an export through a save dialog', () => {
  it('proposes a plain file name, never a path from the page', () => {
    expect(safeFileName('sipladder-call-1.svg')).toBe('sipladder-call-1.svg');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\evil.exe')).toBe('evil.exe');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('a\u0000b<c>.txt')).toBe('a_b_c_.txt');
    expect(safeFileName('///')).toBe('sipladder-export');
  });

  it('writes where the person chose, or nothing when they cancel', async () => {
    const written: [string, number][] = [];
    let offered: unknown;
    const answer = { canceled: false, filePath: '/home/me/call.svg' };
    const dialog = { showSaveDialog: async (options: unknown) => ((offered = options), answer) } as unknown as SaveDialogLike;
    const save = saveFileHandler(dialog, async (path, data) => void written.push([path, data.length]));
    expect(await save({ fileName: '../call.svg', mediaType: 'image/svg+xml', data: new Uint8Array(5) })).toEqual({ saved: true, message: 'saved call.svg' });
    expect(written).toEqual([['/home/me/call.svg', 5]]);
    expect(offered).toMatchObject({ defaultPath: 'call.svg', filters: [{ extensions: ['svg'] }, { extensions: ['*'] }] });
    answer.canceled = true;
    expect(await save({ fileName: 'x.png', mediaType: 'image/png', data: new Uint8Array(1) })).toEqual({ saved: false, message: 'not saved' });
    expect(written).toHaveLength(1);
  });
});
