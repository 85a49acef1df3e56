// The inline fast path gives what remark gives for one line of a paragraph, a heading or a table
// cell whenever it answers, and it answers for most lines written with the markup policies use.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMarkdown, type Block, type MarkdownLink } from '../../server/src/core/parse/markdown';
import { pushInline } from '../../server/src/core/parse/simpleInline';
import { ViewBuilder, type TextView } from '../../server/src/core/text/textView';

const SEED = 20240607;

interface Inline { view: TextView; links: MarkdownLink[] }

/** What the fast path gives for text[from, to), with the view started where remark starts the block. */
function fast(text: string, blockStart: number, from: number, to: number): Inline | undefined {
  const view = new ViewBuilder(blockStart);
  const links: MarkdownLink[] = [];
  return pushInline(text, from, to, view, links) ? { view: view.build(), links } : undefined;
}

type Form = 'paragraph' | 'heading' | 'cell';

/**
 * The line in one of the three places a line of inline content stands. `block` picks remark's
 * block for it, or undefined when remark reads the text as something else (a list item, say),
 * which is the caller's business and not compared here.
 */
function place(line: string, form: Form): { text: string; blockStart: number; from: number; block: (blocks: Block[]) => Block | undefined } {
  switch (form) {
    case 'paragraph':
      return { text: line, blockStart: 0, from: 0, block: (bs) => (bs.length === 1 && bs[0].kind === 'paragraph' && bs[0].span.start === 0 && !bs[0].marker ? bs[0] : undefined) };
    case 'heading':
      return { text: `# ${line}`, blockStart: 0, from: 2, block: (bs) => (bs.length === 1 && bs[0].kind === 'heading' && bs[0].depth === 1 ? bs[0] : undefined) };
    case 'cell':
      return {
        text: `| a | ${line} |\n| - | - |`, blockStart: 4, from: 6,
        block: (bs) => bs.find((b) => b.kind === 'cell' && b.cell?.row === 0 && b.cell.column === 1 && b.span.start === 4),
      };
  }
}

/** Whether the fast path answered for the line in that form; fails if it answered otherwise than remark. */
function agrees(line: string, form: Form): boolean {
  // A pipe would split the cell, and a closing # sequence belongs to the heading: neither is inline.
  if (form === 'cell' && line.includes('|')) return false;
  if (form === 'heading' && /#\s*$/.test(line)) return false;
  const { text, blockStart, from, block } = place(line, form);
  const got = fast(text, blockStart, from, from + line.length);
  if (!got) return false;
  const parsed = parseMarkdown(text);
  const b = block(parsed.blocks);
  if (!b) return false;
  assert.deepEqual(got.view, b.view, `${form}: ${JSON.stringify(line)}`);
  assert.deepEqual(got.links, parsed.links ?? [], `${form} links: ${JSON.stringify(line)}`);
  return true;
}

// Pieces of the lines policy documents are written with; any sequence of them is well formed
// inline markup or plain text, though some sequences still fall outside the fast path's subset.
const good = [
  '本文の行です', '情報セキュリティ対策', '職員等は', '遵守しなければならない', 'ﾈｯﾄﾜｰｸ', 'ｶﾞｲﾄﾞ', '𠮷田', '😀', '👍🏽',
  '「重要」', '（注）', '。', '、', '・', '※', '…', '　', 'abc', 'ABC 123', '(1)', '第1条', '6.1', '~', 'A~~B~~', 'a:b', '%', '#1',
  'https://example.jp/doc', 'www.example.jp', '"引用"', "'", '=', '+', '-', '>', '{x}', '/', '?', '$', '^', '@', '!',
  '[基本方針](../基本方針.md#6-情報セキュリティ対策)', '[IPA](https://www.ipa.go.jp/security/)', '[総務省](https://www.soumu.go.jp/a_b/)',
  '[資料](docs/%E8%B3%87%E6%96%99.md)', '[手順 1](./手順.md#1-目的)', '[星](a*b*c.md)', '[参照(1)](ref.md)', '[ﾈｯﾄ](net.md#ﾈｯﾄ)',
  '[全角　空白](a.md)', '[ 空白 ](a.md)', '[a](b!c)', '[😀](e.md#😀)', '[x](a_b_c)',
  '**重要**', '*注意*', '**必ず**', '*a*', '**ab**', '*𠮷*', '**😀**', '*ﾈｯﾄ*', '**第1条**', '*6.1*', '**a b**', '*「a」b*', '*a「b」*',
  '`code`', '`*a*`', '`_a_`', '`[a](b)`', '`` a`b ``', '`policy-trace.json`', '`\\`', '`<b>`', '`&amp;`', '` `', '```x```',
];
// Near misses: markup the fast path leaves to remark, or that is plain only by a narrow margin.
const bad = [
  '***', '**a*', '*a**', '***a***', '[a]', '[a] (b)', '![a](b)', '[a](b c)', '[a](<b>)', '[a](b "t")', '[a](b(c))', '[](a)', '[a]()',
  'a\\*b', '\\', '&amp;', '&', '<!-- c -->', '<https://example.jp>', '<b>', '_a_', 'a_b', '__a__', '`unclosed', '``x`', '`',
  '*', '**', '*「', '」*', '。*', '*。', '「*', '* ', ' *', '*　', '　*', '[', ']', '[[a](b)]', '[a[b](c)', '[*a*](b)',
  '[`a`](b)', '*[a](b)*', '*`a`*', '**a *b* c**', '*a **b** c*', ' ', '\t', '~~', 'a\u0000b', '!', '[a][b]',
];

const goodLine = fc.array(fc.constantFrom(...good), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
const anyLine = fc.array(
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 3 }, { arbitrary: fc.constantFrom(...bad), weight: 1 }),
  { minLength: 1, maxLength: 6 },
).map((parts) => parts.join(''));

