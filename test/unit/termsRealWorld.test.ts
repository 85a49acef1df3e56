// Defined terms as real published policies write them (issue 12): headerless definition tables,
// 「X」とは with the meaning on the next line, the 位置付け clause, bracketed aliases, abbreviations
// kept as written (ＣＩＳＯ), citations inside （…。以下「X」という。）; and the furniture, headings
// and proper names where the term rules say nothing.

import assert from 'node:assert/strict';
import { PolicyWorkspace, messagesFor, type TraceIndex } from '../../server/src/core/api';
import { checkUndefinedTerms } from '../../server/src/core/checks/terms/undefinedTerm';
import type { CheckContext } from '../../server/src/core/checks/context';
import { longFormBefore } from '../../server/src/core/terms/definitions';
import { findingLines } from './helpers';

function workspace(docs: Record<string, string>): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  for (const [path, text] of Object.entries(docs)) ws.setDocument(`file:///${path}`, path, text);
  return ws;
}

/** Each definition of each document as `path kind term [as written at its span] text / long form`. */
function definitions(ws: PolicyWorkspace): string[] {
  const index = ws.getIndexes()[0];
  return index.documents.flatMap((doc) => doc.definitions.map((d) => {
    const text = ws.textOf(doc.uri)!;
    return `${doc.path} ${d.kind} ${d.term} [${text.slice(d.span.start, d.span.end)}] ${d.text}${d.longForm ? ` / ${d.longForm}` : ''}`;
  }));
}

/** Each use of a defined term as `path kind term [as written]`. */
function uses(ws: PolicyWorkspace): string[] {
  const index = ws.getIndexes()[0];
  return index.documents.flatMap((doc) => [...index.terms.uses.get(doc)!].map((u) => `${doc.path} ${u.kind} ${u.term}${u.entry && u.entry.term !== u.term ? `→${u.entry.term}` : ''} [${u.written}]`));
}

