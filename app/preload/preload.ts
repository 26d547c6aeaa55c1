/** Sandboxed preload (bundled to dist/app/preload.cjs): exposes the validated API as window.sipladder. */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildPreloadApi } from './preloadApi.ts';

contextBridge.exposeInMainWorld('sipladder', buildPreloadApi(ipcRenderer, webUtils));
