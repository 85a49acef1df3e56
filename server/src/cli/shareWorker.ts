// The worker-thread side of a parallel check: takes one share of sets, gives back its result.
// dist/cli-engine.js is the worker's script; it serves when started with SHARE_WORKER in its data.

import { parentPort, workerData } from 'node:worker_threads';
import { checkShare, type ShareJob } from './setShare';

export const SHARE_WORKER = 'policy-trace-share';

/** Serves the share the main thread posts, if this thread is a share worker. */
export function serveShareIfWorker(): void {
  const port = parentPort;
  if (!port || workerData !== SHARE_WORKER) return;
  port.once('message', (job: ShareJob) => port.postMessage(checkShare(job)));
}