// Single characters, for the arrangements no fragment list thinks of.
const markupChars = ['*', '*', '*', '`', '`', '[', ']', '(', ')', '!', 'a', 'b', '「', '」', '。', ' ', '　', '😀', '_', '#', '%', '.', '/', '\u00a0', 'ｶ', '"', '~', '-', '&', '\\', '<', '>'];
const charLine = fc.array(fc.constantFrom(...markupChars), { minLength: 1, maxLength: 14 }).map((parts) => parts.join(''));

describe('pushInline', function () {
  this.timeout(300000);

  it('gives what remark gives for random lines, as paragraph, heading and table cell', () => {
    const answered = { paragraph: 0, heading: 0, cell: 0 };
    fc.assert(fc.property(anyLine, (line) => {
      for (const form of ['paragraph', 'heading', 'cell'] as const) if (agrees(line, form)) answered[form]++;
    }), { numRuns: 20000, seed: SEED });
    // Every form was compared often enough to mean something.
    for (const form of ['paragraph', 'heading', 'cell'] as const) assert.ok(answered[form] > 2000, `${form}: ${answered[form]}`);
  });

  it('gives what remark gives for random strings of markup characters', () => {
    let answered = 0;
    fc.assert(fc.property(charLine, (line) => {
      for (const form of ['paragraph', 'heading', 'cell'] as const) if (agrees(line, form)) answered++;
    }), { numRuns: 20000, seed: SEED + 2 });
    assert.ok(answered > 5000, `${answered}`);
  });

  it('answers for most lines made of the markup policies use', () => {
    const lines = fc.sample(goodLine, { numRuns: 5000, seed: SEED + 1 });
    let answered = 0;
    for (const line of lines) if (agrees(line, 'paragraph')) answered++;
    const rate = answered / lines.length;
    assert.ok(rate >= 0.6, `answered ${(rate * 100).toFixed(1)} %`);
  });

  // true: the fast path must answer (and agree with remark); false: it must leave the line to remark.
  const table: [string, boolean][] = [
    ['情報セキュリティ基本方針', true],
    ['職員等は**必ず**守る。', true],
    ['記録*しなければならない*。', true],
    ['**重要** 暗号化する（[IPA](https://www.ipa.go.jp/security/)参照）。', true],
    ['[基本方針 6(1)](../基本方針.md#6-情報セキュリティ対策)に基づく。', true],
    ['[総務省](https://www.soumu.go.jp/a_b/)', true],
    ['[資料](docs/%E8%B3%87%E6%96%99.md#%E7%9B%AE%E7%9A%84)', true],
    ['[星](a*b*c) と *強調*', true],
    ['設定は `policy-trace.json` に書く。', true],
    ['`*a*` と `_b_` と `[c](d)`', true],
    ['`` a ` b ``', true],
    ['*a*b*c*', true],
    ['**a**b**c**', true],
    ['x*a*y', true],
    ['*😀*', true],
    ['*𠮷*田', true],
    ['A~~B~~', true],
    ['https://example.jp/ と www.example.jp', true],
    ['[a](b)(c)', true],
    ['[a(b](c)', true],
    ['[a](b　c)', true],
    ['a*b', false],
    ['*a', false],
    ['***三つ***', false],
    ['**a*', false],
    ['*a**', false],
    ['**a *b* c**', false],
    ['*「強調」*', false],
    ['**「強調」**する。', false],
    ['*　全角空白*', false],
    ['** 空白 **', false],
    ['a *。*', false],
    ['[a]', false],
    ['[a] (b)', false],
    ['![a](b)', false],
    ['[a](b c)', false],
    ['[a](<b>)', false],
    ['[a](b "t")', false],
    ['[a](b(c))', false],
    ['[](a)', false],
    ['[a]()', false],
    ['*[a](b)*', false],
    ['*`a`*', false],
    ['a\\*b', false],
    ['&amp;', false],
    ['AT&T', false],
    ['<!-- c -->', false],
    ['<https://example.jp>', false],
    ['_a_', false],
    ['a_b', false],
    ['`閉じない', false],
    ['``a`', false],
    ['a\tb', false],
    ['a\u0000b', false],
    [' a', false],
    ['a ', false],
  ];
  for (const [line, expected] of table) {
    it(`${expected ? 'answers' : 'leaves to remark'}: ${JSON.stringify(line)}`, () => {
      const { text, blockStart, from } = place(line, 'paragraph');
      const answered = fast(text, blockStart, from, from + line.length) !== undefined;
      assert.equal(answered, expected);
      if (expected) for (const form of ['paragraph', 'heading', 'cell'] as const) assert.ok(agrees(line, form), form);
    });
  }

  it('leaves `[` to remark when a `!` before the range makes it an image', () => {
    const text = '![a](b)';
    assert.equal(fast(text, 1, 1, text.length), undefined);
  });

  it('does not read past the end of the range', () => {
    // The closing parts lie outside [from, to): unclosed on the line.
    const text = '[a](b) *a* `c`';
    assert.equal(fast(text, 0, 0, 5), undefined);
    assert.equal(fast(text, 0, 0, 9), undefined);
    assert.equal(fast(text, 0, 0, 13), undefined);
    assert.equal(fast('[a]', 0, 0, 3), undefined);
  });
});
