// Positions over the protocol are UTF-16 code units on lines as the editor sees them: surrogate
// pairs and half-width kana before a reference, CRLF line breaks, and a BOM that editors hide.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, Server, summarize, uriOf } from './harness';

const ROOT = join(FIXTURES, 'unicode');
const POLICY = uriOf(join(ROOT, '基本方針.md'));
const STANDARDS = uriOf(join(ROOT, '対策基準.md'));
const YOSHIDA = uriOf(join(ROOT, '実施手順', '𠮷田ﾊﾞｯｸｱｯﾌﾟ手順.md'));
const CRLF = uriOf(join(ROOT, '実施手順', '改行手順.md'));
const BOM = uriOf(join(ROOT, '実施手順', '保守手順.md'));

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

describe('protocol: UTF-16 positions, CRLF and BOM', () => {
  let server: Server;
  before(async () => {
    server = await Server.start({ root: ROOT });
    await server.waitForFirstPublish([POLICY, STANDARDS, YOSHIDA, CRLF, BOM]);
  });
  after(() => server.stop());

  it('uses fixture files that really have CRLF and a BOM', () => {
    assert.match(readFileSync(new URL(CRLF), 'utf8'), /^---\r\n.*\r\n$/s);
    assert.equal(readFileSync(new URL(BOM), 'utf8').charCodeAt(0), 0xfeff);
  });

  it('counts 𠮷 as two code units and each half-width kana as one', async () => {
    // 𠮷(2) 田(1) ｻｰﾊﾞ(4) の取扱いは(5): the reference starts at 12.
    const [d] = server.diagnostics.get(YOSHIDA)!;
    assert.deepEqual([d.code, d.range, d.message], ['trace/unresolved-reference', range(7, 12, 7, 18), '参照先「7」が対策基準に見つかりません。 もしかして: 1']);
    assert.deepEqual(d.relatedInformation, [{ location: { uri: STANDARDS, range: range(5, 3, 5, 11) }, message: '1' }]);
    const [fix] = (await server.codeActions(YOSHIDA, [d]))!;
    assert.deepEqual([fix.title, fix.edit], ['「1」に置き換える', { documentChanges: [{ textDocument: { uri: YOSHIDA, version: null }, edits: [{ range: range(7, 17, 7, 18), newText: '1' }] }] }]);
  });

  it('reads request positions as UTF-16 too', async () => {
    // ﾒﾓ:(3) space(1) 𠮷(2) の機器は(4): 対策基準 1 spans 10–16.
    assert.equal(await server.hover(YOSHIDA, { line: 9, character: 9 }), null);
    assert.deepEqual((await server.hover(YOSHIDA, { line: 9, character: 10 }))?.range, range(9, 10, 9, 16));
    assert.deepEqual(await server.definition(YOSHIDA, { line: 9, character: 15 }), [{ uri: STANDARDS, range: range(5, 3, 5, 11) }]);
  });

  it('follows incremental edits that insert a surrogate pair', async () => {
    await server.open(YOSHIDA, readFileSync(new URL(YOSHIDA), 'utf8'));
    await server.edit(YOSHIDA, [{ range: range(7, 0, 7, 0), text: '𠮷' }]);
    const moved = await server.waitForDiagnostics(YOSHIDA, (d) => d[0]?.range.start.character === 14, 'the reference to move by two');
    assert.deepEqual(summarize(moved), ['trace/unresolved-reference 1 7:14-7:20']);
    await server.edit(YOSHIDA, [{ range: range(7, 0, 7, 2), text: '' }]);
    assert.deepEqual(summarize(await server.waitForDiagnostics(YOSHIDA, (d) => d[0]?.range.start.character === 12, 'the reference to move back')),
      ['trace/unresolved-reference 1 7:12-7:18']);
    await server.close(YOSHIDA);
  });

  it('gives ranges on the right lines of a CRLF file', async () => {
    const [d] = server.diagnostics.get(CRLF)!;
    assert.deepEqual([d.code, d.range, d.message], ['trace/unresolved-reference', range(7, 3, 7, 9), '参照先「8」が対策基準に見つかりません。 もしかして: 1']);
    const [fix] = (await server.codeActions(CRLF, [d]))!;
    assert.deepEqual([fix.title, fix.edit], ['「1」に置き換える', { documentChanges: [{ textDocument: { uri: CRLF, version: null }, edits: [{ range: range(7, 8, 7, 9), newText: '1' }] }] }]);
  });

  it('does not count the BOM of a file read from disk, as editors hide it', async () => {
    assert.deepEqual(summarize(server.diagnostics.get(BOM)!), ['trace/orphan 3 0:2-0:6']);
    assert.equal(server.diagnostics.get(BOM)![0].message, '実施手順「保守手順」は対策基準・基本方針のどこにも紐付いていません。');
    // The editor's text has no BOM: the same positions hold for it.
    await server.open(BOM, readFileSync(new URL(BOM), 'utf8').slice(1));
    assert.deepEqual((await server.hover(BOM, { line: 0, character: 2 }))?.range, range(0, 2, 0, 6));
    await server.close(BOM);
  });

  it('reports nothing for the clean documents', () => {
    assert.deepEqual(server.diagnostics.get(POLICY), []);
    assert.deepEqual(server.diagnostics.get(STANDARDS), []);
  });
});
