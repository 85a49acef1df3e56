// Every reference form a lower tier uses to cite a higher one, with exact source spans.

import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/api';

function refs(text: string, path = 'standards.md'): string[] {
  const facts = analyzeDocument({ uri: `file:///${path}`, path, text });
  return facts.references.map((r) =>
    `${r.kind} ${r.tier} ${r.by} ${r.key} [${text.slice(r.span.start, r.span.end)}] [${text.slice(r.targetSpan.start, r.targetSpan.end)}] s${r.section}${r.reason !== undefined ? ` reason=${r.reason}` : ''}`);
}

describe('references', () => {
  it('reads 根拠 lines with several targets, full-width forms and a tier carried over', () => {
    const text = '# 対策基準\n\n## 2 組織体制\n\n根拠: 基本方針 6(1)、6(2), 基本方針第6条第4号\n\n根拠：基本方針６（７）\n';
    assert.deepEqual(refs(text), [
      'basis policy id 6(1) [基本方針 6(1)] [6(1)] s1',
      'basis policy id 6(2) [6(2)] [6(2)] s1',
      'basis policy id 6(4) [基本方針第6条第4号] [第6条第4号] s1',
      'basis policy id 6(7) [基本方針６（７）] [６（７）] s1',
    ]);
  });

  it('defaults a bare 根拠 target to the tier above the document', () => {
    const text = '---\n種別: 実施手順\n---\n# 手順\n\n根拠: 4.1、第4節\n';
    assert.deepEqual(refs(text, 'p.md'), [
      'basis standard id 4.1 [4.1] [4.1] s0',
      'basis standard id 第4節 [第4節] [第4節] s0',
    ]);
  });

  it('reads references in running text, across a soft line break and inline markup', () => {
    const text = '# 対策基準\n\n## 8 運用\n\n詳細は**基本方針**\n6(5)及び対策基準第12条、基本方針「物理的セキュリティ」による。\n';
    assert.deepEqual(refs(text), [
      'inline policy id 6(5) [基本方針**\n6(5)] [6(5)] s1',
      'inline standard id 12 [対策基準第12条] [第12条] s1',
      'inline policy title 物理的セキュリティ [基本方針「物理的セキュリティ」] [物理的セキュリティ] s1',
    ]);
  });

  it('reads waivers with their reason, and front matter links for the whole document', () => {
    const text = '---\n種別: 実施手順\n根拠: [対策基準 5.2, "基本方針 6(4)"]\n---\n# 手順\n\n適用除外: 基本方針 6(3)① 該当する系を保有しないため。\n';
    assert.deepEqual(refs(text, 'p.md'), [
      'frontMatter standard id 5.2 [対策基準 5.2] [5.2] s-1',
      'frontMatter policy id 6(4) [基本方針 6(4)] [6(4)] s-1',
      'waiver policy id 6(3)① [基本方針 6(3)①] [6(3)①] s0 reason=該当する系を保有しないため。',
    ]);
  });

  it('places front matter links in each document, when documents share the same front matter', () => {
    const fm = '---\n種別: 実施手順\n根拠: [対策基準 5.2, "基本方針 6(4)"]\n---\n# 手順\n';
    for (const text of [fm, '\ufeff' + fm, fm.replace(/\n/g, '\r\n'), '\ufeff' + fm]) {
      const facts = analyzeDocument({ uri: 'file:///p.md', path: 'p.md', text });
      assert.deepEqual(facts.references.map((r) => text.slice(r.span.start, r.span.end)), ['対策基準 5.2', '基本方針 6(4)']);
    }
  });

  it('ignores tier names that cite nothing, and code', () => {
    const text = '# 対策基準\n\n本基本方針及び対策基準を遵守する。`基本方針 6(1)` は例である。\n\n```\n根拠: 基本方針 6(2)\n```\n';
    assert.deepEqual(refs(text), []);
  });

  it('counts positions in UTF-16 code units: 𠮷 and half-width kana before a reference', () => {
    const text = '# 対策基準\n\n## 1 𠮷ｶﾞ\n\n𠮷野家ｶﾞ基本方針 6(1)による。\r\n';
    const facts = analyzeDocument({ uri: 'file:///s.md', path: 's.md', text });
    const r = facts.references[0];
    assert.deepEqual(facts.lines.range(r.span), { start: { line: 4, character: 6 }, end: { line: 4, character: 15 } });
    assert.equal(text.slice(r.span.start, r.span.end), '基本方針 6(1)');
  });
});
