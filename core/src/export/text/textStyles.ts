/**
 * Colours of the text ladder (used only on a terminal that wants them): requests, then responses by class
 * (RFC 3261 §21: 1xx provisional, 2xx success, 3xx redirection, 4xx–6xx failure), dim notes and times.
 */
import type { LadderRow } from '../../analyze/ladder/ladderModel.ts';
import type { Palette } from './textCanvas.ts';

export const STYLE = { plain: 0, header: 1, time: 2, request: 3, provisional: 4, success: 5, redirect: 6, failure: 7, note: 8, bracket: 9 } as const;

/** SGR parameters by style number (ECMA-48): bold, dim, cyan, yellow, green, blue, red. */
export const PALETTE: Palette = ['', '1', '2', '36', '33', '32', '34', '31', '2', '2'];

export function rowStyle(row: LadderRow): number {
  if (row.kind === 'request') return STYLE.request;
  const status = row.statusCode ?? 0;
  if (status < 200) return STYLE.provisional;
  if (status < 300) return STYLE.success;
  if (status < 400) return STYLE.redirect;
  return STYLE.failure;
}

/** The words of a text ladder, prepared once (ASCII-folded when asked). */
export interface TextRows {
  headers: string[][];
  labels: string[];
  notes: string[][];
  times: string[];
}
