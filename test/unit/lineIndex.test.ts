// Line starts: a line ends at \n, \r\n or a lone \r; positions count UTF-16 units (𠮷 is two).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/text/lineIndex';

/** The line starts read the slow way: every break, found by a regular expression. */
function reference(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

describe('LineIndex', () => {
  it('finds every line start, with or without \\r, and round-trips positions', () => {
    const unit = fc.constantFrom('a', 'あ', '𠮷', 'ｶ', '\n', '\r', '\r\n', '\ufeff', ' ');
    fc.assert(fc.property(fc.array(unit, { maxLength: 60 }).map((us) => us.join('')), (text) => {
      const lines = new LineIndex(text);
      assert.deepEqual(lines.lineStarts, reference(text), JSON.stringify(text));
      for (const start of lines.lineStarts) assert.equal(lines.offset(lines.position(start)), start);
    }), { numRuns: 2000 });
  });

  it('puts 𠮷 at two units and a \\r\\n at one break', () => {
    const lines = new LineIndex('𠮷a\r\nb\rc\n');
    assert.deepEqual(lines.lineStarts, [0, 5, 7, 9]);
    assert.deepEqual(lines.position(2), { line: 0, character: 2 });
    assert.deepEqual(new LineIndex('𠮷a\nb\n').lineStarts, [0, 4, 6]);
  });
});
