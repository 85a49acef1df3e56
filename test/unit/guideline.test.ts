// guideline/missing-measure: a policy's measures against the guideline profile (the current 総務省
// model by default, another in policy-trace.json, or none), on the real policies of the corpus and
// on the samples. The list below was written from the measures each policy lists, before the rule ran.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { findingLines, fixtureWorkspace, fixtureText, folderTexts } from './helpers';
import { PolicyWorkspace } from '../../server/src/core/api';
import { chapterAnswers } from '../../server/src/core/checks/guidelineChapters';

const GUIDELINE = /^guideline\/missing-measure$/;

/** `set file:line: what is missing`, from the English message. */
function missing(set: string): string[] {
  return findingLines(fixtureWorkspace(set), 'en', GUIDELINE).map((l) => {
    const [file, range] = l.split(' ');
    const what = /this policy lacks (.*)\. A policy written/.exec(l)?.[1] ?? l;
    return `${set.split('/').pop()} ${file}:${Number(range.split(':')[0]) + 1}: ${what}`;
  });
}

const M3 = 'measure 6(3) "情報システム全体の強靱性の向上"';
const M8 = 'measure 6(8) "業務委託と外部サービス（クラウドサービス）の利用"';
const M9 = 'measure 6(9) "評価・見直し"';

