// The server over stdio: every kind of edit it offers, applied as an editor applies it to documents
// with 𠮷 and an emoji (two UTF-16 code units each), tabs, a soft line break inside a term, CRLF
// and a BOM, gives exactly the text of a golden file (test/fixtures/edits/expected/), and touches
// nothing else. Open documents get edits for their version; closed ones, edits for their disk text.

import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, editsOf, FIXTURES, Server, uriOf, versionsOf } from './harness';

const SOURCE = join(FIXTURES, '..', 'edits');
const GOLDEN = join(SOURCE, 'expected');
const BOM = '\uFEFF';

describe('protocol: edits as golden files', () => {
  let dir: string;
  let server: Server;
  const path = (rel: string): string => join(dir, rel);
  const uri = (rel: string): string => uriOf(path(rel));
  /** The file's text as an editor holds it: without the BOM, which it writes back on save. */
  const editorText = (rel: string): string => readFileSync(path(rel), 'utf8').replace(/^\uFEFF/, '');
  const hasBom = (rel: string): boolean => readFileSync(path(rel), 'utf8').startsWith(BOM);
  /** Applies a workspace edit's text edits to the files (an editor saving them), BOM kept. */
  const apply = (edit: WorkspaceEdit | undefined): string[] => {
    const touched: string[] = [];
    for (const [u, edits] of Object.entries(editsOf(edit))) {
      const rel = decodeURIComponent(new URL(u).pathname).slice(dir.length + 1);
      const bom = hasBom(rel) ? BOM : '';
      writeFileSync(path(rel), bom + applyEdits(editorText(rel), edits as TextEdit[]));
      touched.push(rel);
    }
    return touched.sort();
  };
  const golden = (name: string): string => readFileSync(join(GOLDEN, name), 'utf8');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-golden-'));
    cpSync(SOURCE, dir, { recursive: true, filter: (src) => !src.includes('expected') });
    server = await Server.start({ root: dir, codes: /./ });
    await server.waitForFirstPublish([uri('実施手順/点検手順.md'), uri('対策基準.md')]);
  });
  afterEach(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function actionsFor(rel: string, code: string, n = 0): Promise<CodeAction[]> {
    const d = server.diagnostics.get(uri(rel))!.filter((x) => x.code === code)[n];
    assert.ok(d, `${code} #${n} on ${rel}`);
    return (await server.codeActions(uri(rel), [d]))!;
  }

  it('a variant replaced where it is, in an open CRLF file with a BOM, after 𠮷, a tab and an emoji', async () => {
    await server.open(uri('実施手順/点検手順.md'), editorText('実施手順/点検手順.md'));
    const [local] = await actionsFor('実施手順/点検手順.md', 'term/variant', 2);
    assert.deepEqual(versionsOf(local.edit), { [uri('実施手順/点検手順.md')]: 1 });
    assert.deepEqual(apply(local.edit), ['実施手順/点検手順.md']);
    assert.equal(readFileSync(path('実施手順/点検手順.md'), 'utf8'), golden('点検手順.quickfix.md'));
  });

  it('every safe fix of the document at once (fix-all on save)', async () => {
    await server.open(uri('実施手順/点検手順.md'), editorText('実施手順/点検手順.md'));
    const [fixAll] = (await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri('実施手順/点検手順.md') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.policyTrace'] },
    }))!;
    assert.deepEqual(apply(fixAll.edit), ['実施手順/点検手順.md']);
    assert.equal(readFileSync(path('実施手順/点検手順.md'), 'utf8'), golden('点検手順.fixall.md'));
  });

  it('every variant of the set at once, in an open file and a closed one', async () => {
    await server.open(uri('実施手順/点検手順.md'), editorText('実施手順/点検手順.md'));
    const [, all] = await actionsFor('実施手順/点検手順.md', 'term/variant', 1);
    assert.deepEqual(versionsOf(all.edit), { [uri('実施手順/点検手順.md')]: 1, [uri('対策基準.md')]: null });
    assert.deepEqual(apply(all.edit), ['実施手順/点検手順.md', '対策基準.md']);
    assert.equal(readFileSync(path('実施手順/点検手順.md'), 'utf8'), golden('点検手順.all-variants.md'));
    assert.equal(readFileSync(path('対策基準.md'), 'utf8'), golden('対策基準.all-variants.md'));
  });

  it('a term renamed in every file, across a soft line break, closed files checked against the disk', async () => {
    const edit = await server.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: uri('基本方針.md') }, position: { line: 7, character: 6 }, newName: '通信網',
    });
    assert.deepEqual(Object.values(versionsOf(edit)), [null, null, null]);
    assert.deepEqual(apply(edit), ['基本方針.md', '実施手順/点検手順.md', '対策基準.md']);
    for (const [file, name] of [['基本方針.md', '基本方針.rename.md'], ['対策基準.md', '対策基準.rename.md'], ['実施手順/点検手順.md', '点検手順.rename.md']]) {
      assert.equal(readFileSync(path(file), 'utf8'), golden(name), file);
    }
  });

  it('the basis line of an inferred link written under its heading', async () => {
    const [basis] = await actionsFor('対策基準.md', 'trace/inferred-link');
    assert.deepEqual(apply(basis.edit), ['対策基準.md']);
    assert.equal(readFileSync(path('対策基準.md'), 'utf8'), golden('対策基準.basis.md'));
  });
});
