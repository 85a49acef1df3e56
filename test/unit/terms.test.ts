// Defined terms: every definition form, where uses are found (boundaries, soft breaks, markup,
// width), and each term rule on a three-tier set.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PolicyWorkspace, analyzeDocument } from '../../server/src/core/api';
import { longFormBefore } from '../../server/src/core/terms/definitions';
import { variantFold, VariantFolding } from '../../server/src/core/terms/variantFold';
import { matchedBlocks } from '../../server/src/core/terms/uses';
import { endAt, sourceView, startAt } from '../../server/src/core/text/textView';
import { analyzeFixture, findingLines, fixtureWorkspace } from './helpers';

function usesOf(text: string): string[] {
  const ws = new PolicyWorkspace();
  ws.setDocument('file:///基本方針.md', '基本方針.md', text);
  const index = ws.getIndexes()[0];
  return [...index.terms.uses.get(index.documents[0])!].map((u) => `${u.kind} ${u.term} [${text.slice(u.span.start, u.span.end)}]`);
}

describe('terms', () => {
  it('recognises every definition form: items, one-line items, とは, colon, table, scope, inline', () => {
    const { facts, text } = analyzeFixture('terms/forms.md');
    assert.deepEqual(facts.definitions.map((d) => `${d.kind} ${d.term} [${text.slice(d.span.start, d.span.end)}] ${d.text}${d.longForm ? ` / ${d.longForm}` : ''}`), [
      'item ネットワーク [ネットワーク] コンピュータ等を相互に接続するための通信網をいう。',
      'item 情報システム [情報システム] コンピュータ及びネットワークで構成される仕組みをいう。',
      'quoted 機密性 [機密性] 認められた者だけがアクセスできる状態をいう。',
      'colon 可用性 [可用性] 必要なときに使える状態をいう。',
      'table 完全性 [完全性] 改ざんされていない状態をいう。',
      'scope 情報資産 [情報資産] 本基本方針が対象とする情報資産は、次のとおりとする。',
      'inline 職員等 [職員等] 職員、会計年度任用職員等 / 職員、会計年度任用職員等',
    ]);
  });

  it('reads the defined terms of the user\'s policy, as given', () => {
    const { facts } = analyzeFixture('seed/基本方針.md');
    assert.deepEqual(facts.definitions.map((d) => d.term), [
      'ネットワーク', '情報システム', '情報セキュリティ', '情報セキュリティポリシー', '機密性', '完全性', '可用性',
      'インターネット接続系', '医療情報システム接続系', '通信経路の分割', '情報資産', '職員等',
    ]);
  });

  it('finds the long form of an abbreviation: the noun phrase before （以下「X」という。）', () => {
    assert.equal(longFormBefore('職員、会計年度任用職員等'), '職員、会計年度任用職員等');
    assert.equal(longFormBefore('本基本方針は、北山町'), '北山町');
    assert.equal(longFormBefore('この基準は、基本方針に基づき、加美郡保健医療福祉行政事務組合、公立加美病院及び加美老人保健施設'), '加美郡保健医療福祉行政事務組合、公立加美病院及び加美老人保健施設');
    assert.equal(longFormBefore('本組合に、事務局長をもって最高情報セキュリティ責任者'), '最高情報セキュリティ責任者');
    assert.equal(longFormBefore('CISOを委員長とする情報セキュリティ委員会'), '情報セキュリティ委員会');
    assert.equal(longFormBefore('本組合に最高情報セキュリティ責任者'), '最高情報セキュリティ責任者');
    assert.equal(longFormBefore('情報セキュリティに関する統一的な基準'), '情報セキュリティに関する統一的な基準');
  });

  it('finds uses longest first, across soft breaks and markup, not inside longer katakana words', () => {
    const text = '---\n種別: 基本方針\n---\n## 2 定義\n\n(1) 情報セキュリティ　情報資産を守ることをいう。\n\n(2) 情報セキュリティポリシー　基本方針をいう。\n\n(3) ワード　文書作成ソフトをいう。\n\n## 3 本文\n\n情報セキュリティポリシーと情報\nセキュリティ、**情報**セキュリティ。キーワード、ワード・プロセッサ、ワードパッド。\n';
    assert.deepEqual(usesOf(text), [
      'exact 情報セキュリティポリシー [情報セキュリティポリシー]',
      'exact 情報セキュリティ [情報\nセキュリティ]',
      'exact 情報セキュリティ [情報**セキュリティ]',
      'exact ワード [ワード]',
    ]);
  });

  it('tells spelling variants apart: width, long vowel, variant kanji, middle dot, okurigana, kana', () => {
    const text = '---\n種別: 基本方針\n---\n## 2 定義\n\n(1) サーバ　機器をいう。\n\n(2) 強靭性　しなやかさをいう。\n\n(3) 取扱い　扱うことをいう。\n\n(4) 職員等　職員をいう。\n\n(5) ネットワーク　通信網をいう。\n\n## 3 本文\n\nｻｰﾊﾞ、サーバー、強靱性、ネット・ワーク、取り扱い、職員など、サーバ。\n';
    assert.deepEqual(usesOf(text), [
      'variant サーバ [ｻｰﾊﾞ]',
      'variant サーバ [サーバー]',
      'variant 強靭性 [強靱性]',
      'variant ネットワーク [ネット・ワーク]',
      'variant 取扱い [取り扱い]',
      'variant 職員等 [職員など]',
      'exact サーバ [サーバ]',
    ]);
  });

  it('leaves code, HTML comments, front matter and URLs alone, but reads the text right after a URL', () => {
    const text = '---\n種別: 基本方針\n---\n## 2 定義\n\n(1) サーバ　機器をいう。\n\n(2) LGWAN　行政専用の網をいう。\n\n## 3 本文\n\n`サーバー` <!-- サーバー --> https://example.jp/LGWAN/（https://example.jp/x）を参照すること。サーバー。\n\n```\nサーバー\n```\n';
    assert.deepEqual(usesOf(text), ['variant サーバ [サーバー]']);
  });

  it('reports each term rule across the three tiers', () => {
    const lines = findingLines(fixtureWorkspace('terms/set')).filter((l) => l.includes(' term/'));
    assert.deepEqual(lines, [
      '基本方針.md 11:4-11:9 hint term/unused 定義語「無害化通信」は文書群のどこにも使われていません。',
      '基本方針.md 7:18-7:24 warning term/undefined 「ネットワーク」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
      '基本方針.md 9:4-9:7 warning term/conflict 「サーバ」が異なる内容で重ねて定義されています。',
      '実施手順.md 5:0-5:4 warning term/variant 「ＣＩＳＯ」は定義語「CISO」の表記ゆれです。',
      '実施手順.md 5:12-5:18 warning term/variant 「情報ｼｽﾃﾑ」は定義語「情報システム」の表記ゆれです。',
      '対策基準.md 13:0-13:4 information term/before-definition 「CISO」が、この文書で定義される前に使われています。',
      '対策基準.md 13:16-13:20 warning term/variant 「サーバー」は定義語「サーバ」の表記ゆれです。',
      '対策基準.md 15:0-15:11 warning term/undefined 「マイナンバー利用事務系」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
      '対策基準.md 16:0-16:13 information term/long-form 「最高情報セキュリティ責任者」は「CISO」と略すと定義されています。',
      '対策基準.md 9:4-9:7 warning term/conflict 「サーバ」が異なる内容で重ねて定義されています。',
    ]);
  });

  it('carries quick fixes: the defined form, and one edit for every variant of the set', () => {
    const ws = fixtureWorkspace('terms/set');
    const f = ws.findings().get('file:///実施手順.md')!.find((x) => x.code === 'term/variant')!;
    assert.deepEqual(f.fixes.map((x) => x.title), ['「CISO」に置き換える', '文書群の表記ゆれをすべて定義語に直す（3 件）']);
    assert.deepEqual(f.fixes[1].edits.map((e) => [e.uri, e.edits.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.newText}`)]), [
      ['file:///実施手順.md', ['5:0 CISO', '5:12 情報システム']],
      ['file:///対策基準.md', ['13:16 サーバ']],
    ]);
    const unused = ws.findings().get('file:///基本方針.md')!.find((x) => x.code === 'term/unused')!;
    assert.deepEqual(unused.tags, ['unnecessary']);
  });

  it('keeps quiet where a comment says so, and for allowed spellings', () => {
    const ws = fixtureWorkspace('terms/set');
    ws.setConfig({ uri: 'file:///policy-trace.json', text: '{"terms": {"allow": ["サーバー", "無害化通信"], "vocabulary": ["CSIRT"]}}' });
    ws.setDocument('file:///実施手順.md', '実施手順.md', '---\n種別: 実施手順\n---\n# 手順\n\n<!-- policy-trace-disable-next-line term/variant -->\nＣＩＳＯは鍵を管理する。情報ｼｽﾃﾑ。\n<!-- policy-trace-disable -->\nＣＩＳＯ\n<!-- policy-trace-enable -->\nＣＩＳＯとCSIRT\n');
    const lines = findingLines(ws).filter((l) => l.includes(' term/') && !l.includes('conflict'));
    assert.deepEqual(lines, [
      '基本方針.md 7:18-7:24 warning term/undefined 「ネットワーク」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
      '実施手順.md 10:0-10:4 warning term/variant 「ＣＩＳＯ」は定義語「CISO」の表記ゆれです。',
      '実施手順.md 10:5-10:10 warning term/undefined 「CSIRT」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
      '対策基準.md 13:0-13:4 information term/before-definition 「CISO」が、この文書で定義される前に使われています。',
      '対策基準.md 15:0-15:11 warning term/undefined 「マイナンバー利用事務系」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
      '対策基準.md 16:0-16:13 information term/long-form 「最高情報セキュリティ責任者」は「CISO」と略すと定義されています。',
    ]);
  });

  it('counts term positions in UTF-16 code units, CRLF included', () => {
    const text = '---\r\n種別: 基本方針\r\n---\r\n## 2 定義\r\n\r\n(1) サーバ　機器をいう。\r\n\r\n## 3 本文\r\n\r\n𠮷ｶﾞサーバー。\r\n';
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///基本方針.md', '基本方針.md', text);
    const f = ws.findings().get('file:///基本方針.md')!.find((x) => x.code === 'term/variant')!;
    assert.deepEqual(f.range, { start: { line: 9, character: 4 }, end: { line: 9, character: 8 } });
    void analyzeDocument;
  });

  it('reads a prh dictionary as extra variant rules: strings, regular expressions, expected-only rules', () => {
    const ws = new PolicyWorkspace();
    ws.setConfig({ uri: 'file:///policy-trace.json', text: '{"terms": {"prh": ["prh.yml"]}}' });
    ws.setDictionaries([{ uri: 'file:///prh.yml', text: 'version: 1\nrules:\n  - expected: ユーザ\n    pattern: ユーザー\n  - expected: 漏えい\n    patterns:\n      - /漏[洩泄]/\n  - expected: JavaScript\n' }]);
    ws.setDocument('file:///基本方針.md', '基本方針.md', '---\n種別: 基本方針\n---\n## 3 本文\n\nユーザーとユーザ、漏洩と漏えい、javascriptとJavaScript。\n');
    const lines = findingLines(ws, undefined, /^term\/variant$/);
    assert.deepEqual(lines, [
      '基本方針.md 5:0-5:4 warning term/variant 「ユーザー」は「ユーザ」と書きます（表記ゆれ辞書）。',
      '基本方針.md 5:16-5:26 warning term/variant 「javascript」は「JavaScript」と書きます（表記ゆれ辞書）。',
      '基本方針.md 5:9-5:11 warning term/variant 「漏洩」は「漏えい」と書きます（表記ゆれ辞書）。',
    ]);
  });

  it('reports a broken prh dictionary at its spot', () => {
    const ws = new PolicyWorkspace();
    ws.setDictionaries([{ uri: 'file:///prh.yml', text: 'rules:\n  - expected: [\n' }]);
    const problems = ws.findings().get('file:///prh.yml')!;
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'config/invalid');
    assert.match(problems[0].message, /^表記ゆれ辞書（prh）を読めません: /);
  });

  it('reads the variants of an inline definition: 以下、 / no 。 / といいます / half-width brackets', () => {
    const text = '# 規程\n\n統括情報セキュリティ責任者（以下、「統括責任者」という。）を置く。情報システム室長（以下「室長」という）は、緊急時対応計画（以下「計画」といいます。）を定める。外部委託事業者(以下「委託先」という。)も同じ。\n';
    const facts = analyzeDocument({ uri: 'file:///a.md', path: 'a.md', text });
    assert.deepEqual(facts.definitions.map((d) => `${d.term} / ${d.longForm} [${text.slice(d.extent!.start, d.extent!.end)}]`), [
      '統括責任者 / 統括情報セキュリティ責任者 [（以下、「統括責任者」という。）]',
      '室長 / 情報システム室長 [（以下「室長」という）]',
      '計画 / 緊急時対応計画 [（以下「計画」といいます。）]',
      '委託先 / 外部委託事業者 [(以下「委託先」という。)]',
    ]);
  });

  it('offers the short form as the fix of a long form', () => {
    const ws = fixtureWorkspace('terms/set');
    const f = ws.findings().get('file:///対策基準.md')!.find((x) => x.code === 'term/long-form')!;
    assert.deepEqual(f.fixes, [{
      title: '「CISO」に置き換える',
      edits: [{ uri: 'file:///対策基準.md', edits: [{ range: { start: { line: 16, character: 0 }, end: { line: 16, character: 13 } }, newText: 'CISO' }] }],
    }]);
    assert.deepEqual(f.related.map((r) => [r.uri, r.range.start.line, r.range.start.character]), [['file:///対策基準.md', 14, 17]]);
  });

  it('reads numbered とは and colon items of a definitions section by their own form only', () => {
    const text = '## 1.2 用語の定義\n\n(1) 「管理区域」とは、入退室を制限する区域をいう。\n\n(2) 無線LAN：電波による網をいう。\n';
    const facts = analyzeDocument({ uri: 'file:///a.md', path: 'a.md', text });
    assert.deepEqual(facts.definitions.map((d) => `${d.kind} ${d.term} ${d.text}`), [
      'quoted 管理区域 入退室を制限する区域をいう。',
      'colon 無線LAN 電波による網をいう。',
    ]);
  });

  it('does not count the long form at its own definition as a use: an abbreviation used nowhere is unused', () => {
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///基本方針.md', '基本方針.md', '---\n種別: 基本方針\n---\n## 5 遵守義務\n\n職員、会計年度任用職員等（以下「職員等」という。）は、遵守しなければならない。\n');
    assert.deepEqual(findingLines(ws, undefined, /^term\//), [
      '基本方針.md 5:16-5:19 hint term/unused 定義語「職員等」は文書群のどこにも使われていません。',
    ]);
  });
});

describe('term uses kept as numbers', () => {
  it('give back every use, and select and entries agree with the uses one by one', () => {
    const ws = fixtureWorkspace('terms/set');
    const index = ws.getIndexes()[0];
    const kinds = ['exact', 'variant', 'longForm', 'vocabulary'] as const;
    let seen = 0;
    for (const doc of index.documents) {
      const uses = index.terms.uses.get(doc)!;
      const all = [...uses];
      assert.equal(all.length, uses.length);
      seen += all.length;
      for (const u of all) {
        if (u.kind === 'exact' || u.kind === 'variant') assert.equal(u.kind === 'exact', u.written === u.term, `${doc.path} ${u.start}`);
        assert.ok(u.start < u.end, `${doc.path} ${u.start}`);
      }
      // In text order, one after another.
      all.slice(1).forEach((u, i) => assert.ok(all[i].end <= u.start, `${doc.path} ${all[i].end} > ${u.start}`));
      for (const kind of kinds) {
        assert.deepEqual(uses.select([kind]), all.filter((u) => u.kind === kind));
        assert.deepEqual(uses.select([kind, 'exact'], (term) => term.length > 3), all.filter((u) => (u.kind === kind || u.kind === 'exact') && u.term.length > 3));
      }
      assert.deepEqual([...uses.entries(['exact', 'variant'])].sort((a, b) => a.key.localeCompare(b.key)),
        [...new Set(all.filter((u) => u.entry && (u.kind === 'exact' || u.kind === 'variant')).map((u) => u.entry!))].sort((a, b) => a.key.localeCompare(b.key)));
    }
    assert.deepEqual(new Set(index.documents.flatMap((d) => [...index.terms.uses.get(d)!].map((u) => u.kind))), new Set(kinds));
    assert.ok(seen > 10, `${seen} uses`);
  });
});

describe('the spelling-blind fold of a term scan', () => {
  it('gives the text and spans of variantFold, with its spans in reused buffers', () => {
    const folding = new VariantFolding();
    const piece = fc.constantFrom('情報', 'セキュリティー', 'サーバー', 'サーバーラック', 'ｻｰﾊﾞｰ', '取扱い', '取り扱い', '取扱', '・', ' ', '\t', '　', 'ー', '（１）',
      '強靭', '強靱', '𠮷', 'a', 'Ａ', '…', '①', 'ﾊﾟｽﾜｰﾄﾞ', '申込み', '職員等', '\n');
    fc.assert(fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
      const text = pieces.join('');
      const view = variantFold(sourceView(text));
      assert.equal(folding.fold(text), view.text, text);
      for (let k = 0; k < view.text.length; k++) {
        assert.equal(folding.sourceStart(k), startAt(view, k), `${text} ${k}`);
        assert.equal(folding.sourceEnd(k), endAt(view, k), `${text} ${k}`);
      }
    }), { numRuns: 1000 });
    // Past the buffers' first size, and again shorter after it.
    for (const text of ['取扱い・サーバー　'.repeat(100), 'ｻｰﾊﾞｰ']) {
      const view = variantFold(sourceView(text));
      assert.equal(folding.fold(text), view.text);
      assert.deepEqual([...view.text].map((_, k) => [folding.sourceStart(k), folding.sourceEnd(k)]), [...view.text].map((_, k) => [startAt(view, k), endAt(view, k)]));
    }
  });
});

describe('the term scan of an edited document', () => {
  it('reads every block on a first scan and again on the first edit, then only the blocks an edit changed', () => {
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///基本方針.md', '基本方針.md', '# 基本方針\n\n## 2 定義\n\n(1) 職員等　職員及び会計年度任用職員をいう。\n\n## 6 情報セキュリティ対策\n\n(1) 物理的セキュリティ\n');
    const paragraphs = (n: number) => Array.from({ length: 5 }, (_, i) => `職員等は、第${i === 2 ? n : i}項の端末を管理する。`);
    const standards = (n: number) => ['# 対策基準', '', '## 1 物理的セキュリティ', '', '根拠: 基本方針 6(1)', '', ...paragraphs(n).flatMap((p) => [p, ''])].join('\n');
    const uri = 'file:///対策基準.md';
    ws.setDocument(uri, '対策基準.md', standards(2));
    ws.findings();
    const edit = (n: number): number => {
      const before = matchedBlocks.count;
      ws.setDocument(uri, '対策基準.md', standards(n));
      ws.findingsFor(uri);
      return matchedBlocks.count - before;
    };
    // Heading, section heading, 根拠 line and five paragraphs: 8 blocks.
    assert.equal(edit(7), 8);
    assert.equal(edit(8), 1);
    assert.equal(edit(9), 1);
  });
});
