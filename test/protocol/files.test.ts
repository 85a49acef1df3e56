// Files and configuration changing on disk, and a client that opens files without a folder.

import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFixture, FIXTURES, Server, summarize, uriOf } from './harness';

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const codes = (d: { code?: unknown }[]): string[] => d.map((x) => String(x.code));
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

describe('protocol: files changing on disk', () => {
  let server: Server;
  let fixture: ReturnType<typeof copyFixture>;
  let policy: string;
  let standards: string;
  let config: string;
  before(async () => {
    fixture = copyFixture('basic');
    policy = uriOf(join(fixture.root, '基本方針.md'));
    standards = uriOf(join(fixture.root, '対策基準.md'));
    config = uriOf(join(fixture.root, 'policy-trace.json'));
    server = await Server.start({ root: fixture.root });
    await server.waitForFirstPublish([policy, standards]);
  });
  after(async () => {
    await server.stop();
    fixture.dispose();
  });

  it('checks a file created on disk once the watcher reports it, and clears it when deleted', async () => {
    const path = join(fixture.root, '実施手順', '分類手順.md');
    const uri = uriOf(path);
    writeFileSync(path, '---\n種別: 実施手順\n根拠: 対策基準 3\n---\n# 分類手順\n\n詳細は対策基準 6 による。\n');
    // VS Code's client and our registration may both report it: the second changes nothing.
    await server.filesChanged([{ uri, type: CREATED }, { uri, type: CREATED }]);
    const own = await server.waitForDiagnostics(uri, (d) => d.length > 0, 'the new file to be checked');
    assert.deepEqual(summarize(own), ['trace/unresolved-reference 1 6:3-6:9']);
    assert.equal(own[0].message, '参照先「6」が対策基準に見つかりません。 もしかして: 5、4、3');
    // 6(2) now has a procedure behind its standard.
    assert.deepEqual(summarize(await server.waitForDiagnostics(policy, (d) => d.length === 1, '6(2) to be covered')),
      ['trace/missing-standard 2 21:4-21:16']);

    rmSync(path);
    await server.filesChanged([{ uri, type: DELETED }]);
    assert.deepEqual(await server.waitForDiagnostics(uri, (d) => d.length === 0, 'the deleted file to be cleared'), []);
    assert.deepEqual(summarize(await server.waitForDiagnostics(policy, (d) => d.length === 2, '6(2) to miss its procedure again')),
      ['trace/missing-procedure 2 13:4-13:18', 'trace/missing-standard 2 21:4-21:16']);
  });

  it('re-reads a file changed on disk, unless it is open in an editor', async () => {
    const path = join(fixture.root, '実施手順', '入退室管理手順.md');
    const uri = uriOf(path);
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, '---\n種別: 実施手順\n根拠: 対策基準 4\n---\n# 入退室管理手順\n\n対策基準 99 も参照する。\n');
    await server.filesChanged([{ uri, type: CHANGED }]);
    assert.deepEqual(summarize(await server.waitForDiagnostics(uri, (d) => d.length === 1, 'the changed file to be checked')),
      ['trace/unresolved-reference 1 6:0-6:7']);

    // Open with other text: the editor wins over a later change on disk.
    await server.open(uri, '---\n種別: 実施手順\n根拠: 対策基準 4\n---\n# 入退室管理手順\n');
    await server.waitForDiagnostics(uri, (d) => d.length === 0, 'the editor text to be checked');
    writeFileSync(path, '# 入退室管理手順\n\n対策基準 98 と対策基準 97\n');
    await server.filesChanged([{ uri, type: CHANGED }]);
    // The editor's 根拠 line is still what the server sees there.
    assert.deepEqual(await server.definition(uri, { line: 2, character: 5 }), [{ uri: standards, range: range(19, 3, 19, 14) }]);
    // Closing goes back to the disk.
    await server.close(uri);
    assert.deepEqual(summarize(await server.waitForDiagnostics(uri, (d) => d.length === 2, 'the disk text after close')),
      ['trace/unresolved-reference 1 2:0-2:7', 'trace/unresolved-reference 1 2:9-2:16']);

    writeFileSync(path, original);
    await server.filesChanged([{ uri, type: CHANGED }]);
    await server.waitForDiagnostics(uri, (d) => d.length === 0, 'the original file back');
  });

  it('reports an invalid policy-trace.json created on disk, then applies it once fixed, and forgets it when deleted', async () => {
    const path = join(fixture.root, 'policy-trace.json');
    writeFileSync(path, '{\n  "severity": {\n    "trace/orphan": "loud"\n  }\n}\n');
    await server.filesChanged([{ uri: config, type: CREATED }]);
    const [bad] = await server.waitForDiagnostics(config, (d) => d.length > 0, 'config/invalid');
    assert.deepEqual(bad, {
      range: range(2, 20, 2, 26),
      severity: 1,
      source: 'policy-trace',
      code: 'config/invalid',
      codeDescription: { href: 'https://github.com/policy-trace/policy-trace/blob/main/README.md#config-invalid' },
      message: '設定ファイルが不正です: 「loud」は使えません。使える値: error, warning, information, hint, off',
      relatedInformation: [],
    });
    // The defaults stay in force: the orphan is still reported.
    assert.ok(codes(server.diagnostics.get(standards)!).includes('trace/orphan'));

    writeFileSync(path, '{\n  "severity": {\n    "trace/orphan": "off"\n  }\n}\n');
    await server.filesChanged([{ uri: config, type: CHANGED }]);
    assert.deepEqual(await server.waitForDiagnostics(config, (d) => d.length === 0, 'the config to be valid'), []);
    assert.deepEqual(summarize(await server.waitForDiagnostics(standards, (d) => !codes(d).includes('trace/orphan'), 'orphans to be off')),
      ['trace/inferred-link 4 15:5-15:18']);

    rmSync(path);
    await server.filesChanged([{ uri: config, type: DELETED }]);
    assert.deepEqual(summarize(await server.waitForDiagnostics(standards, (d) => codes(d).includes('trace/orphan'), 'orphans to be back')),
      ['trace/inferred-link 4 15:5-15:18', 'trace/orphan 3 23:3-23:7']);
  });

  it('reloads the folder when the include globs change', async () => {
    const path = join(fixture.root, 'policy-trace.json');
    writeFileSync(path, '{ "include": ["基本方針.md", "対策基準.md"] }\n');
    await server.filesChanged([{ uri: config, type: CREATED }]);
    const entry = uriOf(join(fixture.root, '実施手順', '入退室管理手順.md'));
    // The procedures left the set: their diagnostics are cleared, and 6(1) and 6(3) lose theirs.
    await server.waitForDiagnostics(entry, (d) => d.length === 0, 'the procedure to be cleared');
    assert.deepEqual(summarize(await server.waitForDiagnostics(policy, (d) => d.length === 4, 'every measure to miss procedures')), [
      'trace/missing-procedure 2 9:4-9:12',
      'trace/missing-procedure 2 13:4-13:18',
      'trace/missing-procedure 2 17:4-17:17',
      'trace/missing-standard 2 21:4-21:16',
    ]);
    rmSync(path);
    await server.filesChanged([{ uri: config, type: DELETED }]);
    assert.deepEqual(summarize(await server.waitForDiagnostics(policy, (d) => d.length === 2, 'the procedures to be back')),
      ['trace/missing-procedure 2 13:4-13:18', 'trace/missing-standard 2 21:4-21:16']);
  });

  it('clears a document deleted while open once it is closed', async () => {
    const path = join(fixture.root, '実施手順', '体制運用手順.md');
    const uri = uriOf(path);
    await server.open(uri, '---\n種別: 実施手順\n---\n# 体制運用手順\n\n根拠: 対策基準 2\n\n対策基準 9 に従う。\n');
    rmSync(path);
    await server.filesChanged([{ uri, type: DELETED }]);
    // Still open: the editor's text is still checked.
    assert.deepEqual((await server.definition(uri, { line: 5, character: 5 }))?.length, 1);
    await server.close(uri);
    assert.deepEqual(await server.waitForDiagnostics(uri, (d) => d.length === 0, 'the deleted file to be cleared'), []);
    assert.equal(await server.hover(uri, { line: 5, character: 5 }), null);
  });
});

