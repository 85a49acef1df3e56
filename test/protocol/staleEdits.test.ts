// The server over stdio: a quick fix, fix-all or rename is made for the text it will change. The
// diagnostic a client hands back was published for an older text; the user may have typed since,
// or a closed file may have changed on disk without any watcher event. Edits applied at the old
// offsets would garble the text (「…該ネットワークﾜｰｸを遮断」), so every edit is computed again from
// the current text, names the version of an open document, and is checked against the disk for a
// closed one.

import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, copyFixture, editsOf, Server, uriOf, versionsOf } from './harness';

const range = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const read = (uri: string): string => readFileSync(new URL(uri), 'utf8');
/** Line 6 of 保守手順.md: ﾈｯﾄﾜｰｸ at 7–13 (𠮷 is two code units). */
const LINE = '𠮷田係長は、ﾈｯﾄﾜｰｸとサーバーを毎月点検する。';
const FIXED = '𠮷田係長は、ネットワークとサーバーを毎月点検する。';

function setUp(options: { resolveCodeActions?: boolean } = {}) {
  const state = {} as { server: Server; maintenance: string; records: string; root: string; dispose: () => void };
  before(async () => {
    const copy = copyFixture('terms');
    state.root = copy.root;
    state.dispose = copy.dispose;
    state.maintenance = uriOf(join(copy.root, '実施手順', '保守手順.md'));
    state.records = uriOf(join(copy.root, '実施手順', '記録手順.md'));
    // A second variant in a closed file, so the set-wide fix edits a file nobody has open.
    writeFileSync(new URL(state.records), `${read(state.records)}ﾈｯﾄﾜｰｸ機器の台帳を更新する。\n`);
    state.server = await Server.start({ root: copy.root, codes: /^term\/variant$/, ...options });
    await state.server.waitForFirstPublish([state.maintenance, state.records]);
  });
  after(async () => {
    await state.server.stop();
    state.dispose();
  });
  return state;
}

function variantOn(diagnostics: Diagnostic[] | undefined, line: number): Diagnostic {
  const found = diagnostics?.find((d) => d.code === 'term/variant' && d.range.start.line === line && String(d.message).includes('ﾈｯﾄﾜｰｸ'));
  assert.ok(found, `a variant on line ${line}`);
  return found;
}

describe('protocol: fixes made for the current text (no resolve support)', () => {
  const s = setUp();

  it('fixes the variant where it is now after text was typed before it, for the version typed', async () => {
    const { server, maintenance } = s;
    const text = read(maintenance);
    await server.open(maintenance, text);
    const published = variantOn(await server.waitForDiagnostics(maintenance, (d) => d.length > 0), 6);
    assert.deepEqual(published.range, range(6, 7, 6, 13));
    // Typed before the variant; the diagnostic the client holds still says 7–13.
    await server.edit(maintenance, [{ range: range(6, 0, 6, 0), text: '該' }]);
    const actions = (await server.codeActions(maintenance, [published]))!;
    assert.deepEqual(actions.map((a) => a.title), ['「ネットワーク」に置き換える', '文書群の表記ゆれをすべて定義語に直す（3 件）']);
    assert.deepEqual(actions[0].edit, { documentChanges: [{ textDocument: { uri: maintenance, version: 2 }, edits: [{ range: range(6, 8, 6, 14), newText: 'ネットワーク' }] }] });
    const typed = text.replace(LINE, `該${LINE}`);
    assert.equal(applyEdits(typed, editsOf(actions[0].edit)[maintenance]).split('\n')[6], `該${FIXED}`);
    await server.change(maintenance, text);
  });

  it('gives no fix for a diagnostic whose finding is gone', async () => {
    const { server, maintenance } = s;
    const stale = variantOn(server.diagnostics.get(maintenance), 6);
    await server.change(maintenance, read(maintenance).replace('ﾈｯﾄﾜｰｸ', 'ネットワーク'));
    assert.deepEqual(await server.codeActions(maintenance, [stale]), []);
    await server.change(maintenance, read(maintenance));
  });

  it('makes the set-wide fix again when a closed file changed on disk without a watcher event', async () => {
    const { server, maintenance, records } = s;
    const diagnostic = variantOn(await server.waitForDiagnostics(maintenance, (d) => d.some((x) => x.range.start.line === 6 && String(x.message).includes('ﾈｯﾄﾜｰｸ'))), 6);
    const before = (await server.codeActions(maintenance, [diagnostic]))![1].edit!;
    // Opened (1), typed in (2), put back (3), mended (4), put back (5).
    assert.deepEqual(versionsOf(before), { [maintenance]: 5, [records]: null });
    const line = read(records).split('\n').findIndex((l) => l.startsWith('ﾈｯﾄﾜｰｸ機器'));
    assert.deepEqual(editsOf(before)[records], [{ range: range(line, 0, line, 6), newText: 'ネットワーク' }]);

    // Someone inserts a line at the top of the closed file; the server hears nothing of it.
    const changed = `改定: 令和7年4月\n${read(records)}`;
    writeFileSync(new URL(records), changed);
    const after = (await server.codeActions(maintenance, [diagnostic]))![1].edit!;
    assert.deepEqual(editsOf(after)[records], [{ range: range(line + 1, 0, line + 1, 6), newText: 'ネットワーク' }]);
    assert.equal(applyEdits(changed, editsOf(after)[records]), changed.replace('ﾈｯﾄﾜｰｸ機器', 'ネットワーク機器'));
  });

  it('renames against the disk text of closed files, read again when it changed', async () => {
    const { server, maintenance, records } = s;
    const changed = `追記\n${read(records)}`;
    writeFileSync(new URL(records), changed);
    const edit = await server.connection.sendRequest<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: maintenance }, position: { line: 6, character: 8 }, newName: '通信網' });
    assert.equal(versionsOf(edit)[maintenance], 5);
    assert.equal(versionsOf(edit)[records], null);
    const renamed = applyEdits(changed, editsOf(edit)[records]);
    assert.equal(renamed, changed.replace('ﾈｯﾄﾜｰｸ機器', '通信網機器').replace('ネット\r\nワークの', '通信網\r\nの'));
  });

  it('logged no handler failure', () => {
    assert.deepEqual(s.server.logs.filter((l) => /failed|uncaught|unhandled/.test(l)), []);
  });
});

