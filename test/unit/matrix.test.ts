// The traceability matrix of a policy set and its Markdown, CSV and HTML renderings, exactly.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import {
  matrixCsv, matrixHtml, matrixMarkdown, messagesFor, PolicyWorkspace, traceMatrix, type MatrixLocation, type TraceMatrix,
} from '../../server/src/core/api';
import { fixtureWorkspace } from './helpers';

const ja = messagesFor('ja');
const en = messagesFor('en');

function matricesOf(ws: PolicyWorkspace): TraceMatrix[] {
  return ws.getIndexes().map(traceMatrix);
}

/** A row as one line: id, status, standards with their procedures, procedures, waiver. */
function rowLines(matrix: TraceMatrix): string[] {
  const at = (l: MatrixLocation) => `${l.path}:${l.range.start.line}`;
  return matrix.rows.map((r) => [
    `${r.parent ? '  ' : ''}${r.id} ${r.title} [${r.status}] @${at(r.location)}`,
    `S: ${r.standards.map((s) => `${s.name} @${at(s.location)}${s.procedures.length ? ` → ${s.procedures.join(',')}` : ''}`).join(' | ')}`,
    `P: ${r.procedures.map((p) => `${p.name} @${at(p.location)}`).join(' | ')}`,
    ...(r.waiver ? [`W: ${r.waiver.reason} @${at(r.waiver.location)}`] : []),
  ].join(' ; '));
}

function samplesWorkspace(): PolicyWorkspace {
  const root = join(__dirname, '..', '..', 'samples');
  const ws = new PolicyWorkspace();
  for (const f of readdirSync(root, { recursive: true }) as string[]) {
    const path = f.split('\\').join('/');
    if (path.endsWith('.md')) ws.setDocument(`file:///${path}`, path, readFileSync(join(root, f), 'utf8'));
  }
  return ws;
}

