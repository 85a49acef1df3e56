// An idle server gives back what its work left: one full collection once it has been quiet for
// IDLE_MS after work that grew the heap by GROWTH_BYTES, said in the client's trace; and between
// edits it scavenges its young generation once quiet for YOUNG_IDLE_MS, when the next edit would
// not fit in it.

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { GROWTH_BYTES, IDLE_MS, YOUNG_IDLE_MS } from '../../server/src/host/idleCollection';
import { FIXTURES, Server, uriOf } from './harness';

const ROOT = join(FIXTURES, 'basic');
const POLICY = uriOf(join(ROOT, '基本方針.md'));
const LARGE = uriOf(join(ROOT, '大きな対策基準.md'));
const COLLECTED = /^Policy Trace: idle collection, heap (\d+\.\d) -> (\d+\.\d) MiB in \d+ ms$/;
const SCAVENGED = /^Policy Trace: young collection, (\d+) -> (\d+) KiB in \d+\.\d ms$/;

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

  it('scavenges between edits once idle, so that the next edit does not', async function () {
    this.timeout(30_000);
    const uri = uriOf(join(ROOT, '大きな対策基準の写し.md'));
    await server.open(uri, manySections());
    await server.waitForDiagnostics(uri, () => true, 'the large document checked', 20_000);
    // Typing a digit into the first 根拠 line (6(2) -> 6(92)) and deleting it: each edit changes the diagnostics.
    const spot = { line: 7, character: '根拠: 基本方針 6('.length };
    const unresolved = (d: { range: { start: { line: number } } }[]) => d.some((x) => x.range.start.line === spot.line);
    const scavenges = () => traces.filter((t) => SCAVENGED.test(t.message)).length;
    await new Promise((r) => setTimeout(r, YOUNG_IDLE_MS + 150));
    // Counted at each edit's sending, at its diagnostics and after the pause that follows them.
    const counts: [number, number, number][] = [];
    const initial = scavenges();
    for (let i = 0; i < 12 && scavenges() === initial; i++) {
      const typing = i % 2 === 0;
      const sent = scavenges();
      await server.edit(uri, [{ range: { start: spot, end: typing ? spot : { ...spot, character: spot.character + 1 } }, text: typing ? '9' : '' }]);
      await server.waitForDiagnostics(uri, (d) => unresolved(d) === typing, `edit ${i + 1} checked`, 20_000);
      const published = scavenges();
      await new Promise((r) => setTimeout(r, YOUNG_IDLE_MS + 150));
      counts.push([sent, published, scavenges()]);
    }
    assert.ok(scavenges() > initial, `no young collection after ${counts.length} edits: ${JSON.stringify(traces.map((t) => t.message).slice(-5))}`);
    // Each in a pause, none while an edit was being checked.
    for (const [sent, published] of counts) assert.equal(published, sent, JSON.stringify(counts));
    const found = traces.filter((t) => SCAVENGED.test(t.message))[initial]!;
    const [, before, left] = SCAVENGED.exec(found.message)!.map(Number);
    assert.ok(left < before, found.message);
    assert.ok(server.alive);
  });
});
