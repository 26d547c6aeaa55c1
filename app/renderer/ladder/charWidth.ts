/**
 * The advance of one character of the ladder's monospace font, measured once in the page (a canvas, no
 * DOM layout), so the core layout's `measure` (display width × advance) matches what the SVG draws.
 */
const FALLBACK_EM = 0.6;

export function monospaceCharWidth(fontFamily: string, fontPx: number): number {
  try {
    const context = document.createElement('canvas').getContext('2d');
    if (context === null) return fontPx * FALLBACK_EM;
    context.font = `${fontPx}px ${fontFamily}`;
    const sample = 'MmWw0123456789abcdefghijklmnopqrstuvwxyz';
    const width = context.measureText(sample).width / sample.length;
    return width > 0 ? width : fontPx * FALLBACK_EM;
  } catch {
    return fontPx * FALLBACK_EM;
  }
}
