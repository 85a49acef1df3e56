// The open documents' store agrees with an independent model of the text under any change a client
// may send: ranges past the last line or the line's end, reversed, inside a CRLF or a surrogate pair.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClampedTextDocument } from '../../server/src/lsp/clampedDocuments';
import { TextModel } from '../protocol/fuzz';

const piece = fc.constantFrom('a', '𠮷', '\r', '\n', '\r\n', '\ud83d', '# 見出し');
const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 5 }), character: fc.integer({ min: -1, max: 6 }) });
const change = fc.record({ range: fc.record({ start: position, end: position }), text });

describe('lsp/clampedDocuments', () => {
  it('applies every change where VS Code would, one after another', () => {
    fc.assert(fc.property(text, fc.array(change, { minLength: 1, maxLength: 3 }), (start, changes) => {
      const model = new TextModel(start);
      for (const c of changes) model.apply(c.range, c.text);
      const doc = ClampedTextDocument.update(ClampedTextDocument.create('file:///a.md', 'markdown', 1, start), changes, 2);
      assert.equal(doc.getText(), model.text);
      assert.equal(doc.lineCount, model.lineCount);
    }), { numRuns: 20_000, seed: 7 });
  });

  it('differs from the library alone on a change past the last line (why it exists)', () => {
    const changes = [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: '# 基本方針\n' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '## 1 目的\n' }];
    const plain = TextDocument.update(TextDocument.create('file:///a.md', 'markdown', 1, ''), changes, 2);
    const clamped = ClampedTextDocument.update(ClampedTextDocument.create('file:///a.md', 'markdown', 1, ''), changes, 2);
    assert.equal(plain.getText(), '# 基本方針\n## 1 目的\n# 基本方針\n');
    assert.equal(clamped.getText(), '# 基本方針\n## 1 目的\n');
  });
});
