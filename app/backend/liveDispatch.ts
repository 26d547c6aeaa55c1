/**
 * The live-capture channels (`liveStatus`, `liveStop`, `liveStart`) for the dispatcher: answered by the live
 * capture `sipladder serve --capture` runs; without one, the status is null and the rest is refused.
 */
import type { LiveStartRequest, LiveStatus } from '../engine/liveTypes.ts';
import type { LiveControl } from './liveCapture.ts';
import { UserError } from './userError.ts';

export type LiveChannel = 'liveStatus' | 'liveStop' | 'liveStart';

export function isLiveChannel(channel: string): channel is LiveChannel {
  return channel === 'liveStatus' || channel === 'liveStop' || channel === 'liveStart';
}

export async function dispatchLive(live: LiveControl | undefined, channel: LiveChannel, args: readonly unknown[]): Promise<LiveStatus | null> {
  if (channel === 'liveStatus') return live?.status() ?? null;
  if (live === undefined) throw new UserError('live capture runs in `sipladder serve --capture IFACE` (this app was not started with --capture)');
  if (channel === 'liveStop') return live.stop();
  return live.start(args[0] as LiveStartRequest);
}
