// Quick fixes of term/variant through the protocol (one here, every one in the set at once), and a
// prh dictionary read again when it changes on disk.

import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, copyFixture, editsOf, Server, summarize, uriOf, versionsOf } from './harness';

describe('protocol: term quick fixes and prh dictionaries', () => {
  let server: Server;
  let fixture: ReturnType<typeof copyFixture>;
  let maintenance: string;

  before(async () => {
    fixture = copyFixture('terms');
    maintenance = uriOf(join(fixture.root, '実施手順', '保守手順.md'));
    server = await Server.start({ root: fixture.root, codes: /^term\/variant$/ });
    await server.waitForDiagnostics(maintenance, (d) => d.length === 2);
  });
  after(async () => {
    await server.stop();
    fixture.dispose();
  });

  it('offers the defined form, and one edit that mends every variant of the set', async () => {
    const [variant] = server.diagnostics.get(maintenance)!;
    const actions = (await server.codeActions(maintenance, [variant]))!;
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ['「ネットワーク」に置き換える', 'quickfix', true],
      ['文書群の表記ゆれをすべて定義語に直す（2 件）', 'quickfix', false],
    ]);
    const all = editsOf(actions[1].edit);
    assert.deepEqual(versionsOf(actions[1].edit), { [maintenance]: null });
    const text = readFileSync(join(fixture.root, '実施手順', '保守手順.md'), 'utf8');
    const fixed = applyEdits(text, all[maintenance] as TextEdit[]);
    assert.equal(fixed.split('\n')[6], '𠮷田係長は、ネットワークとサーバを毎月点検する。');
    await server.open(maintenance, fixed);
    await server.waitForDiagnostics(maintenance, (d) => d.length === 0);
  });

  it('reads a prh dictionary named in policy-trace.json, and again when it changes on disk', async () => {
    const config = join(fixture.root, 'policy-trace.json');
    const prh = join(fixture.root, 'prh.yml');
    writeFileSync(prh, 'version: 1\nrules:\n  - expected: サーバ\n    pattern: サーバー\n');
    writeFileSync(config, JSON.stringify({ terms: { prh: ['prh.yml'] } }));
    await server.filesChanged([{ uri: uriOf(prh), type: 1 }, { uri: uriOf(config), type: 1 }]);
    await server.waitForDiagnostics(maintenance, (d) => d.length === 0);
    writeFileSync(prh, 'version: 1\nrules:\n  - expected: サーバ\n    pattern: サーバー\n  - expected: 点検を行う\n    pattern: 点検する\n');
    await server.filesChanged([{ uri: uriOf(prh), type: 2 }]);
    const after = await server.waitForDiagnostics(maintenance, (d) => d.length === 1);
    assert.deepEqual(summarize(after), ['term/variant 2 6:20-6:24']);
    assert.equal(after[0].message, '「点検する」は「点検を行う」と書きます（表記ゆれ辞書）。');
  });
});

describe('protocol: every term rule on a three-tier set', () => {
  const root = join(__dirname, '..', 'fixtures', 'terms', 'set');
  const uri = (name: string): string => uriOf(join(root, name));
  let server: Server;

  before(async () => { server = await Server.start({ root, codes: /^term\// }); });
  after(() => server.stop());

  it('publishes each term rule where the set breaks it', async () => {
    const policy = await server.waitForDiagnostics(uri('基本方針.md'), (d) => d.length > 0);
    const standards = await server.waitForDiagnostics(uri('対策基準.md'), (d) => d.length > 0);
    const procedure = await server.waitForDiagnostics(uri('実施手順.md'), (d) => d.length > 0);
    assert.deepEqual(summarize(policy), ['term/undefined 2 7:18-7:24', 'term/conflict 2 9:4-9:7', 'term/unused 4 11:4-11:9']);
    assert.deepEqual(summarize(standards), [
      'term/conflict 2 9:4-9:7', 'term/before-definition 3 13:0-13:4', 'term/variant 2 13:16-13:20',
      'term/undefined 2 15:0-15:11', 'term/long-form 3 16:0-16:13',
    ]);
    assert.deepEqual(summarize(procedure), ['term/variant 2 5:0-5:4', 'term/variant 2 5:12-5:18']);
    const conflict = standards[0];
    assert.deepEqual(conflict.relatedInformation!.map((r) => [r.location.uri, r.location.range.start.line, r.message]),
      [[uri('基本方針.md'), 9, '「サーバ」の定義: 情報システムの処理を担う機器をいう。']]);
  });

  it('fixes a long form with the short one', async () => {
    const longForm = server.diagnostics.get(uri('対策基準.md'))!.find((d) => d.code === 'term/long-form')!;
    const [action] = (await server.codeActions(uri('対策基準.md'), [longForm]))!;
    assert.equal(action.title, '「CISO」に置き換える');
    const text = readFileSync(join(root, '対策基準.md'), 'utf8');
    const fixed = applyEdits(text, editsOf(action.edit)[uri('対策基準.md')]);
    assert.equal(fixed.split('\n')[16], 'CISOは年1回報告する。');
  });
});
