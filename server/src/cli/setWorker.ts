// The thread of setThreads.ts (bundled as dist/cli-sets.js): checks each set it is sent, and sends
// back what it found.

import { parentPort } from 'node:worker_threads';
import type { SetJob } from './setJob';
import { fullCollection, runSetJob } from './engine';

// What a set left is collected before the next set is read: the thread then holds one set at a time.
const collect = fullCollection();

parentPort?.on('message', (job: SetJob) => {
  parentPort!.postMessage(runSetJob(job));
  collect?.();
});
