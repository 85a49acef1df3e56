// The server over stdio: the hover on a measure with no standards, and on a standards section linked
// to nothing, says why: the titles that came closest, with the keys compared.

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { REPO, Server, uriOf } from './harness';

const REALWORLD = join(REPO, 'test', 'fixtures', 'realworld');

async function hoverText(set: string, file: string, at: (server: Server, uri: string) => Promise<{ line: number; character: number }>): Promise<string> {
  const root = join(REALWORLD, set);
  const uri = uriOf(join(root, file));
  const server = await Server.start({ root });
  try {
    await server.waitForFirstPublish([uri]);
    const hover = await server.hover(uri, await at(server, uri));
    return (hover!.contents as { value: string }).value;
  } finally {
    await server.stop();
  }
}

describe('protocol: hovers that explain a missing link', () => {
  it('lists the standards titles closest to a measure that has none', async () => {
    const text = await hoverText('jorei-style', '基本方針.md', async () => ({ line: 55, character: 2 }));
    assert.deepEqual(text.split('\n').slice(-4), [
      '- ⚠ 対策基準なし',
      '',
      '- 引用する対策基準の節も、同じ表題の節もない',
      '- 近い対策基準の表題: 対策基準\\.md 第1章 総則（キー 総則、5 文字違い）、対策基準\\.md 第2章 組織及び体制（キー 組織体制、5 文字違い）、対策基準\\.md 第8章 運用（キー 運用、5 文字違い）',
    ]);
  });

  it('lists the measures closest to an orphan standards section', async () => {
    const text = await hoverText('rw10-title-variants', '対策基準.md', async (server, uri) => {
      const orphan = server.diagnostics.get(uri)!.find((d) => d.code === 'trace/orphan')!;
      return orphan.range.start;
    });
    assert.equal(text, [
      '**対策基準 10 法令遵守**',
      '',
      '実施する措置:',
      '- なし',
      '- 近い措置: 6\\(1\\) 組織体制（キー 組織体制、4 文字違い）、6\\(7\\) 運用（キー 運用、4 文字違い）、6\\(9\\) 評価・見直し（キー 評価見直し、5 文字違い）',
      '',
      'これに基づく文書:',
      '- なし',
    ].join('\n'));
  });
});
