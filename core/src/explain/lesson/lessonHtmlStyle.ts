/**
 * The lesson page's style sheet, inline (the page must work offline): large readable text for a projector,
 * radio buttons hidden but still focusable (arrow keys step through), one message shown at a time on
 * screen, every message when printed.
 */
export const LESSON_HTML_STYLE = `
:root { color-scheme: light; }
body { margin: 20px 28px; font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; color: #1f2328; background: #fff; }
input.lang, input.step { position: absolute; opacity: 0; width: 1px; height: 1px; }
input.step:focus-visible ~ header .strip { outline: 3px solid #0b5cad; outline-offset: 2px; }
h1 { font-size: 28px; margin: 6px 0; } h2 { font-size: 19px; margin: 18px 0 6px; }
.sub { color: #57606a; margin: 0 0 8px; font-size: 14px; }
nav.langs { font-size: 14px; } nav.langs label { cursor: pointer; color: #0b5cad; }
nav.strip { display: flex; flex-wrap: wrap; gap: 4px; margin: 8px 0; }
nav.strip label { cursor: pointer; min-width: 2.2em; text-align: center; border: 1px solid #d0d7de; border-radius: 4px; padding: 2px 4px; font-size: 14px; }
.columns { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
section.ladder { flex: 1 1 560px; min-width: 0; } section.current { flex: 1 1 420px; }
.scroll { overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; max-height: 80vh; }
.legend { font-size: 14px; color: #57606a; }
ol.steps { list-style: none; padding: 0; margin: 0; }
ol.steps > li { display: none; border: 2px solid #0b5cad; border-radius: 8px; padding: 10px 16px; }
.where { font-weight: 700; } .nav { cursor: pointer; color: #0b5cad; font-size: 22px; padding: 0 8px; } .nav.off { color: #d0d7de; cursor: default; }
.arrow { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 16px; overflow-wrap: anywhere; }
.arrow .num { color: #57606a; } .arrow .time, .arrow .transport { color: #57606a; font-size: 14px; }
.note { background: #fff8c5; border-left: 4px solid #d4a72c; padding: 2px 10px; margin: 8px 0; }
ul.explanations { padding-left: 20px; } ul.explanations li { margin: 4px 0; }
details.question { border: 1px solid #d0d7de; border-radius: 6px; margin: 8px 0; padding: 4px 10px; }
details.question summary { cursor: pointer; font-weight: 600; }
.answer { color: #1a7f37; }
footer { margin-top: 28px; color: #57606a; font-size: 13px; }
@media print { input, nav.strip, .nav { display: none; } ol.steps > li { display: block !important; break-inside: avoid; margin: 6px 0; } svg g { visibility: visible !important; } details.question { break-inside: avoid; } }
`;
