/**
 * One dispatcher for every channel, used by the local server and by Electron main: validates the
 * arguments (ipcContract), forwards analysis queries to the worker, and hands the channels that need a
 * native shell (dialogs, recent files, paths) to handlers the shell provides — or refuses them.
 */
import { type Capabilities, type Channel, type ChannelArgs, type ChannelResult, validateArgs } from '../shared/ipcContract.ts';
import type { AnalysisBackend } from './analysisBackend.ts';
import { glossaryView } from '../engine/lessonsGlossary.ts';
import { buildLessonBundle } from '../engine/lessonAuthoringSession.ts';
import { LessonLibrary, openLesson } from './lessonLibrary.ts';
import type { LiveControl } from './liveCapture.ts';
import { dispatchLive, isLiveChannel } from './liveDispatch.ts';
import { UserError } from './userError.ts';

type NativeChannel = 'openDialog' | 'listRecent' | 'openRecent' | 'openPath' | 'openBytes' | 'saveFile';

export type NativeHandlers = {
  [C in NativeChannel]?: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
};

export interface DispatchContext {
  backend: AnalysisBackend;
  capabilities: Capabilities;
  native: NativeHandlers;
  /** The classroom's lesson library (default: LessonLibrary.default(), found on first use). */
  lessons?: LessonLibrary;
  /** The live capture of `sipladder serve --capture` (absent otherwise). */
  live?: LiveControl;
}

function lessonsOf(ctx: DispatchContext): LessonLibrary {
  return (ctx.lessons ??= LessonLibrary.default());
}

export async function dispatch<C extends Channel>(ctx: DispatchContext, channel: C, rawArgs: unknown): Promise<ChannelResult<C>> {
  const args = validateArgs(channel, rawArgs) as unknown[];
  const { backend } = ctx;
  const result = await (async (): Promise<unknown> => {
    if (isLiveChannel(channel)) return dispatchLive(ctx.live, channel, args);
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
      case 'getSteps':
        return backend.query(channel as 'status', args as []);
      case 'listLessons': return lessonsOf(ctx).list(args[0] as ChannelArgs<'listLessons'>[0]);
      case 'openLesson': return openLesson(backend, lessonsOf(ctx), args[0] as string);
      case 'getGlossary': return glossaryView(args[0] as string, args[1] as ChannelArgs<'getGlossary'>[1]);
      case 'buildLessonBundle': return buildLessonBundle({
        getSteps: (q) => backend.query('getSteps', [q]), listCalls: (q) => backend.query('listCalls', [q]), exportCalls: (r) => backend.query('exportCalls', [r]),
      }, args[0] as ChannelArgs<'buildLessonBundle'>[0], { generator: `sipladder app ${ctx.capabilities.version}` });
      default: {
        const handler = ctx.native[channel as NativeChannel] as ((...a: unknown[]) => Promise<unknown>) | undefined;
        if (handler === undefined) {
          throw new UserError(channel === 'saveFile' ? 'saving through a dialog is not available here: the page downloads the file instead'
            : `'${channel}' is not available here: use the file picker or drag and drop`);
        }
        return handler(...args);
      }
    }
  })();
  return result as ChannelResult<C>;
}
