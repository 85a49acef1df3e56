// The fast path for plain chunks gives exactly what remark gives whenever it answers, and it
// answers for most chunks of a typical policy set.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseMarkdown } from '../../server/src/core/parse/markdown';
import { chunkBoundaries } from '../../server/src/core/parse/chunks';
import { parseSimpleChunk } from '../../server/src/core/parse/simpleChunk';
import { spanOf } from '../../server/src/core/text/textView';

const ROOT = join(__dirname, '..', '..');

function chunksOf(text: string): string[] {
  const starts = chunkBoundaries(text);
  return starts.map((s, k) => text.slice(s, k + 1 < starts.length ? starts[k + 1] : text.length));
}

/** Whether the fast path took the piece; fails if what it gave differs from remark. */
function agrees(piece: string): boolean {
  const fast = parseSimpleChunk(piece);
  if (fast === undefined) return false;
  assert.deepEqual(fast, parseMarkdown(piece), JSON.stringify(piece));
  return true;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

// Lines the fast path should take, in the shapes policy documents use.
const plain = fc.constantFrom(
  '# 基本方針', '## 6 情報セキュリティ対策', '### (1) 組織体制', '###### 六', '#  二つの空白', '# a # b',
  '本文の行です。', 'ﾈｯﾄﾜｰｸ𠮷田', '　全角で字下げした本文', '本文の後に全角空白　', '　', '(1) 電磁的記録媒体　媒体をいう。',
  '第1条　職員等は遵守する。', '2　前項の規定', '（第1の事項）', '根拠: 基本方針 6(1)', 'A~B', 'x = y', 'a > b', 'a - b', '1.1 小見出し',
  '6.1. 細目', '!注意', ':コロン', '\u00a0前後に NBSP\u00a0', 'https://example.jp/ と www.example.jp', '本文~~打消し~~', '0. ゼロ',
  '1.　全角空白の後', '1234567890. 長い番号', '{波括弧}', '%',
  '1. 手順一', '2. 手順二', '10. 手順十', '01. ゼロ付き', '1) 括弧', '2) 括弧二', '- 項目', '- 　全角', '- ﾈｯﾄﾜｰｸ',
  '   続きの行', ' 一字下げ', '     五字下げ',
  '| 区分 | 内容 |', '| --- | --- |', '| :-- | --: |', '| 重要 | 管理する。 |', '|a|b|', '|-|-|', '| 一 |', '| - |',
  '|　全角　| b |', '| 区分 | 内容 | 備考 |', '| :-: |',
);
// Lines that must send the chunk to remark, or that CommonMark reads in a special way.
const tricky = fc.constantFrom(
  '####### 七', '#見出し', '#', '# 末尾 #', '# C#', '# 　全角', '#　全角', '##', '1.', '2)', '- ', '-', '-　全角', '---', '- - -',
  '- - 入れ子', '+ 項目', '* 項目', '- 1. 入れ子', '1. - 入れ子', '1. # 見出し', '1.  二つの空白', '-  二つの空白', '1. > 引用',
  '  - 入れ子', '   1. 入れ子', '    indented code', '\t字下げ', '| a | b', 'a | b', '| | b |', '|', '||', '| a |   ',
  '===', '=', 'Setext', '> 引用', '```', '~~~', '<!-- c -->', '<div>', '**強調**', '\\*', '&amp;', '[参照]', '[参照]: https://example.jp/',
  '`code`', '_a_', 'end  ', 'end ', 'end\t', 'a\\', 'https://example.jp/a_b', '...', '種別: 対策基準', '行\r途中', '\u0000', '\ufeff先頭',
  '***', '___', '+++', '~~打消し~~', '<https://example.jp>', '![画像](x.png)', '  ', ' ',
);
const line = fc.oneof({ arbitrary: plain, weight: 12 }, { arbitrary: tricky, weight: 1 }, { arbitrary: fc.constant(''), weight: 2 });
const doc = fc.tuple(fc.array(line, { maxLength: 10 }), fc.constantFrom('\n', '\r\n', 'mixed'), fc.boolean(), fc.boolean()).map(
  ([lines, eol, trailing, bom]) => toText(lines, eol, trailing, bom),
);

// Chunks built block by block, so that most are plain and the fast path has to get them right.
const prose = fc.constantFrom(
  '本文の行です。', 'ﾈｯﾄﾜｰｸ𠮷田', '　全角で字下げ', '全角空白で終わる　', '　', '(1) 電磁的記録媒体　媒体をいう。', '第1条　職員等は遵守する。',
  '2　前項の規定', '根拠: 基本方針 6(1)', '1.　全角空白の後', '6.1. 細目', 'a - b', 'A~B', 'C#',
);
/** Mostly right, sometimes one of the near misses CommonMark reads otherwise. */
const often = <T>(good: T[], bad: T[], odds = 10) =>
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: odds }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
// Inline markup as policies use it, and near misses the fast path must leave to remark.
const marked = often([
  '職員等は**必ず**守る。', '[基本方針 6(1)](../基本方針.md#6-情報セキュリティ対策)に基づく。', '設定は `policy-trace.json` に書く。',
  '記録*しなければならない*。', '**重要** 暗号化する（[IPA](https://www.ipa.go.jp/security/)参照）。', '[総務省](https://www.soumu.go.jp/a_b/)',
  '*参考*', '`10.20.0.0/16` の範囲',
], ['**「強調」**する。', '*a**b*', '[参照]のとおり', '![図](a.png)', 'a\\*b', '&amp;', '<!-- 中 -->', '_a_', '`閉じない', '***三つ***',
  '[a](b c)', '[a](<b>)', '*　全角空白*', '** 空白 **'], 4);
