// Section trees of real document shapes: the user's policy as given, article style, outline numbers.

import assert from 'node:assert/strict';
import { analyzeFixture, outline } from './helpers';
import { analyzeDocument } from '../../server/src/core/api';

describe('structure', () => {
  it('reads the user\'s basic policy as given (numbered paragraphs, no headings)', () => {
    const { facts } = analyzeFixture('seed/基本方針.md');
    assert.equal(facts.tier, 'policy');
    assert.equal(facts.tierSource, 'frontMatter');
    const lines = outline(facts);
    const from = lines.indexOf('6 | 情報セキュリティ対策');
    assert.deepEqual(lines.slice(from, from + 13), [
      '6 | 情報セキュリティ対策',
      '  6(1) | 組織体制',
      '  6(2) | 情報資産の分類と管理',
      '  6(3) | 情報システム全体の強靱性の向上',
      '    6(3)① | マイナンバー利用事務系',
      '    6(3)② | インターネット接続系',
      '  6(4) | 物理的セキュリティ',
      '  6(5) | 人的セキュリティ',
      '  6(6) | 技術的セキュリティ',
      '  6(7) | 運用',
      '  6(8) | 業務委託と外部サービス（クラウドサービス）の利用',
      '  6(9) | 評価・見直し',
      '7 | 情報セキュリティ監査及び自己点検の実施',
    ]);
    assert.deepEqual(lines.filter((l) => !l.startsWith(' ')), [
      '1 | 目的', '2 | 定義', '3 | 対象とする脅威', '4 | 適用範囲', '5 | 職員等の遵守義務', '6 | 情報セキュリティ対策',
      '7 | 情報セキュリティ監査及び自己点検の実施', '8 | 情報セキュリティポリシーの見直し',
      '9 | 情報セキュリティ対策基準の策定', '10 | 情報セキュリティ実施手順の策定',
    ]);
    const s63 = facts.sections.find((s) => s.id === '6(3)')!;
    assert.equal(s63.summary, '情報セキュリティの強化を目的とし、業務の効率性・利便性の観点を踏まえ、情報システム全体に対し、次の二段階の対策を講じる。');
  });

  it('reads article style: 章 節 款 条 with captions, 項, 号 on the following lines and 条の2', () => {
    const { facts, text } = analyzeFixture('forms/article-style.md');
    assert.deepEqual(outline(facts), [
      '- | 情報セキュリティ対策基準',
      '  第1章 | 総則',
      '    第1条 | 目的',
      '    第2条 | 定義',
      '  第2章 | 組織体制',
      '    第2章第1節 | 推進体制',
      '      第3条 | 最高情報セキュリティ責任者',
      '        第3条第2項 | 前項の責任者',
      '      第4条 | 情報セキュリティ委員会',
      '        第4条第1号 | 委員長',
      '        第4条第2号 | 委員',
      '    第2章第2節 | 報告',
      '      第5条の2 | ',
      '  第3章 | 物理的セキュリティ',
      '    第3章第1節 | サーバ等の管理',
      '      第3章第1節第1款 | 機器の取付け',
      '        第6条 | ',
    ]);
    const s = facts.sections.find((x) => x.id === '第3章第1節第1款')!;
    assert.deepEqual(s.aliases, ['第1節第1款']);
    const art3 = facts.sections.find((x) => x.id === '第3条')!;
    assert.equal(text.slice(art3.headingSpan.start, art3.headingSpan.end), '（最高情報セキュリティ責任者）\n第3条　最高情報セキュリティ責任者を置く。');
    assert.equal(text.slice(art3.titleSpan.start, art3.titleSpan.end), '最高情報セキュリティ責任者');
  });

  it('reads outline numbers (2―1―1), full-width items, ⑴, ア and a number alone on its line', () => {
    const { facts, text } = analyzeFixture('forms/outline-2-1-1.md');
    assert.deepEqual(outline(facts), [
      '1 | 総則',
      '  1.1 | 目的',
      '2 | 組織体制',
      '  2.1 | 体制',
      '    2.1.1 | 委員会',
      '      2.1.1(1) | 委員会を置く',
      '      2.1.1(2) | 委員長を置く',
      '        2.1.1(2)ア | 委員長は委員会を主宰する',
      '        2.1.1(2)イ | 委員長は会議を招集する',
      '3 | 物理的セキュリティ',
      '  3(1) | サーバ等の管理',
      '    3(1)① | サーバを施錠された室内に設置する',
      '4 | 人的セキュリティ',
    ]);
    const last = facts.sections[facts.sections.length - 1];
    assert.equal(text.slice(last.headingSpan.start, last.headingSpan.end), '4\n人的セキュリティ');
    assert.equal(last.summary, '職員等は遵守事項を守る。');
    // A section that opens straight into its items is summed up by its first item.
    assert.equal(facts.sections.find((x) => x.id === '2.1.1')!.summary, '委員会を置く。');
  });

  it('nests numbered paragraphs under headings and closes them at the next heading', () => {
    const text = '# 基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 組織体制\n\n体制を作る。\n\n1. 手順一\n2. 手順二\n\n## 7 監査\n\n(1) 監査の実施\n';
    const { analyzeDocument } = require('../../server/src/core/api') as typeof import('../../server/src/core/api');
    const facts = analyzeDocument({ uri: 'file:///a.md', path: 'a.md', text });
    assert.deepEqual(outline(facts), [
      '- | 基本方針',
      '  6 | 情報セキュリティ対策',
      '    6(1) | 組織体制',
      '      6(1).1 | 手順一',
      '      6(1).2 | 手順二',
      '  7 | 監査',
      '    7(1) | 監査の実施',
    ]);
  });

  it('does not take quantities or prose for section numbers', () => {
    const text = '# 対策基準\n\n2026年4月1日から施行する。\n\n3か月ごとに点検する。\n\nアクセスを制限する。\n\n1.5倍の容量を確保する。\n';
    const { analyzeDocument } = require('../../server/src/core/api') as typeof import('../../server/src/core/api');
    const facts = analyzeDocument({ uri: 'file:///a.md', path: 'a.md', text });
    assert.deepEqual(outline(facts), ['- | 対策基準']);
  });

  it('sums a section up by its first sentence of text, not by its 根拠 line', () => {
    const { facts } = analyzeFixture('core/mini/standards.md');
    const s = facts.sections.find((x) => x.id === '2')!;
    assert.equal(s.summary, '最高情報セキュリティ責任者を置く。');
  });
});

describe('deeply nested Markdown', () => {
  it('walks quotes 30 deep, reads 6,000 nested > as plain lines, and emphasis 2,000 deep, without running out of stack', () => {
    const quoted = analyzeDocument({ uri: 'file:///q.md', path: 'q.md', text: `# 基本方針\n\n${'>'.repeat(30)} (1) 組織体制\n` });
    assert.deepEqual(quoted.sections.map((s) => `${s.id ?? '-'} ${s.title}`), ['- 基本方針', '(1) 組織体制']);
    assert.equal(quoted.plainText, undefined);
    const deep = analyzeDocument({ uri: 'file:///d.md', path: 'd.md', text: `# 基本方針\n\n${'>'.repeat(6000)} (1) 組織体制\n` });
    assert.deepEqual(deep.plainText, ['nesting']);
    assert.deepEqual(deep.prose.map((p) => p.text.length), [4, 6009]);
    const emphasis = analyzeDocument({ uri: 'file:///e.md', path: 'e.md', text: `${'_'.repeat(2000)}深い${'_'.repeat(2000)}\n` });
    assert.equal(emphasis.prose[0].text, '深い');
  });
});
