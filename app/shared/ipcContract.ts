/**
 * The one typed API shared by Electron main, the preload bridge, the local HTTP server and the renderer:
 * channel names, their argument and result types, and the checks every argument passes at the boundary.
 */
import type {
  Capabilities, CallListPage, CallListQuery, ExportRequest, ExportResult, LadderData, LadderQuery, MessageDetail,
  MessageQuery, OpenResult, ProgressEvent, RecentFile, SaveRequest, SaveResult, Statistics,
} from './apiTypes.ts';
import { EXPORT_KINDS, SORT_KEYS } from './apiTypes.ts';
import { LANE_MERGES } from '../../core/src/analyze/ladder/ladderModel.ts';
import { TIME_MODES } from '../../core/src/export/ladder/timeLabel.ts';
import { arrayOf, bool, bytes, type Check, ContractError, int, nullable, object, oneOf, str, tuple } from './validate.ts';
import type { GlossaryView, LessonOpened, LessonSummary, Locale, StepsPage, StepsQuery } from './classroomTypes.ts';
import { glossaryName, lessonId, locale, stepsQuery } from './classroomContract.ts';
import { lessonBundleRequest, type LessonBundleRequest, type LessonBundleResult } from '../engine/lessonAuthoringTypes.ts';
import { liveStartRequest, type LiveStartRequest, type LiveStatus } from '../engine/liveTypes.ts';

export * from './apiTypes.ts';
export * from './classroomTypes.ts';
export type { DraftNote, DraftQuestion, LessonBundleRequest, LessonBundleResult, LessonDraftData } from '../engine/lessonAuthoringTypes.ts';
export type { LiveStartRequest, LiveState, LiveStatus } from '../engine/liveTypes.ts';
export { ContractError } from './validate.ts';

export const MAX_PAGE_ROWS = 1000;
export const MAX_FILTER_CHARS = 1000;
export const MAX_LADDER_ROWS = 50;
/** Record indices in one "visible part of the ladder" export. */
export const MAX_EXPORT_RECORDS = 20_000;
/** A file saved through the desktop shell. */
export const MAX_SAVE_BYTES = 2 ** 31 - 1;
export const MAX_PATH_CHARS = 4096;
export const MAX_NAME_CHARS = 255;
/** Bytes handed over in one IPC message when no path is known (drag-and-drop of an in-memory file). */
export const MAX_UPLOAD_BYTES = 2 ** 31 - 1;
const MAX_INDEX = 2 ** 31 - 1;

/** Every channel: its arguments (a tuple) and its result. */
export interface ApiChannels {
  capabilities: { args: []; result: Capabilities };
  status: { args: []; result: ProgressEvent };
  openDialog: { args: []; result: OpenResult | null };
  listRecent: { args: []; result: RecentFile[] };
  openRecent: { args: [id: number]; result: OpenResult };
  openPath: { args: [path: string]; result: OpenResult };
  openBytes: { args: [name: string, data: Uint8Array]; result: OpenResult };
  cancel: { args: []; result: ProgressEvent };
  listCalls: { args: [query: CallListQuery]; result: CallListPage };
  getLadder: { args: [query: LadderQuery]; result: LadderData };
  getMessage: { args: [query: MessageQuery]; result: MessageDetail };
  findRow: { args: [index: number]; result: number };
  getStatistics: { args: []; result: Statistics };
  exportCalls: { args: [request: ExportRequest]; result: ExportResult };
  saveFile: { args: [request: SaveRequest]; result: SaveResult };
  // Classroom (issue #7): the lesson library, opening a lesson, step-through with explanations, glossary.
  listLessons: { args: [locale: Locale]; result: LessonSummary[] };
  openLesson: { args: [id: string]; result: LessonOpened };
  getSteps: { args: [query: StepsQuery]; result: StepsPage };
  getGlossary: { args: [name: string, locale: Locale]; result: GlossaryView | null };
  /** A lesson authored on the open capture, as a bundle to save (docs/lessons.md, "Saving a lesson from the app"). */
  buildLessonBundle: { args: [request: LessonBundleRequest]; result: LessonBundleResult };
  // Live capture (`sipladder serve --capture`, issue #6): its status (null when serve captures nothing), stop, capture again.
  liveStatus: { args: []; result: LiveStatus | null };
  liveStop: { args: []; result: LiveStatus };
  liveStart: { args: [request: LiveStartRequest]; result: LiveStatus };
}

export type Channel = keyof ApiChannels;
export type ChannelArgs<C extends Channel> = ApiChannels[C]['args'];
export type ChannelResult<C extends Channel> = ApiChannels[C]['result'];

