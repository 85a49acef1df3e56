// An idle server gives back what its work left: one full collection once it has been quiet for
// IDLE_MS after work that grew the heap by GROWTH_BYTES, said in the client's trace.

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { GROWTH_BYTES, IDLE_MS } from '../../server/src/host/idleCollection';
import { FIXTURES, Server, uriOf } from './harness';

const ROOT = join(FIXTURES, 'basic');
const POLICY = uriOf(join(ROOT, '基本方針.md'));
const LARGE = uriOf(join(ROOT, '大きな対策基準.md'));
const COLLECTED = /^Policy Trace: idle collection, heap (\d+\.\d) -> (\d+\.\d) MiB in \d+ ms$/;

/** About 3 MB of standards in 30,000 numbered sections: tens of megabytes of facts and garbage. */
function manySections(): string {
  const parts = ['---\n種別: 対策基準\n---\n# 大きな対策基準\n'];
  for (let i = 1; i <= 300; i++) {
    parts.push(`\n## ${i} 事項${i}\n\n根拠: 基本方針 6(${(i % 4) + 1})\n`);
    for (let j = 1; j <= 100; j++) parts.push(`\n(${j}) 職員等は、事項${i}の${j}番目の手順に従い情報資産を管理するものとする。\n`);
  }
  return parts.join('');
}

describe('protocol: memory', () => {
  let server: Server;
  const traces: { at: number; message: string }[] = [];
  before(async () => {
    server = await Server.start({ root: ROOT });
    server.connection.onNotification('$/logTrace', (p: { message: string }) => { traces.push({ at: Date.now(), message: p.message }); });
    await server.connection.sendNotification('$/setTrace', { value: 'verbose' });
    await server.waitForFirstPublish([POLICY]);
  });
  after(() => server.stop());

  it('collects once it is idle after a large document, not before', async function () {
    this.timeout(30_000);
    await server.open(LARGE, manySections());
    await server.waitForDiagnostics(LARGE, () => true, 'the large document checked', 20_000);
    const checked = Date.now();
    const collection = () => traces.find((t) => COLLECTED.test(t.message));
    for (let waited = 0; !collection() && waited < IDLE_MS + 8_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    const found = collection();
    assert.ok(found, `no idle collection in the trace: ${JSON.stringify(traces.map((t) => t.message).slice(-5))}`);
    // The quiet time is counted from the server's last publish, which is at or after ours.
    assert.ok(found.at - checked >= IDLE_MS - 100, `collected ${found.at - checked} ms after the check`);
    const [, before, after] = COLLECTED.exec(found.message)!.map(Number);
    assert.ok(before - after > 0, found.message);
    assert.ok(before * 1048576 > GROWTH_BYTES, found.message);
    // Once collected, an idle server does not collect again until it works again.
    await new Promise((r) => setTimeout(r, IDLE_MS + 500));
    assert.equal(traces.filter((t) => COLLECTED.test(t.message)).length, 1, 'one collection for one burst of work');
    assert.ok(server.alive);
  });
});
