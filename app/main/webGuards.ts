/**
 * What the main process refuses on the renderer's behalf: navigation away from the app, new windows,
 * webviews, permission requests (all but writing to the clipboard), and any request for something that is not the app's own files
 * (no remote content, ever). Written against the small parts of Electron it uses, so tests can fake them.
 */
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './appProtocol.ts';

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
export type GuardedSession = {
  setPermissionRequestHandler: Session['setPermissionRequestHandler'];
  setPermissionCheckHandler: Session['setPermissionCheckHandler'];
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

export function guardWebContents(contents: GuardedContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Requests the app may make: its own scheme, devtools, and object URLs it created for downloads. */
export function requestAllowed(url: string): boolean {
  return isAppUrl(url) || url.startsWith('devtools://') || url.startsWith('blob:sipladder://app/') || url.startsWith('data:');
}

/** The one permission granted: writing text to the clipboard (the Mermaid export's "Copy"); reading it stays denied. */
export function permissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

export function hardenSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !requestAllowed(details.url) }));
}
