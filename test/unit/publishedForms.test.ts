// The forms of published policies (issue 12), each on a small document in the shape real ones take:
// captions over numbers without 条, 目次 blocks, files of several tiers, references with a citation
// or a short name in between, chapters whose first article states their basis, titles that name a
// measure in other words, and a basic policy without measures. The corpus (corpus.test.ts) holds
// the same forms in whole published sets.

import assert from 'node:assert/strict';
import { analyzeDocument, isRenameRefusal, PolicyWorkspace, renameTerm } from '../../server/src/core/api';
import { tiersOf } from '../../server/src/core/parse/parts';
import { findingLines, outline } from './helpers';

const facts = (text: string, path = 'doc.md') => analyzeDocument({ uri: `file:///${path}`, path, text });

function workspace(files: Record<string, string>): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  for (const [path, text] of Object.entries(files)) ws.setDocument(`file:///${path}`, path, text);
  return ws;
}

const coverage = (ws: PolicyWorkspace): string[] =>
  [...ws.getIndexes()[0].coverage.values()].map((c) => `${c.measure.id} ${c.measure.title} ${c.status}`);

describe('published forms: structure', () => {
  it('names a full-width number at column 0 by the caption above it (a 規程 written without 条)', () => {
    const f = facts([
      '○北町情報セキュリティ基本方針', '', '（目的）', '１　この基本方針は、町の情報資産を守ることを目的とする。', '',
      '（情報セキュリティ対策）', '６　前項の脅威から情報資産を保護するため、次の対策を講ずる。',
      '（１）　組織体制　全庁的な体制を確立する。', '（２）　物理的セキュリティ　サーバ等の管理について対策を講ずる。',
    ].join('\n'));
    assert.deepEqual(outline(f), ['1 | 目的', '6 | 情報セキュリティ対策', '  6(1) | 組織体制', '  6(2) | 物理的セキュリティ']);
    assert.equal(f.sections[1].summary, '前項の脅威から情報資産を保護するため、次の対策を講ずる。');
    // The captions frame the text; term rules do not read them.
    assert.deepEqual(f.furniture.map((s) => f.lines.position(s.start).line), [0, 2, 5]);
  });

  it('reads a 目次 (ranges, leaders and page numbers, <目次>) as no sections, up to where the body repeats its first entry', () => {
    const f = facts([
      '# 南町情報セキュリティ対策基準', '', '<目次>', '第1章　総則（第1条―第3条）……1', '第2章　組織体制（第4条・第5条）……2', '附則', '',
      '第1章　総則', '', '（目的）', '第1条　この基準は…を定める。', '', '第2章　組織体制', '', '（責任者）', '第4条　町長を責任者とする。',
    ].join('\n'));
    assert.deepEqual(outline(f), ['- | 南町情報セキュリティ対策基準', '  第1章 | 総則', '    第1条 | 目的', '  第2章 | 組織体制', '    第4条 | 責任者']);
    assert.deepEqual(f.furniture.map((s) => f.lines.position(s.start).line), [0, 2, 3, 4, 5, 9, 14]);
  });

  it('reads 5人的セキュリティ as section 5, and 5人 as a quantity', () => {
    assert.deepEqual(outline(facts('4物理的セキュリティ\n\n5人的セキュリティ\n\n5人で点検する\n')), ['4 | 物理的セキュリティ', '5 | 人的セキュリティ']);
  });
});

