// The thread of setThreads.ts (bundled as dist/cli-sets.js): checks each set it is sent, and sends
// back what it found.

import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { SetJob } from './setJob';
import { loadBundle } from './codeCache';

// The engine with its code cache, as the command's own thread loads it (codeCache.ts).
const { fullCollection, runSetJob } = loadBundle(join(__dirname, 'cli-engine.js')).exports as typeof import('./engine');

// What a set left is collected before the next set is read: the thread then holds one set at a time.
const collect = fullCollection();

parentPort?.on('message', (job: SetJob) => {
  parentPort!.postMessage(runSetJob(job));
  collect?.();
});
