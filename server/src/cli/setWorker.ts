// The thread of setThreads.ts (bundled as dist/cli-sets.js): sent a folder's sets once, it checks
// each set it takes from them (setShare.ts) and sends back what it found.

import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { loadBundle } from './codeCache';
import { claim, type SetAnswer, type SetShare } from './setShare';

// The engine with its code cache, as the command's own thread loads it (codeCache.ts).
const { runSetJob } = loadBundle(join(__dirname, 'cli-engine.js')).exports as typeof import('./engine');

// No full collection between sets: one run when nothing of the last set is alive any more lets
// V8 drop the hidden classes and closures its optimised code was made for, and the next set then
// compiles most of the analysis again (10 MB set, in one thread: 150-165 optimising compiles and
// 1.3-1.7 s of compiler time per later set, against 60-100 and 0.45-1.1 s without). At 50 MB on two
// threads, medians of five runs: 7.05 s against 7.90, peak RSS 416 MB against 342.
parentPort?.on('message', (share: SetShare) => {
  const answer = (a: SetAnswer): void => parentPort!.postMessage(a);
  for (let at = claim(share); at !== undefined; at = claim(share)) answer({ at, outcome: runSetJob(share.jobs[at]) });
  answer({ done: true });
});
