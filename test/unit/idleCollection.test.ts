// The idle collection's timing and threshold, with a fake clock and heap; the real collection is
// tested through the server (test/protocol/memory.test.ts) and below in a plain Node process.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { IdleCollection, YoungCollection } from '../../server/src/host/idleCollection';

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

describe('young collection between edits', () => {
  /** A young generation of 1000 bytes: V8 would scavenge past 800 (its scavenge task). */
  function young() {
    const clock = new FakeClock();
    const log: string[] = [];
    const space = { used: 0, available: 1000 };
    const grow = (bytes: number) => { space.used += bytes; space.available -= bytes; };
    const collection = new YoungCollection({
      collect: () => { log.push(`collect at ${clock.now}`); space.available += space.used - 50; space.used = 50; },
      collected: (before, after) => log.push(`${before} -> ${after}`),
      space: () => ({ ...space }),
      idleMs: 10,
      setTimer: clock.set,
      clearTimer: clock.clear,
    });
    return { clock, log, grow, collection };
  }

  it('scavenges once idle when the next piece of work would not fit, so that it starts with room', () => {
    const { clock, log, grow, collection } = young();
    collection.worked(); // the first work: nothing learnt of what work takes
    clock.advance(100);
    grow(300);
    collection.worked(); // 300 used, work takes 300: 600 fits under 800
    clock.advance(100);
    assert.deepEqual(log, []);
    grow(300);
    collection.worked(); // 600 used: another 300 would pass 800
    clock.advance(9);
    assert.deepEqual(log, []);
    clock.advance(1);
    assert.deepEqual(log, ['collect at 210', '600 -> 50']);
    // What is left after it is the new start: 350 + 300 fits, 650 + 300 does not, then 350 again.
    for (let i = 0; i < 3; i++) { grow(300); collection.worked(); clock.advance(100); }
    assert.deepEqual(log.slice(2), ['collect at 320', '650 -> 50']);
  });

  it('puts the scavenge off when work comes in before the quiet time is over', () => {
    const { clock, log, grow, collection } = young();
    collection.worked();
    grow(450);
    collection.worked();
    clock.advance(5);
    collection.busy();
    clock.advance(100);
    assert.deepEqual(log, []);
    collection.worked(); // done: the quiet time starts again
    clock.advance(10);
    assert.deepEqual(log, ['collect at 115', '450 -> 50']);
  });

  it('makes room for the largest of the last four pieces of work', () => {
    const { clock, log, grow, collection } = young();
    collection.worked();
    for (const bytes of [500, 100, 100, 100]) { grow(bytes); collection.worked(); clock.advance(100); }
    // 500 + 500 passes 800; then 150, 250 and 350 are used, and with the 500 remembered the last passes.
    assert.deepEqual(log, ['collect at 10', '500 -> 50', 'collect at 310', '350 -> 50']);
    for (let i = 0; i < 6; i++) { grow(100); collection.worked(); clock.advance(100); }
    // The 500 forgotten (the last four took 100 each): up to 650 used, 750 fits.
    assert.deepEqual(log.length, 4);
  });

  it('learns nothing from a fall in use: V8 scavenged in between', () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const space = { used: 780, available: 220 };
    const collection = new YoungCollection({ collect: () => log.push('collect'), space: () => space, idleMs: 10, setTimer: clock.set, clearTimer: clock.clear });
    collection.worked();
    clock.advance(100);
    space.used = 400; space.available = 600;
    collection.worked(); // 380 less: taken as work, it would make 430 + 380 pass 800 below
    space.used = 430; space.available = 570;
    collection.worked();
    clock.advance(100);
    assert.deepEqual(log, []);
    space.used = 790; space.available = 210;
    collection.worked(); // took 370 this time: 790 + 370 passes 800
    clock.advance(100);
    assert.deepEqual(log, ['collect']);
  });

  it('stops trying, without throwing, when the collection fails', () => {
    const clock = new FakeClock();
    let tries = 0;
    const space = { used: 0, available: 1000 };
    const collection = new YoungCollection({
      collect: () => { tries++; throw new TypeError('gc takes no options'); },
      space: () => space,
      idleMs: 10,
      setTimer: clock.set,
      clearTimer: clock.clear,
    });
    collection.worked();
    for (let i = 0; i < 3; i++) {
      space.used += 500; space.available -= 500;
      collection.worked();
      assert.doesNotThrow(() => clock.advance(100));
      space.used = 0; space.available = 1000;
    }
    assert.equal(tries, 1);
  });

  it('gets a working scavenge in a Node process started without --expose-gc', () => {
    const script = `
      const { PerformanceObserver, constants } = require('node:perf_hooks');
      const { tuneHeap, youngCollection } = require('./server/src/host/heap.ts');
      const kinds = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) kinds.push([e.detail.kind, (e.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0]); }).observe({ entryTypes: ['gc'] });
      const before = youngCollection();
      tuneHeap();
      const scavenge = youngCollection();
      scavenge();
      setTimeout(() => console.log(JSON.stringify({ before: typeof before, kinds, minor: constants.NODE_PERFORMANCE_GC_MINOR })), 50);`;
    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' })) as { before: string; kinds: [number, boolean][]; minor: number };
    assert.equal(out.before, 'undefined');
    assert.deepEqual(out.kinds, [[out.minor, true]]);
  });
});