describe('traceability matrix', () => {
  it('has one row per measure and sub-item of the mini set, with locations, links and the waiver', () => {
    const [matrix, ...rest] = matricesOf(fixtureWorkspace('core/mini'));
    assert.equal(rest.length, 0);
    assert.equal(matrix.name, '');
    assert.deepEqual(rowLines(matrix), [
      '6(1) 組織体制 [covered] @policy.md:4 ; S: 2 組織体制 @standards.md:11 → 0 ; P: 組織運営手順 @procedure.md:4',
      '6(2) 情報資産の分類と管理 [missing-procedure] @policy.md:8 ; S: 3 情報資産の分類及び管理方法 @standards.md:17 ; P: ',
      '6(3) 情報システム全体の強靱性の向上 [missing-procedure] @policy.md:12 ; S: 4 情報システム全体の強靭性の向上 @standards.md:21 | 4.2 インターネット接続系 @standards.md:27 ; P: ',
      '  6(3)① マイナンバー利用事務系 [waived] @policy.md:16 ; S: 4 情報システム全体の強靭性の向上 @standards.md:21 ; P:  ; W: マイナンバー利用事務系を保有しないため。 @standards.md:25',
      '  6(3)② インターネット接続系 [missing-procedure] @policy.md:17 ; S: 4.2 インターネット接続系 @standards.md:27 | 4 情報システム全体の強靭性の向上 @standards.md:21 ; P: ',
      '6(4) 物理的セキュリティ [missing-standard] @policy.md:19 ; S:  ; P: ',
    ]);
    assert.deepEqual(matrix.counts, { 'covered': 1, 'missing-procedure': 3, 'missing-standard': 1, 'waived': 1 });
    assert.deepEqual(matrix.rows[0].location, { uri: 'file:///policy.md', path: 'policy.md', range: { start: { line: 4, character: 4 }, end: { line: 4, character: 12 } } });
    assert.equal(matrix.rows[3].parent, '6(3)');
  });

  it('matches the samples: every measure, the two gaps and the waived 6(3)①', () => {
    const [matrix] = matricesOf(samplesWorkspace());
    assert.deepEqual(rowLines(matrix), [
      '6(1) 組織体制 [covered] @基本方針.md:83 ; S: 2 組織体制 @対策基準.md:41 → 0 ; P: 情報資産台帳管理手順 @実施手順/情報資産台帳管理手順.md:3',
      '6(2) 情報資産の分類と管理 [covered] @基本方針.md:87 ; S: 3 情報資産の分類及び管理 @対策基準.md:79 → 0 ; P: 情報資産台帳管理手順 @実施手順/情報資産台帳管理手順.md:3',
      '6(3) 情報システム全体の強靱性の向上 [covered] @基本方針.md:91 ; S: 4 情報システム全体の強靭性の向上 @対策基準.md:126 → 0 | 4.2 インターネット接続系 @対策基準.md:136 → 0 ; P: インターネット接続系端末利用手順 @実施手順/インターネット接続系端末利用手順.md:3',
      '  6(3)① マイナンバー利用事務系 [waived] @基本方針.md:95 ; S: 4 情報システム全体の強靭性の向上 @対策基準.md:126 → 0 ; P: インターネット接続系端末利用手順 @実施手順/インターネット接続系端末利用手順.md:3 ; W: 本組合はマイナンバー利用事務系の端末及びシステムを保有しないため。 @対策基準.md:132',
      '  6(3)② インターネット接続系 [covered] @基本方針.md:96 ; S: 4.2 インターネット接続系 @対策基準.md:136 → 0 | 4 情報システム全体の強靭性の向上 @対策基準.md:126 → 0 ; P: インターネット接続系端末利用手順 @実施手順/インターネット接続系端末利用手順.md:3',
      '6(4) 物理的セキュリティ [covered] @基本方針.md:98 ; S: 5 物理的セキュリティ @対策基準.md:156 → 0,1 ; P: USBメモリ等の取扱手順 @実施手順/USBメモリ等の取扱手順.md:3 | サーバ室入退室管理手順 @実施手順/サーバ室入退室管理手順.md:4',
      '6(5) 人的セキュリティ [covered] @基本方針.md:102 ; S: 6 人的セキュリティ @対策基準.md:208 → 0 | 8.2(3) 統括情報セキュリティ責任者 @対策基準.md:329 ; P: 情報セキュリティインシデント対応手順 @実施手順/情報セキュリティインシデント対応手順.md:3',
      '6(6) 技術的セキュリティ [covered] @基本方針.md:106 ; S: 7 技術的セキュリティ @対策基準.md:267 → 0 ; P: USBメモリ等の取扱手順 @実施手順/USBメモリ等の取扱手順.md:3',
      '6(7) 運用 [covered] @基本方針.md:110 ; S: 8 運用 @対策基準.md:311 → 0 ; P: 情報セキュリティインシデント対応手順 › 3 CSIRTによる初動対応 @実施手順/情報セキュリティインシデント対応手順.md:22',
      '6(8) 業務委託と外部サービス（クラウドサービス）の利用 [missing-procedure] @基本方針.md:114 ; S: 9 業務委託と外部サービスの利用 @対策基準.md:366 ; P: ',
      '6(9) 評価・見直し [missing-standard] @基本方針.md:122 ; S:  ; P: ',
    ]);
  });
});

