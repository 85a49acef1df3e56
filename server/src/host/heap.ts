// How V8 and the C library should treat the analysis: flags set once at process start by each
// entry point (memory, and a bound on regular expressions), and what the server's environment should say.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * --no-allocation-site-pretenuring: while a folder is first indexed every fact lives on, so V8
 * learns that the analysis allocates long-lived objects and from then on allocates them straight
 * in the old generation, the short-lived intermediates of each later keystroke included: the
 * server's heap then grew by megabytes a keystroke until a full collection (10 MB set: 350 MB
 * promoted over 200 keystrokes; 87 MB without, and keystrokes faster). The cold check gains too.
 *
 * --expose-gc: the server collects once it is idle after work (see idleCollection.ts).
 *
 * --max-semi-space-size=16: what V8 picks on a large machine, said so that a smaller one keeps it.
 * A keystroke in a 200 KB file allocates some 8 MB, most of it dead by the next: semi-spaces of
 * 16 MB collect that once where 8 MB did twice, and the facts that survive are copied once
 * (10 MB set, five runs each, alternating: keystroke p50 19-24 ms instead of 22-25, p95 27-34
 * instead of 28-36; RSS while busy 189 MB instead of 177, and settled after indexing 189 instead
 * of 152 in the bench). 8 had been chosen for that memory when a keystroke allocated more. A quarter made the peak 372 MB and p95 30 ms.
 * V8 reads it as the process starts only.
 *
 * The VS Code client passes these on the server's command line.
 *
 * --enable-experimental-regexp-engine-on-excessive-backtracks: see below.
 */
export const NODE_FLAGS: readonly string[] = [
  '--no-allocation-site-pretenuring', '--expose-gc', '--max-semi-space-size=16',
  // A workspace's prh dictionary may hold a pattern such as /(a+)+$/ that backtracks for ever on a
  // line of a's: past a bound, V8 runs it again on its linear-time engine (1 ms instead of a hang).
  '--enable-experimental-regexp-engine-on-excessive-backtracks',
];

/**
 * What the `policy-trace` command starts node with (bin/policy-trace.js's first line, kept equal by
 * a test): a check keeps every fact of a set alive, so V8 grows the young generation to 32 MB,
 * which then sits empty beside them. 4 MB semi-spaces: 10 MB set, peak RSS 197 MB instead of
 * 215, as fast (2 MB: 212 MB, and slower). `node bin/policy-trace.js` runs without them.
 *
 * --max-inlined-bytecode-size-cumulative=200: V8's optimising compiler inlines up to
 * 920 bytes of bytecode into each function it compiles, and a check compiles some 250 functions
 * (again in each thread): 1.8-2.6 s of compiling for a 10 MB set, on a core the other thread of a
 * 50 MB check needs. With less inlined, the compiling takes 1.0-1.9 s and the analysis runs as fast.
 *
 * --single-threaded-gc: V8 collects on the thread that allocates, without parallel scavenges,
 * concurrent marking or sweeping. A check keeps every core busy with sets of its own (two threads
 * for five sets of 10 MB), and there the helper threads took a core's share of their own while
 * saving nothing: 50 MB, medians of five runs, 6.46 s against 6.85 s, CPU 11.1 s against 11.8 s,
 * peak RSS 383 MB against 464 MB; 10 MB on one thread, with a core to spare: 2.10 s against 2.09 s.
 * Only at start: set later, V8's C++ heap fails a check in its next full collection. So
 * `policy-trace lsp` runs with it too, a keystroke a millisecond or two slower (10 MB set, over the
 * protocol: p50 21 against 19-21 ms, p95 27-28 against 26); the VS Code client starts
 * dist/server.js with NODE_FLAGS.
 */
export const CLI_START_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--max-inlined-bytecode-size-cumulative=200', '--single-threaded-gc'];

/** Flags that do nothing once V8 has made its heap: not set at run time. */
const AT_START_ONLY: ReadonlySet<string> = new Set(['--max-semi-space-size=16']);

/**
 * MALLOC_ARENA_MAX=2: glibc gives each thread that calls malloc an arena of its own, and V8's
 * background threads (compiling, marking, sweeping) each keep megabytes in theirs that the server
 * does not get back. Two arenas: 8-11 MB less RSS with a 10 MB set indexed, the same speed.
 * Read by glibc at process start, so only a launcher can set it: the VS Code client does.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/**
 * The flags to set at run time: those not given on the command line. None under Electron, whose
 * V8 may have frozen its flags (setting one then is a fatal error, not an exception).
 */
export function flagsToSet(execArgv: readonly string[], versions: Readonly<Record<string, string | undefined>>): string[] {
  if (versions.electron) return [];
  return NODE_FLAGS.filter((f) => !execArgv.includes(f) && !AT_START_ONLY.has(f));
}

let flagsSet = false;

export function tuneHeap(): void {
  for (const flag of flagsToSet(process.execArgv, process.versions)) setFlagsFromString(flag);
  flagsSet = true;
}

/**
 * V8's full collection, or undefined when it cannot be had: `gc` when --expose-gc was on the
 * command line; after tuneHeap() set the flag at run time, a new context has the function.
 */
export function fullCollection(): (() => void) | undefined {
  return exposedGc();
}

/** V8's collection of the young generation only (a scavenge), when `gc` can be had as above. */
export function youngCollection(): (() => void) | undefined {
  const gc = exposedGc();
  return gc && (() => gc({ type: 'minor' }));
}

type Gc = (options?: { type: 'minor' | 'major' }) => void;

function exposedGc(): Gc | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as Gc;
  if (!flagsSet || process.versions.electron) return undefined;
  const made: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof made === 'function' ? made as Gc : undefined;
}
