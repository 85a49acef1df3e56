// A long pass of analysis (a folder opened, a checkout that changes many files) shows its progress
// and lets requests in: a hover on a document that did not change is answered while the others are
// analysed, with what it says once they are.

import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, Server, uriOf } from './harness';

const GENERATED = 150;
const SAMPLE_PROCEDURE = readFileSync(join(REPO, 'samples', '実施手順', 'パスワード管理手順.md'), 'utf8');

/** A procedure as users write them: tables, links, emphasis, lists; about 45 KB. */
function procedure(i: number, edition: string): string {
  const steps = Array.from({ length: 48 }, (_, k) => [
    `## ${k + 5} 点検${k + 1}（${edition}）`,
    '',
    `1. **情報システム担当者**は、[台帳](../対策基準.md)により端末${i}-${k}を確認する。`,
    '2. 職員等は、異常を見つけたときは *直ちに* 所属長に報告する。',
    '',
    '| 項目 | 担当 | 頻度 |',
    '| --- | --- | --- |',
    `| ログの確認 | 情報システム担当者 | 毎日 |`,
    `| パスワードの変更 | 職員等 | 90日ごと |`,
    '',
  ].join('\n')).join('\n');
  return SAMPLE_PROCEDURE.replace('# パスワード管理手順', `# パスワード管理手順 ${i}`) + '\n' + steps;
}

describe('protocol: a long pass of analysis', function () {
  this.timeout(60_000);
  let dir: string;
  let server: Server;
  const generated = (i: number): string => join(dir, '実施手順', `生成${String(i).padStart(3, '0')}.md`);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-pass-'));
    for (const name of ['基本方針.md', '対策基準.md', '実施手順']) cpSync(join(REPO, 'samples', name), join(dir, name), { recursive: true });
    mkdirSync(join(dir, '実施手順'), { recursive: true });
    for (let i = 0; i < GENERATED; i++) writeFileSync(generated(i), procedure(i, '初版'));
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows its progress, and answers a hover on an unchanged document before the others are analysed', async () => {
    server = await Server.start({ root: dir, locale: 'ja', workDoneProgress: true });
    const policy = uriOf(join(dir, '基本方針.md'));
    await server.open(policy, readFileSync(join(dir, '基本方針.md'), 'utf8'));
    await server.waitForDiagnostics(policy, () => true, 'the first publish');
    const total = GENERATED + 9;
    const first = server.events.filter((e) => e.startsWith('progress '));
    assert.equal(first[0], `progress begin Policy Trace: 文書を解析しています | ${total} 件中 0 件 | 0`);
    assert.equal(first.at(-1), 'progress end');
    assert.ok(server.events.indexOf('progress end') < server.events.findIndex((e) => e.startsWith('publish ')), 'the diagnostics come after the pass');

    // A checkout changes every generated procedure behind the editor.
    const mark = server.events.length;
    for (let i = 0; i < GENERATED; i++) writeFileSync(generated(i), procedure(i, '第2版'));
    await server.filesChanged(Array.from({ length: GENERATED }, (_, i) => ({ uri: uriOf(generated(i)), type: 2 as const })));
    await until(() => server.events.slice(mark).includes(`progress begin Policy Trace: 文書を解析しています | ${GENERATED} 件中 0 件 | 0`), 'the second pass to begin');
    const measure = { line: 83, character: 5 }; // ### (1) 組織体制
    const during = await server.request('textDocument/hover', { textDocument: { uri: policy }, position: measure });
    await until(() => server.events.slice(mark).includes('progress end'), 'the second pass to end');
    const second = server.events.slice(mark);
    assert.ok(second.indexOf('answer textDocument/hover') < second.indexOf('progress end'), `the hover was answered during the pass: ${second.filter((e) => !e.startsWith('publish')).join(', ')}`);
    assert.ok(second.filter((e) => e.startsWith('progress report')).length >= 1, 'the pass reported its progress');
    const after = await server.request('textDocument/hover', { textDocument: { uri: policy }, position: measure });
    assert.deepEqual(during, after);
    assert.match(JSON.stringify(after), /組織体制/);
  });
});

async function until(test: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
