// Checks policy sets on several threads: a folder of several sets (a prefecture's towns, each its
// own set) is checked set by set on every core. Each thread takes the next set, largest first, as
// it finishes one; a thread that fails leaves its set to be checked here.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runSetJob, type SetJob, type SetOutcome } from './setJob';

/** The bundled thread (scripts/build.mjs), beside the engine; absent when run from the sources. */
const WORKER_FILE = join(__dirname, 'cli-sets.js');

/**
 * With `auto`, below this many bytes of files the sets are checked on this thread: each thread
 * starts cold (its own compiled code, its own heap), and the threads share the memory bandwidth
 * that the analysis, allocating some 90 bytes a byte read, is bound by. On the bench's machine
 * (2 cores) 5 sets of 2 MB took 4.0-5.0 s on two threads against 3.4-3.5 s on one, and peaked at
 * 200-215 MB instead of 127.
 */
export const THREADS_FROM_BYTES = 20_000_000;

/** --concurrency: `auto`, `off`, or a number of threads. */
export type Concurrency = 'auto' | 'off' | number;

/**
 * How many threads check sets of these sizes in bytes (1: this one alone); `file` is the thread's
 * script.
 */
export function threadsFor(concurrency: Concurrency, sizes: number[], file = WORKER_FILE): number {
  // A set without files is checked in no time: it keeps no thread busy.
  const sets = sizes.filter((size) => size > 0).length;
  if (!mayThread(concurrency, sets) || !existsSync(file)) return 1;
  if (typeof concurrency === 'number') return Math.min(concurrency, sets);
  if (sizes.reduce((a, b) => a + b, 0) < THREADS_FROM_BYTES) return 1;
  return Math.min(availableParallelism(), sets);
}

/**
 * Whether `concurrency` may give several threads to this many sets: what threadsFor asks first,
 * and all that can be asked before the sizes are known.
 */
export function mayThread(concurrency: Concurrency, sets: number): boolean {
  return concurrency !== 'off' && concurrency !== 1 && sets >= 2 && (concurrency !== 'auto' || availableParallelism() > 1);
}

/**
 * A thread started before its work is known: `check` starts one as soon as the configuration names
 * several sets, so that it starts and loads the engine (0.2 s) while the folder is listed and the
 * sets are planned. Handed to runSetJobs, or ended with endThread when the sets are checked here.
 */
export function startThread(file = WORKER_FILE): Worker | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const worker = new Worker(file);
    // Until it is given a set: its failure is told when it is (ask), never as an unhandled error.
    worker.on('error', () => undefined);
    worker.once('exit', () => ended.add(worker));
    worker.unref();
    return worker;
  } catch {
    return undefined;
  }
}

/** Started threads that have ended (failed, or endThread): runSetJobs passes them over. */
const ended = new WeakSet<Worker>();

export function endThread(worker: Worker | undefined): void {
  void worker?.terminate();
}

/**
 * The outcome of every job, in the order of `jobs`, `sizes` their sizes (the largest go first);
 * `file` is the thread's script, `started` threads startThread made (the others are made here).
 */
export async function runSetJobs(jobs: SetJob[], sizes: number[], threads: number, file = WORKER_FILE, started: Worker[] = []): Promise<SetOutcome[]> {
  const given = started.filter((w) => !ended.has(w));
  for (const w of given.splice(threads > 1 ? threads : 0)) endThread(w);
  if (threads <= 1) return jobs.map(runSetJob);
  const queue = jobs.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a]);
  const outcomes: (SetOutcome | undefined)[] = jobs.map(() => undefined);
  const left: number[] = [];
  await Promise.all(Array.from({ length: threads }, (_, t) => drain(file, jobs, queue, outcomes, left, given[t])));
  // What the threads could not check is checked here (the same function), one set after the other.
  for (const i of [...left, ...queue].sort((a, b) => a - b)) outcomes[i] = runSetJob(jobs[i]);
  return outcomes as SetOutcome[];
}

/** One thread: takes jobs from the queue until it is empty, or until the thread fails. */
async function drain(file: string, jobs: SetJob[], queue: number[], outcomes: (SetOutcome | undefined)[], left: number[], started?: Worker): Promise<void> {
  let worker: Worker | undefined = started;
  try {
    if (!worker) {
      worker = new Worker(file);
      // The thread keeps the command alive only while it has a set to check.
      worker.unref();
    }
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const at = i;
      try {
        outcomes[at] = await ask(worker, jobs[at]);
      } catch {
        left.push(at);
        return;
      }
    }
  } catch {
    // No thread could be started: what is left is checked in this one.
  } finally {
    void worker?.terminate();
  }
}

/** The thread's answer to one job; rejected when it fails or ends first. */
function ask(worker: Worker, job: SetJob): Promise<SetOutcome> {
  return new Promise<SetOutcome>((resolve, reject) => {
    const done = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
    };
    const onMessage = (outcome: SetOutcome): void => { done(); resolve(outcome); };
    const onError = (e: Error): void => { done(); reject(e); };
    const onExit = (code: number): void => { done(); reject(new Error(`thread exited with ${code}`)); };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    worker.postMessage(job);
  });
}
