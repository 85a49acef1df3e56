// Title variants that real standards use for the model policy's measures.

import assert from 'node:assert/strict';
import { exactTitleKey, looseTitleKey } from '../../server/src/core/text/titles';

describe('title keys', () => {
  const same: [string, string][] = [
    ['組織体制', '組織・体制'],
    ['組織体制', '組織及び体制'],
    ['情報資産の分類と管理', '情報資産の分類及び管理'],
    ['情報資産の分類と管理', '情報資産の分類及び管理方法'],
    ['情報資産の分類と管理', '情報資産の分類及び管理等'],
    ['情報システム全体の強靱性の向上', '情報システム全体の強靭性の向上'],
    ['業務委託と外部サービス（クラウドサービス）の利用', '業務委託又は外部サービスの利用'],
    ['評価・見直し', '評価及び見直し'],
    ['評価・見直し', '評価および見直し'],
    ['人的セキュリティ', '人的情報セキュリティ対策'],
    ['物理的セキュリティ', '物理的情報セキュリティ対策'],
  ];
  for (const [a, b] of same) {
    it(`${a} is the same measure as ${b}`, () => assert.equal(looseTitleKey(a), looseTitleKey(b)));
  }
  const different: [string, string][] = [
    ['組織体制', '管理体制'],
    ['物理的セキュリティ', '人的セキュリティ'],
    ['運用', '運用管理'],
  ];
  for (const [a, b] of different) {
    it(`${a} is not ${b}`, () => assert.notEqual(looseTitleKey(a), looseTitleKey(b)));
  }
  it('folds width and spaces only, for exact matches', () => {
    assert.equal(exactTitleKey('物理的　セキュリティ'), exactTitleKey('物理的セキュリティ'));
    assert.equal(exactTitleKey('ＩＤ管理'), exactTitleKey('ID管理'));
    assert.notEqual(exactTitleKey('強靱性'), exactTitleKey('強靭性'));
  });
});
