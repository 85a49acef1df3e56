// The server's stdio writer makes its messages' bytes piece by piece (server/src/lsp/jsonBytes.ts):
// they must be exactly JSON.stringify's.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonBytes, jsonPieces } from '../../server/src/lsp/jsonBytes';

const same = (value: unknown): void => assert.deepEqual(jsonBytes(value), Buffer.from(JSON.stringify(value) ?? 'null', 'utf8'));

describe('jsonBytes', () => {
  it('gives the bytes of JSON.stringify for any value', () => {
    fc.assert(fc.property(fc.anything({ withBoxedValues: true, withDate: true, withNullPrototype: true, withSparseArray: true, withObjectString: true }), (value) => same(value)), { numRuns: 2000 });
  });

  it('for messages such as the server sends: diagnostics with 𠮷, half-width kana, empty and undefined fields', () => {
    const diagnostic = (i: number): unknown => ({
      range: { start: { line: i, character: 2 }, end: { line: i, character: 5 } }, severity: 2, source: 'policy-trace',
      code: 'term/variant', codeDescription: { href: 'https://example.org/#term-variant' }, message: `「𠮷野ｻｰﾊﾞ」は表記ゆれです ${i}`,
      relatedInformation: [], tags: undefined, data: { fix: [1, 2, { at: undefined }] },
    });
    same({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', version: 3, diagnostics: Array.from({ length: 300 }, (_, i) => diagnostic(i)) } });
    same({ jsonrpc: '2.0', id: 1, result: [{ a: () => 1, b: Symbol('x'), c: new Date(0) }, undefined, null, [{}], { toJSON: () => 'mine' }] });
    same({ jsonrpc: '2.0', id: 2, result: { data: [1, 2, 3] } });
  });

  it('makes no piece of a large message larger than one of its elements', () => {
    const item = { message: 'あ'.repeat(40), range: { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } } };
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', diagnostics: Array.from({ length: 2000 }, () => item) } };
    same(message);
    assert.ok(Math.max(...jsonPieces(message).map((p) => p.length)) <= JSON.stringify(item).length);
  });
});