const termFindings = (ws: PolicyWorkspace): string[] => findingLines(ws, undefined, /^term\//);

describe('terms on real-world forms', () => {
  it('reads a two-column table without a 用語/定義 header as definitions, a bracketed gloss left out', () => {
    const ws = workspace({
      '基本方針.md': [
        '---', '種別: 基本方針', '---', '# 基本方針', '',
        '## 1 目的', '',
        '本基本方針は、情報システムで扱う情報資産の機密性、完全性及び可用性(下表)を維持することを目的とする。', '',
        '| 機密性(Confidentiality) | 情報にアクセスすることを認可された者だけが、情報にアクセスできることを確実にすること。 |',
        '|---|---|',
        '| 完全性(Integrity) | 情報及び処理の方法が正確であり、完全であることを確実にすること。 |',
        '| 可用性(Availability) | 許可された利用者が、必要なときに情報にアクセスできることを確実にすること。 |', '',
        '## 2 情報資産の分類', '',
        // A real header row: labels, not a term and its meaning.
        '| 分類 | 内容 |', '|---|---|', '| 機密性３ | 秘密文書に相当する情報をいう。 |', '',
        // Steps, not terms.
        '| 1 | 端末を起動すること。 |', '|---|---|', '| 2 | パスワードを入力すること。 |', '',
        '## 3 用語の定義', '',
        // In a definitions section the rows define their terms whatever their wording.
        '| ネットワーク | コンピュータ等を相互に接続するための通信網 |', '|---|---|', '| 情報システム | ネットワークで構成される仕組み |', '',
        // There a header of other labels is a header.
        '| 項目 | 内容 |', '|---|---|', '| 端末 | 職員が使うパソコン |', '',
        '端末を使う。', '',
      ].join('\n'),
    });
    assert.deepEqual(definitions(ws), [
      '基本方針.md table 機密性 [機密性] 情報にアクセスすることを認可された者だけが、情報にアクセスできることを確実にすること。',
      '基本方針.md table 完全性 [完全性] 情報及び処理の方法が正確であり、完全であることを確実にすること。',
      '基本方針.md table 可用性 [可用性] 許可された利用者が、必要なときに情報にアクセスできることを確実にすること。',
      '基本方針.md table ネットワーク [ネットワーク] コンピュータ等を相互に接続するための通信網',
      '基本方針.md table 情報システム [情報システム] ネットワークで構成される仕組み',
      '基本方針.md table 端末 [端末] 職員が使うパソコン',
    ]);
    // 機密性 is used on line 7 and as 機密性３; nothing is undefined or unused.
    assert.deepEqual(termFindings(ws), []);
    assert.deepEqual(uses(ws).filter((u) => u.includes('機密性')), ['基本方針.md exact 機密性 [機密性]', '基本方針.md exact 機密性 [機密性]']);
  });

  it('reads 「X」とは with its meaning on the next line, and X とは alone in a definitions section', () => {
    const ws = workspace({
      '対策基準.md': [
        '# 北山町情報セキュリティ対策基準', '',
        '## 1 総則', '',
        '### 1.3 用語の定義', '',
        '(1)「情報セキュリティ」とは', '　情報資産の機密性、完全性及び可用性を維持することをいう。', '',
        '(2) 端末とは', '　職員が業務に用いるパソコン', '',
        '(3)「ログ」とは', '　情報システムの動作の記録をいう。', '',
        '## 2 運用', '',
        // 「X」とは defines anywhere when the next line reads as a definition; X とは only in a definitions section.
        '「サーバ」とは', '　情報を提供するコンピュータをいう。', '',
        '「ハブ」とは', '　配線を集める機器', '',
        'ルータとは', '　ネットワークをつなぐ機器をいう。', '',
        '情報セキュリティを守る。端末とサーバとハブとルータ。ｻｰﾊﾞ。プログラム、ログイン。', '',
      ].join('\n'),
    });
    assert.deepEqual(definitions(ws), [
      '対策基準.md quoted 情報セキュリティ [情報セキュリティ] 情報資産の機密性、完全性及び可用性を維持することをいう。',
      '対策基準.md quoted 端末 [端末] 職員が業務に用いるパソコン',
      '対策基準.md quoted ログ [ログ] 情報システムの動作の記録をいう。',
      '対策基準.md quoted サーバ [サーバ] 情報を提供するコンピュータをいう。',
    ]);
    assert.deepEqual(termFindings(ws).filter((l) => !l.includes('term/undefined')), [
      '対策基準.md 12:4-12:6 hint term/unused 定義語「ログ」は文書群のどこにも使われていません。',
      '対策基準.md 26:26-26:30 warning term/variant 「ｻｰﾊﾞ」は定義語「サーバ」の表記ゆれです。',
    ]);
  });

  it('reads the 位置付け clause as the definition of the name it gives, quoted or under the body\'s name', () => {
    const ws = workspace({
      '基本方針.md': [
        '○大田市立病院情報セキュリティ基本方針', '',
        '(位置付け)', '第2条　この基本方針及び情報セキュリティ対策基準をもって、大田市立病院情報セキュリティポリシーとする。', '',
        '(対策)', '第3条　副院長をもって院長代理とする。情報セキュリティポリシーの遵守状況を確認する。', '',
      ].join('\n'),
      '対策基準.md': [
        '# 北山町情報セキュリティ対策基準', '',
        '## 1 位置付け', '',
        '基本方針、対策基準及び実施手順を併せて「情報セキュリティ関係規程」という。', '',
        '## 2 遵守', '',
        '職員は、情報セキュリティ関係規程を守る。', '',
      ].join('\n'),
    });
    assert.deepEqual(definitions(ws), [
      '基本方針.md scope 情報セキュリティポリシー [情報セキュリティポリシー] この基本方針及び情報セキュリティ対策基準をもって、大田市立病院情報セキュリティポリシーとする。',
      '対策基準.md scope 情報セキュリティ関係規程 [情報セキュリティ関係規程] 基本方針、対策基準及び実施手順を併せて「情報セキュリティ関係規程」という。',
    ]);
    // The policy's name is defined: its uses are no term/undefined, and nothing else is.
    assert.deepEqual(termFindings(ws), []);
    const quoted = workspace({ '対策基準.md': '# 対策基準\n\n基本方針及びこの対策基準をもって「情報セキュリティポリシー」とする。\n' });
    assert.deepEqual(definitions(quoted), ['対策基準.md scope 情報セキュリティポリシー [情報セキュリティポリシー] 基本方針及びこの対策基準をもって「情報セキュリティポリシー」とする。']);
  });

  it('makes a term and its bracketed alias one entry: a use of either is a use of it', () => {
    const policy = [
      '---', '種別: 基本方針', '---', '## 2 定義', '',
      '(1)　マイナンバー利用事務系（個人番号利用事務系）　個人番号利用事務又は戸籍事務等に係る領域をいう。', '',
      '(2)　情報セキュリティ　情報資産の機密性等を維持することをいう。', '',
    ].join('\n');
    const procedure = '---\n種別: 実施手順\n---\n# 端末利用手順\n\n個人番号利用事務系の端末には、情報セキュリティ責任者の許可なく接続しない。\n';
    const ws = workspace({ '基本方針.md': policy, '実施手順.md': procedure });
    assert.deepEqual(definitions(ws), [
      '基本方針.md item マイナンバー利用事務系 [マイナンバー利用事務系] 個人番号利用事務又は戸籍事務等に係る領域をいう。',
      '基本方針.md item 個人番号利用事務系 [個人番号利用事務系] 個人番号利用事務又は戸籍事務等に係る領域をいう。',
      '基本方針.md item 情報セキュリティ [情報セキュリティ] 情報資産の機密性等を維持することをいう。',
    ]);
    assert.deepEqual(ws.getIndexes()[0].terms.glossary.entries.map((e) => e.term), ['マイナンバー利用事務系', '情報セキュリティ']);
    assert.deepEqual(uses(ws).filter((u) => u.includes('事務系')), ['実施手順.md exact 個人番号利用事務系→マイナンバー利用事務系 [個人番号利用事務系]']);
    // Neither name is unused, undefined or a variant.
    assert.deepEqual(termFindings(ws).filter((l) => !l.includes('「機密性」')), []);
    // Used by neither name: one term/unused, at the term, not one per name.
    const unused = workspace({ '基本方針.md': policy });
    assert.deepEqual(termFindings(unused).filter((l) => l.includes('term/unused')), [
      '基本方針.md 5:4-5:15 hint term/unused 定義語「マイナンバー利用事務系」は文書群のどこにも使われていません。',
      '基本方針.md 7:4-7:12 hint term/unused 定義語「情報セキュリティ」は文書群のどこにも使われていません。',
    ]);
  });

  it('keeps an abbreviation as written: the defined spelling is never a variant of itself', () => {
    const ws = workspace({
      '基本方針.md': '---\n種別: 基本方針\n---\n## 2 定義\n\n(1)　LGWAN接続系　LGWANに接続された領域をいう。\n',
      '対策基準.md': '---\n種別: 対策基準\n---\n## 1 組織\n\n院長を、最高情報セキュリティ責任者（以下「ＣＩＳＯ」という。）とする。ＣＩＳＯは全てを統括する。\n',
      '実施手順.md': '---\n種別: 実施手順\n---\n# 手順\n\nＣＩＳＯの許可を得る。CISOに報告する。ＬＧＷＡＮ接続系とLGWAN接続系。\n',
    });
    assert.deepEqual(definitions(ws).filter((d) => d.includes('ＣＩＳＯ')), ['対策基準.md inline ＣＩＳＯ [ＣＩＳＯ] 最高情報セキュリティ責任者 / 最高情報セキュリティ責任者']);
    assert.deepEqual(termFindings(ws), [
      '実施手順.md 5:11-5:15 warning term/variant 「CISO」は定義語「ＣＩＳＯ」の表記ゆれです。',
      '実施手順.md 5:21-5:29 warning term/variant 「ＬＧＷＡＮ接続系」は定義語「LGWAN接続系」の表記ゆれです。',
    ]);
    // Both spellings defined (two documents, the same long form): neither is a variant of the other.
    ws.setDocument('file:///実施手順.md', '実施手順.md', '---\n種別: 実施手順\n---\n# 手順\n\n最高情報セキュリティ責任者（以下「CISO」という。）の許可を得る。ＣＩＳＯに報告する。LGWAN接続系。\n');
    assert.deepEqual(termFindings(ws), []);
  });

  it('reads （…。以下「X」という。） after a citation or a nested definition, and X（…をいう。以下同じ。）', () => {
    const ws = workspace({
      '対策基準.md': [
        '---', '種別: 対策基準', '---', '# 対策基準', '',
        '第1条　この訓令は、七ケ浜町情報セキュリティ基本方針（令和6年七ケ浜町訓令第5号。以下「基本方針」という。）第9条の規定に基づき定める。', '',
        '第2条　この規程は、阿久比町(町における各部及び議会事務局をいう。以下「町」という。)の基準を定める。', '',
        '第3条　情報システムとは、電子計算機及び電磁的記録媒体(電子的方式で作られる記録に係る記録媒体をいう。以下同じ。)並びに個人情報(特定個人情報を含む。以下同じ。)を扱う仕組みをいう。', '',
        '第4条　町長は、基本方針に基づき電磁的記録媒体を管理する。', '',
      ].join('\n'),
    });
    assert.deepEqual(definitions(ws), [
      '対策基準.md inline 基本方針 [基本方針] 七ケ浜町情報セキュリティ基本方針 / 七ケ浜町情報セキュリティ基本方針',
      '対策基準.md inline 町 [町] 阿久比町 / 阿久比町',
      '対策基準.md quoted 電磁的記録媒体 [電磁的記録媒体] 電子的方式で作られる記録に係る記録媒体をいう。',
    ]);
    // The citation inside the bracket is no use; 町 in 町長 is.
    assert.deepEqual(uses(ws).filter((u) => !u.includes('vocabulary')), [
      '対策基準.md exact 町 [町]', '対策基準.md exact 基本方針 [基本方針]', '対策基準.md exact 電磁的記録媒体 [電磁的記録媒体]',
    ]);
  });

  it('reports term/undefined at the first use in body text, not on the title line, a caption or a ○ line', () => {
    const ws = workspace({
      '基本方針.md': '---\n種別: 基本方針\n---\n## 2 定義\n\n(1)　ネットワーク　通信網をいう。\n\n## 3 本文\n\nネットワークを守る。\n',
      '対策基準.md': [
        '# マイナンバー利用事務系対策基準', '',
        '○北山町マイナンバー利用事務系管理規程', '',
        // A title line may start with the kanji zero too, and a block may hold both marks.
        '〇マイナンバー利用事務系の端末の取扱いについて（令和〇年○月）', '',
        '(マイナンバー利用事務系)', '第15条　マイナンバー利用事務系の端末は、他の領域と通信しない。', '',
        '第16条　マイナンバー利用事務系の端末は施錠管理する。', '',
      ].join('\n'),
    });
    assert.deepEqual(termFindings(ws).filter((l) => l.includes('term/undefined')), [
      '対策基準.md 7:5-7:16 warning term/undefined 「マイナンバー利用事務系」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
    ]);
  });

  it('keeps ○ lines as title lines while the document is typed in elsewhere', () => {
    const standard = (typed: string): string => [
      '# マイナンバー利用事務系対策基準', '',
      '○マイナンバー利用事務系の端末の取扱いについて', '',
      '第15条　マイナンバー利用事務系の端末は、他の領域と通信しない。', '',
      `第16条　端末は施錠管理する。${typed}`, '',
    ].join('\n');
    const ws = workspace({
      '基本方針.md': '---\n種別: 基本方針\n---\n## 2 定義\n\n(1)　ネットワーク　通信網をいう。\n\n## 3 本文\n\nネットワークを守る。\n',
      '対策基準.md': standard(''),
    });
    // From the third scan of the document on, its unchanged blocks' matches are kept (uses.ts),
    // and with them whether each holds a ○.
    for (const typed of ['', 'あ', 'あい', 'あ', '', '。']) {
      ws.setDocument('file:///対策基準.md', '対策基準.md', standard(typed));
      assert.deepEqual(termFindings(ws).filter((l) => l.includes('term/undefined')), [
        '対策基準.md 4:5-4:16 warning term/undefined 「マイナンバー利用事務系」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
      ], `typed ${typed}`);
    }
  });

  it('reports no term/before-definition on captions, title lines, numbered headings, proper names or the defining sentence', () => {
    const ws = workspace({
      '基本方針.md': [
        '---', '種別: 基本方針', '---', '# 基本方針', '',
        '５　職員等の遵守義務', '',
        '（職員等の遵守義務）', '第5条　職員、会計年度任用職員等（以下「職員等」という。）は、この基本方針を守る。', '',
      ].join('\n'),
      '実施手順/サーバ室入退室管理要領.md': [
        'サーバ室入退室管理要領', '',
        '第1条　この要領は、邑智郡総合事務組合情報セキュリティポリシー基本方針及び対策基準規程（平成29年告示第1号）第2に定める情報セキュリティ対策基準（以下「対策基準」という。）第14条に基づき、情報システム室（以下「サーバ室」という。）の入退室について定める。', '',
        '第2条　サーバ室の鍵は総務課長が管理する。', '',
      ].join('\n'),
      '実施手順/鍵管理手順.md': '# 鍵管理手順\n\n1. 職員等は鍵を持ち出さない。\n2. 職員、会計年度任用職員等（以下「職員等」という。）は鍵を返す。\n',
    });
    // Only the body text before the definition is an early use.
    assert.deepEqual(termFindings(ws), [
      '実施手順/鍵管理手順.md 2:3-2:6 information term/before-definition 「職員等」が、この文書で定義される前に使われています。',
    ]);
    // The long form of 対策基準 is the noun, not the verb before it.
    assert.ok(definitions(ws).includes('実施手順/サーバ室入退室管理要領.md inline 対策基準 [対策基準] 情報セキュリティ対策基準 / 情報セキュリティ対策基準'));
  });

  it('reports no term/long-form inside a proper name or on the line that defines the abbreviation', () => {
    const ws = workspace({
      '基本方針.md': [
        '---', '種別: 基本方針', '---', '# 大田市立病院情報セキュリティ基本方針', '',
        '第1条　この基本方針は、大田市立病院(以下「当院」という。)の情報資産を守るため、情報セキュリティポリシー（以下「セキュリティポリシー」という。）を定める。', '',
        '第3条　大田市立病院情報セキュリティポリシー及び北山町立病院情報セキュリティポリシーを準用する。', '',
        '第4条　院長を最高情報セキュリティ責任者（以下「CISO」という。）とし、最高情報セキュリティ責任者は全てを統括する。', '',
        '第5条　大田市立病院の職員は、情報セキュリティポリシーを守る。CISOは最高情報セキュリティ責任者の職務を委任しない。', '',
      ].join('\n'),
    });
    assert.deepEqual(termFindings(ws).filter((l) => l.includes('term/long-form')), [
      '基本方針.md 11:15-11:27 information term/long-form 「情報セキュリティポリシー」は「セキュリティポリシー」と略すと定義されています。',
      '基本方針.md 11:36-11:49 information term/long-form 「最高情報セキュリティ責任者」は「CISO」と略すと定義されています。',
      '基本方針.md 11:4-11:10 information term/long-form 「大田市立病院」は「当院」と略すと定義されています。',
    ]);
  });

  it('reports the long form where it is a defined term of its own, its definition item included', () => {
    const ws = workspace({
      '印南町情報セキュリティポリシー.md': [
        '---', '種別: 基本方針', '---', '○印南町情報セキュリティポリシー', '',
        '（目的）', '第1条　この訓令は、基準を示す情報セキュリティポリシー（以下「セキュリティポリシー」という。）を定める。', '',
        '（定義）', '第2条　この訓令において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。',
        '一　情報セキュリティポリシー　情報セキュリティ基本方針及び情報セキュリティ対策基準をいう。',
        '二　情報資産　これらで取り扱われる行政情報。', '',
        '（遵守）', '第3条　職員は、セキュリティポリシー及び情報セキュリティポリシーを守り、情報資産を守る。', '',
      ].join('\n'),
    });
    // The ○ title line and the 第1条 line (the abbreviation's own) say nothing.
    assert.deepEqual(termFindings(ws), [
      '印南町情報セキュリティポリシー.md 10:2-10:14 information term/long-form 「情報セキュリティポリシー」は「セキュリティポリシー」と略すと定義されています。',
      '印南町情報セキュリティポリシー.md 14:20-14:32 information term/long-form 「情報セキュリティポリシー」は「セキュリティポリシー」と略すと定義されています。',
    ]);
  });

  it('takes the long form as the noun before the bracket, without the clause\'s verb or the line\'s number', () => {
    assert.equal(longFormBefore('この訓令は、基準を示す情報セキュリティポリシー'), '情報セキュリティポリシー');
    assert.equal(longFormBefore('この要領は、対策基準規程（平成29年告示第1号）第2に定める情報セキュリティ対策基準'), '情報セキュリティ対策基準');
    assert.equal(longFormBefore('第5条　職員、会計年度任用職員等'), '職員、会計年度任用職員等');
    assert.equal(longFormBefore('本基本方針は、情報資産の機密性'), '情報資産の機密性');
  });

  describe('the severity of term/undefined', () => {
    const defaults = { msg: messagesFor('ja'), orphanExemptTitles: [] as string[], measuresSection: '情報セキュリティ対策' };
    const ctx: CheckContext = defaults;
    const severities = (index: TraceIndex): string[] => checkUndefinedTerms(index, ctx).map((f) => `${f.severity} ${f.message}`);

    it('is information when the set defines none of the model terms, warning when it defines some', () => {
      const none = workspace({ '基本方針.md': '---\n種別: 基本方針\n---\n## 本文\n\n北山町（以下「町」という。）のネットワークを守る。\n' });
      assert.deepEqual(severities(none.getIndexes()[0]), ['information 「ネットワーク」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。']);
      const some = workspace({ '基本方針.md': '---\n種別: 基本方針\n---\n## 2 定義\n\n(1)　機密性　認められた者だけが使えることをいう。\n\n## 本文\n\n機密性を保ち、ネットワークを守る。\n' });
      assert.deepEqual(severities(some.getIndexes()[0]), ['warning 「ネットワーク」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。']);
    });

    it('is warning for a term of the configured vocabulary, and the configuration still wins', () => {
      const ws = workspace({ '基本方針.md': '---\n種別: 基本方針\n---\n## 本文\n\nCSIRTがネットワークを守る。\n' });
      ws.setConfig({ uri: 'file:///policy-trace.json', text: '{"terms": {"vocabulary": ["CSIRT"]}}' });
      assert.deepEqual(severities(ws.getIndexes()[0]), [
        'warning 「CSIRT」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
        'information 「ネットワーク」は定義が必要な用語（総務省モデルの定義語など）ですが、この文書群では定義されていません。',
      ]);
      ws.setConfig({ uri: 'file:///policy-trace.json', text: '{"terms": {"vocabulary": ["CSIRT"]}, "severity": {"term/undefined": "error"}}' });
      assert.deepEqual(termFindings(ws).map((l) => l.split(' ').slice(2, 4).join(' ')), ['error term/undefined', 'error term/undefined']);
    });
  });
});