describe('published forms: one file of several tiers', () => {
  const POLICY = [
    '○西村情報セキュリティポリシー', '', '目次', '第1編　情報セキュリティ基本方針', '第2編　情報セキュリティ対策基準', '',
    '## 第1編　情報セキュリティ基本方針', '', '1　目的', '', 'この方針は…を定める。', '',
    '2　情報セキュリティ対策', '', '(1)　物理的セキュリティ　サーバ等の管理について対策を講ずる。', '(2)　人的セキュリティ　教育を行う。', '',
    '3　情報セキュリティ対策基準', '', '2に定める対策を実施するため、対策基準を定める。', '',
    '## 第2編　情報セキュリティ対策基準', '', '1　物理的セキュリティ対策', '', '(1)　サーバ室は施錠する。', '',
    '2　研修', '', '第2条第2号に基づき、年1回研修を行う。', '',
  ].join('\n');

  it('gives each part its tier, numbers each part from 1, and leaves the policy\'s section 3 in the policy', () => {
    const f = facts(POLICY, '西村情報セキュリティポリシー.md');
    assert.deepEqual(tiersOf(f), ['policy', 'standard']);
    assert.deepEqual(f.parts.map((p) => [f.sections[p.section].label, p.tier]), [['第1編', 'policy'], ['第2編', 'standard']]);
    assert.deepEqual(outline(f).slice(0, 5), ['第1編 | 情報セキュリティ基本方針', '  1 | 目的', '  2 | 情報セキュリティ対策', '    2(1) | 物理的セキュリティ', '    2(2) | 人的セキュリティ']);
  });

  it('links the standards part to the policy part by title and by a bare article of the same file', () => {
    const ws = workspace({ '西村情報セキュリティポリシー.md': POLICY, '手順/サーバ室手順.md': '# サーバ室管理手順\n\n根拠: 対策基準 1\n' });
    assert.deepEqual(coverage(ws), ['2(1) 物理的セキュリティ covered', '2(2) 人的セキュリティ missing-procedure']);
    assert.deepEqual(findingLines(ws, 'en', /^trace\//), [
      '西村情報セキュリティポリシー.md 15:0-15:19 warning trace/missing-procedure Measure 2(2) "人的セキュリティ" has standards, but no procedure stands behind them.',
      '西村情報セキュリティポリシー.md 23:2-23:13 hint trace/inferred-link Heading "物理的セキュリティ対策" was linked to basic policy 2(1) "物理的セキュリティ" by its title. Write the basis line explicitly.',
    ]);
  });

  it('reads a procedure title with an edition or a date after its name', () => {
    assert.equal(facts('# サーバ室入退室管理マニュアル（第２版）\n').tier, 'procedure');
    assert.equal(facts('# ID及びパスワード管理要領（令和6年4月改定）\n').tier, 'procedure');
    assert.equal(facts('○電子カルテ運用手順(平成28年度版)\n').tier, 'procedure');
  });

  it('takes a file titled …情報セキュリティポリシー without parts for the basic policy', () => {
    const f = facts('○南村情報セキュリティポリシー\n\n1　目的\n\nこのポリシーは…を定める。\n');
    assert.deepEqual([f.tier, f.tierSource], ['policy', 'title']);
  });

  it('keeps a single-tier file whole: an article captioned 情報セキュリティ対策基準 is no part', () => {
    const f = facts('# 東町情報セキュリティ基本方針\n\n（情報セキュリティ対策基準）\n第9条　対策基準を定める。\n\n（実施手順）\n第10条　実施手順を定める。\n');
    assert.deepEqual(f.parts, []);
    assert.deepEqual(tiersOf(f), ['policy']);
  });
});

describe('published forms: references in running text', () => {
  const POLICY = '# 北町情報セキュリティ基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 組織体制\n\n(2) 物理的セキュリティ\n\n(3) 人的セキュリティ\n';
  const STANDARDS = [
    '# 北町情報セキュリティ対策基準', '', '## 第1章　組織', '', '（趣旨）', '第1条　この章は、基本方針第６条第１号に基づき、体制を定める。',
    '', '（責任者）', '第2条　町長を責任者とする。', '', '## 第2章　施設', '', '（管理）', '第3条　サーバ室は施錠する。',
    '', '（記録）', '第4条　入退室を記録する。', '',
  ].join('\n');

  it('reads a citation between the name and the article, a short name the document gives, a list, and 第N条第1項', () => {
    const ws = workspace({
      '基本方針.md': POLICY,
      '対策基準.md': STANDARDS,
      '手順/入退室手順.md': '# 入退室手順\n\nこの手順は、北町情報セキュリティ対策基準（令和5年訓令第2号。以下「基準」という。）第3条及び第4条第1項に基づく。\n',
      '手順/体制手順.md': '# 体制手順\n\n基準第2条に定める責任者が…（基準は北町情報セキュリティ対策基準をいう。）\n\n対策基準（令和5年訓令第2号）第2条による。\n',
    });
    const index = ws.getIndexes()[0];
    const cited = (path: string): string[] => index.referencesIn(index.documents.find((d) => d.path === path)!)
      .map((r) => `${r.ref.tier} ${r.ref.target} → ${r.targets.map((t) => t.doc.sections[t.section].id).join(',')}`);
    assert.deepEqual(cited('手順/入退室手順.md'), ['standard 第3条 → 第3条', 'standard 第4条第1項 → 第4条']);
    assert.deepEqual(cited('手順/体制手順.md'), ['standard 第2条 → 第2条']);
  });

  it('links a whole chapter where its first article states the basis, so its later articles stand behind the measure', () => {
    const ws = workspace({
      '基本方針.md': POLICY,
      '対策基準.md': STANDARDS,
      '手順/体制手順.md': '# 体制手順\n\n根拠: 対策基準 第2条\n',
    });
    assert.deepEqual(coverage(ws), ['6(1) 組織体制 covered', '6(2) 物理的セキュリティ missing-standard', '6(3) 人的セキュリティ missing-standard']);
    // 第2章 cites nothing and names no measure: an orphan; 第1章 and its 第2条 are not.
    assert.deepEqual(findingLines(ws, 'en', /trace\/orphan/), [
      '対策基準.md 10:3-10:9 information trace/orphan Standards section "第2章 施設" is not linked to any measure of the basic policy.',
    ]);
  });
});

