import { describe, expect, it } from 'vitest';
import { checkApiRequest, CONTENT_SECURITY_POLICY, fetchSiteAllowed, hostAllowed, makeToken, originAllowed, SECURITY_HEADERS, tokenMatches } from './security.ts';

describe('local server security checks', () => {
  it('makes a fresh 256-bit URL-safe token each run', () => {
    const a = makeToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(makeToken()).not.toBe(a);
  });

  it('accepts only the exact token (any length, any type refused)', () => {
    const t = makeToken();
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t, t.slice(0, -1))).toBe(false);
    expect(tokenMatches(t, t + 'x')).toBe(false);
    expect(tokenMatches(t, '')).toBe(false);
    expect(tokenMatches(t, undefined)).toBe(false);
    expect(tokenMatches(t, [t, t])).toBe(false);
  });

  it('answers only to its own Host names (DNS rebinding)', () => {
    expect(hostAllowed('127.0.0.1:4000', 4000)).toBe(true);
    expect(hostAllowed('localhost:4000', 4000)).toBe(true);
    expect(hostAllowed('LOCALHOST:4000', 4000)).toBe(true);
    expect(hostAllowed('evil.example:4000', 4000)).toBe(false);
    expect(hostAllowed('127.0.0.1:4001', 4000)).toBe(false);
    expect(hostAllowed(undefined, 4000)).toBe(false);
  });

  it('refuses other origins and cross-site fetches, allows none (curl, address bar)', () => {
    expect(originAllowed(undefined, 4000)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4001', 4000)).toBe(false);
    expect(originAllowed('null', 4000)).toBe(false);
    expect(originAllowed('https://evil.example', 4000)).toBe(false);
    expect(fetchSiteAllowed('same-origin')).toBe(true);
    expect(fetchSiteAllowed('same-site')).toBe(false);
    expect(fetchSiteAllowed('cross-site')).toBe(false);
  });

  it('checks Host, then Origin, then the token, with the matching status', () => {
    const token = makeToken();
    const ok = { host: '127.0.0.1:9', origin: 'http://127.0.0.1:9', fetchSite: 'same-origin', token };
    expect(checkApiRequest(ok, 9, token)).toBeUndefined();
    expect(checkApiRequest({ ...ok, host: 'evil:9' }, 9, token)?.status).toBe(421);
    expect(checkApiRequest({ ...ok, origin: 'http://evil' }, 9, token)?.status).toBe(403);
    expect(checkApiRequest({ ...ok, fetchSite: 'cross-site' }, 9, token)?.status).toBe(403);
    expect(checkApiRequest({ ...ok, token: 'nope' }, 9, token)?.status).toBe(401);
  });

  it('sends a CSP that forbids inline script, eval, plugins and remote content', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});
