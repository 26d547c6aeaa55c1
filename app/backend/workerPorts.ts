/**
 * Two ways to run the analysis: a worker thread (production: the UI thread never parses) and in the same
 * thread (unit tests, which cannot load TypeScript into a worker). Both speak workerProtocol.
 */
import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AnalysisHost, type OpenFile } from './analysisHost.ts';
import type { FromWorker, PortLike, ToWorker } from './workerProtocol.ts';

const DISPOSE_WAIT_MS = 1000;

export interface WorkerHandle {
  port: PortLike<FromWorker, ToWorker>;
  /** Called once if the worker dies (crash, out of memory). */
  onExit(listener: (reason: string) => void): void;
  terminate(): Promise<void>;
}

/** Heap for the worker: a million-message capture needs several GB of records; allow ¾ of the machine's memory. */
export function defaultWorkerHeapMb(totalBytes = totalmem()): number {
  return Math.max(2048, Math.floor((totalBytes / 2 ** 20) * 0.75));
}

export function spawnAnalysisWorker(scriptPath: string, maxOldGenerationSizeMb = defaultWorkerHeapMb()): WorkerHandle {
  // A larger young generation means fewer scavenges while records pour in (GC dominated the profile).
  const worker = new Worker(scriptPath, { resourceLimits: { maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 64 } });
  worker.unref();
  return {
    port: {
      postMessage: (message, transfer) => worker.postMessage(message, transfer ?? []),
      onMessage: (listener) => worker.on('message', listener),
    },
    onExit: (listener) => {
      worker.once('error', (e) => listener(`analysis worker failed: ${e.message}`));
      worker.once('exit', (code) => listener(`analysis worker exited (${code})`));
    },
    terminate: async () => {
      // Let the worker remove its temporary files (spooled uploads) first; end it anyway after a moment.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, DISPOSE_WAIT_MS);
        worker.on('message', (m: FromWorker) => {
          if (m.type !== 'disposed') return;
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage({ type: 'dispose' } satisfies ToWorker);
      });
      await worker.terminate();
    },
  };
}

/** The same protocol without a thread: messages are delivered asynchronously, like a real port. */
export function inlineAnalysis(openFile: OpenFile): WorkerHandle {
  const toUi = new Set<(m: FromWorker) => void>();
  const host = new AnalysisHost((m) => queueMicrotask(() => toUi.forEach((l) => l(m))), openFile);
  return {
    port: {
      postMessage: (message) => setTimeout(() => host.handle(message), 0),
      onMessage: (listener) => toUi.add(listener),
    },
    onExit: () => undefined,
    terminate: async () => host.dispose(),
  };
}
