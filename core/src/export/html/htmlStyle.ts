/** The HTML report's style sheet, inline (the file must open with no network): light, printable, system fonts. */
export const HTML_STYLE = `
:root { color-scheme: light; }
body { margin: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; color: #1f2328; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.sub { color: #57606a; margin: 0; }
.warning { color: #9a6700; }
table { border-collapse: collapse; font-size: 13px; } th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { background: #f6f8fa; }
.scroll { overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; max-width: 100%; }
details { border: 1px solid #d0d7de; border-radius: 6px; margin: 4px 0; }
details[open] { background: #fbfcfd; }
summary { cursor: pointer; padding: 4px 8px; font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
summary span { margin-right: 1.2em; } summary .row { color: #57606a; display: inline-block; min-width: 2.5em; }
summary .time { color: #57606a; } summary .path { color: #57606a; }
summary .request { color: #0b5cad; } summary .provisional { color: #57606a; } summary .success { color: #1a7f37; }
summary .redirect { color: #8250df; } summary .failure { color: #cf222e; }
.detail { padding: 4px 12px 10px; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; margin: 6px 0; font-size: 13px; }
dt { color: #57606a; } dd { margin: 0; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
ul.hop { margin: 4px 0; padding-left: 18px; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
pre { background: #f6f8fa; border: 1px solid #eaeef2; border-radius: 4px; padding: 8px; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
footer { margin-top: 32px; color: #57606a; font-size: 12px; }
@media print { body { margin: 0; } .scroll { overflow: visible; border: none; } details { break-inside: avoid; } }
`;
