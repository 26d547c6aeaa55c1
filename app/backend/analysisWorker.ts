/** Thread entry of the analysis worker (bundled to dist/app/analysisWorker.mjs): wires AnalysisHost (and LiveHost, for live captures) to the port. */
import { parentPort } from 'node:worker_threads';
import { AnalysisHost } from './analysisHost.ts';
import { fileChunks } from './fileChunks.ts';
import { LiveHost } from './liveHost.ts';
import { routeWorkerMessage } from './liveWorkerRouting.ts';
import { fileSpool } from './uploadSpool.ts';
import type { FromWorker, ToWorker } from './workerProtocol.ts';

const port = parentPort;
if (port === null) throw new Error('analysisWorker must run as a worker thread');
const host = new AnalysisHost((message: FromWorker) => port.postMessage(message), fileChunks, () => new Promise((resolve) => setImmediate(resolve)), () => fileSpool());
const live = new LiveHost((message: FromWorker) => port.postMessage(message), fileChunks);
port.on('message', (message: ToWorker) => {
  routeWorkerMessage(live, host, message);
  // Uploads spooled to a temporary file are gone now: tell the UI side it may end the thread.
  if (message.type === 'dispose') port.postMessage({ type: 'disposed' } satisfies FromWorker);
});
process.on('exit', () => host.dispose());
