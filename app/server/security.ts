/**
 * What keeps the local server's API to the person who started it: a random per-run token compared in
 * constant time, Host checked (DNS rebinding), Origin and Sec-Fetch-Site checked (other local pages), no
 * CORS headers at all, and a strict Content-Security-Policy with the usual hardening headers on every response.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CONTENT_SECURITY_POLICY } from '../shared/contentSecurityPolicy.ts';

export { CONTENT_SECURITY_POLICY };

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=()',
};

export const TOKEN_HEADER = 'x-sipladder-token';

/** 256 random bits, URL-safe. */
export function makeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison (hashing first makes the lengths equal, so length leaks nothing either). */
export function tokenMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** Hosts this server answers to: a page from any other name (a rebinding DNS name) is refused. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).has(host.toLowerCase());
}

/** No Origin (curl, navigation) is fine; a browser Origin must be this server's own. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Browsers label cross-site requests; only same-origin (or none, typed in the address bar) may reach the API. */
export function fetchSiteAllowed(site: string | undefined): boolean {
  return site === undefined || site === 'same-origin' || site === 'none';
}

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  fetchSite: string | undefined;
  token: string | string[] | undefined;
}

/** Why an API request is refused (status and reason), or undefined when it may proceed. */
export function checkApiRequest(req: RequestFacts, port: number, token: string): { status: number; reason: string } | undefined {
  if (!hostAllowed(req.host, port)) return { status: 421, reason: 'unexpected Host header' };
  if (!originAllowed(req.origin, port)) return { status: 403, reason: 'cross-origin requests are refused' };
  if (!fetchSiteAllowed(req.fetchSite)) return { status: 403, reason: 'cross-site requests are refused' };
  if (!tokenMatches(token, req.token)) return { status: 401, reason: 'missing or wrong token' };
  return undefined;
}
