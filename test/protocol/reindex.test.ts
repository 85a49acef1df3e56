// The re-index request reads the folders from disk again: files changed behind the editor's back.

import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, Server, summarize, uriOf } from './harness';

describe('protocol: re-index', () => {
  let server: Server;
  let fixture: ReturnType<typeof copyFixture>;

  before(async () => {
    fixture = copyFixture('basic');
    server = await Server.start({ root: fixture.root });
  });
  after(async () => {
    await server.stop();
    fixture.dispose();
  });

  it('finds a file written without any watcher event once re-indexed', async () => {
    const added = join(fixture.root, '実施手順', '追加手順.md');
    writeFileSync(added, '---\n種別: 実施手順\n---\n# 追加手順\n\n手順を定める。\n');
    const count = await server.connection.sendRequest('policyTrace/reindex');
    assert.equal(count, 1);
    const diagnostics = await server.waitForDiagnostics(uriOf(added), (d) => d.length > 0);
    assert.deepEqual(summarize(diagnostics), ['trace/orphan 3 3:2-3:6']);
  });
});
