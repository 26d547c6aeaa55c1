/**
 * The vocabulary of a live capture in the app (`sipladder serve --capture`): what the analysis worker reports
 * each tick, the status the page shows (the worker's counters joined with the capture tool's state and drops),
 * and the request to start capturing again. Plain JSON shapes: they travel over worker ports and HTTP.
 */
import type { LiveSessionOptions } from '../../core/src/pipeline/liveSession.ts';
import { arrayOf, type Check, ContractError, object, str } from '../shared/validate.ts';

/** What the worker's live session counts, posted every tick (about 4 times a second). */
export interface LiveWorkerStats {
  session: number;
  /** Frames read from the capture stream. */
  packets: number;
  bytes: number;
  sipMessages: number;
  /** SIP messages per second over the last second. */
  messagesPerSecond: number;
  /** Rows of the call list now: kept (completed) calls and usages, and those in progress. */
  rows: number;
  activeCalls: number;
  completedCalls: number;
  keptCalls: number;
  evictedCalls: number;
  evictedUsages: number;
  /** Groups closed early because those in progress alone passed the memory limit. */
  forcedClosures: number;
  estimatedBytes: number;
  limitBytes: number;
  limitCalls: number | null;
  /** Changes whenever a row appears, changes or leaves. */
  version: number;
  /** Row ids that appeared, changed or left since the previous report (at most MAX_CHANGED_IDS). */
  changed: number[];
  /** More rows changed than `changed` lists. */
  changedOverflow: boolean;
  /** The input ended (the capture stopped): every call still open was closed as it stood. */
  ended: boolean;
}

export const MAX_CHANGED_IDS = 500;

export type LiveState = 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/** The live capture as the page shows it. */
export interface LiveStatus extends Omit<LiveWorkerStats, 'ended'> {
  state: LiveState;
  /** "lo, eth0 (dumpcap)". */
  label: string;
  interfaces: string[];
  tool: string;
  /** The capture (BPF) filter in use; '' for none. */
  filter: string;
  /** Epoch ms when capturing started (0 before). */
  startedAtMs: number;
  elapsedMs: number;
  /** Packets the tool reports dropped; null until it has said (dumpcap tells when it stops). */
  drops: number | null;
  dropsByInterface: { name: string; dropped: number; received: number | null }[];
  /** Bytes of pcapng saved so far (whole blocks), what "Save live capture" downloads. */
  savedBytes: number;
  /** Why the capture stopped on its own or could not start — the CLI's words; null when all is well. */
  error: string | null;
}

/** `liveStart`: capture again (after a stop or a failure), on these interfaces with this capture filter. */
export interface LiveStartRequest {
  interfaces: string[];
  filter: string;
}

/** What the UI side tells the worker when it opens a live session. */
export interface LiveOpenOptions {
  limits: Pick<LiveSessionOptions, 'limitCalls' | 'limitBytes'>;
  /** The pcapng file the capture is saved to as it arrives: read again to copy the frames of chosen calls. */
  reread: string | null;
}

/** Interface names as the tools take them (Linux: up to 15 bytes; other systems longer); never an option. */
const interfaceName: Check<string> = (value, path) => {
  const name = str(128)(value, path);
  if (name.startsWith('-') || /[\s\u0000-\u001f]/.test(name)) throw new ContractError(`${path}: not an interface name`);
  return name;
};

export const liveStartRequest: Check<LiveStartRequest> = object<LiveStartRequest>({
  interfaces: arrayOf(interfaceName, 16, 1),
  filter: str(4000, { allowEmpty: true }),
});
