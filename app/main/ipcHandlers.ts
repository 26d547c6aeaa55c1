/**
 * Registers one ipcMain handler per API channel. Each checks that the call comes from the app's own
 * page (the sender frame's URL), then dispatches with validated arguments; errors travel back as plain
 * messages (no stacks into the renderer).
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch, type DispatchContext } from '../backend/dispatch.ts';
import { CHANNELS, ipcChannelName } from '../shared/ipcContract.ts';
import { isAppUrl } from './appProtocol.ts';

export type IpcMainLike = Pick<IpcMain, 'handle'>;

export function senderIsApp(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

export function registerIpcHandlers(ipcMain: IpcMainLike, ctx: DispatchContext): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), async (event, ...args: unknown[]) => {
      if (!senderIsApp(event)) throw new Error('refused: the request did not come from the app page');
      try {
        return await dispatch(ctx, channel, args);
      } catch (error) {
        throw new Error((error as Error).message ?? String(error));
      }
    });
  }
}