const inlineProse = fc.oneof({ arbitrary: prose, weight: 3 }, { arbitrary: marked, weight: 2 });
const continuation = fc.oneof({ arbitrary: prose, weight: 20 }, { arbitrary: marked, weight: 6 }, { arbitrary: fc.constantFrom('   字下げした続き', ' 一字', '      六字'), weight: 3 },
  { arbitrary: tricky, weight: 1 });
const paragraph = fc.tuple(inlineProse, fc.array(continuation, { maxLength: 3 })).map(([first, rest]) => [first, ...rest]);
const heading = fc.tuple(often([1, 2, 3, 6], [7]), often([' ', '  '], ['', '\u3000']), prose)
  .map(([depth, gap, title]) => ['#'.repeat(depth) + gap + title]);
// One kind of list, its items numbered anyhow; now and then an item of another kind.
const list = fc.tuple(fc.constantFrom('.', ')', '-'), fc.array(fc.tuple(often(['1', '2', '10', '01', '123456789'], ['1234567890']),
  often([' '], ['  ', '\u3000']), often([''], ['.', ')', '-'], 8), paragraph), { minLength: 1, maxLength: 4 }))
  .map(([kind, items]) => items.flatMap(([n, gap, other, [first, ...rest]]) => {
    const k = other || kind;
    return [(k === '-' ? '-' : n + k) + gap + first, ...rest];
  }));
const cell = often(['区分', ' 内容 ', '　全角　', 'ﾈｯﾄﾜｰｸ𠮷', '-', '1. 番号', '# 見出し', '> 引用', '**重要**', '[手順](手順/a.md#1-目的)', '`x|y`'],
  [' ', '', 'a\\|b', '*参考*', '`閉じない'], 40);
// Lists nested as people write them: each level's markers where its parent's text starts.
const nestedList = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom('- ', '1. ', '2. ', '1) '), inlineProse), { minLength: 1, maxLength: 6 })
  .map((items) => {
    /** The text columns of the items open at each level. */
    const open: number[] = [];
    return items.map(([depth, marker, text]) => {
      const level = Math.min(depth, open.length);
      const column = level === 0 ? 0 : open[level - 1];
      open.length = level;
      open.push(column + marker.length);
      return ' '.repeat(column) + marker + text;
    });
  });
const quote = fc.array(fc.tuple(often(['> '], ['>', '>> ', '', '  > ']), inlineProse), { minLength: 1, maxLength: 3 })
  .map((lines) => lines.map(([mark, text]) => mark + text));
