/**
 * One dispatcher for every channel, used by the local server and by Electron main: validates the
 * arguments (ipcContract), forwards analysis queries to the worker, and hands the channels that need a
 * native shell (dialogs, recent files, paths) to handlers the shell provides — or refuses them.
 */
import { type Capabilities, type Channel, type ChannelArgs, type ChannelResult, validateArgs } from '../shared/ipcContract.ts';
import type { AnalysisBackend } from './analysisBackend.ts';
import { UserError } from './userError.ts';

type NativeChannel = 'openDialog' | 'listRecent' | 'openRecent' | 'openPath' | 'openBytes';

export type NativeHandlers = {
  [C in NativeChannel]?: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
};

export interface DispatchContext {
  backend: AnalysisBackend;
  capabilities: Capabilities;
  native: NativeHandlers;
}

export async function dispatch<C extends Channel>(ctx: DispatchContext, channel: C, rawArgs: unknown): Promise<ChannelResult<C>> {
  const args = validateArgs(channel, rawArgs) as unknown[];
  const { backend } = ctx;
  const result = await (async (): Promise<unknown> => {
    switch (channel) {
      case 'capabilities': return ctx.capabilities;
      case 'cancel': return backend.cancel();
      case 'status':
      case 'listCalls':
      case 'getLadder':
      case 'getMessage':
      case 'findRow':
      case 'getStatistics':
      case 'exportCalls':
        return backend.query(channel as 'status', args as []);
      default: {
        const handler = ctx.native[channel as NativeChannel] as ((...a: unknown[]) => Promise<unknown>) | undefined;
        if (handler === undefined) throw new UserError(`'${channel}' is not available here: use the file picker or drag and drop`);
        return handler(...args);
      }
    }
  })();
  return result as ChannelResult<C>;
}