describe('protocol: an invalid policy-trace.json in the folder from the start', () => {
  const root = join(FIXTURES, 'config');
  const config = uriOf(join(root, 'policy-trace.json'));
  const standards = uriOf(join(root, '対策基準.md'));
  let server: Server;
  before(async () => { server = await Server.start({ root }); });
  after(() => server.stop());

  it('puts config/invalid on the offending value and keeps checking with the defaults', async () => {
    const [bad] = await server.waitForDiagnostics(config, () => true);
    assert.deepEqual([bad.code, bad.severity, bad.range, bad.message],
      ['config/invalid', 1, range(2, 20, 2, 26), '設定ファイルが不正です: 「loud」は使えません。使える値: error, warning, information, hint, off']);
    const std = await server.waitForDiagnostics(standards, () => true);
    assert.deepEqual(summarize(std), ['trace/orphan 3 3:2-3:14']);
    assert.equal(std[0].message, '対策基準の「情報セキュリティ対策基準」は基本方針のどの措置にも紐付いていません。');
  });

  it('keeps serving requests', async () => {
    const hover = await server.hover(standards, { line: 5, character: 4 });
    assert.deepEqual(hover?.range, range(5, 3, 5, 7));
    assert.ok(server.alive);
  });
});

describe('protocol: a policy-trace.json with one unknown rule code', () => {
  const root = join(FIXTURES, 'config-partial');
  const config = uriOf(join(root, 'policy-trace.json'));
  const rules = uriOf(join(root, '規程', '運用の決まり.md'));
  let server: Server;
  before(async () => { server = await Server.start({ root, locale: 'en' }); });
  after(() => server.stop());

  it('reports the unknown code at its key and keeps the rest of the file', async () => {
    const [bad] = await server.waitForDiagnostics(config, () => true);
    assert.deepEqual([bad.code, bad.severity, bad.range, bad.message],
      ['config/invalid', 1, range(3, 4, 3, 18), 'Invalid configuration file: Unknown setting "trace/orphen".']);
    // The tier glob and the other severity still apply: the file is a standard, its orphan a hint.
    const found = await server.waitForDiagnostics(rules, (d) => d.length > 0, 'trace/orphan');
    assert.deepEqual(summarize(found), ['trace/orphan 4 0:2-0:8']);
  });
});

