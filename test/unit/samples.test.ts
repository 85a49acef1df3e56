// The bundled samples show every check at work; this pins what a user sees when opening them.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyWorkspace, nodeName } from '../../server/src/core/api';

const ROOT = join(__dirname, '..', '..', 'samples');

function load(): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  for (const f of readdirSync(ROOT, { recursive: true }) as string[]) {
    const path = f.split('\\').join('/');
    if (path.endsWith('.md') && path !== 'README.md') ws.setDocument(`file:///${path}`, path, readFileSync(join(ROOT, f), 'utf8'));
    if (path === 'policy-trace.lock') ws.setLock({ uri: `file:///${path}`, text: readFileSync(join(ROOT, f), 'utf8') });
  }
  return ws;
}

describe('samples', () => {
  const ws = load();

  it('reports each kind of gap once, where the samples put it on purpose', () => {
    const lines = [...ws.findings().values()].flat().filter((f) => !f.code.startsWith('term/')).map((f) => `${f.uri.slice(8)}:${f.range.start.line + 1} ${f.code}`).sort();
    assert.deepEqual(lines, [
      '基本方針.md:115 trace/missing-procedure',
      '基本方針.md:123 trace/missing-standard',
      '基本方針.md:58 trace/threat-unaddressed',
      '基本方針.md:59 trace/threat-unaddressed',
      '基本方針.md:60 trace/threat-unaddressed',
      '基本方針.md:80 guideline/missing-measure',
      '実施手順/パスワード管理手順.md:6 trace/unresolved-reference',
      '実施手順/電子カルテ端末日常点検手順.md:4 trace/orphan',
      '対策基準.md:127 trace/inferred-link',
      '対策基準.md:195 structure/numbering',
      '対策基準.md:207 ref/unresolved',
      '対策基準.md:268 guideline/missing-chapter',
      '対策基準.md:270 trace/suspect',
      '対策基準.md:80 trace/inferred-link',
    ]);
  });

  it('traces every measure through standards to procedures, nesting and waivers included', () => {
    const index = ws.getIndexes()[0];
    const rows = [...index.coverage.values()].map((c) =>
      `${c.measure.id} ${c.status} | ${c.standards.map(nodeName).join(', ')} | ${[...new Set(c.procedures.map((p) => p.doc.path))].join(', ')}`);
    assert.deepEqual(rows, [
      '6(1) covered | 2 組織体制 | 実施手順/情報資産台帳管理手順.md',
      '6(2) covered | 3 情報資産の分類及び管理 | 実施手順/情報資産台帳管理手順.md',
      '6(3) covered | 4 情報システム全体の強靭性の向上, 4.2 インターネット接続系 | 実施手順/インターネット接続系端末利用手順.md',
      '6(3)① waived | 4 情報システム全体の強靭性の向上 | 実施手順/インターネット接続系端末利用手順.md',
      '6(3)② covered | 4.2 インターネット接続系, 4 情報システム全体の強靭性の向上 | 実施手順/インターネット接続系端末利用手順.md',
      '6(4) covered | 5 物理的セキュリティ | 実施手順/USBメモリ等の取扱手順.md, 実施手順/サーバ室入退室管理手順.md',
      '6(5) covered | 6 人的セキュリティ, 8.2(3) 統括情報セキュリティ責任者 | 実施手順/情報セキュリティインシデント対応手順.md',
      '6(6) covered | 7 技術的セキュリティ | 実施手順/USBメモリ等の取扱手順.md',
      '6(7) covered | 8 運用 | 実施手順/情報セキュリティインシデント対応手順.md',
      '6(8) missing-procedure | 9 業務委託と外部サービスの利用 | ',
      '6(9) missing-standard |  | ',
    ]);
  });

  it('reads tiers from front matter, in Japanese or English keys', () => {
    const en = new PolicyWorkspace();
    en.setDocument('file:///a.md', 'a.md', '---\nkind: standard\n---\n# 基準\n');
    en.setDocument('file:///b.md', 'b.md', '---\ntier: procedure\n---\n# x\n');
    assert.deepEqual(en.getIndexes()[0].documents.map((d) => `${d.path} ${d.tier} ${d.tierSource}`), ['a.md standard frontMatter', 'b.md procedure frontMatter']);
  });

  it('shows each term rule once, where the samples put it on purpose', () => {
    const lines = [...ws.findings().values()].flat().filter((f) => f.code.startsWith('term/')).map((f) => `${f.uri.slice(8)}:${f.range.start.line + 1} ${f.code} ${f.message}`).sort();
    assert.deepEqual(lines, [
      '基本方針.md:68 term/conflict 「情報資産」が異なる内容で重ねて定義されています。',
      '基本方針.md:96 term/undefined 「マイナンバー利用事務系」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
      '実施手順/USBメモリ等の取扱手順.md:20 term/variant 「職員など」は定義語「職員等」の表記ゆれです。',
      '実施手順/情報セキュリティインシデント対応手順.md:29 term/variant 「ﾈｯﾄﾜｰｸ」は定義語「ネットワーク」の表記ゆれです。',
      '対策基準.md:131 term/undefined 「マイナンバー利用事務系」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
      '対策基準.md:32 term/conflict 「情報資産」が異なる内容で重ねて定義されています。',
      '対策基準.md:34 term/unused 定義語「無害化通信」は文書群のどこにも使われていません。',
      '対策基準.md:38 term/before-definition 「CISO」が、この文書で定義される前に使われています。',
      '対策基準.md:66 term/long-form 「最高情報セキュリティ責任者」は「CISO」と略すと定義されています。',
    ]);
  });
});