describe('traceability matrix renderers', () => {
  const mini = matricesOf(fixtureWorkspace('core/mini'));

  it('writes the Markdown table with links to each line', () => {
    assert.equal(matrixMarkdown(mini, { msg: ja }), [
      '# トレーサビリティ・マトリクス',
      '',
      '措置 6 件: 充足 1、実施手順なし 3、対策基準なし 1、適用除外 1',
      '',
      '| 措置 | 表題 | 対策基準 | 対策基準数 | 実施手順 | 実施手順数 | 状態 | 備考 |',
      '| --- | --- | --- | ---: | --- | ---: | --- | --- |',
      '| [6(1)](policy.md#L5) | 組織体制 | [2 組織体制](standards.md#L12) | 1 | [組織運営手順](procedure.md#L5) | 1 | ○ 充足 | |',
      '| [6(2)](policy.md#L9) | 情報資産の分類と管理 | [3 情報資産の分類及び管理方法](standards.md#L18) | 1 | | 0 | △ 実施手順なし | |',
      '| [6(3)](policy.md#L13) | 情報システム全体の強靱性の向上 | [4 情報システム全体の強靭性の向上](standards.md#L22)<br>[4.2 インターネット接続系](standards.md#L28) | 2 | | 0 | △ 実施手順なし | |',
      '| [6(3)①](policy.md#L17) | マイナンバー利用事務系 | [4 情報システム全体の強靭性の向上](standards.md#L22) | 1 | | 0 | － 適用除外 | [適用除外の理由: マイナンバー利用事務系を保有しないため。](standards.md#L26) |',
      '| [6(3)②](policy.md#L18) | インターネット接続系 | [4.2 インターネット接続系](standards.md#L28)<br>[4 情報システム全体の強靭性の向上](standards.md#L22) | 2 | | 0 | △ 実施手順なし | |',
      '| [6(4)](policy.md#L20) | 物理的セキュリティ | | 0 | | 0 | × 対策基準なし | |',
      '',
    ].join('\n'));
  });

  it('writes CSV with a BOM, CRLF records and RFC 4180 quoting, headers in English when asked', () => {
    assert.equal(matrixCsv(mini, { msg: en }), '\uFEFF' + [
      'Measure,Title,Standards,Standards (count),Procedures,Procedures (count),Status,Note,Location',
      '6(1),組織体制,2 組織体制 (standards.md:12),1,組織運営手順 (procedure.md:5),1,○ covered,,policy.md:5',
      '6(2),情報資産の分類と管理,3 情報資産の分類及び管理方法 (standards.md:18),1,,0,△ no procedures,,policy.md:9',
      '6(3),情報システム全体の強靱性の向上,"4 情報システム全体の強靭性の向上 (standards.md:22)\n4.2 インターネット接続系 (standards.md:28)",2,,0,△ no procedures,,policy.md:13',
      '6(3)①,マイナンバー利用事務系,4 情報システム全体の強靭性の向上 (standards.md:22),1,,0,－ waived,Waived because: マイナンバー利用事務系を保有しないため。 (standards.md:26),policy.md:17',
      '6(3)②,インターネット接続系,"4.2 インターネット接続系 (standards.md:28)\n4 情報システム全体の強靭性の向上 (standards.md:22)",2,,0,△ no procedures,,policy.md:18',
      '6(4),物理的セキュリティ,,0,,0,× no standards,,policy.md:20',
      '',
    ].join('\r\n'));
  });

  it('quotes commas and doubles quotes in CSV, and adds a set column for several sets', () => {
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///p.md', 'p.md', '---\n種別: 基本方針\n---\n# 基本方針\n\n## 6 情報セキュリティ対策\n\n### (1) 組織体制, "全庁"\n\n確立する。\n');
    const [m] = matricesOf(ws);
    assert.equal(matrixCsv([m, { ...m, name: 'B町' }], { msg: ja }), '\uFEFF' + [
      '文書群,措置,表題,対策基準,対策基準数,実施手順,実施手順数,状態,備考,場所',
      ',6(1),"組織体制, ""全庁""",,0,,0,× 対策基準なし,,p.md:8',
      'B町,6(1),"組織体制, ""全庁""",,0,,0,× 対策基準なし,,p.md:8',
      '',
    ].join('\r\n'));
  });

  it('writes one self-contained, printable HTML page', () => {
    const html = matrixHtml(mini, { msg: ja, generated: '2025-04-01 09:30' });
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'));
    assert.ok(html.includes('<title>トレーサビリティ・マトリクス</title>'));
    assert.ok(html.includes('<p class="generated">作成日時: 2025-04-01 09:30</p>'));
    assert.ok(html.includes('<thead><tr><th scope="col">措置</th><th scope="col">表題</th><th scope="col">対策基準</th><th scope="col">対策基準数</th><th scope="col">実施手順</th><th scope="col">実施手順数</th><th scope="col">状態</th><th scope="col">備考</th></tr></thead>'));
    assert.ok(html.includes('<tr class="covered"><th scope="row"><a href="policy.md#L5">6(1)</a></th><td>組織体制</td><td><ul><li><a href="standards.md#L12">2 組織体制</a></li></ul></td><td class="count">1</td><td><ul><li><a href="procedure.md#L5">組織運営手順</a></li></ul></td><td class="count">1</td><td class="status">○ 充足</td><td></td></tr>'));
    assert.ok(html.includes('<tr class="waived sub"><th scope="row"><a href="policy.md#L17">6(3)①</a></th><td>マイナンバー利用事務系</td><td><ul><li><a href="standards.md#L22">4 情報システム全体の強靭性の向上</a></li></ul></td><td class="count">1</td><td></td><td class="count">0</td><td class="status">－ 適用除外</td><td><a href="standards.md#L26">適用除外の理由: マイナンバー利用事務系を保有しないため。</a></td></tr>'));
    assert.ok(html.includes('<tr class="missing-standard"><th scope="row"><a href="policy.md#L20">6(4)</a></th><td>物理的セキュリティ</td><td></td><td class="count">0</td><td></td><td class="count">0</td><td class="status">× 対策基準なし</td><td></td></tr>'));
    assert.ok(html.includes('<li><span class="swatch missing-standard">×</span> 対策基準なし: 措置を実施する対策基準がない</li>'), 'the legend');
    assert.ok(html.includes('@media print {'));
    assert.ok(html.includes('print-color-adjust: exact;'));
    assert.ok(html.endsWith('</body>\n</html>\n'));
    assert.ok(!/<script/i.test(html), 'no script');
    assert.ok(!/https?:/i.test(html), 'no http URL');
    assert.ok(!/<link|<img|@import|url\(/i.test(html), 'no external resource');
    assert.ok(!html.includes('Content-Security-Policy'), 'a CSP only when asked (for the webview)');
  });

  it('escapes <&> in titles, and follows the options of a webview (CSP, nonce, links, English)', () => {
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///p.md', 'p.md', '---\n種別: 基本方針\n---\n# 基本方針\n\n## 6 情報セキュリティ対策\n\n### (1) 組織<体制> & "運用"\n\n確立する。\n');
    const html = matrixHtml(matricesOf(ws), {
      msg: en, lang: 'en', generated: 'today', styleNonce: 'abc', contentSecurityPolicy: "default-src 'none'; style-src 'nonce-abc'",
      href: (l) => `command:open?${encodeURIComponent(JSON.stringify([l.uri, l.range.start.line]))}`,
    });
    assert.ok(html.includes('<html lang="en">'));
    assert.ok(html.includes('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-abc&#39;">'));
    assert.ok(html.includes('<style nonce="abc">'));
    assert.ok(html.includes('<tr class="missing-standard"><th scope="row"><a href="command:open?%5B%22file%3A%2F%2F%2Fp.md%22%2C7%5D">6(1)</a></th><td>組織&lt;体制&gt; &amp; &quot;運用&quot;</td>'));
    assert.ok(!html.includes('組織<体制>'));
  });

  it('says so when a set has no measures', () => {
    const empty: TraceMatrix = { name: '色麻町', rows: [], counts: { 'covered': 0, 'missing-procedure': 0, 'missing-standard': 0, 'waived': 0 } };
    assert.equal(matrixMarkdown([empty], { msg: ja }), '# トレーサビリティ・マトリクス\n\n## 色麻町\n\nこの文書群には措置がありません（基本方針の措置の節が見つかりません）。\n');
  });
});
