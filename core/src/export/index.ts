/**
 * The export stage's public surface: ladders as terminal text, Mermaid, SVG and HTML (all from the one
 * ladder model and pure layout), and the pcap/pcapng writers. `calls` are indices into
 * analysis.analysis.calls (= model.calls); an empty list means every message of the capture.
 */
export { toTextLadder, textLadderChunks, type TextLadderOptions, type TextLayoutMode } from './text/toTextLadder.ts';
export { toMermaid, MERMAID_MAX_TEXT_SIZE, type MermaidOptions } from './mermaid/toMermaid.ts';
export { toSvg, svgLadder, type SvgOptions, type SvgLadder } from './svg/toSvg.ts';
export { toHtml, type HtmlOptions } from './html/toHtml.ts';
export { selectLadder, type ExportSource, type LadderSelection } from './exportSource.ts';
export { rowsInView, rowAtOrAbove, type RowExtent } from './ladder/rowsInView.ts';
export { layoutLadder, type LadderGeometry, type LadderLayoutInput, type LadderLayoutOptions, type PlacedRow, type PlacedLane, type PlacedText, type PlacedBracket } from './ladder/layoutLadder.ts';
export { hopNoteLines } from './ladder/hopNoteLines.ts';
export { rowLabel, laneHeader } from './ladder/rowText.ts';
export { TIME_MODES, type TimeMode } from './ladder/timeLabel.ts';
export { writePcap } from './pcapWriter.ts';
export { writePcapng } from './pcapngWriter.ts';
