/**
 * One worker thread, two hosts: live-capture messages (and every query while a live session is current) go to
 * LiveHost, the rest to AnalysisHost. Used by the worker entry (analysisWorker.ts) and, without a thread, by
 * tests (`inlineLiveAnalysis`, the same protocol delivered asynchronously like a real port).
 */
import { AnalysisHost, type OpenFile } from './analysisHost.ts';
import { LiveHost, type LiveHostOptions } from './liveHost.ts';
import type { WorkerHandle } from './workerPorts.ts';
import type { FromWorker, ToWorker } from './workerProtocol.ts';

export function routeWorkerMessage(live: LiveHost, host: AnalysisHost, message: ToWorker): void {
  if (!live.handle(message)) host.handle(message);
}

export function inlineLiveAnalysis(openFile: OpenFile, options: LiveHostOptions = {}): WorkerHandle {
  const toUi = new Set<(m: FromWorker) => void>();
  const post = (m: FromWorker): void => queueMicrotask(() => toUi.forEach((l) => l(m)));
  const host = new AnalysisHost(post, openFile);
  const live = new LiveHost(post, openFile, options);
  return {
    port: {
      postMessage: (message) => setTimeout(() => routeWorkerMessage(live, host, message), 0),
      onMessage: (listener) => toUi.add(listener),
    },
    onExit: () => undefined,
    terminate: async () => {
      live.handle({ type: 'dispose' });
      host.dispose();
    },
  };
}
