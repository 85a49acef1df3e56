// The language server sends a document's diagnostics only when they changed: every field a client
// shows must take part in the comparison.

import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { sameDiagnostics } from '../../server/src/lsp/convert';

const range = (line: number, character: number) => ({ start: { line, character }, end: { line, character: character + 2 } });

function diagnostic(): Diagnostic {
  return {
    range: range(3, 4), severity: 2, source: 'policy-trace', code: 'trace/orphan',
    codeDescription: { href: 'https://example.jp/#trace-orphan' }, message: '𠮷 に対応する措置がありません。',
    relatedInformation: [{ location: { uri: 'file:///a.md', range: range(1, 0) }, message: '基本方針' }],
    tags: [1],
  };
}

describe('sameDiagnostics', () => {
  it('holds two lists made alike for the same', () => {
    assert.equal(sameDiagnostics([diagnostic(), diagnostic()], [diagnostic(), diagnostic()]), true);
    assert.equal(sameDiagnostics([], []), true);
  });

  it('tells a change in any field, however small', () => {
    const changes: [string, (d: Diagnostic) => void][] = [
      ['start line', (d) => { d.range.start.line++; }],
      ['start character', (d) => { d.range.start.character++; }],
      ['end line', (d) => { d.range.end.line++; }],
      ['end character', (d) => { d.range.end.character++; }],
      ['severity', (d) => { d.severity = 1; }],
      ['code', (d) => { d.code = 'trace/inferred-link'; }],
      ['message', (d) => { d.message += '。'; }],
      ['source', (d) => { d.source = 'other'; }],
      ['code description', (d) => { d.codeDescription = { href: 'https://example.jp/#other' }; }],
      ['tags', (d) => { d.tags = []; }],
      ['related message', (d) => { d.relatedInformation![0].message = '対策基準'; }],
      ['related uri', (d) => { d.relatedInformation![0].location.uri = 'file:///b.md'; }],
      ['related range', (d) => { d.relatedInformation![0].location.range.end.character++; }],
      ['related count', (d) => { d.relatedInformation!.push(diagnostic().relatedInformation![0]); }],
    ];
    for (const [what, change] of changes) {
      const changed = diagnostic();
      change(changed);
      assert.equal(sameDiagnostics([diagnostic()], [changed]), false, what);
      assert.equal(sameDiagnostics([changed], [diagnostic()]), false, what);
    }
    assert.equal(sameDiagnostics([diagnostic()], [diagnostic(), diagnostic()]), false, 'count');
  });
});
