// What the server collects while it waits: the young generation between keystrokes, so that a
// keystroke does not pay for a scavenge, and everything once it is quiet, to give memory back.

import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { fullCollection, youngCollection } from './heap';

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
    const { setTimer = unrefTimer, clearTimer = clearUnrefTimer } = this.options;
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

function clearUnrefTimer(timer: unknown): void {
  clearTimeout(timer as NodeJS.Timeout);
}

/** The server's idle collection, or undefined when V8's collection cannot be had (see heap.ts). */
export function idleCollection(collected?: IdleCollectionOptions['collected']): IdleCollection | undefined {
  const collect = fullCollection();
  if (!collect) return undefined;
  return new IdleCollection({ collect, collected, heapUsed: () => getHeapStatistics().used_heap_size, idleMs: IDLE_MS, growthBytes: GROWTH_BYTES });
}

export interface YoungSpace {
  /** Bytes the young generation holds now. */
  used: number;
  /** Bytes it can still take. */
  available: number;
}

export interface YoungCollectionOptions {
  /** Scavenges the young generation. */
  collect: () => void;
  space: () => YoungSpace;
  /** Quiet time after work before looking: more than the gap between the messages of one burst. */
  idleMs: number;
  /** Told the young generation's bytes in use before and after each scavenge, and how long it took. */
  collected?: (before: number, after: number, ms: number) => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const YOUNG_IDLE_MS = 10;

/** How many of the last pieces of work the room left must be enough for. */
const REMEMBERED = 4;

/**
 * How full the young generation may get before V8 scavenges at its next chance: its scavenge task
 * (`--minor-gc-task-trigger`, 80 %), which runs between two callbacks of the event loop, so in the
 * middle of a keystroke whose analysis awaits.
 */
const FULL_ENOUGH = 0.8;

/**
 * A keystroke in a 200 KB file allocates some 6 MB, nearly all of it dead by the next, and V8
 * scavenged when its 16 MB young generation was full enough: in the middle of one keystroke in two
 * or three, which answered 4-6 ms later (the server's p95 was such a keystroke). People leave tens
 * of milliseconds between keys, where the server waits. So once it has waited idleMs after work, it
 * scavenges then if what the largest of the last few pieces of work allocated would not fit: the
 * next keystroke starts with room for itself. Work that comes first puts it off; it never adds a
 * scavenge to work under way. Edits sent back to back, with no wait, keep V8's own timing.
 */
export class YoungCollection {
  private timer: unknown;
  private usedAfter: number | undefined;
  private readonly took: number[] = [];
  private failed = false;

  constructor(private readonly options: YoungCollectionOptions) {}

  /** Says the server has just done some work and now waits. */
  worked(): void {
    const { used } = this.options.space();
    // Less than after the last work: V8 scavenged meanwhile, and the difference says nothing.
    if (this.usedAfter !== undefined && used > this.usedAfter) {
      this.took.push(used - this.usedAfter);
      if (this.took.length > REMEMBERED) this.took.shift();
    }
    this.usedAfter = used;
    this.busy();
    this.timer = (this.options.setTimer ?? unrefTimer)(() => this.idle(), this.options.idleMs);
  }

  /** Says work has come in: a scavenge now would only delay it. */
  busy(): void {
    if (this.timer === undefined) return;
    (this.options.clearTimer ?? clearUnrefTimer)(this.timer);
    this.timer = undefined;
  }

  private idle(): void {
    this.timer = undefined;
    const need = Math.max(0, ...this.took);
    const { used, available } = this.options.space();
    if (this.failed || need === 0 || used + need <= (used + available) * FULL_ENOUGH) return;
    const start = performance.now();
    try {
      this.options.collect();
    } catch {
      // A runtime whose `gc` takes no options: V8 keeps its own timing, and the server goes on.
      this.failed = true;
      return;
    }
    const ms = performance.now() - start;
    this.usedAfter = this.options.space().used;
    this.options.collected?.(used, this.usedAfter, ms);
  }
}

/** The server's scavenges between keystrokes, or undefined when V8's collection cannot be had. */
export function youngCollectionBetweenEdits(collected?: YoungCollectionOptions['collected']): YoungCollection | undefined {
  const collect = youngCollection();
  if (!collect) return undefined;
  return new YoungCollection({ collect, collected, space: youngSpace, idleMs: YOUNG_IDLE_MS });
}

function youngSpace(): YoungSpace {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return { used: space?.space_used_size ?? 0, available: space?.space_available_size ?? 0 };
}
