// Quick fixes of term/variant through the protocol (one here, every one in the set at once), and a
// prh dictionary read again when it changes on disk.

import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, copyFixture, Server, summarize, uriOf } from './harness';

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
    const all = actions[1].edit!.changes!;
    assert.deepEqual(Object.keys(all), [maintenance]);
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
