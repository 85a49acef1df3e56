// Parsing by chunks gives what parsing the whole gives, and an edit re-parses only its chunk.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarkdown } from '../../server/src/core/parse/markdown';
import { chunkBoundaries, newChunkCache, parseChunked, type ChunkCache } from '../../server/src/core/parse/chunks';
import { absoluteViews } from './helpers';

const line = fc.constantFrom(
  '', '', '', '# 基本方針', '## 6 情報セキュリティ対策', '### (1) 組織体制', '(2) 物理的セキュリティ　サーバを管理する。',
  '1. 手順一', '2. 手順二', '   続きの行', '    indented code', '- ① 項目', '> 引用', '根拠: 基本方針 6(1)', '```', '~~~',
  '<!-- コメント', '-->', '<!-- policy-trace-disable-next-line -->', '<pre>', '</pre>', '| 用語 | 定義 |', '| --- | --- |',
  '| 職員等 | 職員をいう。 |', '---', '種別: 対策基準', 'ﾈｯﾄﾜｰｸ𠮷', '\\*強調\\*と&amp;', '**情報**システム', 'Setext', '===',
  '  - 入れ子', '* 項目', '<div>', '</div>', '[参照]: https://example.jp/', '[参照]を見る', '<script>', '</script>', '\t字下げ',
  // Lines whose first character or a comment inside decides whether a chunk may start after them.
  '　全角空白で始まる行', '\u00a0NBSPで始まる行', '本文<!-- 途中のコメント -->続き', '本文 <!-- 閉じないコメント', '~注記', '`コード`で始まる',
);
const doc = fc.array(line, { maxLength: 40 }).chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol) + eol));

function same(text: string): void {
  const whole = parseMarkdown(text);
  const chunked = parseChunked(text);
  assert.deepEqual(absoluteViews(chunked), absoluteViews(whole), JSON.stringify(text));
}

describe('chunked parsing', () => {
  it('equals a whole parse on any mix of policy-shaped lines', () => {
    fc.assert(fc.property(doc, (text) => same(text)), { numRuns: Number(process.env.CHUNK_RUNS ?? 500) });
  });

  it('equals a whole parse after any front matter, read with or without micromark', () => {
    const yamlLine = fc.constantFrom('種別: 対策基準', '根拠: [基本方針 6(1)]', '', '...', 'タイトル: "𠮷"', '  - 6(2)', '---  ', '# x', '---');
    const frontMatter = fc.tuple(fc.array(yamlLine, { maxLength: 5 }), fc.constantFrom('---', '---  ', '--- x', '...')).map(([ls, close]) => ['---', ...ls, close]);
    const withFrontMatter = fc.tuple(frontMatter, fc.array(line, { maxLength: 15 }), fc.constantFrom('\n', '\r\n'))
      .map(([fm, body, eol]) => [...fm, ...body].join(eol) + eol);
    fc.assert(fc.property(withFrontMatter, (text) => same(text)), { numRuns: Number(process.env.CHUNK_RUNS ?? 500) });
  });

  it('takes a <!-- inside a paragraph as inline, so a fence on the next line still opens code', () => {
    // Found by the property above (seed -903657288): the chunks had read a comment block to the -->.
    same('---\n---\n本文 <!-- 閉じないコメント\n```\n-->\n\n- ① 項目\n');
    same('本文 <!-- 閉じない\n\n第2段落\n');
  });

  it('equals a whole parse on the samples and the real-world fixtures', () => {
    const root = join(__dirname, '..', '..');
    for (const f of ['samples/基本方針.md', 'samples/対策基準.md', 'test/fixtures/realworld/jorei-style/対策基準.md',
      'test/fixtures/realworld/old-numbered/ポリシー（別冊）.md', 'test/fixtures/realworld/old-numbered/ポリシー（本文）.md']) {
      same(readFileSync(join(root, f), 'utf8'));
    }
  });

  it('re-parses only the chunk an edit touched', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'samples', '対策基準.md'), 'utf8');
    const cache: ChunkCache = newChunkCache();
    parseChunked(text, cache);
    const chunks = chunkBoundaries(text).length;
    assert.equal(cache.chunks.length > 50, true, `${cache.chunks.length} chunks`);
    const kept = new Set(cache.chunks.map((c) => c.parsed));
    const edited = text.replace('サーバ等の管理', 'サーバ等の管理方法');
    parseChunked(edited, cache);
    const reused = cache.chunks.filter((c) => kept.has(c.parsed)).length;
    assert.equal(reused, cache.chunks.length - 1);
    assert.equal(chunkBoundaries(edited).length, chunks);

    // A chunk added in the middle: the ones after it are found from the end.
    const added = edited.replace('サーバ等の管理方法', 'サーバ等の管理方法\n\n追加の段落。\n');
    const before = new Set(cache.chunks.map((c) => c.parsed));
    parseChunked(added, cache);
    assert.equal(cache.chunks.filter((c) => !before.has(c.parsed)).length, 1, 'only the new paragraph is parsed');
    assert.equal(cache.chunks.length, chunks + 1);
    const { origins, ...cached } = parseChunked(added, cache);
    assert.deepEqual(absoluteViews(cached), absoluteViews(parseChunked(added)));
    // Each block comes with the block its chunk was parsed into, and where that chunk now lies.
    assert.equal(origins!.length, cached.blocks.length);
    origins!.forEach((o, i) => assert.deepEqual(cached.blocks[i].span, { start: o.block.span.start + o.by, end: o.block.span.end + o.by }));
  });
});

