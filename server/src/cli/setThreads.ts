// Checks policy sets on several threads: a folder of several sets (a prefecture's towns, each its
// own set) is checked set by set on every core, this thread being one of them. Each thread takes
// the next set, largest first, as it finishes one (setShare.ts); a thread that fails leaves its
// set to be checked here.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { runSetJob, type SetJob, type SetOutcome } from './setJob';
import { claim, newShare, type SetAnswer, type SetShare } from './setShare';

/** The bundled thread (scripts/build.mjs), beside the engine; absent when run from the sources. */
const WORKER_FILE = join(__dirname, 'cli-sets.js');

/**
 * With `auto`, below this many bytes of files the sets are checked on this thread alone: another
 * thread starts cold (its own compiled code, its own heap) and the two share the memory bandwidth
 * that the analysis, allocating some 65 bytes a byte read, is bound by. On the bench's machine
 * (2 cores, this thread checking sets beside the other): five sets of 2 MB took 2.05-2.08 s on two
 * threads against 2.24-2.37 s on one, peaking at 178-180 MB instead of 116-118; two sets of 4 MB,
 * 1.73-1.81 s against 1.69-1.82 s; two of 5 MB, 2.03-2.48 s against 2.13-2.99 s at 210 MB instead
 * of 150. A tenth at most, for a third more memory.
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
  if (concurrency === 'auto' && sizes.reduce((a, b) => a + b, 0) < THREADS_FROM_BYTES) return 1;
  return mostThreads(concurrency, sets);
}

/** The threads threadsFor gives this many sets when they are large enough to be threaded. */
export function mostThreads(concurrency: Concurrency, sets: number): number {
  return Math.min(typeof concurrency === 'number' ? concurrency : availableParallelism(), sets);
}

/**
 * Whether `concurrency` may give several threads to this many sets: what threadsFor asks first,
 * and all that can be asked before the sizes are known.
 */
export function mayThread(concurrency: Concurrency, sets: number): boolean {
  return concurrency !== 'off' && concurrency !== 1 && sets >= 2 && (concurrency !== 'auto' || availableParallelism() > 1);
}

/**
 * Whether threads started now should compile V8's optimised code on their own thread rather than
 * hand it to V8's helper threads: so when `threads` threads check sets (this one among them) and
 * no core is left over. The helpers then had no core of their own, and a thread ran its
 * unoptimised code while its compiles waited for one. 50 MB in five sets on two cores, alternating
 * (medians of eight and ten runs): 4.82 against 5.22 s and 4.88 against 5.56 s, 16 of 18 runs
 * faster, CPU 9.1 against 9.6 s; the built command, 5.11 against 5.56 s. This thread keeps its
 * helpers: with its own compiles on its own thread as well, 5.17 s; and where a core is left over,
 * the helpers have it (10 MB on one thread compiling on its own: 2.42 against 2.19 s).
 */
export function compilesOnOwnThread(threads: number, cores = availableParallelism()): boolean {
  return threads >= cores;
}

/**
 * V8 reads the flag as a thread's engine starts, not after: this thread's compiling is not changed,
 * and neither is that of threads already started. It stays set for the rest of the run. Node warns
 * that flags changed at run time may do anything; this one decides only whether a starting engine
 * gets its compiling helpers (Node 20's V8), and test/unit/setThreads.test.ts holds, from V8's own
 * trace, what it does to both threads.
 */
function newWorker(file: string, threads: number): Worker {
  if (compilesOnOwnThread(threads)) setFlagsFromString('--no-concurrent-recompilation');
  return new Worker(file);
}

/**
 * A thread of `file`, undefined when none can be started (its sets are then checked here). `check`
 * also starts one before its work is known, as soon as the configuration names several sets, so
 * that it starts and loads the engine (0.2 s) while the folder is listed and the sets are planned:
 * handed to runSetJobs, or ended with endThread when the sets are checked here. `threads`: how many
 * threads the sets take, or would if they are large enough (see compilesOnOwnThread).
 */
export function startThread(threads: number, file = WORKER_FILE): Worker | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const worker = newWorker(file, threads);
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
 * `threads` counts this one, which checks sets as the others do; `file` is the other threads'
 * script, `started` threads startThread made (the others are made here); `here` checks a set on
 * this thread (a test makes it slower, to see the other threads take their sets).
 *
 * This thread takes part rather than waiting for the others to answer: with one thread per core
 * beside it, every set was checked on a thread started cold (compiling the analysis again, and its
 * outcome copied over), and this thread's core was shared among them (50 MB, five sets on two
 * cores, medians of six alternating runs: 6.32-6.39 s against 6.64-6.96 s, CPU 10.9-11.0 s against
 * 11.7-12.0 s).
 */
export async function runSetJobs(jobs: SetJob[], sizes: number[], threads: number, file = WORKER_FILE, started: Worker[] = [], here = runSetJob): Promise<SetOutcome[]> {
  const given = started.filter((w) => !ended.has(w));
  for (const w of given.splice(Math.max(0, threads - 1))) endThread(w);
  if (threads <= 1) return jobs.map((job) => here(job));
  const share = newShare(jobs, jobs.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a]));
  const outcomes: (SetOutcome | undefined)[] = jobs.map(() => undefined);
  // This thread's first set is taken before the others are told of the list: which thread checks
  // which set then depends on their speed only after the first.
  let mine = claim(share);
  const workers = Array.from({ length: threads - 1 }, (_, t) => given[t] ?? startThread(threads, file));
  const others = workers.map((worker) => helpWith(worker, share, outcomes));
  try {
    for (; mine !== undefined; mine = claim(share)) {
      outcomes[mine] = here(jobs[mine]);
      // The others' answers are taken in between, so that none waits to be read at the end.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(others);
  } finally {
    for (const worker of workers) endThread(worker);
  }
  // What a thread took and could not check (it failed, or ended) is checked here.
  for (let i = 0; i < jobs.length; i++) outcomes[i] ??= here(jobs[i]);
  return outcomes as SetOutcome[];
}

/**
 * One other thread: sent the list once, it answers each set it takes, until it has taken the last
 * or ends (an error ends it: its 'exit' follows).
 */
function helpWith(thread: Worker | undefined, share: SetShare, outcomes: (SetOutcome | undefined)[]): Promise<void> {
  if (!thread) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const finish = (): void => {
      thread.off('message', onMessage);
      thread.off('exit', finish);
      resolve();
    };
    const onMessage = (answer: SetAnswer): void => {
      if ('done' in answer) finish();
      else outcomes[answer.at] = answer.outcome;
    };
    thread.on('message', onMessage);
    thread.on('exit', finish);
    thread.ref();
    thread.postMessage(share);
  });
}
