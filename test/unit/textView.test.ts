// The view keeps its spans as runs; these properties hold it to the plain meaning of a view, one
// start and one end per character, written out here as the reference.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  charSpans, endAt, indexAtSource, joinLines, shiftView, sliceView, spanOf, splitLines, startAt, ViewBuilder, type TextView,
} from '../../server/src/core/text/textView';
import { foldedHash, foldText, foldView, stringHash } from '../../server/src/core/text/fold';

interface Plain { text: string; starts: number[]; ends: number[]; end: number }

/** A piece pushed onto a view: characters and the source span they all came from. */
const piece = fc.record({
  chars: fc.constantFrom('a', 'あ', '\n', ' ', 'ｶ', '𠮷', 'xy', '株式会社'),
  gap: fc.integer({ min: -1, max: 2 }),
  width: fc.integer({ min: 0, max: 3 }),
});

function build(pieces: { chars: string; gap: number; width: number }[]): { view: TextView; plain: Plain } {
  const b = new ViewBuilder(5);
  const plain: Plain = { text: '', starts: [], ends: [], end: 5 };
  let at = 5;
  for (const p of pieces) {
    const start = Math.max(0, at + p.gap);
    const end = start + p.width;
    b.push(p.chars, start, end);
    plain.text += p.chars;
    for (let k = 0; k < p.chars.length; k++) { plain.starts.push(start); plain.ends.push(end); }
    plain.end = end;
    at = end;
  }
  return { view: b.build(), plain };
}

function plainOf(view: TextView): Plain {
  return { text: view.text, ...charSpans(view), end: view.end };
}

