/**
 * Electron main (bundled to dist/app/main.cjs): one window showing the renderer from the private app
 * scheme, hardened (sandbox, context isolation, no Node, no navigation, no new windows, no remote
 * requests, CSP on every response); the analysis runs in a worker thread. Logic lives in the modules
 * it wires, which are unit-tested without Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnalysisBackend } from '../backend/analysisBackend.ts';
import { spawnAnalysisWorker } from '../backend/workerPorts.ts';
import { PROGRESS_IPC_CHANNEL } from '../shared/ipcContract.ts';
import { APP_SCHEME, APP_URL, appProtocolResponse } from './appProtocol.ts';
import { captureFromArgv } from './commandLine.ts';
import { desktopHandlers } from './desktopNative.ts';
import { registerIpcHandlers } from './ipcHandlers.ts';
import { RecentFiles } from './recentFiles.ts';
import { saveFileHandler } from './saveDialog.ts';
import { guardWebContents, hardenSession } from './webGuards.ts';
import { mainWindowOptions } from './windowOptions.ts';
import { menuTemplate } from './appMenu.ts';

const distDir = __dirname;
const rendererDir = join(distDir, 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => {
    const r = appProtocolResponse(request.url, rendererDir, (path) => {
      try {
        return readFileSync(path);
      } catch {
        return undefined;
      }
    });
    return new Response(r.body as BodyInit, { status: r.status, headers: r.headers });
  });
  const worker = spawnAnalysisWorker(join(distDir, 'analysisWorker.mjs'));
  const backend = new AnalysisBackend(worker.port);
  worker.onExit((reason) => backend.fail(reason));
  const recentPath = join(app.getPath('userData'), 'recent.json');
  const recent = new RecentFiles({
    read: () => {
      try {
        return readFileSync(recentPath, 'utf8');
      } catch {
        return undefined;
      }
    },
    write: (text) => writeFileSync(recentPath, text, { mode: 0o600 }),
  });
  const native = desktopHandlers(backend, dialog, recent, saveFileHandler(dialog, (path, data) => writeFile(path, data)));
  registerIpcHandlers(ipcMain, { backend, native, capabilities: { mode: 'electron', nativeDialogs: true, version: app.getVersion() } });

  const win = new BrowserWindow(mainWindowOptions(join(distDir, 'preload.cjs')));
  backend.onProgress((event) => {
    if (!win.isDestroyed()) win.webContents.send(PROGRESS_IPC_CHANNEL, event);
  });
  const open = (path: string | undefined): void => {
    if (path !== undefined) native.openPathAndRemember(path).catch((e: Error) => dialog.showErrorBox('Cannot open the capture', e.message));
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(() => void native.openDialog?.(), () => app.quit())));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL).then(() => open(captureFromArgv(process.argv, app.isPackaged)));
  app.on('second-instance', (_e, argv) => {
    open(captureFromArgv(argv, app.isPackaged));
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    open(path);
  });
  app.on('window-all-closed', () => {
    void worker.terminate();
    app.quit();
  });
}).catch((error: Error) => {
  dialog.showErrorBox('sipladder could not start', error.message);
  app.quit();
});
