/**
 * Messages between the UI-side process (server or Electron main) and the analysis worker thread.
 * Requests carry already-validated arguments: validation happens once, at the app boundary.
 */
import type { Channel, ProgressEvent } from '../shared/ipcContract.ts';
import type { LiveOpenOptions, LiveWorkerStats } from '../engine/liveTypes.ts';

/** Channels the worker answers (opening and cancelling are messages of their own). */
export type WorkerChannel = Extract<Channel, 'status' | 'listCalls' | 'getLadder' | 'getMessage' | 'findRow' | 'getStatistics' | 'exportCalls' | 'getSteps'>;

export type ToWorker =
  | { type: 'open'; session: number; name: string; totalBytes: number | null; path: string | null }
  /** A live capture (liveHost.ts): its chunks follow as they are captured, until 'end'. */
  | ({ type: 'liveOpen'; session: number; name: string } & LiveOpenOptions)
  | { type: 'chunk'; session: number; seq: number; data: Uint8Array }
  | { type: 'end'; session: number }
  | { type: 'cancel'; session: number }
  | { type: 'request'; id: number; channel: WorkerChannel; args: unknown[] }
  /** The UI side is closing: remove temporary files, then the thread may be ended. */
  | { type: 'dispose' };

export type FromWorker =
  | { type: 'progress'; event: ProgressEvent }
  /** The live session's counters, every tick. */
  | { type: 'liveStats'; stats: LiveWorkerStats }
  | { type: 'ack'; session: number; seq: number }
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string; userError: boolean }
  | { type: 'disposed' };

/** The part of a worker (or a MessagePort, or an in-thread fake) the two sides need. */
export interface PortLike<In, Out> {
  postMessage(message: Out, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: In) => void): void;
}