describe('text views', () => {
  it('keep every character\'s span, however they were pushed', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const { view, plain } = build(pieces);
      assert.deepEqual(plainOf(view), plain);
      for (let i = 0; i < plain.text.length; i++) {
        assert.equal(startAt(view, i), plain.starts[i]);
        assert.equal(endAt(view, i), plain.ends[i]);
      }
    }), { numRuns: 300 });
  });

  it('give the same runs for the same spans (so views compare by value)', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const { view, plain } = build(pieces);
      const again = new ViewBuilder(5);
      for (let i = 0; i < plain.text.length; i++) again.push(plain.text[i], plain.starts[i], plain.ends[i]);
      assert.deepEqual({ ...again.build(), end: view.end }, view);
    }), { numRuns: 300 });
  });

  it('slice, split, join and look up spans as the per-character reference does, moved by an edit or not', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), fc.nat(), fc.nat(), fc.nat(40), fc.constantFrom(0, 0, 3, 11), (pieces, a, b, offset, by) => {
      // A view moved by an edit shares its runs with the view it came from (base): every reader
      // must give what the per-character reference moved gives.
      const built = build(pieces);
      const view = shiftView(built.view, by);
      const plain = { ...built.plain, starts: built.plain.starts.map((x) => x + by), ends: built.plain.ends.map((x) => x + by), end: built.plain.end + by };
      assert.equal(view.runs, built.view.runs);
      const n = plain.text.length;
      const from = n ? a % (n + 1) : 0;
      const to = from + (n - from ? b % (n - from + 1) : 0);

      const slice = sliceView(view, from, to);
      const end = to > from ? plain.ends[to - 1] : from < n ? plain.starts[from] : plain.end;
      assert.deepEqual(plainOf(slice), { text: plain.text.slice(from, to), starts: plain.starts.slice(from, to), ends: plain.ends.slice(from, to), end });

      const span = n === 0 ? { start: plain.end, end: plain.end }
        : { start: from < n ? plain.starts[from] : plain.end, end: to > from ? plain.ends[to - 1] : (from < n ? plain.starts[from] : plain.end) };
      assert.deepEqual(spanOf(view, from, to), span);

      assert.equal(indexAtSource(view, offset), plain.starts.findIndex((s) => s >= offset));
      assert.deepEqual(splitLines(view).map((l) => l.text), plain.text.split('\n'));
      // Each line is the slice of its characters, the view itself when it is one line that ends
      // where the view does; a view whose source goes on past its text (a closing **) is cut.
      for (const whole of [view, { ...view, end: view.end + 2 }]) {
        const slices: TextView[] = [];
        let at = 0;
        for (const part of whole.text.split('\n')) {
          slices.push(sliceView(whole, at, at + part.length));
          at += part.length + 1;
        }
        assert.deepEqual(splitLines(whole), slices);
      }
      assert.deepEqual(shiftView(view, 7).runs.length, view.runs.length);
      assert.deepEqual(plainOf(shiftView(view, 7)), { ...plain, starts: plain.starts.map((x) => x + 7), ends: plain.ends.map((x) => x + 7), end: plain.end + 7 });

      // joinLines drops each '\n' and the spaces after it.
      const kept: number[] = [];
      for (let i = 0, skipping = false; i < n; i++) {
        if (plain.text[i] === '\n') { skipping = true; continue; }
        if (skipping && plain.text[i] === ' ') continue;
        skipping = false;
        kept.push(i);
      }
      const joined = joinLines(view);
      assert.equal(joined.text, kept.map((i) => plain.text[i]).join(''));
      assert.deepEqual(charSpans(joined), { starts: kept.map((i) => plain.starts[i]), ends: kept.map((i) => plain.ends[i]) });
    }), { numRuns: 500 });
  });

  it('replace the last character with a wider span (a composed voiced mark)', () => {
    const b = new ViewBuilder(0);
    b.push('アカ', 0, 1);
    b.push('カ', 2, 3);
    b.replaceLast('ガ', 4);
    const view = b.build();
    assert.equal(view.text, 'アカガ');
    assert.deepEqual(charSpans(view), { starts: [0, 0, 2], ends: [1, 1, 4] });
    assert.deepEqual(view.runs, [0, 0, -1, 1, 0, -1, 2, 2, 4]);
  });

  it('fold as the per-character reference does: each code point folded alone, a voiced mark composed with the character before it', () => {
    const foldable = fc.record({
      chars: fc.constantFrom('a', 'あ', '漢字', 'ｶ', 'ﾞ', 'ﾟ', 'ﾊﾟｽﾜｰﾄﾞ', '…', '（１）', 'Ａ', '　', '①', '㈱', '𠮷', '\ud800', 'ー', '\n', '、'),
      gap: fc.integer({ min: -1, max: 2 }),
      width: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(fc.property(fc.array(foldable, { maxLength: 12 }), (pieces) => {
      const { view, plain } = build(pieces);
      const want: Plain = { text: '', starts: [], ends: [], end: plain.end };
      for (let i = 0; i < plain.text.length;) {
        const size = plain.text.codePointAt(i)! > 0xffff ? 2 : 1;
        const folded = foldText(plain.text.slice(i, i + size));
        const end = plain.ends[i + size - 1];
        const composed = /^[\u3099\u309a]/.test(folded) && want.text ? (want.text.slice(-1) + folded).normalize('NFC') : '';
        if (composed.length === 1) {
          want.text = want.text.slice(0, -1) + composed;
          want.ends[want.ends.length - 1] = end;
        } else {
          want.text += folded;
          for (let k = 0; k < folded.length; k++) { want.starts.push(plain.starts[i]); want.ends.push(end); }
        }
        i += size;
      }
      assert.deepEqual(plainOf(foldView(view)), want);
      const moved = (p: Plain): Plain => ({ text: p.text, starts: p.starts.map((x) => x + 9), ends: p.ends.map((x) => x + 9), end: p.end + 9 });
      assert.deepEqual(plainOf(foldView(shiftView(view, 9))), moved(want), 'a view moved by an edit folds as the moved reference');
    }), { numRuns: 1000 });
  });

  it('hash a folded key unit by unit as the key folded, without its white space, hashes', () => {
    const unit = fc.constantFrom('a', 'Ａ', 'あ', '漢', 'ｶ', 'ﾊ', 'ｳ', 'ﾞ', 'ﾟ', 'ｰ', '\u3099', '\u309a', 'ガ', '…', '①', '㈱', '𠮷', '\ud800', '\udc00', ' ', '　', '\t', '\n', '。', 'ﾞﾞ');
    fc.assert(fc.property(fc.array(unit, { maxLength: 16 }), fc.nat(), fc.nat(), (units, a, b) => {
      const text = units.join('');
      const start = a % (text.length + 1);
      const end = start + b % (text.length - start + 1);
      assert.equal(foldedHash(text, start, end), stringHash(foldText(text.slice(start, end)).replace(/\s+/g, '')), JSON.stringify(text.slice(start, end)));
    }), { numRuns: 3000 });
  });
});
