/**
 * The renderer is served to Electron from a private scheme, sipladder://app/…, so it has a real origin
 * and every response carries the same strict CSP as the web server. Only files inside the renderer
 * folder with a known type are served; a path that leaves the folder is refused.
 */
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/contentSecurityPolicy.ts';

export const APP_SCHEME = 'sipladder';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

export interface ProtocolResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'app';
  } catch {
    return false;
  }
}

/** The file to serve for a request URL, or undefined when it is not one of ours. */
export function appFilePath(url: string, rendererDir: string): string | undefined {
  if (!isAppUrl(url)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  if (path === '/' || path === '') path = '/index.html';
  if (path.includes('\0') || TYPES[extname(path).toLowerCase()] === undefined) return undefined;
  const full = normalize(join(rendererDir, path));
  return full.startsWith(normalize(rendererDir) + sep) ? full : undefined;
}

export function appProtocolResponse(url: string, rendererDir: string, readFile: (path: string) => Uint8Array | undefined): ProtocolResponse {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  const path = appFilePath(url, rendererDir);
  const body = path === undefined ? undefined : readFile(path);
  if (path === undefined || body === undefined) return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'not found' };
  return { status: 200, headers: { ...headers, 'Content-Type': TYPES[extname(path).toLowerCase()]! }, body };
}