const comment = often(['<!-- 改定メモ: 令和6年 -->', '<!-- a --> 後ろ'], ['<!-- 閉じない', '<!-->', ' <!-- 字下げ -->', '<!-- a -- b -->']).map((l) => [l]);
const table = fc.tuple(fc.integer({ min: 1, max: 3 }), often(['---', ' --- ', ':-:', ' -', '-- ', ':--', '--:'], ['x', ' ', '-:-']))
  .chain(([columns, delimiter]) => {
    const row = fc.oneof({ arbitrary: fc.array(cell, { minLength: columns, maxLength: columns }), weight: 8 },
      fc.array(cell, { minLength: 1, maxLength: 4 }));
    return fc.tuple(row, fc.array(row, { maxLength: 3 })).map(([header, rows]) =>
      [header, Array(columns).fill(delimiter) as string[], ...rows].map((r) => `|${r.join('|')}|`));
  });
// Mostly a heading and what follows it; sometimes blocks CommonMark would run together.
const body = fc.oneof({ arbitrary: paragraph, weight: 4 }, { arbitrary: list, weight: 4 }, { arbitrary: table, weight: 3 },
  { arbitrary: nestedList, weight: 3 }, { arbitrary: quote, weight: 2 }, { arbitrary: comment, weight: 1 }, tricky.map((l) => [l]));
const section = fc.tuple(fc.option(heading, { freq: 4 }), fc.array(body, { minLength: 1, maxLength: 2 }))
  .map(([h, bodies]) => [...(h ?? []), ...bodies.flat()]);
const chunk = fc.tuple(fc.array(section, { minLength: 1, maxLength: 2 }), fc.constantFrom('\n', '\r\n', 'mixed'), fc.boolean())
  .map(([blocks, eol, trailing]) => toText([...blocks.flat(), ...(trailing ? [''] : [])], eol, trailing, false));

function toText(lines: string[], eol: string, trailing: boolean, bom: boolean): string {
  let out = '';
  lines.forEach((l, i) => { out += l + (eol === 'mixed' ? (i % 2 ? '\r\n' : '\n') : eol); });
  if (!trailing && out) out = out.replace(/\r?\n$/, '');
  return (bom ? '\ufeff' : '') + out;
}

