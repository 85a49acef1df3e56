// The server over stdio keeps its index equal to the disk while files come and go: after each
// change told by a watcher event (a file created, renamed, deleted, changed behind the editor, a
// folder deleted, a binary file, a loop of links, a Shift_JIS file), every document's diagnostics
// are what a fresh analysis of the folder as it now is gives.

import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Encoding from 'encoding-japanese';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { PolicyWorkspace } from '../../server/src/core/api';
import { loadFolder } from '../../server/src/host/folder';
import { REPO, Server, uriOf } from './harness';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

/** `path line:col code message` of every finding, from a fresh analysis of the folder on disk. */
async function fresh(root: string): Promise<string[]> {
  const ws = new PolicyWorkspace();
  await loadFolder(root, ws);
  const out: string[] = [];
  for (const [uri, list] of ws.findings('ja')) {
    for (const f of list) out.push(line(root, uri, f.range.start, f.code, f.message));
  }
  return out.sort();
}

function line(root: string, uri: string, at: { line: number; character: number }, code: unknown, message: string): string {
  return `${relative(root, decodeURIComponent(new URL(uri).pathname))} ${at.line}:${at.character} ${String(code)} ${message}`;
}

function published(root: string, server: Server): string[] {
  const out: string[] = [];
  for (const [uri, list] of server.diagnostics as Map<string, Diagnostic[]>) {
    for (const d of list) out.push(line(root, uri, d.range.start, d.code, String(d.message)));
  }
  return out.sort();
}

/** Waits until the server's diagnostics are those of a fresh analysis; fails with the difference. */
async function settles(root: string, server: Server, what: string): Promise<void> {
  const want = await fresh(root);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const got = published(root, server);
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    if (Date.now() > deadline) {
      assert.deepEqual({ missing: want.filter((x) => !got.includes(x)), stale: got.filter((x) => !want.includes(x)) }, { missing: [], stale: [] }, what);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('protocol: the index follows the disk', () => {
  let dir: string;
  let root: string;
  let server: Server;
  const uri = (rel: string): string => uriOf(join(root, rel));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-disk-'));
    root = join(dir, 'samples');
    cpSync(join(REPO, 'samples'), root, { recursive: true });
    server = await Server.start({ root, codes: /./ });
    await settles(root, server, 'the first load');
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows a file created, changed behind the editor, renamed and deleted', async () => {
    const created = join(root, '実施手順', '新しい手順.md');
    writeFileSync(created, '# 新しい手順\n\n根拠: 対策基準 9\n');
    await server.filesChanged([{ uri: uriOf(created), type: CREATED }]);
    await settles(root, server, 'a file created');

    writeFileSync(created, '# 新しい手順\n\n根拠: 対策基準 5\n\nﾈｯﾄﾜｰｸを点検する。\n');
    await server.filesChanged([{ uri: uriOf(created), type: CHANGED }]);
    await settles(root, server, 'a file changed behind the editor');

    const renamed = join(root, '実施手順', '改名した手順.md');
    renameSync(created, renamed);
    await server.filesChanged([{ uri: uriOf(created), type: DELETED }, { uri: uriOf(renamed), type: CREATED }]);
    await settles(root, server, 'a file renamed');

    rmSync(renamed);
    await server.filesChanged([{ uri: uriOf(renamed), type: DELETED }]);
    await settles(root, server, 'a file deleted');
  });

  it('follows a folder deleted under it, and one copied in', async () => {
    const folder = join(root, '実施手順');
    const copy = join(dir, '控え');
    cpSync(folder, copy, { recursive: true });
    rmSync(folder, { recursive: true });
    await server.filesChanged([{ uri: uriOf(folder), type: DELETED }]);
    await settles(root, server, 'a folder deleted');
    cpSync(copy, folder, { recursive: true });
    await server.filesChanged([{ uri: uriOf(folder), type: CREATED }]);
    await settles(root, server, 'a folder copied in');
  });

  it('leaves out a binary file and a link out of the folder, follows a loop of links once, and reads Shift_JIS', async () => {
    const binary = join(root, '図.md');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    writeFileSync(join(dir, '外.md'), '# 外部の手順\n\n根拠: 対策基準 5\n');
    symlinkSync(join(dir, '外.md'), join(root, '実施手順', '外部手順.md'));
    mkdirSync(join(root, 'links'));
    symlinkSync(root, join(root, 'links', 'loop'));
    const sjis = join(root, '実施手順', '古い手順.md');
    const text = '# 古い手順\n\n根拠: 対策基準 5\n\nﾈｯﾄﾜｰｸ機器を施錠する。\n';
    writeFileSync(sjis, encodeShiftJis(text));
    await server.filesChanged([
      { uri: uriOf(binary), type: CREATED }, { uri: uri('実施手順/外部手順.md'), type: CREATED },
      { uri: uriOf(join(root, 'links')), type: CREATED }, { uri: uriOf(sjis), type: CREATED },
    ]);
    await settles(root, server, 'binary, link out, loop and Shift_JIS files');
    assert.ok(!server.publishLog.some((u) => u.includes(encodeURIComponent('外部手順'))), 'the link out of the folder was read');
  });

  it('logged no handler failure', () => {
    assert.deepEqual(server.logs.filter((l) => /failed|uncaught|unhandled/.test(l)), []);
  });
});

/** Shift_JIS bytes of a text of JIS X 0208 characters (and half-width kana). */
function encodeShiftJis(text: string): Buffer {
  return Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
}