describe('protocol: a client without workspace folders', () => {
  const root = join(FIXTURES, 'unicode');
  let server: Server;
  before(async () => { server = await Server.start({}); });
  after(() => server.stop());

  it('takes the folder of the first opened document as a workspace folder', async () => {
    const standards = uriOf(join(root, '対策基準.md'));
    const crlf = uriOf(join(root, '実施手順', '改行手順.md'));
    await server.open(standards, '---\n種別: 対策基準\n---\n# 情報セキュリティ対策基準\n\n## 1 バックアップ\n\nサーバのデータは毎日複製する。\n');
    // A document that is not open is checked too: the whole folder was loaded.
    assert.deepEqual(summarize(await server.waitForDiagnostics(crlf, () => true)), ['trace/unresolved-reference 1 7:3-7:9']);
    assert.deepEqual(await server.waitForDiagnostics(standards, () => true), []);
    assert.deepEqual((await server.definition(crlf, { line: 5, character: 6 }))?.[0].uri, standards);
  });
});

describe('protocol: a file opened without any workspace folder, in a large tree', () => {
  let server: Server;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-around-'));
    writeFileSync(join(dir, '対策基準.md'), '---\n種別: 対策基準\n---\n# 対策基準\n\n## 1 組織体制\n');
    mkdirSync(join(dir, '実施手順'));
    writeFileSync(join(dir, '実施手順', '手順.md'), '---\n種別: 実施手順\n---\n# 手順\n\n根拠: 対策基準 9\n');
    mkdirSync(join(dir, 'a', 'b', 'c'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'c', '深い手順.md'), '---\n種別: 実施手順\n---\n# 深い手順\n\n根拠: 対策基準 8\n');
    mkdirSync(join(dir, '記録'));
    for (let i = 0; i < 510; i++) writeFileSync(join(dir, '記録', `メモ${String(i).padStart(3, '0')}.md`), `# メモ${i}\n`);
    server = await Server.start({});
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads its folder two levels deep and at most 500 Markdown files, and says so in the log', async () => {
    const standards = uriOf(join(dir, '対策基準.md'));
    await server.open(standards, readFileSync(join(dir, '対策基準.md'), 'utf8'));
    // 実施手順/手順.md sorts before 記録/ and its memos; the file three levels down is not read.
    const near = await server.waitForDiagnostics(uriOf(join(dir, '実施手順', '手順.md')), (d) => d.length > 0);
    assert.deepEqual(summarize(near), ['trace/unresolved-reference 1 5:4-5:10']);
    assert.ok(!server.publishLog.includes(uriOf(join(dir, 'a', 'b', 'c', '深い手順.md'))));
    assert.ok(server.logs.some((l) => l.includes('has more Markdown files than the 500 read for a file opened without a workspace folder')), server.logs.join('\n'));
  });
});
