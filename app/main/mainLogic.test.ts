import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_URL, appFilePath, appProtocolResponse, isAppUrl } from './appProtocol.ts';
import { captureFromArgv } from './commandLine.ts';
import { menuTemplate } from './appMenu.ts';
import { RecentFiles } from './recentFiles.ts';
import { guardWebContents, hardenSession, requestAllowed, type GuardedContents, type GuardedSession } from './webGuards.ts';
import { mainWindowOptions } from './windowOptions.ts';

describe('the main window', () => {
  it('runs the renderer sandboxed, context-isolated, without Node, with web security and no webviews', () => {
    const o: BrowserWindowConstructorOptions = mainWindowOptions('/app/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, navigateOnDragDrop: false,
    });
  });
});

describe('the app scheme', () => {
  const dir = '/opt/sipladder/renderer';

  it('serves files of the renderer folder only, with the CSP', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(appFilePath('sipladder://app/index.html', dir)).toBe('/opt/sipladder/renderer/index.html');
    expect(appFilePath('sipladder://app/', dir)).toBe('/opt/sipladder/renderer/index.html');
    const r = appProtocolResponse('sipladder://app/app.js', dir, () => new Uint8Array([1]));
    expect(r.status).toBe(200);
    expect(r.headers['Content-Security-Policy']).toMatch(/^default-src 'none'/);
    expect(r.headers['Content-Type']).toMatch(/javascript/);
  });

  it('refuses traversal, other hosts and schemes, unknown file types and NUL', () => {
    for (const url of ['sipladder://app/../../secret.html', 'sipladder://app/%2e%2e/%2e%2e/etc/passwd.html', 'sipladder://app/..%2f..%2fetc/passwd.html',
      'sipladder://app/%2F..%2F..%2Fetc%2Fx.html']) {
      const path = appFilePath(url, dir);
      expect(path === undefined || path.startsWith(dir + '/'), `${url} → ${path}`).toBe(true);
    }
    for (const url of ['sipladder://other/index.html', 'file:///etc/passwd', 'https://evil.example/index.html', 'sipladder://app/data.json',
      'sipladder://app/a%00.html', 'sipladder://app/%E0%A4%A.html']) {
      expect(appFilePath(url, dir), url).toBeUndefined();
    }
    expect(appProtocolResponse('sipladder://app/missing.js', dir, () => undefined).status).toBe(404);
  });
});

describe('web contents and session guards', () => {
  function fakeContents(): { contents: GuardedContents; fire(event: string, ...args: unknown[]): boolean; openHandler(): unknown } {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    let openHandler: () => unknown = () => undefined;
    const contents = {
      on: (event: string, listener: (...args: unknown[]) => void) => {
        handlers.set(event, listener);
        return contents;
      },
      setWindowOpenHandler: (h: () => unknown) => {
        openHandler = h;
      },
    } as unknown as GuardedContents;
    return {
      contents,
      fire: (event, ...args) => {
        let prevented = false;
        handlers.get(event)!({ preventDefault: () => (prevented = true) }, ...args);
        return prevented;
      },
      openHandler: () => openHandler(),
    };
  }

  it('blocks navigation and redirects away from the app, webviews, and every new window', () => {
    const f = fakeContents();
    guardWebContents(f.contents);
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(f.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-navigate', 'sipladder://app/index.html')).toBe(false);
    expect(f.fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(f.fire('will-attach-webview')).toBe(true);
    expect(f.openHandler()).toEqual({ action: 'deny' });
  });

  it('denies permissions (but writing to the clipboard) and cancels every request that is not for the app itself', () => {
    let permission: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof permission) => (permission = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      webRequest: { onBeforeRequest: (h: typeof before) => (before = h) },
    } as unknown as GuardedSession;
    hardenSession(session);
    let granted: boolean | undefined;
    permission!(undefined, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    permission!(undefined, 'clipboard-read', (ok) => (granted = ok));
    expect(granted).toBe(false);
    permission!(undefined, 'clipboard-sanitized-write', (ok) => (granted = ok));
    expect(granted).toBe(true);
    expect(check!()).toBe(false);
    const verdict = (url: string): boolean => {
      let cancel = false;
      before!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('https://evil.example/leak.png')).toBe(true);
    expect(verdict('http://127.0.0.1:8080/')).toBe(true);
    expect(verdict('file:///etc/passwd')).toBe(true);
    expect(verdict('sipladder://app/app.js')).toBe(false);
    expect(requestAllowed('devtools://devtools/bundled/inspector.html')).toBe(true);
  });
});

describe('command line, recent files and menu', () => {
  it('finds the capture after the app path in development and after the executable when packaged', () => {
    expect(captureFromArgv(['electron', 'dist/app/main.cjs', 'call.pcap'], false)).toBe('call.pcap');
    expect(captureFromArgv(['sipladder', '--no-sandbox', 'call.pcap'], true)).toBe('call.pcap');
    expect(captureFromArgv(['electron', 'main.cjs'], false)).toBeUndefined();
    expect(captureFromArgv(['electron', 'main.cjs', 'a\0b'], false)).toBeUndefined();
  });

  it('keeps ten recent captures, newest first, and shows the page names and ids only', () => {
    let stored: string | undefined;
    const recent = new RecentFiles({ read: () => stored, write: (t) => (stored = t) });
    for (let i = 0; i < 12; i++) recent.add(`/captures/c${i}.pcap`);
    recent.add('/captures/c5.pcap');
    expect(recent.list()).toHaveLength(10);
    expect(recent.list()[0]).toEqual({ id: 0, name: 'c5.pcap' });
    expect(recent.pathOf(0)).toBe('/captures/c5.pcap');
    expect(new RecentFiles({ read: () => stored, write: () => undefined }).list()[1]!.name).toBe('c11.pcap');
    expect(RecentFiles.parse('{"not":"a list"}')).toEqual([]);
    expect(RecentFiles.parse('["/a", 5, "", "/b\\u0000c"]')).toEqual(['/a']);
    expect(recent.pathOf(99)).toBeUndefined();
  });

  it('offers Open and Quit in the File menu', () => {
    let opened = 0;
    const template = menuTemplate(() => opened++, () => undefined);
    const file = template[0]!.submenu as { label?: string; click?: () => void }[];
    expect(file.map((i) => i.label).filter(Boolean)).toEqual(['Open Capture…', 'Quit']);
    file[0]!.click!();
    expect(opened).toBe(1);
  });
});
