// The server over stdio on files that are not UTF-8: a Shift_JIS file is read as Shift_JIS and says
// so; while it is closed no fix writes into it (an editor may decode it otherwise, and an edit made
// at the offsets of one decoding garbles the other); once the editor has it open, the editor's
// text is what the fix is made for.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, Server, uriOf, versionsOf } from './harness';

const ROOT = join(FIXTURES, '..', 'encodings');
const STANDARDS = uriOf(join(ROOT, '対策基準.md'));

describe('protocol: a Shift_JIS file', () => {
  let server: Server;
  before(async () => {
    server = await Server.start({ root: ROOT, codes: /^(config\/encoding|term\/variant)$/ });
    await server.waitForFirstPublish([STANDARDS]);
  });
  after(() => server.stop());

  it('is read as Shift_JIS: the variant is found at its place, and the file says it is not UTF-8', () => {
    assert.deepEqual(server.diagnostics.get(STANDARDS)!.map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character} ${d.message}`), [
      'config/encoding 3 0:2 このファイルは UTF-8 ではないため、Shift_JIS として読みました。検査結果は正しく出ますが、ファイルを開いていない間は、クイックフィックスや名前の変更でこのファイルに書き込みません。ここで編集するには UTF-8 で保存し直してください。',
      'term/variant 2 10:13 「ﾈｯﾄﾜｰｸ」は定義語「ネットワーク」の表記ゆれです。',
    ]);
  });

  it('gets no fix while closed, and one for the editor\'s version once open', async () => {
    const variant = server.diagnostics.get(STANDARDS)!.find((d) => d.code === 'term/variant')!;
    assert.deepEqual(await server.codeActions(STANDARDS, [variant]), []);
    const text = new TextDecoder('shift_jis').decode(readFileSync(new URL(STANDARDS)));
    await server.open(STANDARDS, text);
    const actions = (await server.codeActions(STANDARDS, [variant]))!;
    assert.equal(actions[0].title, '「ネットワーク」に置き換える');
    assert.deepEqual(versionsOf(actions[0].edit), { [STANDARDS]: 1 });
  });
});
