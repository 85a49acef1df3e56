// The server over stdio in a workspace the user has not trusted (VS Code's Workspace Trust): the
// documents are checked as usual, but the regular expressions of the workspace's prh dictionary are
// not run; each is said not to be used, on the dictionary. Trusted, the same dictionary works.

import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, Server, summarize, uriOf } from './harness';

const PRH = 'version: 1\nrules:\n  - expected: 点検を行う\n    pattern: /点検(す|し)る/\n  - expected: サーバ\n    pattern: サーバー\n';

async function withWorkspace(trusted: boolean | undefined, test: (server: Server, uri: (rel: string) => string) => Promise<void>): Promise<void> {
  const fixture = copyFixture('terms');
  const uri = (rel: string): string => uriOf(join(fixture.root, rel));
  writeFileSync(join(fixture.root, 'prh.yml'), PRH);
  writeFileSync(join(fixture.root, 'policy-trace.json'), JSON.stringify({ terms: { prh: ['prh.yml'] } }));
  const server = await Server.start({ root: fixture.root, codes: /^(term\/variant|config\/invalid)$/, trusted });
  try {
    await test(server, uri);
  } finally {
    await server.stop();
    fixture.dispose();
  }
}

describe('protocol: Workspace Trust', () => {
  it('does not run the prh regular expressions of an untrusted workspace, and says so on the dictionary', () => withWorkspace(false, async (server, uri) => {
    const prh = await server.waitForDiagnostics(uri('prh.yml'), (d) => d.length > 0);
    assert.deepEqual(prh.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`), [
      'config/invalid 3:13 このワークスペースは信頼されていないため、正規表現 /点検(す|し)る/ は使いません。使うにはワークスペースを信頼してください。',
    ]);
    // The plain pattern still works (サーバー: a variant of the defined サーバ, and the dictionary's
    // rule); 点検する is not looked for.
    const maintenance = await server.waitForDiagnostics(uri('実施手順/保守手順.md'), (d) => d.length === 3);
    assert.deepEqual(summarize(maintenance), ['term/variant 2 6:7-6:13', 'term/variant 2 6:14-6:18', 'term/variant 2 6:14-6:18']);
  }));

  it('runs them in a trusted workspace (and when the client does not say)', () => withWorkspace(undefined, async (server, uri) => {
    const maintenance = await server.waitForDiagnostics(uri('実施手順/保守手順.md'), (d) => d.length === 4);
    assert.deepEqual(summarize(maintenance), ['term/variant 2 6:7-6:13', 'term/variant 2 6:14-6:18', 'term/variant 2 6:14-6:18', 'term/variant 2 6:21-6:25']);
    assert.deepEqual(await server.waitForDiagnostics(uri('prh.yml'), () => true), []);
  }));
});
