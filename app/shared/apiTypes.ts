/**
 * The data that crosses the app's one boundary (Electron IPC or the local HTTP server): plain JSON
 * shapes only, no classes, so the same values travel over structured clone and over JSON.
 */
import type { LadderModel, LaneMerge } from '../../core/src/analyze/ladder/ladderModel.ts';
import type { HopAnnotation } from '../../core/src/correlate/model.ts';
import type { TimeMode } from '../../core/src/export/ladder/timeLabel.ts';

export type { LadderModel, LaneMerge, TimeMode };

export type SortKey = 'start' | 'from' | 'to' | 'callId' | 'method' | 'outcome' | 'status' | 'pdd' | 'duration' | 'messages' | 'legs' | 'issues';
export const SORT_KEYS: readonly SortKey[] = ['start', 'from', 'to', 'callId', 'method', 'outcome', 'status', 'pdd', 'duration', 'messages', 'legs', 'issues'];

export type LoadPhase = 'idle' | 'reading' | 'correlating' | 'done' | 'cancelled' | 'failed';

export interface OpenResult {
  session: number;
  name: string;
  sizeBytes: number | null;
}

/** Sent while a capture loads (and once when it ends); `generation` changes when the row set is replaced. */
export interface ProgressEvent {
  session: number;
  phase: LoadPhase;
  name: string;
  bytesRead: number;
  totalBytes: number | null;
  messages: number;
  rows: number;
  generation: number;
  /** Reading stopped before the end (cancelled): what was read is analysed. */
  partial: boolean;
  error: string | null;
  elapsedMs: number;
}

export interface CallListQuery {
  offset: number;
  limit: number;
  sort: SortKey;
  descending: boolean;
  /** An expression of the CLI's filter language (docs/filter-language.md, core/src/analyze/filter); '' for none. */
  filter: string;
  /** The CLI's --hide presets, comma-separated ('noise' hides OPTIONS keep-alives and registrations); '' for none. */
  hide: string;
}

/** A filter the language refused: what is wrong, and which characters of the expression (0-based). */
export interface FilterProblem {
  message: string;
  at: number;
  length: number;
}

export type RowKind = 'call' | 'usage' | 'pending';

/** One line of the call list: a call (INVITE legs), another usage (REGISTER, OPTIONS…), or, while loading, a Call-ID. */
export interface CallRow {
  id: number;
  kind: RowKind;
  /** Epoch milliseconds of the first message (display only). */
  startMs: number;
  from: string;
  to: string;
  callId: string;
  method: string;
  outcome: string;
  status: number;
  pddMs: number | null;
  durationMs: number | null;
  messages: number;
  legs: number;
  issues: number;
}

export interface CallListPage {
  session: number;
  generation: number;
  /** Rows matching the filter. */
  total: number;
  /** All rows, filter or not. */
  unfiltered: number;
  offset: number;
  rows: CallRow[];
  filterError: FilterProblem | null;
}

export interface LadderQuery {
  /** Row ids (one call, or several legs shown together). */
  rows: number[];
  /** How addresses become lanes. */
  merge: LaneMerge;
  /** Fold retransmissions and duplicates into the row of their first copy. */
  fold: boolean;
  /** Hop annotations (Via pushed/popped, Record-Route, Route) as note lines under each arrow. */
  hops: boolean;
}

/** The ladder of some rows: the core's ladder model (the one the SVG/Mermaid/text exports draw) plus what the app adds. */
export interface LadderData {
  session: number;
  generation: number;
  rows: number[];
  ladder: LadderModel;
  /** Per ladder row: the number of Via entries of the message drawn. */
  viaDepth: number[];
  /** Per ladder row: hop note lines (only when asked for and the capture is correlated), else null. */
  notes: string[][] | null;
  precisionDigits: number;
  /** More messages than the cap: only the first ones are drawn. */
  truncated: boolean;
}

export interface MessageQuery {
  index: number;
}

