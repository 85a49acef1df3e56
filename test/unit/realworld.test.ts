// Acceptance on documents written without looking at the parser, in the shapes of real bodies'
// policies (条文 style, old 第N style without front matter, a hospital). Each folder's EXPECTED.md
// says, from the rules alone, what a correct checker reports; these tests hold the checker to it.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyWorkspace } from '../../server/src/core/api';
import { FIXTURES } from './helpers';

/** Loads a folder as the host does: UTF-8, without a BOM. */
function load(folder: string): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  const root = join(FIXTURES, 'realworld', folder);
  for (const f of readdirSync(root, { recursive: true }) as string[]) {
    const path = f.split('\\').join('/');
    if (!path.endsWith('.md') || path === 'EXPECTED.md') continue;
    const text = readFileSync(join(root, f), 'utf8');
    ws.setDocument(`file:///${path}`, path, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }
  return ws;
}

/** `file:line code` with 1-based lines, as EXPECTED.md lists them (trace rules: they were written before the term rules). */
function reported(ws: PolicyWorkspace): string[] {
  // The hints that compare standards chapters with the model are held to their list in guideline.test.ts.
  return [...ws.findings().values()].flat()
    .filter((f) => !f.code.startsWith('term/') && f.code !== 'guideline/missing-chapter')
    .map((f) => `${f.uri.slice('file:///'.length)}:${f.range.start.line + 1} ${f.code}`)
    .sort();
}

function coverage(ws: PolicyWorkspace): string[] {
  return [...ws.getIndexes()[0].coverage.values()].map((c) => `${c.measure.id} ${c.measure.title} ${c.status}`);
}

describe('real-world shapes (EXPECTED.md)', () => {
  it('a town\'s 条文-style set: 第6条 with kanji items, 章/節/条 standards, article citations', () => {
    const ws = load('jorei-style');
    assert.deepEqual(reported(ws), [
      '基本方針.md:48 trace/missing-procedure',
      '基本方針.md:50 trace/missing-procedure',
      '基本方針.md:54 trace/missing-procedure',
      '基本方針.md:56 trace/missing-standard',
      '実施手順/ID及びパスワード管理手順.md:26 trace/unresolved-reference',
      '対策基準.md:115 trace/inferred-link',
      '対策基準.md:47 trace/inferred-link',
      '対策基準.md:76 trace/inferred-link',
    ]);
    assert.deepEqual(coverage(ws), [
      '第6条第1号 組織体制 missing-procedure',
      '第6条第2号 情報資産の分類と管理 covered',
      '第6条第3号 情報システム全体の強靭性の向上 missing-procedure',
      '第6条第4号 物理的セキュリティ covered',
      '第6条第5号 人的セキュリティ covered',
      '第6条第6号 技術的セキュリティ covered',
      '第6条第7号 運用 missing-procedure',
      '第6条第8号 業務委託と外部サービス（クラウドサービス）の利用 covered',
      '第6条第9号 評価・見直し missing-standard',
    ]);
  });

  it('an old 第N-style set with no front matter, outline numbers, CRLF and a BOM', () => {
    const ws = load('old-numbered');
    const tiers = ws.getIndexes()[0].documents.map((d) => `${d.path} ${d.tier} ${d.tierSource}`);
    assert.deepEqual(tiers, [
      'ポリシー（別冊）.md standard title',
      'ポリシー（本文）.md policy title',
      '手順/サーバ管理手順.md procedure title',
      '手順/パスワード管理手順.md procedure title',
      '手順/情報資産取扱手順.md procedure title',
    ]);
    assert.deepEqual(reported(ws), [
      'ポリシー（別冊）.md:30 trace/inferred-link',
      'ポリシー（別冊）.md:59 trace/inferred-link',
      'ポリシー（別冊）.md:88 trace/inferred-link',
      'ポリシー（本文）.md:36 guideline/missing-measure',
      'ポリシー（本文）.md:38 trace/missing-procedure',
      'ポリシー（本文）.md:46 trace/missing-procedure',
      'ポリシー（本文）.md:48 trace/missing-standard',
      'ポリシー（本文）.md:50 trace/missing-procedure',
    ]);
    assert.deepEqual(coverage(ws), [
      '第6(1) 組織体制 missing-procedure',
      '第6(2) 情報資産の分類と管理 covered',
      '第6(3) 物理的セキュリティ covered',
      '第6(4) 人的セキュリティ covered',
      '第6(5) 技術的セキュリティ missing-procedure',
      '第6(6) 運用 missing-standard',
      '第6(7) 評価・見直し missing-procedure',
    ]);
  });

  it('a hospital set: a waived sub-item, a 雑則 chapter (never an orphan), a bad tier in front matter', () => {
    const ws = load('hospital');
    assert.deepEqual(reported(ws), [
      '基本方針.md:107 trace/missing-procedure',
      '基本方針.md:111 trace/missing-procedure',
      '基本方針.md:71 guideline/missing-measure',
      '基本方針.md:75 trace/missing-procedure',
      '基本方針.md:79 trace/missing-procedure',
      '実施手順/電子カルテ運用マニュアル.md:2 config/invalid',
      '対策基準.md:133 trace/inferred-link',
      '対策基準.md:40 trace/inferred-link',
    ]);
    assert.deepEqual(coverage(ws).slice(2, 5), [
      '6(3) 情報システム全体の強靱性の向上 covered',
      '6(3)① マイナンバー利用事務系 waived',
      '6(3)② インターネット接続系 covered',
    ]);
  });
});
