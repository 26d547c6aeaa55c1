/**
 * The data that crosses the app's one boundary (Electron IPC or the local HTTP server): plain JSON
 * shapes only, no classes, so the same values travel over structured clone and over JSON.
 */
import type { HopAnnotation } from '../../core/src/correlate/model.ts';

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
  /** The filter language of app/shared/callFilter.ts. */
  filter: string;
  /** Hide OPTIONS keep-alives and REGISTER traffic. */
  hideNoise: boolean;
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
  noise: boolean;
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
  filterError: string | null;
}

export interface LadderQuery {
  /** Row ids (one call, or several legs shown together). */
  rows: number[];
}

export interface LadderNode {
  id: number;
  name: string;
  role: string;
  endpoints: string[];
}

export interface LadderMessage {
  index: number;
  frame: number;
  /** Milliseconds after the ladder's first message. */
  offsetMs: number;
  src: string;
  dst: string;
  /** Node ids from correlation, -1 while loading. */
  srcNode: number;
  dstNode: number;
  transport: string;
  request: boolean;
  method: string;
  statusCode: number;
  reason: string;
  cseq: string;
  /** First codec of the SDP body ('' when none), and whether a body is SDP at all. */
  sdp: boolean;
  codec: string;
  transaction: number;
  logicalTransaction: number;
  dialog: number;
  /** Which of the requested rows it belongs to. */
  row: number;
  retransmissionOf: number;
  retransmissions: number;
  counterpart: number;
  viaDepth: number;
  issues: number;
}

export interface LadderData {
  session: number;
  generation: number;
  rows: number[];
  messages: LadderMessage[];
  nodes: LadderNode[];
  startSeconds: number;
  startNanoseconds: number;
  precisionDigits: number;
  /** More messages than the cap: only the first ones are listed. */
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

export type ExportKind = 'svg' | 'png' | 'mermaid' | 'pcap' | 'json' | 'html';
export const EXPORT_KINDS: readonly ExportKind[] = ['svg', 'png', 'mermaid', 'pcap', 'json', 'html'];

export interface ExportRequest {
  kind: ExportKind;
  rows: number[];
}

export interface ExportResult {
  ok: boolean;
  message: string;
  fileName: string | null;
  mediaType: string | null;
  /** Text exports (Mermaid, JSON, SVG, HTML); binary ones travel base64-encoded. */
  text: string | null;
  base64: string | null;
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
