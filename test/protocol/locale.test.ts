// The client's locale picks the language of messages and hovers: English for en*, else Japanese.

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { FIXTURES, Server, uriOf } from './harness';

const ROOT = join(FIXTURES, 'basic');
const POLICY = uriOf(join(ROOT, '基本方針.md'));
const STANDARDS = uriOf(join(ROOT, '対策基準.md'));

describe('protocol: locale', () => {
  describe('an English client (en-US)', () => {
    let server: Server;
    before(async () => { server = await Server.start({ root: ROOT, locale: 'en-US' }); });
    after(() => server.stop());

    it('publishes English messages, related information and fix titles', async () => {
      const policy = await server.waitForDiagnostics(POLICY, () => true);
      assert.deepEqual(policy.map((d) => d.message), [
        'Measure 6(2) "情報資産の分類と管理" has standards, but no procedure stands behind them.',
        'No standards section implements measure 6(4) "人的セキュリティ".',
      ]);
      assert.equal(policy[0].relatedInformation![0].message, 'standards 3 情報資産の分類及び管理方法');
      const standards = await server.waitForDiagnostics(STANDARDS, () => true);
      assert.deepEqual(standards.map((d) => d.message), [
        'Heading "情報資産の分類及び管理方法" was linked to basic policy 6(2) "情報資産の分類と管理" by its title. Write the basis line explicitly.',
        'Standards section "5 研修" is not linked to any measure of the basic policy.',
      ]);
      const actions = await server.codeActions(STANDARDS, [standards[0]]);
      assert.deepEqual(actions!.map((a) => a.title), ['Insert basis line "根拠: 基本方針 6(2)"']);
    });

    it('hovers in English', async () => {
      const hover = await server.hover(POLICY, { line: 21, character: 6 });
      assert.equal((hover!.contents as { value: string }).value,
        ['**Basic policy 6\\(4\\) "人的セキュリティ"** — no standards · no procedures', '', '> 職員等に教育及び啓発を行う。', '', '- ⚠ no standards', '',
          '- no standards section cites it or has its title',
          '- closest standards titles: 対策基準\\.md 4 物理的セキュリティ \\(key 物理的セキュリティ, 2 characters apart\\), 対策基準\\.md 1 総則 \\(key 総則, 8 characters apart\\), 対策基準\\.md 2 組織体制 \\(key 組織体制, 8 characters apart\\)',
        ].join('\n'));
    });
  });

  describe('a Japanese client (ja)', () => {
    let server: Server;
    before(async () => { server = await Server.start({ root: ROOT, locale: 'ja' }); });
    after(() => server.stop());

    it('publishes Japanese messages and hovers', async () => {
      const policy = await server.waitForDiagnostics(POLICY, () => true);
      assert.deepEqual(policy.map((d) => d.message), [
        '措置 6(2)「情報資産の分類と管理」には対策基準がありますが、それに基づく実施手順がありません。',
        '措置 6(4)「人的セキュリティ」を実施する対策基準がありません。',
      ]);
      const hover = await server.hover(POLICY, { line: 21, character: 6 });
      assert.equal((hover!.contents as { value: string }).value,
        ['**基本方針 6\\(4\\)「人的セキュリティ」** — 対策基準なし · 実施手順なし', '', '> 職員等に教育及び啓発を行う。', '', '- ⚠ 対策基準なし', '',
          '- 引用する対策基準の節も、同じ表題の節もない',
          '- 近い対策基準の表題: 対策基準\\.md 4 物理的セキュリティ（キー 物理的セキュリティ、2 文字違い）、対策基準\\.md 1 総則（キー 総則、8 文字違い）、対策基準\\.md 2 組織体制（キー 組織体制、8 文字違い）',
        ].join('\n'));
    });
  });

  describe('an English VS Code whose user chose Japanese in the settings', () => {
    let server: Server;
    before(async () => { server = await Server.start({ root: ROOT, locale: 'en', settingLocale: 'ja' }); });
    after(() => server.stop());

    it('speaks Japanese: the setting wins over the display language', async () => {
      const policy = await server.waitForDiagnostics(POLICY, () => true);
      assert.equal(policy[1].message, '措置 6(4)「人的セキュリティ」を実施する対策基準がありません。');
    });
  });
});
