// Change impact through the real server: trace/suspect from policy-trace.lock, the "mark reviewed"
// quick fix (an edit of the lock file), the lock file watched and edited in an editor, and the
// policyTrace/recordReviews request behind the "record every reference" command.

import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, editsOf, REPO, Server, summarize, uriOf, versionsOf } from './harness';
import type { FolderReviews } from '../../server/src/lsp/reviewHandlers';

const SOURCE = join(REPO, 'test', 'fixtures', 'domain', 'change-impact');
const suspectsOn = (d: Diagnostic[]): string[] => summarize(d);

describe('protocol: change impact (policy-trace.lock)', () => {
  let root: string;
  let server: Server;
  let STANDARDS: string;
  let PROCEDURE: string;
  let LOCK: string;
  const lockPath = (): string => join(root, 'policy-trace.lock');
  const writeLock = async (text: string): Promise<void> => {
    writeFileSync(lockPath(), text);
    await server.filesChanged([{ uri: LOCK, type: 2 }]);
  };

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'policy-trace-change-impact-'));
    cpSync(SOURCE, root, { recursive: true });
    STANDARDS = uriOf(join(root, '対策基準.md'));
    PROCEDURE = uriOf(join(root, '実施手順', '管理区域入退室手順.md'));
    LOCK = uriOf(lockPath());
    server = await Server.start({ root, codes: /^(trace\/suspect|config\/invalid)$/ });
    await server.waitForFirstPublish([STANDARDS, PROCEDURE]);
  });
  afterEach(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes the suspects, and watches the lock file', () => {
    assert.deepEqual(suspectsOn(server.diagnostics.get(STANDARDS)!), ['trace/suspect 2 16:4-16:13', 'trace/suspect 2 20:7-20:16', 'trace/suspect 3 40:4-40:13']);
    assert.deepEqual(suspectsOn(server.diagnostics.get(PROCEDURE)!), ['trace/suspect 2 2:5-2:13', 'trace/suspect 2 8:0-8:8']);
    const watchers = server.registrations.flatMap((r) => (r.registerOptions as { watchers?: { globPattern: string }[] }).watchers ?? []);
    assert.ok(watchers.some((w) => w.globPattern === '**/policy-trace.lock'));
  });

  it('marks a reference reviewed with one edit of the closed lock file; the suspect clears once the file changes', async () => {
    const suspect = server.diagnostics.get(STANDARDS)!.find((d) => d.range.start.line === 16)!;
    const actions = (await server.codeActions(STANDARDS, [suspect]))!;
    assert.deepEqual(actions.map((a) => a.title), ['この参照を確認済みにする（policy-trace.lock）', 'この文書の参照をすべて確認済みにする（3 件、policy-trace.lock）']);
    const action: CodeAction = actions[0].edit ? actions[0] : await server.resolveCodeAction(actions[0]);
    assert.deepEqual(versionsOf(action.edit), { [LOCK]: null });
    const edits = editsOf(action.edit)[LOCK];
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0].range.start.line, edits[0].range.end.line);
    const before = readFileSync(lockPath(), 'utf8');
    await writeLock(applyEdits(before, edits));
    const after = await server.waitForDiagnostics(STANDARDS, (d) => d.length === 2, 'the reviewed reference to clear');
    assert.deepEqual(suspectsOn(after), ['trace/suspect 2 20:7-20:16', 'trace/suspect 3 40:4-40:13']);
  });

  it('reads the lock from an open editor, reports a merge conflict in it, and goes back to the disk when it closes', async () => {
    const disk = readFileSync(lockPath(), 'utf8');
    await server.open(LOCK, disk, 'plaintext');
    const conflicted = disk.replace('  "reviewed": {\n', '  "reviewed": {\n<<<<<<< HEAD\n');
    await server.change(LOCK, conflicted);
    const problems = await server.waitForDiagnostics(LOCK, (d) => d.length === 1, 'the conflict in the lock');
    assert.deepEqual(suspectsOn(problems), ['config/invalid 1 3:0-3:7']);
    assert.deepEqual(await server.waitForDiagnostics(STANDARDS, (d) => d.length === 0, 'no suspect while the lock cannot be read'), []);
    await server.close(LOCK);
    await server.waitForDiagnostics(LOCK, (d) => d.length === 0, 'the disk lock to be read again');
    assert.equal((await server.waitForDiagnostics(STANDARDS, (d) => d.length === 3, 'the suspects back')).length, 3);
  });

  it('records every reference on request; a second request has nothing to write', async () => {
    const [first, ...others] = await server.request<FolderReviews[]>('policyTrace/recordReviews', { uri: STANDARDS });
    assert.equal(others.length, 0);
    assert.deepEqual({ ...first, edit: undefined }, {
      lock: LOCK, unchanged: false, edit: undefined, links: 10, changed: 4, added: 1, removed: 1,
      summary: 'policy-trace.lock: 10 件の参照を確認済みとして記録しました（変更 4 件、新規 1 件、なくなったもの 1 件）。',
      question: '10 件の参照を確認済みとして policy-trace.lock に記録しますか？ うち 4 件は最後の確認の後に参照先が変わったもの、1 件はまだ記録されていないものです。記録すると、変更の指摘（trace/suspect）は出なくなります。',
    });
    assert.deepEqual(versionsOf(first.edit), { [LOCK]: null });
    await writeLock(applyEdits(readFileSync(lockPath(), 'utf8'), editsOf(first.edit)[LOCK]));
    await server.waitForDiagnostics(STANDARDS, (d) => d.length === 0, 'every suspect to clear');
    await server.waitForDiagnostics(PROCEDURE, (d) => d.length === 0, 'every suspect to clear');
    const [again] = await server.request<FolderReviews[]>('policyTrace/recordReviews', {});
    assert.equal(again.unchanged, true);
    assert.equal(again.edit, undefined);
    assert.equal(again.summary, 'policy-trace.lock: 変更はありません（10 件の参照を確認済みとして記録済み）。');
  });

  it('creates the lock file where there is none', async () => {
    rmSync(lockPath());
    await server.filesChanged([{ uri: LOCK, type: 3 }]);
    await server.waitForDiagnostics(STANDARDS, (d) => d.length === 0, 'no suspect without a lock');
    const [answer] = await server.request<FolderReviews[]>('policyTrace/recordReviews', { uri: STANDARDS });
    assert.deepEqual(answer.edit!.documentChanges![0], { kind: 'create', uri: LOCK, options: { overwrite: false, ignoreIfExists: false } });
    assert.equal(answer.added, 10);
  });
});
