// How the threads of `check` share out the sets of a folder: every thread, the command's own
// among them, is given the whole list and takes the next set from one counter in shared memory,
// so a thread goes on to its next set without waiting for the command's thread to hand it one
// (that thread is itself checking a set, and hears its messages only between sets).

import type { SetJob, SetOutcome } from './setJob';

/** What a thread is sent once: the jobs, the order to take them in (largest first), the counter. */
export interface SetShare {
  jobs: SetJob[];
  order: number[];
  /** One Int32 over a SharedArrayBuffer: how many of `order` have been taken. */
  next: Int32Array;
}

/** What a thread sends back: each set it checked, then that it took its last one. */
export type SetAnswer = { at: number; outcome: SetOutcome } | { done: true };

export function newShare(jobs: SetJob[], order: number[]): SetShare {
  return { jobs, order, next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) };
}

/** The index (into `jobs`) of the next set no thread has taken, or undefined when all are taken. */
export function claim(share: SetShare): number | undefined {
  const k = Atomics.add(share.next, 0, 1);
  return k < share.order.length ? share.order[k] : undefined;
}