describe('published forms: titles that name a measure in other words', () => {
  const POLICY = '# 基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 組織体制\n\n(2) 物理的セキュリティ\n\n(3) 人的セキュリティ\n\n(4) 運用\n\n(5) 業務委託と外部サービス（クラウドサービス）の利用\n';

  it('links 管理体制, …の整備, 運用面の対策, 外部委託 and one chapter over two measures, each as inferred', () => {
    const ws = workspace({
      '基本方針.md': POLICY,
      '対策基準.md': '# 対策基準\n\n## 1 総則\n\n## 2 管理体制\n\n## 3 物理的及び人的セキュリティ対策\n\n### 3.1 物理的セキュリティの整備\n\n## 4 運用面の対策\n\n## 5 外部委託\n\n## 6 雑則\n\n## 附　則\n',
    });
    const links = ws.getIndexes()[0].links.map((l) => `${l.from.doc.sections[l.from.section].title} → ${l.to.doc.sections[l.to.section].title} ${l.via}`);
    assert.deepEqual(links, [
      '管理体制 → 組織体制 inferred',
      '物理的及び人的セキュリティ対策 → 物理的セキュリティ inferred',
      '物理的及び人的セキュリティ対策 → 人的セキュリティ inferred',
      '運用面の対策 → 運用 inferred',
      '外部委託 → 業務委託と外部サービス（クラウドサービス）の利用 inferred',
    ]);
    // 3.1 names the measure its chapter already stands for: no second hint. 総則, 雑則, 附則: no orphans.
    assert.deepEqual(findingLines(ws, 'en', /orphan/), []);
  });
});

describe('published forms: a basic policy without measures', () => {
  it('is trace/no-measures on its title, naming what was looked for and the nearest candidates', () => {
    const ws = workspace({
      '基本方針.md': '# 西町情報セキュリティ基本方針\n\n## 1 目的\n\nこの方針は、情報セキュリティ対策の基本を定める。\n\n## 2 対策基準の策定\n\n必要な対策を対策基準に定める。\n',
      '対策基準.md': '# 西町情報セキュリティ対策基準\n\n## 1 組織体制\n',
    });
    assert.deepEqual(findingLines(ws, 'en', /no-measures/), [
      '基本方針.md 0:2-0:16 error trace/no-measures No measures were found in this basic policy: it has no section titled "情報セキュリティ対策" that lists numbered items, so no measure can be checked against the standards. Nearest candidates: 1「目的」、2「対策基準の策定」. Name the section with the "measuresSection" setting if it has another title.',
    ]);
  });

  it('never takes a definition item, a 目次 line or a sentence that names 情報セキュリティ対策 for the measures section', () => {
    const ws = workspace({
      '基本方針.md': [
        '# 基本方針', '', '目次', '第1　目的', '第5　情報セキュリティ対策', '', '第1　目的', '',
        '情報セキュリティ対策について定める。', '', '## 2 定義', '', '(1) 情報セキュリティ対策　情報資産を守るための対策をいう。', '',
        '## 5 情報セキュリティ対策', '', '(1) 組織体制', '', '(2) 運用', '',
      ].join('\n'),
    });
    assert.deepEqual(ws.getIndexes()[0].measures.map((m) => m.id), ['5(1)', '5(2)']);
  });
});

describe('published forms: a model term nobody defined', () => {
  it('is information when the set defines none of the model terms, a warning (a gap in its 定義) when it defines some', () => {
    const standards = '# 対策基準\n\n## 1 組織体制\n\n情報システムの管理者を置く。\n';
    const none = workspace({ '基本方針.md': '# 基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 組織体制\n', '対策基準.md': standards });
    assert.deepEqual(findingLines(none, 'en', /term\/undefined/).map((l) => l.split(' ').slice(0, 4).join(' ')), [
      '基本方針.md 2:5-2:13 information term/undefined',
      '対策基準.md 4:0-4:6 information term/undefined',
    ]);
    const some = workspace({
      '基本方針.md': '# 基本方針\n\n## 2 定義\n\n(1) ネットワーク　機器をつなぐ通信網をいう。\n\n## 6 情報セキュリティ対策\n\n(1) 組織体制\n',
      '対策基準.md': standards,
    });
    assert.deepEqual(findingLines(some, 'en', /term\/undefined/).map((l) => l.split(' ').slice(0, 4).join(' ')), [
      '基本方針.md 6:5-6:13 warning term/undefined',
      '対策基準.md 4:0-4:6 warning term/undefined',
    ]);
  });
});

