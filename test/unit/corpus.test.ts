// Every set of the real-world corpus against its EXPECTED.md, written before the checker was run
// on it: the tiers of each file, the measures and their status, the defined terms, and exactly
// the findings expected (none missed, none unwanted). `npm run corpus` prints the same as a table.

import assert from 'node:assert/strict';
import { actual, compare, corpusSets, readExpected } from './corpus';

describe('real-world corpus (test/fixtures/realworld/rw*, EXPECTED.md)', () => {
  const sets = corpusSets();

  it('has at least 15 sets', () => {
    assert.ok(sets.length >= 15, `${sets.length} sets`);
  });

  for (const set of sets) {
    it(set, async () => {
      const want = readExpected(set);
      const got = await actual(set);
      for (const part of ['tiers', 'measures', 'terms', 'findings'] as const) {
        const c = compare(want[part], got[part]);
        assert.deepEqual({ missed: c.missed, unwanted: c.unwanted }, { missed: [], unwanted: [] }, `${set}: ${part}`);
      }
    });
  }
});
