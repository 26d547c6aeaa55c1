/**
 * The ladder's export bar: SVG and PNG of the whole call or of the part on screen, Mermaid (saved, or
 * copied to the clipboard), the standalone HTML report, JSON, CSV and pcap/pcapng of the calls. Files are
 * made by the worker with the core's export stage (the CLI's code); PNG is that SVG rasterised here.
 */
import type { ExportKind, ExportRequest, ExportResult } from '../../shared/apiTypes.ts';
import type { RendererApi } from '../api/rendererApi.ts';
import { el } from '../dom.ts';
import { copyText, exportBytes, saveBytes } from '../export/saveExport.ts';
import { svgToPng } from '../export/svgToPng.ts';

export type ExportScope = 'call' | 'visible';

export interface ExportPanelContext {
  /** What is shown: rows and the ladder options, or undefined with no ladder open. */
  current(): Omit<ExportRequest, 'kind' | 'records'> | undefined;
  /** Record indices of the rows on screen (for the "visible part" pictures). */
  visibleRecords(): number[];
  error(message: string): void;
}

type Action = ExportKind | 'png' | 'copy-mermaid';

const BUTTONS: readonly [Action, string, string][] = [
  ['svg', 'SVG', 'Save the ladder as an SVG picture'],
  ['png', 'PNG', 'Save the ladder as a PNG image'],
  ['mermaid', 'Mermaid', 'Save the ladder as a Mermaid sequence diagram'],
  ['copy-mermaid', 'Copy Mermaid', 'Copy the Mermaid sequence diagram to the clipboard'],
  ['html', 'HTML report', 'Save a standalone HTML report (ladder, messages, hop annotations)'],
  ['json', 'JSON', 'Save the calls and their messages as JSON'],
  ['csv', 'CSV', 'Save the messages of the calls as CSV'],
  ['pcap', 'pcap', 'Save the frames of the calls, unchanged, as pcap'],
  ['pcapng', 'pcapng', 'Save the frames of the calls, unchanged, as pcapng'],
];

/** Pictures follow the scope; the other exports always take the whole rows. */
const PICTURES: ReadonlySet<Action> = new Set(['svg', 'png', 'mermaid', 'copy-mermaid', 'html']);

export class ExportPanel {
  readonly root: HTMLElement;
  private readonly scope: HTMLSelectElement;
  private readonly status: HTMLElement;
  private nativeDialogs: Promise<boolean> | undefined;
  private busy = false;

  constructor(private readonly api: RendererApi, private readonly ctx: ExportPanelContext) {
    this.scope = el('select', { id: 'export-scope' },
      el('option', { value: 'call', selected: true }, 'whole ladder'), el('option', { value: 'visible' }, 'visible part'));
    this.status = el('span', { class: 'export-status muted', role: 'status', 'aria-live': 'polite' });
    const buttons = BUTTONS.map(([action, label, title]) => {
      const b = el('button', { type: 'button', id: `export-${action}`, title, 'aria-label': title }, label);
      b.addEventListener('click', () => void this.run(action));
      return b;
    });
    this.root = el('div', { class: 'export-panel', role: 'group', 'aria-label': 'Export', hidden: true },
      el('label', { for: 'export-scope' }, 'Pictures of the ', this.scope), ...buttons, this.status);
  }

  toggle(): boolean {
    this.root.hidden = !this.root.hidden;
    return !this.root.hidden;
  }

  private async run(action: Action): Promise<void> {
    const current = this.ctx.current();
    if (current === undefined || this.busy) return;
    this.busy = true;
    this.status.textContent = 'exporting…';
    try {
      const part = PICTURES.has(action) && this.scope.value === 'visible';
      const records = part ? this.ctx.visibleRecords() : [];
      const kind: ExportKind = action === 'png' ? 'svg' : action === 'copy-mermaid' ? 'mermaid' : action;
      const result = await this.api.exportCalls({ ...current, kind, records: part && records.length > 0 ? records : null });
      if (!result.ok) throw new Error(result.message);
      this.status.textContent = `${await this.deliver(action, result)} · ${result.message}`;
    } catch (error) {
      this.status.textContent = '';
      this.ctx.error((error as Error).message);
    } finally {
      this.busy = false;
    }
  }

  /** Saves (or copies) what the worker made; returns what happened, for the status line. */
  private async deliver(action: Action, result: ExportResult): Promise<string> {
    const fileName = result.fileName ?? 'sipladder-export';
    if (action === 'copy-mermaid') {
      await copyText(result.text ?? '');
      return 'Mermaid copied to the clipboard';
    }
    const target = { nativeDialogs: await this.hasNativeDialogs(), api: this.api };
    if (action === 'png') {
      const png = await svgToPng(result.text ?? '', Math.min(2, Math.max(1, window.devicePixelRatio || 1)));
      return (await saveBytes(target, fileName.replace(/\.svg$/, '.png'), 'image/png', png)).message;
    }
    return (await saveBytes(target, fileName, result.mediaType ?? 'application/octet-stream', exportBytes(result))).message;
  }

  private hasNativeDialogs(): Promise<boolean> {
    this.nativeDialogs ??= this.api.capabilities().then((c) => c.nativeDialogs, () => false);
    return this.nativeDialogs;
  }
}