describe('guideline/missing-measure', () => {
  it('names what each real policy lacks against the current 総務省 model, once per policy', () => {
    const found = [...readdirSync('test/fixtures/realworld').map((s) => `realworld/${s}`), '../../samples'].flatMap(missing);
    assert.deepEqual(found, [
      'hospital 基本方針.md:71: the layer "LGWAN接続系" under 6(3)',
      `old-numbered ポリシー（本文）.md:36: ${M3}, ${M8}`,
      `rw02-kanji-go 印南町情報セキュリティポリシー.md:46: ${M3}, ${M8}, ${M9}`,
      `rw04-one-file-shou 阿久比町情報セキュリティ規程.md:42: ${M3}, ${M8}, ${M9}`,
      `rw05-one-file-hen 産山村情報セキュリティーポリシー.md:113: measure 6(1) "組織体制", measure 6(2) "情報資産の分類と管理", ${M3}, measure 6(6) "技術的セキュリティ", ${M8}, ${M9}`,
      'rw08-fire-dept 01_基本方針/情報セキュリティ対策に関する規程.md:46: the layer "マイナンバー利用事務系" under 第6条第3号',
      `rw09-hospital-ehr 塩竈市立病院情報セキュリティ基本方針.md:47: ${M3}, ${M8}, ${M9}`,
      `rw11-combined-chapter 基本方針.md:45: ${M3}`,
      `rw13-definition-forms 太田市情報セキュリティ基本方針.md:24: ${M3}, ${M8}, ${M9}`,
      `rw15-noise 蘭越町情報セキュリティポリシーに関する規程.md:80: ${M3}, ${M8}, ${M9}`,
      `rw17-kouiki-rengou 砺波地域消防組合消防情報セキュリティ基本方針.md:41: ${M3}, ${M8}, ${M9}`,
      `rw18-hospital-kisoku 三豊総合病院医療情報セキュリティ基本方針.md:62: ${M3}, ${M8}, ${M9}`,
      `rw19-town-old 若桜町情報セキュリティ基本方針.md:81: measure 6(1) "組織体制", measure 6(2) "情報資産の分類と管理", ${M3}, ${M8}, ${M9}`,
      `rw21-kumiai-suido 乙訓消防組合情報セキュリティに関する規程.md:77: measure 6(1) "組織体制", ${M3}, ${M8}, ${M9}`,
      'samples 基本方針.md:80: the layer "LGWAN接続系" under 6(3)',
    ]);
  });

  it('says it in Japanese, on the measures section, as information', () => {
    assert.deepEqual(findingLines(fixtureWorkspace('realworld/rw11-combined-chapter'), 'ja', GUIDELINE), [
      '基本方針.md 44:0-44:12 information guideline/missing-measure 総務省「地方公共団体における情報セキュリティポリシーに関するガイドライン」令和6年10月版と比べると、'
      + '対策 6(3)「情報システム全体の強靱性の向上」がありません。古い版に基づく基本方針にはないことがあります（policy-trace.json の "guideline" で別のプロファイルや "none" を選べます）。',
    ]);
  });

  /** The samples with a policy-trace.json of this text. */
  function samplesWith(config: string): PolicyWorkspace {
    const ws = fixtureWorkspace('../../samples');
    ws.setConfig({ uri: 'file:///policy-trace.json', text: config });
    return ws;
  }

  it('compares with nothing when the configuration says "none"', () => {
    assert.deepEqual(findingLines(samplesWith('{ "guideline": "none" }'), 'en', GUIDELINE), []);
  });

  it('compares with a profile the configuration gives, such as a hospital\'s', () => {
    const profile = {
      id: 'hospital-2025', name: '病院の方針モデル', nameEn: 'our hospital model',
      measures: [
        { id: '(1)', title: '組織体制' },
        { id: '(3)', title: '情報システム全体の強靱性の向上', layers: [['インターネット接続系'], ['医療情報システム接続系']] },
        { id: '(10)', title: '医療機器のセキュリティ' },
      ],
    };
    assert.deepEqual(findingLines(samplesWith(JSON.stringify({ guideline: profile })), 'en', GUIDELINE), [
      '基本方針.md 79:3-79:15 information guideline/missing-measure Compared with our hospital model, this policy lacks the layer "医療情報システム接続系" under 6(3), '
      + 'measure (10) "医療機器のセキュリティ". A policy written to an older edition may rightly have fewer; "guideline" in policy-trace.json chooses another profile, or "none".',
    ]);
  });

  it('reports an unknown profile name as a configuration error, and keeps comparing with the default', () => {
    const ws = samplesWith('{ "guideline": "soumu-2099" }');
    assert.equal(findingLines(ws, 'en', /config\/invalid/).length, 1);
    assert.equal(findingLines(ws, 'en', GUIDELINE).length, 1);
  });

  it('has nothing to say about a policy with every model measure and layer', () => {
    assert.deepEqual(findingLines(fixtureWorkspace('realworld/rw01-caption-article'), 'en', GUIDELINE), []);
    assert.ok(fixtureText('realworld/rw01-caption-article/基本方針.md').includes('LGWAN接続系'));
  });

  it('hints at the model sub-sections a measure\'s standards chapter lacks, on the chapter, also when an article carries the link', () => {
    const hints = (set: string): string[] => findingLines(fixtureWorkspace(set), 'en', /guideline\/missing-chapter/)
      .map((l) => l.replace(/ Standards .* have no section for (.*), which the model standards of .* have for this measure\./u, ' $1'));
    assert.deepEqual(hints('../../samples'), ['対策基準.md 267:3-267:14 hint guideline/missing-chapter 「システム開発、導入、保守等」, 「セキュリティ情報の収集」']);
    assert.deepEqual(hints('realworld/rw01-caption-article'), [
      '対策基準.md 106:3-106:16 hint guideline/missing-chapter 「システム開発、導入、保守等」, 「セキュリティ情報の収集」',
      '対策基準.md 134:3-134:9 hint guideline/missing-chapter 「法令遵守」',
      '対策基準.md 58:3-58:16 hint guideline/missing-chapter 「通信回線及び通信回線装置の管理」',
    ]);
    // 第22条 (この章は、基本方針…に基づき) links its chapter: the chapter is compared, and named.
    assert.ok(findingLines(fixtureWorkspace('realworld/rw09-hospital-ehr'), 'ja', /guideline\/missing-chapter/).every((l) => !l.includes('趣旨')));
  });

  describe('on a keystroke, the last answer of the whole set holds only while it should', () => {
    const STANDARDS = 'file:///対策基準.md';
    const hint = (ws: PolicyWorkspace): string[] => ws.findingsFor(STANDARDS, 'en')
      .filter((f) => f.code === 'guideline/missing-chapter').map((f) => `${f.range.start.line} ${/have no section for (.*), which/.exec(f.message)?.[1]}`);
    const edited = (edit: (text: string) => string): { live: PolicyWorkspace; fresh: PolicyWorkspace } => {
      const live = fixtureWorkspace('../../samples');
      live.findings();
      const text = edit(live.textOf(STANDARDS)!);
      live.setDocument(STANDARDS, '対策基準.md', text);
      const fresh = fixtureWorkspace('../../samples');
      fresh.setDocument(STANDARDS, '対策基準.md', text);
      return { live, fresh };
    };

    it('typing in a paragraph above the chapter: the same hint, on the line it moved to', () => {
      const { live, fresh } = edited((t) => t.replace('## 7 技術的セキュリティ', '追記した一文。\n\n## 7 技術的セキュリティ'));
      assert.deepEqual(hint(live), ['269 「システム開発、導入、保守等」, 「セキュリティ情報の収集」']);
      assert.deepEqual(hint(live), hint(fresh));
    });

    it('typing the first sentence of a section (what its hover shows): the answer is kept, and is the fresh one', () => {
      const { live, fresh } = edited((t) => t.replace('### 7.1 コンピュータ及びネットワークの管理\n', '### 7.1 コンピュータ及びネットワークの管理\n\n本節は、機器の管理について定める。\n'));
      const made = chapterAnswers.made;
      assert.deepEqual(hint(live), ['267 「システム開発、導入、保守等」, 「セキュリティ情報の収集」']);
      assert.equal(chapterAnswers.made, made);
      assert.deepEqual(hint(live), hint(fresh));
    });

    it('a section of the chapter retitled: the hint changes with it', () => {
      const { live, fresh } = edited((t) => t.replace('### 7.4 不正アクセス対策', '### 7.4 セキュリティ情報の収集'));
      const made = chapterAnswers.made;
      assert.deepEqual(hint(live), ['267 「システム開発、導入、保守等」, 「不正アクセス対策」']);
      assert.equal(chapterAnswers.made, made + 1);
      assert.deepEqual(hint(live), hint(fresh));
    });

    it('a digit typed in a 根拠 line of the chapter: only that chapter is answered again, and its answer is the fresh one', () => {
      const { live, fresh } = edited((t) => t.replace('根拠: 基本方針 6(6)', '根拠: 基本方針 6(96)'));
      const { made, chapters } = chapterAnswers;
      const now = hint(live);
      assert.equal(chapterAnswers.made, made + 1);
      assert.equal(chapterAnswers.chapters, chapters + 1);
      assert.deepEqual(now, hint(fresh));
      assert.ok(!now.some((h) => h.startsWith('267 ')), now.join('\n'));
    });

    it('the chapter\'s link to its measure taken out: the hint goes', () => {
      const { live, fresh } = edited((t) => t.replace('根拠: 基本方針 6(6)', '根拠: 基本方針 6(1)'));
      assert.deepEqual(hint(live), hint(fresh));
      assert.ok(!hint(live).some((h) => h.startsWith('267 ')), hint(live).join('\n'));
    });

    it('is kept with its set: each set of a workspace its own, gone with the workspace', () => {
      const texts = folderTexts('samples');
      const ws = new PolicyWorkspace();
      const config = { sets: [{ name: 'a', include: ['a/**/*.md'] }, { name: 'b', include: ['b/**/*.md'] }] };
      ws.setConfig({ uri: 'file:///policy-trace.json', text: JSON.stringify(config) });
      for (const [path, text] of Object.entries(texts)) for (const set of ['a', 'b']) ws.setDocument(`file:///${set}/${path}`, `${set}/${path}`, text);
      ws.findings();
      const [a, b] = ws.getIndexes();
      assert.notEqual(a.memos, b.memos);
      assert.ok(a.memos.has('guideline/missing-chapter') && b.memos.has('guideline/missing-chapter'));
      const standards = 'file:///a/対策基準.md';
      ws.setDocument(standards, 'a/対策基準.md', texts['対策基準.md'].replace('## 7 技術的セキュリティ', '追記した一文。\n\n## 7 技術的セキュリティ'));
      ws.findingsFor(standards);
      // A new index of set a, with the map its last one had; set b's index is the one it was.
      assert.equal(ws.getIndexes()[0].memos, a.memos);
      assert.notEqual(ws.getIndexes()[0], a);
      assert.equal(ws.getIndexes()[1], b);
    });
  });
});
