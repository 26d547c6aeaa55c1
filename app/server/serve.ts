/**
 * Starts everything `sipladder serve` needs: the analysis worker, the backend, the local server, and
 * (optionally) the capture given on the command line and a browser tab. Used by cli/commands/serve.ts
 * and by app/start.mjs's fallback when no Electron binary exists.
 */
import { AnalysisBackend } from '../backend/analysisBackend.ts';
import { LiveCapture, type LiveCaptureConfig } from '../backend/liveCapture.ts';
import { spawnAnalysisWorker, type WorkerHandle } from '../backend/workerPorts.ts';
import { type AppDist, findAppDist } from './appDist.ts';
import { type RunningServer, startLocalServer } from './localServer.ts';
import { openInBrowser } from './openBrowser.ts';
import { loadStaticFiles } from './staticFiles.ts';

export interface ServeOptions {
  /** A capture path, or a stream (standard input) with its display name. */
  file?: string;
  stream?: { name: string; chunks: AsyncIterable<Uint8Array> };
  /** Capture live on interfaces (`--capture`); fails at start with the CLI's CaptureError when the tool cannot. */
  live?: LiveCaptureConfig;
  port: number;
  open: boolean;
  version: string;
  dist?: AppDist;
  /** For tests: run the analysis in this thread instead of a worker. */
  worker?: WorkerHandle;
  log?: (line: string) => void;
}

export interface Serving {
  server: RunningServer;
  backend: AnalysisBackend;
  live: LiveCapture | undefined;
  /** A browser was asked to open the page. */
  browserOpened: boolean;
  close(): Promise<void>;
}

export class ServeSetupError extends Error {}

export async function startServe(options: ServeOptions): Promise<Serving> {
  const dist = options.dist ?? findAppDist();
  if (dist === undefined) throw new ServeSetupError('the app is not built: run `npm run build` (or `node app/build.mjs`) first');
  const worker = options.worker ?? spawnAnalysisWorker(dist.worker);
  const backend = new AnalysisBackend(worker.port);
  worker.onExit((reason) => backend.fail(reason));
  let server: RunningServer;
  let live: LiveCapture | undefined;
  try {
    if (options.live !== undefined) live = await LiveCapture.start(backend, options.live);
    if (options.file !== undefined) await backend.openPath(options.file);
    else if (options.stream !== undefined) void backend.openStream(options.stream.name, null, options.stream.chunks).done.catch(() => undefined);
    server = await startLocalServer({
      backend, staticFiles: loadStaticFiles(dist.renderer), port: options.port, version: options.version,
      ...(options.log ? { log: options.log } : {}), ...(live ? { live } : {}),
    });
  } catch (error) {
    await live?.close();
    await worker.terminate();
    throw error;
  }
  const cleanup = options.open ? openInBrowser(server.url) : undefined;
  return {
    server, backend, live, browserOpened: cleanup !== undefined,
    close: async () => {
      cleanup?.();
      await live?.close();
      await server.close();
      await worker.terminate();
    },
  };
}
