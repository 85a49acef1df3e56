// Threat coverage: the threats of the policy's 対象とする脅威, the measures and standards sections that
// declare they address them (対応する脅威:), trace/threat-unaddressed, and the matrix's threats sheet.

import assert from 'node:assert/strict';
import { traceMatrix } from '../../server/src/core/features/matrix';
import { findingLines, fixtureWorkspace, folderTexts, workspaceOf } from './helpers';

const THREATS = /^trace\/(threat-unaddressed|unresolved-reference)$/;

const set = workspaceOf;

describe('threat coverage', () => {
  it('flags the threat no measure addresses, and a declared ID that is no threat (EXPECTED.md)', () => {
    assert.deepEqual(findingLines(fixtureWorkspace('domain/threats'), 'ja', THREATS), [
      '基本方針.md 10:0-10:24 information trace/threat-unaddressed 脅威 3(4)「大規模・広範囲にわたる疾病による要員不足」に対応する対策がありません（どの対策・対策基準の「対応する脅威:」にも挙がっていません）。',
      '対策基準.md 12:19-12:23 error trace/unresolved-reference 「対応する脅威:」の「3(9)」は基本方針の対象とする脅威にありません。',
    ]);
  });

  it('puts each threat in the matrix with the measures that address it, directly or through their standards', () => {
    const [matrix] = fixtureWorkspace('domain/threats').getIndexes().map(traceMatrix);
    assert.deepEqual(matrix.threats!.map((t) => `${t.id} ${t.location.range.start.line} → ${t.measures.join(',') || '-'}`), [
      '3(1) 4 → 6(3)', '3(2) 6 → 6(3)', '3(3) 8 → 6(2)', '3(4) 10 → -',
    ]);
  });

  it('reads article-style declarations with the policy named, and full-width IDs', () => {
    const ws = set({
      '基本方針.md': '# 基本方針\n\n（対象とする脅威）\n第3条　次の脅威を想定する。\n(1)　不正アクセス\n(2)　災害\n\n（情報セキュリティ対策）\n第6条　次の対策を講ずる。\n(1)　技術的セキュリティ\n(2)　運用\n',
      '対策基準.md': '# 対策基準\n\n## 第1章　技術的セキュリティ\n\n根拠: 基本方針 第6条第1号\n\n対応する脅威: 基本方針 第3条第1号\n\n## 第2章　運用\n\n根拠: 基本方針 第6条第2号\n\n対応する脅威：基本方針第３条第２号\n',
    });
    assert.deepEqual(findingLines(ws, 'en', THREATS), []);
    const [matrix] = ws.getIndexes().map(traceMatrix);
    assert.deepEqual(matrix.threats!.map((t) => `${t.id} → ${t.measures.join(',')}`), ['第3条第1号 → 第6条第1号', '第3条第2号 → 第6条第2号']);
  });

  it('stays quiet, and has no threats sheet, where the set declares nothing', () => {
    const texts = folderTexts('samples');
    texts['対策基準.md'] = texts['対策基準.md'].replace(/\n対応する脅威: .*\n/u, '\n');
    const ws = set(texts);
    assert.deepEqual(findingLines(ws, 'en', /threat/), []);
    assert.equal(ws.getIndexes().map(traceMatrix)[0].threats, undefined);
  });
});
