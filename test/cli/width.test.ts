// The column width the coverage table aligns by: what a terminal draws, not what JavaScript counts.

import assert from 'node:assert/strict';
import { displayWidth } from '../../server/src/cli/format';

describe('displayWidth', () => {
  const cases: [string, number][] = [
    ['6(1)', 4],
    ['組織体制', 8],
    ['（１）', 6],
    ['𠮷', 2], // outside the BMP: two UTF-16 code units, two columns
    ['ｱｲｳ', 3], // half-width katakana
    ['①', 1], // ambiguous width: narrow, as most terminals draw it
    ['が', 2],
    ['か\u3099', 2], // a combining voiced mark adds nothing
    ['', 0],
  ];
  for (const [text, width] of cases) {
    it(`gives ${width} for "${text}"`, () => assert.equal(displayWidth(text), width));
  }
});
