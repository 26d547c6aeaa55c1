/** Saves an export as a file through the browser's download (an object URL, revoked right after). */
import type { ExportResult } from '../../shared/apiTypes.ts';

export function downloadExport(result: ExportResult): void {
  let blob: Blob;
  if (result.text !== null) blob = new Blob([result.text], { type: result.mediaType ?? 'text/plain' });
  else if (result.base64 !== null) {
    const bin = atob(result.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    blob = new Blob([bytes], { type: result.mediaType ?? 'application/octet-stream' });
  } else return;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.download = (result.fileName ?? 'sipladder-export').replace(/[^\w.-]/g, '_');
  a.href = url;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
