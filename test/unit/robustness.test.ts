// Bad input is data: any text gives facts with ranges inside the document, never an exception.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDocument, PolicyWorkspace } from '../../server/src/core/api';
import { foldView } from '../../server/src/core/text/fold';
import { charSpans, sourceView } from '../../server/src/core/text/textView';

const policyish = fc.array(fc.constantFrom(
  '# ', '## ', '### ', '(1) ', '（２）', '①', 'ア ', '第1章', '第2条', '（目的）', '6 ', '4.1 ', '2―1―1',
  '根拠: ', '根拠：', '適用除外: ', '基本方針 ', '対策基準', '6(4)', '「物理的セキュリティ」', '情報セキュリティ対策',
  '組織体制', '𠮷', 'ｶﾞ', '\u3000', ' ', '\n', '\r\n', '\n\n', '---\n', '種別: ', '対策基準\n', '`', '**', '[', ']', '<!--', '-->', '\\', '&amp;', '|', '- ', '1. ',
), { maxLength: 80 }).map((parts) => parts.join(''));

describe('robustness', () => {
  it('analyses any policy-like text without throwing, with spans inside the text', () => {
    fc.assert(fc.property(fc.oneof(policyish, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
      const facts = analyzeDocument({ uri: 'file:///x.md', path: 'x.md', text });
      for (const s of facts.sections) {
        for (const span of [s.span, s.headingSpan, s.titleSpan]) {
          assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, JSON.stringify({ text, span }));
        }
      }
      for (const r of facts.references) {
        assert.ok(r.span.start <= r.targetSpan.start && r.targetSpan.end <= r.span.end && r.span.end <= text.length);
      }
    }), { numRuns: 400 });
  });

  it('checks a whole set of arbitrary documents without throwing', () => {
    fc.assert(fc.property(policyish, policyish, policyish, (a, b, c) => {
      const ws = new PolicyWorkspace();
      ws.setDocument('file:///基本方針.md', '基本方針.md', a);
      ws.setDocument('file:///対策基準.md', '対策基準.md', b);
      ws.setDocument('file:///実施手順.md', '実施手順.md', c);
      for (const list of ws.findings().values()) {
        for (const f of list) assert.ok(f.range.start.line >= 0 && f.message.length > 0);
      }
    }), { numRuns: 200 });
  });

  it('keeps every folded character mapped to the source it came from', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
      const view = foldView(sourceView(text));
      const { starts, ends } = charSpans(view);
      assert.equal(starts.length, view.text.length);
      for (let i = 0; i < view.text.length; i++) {
        assert.ok(starts[i] >= 0 && starts[i] < ends[i] && ends[i] <= text.length);
        if (i > 0) assert.ok(starts[i] >= starts[i - 1]);
      }
    }), { numRuns: 500 });
  });

  it('handles a BOM and CRLF: ranges count from the real start of the text', () => {
    const text = '\ufeff---\r\n種別: 対策基準\r\n---\r\n## 2 組織体制\r\n\r\n根拠: 基本方針 6(1)\r\n';
    const facts = analyzeDocument({ uri: 'file:///s.md', path: 's.md', text });
    assert.equal(facts.tier, 'standard');
    assert.equal(facts.eol, '\r\n');
    assert.deepEqual(facts.lines.range(facts.sections[0].headingSpan), { start: { line: 3, character: 3 }, end: { line: 3, character: 9 } });
    assert.deepEqual(facts.lines.range(facts.references[0].span), { start: { line: 5, character: 4 }, end: { line: 5, character: 13 } });
  });

  it('reads a large document (300 000 characters) in one piece', () => {
    const chunk = '## 5 物理的セキュリティ\n\n根拠: 基本方針 6(4)\n\n(1) サーバ等の管理　サーバを設置する。\n\n';
    const text = chunk.repeat(Math.ceil(300_000 / chunk.length));
    const facts = analyzeDocument({ uri: 'file:///big.md', path: '対策基準.md', text });
    assert.equal(facts.references.length, Math.ceil(300_000 / chunk.length));
  });
});
