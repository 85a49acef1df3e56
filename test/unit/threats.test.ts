// Threat coverage: the threats of the policy's 対象とする脅威, the measures and standards sections that
// declare they address them (対応する脅威:), trace/threat-unaddressed, and the matrix's threats sheet.

import assert from 'node:assert/strict';
import { traceMatrix } from '../../server/src/core/features/matrix';
import { matrixCsv } from '../../server/src/core/report/matrixCsv';
import { matrixHtml } from '../../server/src/core/report/matrixHtml';
import { matrixMarkdown } from '../../server/src/core/report/matrixMarkdown';
import { messagesFor } from '../../server/src/core/messages';
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

  it('prints the threats × measures sheet in the Markdown, CSV and HTML matrix', () => {
    const matrices = fixtureWorkspace('domain/threats').getIndexes().map(traceMatrix);
    const msg = messagesFor('ja');
    const md = matrixMarkdown(matrices, { msg });
    assert.equal(md.slice(md.indexOf('## 脅威と対応する対策')), [
      '## 脅威と対応する対策', '',
      '| 脅威 | 表題 | 6(1) | 6(2) | 6(3) |', '| --- | --- | :---: | :---: | :---: |',
      '| [3(1)](基本方針.md#L5) | 不正アクセス、ウイルス攻撃等のサイバー攻撃 | | | ✓ |',
      '| [3(2)](基本方針.md#L7) | 情報資産の無断持ち出し、不正な操作等 | | | ✓ |',
      '| [3(3)](基本方針.md#L9) | 地震、落雷、火災等の災害によるサービス及び業務の停止等 | | ✓ | |',
      '| [3(4)](基本方針.md#L11) | 大規模・広範囲にわたる疾病による要員不足 | | | |', '',
    ].join('\n'));
    const csv = matrixCsv(matrices, { msg }).split('\r\n');
    assert.deepEqual(csv.slice(csv.indexOf('') , csv.indexOf('') + 3), ['', '脅威,表題,6(1),6(2),6(3),場所', '3(1),不正アクセス、ウイルス攻撃等のサイバー攻撃,,,✓,基本方針.md:5']);
    const html = matrixHtml(matrices, { msg, generated: '2026-12-04 09:00' });
    assert.match(html, /<h3>脅威と対応する対策<\/h3>\s*<table class="threats">/u);
    assert.match(html, /<tr><th scope="row"><a href="基本方針\.md#L9">3\(3\)<\/a><\/th><td>地震、落雷、火災等の災害によるサービス及び業務の停止等<\/td><td class="mark"><\/td><td class="mark">✓<\/td><td class="mark"><\/td><\/tr>/u);
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
