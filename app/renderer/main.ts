/** Renderer entry (bundled to dist/app/renderer/app.js): connects to the backend and starts the UI. */
import { connectApi } from './api/rendererApi.ts';
import { App } from './app.ts';

function start(): void {
  new App(connectApi());
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
