// The thread of setThreads.ts (bundled as dist/cli-sets.js): checks each set it is sent, and sends
// back what it found.

import { parentPort } from 'node:worker_threads';
import type { SetJob } from './setJob';
import { runSetJob } from './engine';

parentPort?.on('message', (job: SetJob) => parentPort!.postMessage(runSetJob(job)));
