/**
 * The SVG ladder's look, embedded in the file (no external fonts or sheets): a monospace system font
 * stack (the layout measures text as fixed-width cells), a light theme that prints, and colours per
 * message class (RFC 3261 §21: 1xx grey, 2xx green, 3xx purple, 4xx–6xx red; requests blue).
 */
import type { LadderRow } from '../../analyze/ladder/ladderModel.ts';

export const SVG_FONT_PX = 12;
export const SVG_NOTE_FONT_PX = 11;
/** Advance of one monospace cell at 12 px (0.6 em in DejaVu Sans Mono, Liberation Mono, Menlo; a little spare). */
export const SVG_CELL_PX = 7.3;
export const SVG_LINE_PX = 16;

export const SVG_FONT_STACK = 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, "Courier New", monospace';

export const SVG_STYLE = `
svg.sipladder { background: #ffffff; }
.sipladder text { font-family: ${SVG_FONT_STACK}; font-size: ${SVG_FONT_PX}px; fill: #1f2328; }
.sipladder .heading { font-size: 14px; font-weight: 700; }
.sipladder .subheading { fill: #57606a; }
.sipladder .lane-name { font-weight: 700; }
.sipladder .lane-detail { fill: #57606a; }
.sipladder .lane-box { fill: #f6f8fa; stroke: #8c959f; }
.sipladder .lifeline { stroke: #8c959f; stroke-width: 1; stroke-dasharray: 4 3; }
.sipladder .time { fill: #57606a; }
.sipladder .bracket { fill: none; stroke: #8c959f; stroke-width: 1.5; }
.sipladder .arrow path { fill: none; stroke-width: 1.6; }
.sipladder .label-bg { fill: #ffffff; fill-opacity: 0.85; }
.sipladder .request path { stroke: #0b5cad; } .sipladder .request polygon, .sipladder .request text.label { fill: #0b5cad; }
.sipladder .provisional path { stroke: #6e7781; } .sipladder .provisional polygon, .sipladder .provisional text.label { fill: #57606a; }
.sipladder .success path { stroke: #1a7f37; } .sipladder .success polygon, .sipladder .success text.label { fill: #1a7f37; }
.sipladder .redirect path { stroke: #8250df; } .sipladder .redirect polygon, .sipladder .redirect text.label { fill: #8250df; }
.sipladder .failure path { stroke: #cf222e; } .sipladder .failure polygon, .sipladder .failure text.label { fill: #cf222e; }
.sipladder .response path { stroke-dasharray: 6 3; }
.sipladder .hop-note rect { fill: #fff8c5; stroke: #d4a72c; stroke-width: 0.8; }
.sipladder .hop-note text { fill: #3d3d3d; font-size: ${SVG_NOTE_FONT_PX}px; }
@media print { svg.sipladder { background: none; } }
`;

export function rowClass(row: LadderRow): string {
  if (row.kind === 'request') return 'request';
  const status = row.statusCode ?? 0;
  const kind = status < 200 ? 'provisional' : status < 300 ? 'success' : status < 400 ? 'redirect' : 'failure';
  return `response ${kind}`;
}
