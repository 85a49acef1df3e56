// The server over stdio: quick fixes that write a standards section or create a file, and source.fixAll.policyTrace.

import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type CodeAction, type Diagnostic, type InitializeResult, type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, copyFixture, editsOf, Server, SERVER, summarize, uriOf } from './harness';

const at = (line: number, character = 0) => ({ start: { line, character }, end: { line, character } });
const read = (uri: string): string => readFileSync(new URL(uri), 'utf8');
const write = (uri: string, text: string): void => writeFileSync(new URL(uri), text);
const PLACEHOLDER = '（ここに遵守事項を記載する。）';
/** A file the fix creates is never written over: the client refuses the edit if it exists. */
const NO_OVERWRITE = { overwrite: false, ignoreIfExists: false };

function sourceActions(server: Server, uri: string, only: string[]): Promise<CodeAction[] | null> {
  return server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: at(0), context: { diagnostics: [], only } });
}

function only(d: Diagnostic[], code: string): Diagnostic {
  const found = d.filter((x) => x.code === code);
  assert.equal(found.length, 1, `one ${code}`);
  return found[0];
}

describe('protocol: quick fixes that write new sections and files', () => {
  let server: Server;
  let dispose: () => void;
  let policy: string;
  let standards: string;
  before(async () => {
    const copy = copyFixture('basic');
    dispose = copy.dispose;
    policy = uriOf(join(copy.root, '基本方針.md'));
    standards = uriOf(join(copy.root, '対策基準.md'));
    server = await Server.start({ root: copy.root });
    await server.waitForFirstPublish([policy, standards]);
  });
  after(async () => {
    await server.stop();
    dispose();
  });

  it('inserts a standards section for trace/missing-standard into the standards file, which need not be open', async () => {
    const missing = only(server.diagnostics.get(policy)!, 'trace/missing-standard');
    const actions = await server.codeActions(policy, [missing]);
    const newText = `## 人的セキュリティ\n\n根拠: 基本方針 6(4)\n\n${PLACEHOLDER}\n\n`;
    assert.deepEqual(actions, [{
      title: '対策基準に節を作成: 6(4) 人的セキュリティ',
      kind: 'quickfix',
      diagnostics: [missing],
      edit: { documentChanges: [{ textDocument: { uri: standards, version: null }, edits: [{ range: at(23), newText }] }] },
      isPreferred: true,
    }]);

    const original = read(standards);
    write(standards, applyEdits(original, editsOf(actions![0].edit)[standards]));
    assert.equal(read(standards), original.replace('## 5 研修\n', `${newText}## 5 研修\n`));
    await server.filesChanged([{ uri: standards, type: 2 }]);
    const after = await server.waitForDiagnostics(policy, (d) => !d.some((x) => x.code === 'trace/missing-standard'), 'trace/missing-standard to go');
    // 6(4) now has a standards section and, like 6(2), waits for a procedure.
    assert.deepEqual(summarize(after), ['trace/missing-procedure 2 13:4-13:18', 'trace/missing-procedure 2 21:4-21:16']);
  });

  it('creates a procedure file for trace/missing-procedure with documentChanges: CreateFile, then its text', async () => {
    const missing = server.diagnostics.get(policy)!.find((d) => d.code === 'trace/missing-procedure' && d.range.start.line === 13)!;
    const actions = (await server.codeActions(policy, [missing]))!;
    const created = new URL('実施手順/情報資産の分類と管理実施手順.md', standards).href;
    const text = '---\n種別: 実施手順\n根拠: [対策基準 3]\n---\n# 情報資産の分類と管理実施手順\n\n'
      + '## 1 目的\n\n（ここに目的を記載する。）\n\n## 2 手順\n\n（ここに手順を記載する。）\n\n## 3 記録\n\n（ここに記録を記載する。）\n';
    assert.deepEqual(actions, [{
      title: '実施手順を作成: 6(2) 情報資産の分類と管理',
      kind: 'quickfix',
      diagnostics: [missing],
      edit: { documentChanges: [{ kind: 'create', uri: created, options: NO_OVERWRITE }, { textDocument: { uri: created, version: null }, edits: [{ range: at(0), newText: text }] }] },
      isPreferred: true,
    }]);

    const edit = actions[0].edit!.documentChanges![1] as TextDocumentEdit;
    write(created, applyEdits('', edit.edits as { range: ReturnType<typeof at>; newText: string }[]));
    await server.filesChanged([{ uri: created, type: 1 }]);
    const after = await server.waitForDiagnostics(policy, (d) => d.length === 1, 'the 6(2) gap to go');
    assert.deepEqual(summarize(after), ['trace/missing-procedure 2 21:4-21:16']);
    assert.deepEqual(await server.waitForDiagnostics(created, () => true), []);
  });

  it('creates 対策基準.md next to the basic policy when the set has no standards', async () => {
    rmSync(new URL(standards));
    await server.filesChanged([{ uri: standards, type: 3 }]);
    const diagnostics = await server.waitForDiagnostics(policy, (d) => d.filter((x) => x.code === 'trace/missing-standard').length === 4, 'every measure to miss standards');
    const first = diagnostics.find((d) => d.code === 'trace/missing-standard')!;
    const [action] = (await server.codeActions(policy, [first]))!;
    const text = `---\n種別: 対策基準\n---\n# 情報セキュリティ対策基準\n\n## 組織体制\n\n根拠: 基本方針 6(1)\n\n${PLACEHOLDER}\n`;
    assert.equal(action.title, '対策基準に節を作成: 6(1) 組織体制');
    assert.deepEqual(action.edit, { documentChanges: [{ kind: 'create', uri: standards, options: NO_OVERWRITE }, { textDocument: { uri: standards, version: null }, edits: [{ range: at(0), newText: text }] }] });

    write(standards, text);
    await server.filesChanged([{ uri: standards, type: 1 }]);
    const after = await server.waitForDiagnostics(policy, (d) => d.filter((x) => x.code === 'trace/missing-standard').length === 3, '6(1) to have standards');
    // 6(1) (line 9) has its standards; 6(2), 6(3), 6(4) still wait for theirs.
    assert.deepEqual(after.filter((d) => d.code === 'trace/missing-standard').map((d) => d.range.start.line), [13, 17, 21]);
  });

  it('logged no handler failure', () => {
    assert.deepEqual(server.logs.filter((l) => /failed|uncaught|unhandled/.test(l)), []);
  });
});

