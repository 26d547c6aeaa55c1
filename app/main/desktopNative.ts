/**
 * The channels only the desktop shell can answer: the open dialog, recent files, a dropped file's path
 * (the preload asks Electron for it) and bytes of a file that has no path. Every capture opened by path
 * is added to the recent list. Saving an export (a save dialog) is main/saveDialog.ts.
 */
import type { Dialog } from 'electron';
import type { AnalysisBackend } from '../backend/analysisBackend.ts';
import type { NativeHandlers } from '../backend/dispatch.ts';
import { UserError } from '../backend/userError.ts';
import type { OpenResult } from '../shared/apiTypes.ts';
import type { RecentFiles } from './recentFiles.ts';

export type DialogLike = Pick<Dialog, 'showOpenDialog'>;

export const CAPTURE_FILTERS = [
  { name: 'Captures', extensions: ['pcap', 'pcapng', 'cap', 'gz', 'txt', 'log'] },
  { name: 'All files', extensions: ['*'] },
];

export function desktopHandlers(
  backend: AnalysisBackend, dialog: DialogLike, recent: RecentFiles, saveFile?: NativeHandlers['saveFile'],
): NativeHandlers & { openPathAndRemember(path: string): Promise<OpenResult> } {
  const openPathAndRemember = async (path: string): Promise<OpenResult> => {
    const result = await backend.openPath(path);
    recent.add(path);
    return result;
  };
  return {
    openPathAndRemember,
    openDialog: async () => {
      const chosen = await dialog.showOpenDialog({ title: 'Open a capture', properties: ['openFile'], filters: CAPTURE_FILTERS });
      const path = chosen.canceled ? undefined : chosen.filePaths[0];
      return path === undefined ? null : openPathAndRemember(path);
    },
    listRecent: async () => recent.list(),
    openRecent: async (id) => {
      const path = recent.pathOf(id);
      if (path === undefined) throw new UserError('that recent file is no longer in the list');
      return openPathAndRemember(path);
    },
    openPath: openPathAndRemember,
    ...(saveFile !== undefined ? { saveFile } : {}),
    openBytes: async (name, data) => {
      const opened = backend.openStream(name, data.byteLength, [data]);
      await opened.done;
      return opened.result;
    },
  };
}
