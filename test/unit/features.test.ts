// Hover, definition and references on a small set, at positions the user would point at.

import assert from 'node:assert/strict';
import { definition, hover, messagesFor, references } from '../../server/src/core/api';
import { fixtureWorkspace } from './helpers';

describe('features', () => {
  const ws = fixtureWorkspace('core/mini');
  const policy = ws.find('file:///policy.md')!;
  const standards = ws.find('file:///standards.md')!;
  const index = policy.index;
  const at = (d: typeof policy.doc, line: number, character: number) => d.lines.offset({ line, character });
  const ja = messagesFor('ja');

  it('hovers a measure with its chain: standards, the procedures under them, counts', () => {
    const h = hover(index, policy.doc, at(policy.doc, 4, 6), ja)!;
    assert.equal(h.markdown, [
      '**基本方針 6\\(1\\)「組織体制」** — 対策基準 1件 · 実施手順 1件',
      '',
      '> 全庁的な組織体制を確立する。',
      '',
      '- 対策基準 [2 組織体制](file:///standards.md#L12)',
      '  - 実施手順 [組織運営手順](file:///procedure.md#L5)',
    ].join('\n'));
    assert.deepEqual(h.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 12 } });
  });

  it('hovers a measure with a gap and shows it', () => {
    const h = hover(index, policy.doc, at(policy.doc, 12, 6), ja)!;
    assert.equal(h.markdown, [
      '**基本方針 6\\(3\\)「情報システム全体の強靱性の向上」** — 対策基準 2件 · 実施手順なし',
      '',
      '> 次の対策を講じる。',
      '',
      '- 対策基準 [4 情報システム全体の強靭性の向上](file:///standards.md#L22)',
      '- 対策基準 [4\\.2 インターネット接続系](file:///standards.md#L28)',
      '- ⚠ 実施手順なし',
    ].join('\n'));
  });

  it('hovers a waived sub-item with the waiver and its reason', () => {
    const h = hover(index, policy.doc, at(policy.doc, 16, 3), ja)!;
    assert.equal(h.markdown, [
      '**基本方針 6\\(3\\)①「マイナンバー利用事務系」** — 適用除外',
      '',
      '> マイナンバー利用事務系においては、通信をできないようにする。',
      '',
      '適用除外: [4\\.1 マイナンバー利用事務系](file:///standards.md#L24)',
      '',
      '理由: マイナンバー利用事務系を保有しないため。',
      '',
      '- 対策基準 [4 情報システム全体の強靭性の向上](file:///standards.md#L22)',
    ].join('\n'));
  });

  it('hovers a standards section: what it implements and what implements it', () => {
    const h = hover(index, standards.doc, at(standards.doc, 11, 4), ja)!;
    assert.equal(h.markdown, [
      '**対策基準 2 組織体制**',
      '',
      '実施する措置:',
      '- 基本方針 [6\\(1\\) 組織体制](file:///policy.md#L5) — 全庁的な組織体制を確立する。',
      '',
      'これに基づく文書:',
      '- 実施手順 [組織運営手順](file:///procedure.md#L5)',
    ].join('\n'));
  });

  it('hovers a reference with the target title and first sentence, in English too', () => {
    const h = hover(index, standards.doc, at(standards.doc, 13, 8), messagesFor('en'))!;
    assert.equal(h.markdown, '**[basic policy 6\\(1\\) 組織体制](file:///policy.md#L5)**\n\n全庁的な組織体制を確立する。');
    assert.deepEqual(h.range, { start: { line: 13, character: 4 }, end: { line: 13, character: 13 } });
  });

  it('goes from a reference to its target', () => {
    assert.deepEqual(definition(index, standards.doc, at(standards.doc, 13, 8)), [
      { uri: 'file:///policy.md', range: { start: { line: 4, character: 4 }, end: { line: 4, character: 12 } } },
    ]);
    assert.deepEqual(definition(index, standards.doc, at(standards.doc, 9, 2)), []);
  });

  it('finds everything that traces to a measure', () => {
    assert.deepEqual(references(index, policy.doc, at(policy.doc, 4, 6), true).map((l) => `${l.uri} ${l.range.start.line}:${l.range.start.character}`), [
      'file:///policy.md 4:4',
      'file:///standards.md 13:4',
      'file:///procedure.md 2:5',
    ]);
    assert.deepEqual(references(index, policy.doc, at(policy.doc, 8, 6), false).map((l) => `${l.uri} ${l.range.start.line}:${l.range.start.character}`), [
      'file:///standards.md 17:3',
    ]);
  });
});
