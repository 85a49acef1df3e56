// Code lenses, document and workspace symbols, 根拠 completion and the status figures, on the
// mini fixture set and on the samples.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  basisCompletions, documentSymbols, folderStatus, measureLenses, messagesFor, PolicyWorkspace, resolveMeasureLens, workspaceSymbols,
  type BasisCompletion, type OutlineSymbol, type Position,
} from '../../server/src/core/api';
import { fixtureText, fixtureWorkspace } from './helpers';

const ja = messagesFor('ja');
const en = messagesFor('en');

/** The outline as indented `role name — detail` lines, like VS Code's Outline view. */
function outlineLines(symbols: OutlineSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.role} ${s.name}${s.detail ? ` — ${s.detail}` : ''} @${s.selectionRange.start.line}`,
    ...outlineLines(s.children, depth + 1),
  ]);
}

/** Completion items as `label | insert text | detail | replaced characters` lines. */
function completionLines(items: BasisCompletion[] | undefined): string[] | undefined {
  return items?.map((c) => `${c.label} | ${c.insertText} | ${c.detail} | ${c.range.start.line}:${c.range.start.character}-${c.range.end.character}`);
}

function samplesWorkspace(): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  const root = join(__dirname, '..', '..', 'samples');
  for (const f of readdirSync(root, { recursive: true }) as string[]) {
    const path = f.split('\\').join('/');
    if (path.endsWith('.md') && path !== 'README.md') ws.setDocument(`file:///${path}`, path, readFileSync(join(root, f), 'utf8'));
  }
  return ws;
}