/** The renderer's view of the backend: one promise-returning function per channel, plus progress events. */
export type ApiFunctions = { [C in Channel]: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>> };

export interface SipladderApi extends ApiFunctions {
  /** Calls `listener` on each progress event; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
}

const none = tuple<[]>();
const index = int(0, MAX_INDEX);

export const callListQuery: Check<CallListQuery> = object<CallListQuery>({
  offset: int(0, MAX_INDEX),
  limit: int(1, MAX_PAGE_ROWS),
  sort: oneOf(SORT_KEYS),
  descending: bool,
  filter: str(MAX_FILTER_CHARS, { allowEmpty: true }),
  hide: str(200, { allowEmpty: true }),
});

const rowList = arrayOf(index, MAX_LADDER_ROWS, 1);

export const ladderQuery: Check<LadderQuery> = object<LadderQuery>({ rows: rowList, merge: oneOf(LANE_MERGES), fold: bool, hops: bool });

export const exportRequest: Check<ExportRequest> = object<ExportRequest>({
  kind: oneOf(EXPORT_KINDS), rows: rowList, records: nullable(arrayOf(index, MAX_EXPORT_RECORDS, 1)), merge: oneOf(LANE_MERGES), fold: bool,
  hops: bool, time: oneOf(TIME_MODES),
});

export const saveRequest: Check<SaveRequest> = object<SaveRequest>({
  fileName: str(MAX_NAME_CHARS), mediaType: str(100), data: bytes(MAX_SAVE_BYTES),
});

const ARG_CHECKS: { [C in Channel]: Check<ChannelArgs<C>> } = {
  capabilities: none,
  status: none,
  openDialog: none,
  listRecent: none,
  openRecent: tuple(int(0, 1000)),
  openPath: tuple(str(MAX_PATH_CHARS)),
  openBytes: tuple(str(MAX_NAME_CHARS), bytes(MAX_UPLOAD_BYTES)),
  cancel: none,
  listCalls: tuple(callListQuery),
  getLadder: tuple(ladderQuery),
  getMessage: tuple(object<MessageQuery>({ index })),
  findRow: tuple(index),
  getStatistics: none,
  exportCalls: tuple(exportRequest),
  saveFile: tuple(saveRequest),
  listLessons: tuple(locale),
  openLesson: tuple(lessonId),
  getSteps: tuple(stepsQuery),
  getGlossary: tuple(glossaryName, locale),
  buildLessonBundle: tuple(lessonBundleRequest),
  liveStatus: none,
  liveStop: none,
  liveStart: tuple(liveStartRequest),
};

export const CHANNELS = Object.keys(ARG_CHECKS) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ARG_CHECKS, name);
}

/** Validates the arguments of a call on `channel`; throws ContractError with a readable path on any mismatch. */
export function validateArgs<C extends Channel>(channel: C, args: unknown): ChannelArgs<C> {
  if (!isChannel(channel)) throw new ContractError(`unknown channel '${String(channel).slice(0, 40)}'`);
  return ARG_CHECKS[channel](args, channel);
}

/** The Electron IPC channel name of an API channel (one namespace so nothing else can collide). */
export function ipcChannelName(channel: Channel): string {
  return `sipladder:${channel}`;
}

export const PROGRESS_IPC_CHANNEL = 'sipladder:progress';

const PHASES = ['idle', 'reading', 'correlating', 'done', 'cancelled', 'failed'] as const;
const nullableInt: Check<number | null> = (v, p) => (v === null ? null : int(0, Number.MAX_SAFE_INTEGER)(v, p));
const nullableStr: Check<string | null> = (v, p) => (v === null ? null : str(2000, { allowEmpty: true })(v, p));

/** Progress events are checked too when they arrive in the renderer (the preload does it). */
export const progressEvent: Check<ProgressEvent> = object<ProgressEvent>({
  session: int(0, MAX_INDEX),
  phase: oneOf(PHASES),
  name: str(MAX_PATH_CHARS, { allowEmpty: true }),
  bytesRead: int(0, Number.MAX_SAFE_INTEGER),
  totalBytes: nullableInt,
  messages: int(0, Number.MAX_SAFE_INTEGER),
  rows: int(0, Number.MAX_SAFE_INTEGER),
  generation: int(0, Number.MAX_SAFE_INTEGER),
  partial: bool,
  error: nullableStr,
  elapsedMs: int(0, Number.MAX_SAFE_INTEGER),
});
