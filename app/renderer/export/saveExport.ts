/**
 * Saving an export: in Electron through the shell's save dialog (saveFile), in the browser as a download
 * (a Blob behind an object URL on an <a download>, revoked right after; CSP does not govern downloads).
 */
import type { ExportResult, SaveResult } from '../../shared/apiTypes.ts';
import type { RendererApi } from '../api/rendererApi.ts';

export interface SaveTarget {
  /** Electron offers a save dialog; the web page downloads. */
  nativeDialogs: boolean;
  api: Pick<RendererApi, 'saveFile'>;
}

/** The bytes of an export result (text as UTF-8, binary from base64). */
export function exportBytes(result: Pick<ExportResult, 'text' | 'base64'>): Uint8Array {
  if (result.text !== null) return new TextEncoder().encode(result.text);
  if (result.base64 === null) return new Uint8Array(0);
  const binary = atob(result.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function saveBytes(target: SaveTarget, fileName: string, mediaType: string, data: Uint8Array): Promise<SaveResult> {
  if (target.nativeDialogs) return target.api.saveFile({ fileName, mediaType, data });
  const url = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type: mediaType }));
  const a = document.createElement('a');
  a.download = fileName.replace(/[^\w.-]/g, '_');
  a.href = url;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { saved: true, message: `downloaded ${a.download}` };
}

/** Puts text on the clipboard (the async API, else a selected textarea and the copy command). */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // No permission or no secure context: fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('aria-hidden', 'true');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('the clipboard refused the text: save the Mermaid file instead');
}
