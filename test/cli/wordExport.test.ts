// `policy-trace export --docx` on a copy of the samples: the cover page from front matter, the
// appendices, --public, and the round trip: importing what was exported checks the same.

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { ROOT, lines, run } from './run';

/** Every text run of the .docx, paragraph by paragraph (hidden front matter included). */
async function paragraphs(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .filter(Boolean);
}

/** The check's findings without line numbers, and its coverage table: what a round trip keeps. */
function checked(folder: string, cwd: string): string[] {
  return lines(run(['check', folder], { cwd }).stdout).map((l) => l.replace(/^[^ ]*?([^/ ]+\.md):\d+:\d+ /, '$1 ')).sort();
}

describe('policy-trace export --docx', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-export-'));
    cpSync(join(ROOT, 'samples'), join(dir, 'set'), { recursive: true });
    const standards = join(dir, 'set', '対策基準.md');
    writeFileSync(standards, readFileSync(standards, 'utf8').replace('種別: 対策基準', '種別: 対策基準\n版: 第3版\n日付: 2024-04-01'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the cover page from front matter, the text as numbered, the terms and the matrix', async () => {
    const r = run(['export', '--docx', 'set', '--tier', '対策基準', '--out', 'std.docx'], { cwd: dir });
    assert.deepEqual([r.status, r.stdout], [0, 'std.docx: 1 文書を決裁用に書き出しました（表紙、付録として用語の定義とトレーサビリティ・マトリクス）。\n']);
    const text = await paragraphs(join(dir, 'std.docx'));
    assert.deepEqual(text.slice(0, 3), ['加美郡保健医療福祉行政事務組合情報セキュリティ対策基準', '版: 第3版', '日付: 2024-04-01']);
    // The front matter, hidden, then the document with its numbers as written.
    assert.deepEqual(text.slice(3, 6), ['種別: 対策基準', '版: 第3版', '日付: 2024-04-01']);
    assert.ok(text.includes('5.2 管理区域（情報システム室等）の管理'));
    assert.ok(text.includes('① 情報システム室は、外部からの侵入が容易でない場所に設け、窓がある場合は施錠及び遮蔽の措置を講じなければならない。'));
    const appendix = text.slice(text.indexOf('付録1　用語の定義'));
    assert.deepEqual(appendix.slice(0, 4), ['付録1　用語の定義', '用語', '意味', '定義している文書']);
    assert.ok(appendix.includes('職員等'));
    const matrix = appendix.slice(appendix.indexOf('付録2　トレーサビリティ・マトリクス'));
    assert.deepEqual(matrix.slice(0, 9), ['付録2　トレーサビリティ・マトリクス', '措置', '表題', '対策基準', '実施手順', '状態', '6(1)', '組織体制', '2 組織体制']);
  });

  it('--public leaves out what is not public, in the text and in the matrix', async () => {
    assert.equal(run(['export', '--docx', 'set', '--public'], { cwd: dir }).status, 0);
    const all = (await paragraphs(join(dir, 'set.docx'))).join('\n');
    assert.ok(all.includes('加美郡保健医療福祉行政事務組合情報セキュリティ基本方針'));
    for (const secret of ['サーバ室入退室管理手順', 'パスワード管理手順', '電子カルテ端末日常点検手順']) assert.ok(!all.includes(secret), secret);
    assert.match(all, /非公開/);
  });

  it('round trip: the exported policy and standards, imported again, check the same as before', () => {
    const before = checked('set', dir);
    for (const tier of ['基本方針', '対策基準']) assert.equal(run(['export', '--docx', 'set', '--tier', tier, '--out', `${tier}.docx`], { cwd: dir }).status, 0);
    const imported = run(['import', '基本方針.docx', '対策基準.docx', '--out', 'set', '--force'], { cwd: dir });
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal(imported.stderr, '');
    assert.ok(readFileSync(join(dir, 'set', '対策基準.md'), 'utf8').startsWith('---\n種別: 対策基準\n版: 第3版\n日付: 2024-04-01\n---\n# 加美郡保健医療福祉行政事務組合情報セキュリティ対策基準\n'));
    assert.deepEqual(checked('set', dir), before);
  });

  it('needs --docx, and writes over nothing unless --force', () => {
    assert.equal(run(['export', 'set'], { cwd: dir }).status, 2);
    writeFileSync(join(dir, 'set.docx'), 'mine');
    const kept = run(['export', '--docx', 'set'], { cwd: dir });
    assert.deepEqual([kept.status, kept.stderr], [2, 'set.docx は既にあるので上書きしていません（--force で上書きします）。\n']);
    assert.equal(readFileSync(join(dir, 'set.docx'), 'utf8'), 'mine');
    assert.equal(run(['export', '--docx', 'set', '--force'], { cwd: dir }).status, 0);
    assert.ok(existsSync(join(dir, 'set.docx')));
  });
});
