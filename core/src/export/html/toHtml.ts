/**
 * One self-contained HTML file to attach to a ticket: the calls, the SVG ladder inline, and every message
 * as a <details> with its facts, hop annotation and raw text. No script and no network at all (a
 * Content-Security-Policy of default-src 'none' says so to the browser); every capture string is escaped.
 */
import type { LadderRow } from '../../analyze/ladder/ladderModel.ts';
import type { CallAnalysis } from '../../analyze/analysis.ts';
import { hopAnnotation } from '../../correlate/hopAnnotation.ts';
import { timeDigits, type ExportSource, type LadderSelectionOptions } from '../exportSource.ts';
import { hopNoteLines } from '../ladder/hopNoteLines.ts';
import { ladderSubtitle, ladderTitle } from '../ladder/ladderTitle.ts';
import { dialogIndex, rowLabel } from '../ladder/rowText.ts';
import { rowTimes, type TimeMode } from '../ladder/timeLabel.ts';
import { svgLadder } from '../svg/toSvg.ts';
import { rowClass } from '../svg/svgStyle.ts';
import { HTML_STYLE } from './htmlStyle.ts';
import { htmlText, rawMessageHtml } from './htmlText.ts';

export interface HtmlOptions extends LadderSelectionOptions {
  /** Hop annotations as notes in the ladder picture (default true; each message's details always has them). */
  readonly hops?: boolean;
  readonly time?: TimeMode;
  readonly timeDigits?: number;
  /**
   * The raw bytes (or text) of the message with this record index. Records keep only facts, so the caller
   * that still has the capture supplies them; without it each message shows its facts only.
   */
  readonly rawMessage?: (index: number) => Uint8Array | string | undefined;
}

function callRows(calls: readonly CallAnalysis[]): string {
  const head = '<tr><th>call</th><th>Call-ID</th><th>from</th><th>to</th><th>outcome</th><th>status</th><th>PDD ms</th><th>setup ms</th><th>duration ms</th><th>codecs</th></tr>';
  const ms = (v: number | undefined): string => (v === undefined ? '' : String(Math.round(v)));
  const body = calls.map((c) => `<tr><td>${c.call}</td><td>${htmlText(c.callIds.join(', '))}</td><td>${htmlText(c.from ?? '')}</td><td>${htmlText(c.to ?? '')}</td>`
    + `<td>${htmlText(c.outcome)}</td><td>${c.finalStatus || ''} ${htmlText(c.reasonPhrase ?? '')}</td><td>${ms(c.postDialDelayMs)}</td><td>${ms(c.setupTimeMs)}</td>`
    + `<td>${ms(c.durationMs)}</td><td>${htmlText(c.codecs.join(', '))}</td></tr>`);
  return `<table>${head}${body.join('')}</table>`;
}

function factsList(row: LadderRow): string {
  const items: [string, string][] = [
    ['frame', String(row.frame)],
    ['from → to', `${row.srcEndpoint} → ${row.dstEndpoint} (${row.transport.toUpperCase()})`],
  ];
  if (row.requestUri !== undefined) items.push(['Request-URI', row.requestUri]);
  if (row.callId !== undefined) items.push(['Call-ID', row.callId]);
  if (row.cseqNumber !== undefined) items.push(['CSeq', `${row.cseqNumber} ${row.method ?? ''}`]);
  if (row.transaction >= 0) items.push(['transaction', `${row.transaction} (hop ${row.depth})`]);
  if (row.dialog >= 0) items.push(['dialog', String(row.dialog)]);
  if (row.sdp) items.push(['SDP codecs', row.sdpCodecs.join(', ') || '(none)']);
  if (row.retransmissions.length > 0) items.push(['retransmissions', `records ${row.retransmissions.join(', ')}`]);
  if (row.duplicates.length > 0) items.push(['duplicates', `records ${row.duplicates.join(', ')}`]);
  if (row.issues > 0) items.push(['issues', String(row.issues)]);
  return `<dl>${items.map(([k, v]) => `<dt>${htmlText(k)}</dt><dd>${htmlText(v)}</dd>`).join('')}</dl>`;
}

export function toHtml(source: ExportSource, calls: readonly number[], options: HtmlOptions = {}): string {
  const { svg, ladder, warnings } = svgLadder(source, calls, {
    hops: options.hops ?? true, time: options.time, merge: options.merge, foldRetransmissions: options.foldRetransmissions,
    records: options.records, timeDigits: options.timeDigits, xmlDeclaration: false,
  });
  const digits = timeDigits(source, options.timeDigits);
  const title = ladderTitle(source, ladder, calls);
  const times = rowTimes(options.time ?? 'rel', ladder.rows.map((r) => r.timestamp), ladder.start, digits);
  const dialogs = dialogIndex(ladder);
  const lanes = ladder.lanes;
  const shownCalls = ladder.calls.map((c) => source.analysis.calls[c]).filter((c): c is CallAnalysis => c !== undefined);
  const out: string[] = [];
  // Void elements are self-closed, so the file is also well-formed XML (its tests parse it as such).
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8"/>');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1"/>', '<meta name="generator" content="sipladder"/>');
  out.push(`<title>${htmlText(title)} — sipladder</title>`, `<style>${HTML_STYLE}</style>`, '</head>', '<body>');
  out.push(`<header><h1>${htmlText(title)}</h1><p class="sub">${htmlText(ladderSubtitle(ladder, digits))}</p>`);
  for (const w of warnings) out.push(`<p class="warning">${htmlText(w)}</p>`);
  out.push('</header>');
  if (shownCalls.length > 0) out.push('<section class="calls"><h2>Calls</h2>', callRows(shownCalls), '</section>');
  out.push('<section class="ladder"><h2>Ladder</h2><div class="scroll">', svg, '</div></section>');
  out.push('<section class="messages"><h2>Messages</h2>');
  for (const row of ladder.rows) {
    const arrow = `${lanes[row.from]?.name ?? row.srcEndpoint} → ${lanes[row.to]?.name ?? row.dstEndpoint}`;
    out.push(`<details id="m${row.index}"><summary><span class="row">${row.row + 1}</span><span class="time">${htmlText(times[row.row] ?? '')}</span>`
      + `<span class="${rowClass(row).split(' ').pop()}">${htmlText(rowLabel(row, dialogs))}</span><span class="path">${htmlText(arrow)}</span></summary><div class="detail">`);
    out.push(factsList(row));
    const hop = row.hop >= 0 ? hopAnnotation(source.model, row.hop, source.lookup) : undefined;
    if (hop !== undefined) {
      out.push(`<ul class="hop">${hopNoteLines(hop, row.kind).map((l) => `<li>${htmlText(l)}</li>`).join('')}</ul>`);
    }
    const raw = options.rawMessage?.(row.index);
    out.push(raw === undefined ? '<p class="sub">Raw text not included in this export.</p>' : `<pre>${rawMessageHtml(raw)}</pre>`);
    out.push('</div></details>');
  }
  out.push('</section>', '<footer>Made by sipladder. This file is self-contained: no scripts, no network access.</footer>', '</body>', '</html>');
  return out.join('\n') + '\n';
}