describe('navigation', () => {
  describe('code lenses', () => {
    const ws = fixtureWorkspace('core/mini');
    const { index, doc } = ws.find('file:///policy.md')!;

    it('puts one lens on each measure and fills in its counts when resolved', () => {
      const lenses = measureLenses(index, doc);
      assert.deepEqual(lenses.map((l) => `${l.range.start.line}:${l.range.start.character} ${resolveMeasureLens(index, doc, l.section, ja)!.title}`), [
        '4:4 対策基準 1件 · 実施手順 1件',
        '8:4 対策基準 1件 · 実施手順なし',
        '12:4 対策基準 2件 · 実施手順なし',
        '16:2 適用除外',
        '17:2 対策基準 2件 · 実施手順なし',
        '19:4 対策基準なし',
      ]);
      assert.deepEqual(lenses.map((l) => resolveMeasureLens(index, doc, l.section, en)!.title), [
        '1 standards · 1 procedures',
        '1 standards · no procedures',
        '2 standards · no procedures',
        'waived',
        '2 standards · no procedures',
        'no standards',
      ]);
    });

    it('resolves to the measure and its chain: standards sections, then procedures', () => {
      const resolved = resolveMeasureLens(index, doc, measureLenses(index, doc)[0].section, ja)!;
      assert.deepEqual(resolved.position, { uri: 'file:///policy.md', range: { start: { line: 4, character: 4 }, end: { line: 4, character: 12 } } });
      assert.deepEqual(resolved.chain.map((l) => `${l.uri} ${l.range.start.line}`), ['file:///standards.md 11', 'file:///procedure.md 4']);
      assert.deepEqual(resolveMeasureLens(index, doc, measureLenses(index, doc)[5].section, ja)!.chain, []);
    });

    it('resolves nothing for a section that is no measure (the document changed since the lenses were listed)', () => {
      assert.equal(resolveMeasureLens(index, doc, 0, ja), undefined);
      assert.deepEqual(measureLenses(index, ws.find('file:///standards.md')!.doc), []);
    });
  });

  describe('document symbols', () => {
    it('outlines a basic policy with IDs, measures and their coverage', () => {
      const { index, doc } = fixtureWorkspace('core/mini').find('file:///policy.md')!;
      assert.deepEqual(outlineLines(documentSymbols(index, doc, ja)), [
        'part 情報セキュリティ基本方針 @0',
        '  part 6 情報セキュリティ対策 @2',
        '    measure 6(1) 組織体制 — 対策基準 1件 · 実施手順 1件 @4',
        '    measure 6(2) 情報資産の分類と管理 — 対策基準 1件 · 実施手順なし @8',
        '    measure 6(3) 情報システム全体の強靱性の向上 — 対策基準 2件 · 実施手順なし @12',
        '      measure 6(3)① マイナンバー利用事務系 — 適用除外 @16',
        '      measure 6(3)② インターネット接続系 — 対策基準 2件 · 実施手順なし @17',
        '    measure 6(4) 物理的セキュリティ — 対策基準なし @19',
      ]);
    });

    it('names 章, 節, 款 and 条 as a 例規 cites them, so the breadcrumbs read 第2章 組織体制 › 第2章第1節 推進体制', () => {
      const ws = new PolicyWorkspace();
      ws.setDocument('file:///article-style.md', 'article-style.md', fixtureText('forms/article-style.md'));
      const { index, doc } = ws.find('file:///article-style.md')!;
      assert.deepEqual(outlineLines(documentSymbols(index, doc, ja)).slice(4, 13), [
        '  part 第2章 組織体制 @10',
        '    part 第2章第1節 推進体制 @12',
        '      item 第3条 最高情報セキュリティ責任者 @14',
        '        item 第3条第2項 前項の責任者 @17',
        '      item 第4条 情報セキュリティ委員会 @19',
        '        item 第4条第1号 委員長 @21',
        '        item 第4条第2号 委員 @22',
        '    part 第2章第2節 報告 @24',
        '      item 第5条の2 報告は速やかに行う。 @26',
      ]);
    });

    it('spans each section from its opening line to the next section outside it', () => {
      const { index, doc } = fixtureWorkspace('core/mini').find('file:///standards.md')!;
      const [root] = documentSymbols(index, doc, ja);
      const chapter4 = root.children.find((s) => s.name === '4 情報システム全体の強靭性の向上')!;
      assert.deepEqual(chapter4.range, { start: { line: 21, character: 3 }, end: { line: 31, character: 0 } });
      assert.deepEqual(chapter4.selectionRange, { start: { line: 21, character: 3 }, end: { line: 21, character: 20 } });
      assert.deepEqual(chapter4.children.map((c) => c.name), ['4.1 マイナンバー利用事務系', '4.2 インターネット接続系']);
    });

    it('puts the terms a section defines under it, in the order they are written', () => {
      const ws = samplesWorkspace();
      const { index, doc } = ws.find('file:///基本方針.md')!;
      const lines = outlineLines(documentSymbols(index, doc, ja));
      assert.deepEqual(lines.slice(0, 6), [
        'part 加美郡保健医療福祉行政事務組合情報セキュリティ基本方針 @3',
        '  part 1 目的 @5',
        '  part 2 定義 @9',
        '    part 2(1) ネットワーク @11',
        '      term ネットワーク @11',
        '    part 2(2) 情報システム @15',
      ]);
      const scope = lines.indexOf('    part 4(2) 情報資産の範囲 @67');
      assert.deepEqual(lines.slice(scope, scope + 3), [
        '    part 4(2) 情報資産の範囲 @67',
        '      term 情報資産 @67',
        '      item 4(2)① ネットワーク及び情報システム並びにこれらに関する設備及び電磁的記録媒体 @71',
      ]);
    });
  });

  describe('workspace symbols', () => {
    const ws = samplesWorkspace();
    const find = (query: string): string[] =>
      workspaceSymbols(ws.getIndexes(), query).map((s) => `${s.role} ${s.name} ${s.location.uri}:${s.location.range.start.line}`);

    it('finds a measure by its ID typed in full width', () => {
      assert.deepEqual(find('６（４）'), ['measure 6(4) 物理的セキュリティ file:///基本方針.md:98']);
      assert.deepEqual(find('6(4)'), find('６（４）'));
    });

    it('finds sections of every tier and the defined term, whatever the width of the query', () => {
      assert.deepEqual(find('ﾊﾟｽﾜｰﾄﾞの'), [
        'part 2 パスワードの設定 file:///実施手順/パスワード管理手順.md:12',
        'part 4 パスワードの保管 file:///実施手順/パスワード管理手順.md:24',
        'item 6.4(3) パスワードの管理 file:///対策基準.md:260',
      ]);
      assert.deepEqual(find('ﾈｯﾄﾜｰｸ').filter((s) => s.startsWith('term')), ['term ネットワーク file:///基本方針.md:11']);
    });

    it('lists everything for an empty query', () => {
      const all = workspaceSymbols(ws.getIndexes(), '');
      assert.equal(all.filter((s) => s.role === 'measure').length, 11);
      assert.ok(all.some((s) => s.role === 'term' && s.name === 'CISO'));
    });
  });

  describe('completion after 根拠:', () => {
    const ws = fixtureWorkspace('core/mini');
    const complete = (uri: string, path: string, text: string, position: Position) => {
      ws.setDocument(uri, path, text);
      const { index, doc } = ws.find(uri)!;
      return basisCompletions(index, doc, text, position, ja);
    };
    const standards = fixtureText('core/mini/standards.md');
    const procedure = fixtureText('core/mini/procedure.md');
    after(() => {
      ws.setDocument('file:///standards.md', 'standards.md', standards);
      ws.setDocument('file:///procedure.md', 'procedure.md', procedure);
    });

    it('offers, in a standards document, the measures and then the other sections of the basic policy', () => {
      const text = standards.replace('根拠: 基本方針 6(1)', '根拠: ');
      assert.deepEqual(completionLines(complete('file:///standards.md', 'standards.md', text, { line: 13, character: 4 })), [
        '6(1) | 基本方針 6(1) | 組織体制 | 13:4-4',
        '6(2) | 基本方針 6(2) | 情報資産の分類と管理 | 13:4-4',
        '6(3) | 基本方針 6(3) | 情報システム全体の強靱性の向上 | 13:4-4',
        '6(3)① | 基本方針 6(3)① | マイナンバー利用事務系 | 13:4-4',
        '6(3)② | 基本方針 6(3)② | インターネット接続系 | 13:4-4',
        '6(4) | 基本方針 6(4) | 物理的セキュリティ | 13:4-4',
        '6 | 基本方針 6 | 情報セキュリティ対策 | 13:4-4',
      ]);
    });

    it('writes a bare ID when the line already names the tier, and replaces what was typed of it', () => {
      const text = standards.replace('根拠: 基本方針 6(1)', '根拠：基本方針 6(');
      const items = complete('file:///standards.md', 'standards.md', text, { line: 13, character: 10 })!;
      assert.deepEqual(completionLines(items.slice(0, 2)), ['6(1) | 6(1) | 組織体制 | 13:8-10', '6(2) | 6(2) | 情報資産の分類と管理 | 13:8-10']);
      assert.equal(items[0].filterText, '6(1)');
    });

    it('keeps an ID typed in full width in the filter text, so the editor keeps the item', () => {
      const text = standards.replace('根拠: 基本方針 6(1)', '根拠: ６（');
      const items = complete('file:///standards.md', 'standards.md', text, { line: 13, character: 6 })!;
      assert.deepEqual([items[0].insertText, items[0].filterText, items[0].range.start.character], ['基本方針 6(1)', '６（基本方針 6(1)', 4]);
    });

    it('offers, in a procedure, the standards sections first and then the measures', () => {
      const text = procedure.replace('# 組織運営手順', '# 組織運営手順\n\n根拠: ');
      assert.deepEqual(completionLines(complete('file:///procedure.md', 'procedure.md', text, { line: 6, character: 4 })), [
        '1 | 対策基準 1 | 総則 | 6:4-4',
        '1.1 | 対策基準 1.1 | 目的 | 6:4-4',
        '2 | 対策基準 2 | 組織体制 | 6:4-4',
        '3 | 対策基準 3 | 情報資産の分類及び管理方法 | 6:4-4',
        '4 | 対策基準 4 | 情報システム全体の強靭性の向上 | 6:4-4',
        '4.1 | 対策基準 4.1 | マイナンバー利用事務系 | 6:4-4',
        '4.2 | 対策基準 4.2 | インターネット接続系 | 6:4-4',
        '5 | 対策基準 5 | 付録 | 6:4-4',
        '6(1) | 基本方針 6(1) | 組織体制 | 6:4-4',
        '6(2) | 基本方針 6(2) | 情報資産の分類と管理 | 6:4-4',
        '6(3) | 基本方針 6(3) | 情報システム全体の強靱性の向上 | 6:4-4',
        '6(3)① | 基本方針 6(3)① | マイナンバー利用事務系 | 6:4-4',
        '6(3)② | 基本方針 6(3)② | インターネット接続系 | 6:4-4',
        '6(4) | 基本方針 6(4) | 物理的セキュリティ | 6:4-4',
      ]);
    });

    it('completes in a front matter 根拠 list, after a target that named the standards', () => {
      const text = procedure.replace('根拠: [対策基準 2]', '根拠: [対策基準 2, ');
      const items = complete('file:///procedure.md', 'procedure.md', text, { line: 2, character: 14 })!;
      assert.deepEqual(completionLines([items[3], items[8]]), ['3 | 3 | 情報資産の分類及び管理方法 | 2:14-14', '6(1) | 基本方針 6(1) | 組織体制 | 2:14-14']);
      const block = procedure.replace('根拠: [対策基準 2]', '根拠:\n  - 対策基準 2\n  - 基本');
      assert.deepEqual(completionLines(complete('file:///procedure.md', 'procedure.md', block, { line: 4, character: 6 })!.slice(8, 9)), [
        '6(1) | 基本方針 6(1) | 組織体制 | 4:4-6',
      ]);
    });

    it('offers only measures after 適用除外:, and nothing once the measure is written', () => {
      const text = standards.replace('適用除外: 基本方針 6(3)① マイナンバー利用事務系を保有しないため。', '- **適用除外:** ');
      assert.deepEqual(completionLines(complete('file:///standards.md', 'standards.md', text, { line: 25, character: 11 }))!.map((l) => l.split(' | ')[1]), [
        '基本方針 6(1)', '基本方針 6(2)', '基本方針 6(3)', '基本方針 6(3)①', '基本方針 6(3)②', '基本方針 6(4)',
      ]);
      assert.deepEqual(complete('file:///standards.md', 'standards.md', standards, { line: 25, character: 20 }), []);
    });

    it('leaves other lines to term completion, and offers nothing on a 根拠 line of the basic policy', () => {
      assert.equal(complete('file:///standards.md', 'standards.md', standards, { line: 15, character: 4 }), undefined);
      const text = fixtureText('core/mini/policy.md').replace('全庁的な組織体制を確立する。', '根拠: ');
      ws.setDocument('file:///policy.md', 'policy.md', text);
      try {
        const now = ws.find('file:///policy.md')!;
        assert.deepEqual(basisCompletions(now.index, now.doc, text, { line: 6, character: 4 }, ja), []);
      } finally {
        ws.setDocument('file:///policy.md', 'policy.md', fixtureText('core/mini/policy.md'));
      }
    });
  });

  describe('status', () => {
    it('counts documents, measures and gaps of a folder', () => {
      assert.deepEqual(folderStatus(fixtureWorkspace('core/mini').getIndexes()), { documents: 3, measures: 6, gaps: 4, missingStandards: 1, missingProcedures: 3 });
      assert.deepEqual(folderStatus(samplesWorkspace().getIndexes()), { documents: 9, measures: 11, gaps: 2, missingStandards: 1, missingProcedures: 1 });
    });
  });
});