describe('protocol: fixes resolved when they are applied (codeAction/resolve, as VS Code does)', () => {
  const s = setUp({ resolveCodeActions: true });

  it('offers actions without edits, and makes the edit from the text of the moment it is picked', async () => {
    const { server, maintenance, records } = s;
    const text = read(maintenance);
    await server.open(maintenance, text);
    const published = variantOn(await server.waitForDiagnostics(maintenance, (d) => d.length > 0), 6);
    const actions = (await server.codeActions(maintenance, [published]))!;
    assert.deepEqual(actions.map((a) => [a.title, a.edit]), [['「ネットワーク」に置き換える', undefined], ['文書群の表記ゆれをすべて定義語に直す（3 件）', undefined]]);

    // The user types twice while the menu is open, then picks the fix.
    await server.edit(maintenance, [{ range: range(6, 0, 6, 0), text: '🔒' }]);
    await server.edit(maintenance, [{ range: range(6, 2, 6, 2), text: '\t' }]);
    const local = await server.resolveCodeAction(actions[0]);
    assert.deepEqual(local.edit, { documentChanges: [{ textDocument: { uri: maintenance, version: 3 }, edits: [{ range: range(6, 10, 6, 16), newText: 'ネットワーク' }] }] });
    const all = await server.resolveCodeAction(actions[1]);
    assert.deepEqual(versionsOf(all.edit), { [maintenance]: 3, [records]: null });
  });

  it('resolves fix-all on save for the version being saved', async () => {
    const { server, maintenance } = s;
    const [action] = (await server.connection.sendRequest<{ title: string; data: unknown }[]>('textDocument/codeAction', {
      textDocument: { uri: maintenance }, range: range(0, 0, 0, 0), context: { diagnostics: [], only: ['source.fixAll.policyTrace'] },
    }))!;
    await server.edit(maintenance, [{ range: range(6, 0, 6, 1), text: '' }]);
    const resolved = await server.resolveCodeAction(action);
    assert.deepEqual(versionsOf(resolved.edit), { [maintenance]: 4 });
    assert.deepEqual(editsOf(resolved.edit)[maintenance][0], { range: range(6, 9, 6, 15), newText: 'ネットワーク' });
  });

  it('logged no handler failure', () => {
    assert.deepEqual(s.server.logs.filter((l) => /failed|uncaught|unhandled/.test(l)), []);
  });
});