describe('published forms: a term with an alias', () => {
  it('renames the name and its uses, and leaves the alias written in brackets and its uses alone', () => {
    const policy = '# 基本方針\n\n## 2 定義\n\n(1) マイナンバー利用事務系（個人番号利用事務系）　個人番号を扱う情報システムをいう。\n\n## 6 情報セキュリティ対策\n\n(1) 組織体制\n';
    const ws = workspace({
      '基本方針.md': policy,
      '対策基準.md': '# 対策基準\n\n## 1 組織体制\n\nマイナンバー利用事務系の端末を管理する。個人番号利用事務系の端末も同じ。\n',
    });
    const found = ws.find('file:///基本方針.md')!;
    const edits = renameTerm(found.index, found.doc, policy.indexOf('マイナンバー利用事務系') + 1, '番号系');
    assert.ok(!isRenameRefusal(edits));
    assert.deepEqual(edits.edits.map((f) => `${f.uri} ${f.edits.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.character} ${e.newText}`).join(', ')}`), [
      'file:///基本方針.md 4:4-15 番号系',
      'file:///対策基準.md 4:0-11 番号系',
    ]);
  });
});

describe('published forms met first in the held-out sets', () => {
  it('reads Roman-numeral chapters (Ⅰ 総則 … Ⅷ), and 第2条（定義） with its caption on the article line', () => {
    const f = facts('# 対策基準\n\n## Ⅰ　総則\n\n## Ⅳ　物理的セキュリティ\n\n第2条（定義）　この規程において、次の用語の意義は次による。\n(1) 管理区域　サーバ室をいう。\n');
    assert.deepEqual(outline(f), ['- | 対策基準', '  I | 総則', '  IV | 物理的セキュリティ', '    第2条 | 定義', '      第2条第1号 | 管理区域']);
    assert.deepEqual(f.definitions.map((d) => d.term), ['管理区域']);
  });

  it('numbers the paragraphs of an article captioned （情報セキュリティ対策基準） as its 項', () => {
    const f = facts('# 基本方針\n\n（情報セキュリティ対策基準）\n第8条　市長は、対策基準を策定する。\n2　対策基準は、非公開とする。\n');
    assert.deepEqual(outline(f), ['- | 基本方針', '  第8条 | 情報セキュリティ対策基準', '    第8条第2項 | 対策基準']);
  });

  it('defines in brackets: with 以下同じ anywhere, nested too; without it only a model term, in a definitions section', () => {
    const f = facts([
      '# 基本方針', '', '（定義）', '第3条　用語の定義は、次のとおりとする。',
      '(1)　情報セキュリティ　情報資産の機密性(権限のある者だけが使える状態をいう。)を維持することをいう。',
      '(2)　情報資産　全てのデータ(電磁的記録(電子的方式で作られる記録をいう。以下同じ。)をいう。以下同じ。)をいう。',
      '(3)　情報ネットワーク　庁内(本部及び署をいう。)に敷設する通信網をいう。', '',
      '　可用性　必要なときに使えること。', '', '（構成）', '第4条　ア: 基本方針', 'イ: 対策基準', '',
    ].join('\n'));
    assert.deepEqual(f.definitions.map((d) => d.term).sort(), ['データ', '可用性', '情報セキュリティ', '情報ネットワーク', '情報資産', '機密性', '電磁的記録'].sort());
  });

  it('takes この古賀市…基本方針 and 古賀市…基本方針 for one long form: no conflict', () => {
    const ws = workspace({
      '基本方針.md': '# 古賀市情報セキュリティ基本方針\n\n第1条　この古賀市情報セキュリティ基本方針(以下「基本方針」という。)は、…を定める。\n',
      '対策基準.md': '# 古賀市情報セキュリティ対策基準\n\nこの対策基準は、古賀市情報セキュリティ基本方針（平成14年訓令第16号。以下「基本方針」という。）に基づく。\n',
    });
    assert.deepEqual(findingLines(ws, 'en', /term\/conflict/), []);
  });

  it('counts a chapter whose first article cites a basis that does not resolve as linked: its articles are no orphans', () => {
    const ws = workspace({
      '基本方針.md': '# 基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 組織体制\n',
      '対策基準.md': '# 対策基準\n\n## 第1章　施設\n\n（趣旨）\n第1条　この章は、基本方針第6条第3号に基づき定める。\n\n（入退室）\n第2条　入退室を記録する。\n',
    });
    assert.deepEqual(findingLines(ws, 'en', /orphan|unresolved/).map((l) => l.split(' ').slice(0, 4).join(' ')), [
      '対策基準.md 5:9-5:19 error trace/unresolved-reference',
    ]);
  });
});
