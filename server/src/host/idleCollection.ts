// Gives memory back to the system once the server is idle after work that left much garbage.

import { getHeapStatistics } from 'node:v8';
import { fullCollection } from './heap';

export interface IdleCollectionOptions {
  /** Runs a full collection. */
  collect: () => void;
  /** Bytes of heap in use now. */
  heapUsed: () => number;
  /** Quiet time after the last work before collecting. */
  idleMs: number;
  /** Collect only if the heap in use grew this much since the last collection. */
  growthBytes: number;
  /** Told the heap in use before and after each collection, in bytes, and how long it took. */
  collected?: (before: number, after: number, ms: number) => void;
  /** Timers, given by tests. */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const IDLE_MS = 2_000;
export const GROWTH_BYTES = 16 * 1024 * 1024;

/**
 * V8 collects the old generation only when it reaches a limit set after the last collection,
 * and keeps the young generation at the size the first indexing grew it to. So an idle server
 * that had indexed a 10 MB set held 190 MB, and 280 MB after 200 keystrokes, where 80 MB of
 * heap was live. One full collection once the server is idle frees the garbage at once and
 * starts V8's memory reducer, which after some more quiet (13 to 40 s in the bench) shrinks the
 * young generation and compacts the heap (10 MB set: 133 MB). The collection takes 30 to 40 ms
 * there, 110 ms at 50 MB: the price of a keystroke typed just then.
 */
export class IdleCollection {
  private timer: unknown;
  private baseline: number;

  constructor(private readonly options: IdleCollectionOptions) {
    this.baseline = options.heapUsed();
  }

  /** Says the server has just done some work: the quiet time starts again. */
  worked(): void {
    const { setTimer = unrefTimer, clearTimer = (t: unknown) => clearTimeout(t as NodeJS.Timeout) } = this.options;
    if (this.timer !== undefined) clearTimer(this.timer);
    this.timer = setTimer(() => this.idle(), this.options.idleMs);
  }

  private idle(): void {
    this.timer = undefined;
    const before = this.options.heapUsed();
    if (before - this.baseline < this.options.growthBytes) return;
    const start = performance.now();
    this.options.collect();
    const ms = performance.now() - start;
    this.baseline = this.options.heapUsed();
    this.options.collected?.(before, this.baseline, ms);
  }
}

/** A timer that does not keep the process alive. */
function unrefTimer(run: () => void, ms: number): NodeJS.Timeout {
  return setTimeout(run, ms).unref();
}

/** The server's idle collection, or undefined when V8's collection cannot be had (see heap.ts). */
export function idleCollection(collected?: IdleCollectionOptions['collected']): IdleCollection | undefined {
  const collect = fullCollection();
  if (!collect) return undefined;
  return new IdleCollection({ collect, collected, heapUsed: () => getHeapStatistics().used_heap_size, idleMs: IDLE_MS, growthBytes: GROWTH_BYTES });
}