describe('protocol: source.fixAll.policyTrace', () => {
  let server: Server;
  let dispose: () => void;
  let standards: string;
  let maintenance: string;
  before(async () => {
    const copy = copyFixture('terms');
    dispose = copy.dispose;
    standards = uriOf(join(copy.root, '対策基準.md'));
    maintenance = uriOf(join(copy.root, '実施手順', '保守手順.md'));
    server = await Server.start({ root: copy.root, codes: /./ });
    await server.waitForFirstPublish([standards, maintenance]);
  });
  after(async () => {
    await server.stop();
    dispose();
  });

  it('advertises the kind, so editor.codeActionsOnSave can ask for it', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const result = await connection.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: {} }) as InitializeResult;
    assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.policyTrace'], resolveProvider: true });
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await exited;
    connection.dispose();
  });

  it('answers only: [source.fixAll.policyTrace] with one action that fixes every variant of the document, only when asked', async () => {
    const text = read(maintenance);
    await server.open(maintenance, text);
    const fixAll = {
      title: 'Policy Trace: 安全な修正をすべて適用',
      kind: 'source.fixAll.policyTrace',
      edit: { documentChanges: [{ textDocument: { uri: maintenance, version: 1 }, edits: [
        { range: { start: { line: 6, character: 7 }, end: { line: 6, character: 13 } }, newText: 'ネットワーク' },
        { range: { start: { line: 6, character: 14 }, end: { line: 6, character: 18 } }, newText: 'サーバ' },
      ] }] },
    };
    assert.deepEqual(await sourceActions(server, maintenance, ['source.fixAll.policyTrace']), [fixAll]);
    assert.deepEqual(await sourceActions(server, maintenance, ['source.fixAll']), [fixAll]);
    assert.deepEqual(await sourceActions(server, maintenance, ['source']), [fixAll]);
    assert.deepEqual(await sourceActions(server, maintenance, ['quickfix']), []);
    assert.deepEqual(await sourceActions(server, maintenance, ['source.organizeImports']), []);

    const fixed = applyEdits(text, editsOf(fixAll.edit)[maintenance]);
    assert.equal(fixed, text.replace('ﾈｯﾄﾜｰｸとサーバー', 'ネットワークとサーバ'));
    await server.change(maintenance, fixed);
    await server.waitForDiagnostics(maintenance, (d) => !d.some((x) => x.code === 'term/variant'), 'the variants to go');
    // Stable: a second save finds nothing to do.
    assert.deepEqual(await sourceActions(server, maintenance, ['source.fixAll.policyTrace']), []);
  });

  it('returns nothing for a document with nothing safe to fix', async () => {
    assert.deepEqual(await sourceActions(server, standards, ['source.fixAll.policyTrace']), []);
  });
});
