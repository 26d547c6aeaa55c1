/**
 * Saving an export in Electron: a native save dialog proposes the export's name (sanitised: a file name,
 * never a path, from the page) and the bytes are written where the person chose. The page never names a
 * folder, so a compromised page can at most offer a file the person still has to accept.
 */
import type { Dialog } from 'electron';
import type { SaveRequest, SaveResult } from '../shared/apiTypes.ts';

export type SaveDialogLike = Pick<Dialog, 'showSaveDialog'>;
export type WriteFile = (path: string, data: Uint8Array) => Promise<void>;

/** A plain file name: no folders, no control or reserved characters, no leading dots, at most 120 characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim();
  return (base || 'sipladder-export').slice(-120);
}

export function saveFileHandler(dialog: SaveDialogLike, write: WriteFile): (request: SaveRequest) => Promise<SaveResult> {
  return async (request) => {
    const name = safeFileName(request.fileName);
    const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
    const chosen = await dialog.showSaveDialog({
      title: 'Save export', defaultPath: name, properties: ['createDirectory', 'showOverwriteConfirmation'],
      filters: [...(extension ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }] : []), { name: 'All files', extensions: ['*'] }],
    });
    if (chosen.canceled || !chosen.filePath) return { saved: false, message: 'not saved' };
    await write(chosen.filePath, request.data);
    return { saved: true, message: `saved ${chosen.filePath.split(/[\\/]/).pop()}` };
  };
}
