/**
 * The words every ladder export writes for a row and a lane: the method or status line (RFC 3261 §7.1,
 * §7.2, whole, never cut), the SDP marker with the codec in use (RFC 4566 rtpmap), the fold count of
 * retransmissions, the fork of a forked dialog, and the lane header (name, addresses, role).
 * Capture text comes out through visibleText; each output then escapes for its own syntax.
 */
import type { LadderDialog, LadderLane, LadderModel, LadderRow } from '../../analyze/ladder/ladderModel.ts';
import type { NodeRole } from '../../correlate/model.ts';
import { visibleText } from './visibleText.ts';

/** "INVITE", "180 Ringing", "ACK"; unknown parts say so instead of vanishing. */
export function rowTitle(row: LadderRow): string {
  if (row.kind === 'request') return visibleText(row.method ?? '(no method)');
  const status = row.statusCode === undefined ? '(no status)' : String(row.statusCode);
  return row.reasonPhrase ? `${status} ${visibleText(row.reasonPhrase)}` : status;
}

/** The codec in use is the first of the offer/answer list that is not DTMF (RFC 4733 telephone-event). */
export function sdpCodec(row: LadderRow): string {
  const codec = row.sdpCodecs.find((c) => !/^telephone-event\//i.test(c)) ?? row.sdpCodecs[0];
  return codec === undefined ? '' : visibleText(codec);
}

/** "SDP PCMU/8000", "SDP", or '' without SDP. */
export function sdpMarker(row: LadderRow): string {
  if (!row.sdp) return '';
  const codec = sdpCodec(row);
  return codec ? `SDP ${codec}` : 'SDP';
}

/** "×3" when the message was sent three times (two retransmissions folded), "+1 dup" for captured copies. */
export function foldMarker(row: LadderRow, ascii = false): string {
  const parts: string[] = [];
  if (row.retransmissions.length > 0) parts.push(`${ascii ? 'x' : '×'}${row.retransmissions.length + 1}`);
  if (row.duplicates.length > 0) parts.push(`+${row.duplicates.length} dup`);
  if (row.retransmissionOf >= 0) parts.push('retransmission');
  return parts.join(' ');
}

export interface RowLabelOptions {
  readonly ascii?: boolean;
  /** Show the fork number of rows in a forked dialog ("fork 2/3"). */
  readonly forks?: boolean;
}

/** Dialog spans by dialog id, for fork labels. */
export function dialogIndex(ladder: LadderModel): Map<number, LadderDialog> {
  return new Map(ladder.dialogs.map((d) => [d.dialog, d]));
}

/** The one-line label: title, then "(SDP PCMU/8000)", the fold count and the fork, when there are. */
export function rowLabel(row: LadderRow, dialogs?: ReadonlyMap<number, LadderDialog>, options: RowLabelOptions = {}): string {
  let label = rowTitle(row);
  const sdp = sdpMarker(row);
  if (sdp) label += ` (${sdp})`;
  const fold = foldMarker(row, options.ascii);
  if (fold) label += ` ${fold}`;
  const dialog = options.forks === false ? undefined : dialogs?.get(row.dialog);
  if (dialog !== undefined && dialog.forks > 1) label += ` [fork ${dialog.fork + 1}/${dialog.forks}]`;
  return label;
}

const ROLE_NAMES: Record<NodeRole | 'unknown', string> = {
  ua: 'UA', statefulProxy: 'stateful proxy', statelessProxy: 'stateless proxy', proxy: 'proxy', registrar: 'registrar',
  redirectServer: 'redirect server', b2bua: 'B2BUA', unknown: '',
};

export function roleName(role: NodeRole | 'unknown'): string {
  return ROLE_NAMES[role] ?? role;
}

/** Header lines of a lane: its name (a host name when one was learnt), its addresses, its role. */
export function laneHeader(lane: LadderLane): string[] {
  const lines: string[] = [];
  const name = visibleText(lane.hostnames[0] ?? lane.name);
  lines.push(name);
  const first = lane.endpoints[0];
  if (first !== undefined && first !== name) lines.push(first);
  if (lane.endpointCount > 1) lines.push(`+${lane.endpointCount - 1} more address${lane.endpointCount > 2 ? 'es' : ''}`);
  const role = roleName(lane.role);
  if (role) lines.push(`(${role})`);
  return lines;
}
