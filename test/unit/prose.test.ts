// A block's visible text keeps its runs in its document's pool (one array for all its blocks): the
// offsets it gives do not depend on where the runs are kept, and moving it keeps them in step.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Prose } from '../../server/src/core/text/prose';

/** Flat pairs [textIndex, sourceOffset] as toProse makes them: text indices rising from 0. */
const runsOf = fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 6 })
  .map((steps) => {
    const runs: number[] = [];
    let index = 0;
    let offset = 0;
    for (const [length, gap] of steps) {
      runs.push(index, offset + gap);
      offset += gap + length;
      index += length;
    }
    return { runs, length: index };
  });

describe('prose runs kept in a pool', () => {
  it('give the offsets of runs kept apart, wherever the pool already holds others', () => {
    fc.assert(fc.property(runsOf, fc.array(fc.nat(99), { maxLength: 12 }), fc.boolean(), ({ runs, length }, before, heading) => {
      const text = 'あ'.repeat(length);
      const apart = Prose.of(text, runs, heading);
      const pool = [...before];
      const pooled = Prose.of(text, runs, heading, pool);
      assert.deepEqual(pooled.runs, apart.runs);
      for (let i = 0; i <= length; i++) assert.equal(pooled.offset(i), apart.offset(i), `offset(${i})`);
      // The pool holds what it held, then these runs (or nothing when the text follows its source).
      assert.deepEqual(pool.slice(0, before.length), before);
      assert.deepEqual(pool.slice(before.length), runs.length === 2 && runs[0] === 0 ? [] : runs);
    }));
  });

  it('move with their text into another pool', () => {
    fc.assert(fc.property(runsOf, fc.nat(5000), ({ runs, length }, by) => {
      const text = 'x'.repeat(length);
      const original = Prose.of(text, runs, false, [7, 8]);
      const moved = original.moved(by, [1, 2, 3]);
      for (let i = 0; i <= length; i++) assert.equal(moved.offset(i), original.offset(i) + by, `offset(${i})`);
      assert.deepEqual(original.runs, runs);
    }));
  });

  it('are a copy when read', () => {
    const pool: number[] = [];
    const p = Prose.of('abcdef', [0, 10, 3, 20], false, pool);
    p.runs.push(99);
    assert.deepEqual(pool, [0, 10, 3, 20]);
    assert.equal(p.offset(4), 21);
  });
});