describe('what a block keeps between edits', () => {
  it('is, moved, what reading the moved block gives: its lines, visible text and references', async () => {
    const { linesAt, proseAt, referencesAt } = await import('../../server/src/core/parse/blockMemo');
    const { blockLines } = await import('../../server/src/core/text/fold');
    const { joinLines, shiftView } = await import('../../server/src/core/text/textView');
    const { toProse } = await import('../../server/src/core/text/prose');
    const { scanText } = await import('../../server/src/core/parse/references');
    fc.assert(fc.property(doc, fc.array(fc.nat(5000), { minLength: 1, maxLength: 3 }), (text, shifts) => {
      for (const block of parseMarkdown(text).blocks) {
        // The same block met again further on in its document, as a chunk moves with each edit.
        for (const by of [0, ...shifts]) {
          const moved = shiftView(block.view, by);
          const read = (lines: ReturnType<typeof blockLines>) => lines.flatMap((l) => scanText(l.view, [], 'standard', false));
          assert.deepEqual(absoluteViews(linesAt({ block, by })), absoluteViews(blockLines(moved)));
          assert.deepEqual(proseAt({ block, by }, []), toProse(joinLines(moved), block.kind === 'heading', []));
          assert.deepEqual(referencesAt({ block, by }, 'context', read), read(blockLines(moved)));
        }
      }
    }), { numRuns: Number(process.env.CHUNK_RUNS ?? 300) });
  });
});

describe('width folding fast path', () => {
  it('skips only characters NFKC leaves unchanged', async () => {
    const { foldText } = await import('../../server/src/core/text/fold');
    for (const [from, to] of [[0x4e00, 0x9fff], [0x3041, 0x3096], [0x30a1, 0x30fe], [0x3400, 0x4dbf]]) {
      for (let cp = from; cp <= to; cp++) {
        const ch = String.fromCodePoint(cp);
        if (ch.normalize('NFKC') !== ch) assert.fail(`U+${cp.toString(16)} changes under NFKC`);
        assert.equal(foldText(ch), ch);
      }
    }
  });
});

describe('incremental analysis', () => {
  it('gives a document the facts a fresh analysis gives, edit after edit', async () => {
    const { analyzeDocument } = await import('../../server/src/core/api');
    const root = join(__dirname, '..', '..');
    const files = ['samples/対策基準.md', 'samples/基本方針.md', 'test/fixtures/realworld/jorei-style/対策基準.md'];
    const snippet = fc.constantFrom('\n\n## 10 評価・見直し\n\n根拠: 基本方針 6(9)\n', 'サーバー', 'ﾈｯﾄﾜｰｸ', '\n\n', '（以下「監査人」という。）',
      '\n(9) 無害化通信　安全な通信をいう。\n', '根拠: 対策基準 5.9', 'x', '\n---\n', '```\n', '**', '𠮷', '\r\n', '\n適用除外: 基本方針 6(2) 理由。\n');
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat(40), insert: snippet });
    fc.assert(fc.property(fc.constantFrom(...files), fc.array(edit, { minLength: 1, maxLength: 8 }), (file, edits) => {
      let text = readFileSync(join(root, file), 'utf8');
      const chunks = newChunkCache();
      const input = (t: string) => ({ uri: 'file:///d.md', path: file, text: t });
      // Each version also takes over what only moved from the one before (recycle.ts).
      let previous = analyzeDocument({ ...input(text), chunks });
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.cut));
        const next = analyzeDocument({ ...input(text), chunks, previous });
        assert.deepEqual(next, analyzeDocument(input(text)));
        previous = next;
      }
    }), { numRuns: Number(process.env.CHUNK_RUNS ?? 40) });
  });

  it('gives after a series of edits exactly what a fresh analysis of the final texts gives', async () => {
    const { PolicyWorkspace } = await import('../../server/src/core/api');
    const root = join(__dirname, '..', '..', 'samples');
    const files = ['基本方針.md', '対策基準.md', '実施手順/USBメモリ等の取扱手順.md'];
    const texts = Object.fromEntries(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));
    const snippet = fc.constantFrom('\n\n## 10 評価・見直し\n\n根拠: 基本方針 6(9)\n', 'サーバー', 'ﾈｯﾄﾜｰｸ', '\n\n', '（以下「監査人」という。）',
      '\n(9) 無害化通信　安全な通信をいう。\n', '根拠: 対策基準 5.9', 'x', '\n---\n', '```\n');
    const edit = fc.record({ file: fc.constantFrom(...files), at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat(40), insert: snippet });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      const live = new PolicyWorkspace();
      const current = { ...texts };
      for (const f of files) live.setDocument(`file:///${f}`, f, current[f]);
      live.findings();
      for (const e of edits) {
        const t = current[e.file];
        const at = Math.floor(e.at * t.length);
        current[e.file] = t.slice(0, at) + e.insert + t.slice(Math.min(t.length, at + e.cut));
        live.setDocument(`file:///${e.file}`, e.file, current[e.file]);
        live.findings();
      }
      const fresh = new PolicyWorkspace();
      for (const f of files) fresh.setDocument(`file:///${f}`, f, current[f]);
      assert.deepEqual(live.findings(), fresh.findings());
    }), { numRuns: Number(process.env.CHUNK_RUNS ?? 25) });
  });
});