describe('simple chunk fast path', () => {
  it('equals remark on every chunk of the samples and fixtures', () => {
    let accepted = 0;
    for (const f of [...markdownFiles(join(ROOT, 'samples')), ...markdownFiles(join(ROOT, 'test', 'fixtures'))]) {
      const text = readFileSync(f, 'utf8');
      for (const piece of chunksOf(text)) if (agrees(piece)) accepted++;
    }
    assert.ok(accepted > 500, `${accepted} chunks accepted`);
  });

  it('equals remark on generated chunks full of tricky lines', () => {
    const runs = Number(process.env.SIMPLE_RUNS ?? 4000);
    let accepted = 0;
    fc.assert(fc.property(doc, (t) => {
      for (const piece of [t, ...chunksOf(t)]) if (agrees(piece)) accepted++;
    }), { numRuns: runs });
    let several = 0;
    fc.assert(fc.property(chunk, (piece) => {
      if (agrees(piece) && (parseSimpleChunk(piece)?.blocks.length ?? 0) > 1) several++;
    }), { numRuns: runs });
    // The properties say nothing if the fast path turns everything down.
    assert.ok(accepted > runs / 4 && several > runs / 10, `${accepted} accepted, ${several} with several blocks`);
  });

  it('takes plain headings, paragraphs, lists and tables', () => {
    const heading = parseSimpleChunk('## 6 情報セキュリティ対策\n\n');
    assert.deepEqual(heading, {
      blocks: [{
        kind: 'heading', depth: 2, span: { start: 0, end: 15 }, marker: undefined,
        view: {
          text: '6 情報セキュリティ対策',
          runs: [0, 3, -1],
          base: 0,
          end: 15,
        },
      }],
      comments: [],
    });

    assert.equal(parseSimpleChunk('1. 申請する。\r\n2) 承認する。\n'), undefined, 'a change of delimiter starts another list');
    const ordered = parseSimpleChunk('1. 申請\n2. 承認\n10. 記録\n');
    assert.deepEqual(ordered?.blocks.map((b) => [b.kind, b.depth, b.span, b.marker, b.view.text]), [
      ['paragraph', 0, { start: 3, end: 5 }, { text: '1.', span: { start: 0, end: 2 } }, '申請'],
      ['paragraph', 0, { start: 9, end: 11 }, { text: '2.', span: { start: 6, end: 8 } }, '承認'],
      ['paragraph', 0, { start: 16, end: 18 }, { text: '10.', span: { start: 12, end: 15 } }, '記録'],
    ]);

    const paragraph = parseSimpleChunk('（第1の事項）\r\n第1条　職員等は、\r\n遵守する。\r\n\r\n');
    assert.equal(paragraph?.blocks.length, 1);
    const view = paragraph.blocks[0].view;
    assert.equal(view.text, '（第1の事項）\n第1条　職員等は、\n遵守する。');
    // The soft break stands for the CRLF it replaced.
    assert.deepEqual(spanOf(view, 7, 8), { start: 7, end: 9 });
    assert.deepEqual(view.runs, [0, 0, -1, 7, 7, 9, 8, 9, -1, 17, 18, 20, 18, 20, -1]);
    assert.deepEqual(paragraph.blocks[0].span, { start: 0, end: 25 });

    const table = parseSimpleChunk('| 区分 | 内容 |\n| --- | --- |\n| 重要 | 暗号化する。 |\n');
    assert.deepEqual(table?.blocks.map((b) => [b.kind, b.span, b.view.text, b.cell]), [
      ['cell', { start: 0, end: 5 }, '区分', { table: 0, row: 0, column: 0 }],
      ['cell', { start: 5, end: 11 }, '内容', { table: 0, row: 0, column: 1 }],
      ['cell', { start: 26, end: 31 }, '重要', { table: 0, row: 1, column: 0 }],
      ['cell', { start: 31, end: 41 }, '暗号化する。', { table: 0, row: 1, column: 1 }],
    ]);

    for (const piece of ['## 6 情報セキュリティ対策\n\n', '1. 申請\n2. 承認\n10. 記録\n', '（第1の事項）\r\n第1条　職員等は、\r\n遵守する。\r\n\r\n',
      '| 区分 | 内容 |\n| --- | --- |\n| 重要 | 暗号化する。 |\n', '- 一つ目\n- 二つ目\n続き\n', '# 見出し\n本文\n続き\n']) {
      assert.ok(agrees(piece), piece);
    }
  });

  it('turns down what it does not reproduce', () => {
    for (const piece of ['---\n種別: 対策基準\n---\n# 題\n\n', '>> 引用\n', '> 引用\n続き\n', '**「強調」**する。\n', '    code\n', '本文\n- 項目\n', '本文\n1. 項目\n',
      '- 項目\n  2. 入れ子\n', '- 項目\n   - 字下げ違い\n', '<!-- 閉じない\n', '[参照]: https://example.jp/\n',
      '# 末尾 #\n', '1. 一\n- 二\n', '本文\n===\n', '\ufeff# 題\n', '| a | b |\n| --- |\n', '本文\n\n    続き\n', '行\r途中\n']) {
      assert.equal(parseSimpleChunk(piece), undefined, JSON.stringify(piece));
    }
  });

  for (const [mode, share] of [['plain', 0.9], ['realistic', 0.9]] as const) {
    it(`takes at least ${share * 100} % of a generated ${mode} corpus by characters, exactly as remark parses it`, async () => {
      const url = pathToFileURL(join(ROOT, 'scripts', 'bench', 'generate.mjs')).href;
      const { generate, MODES } = (await import(url)) as { generate: (dir: string, bytes: number, options: unknown) => unknown; MODES: Record<string, unknown> };
      const dir = mkdtempSync(join(tmpdir(), 'simple-chunk-'));
      try {
        generate(dir, 300_000, MODES[mode]);
        let total = 0;
        let taken = 0;
        for (const f of markdownFiles(dir)) {
          for (const piece of chunksOf(readFileSync(f, 'utf8'))) {
            total += piece.length;
            if (agrees(piece)) taken += piece.length;
          }
        }
        assert.ok(taken / total >= share, `${((100 * taken) / total).toFixed(1)} % taken`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
