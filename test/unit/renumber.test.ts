// The fix of a numbering finding: the run of siblings numbered again, and every reference to a
// renumbered section (or inside one) rewritten in all tiers, as one edit; then nothing is out of
// sequence and every reference still reaches the section it reached before.

import assert from 'node:assert/strict';
import { type FixData, type TextEdit } from '../../server/src/core/api';
import { workspaceOf } from './helpers';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { crossReferences } from '../../server/src/core/index/crossReferences';

const set = workspaceOf;

function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The texts after the fix of the first numbering finding. */
function fixed(files: Record<string, string>): { fix: FixData; after: Record<string, string> } {
  const ws = set(files);
  const finding = [...ws.findings('ja').values()].flat().find((f) => f.code === 'structure/numbering')!;
  const fix = finding.fixes![0];
  const after = { ...files };
  for (const e of fix.edits) after[e.uri.slice('file:///'.length)] = apply(after[e.uri.slice('file:///'.length)], e.edits);
  return { fix, after };
}

/** What each trace and cross reference of a set reaches: `file: written → target title`. */
function reached(files: Record<string, string>): string[] {
  const ws = set(files);
  const out: string[] = [];
  for (const index of ws.getIndexes()) {
    for (const r of index.references) for (const t of r.targets) out.push(`${r.doc.path}: ${r.ref.target} → ${t.section >= 0 ? t.doc.sections[t.section].title : t.doc.title}`);
    for (const doc of index.documents) for (const r of crossReferences(doc)) for (const t of r.targets) out.push(`${doc.path}: ${r.written} → ${doc.sections[t].title}`);
  }
  return out.map((l) => l.replace(/[0-9０-９]+/g, '#')).sort();
}

const NUMBERED = {
  '基本方針.md': '# 基本方針\n\n## 6 情報セキュリティ対策\n\n### (1) 物理的セキュリティ\n\n区域を管理する。\n',
  '対策基準.md': [
    '# 対策基準', '', '## 5 物理的セキュリティ', '', '根拠: 基本方針 6(1)', '', '### 5.3 通信回線の管理', '',
    '(1) 構成図を作る。', '', '(2) 装置を施錠する。', '', '（４） 無線LANを分離する。', '', '(5) 回線を冗長化する。', '',
    '### 5.4 端末の管理', '', '上記5.3（４）の分離と、上記5.3(5)の冗長化を確かめる。', '',
  ].join('\n'),
  '実施手順/回線手順.md': '---\n種別: 実施手順\n根拠: [対策基準 5.3(4)]\n---\n# 回線手順\n\n根拠: 対策基準 ５．３（５）\n\n手順を定める。\n',
};

describe('renumbering', () => {
  it('numbers the items again and rewrites every reference to them, as they were written', () => {
    const { fix, after } = fixed(NUMBERED);
    assert.equal(fix.title, '(1) からの番号を振り直し、それを指す参照もすべて直す（2 件の番号が変わる）');
    assert.deepEqual(fix.edits.map((e) => `${e.uri} ${e.edits.map((t) => `${t.range.start.line}:${t.range.start.character}-${t.range.end.character} ${t.newText}`).join(' | ')}`), [
      'file:///対策基準.md 12:1-2 ３ | 14:1-2 4 | 18:0-8 上記5.3（３） | 18:13-21 上記5.3(4)',
      'file:///実施手順/回線手順.md 2:10-16 5.3(3) | 6:9-15 ５．３（４）',
    ]);
    assert.ok(after['対策基準.md'].includes('（３） 無線LANを分離する。\n\n(4) 回線を冗長化する。'));
    // Out of sequence no more (its full-width form is still a finding of its own).
    const left = [...set(after).findings('ja').values()].flat().filter((f) => f.code === 'structure/numbering' || /unresolved/.test(f.code));
    assert.deepEqual(left.map((f) => f.message), ['（３）は同じ階層の他の番号（(1)など）と書き方が異なります。']);
    assert.deepEqual(reached(after), reached(NUMBERED));
  });

  it('renumbers articles from the first one\'s number, and leaves 前条 alone', () => {
    const files = {
      '対策基準.md': ['# 対策基準', '', '第1条　第4条第2項に定める。', '', '第2条　定める。', '', '第4条　前条に続き定める。', '2　次に定める。', ''].join('\n'),
      '実施手順/手順.md': '---\n種別: 実施手順\n---\n# 手順\n\n第1条　この手順は、対策基準第4条に基づく。\n',
    };
    const { fix, after } = fixed(files);
    assert.deepEqual(fix.edits.map((e) => `${e.uri} ${e.edits.map((t) => `${t.range.start.line}:${t.range.start.character}-${t.range.end.character} ${t.newText}`).join(' | ')}`), [
      'file:///対策基準.md 6:1-2 3 | 2:4-10 第3条第2項',
      'file:///実施手順/手順.md 5:14-17 第3条',
    ]);
    assert.equal(after['対策基準.md'], ['# 対策基準', '', '第1条　第3条第2項に定める。', '', '第2条　定める。', '', '第3条　前条に続き定める。', '2　次に定める。', ''].join('\n'));
    assert.ok(after['実施手順/手順.md'].includes('対策基準第3条に基づく'));
    assert.deepEqual(reached(after), reached(files));
  });

  it('offers no renumbering of inserted articles (第9条の2), which are in sequence', () => {
    const ws = set({ '対策基準.md': '# 対策基準\n\n第9条　定める。\n\n第9条の2　定める。\n\n第11条　定める。\n' });
    const f = [...ws.findings('ja').values()].flat().find((x) => x.code === 'structure/numbering')!;
    assert.equal(f.message, '第9条の2の次が第11条です（第10条が抜けています。削除した条は「第10条　削除」として残します）。');
    assert.deepEqual(f.fixes, []);
  });
});
