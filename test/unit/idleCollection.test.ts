// The idle collection's timing and threshold, with a fake clock and heap; the real collection is
// tested through the server (test/protocol/memory.test.ts) and below in a plain Node process.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { IdleCollection } from '../../server/src/host/idleCollection';

class FakeClock {
  now = 0;
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  set = (run: () => void, ms: number): number => { const id = this.next++; this.timers.set(id, { at: this.now + ms, run }); return id; };
  clear = (id: unknown): void => { this.timers.delete(id as number); };
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
    }
    this.now = until;
  }
}

function setup(growthBytes = 100) {
  const clock = new FakeClock();
  const log: string[] = [];
  const heap = { used: 1000 };
  const idle = new IdleCollection({
    collect: () => { log.push(`collect at ${clock.now}`); heap.used = 1010; },
    collected: (before, after, ms) => { assert.ok(ms >= 0); log.push(`${before} -> ${after}`); },
    heapUsed: () => heap.used,
    idleMs: 2000,
    growthBytes,
    setTimer: clock.set,
    clearTimer: clock.clear,
  });
  return { clock, log, heap, idle };
}

describe('idle collection', () => {
  it('collects once the server has been quiet for idleMs after work that grew the heap', () => {
    const { clock, log, heap, idle } = setup();
    heap.used = 1500;
    idle.worked();
    clock.advance(1999);
    assert.deepEqual(log, []);
    clock.advance(1);
    assert.deepEqual(log, ['collect at 2000', '1500 -> 1010']);
    clock.advance(10_000);
    assert.equal(log.length, 2);
  });

  it('starts the quiet time again at each piece of work', () => {
    const { clock, log, heap, idle } = setup();
    heap.used = 5000;
    for (let i = 0; i < 5; i++) { idle.worked(); clock.advance(1500); }
    assert.deepEqual(log, []);
    clock.advance(500);
    assert.deepEqual(log, ['collect at 8000', '5000 -> 1010']);
  });

  it('does not collect when the heap grew less than growthBytes since the last collection', () => {
    const { clock, log, heap, idle } = setup();
    heap.used = 1099;
    idle.worked();
    clock.advance(5000);
    assert.deepEqual(log, []);
    heap.used = 1100;
    idle.worked();
    clock.advance(2000);
    assert.deepEqual(log, ['collect at 7000', '1100 -> 1010']);
    // Measured from what the collection left (1010), not from the start.
    heap.used = 1109;
    idle.worked();
    clock.advance(2000);
    assert.equal(log.length, 2);
    heap.used = 1110;
    idle.worked();
    clock.advance(2000);
    assert.deepEqual(log.slice(2), ['collect at 11000', '1110 -> 1010']);
  });

  it('gets a working full collection in a Node process started without --expose-gc', () => {
    const script = `
      const { tuneHeap, fullCollection } = require('./server/src/host/heap.ts');
      const before = fullCollection();
      tuneHeap();
      const gc = fullCollection();
      let junk = []; for (let i = 0; i < 200000; i++) junk.push({ i, s: 'x' + i });
      const used = () => require('node:v8').getHeapStatistics().used_heap_size;
      const full = used(); junk = undefined; gc();
      console.log(JSON.stringify({ before: typeof before, gc: typeof gc, freedMiB: Math.floor((full - used()) / 1048576) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' })) as { before: string; gc: string; freedMiB: number };
    assert.equal(out.before, 'undefined');
    assert.equal(out.gc, 'function');
    assert.ok(out.freedMiB >= 5, `freed ${out.freedMiB} MiB`);
  });
});
