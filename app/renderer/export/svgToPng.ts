/**
 * PNG of an exported ladder: the core's SVG (self-contained: its style inline, no external references, so
 * nothing is fetched and the canvas is not tainted) drawn on a canvas from a data: URL (allowed by the
 * page's img-src) and encoded by the browser. Chromium limits a canvas to 32 767 px a side and about
 * 268 M pixels, so a very long ladder is scaled down, or refused with a hint.
 */
const MAX_SIDE_PX = 32_000;
const MAX_AREA_PX = 200_000_000;

/** Width and height of the SVG's root element. */
export function svgSize(svg: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (root === undefined) return undefined;
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** The pixel scale for a picture of that size: `preferred` (sharp on high-DPI screens) when it fits, less when not. */
export function pngScale(width: number, height: number, preferred: number): number {
  const bySide = MAX_SIDE_PX / Math.max(width, height);
  const byArea = Math.sqrt(MAX_AREA_PX / (width * height));
  return Math.min(preferred, bySide, byArea);
}

export async function svgToPng(svg: string, preferredScale = 2): Promise<Uint8Array> {
  const size = svgSize(svg);
  if (size === undefined) throw new Error('the SVG has no size');
  const scale = pngScale(size.width, size.height, preferredScale);
  if (scale < 0.25) throw new Error('the ladder is too long for one PNG: export the visible part, or SVG');
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(size.width * scale));
  canvas.height = Math.max(1, Math.round(size.height * scale));
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('this browser cannot draw on a canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) throw new Error('the browser could not encode the PNG');
  return new Uint8Array(await blob.arrayBuffer());
}