export interface ParsedHeader {
  name: string;
  canonicalName: string;
  value: string;
  /** Written in compact form (RFC 3261 §7.3.3), e.g. "v" for Via. */
  compact: boolean;
}

export interface SdpMediaView {
  type: string;
  port: number;
  protocol: string;
  connectionAddress: string | null;
  codecs: string[];
  direction: string;
}

export interface IssueView {
  code: string;
  severity: string;
  message: string;
  value: string | null;
}

export interface MessageDetail {
  session: number;
  index: number;
  frame: number;
  frames: number[];
  time: string;
  src: string;
  dst: string;
  srcName: string;
  dstName: string;
  transport: string;
  encapsulation: string[];
  request: boolean;
  startLine: string;
  /** The message text (invalid UTF-8 replaced), null when it was not kept; see rawNote. */
  raw: string | null;
  rawNote: string | null;
  rawBytes: number;
  /** Character offset of the body in `raw` (-1 without one). */
  bodyOffset: number;
  headers: ParsedHeader[];
  sdp: { connectionAddress: string | null; media: SdpMediaView[] } | null;
  issues: IssueView[];
  hop: HopAnnotation | null;
  recordRoutes: string[];
  routes: string[];
  maxForwards: number | null;
  /** The same message on other hops (same logical transaction, same request or same status). */
  copies: number[];
  transaction: number;
  logicalTransaction: number;
  dialog: number;
  row: number;
  retransmissionOf: number;
}

export interface IssueGroup {
  code: string;
  severity: string;
  summary: string;
  count: number;
  /** index -1: the issue belongs to no message (capture or network level). */
  examples: { index: number; message: string; value: string | null; frame: number | null }[];
}

export interface Statistics {
  session: number;
  generation: number;
  final: boolean;
  messages: number;
  requests: number;
  responses: number;
  calls: number;
  methods: Record<string, number>;
  statusCodes: Record<string, number>;
  outcomes: Record<string, number>;
  /** Samples (capped) for the histograms. */
  pddMs: number[];
  setupMs: number[];
  issues: IssueGroup[];
}

/** What the worker exports (the core's export stage, as the CLI's `export` command); PNG is the SVG rasterised in the page. */
export type ExportKind = 'svg' | 'mermaid' | 'html' | 'json' | 'csv' | 'pcap' | 'pcapng';
export const EXPORT_KINDS: readonly ExportKind[] = ['svg', 'mermaid', 'html', 'json', 'csv', 'pcap', 'pcapng'];

export interface ExportRequest {
  kind: ExportKind;
  /** Row ids of the call list: what the export is about (pcap, JSON and CSV take these rows whole). */
  rows: number[];
  /** Pictures (SVG, Mermaid, HTML) of part of the ladder: exactly these record indices; null for the whole rows. */
  records: number[] | null;
  merge: LaneMerge;
  fold: boolean;
  /** Hop annotations as notes in the pictures. */
  hops: boolean;
  time: TimeMode;
}

export interface ExportResult {
  ok: boolean;
  /** What was made (or why nothing was), with the export's warnings. */
  message: string;
  fileName: string | null;
  mediaType: string | null;
  /** Text exports (Mermaid, JSON, CSV, SVG, HTML); binary ones (pcap, pcapng) travel base64-encoded. */
  text: string | null;
  base64: string | null;
}

/** A file the page asks the desktop shell to save (Electron: a save dialog); the web page downloads instead. */
export interface SaveRequest {
  fileName: string;
  mediaType: string;
  data: Uint8Array;
}

export interface SaveResult {
  saved: boolean;
  /** Where it went (the file name only), or why not. */
  message: string;
}

export interface RecentFile {
  id: number;
  name: string;
}

export interface Capabilities {
  mode: 'electron' | 'web';
  /** A file dialog and recent files (Electron) — the web page uses a file input and drag-and-drop. */
  nativeDialogs: boolean;
  version: string;
}
