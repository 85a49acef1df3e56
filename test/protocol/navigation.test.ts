// Code lenses, symbols, 根拠 completion and the status request through the real server, on samples/.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLens, CompletionItem, DocumentSymbol, SymbolInformation, TextEdit } from 'vscode-languageserver-protocol';
import { REPO, Server, uriOf } from './harness';

const ROOT = join(REPO, 'samples');
const POLICY = uriOf(join(ROOT, '基本方針.md'));
const STANDARDS = uriOf(join(ROOT, '対策基準.md'));
const PROCEDURE = uriOf(join(ROOT, '実施手順', 'サーバ室入退室管理手順.md'));
const relative = (uri: string): string => decodeURIComponent(uri).slice(decodeURIComponent(uriOf(ROOT)).length + 1);

/** The symbol tree as indented `kind name — detail` lines (2 module, 3 namespace, 14 constant, 24 event). */
function tree(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.kind} ${s.name}${s.detail ? ` — ${s.detail}` : ''}`, ...tree(s.children ?? [], depth + 1)]);
}

/** Completion items as `label | inserted text | detail | tier | kind | replaced range` lines. */
function items(list: CompletionItem[]): string[] {
  return list.map((i) => {
    const edit = i.textEdit as TextEdit;
    const r = edit.range;
    return `${i.label} | ${edit.newText} | ${i.detail} | ${i.labelDetails?.description} | ${i.kind} | ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  });
}

describe('protocol: navigation', () => {
  let server: Server;
  before(async () => {
    server = await Server.start({ root: ROOT });
    await server.waitForFirstPublish([POLICY, STANDARDS, PROCEDURE]);
  });
  after(() => server.stop());
  const request = <T>(method: string, params: unknown): Promise<T> => server.connection.sendRequest(method, params);

  it('lists a lens per measure and resolves each to its counts and a command that shows the chain', async () => {
    const lenses = await request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: POLICY } });
    assert.ok(lenses.length && lenses.every((l) => !l.command), 'listed unresolved');
    const resolved = await Promise.all(lenses.map((l) => request<CodeLens>('codeLens/resolve', l)));
    assert.deepEqual(resolved.map((l) => `${l.range.start.line} ${l.command!.title}`), [
      '83 対策基準 1件 · 実施手順 1件',
      '87 対策基準 1件 · 実施手順 1件',
      '91 対策基準 2件 · 実施手順 1件',
      '95 適用除外',
      '96 対策基準 2件 · 実施手順 1件',
      '98 対策基準 1件 · 実施手順 2件',
      '102 対策基準 2件 · 実施手順 1件',
      '106 対策基準 1件 · 実施手順 1件',
      '110 対策基準 1件 · 実施手順 1件',
      '114 対策基準 1件 · 実施手順なし',
      '122 対策基準なし',
    ]);
    const physical = resolved[5].command!;
    assert.equal(physical.command, 'policyTrace.showReferences');
    const [uri, position, locations] = physical.arguments as [string, unknown, { uri: string; range: { start: { line: number } } }[]];
    assert.deepEqual([uri, position], [POLICY, { line: 98, character: 4 }]);
    assert.deepEqual(locations.map((l) => `${relative(l.uri)}:${l.range.start.line}`), [
      '対策基準.md:156',
      '実施手順/USBメモリ等の取扱手順.md:3',
      '実施手順/サーバ室入退室管理手順.md:4',
    ]);
    // Nothing to show: the text stays, without a command to run.
    assert.deepEqual(resolved[10].command, { title: '対策基準なし', command: '' });
  });

  it('outlines a document as a tree of sections named by their IDs, with the terms they define', async () => {
    const lines = tree(await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: POLICY } }));
    assert.deepEqual(lines.slice(0, 7), [
      '3 加美郡保健医療福祉行政事務組合情報セキュリティ基本方針',
      '  3 1 目的',
      '  3 2 定義',
      '    3 2(1) ネットワーク',
      '      14 ネットワーク',
      '    3 2(2) 情報システム',
      '      14 情報システム',
    ]);
    const measures = lines.indexOf('  3 6 情報セキュリティ対策');
    assert.deepEqual(lines.slice(measures - 2, measures + 13), [
      '  3 5 職員等の遵守義務',
      '    14 職員等',
      '  3 6 情報セキュリティ対策',
      '    24 6(1) 組織体制 — 対策基準 1件 · 実施手順 1件',
      '    24 6(2) 情報資産の分類と管理 — 対策基準 1件 · 実施手順 1件',
      '    24 6(3) 情報システム全体の強靱性の向上 — 対策基準 2件 · 実施手順 1件',
      '      24 6(3)① マイナンバー利用事務系 — 適用除外',
      '      24 6(3)② インターネット接続系 — 対策基準 2件 · 実施手順 1件',
      '    24 6(4) 物理的セキュリティ — 対策基準 1件 · 実施手順 2件',
      '    24 6(5) 人的セキュリティ — 対策基準 2件 · 実施手順 1件',
      '    24 6(6) 技術的セキュリティ — 対策基準 1件 · 実施手順 1件',
      '    24 6(7) 運用 — 対策基準 1件 · 実施手順 1件',
      '    24 6(8) 業務委託と外部サービス（クラウドサービス）の利用 — 対策基準 1件 · 実施手順なし',
      '    24 6(9) 評価・見直し — 対策基準なし',
      '  3 7 情報セキュリティ監査及び自己点検の実施',
    ]);
  });

  it('finds workspace symbols by a query in full width', async () => {
    const found = await request<SymbolInformation[]>('workspace/symbol', { query: '６（４）' });
    assert.deepEqual(found.map((s) => `${s.kind} ${s.name} ${relative(s.location.uri)}:${s.location.range.start.line} ${s.containerName}`), [
      '24 6(4) 物理的セキュリティ 基本方針.md:98 加美郡保健医療福祉行政事務組合情報セキュリティ基本方針',
    ]);
    // Sections that name CISO come too; the term is the one defined (a Constant).
    const terms = await request<SymbolInformation[]>('workspace/symbol', { query: 'ＣＩＳＯ' });
    assert.deepEqual(terms.filter((s) => s.kind === 14).map((s) => `${s.kind} ${s.name} ${relative(s.location.uri)}:${s.location.range.start.line}`), ['14 CISO 対策基準.md:49']);
  });

  it('answers policyTrace/status for the folder of a document, and null outside every folder', async () => {
    assert.deepEqual(await request('policyTrace/status', { uri: POLICY }), { documents: 9, measures: 11, gaps: 2, missingStandards: 1, missingProcedures: 1 });
    assert.equal(await request('policyTrace/status', { uri: 'file:///nowhere/x.md' }), null);
  });

  it('completes 根拠 targets in a standards document (bare IDs after the tier word) and in a procedure', async () => {
    try {
      const standards = readFileSync(join(ROOT, '対策基準.md'), 'utf8').replace('根拠: 基本方針 6(1)', '根拠: 基本方針 6(');
      await server.open(STANDARDS, standards);
      const a = await request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: STANDARDS }, position: { line: 43, character: 12 } });
      assert.equal(a.length, 41);
      assert.deepEqual(items(a).slice(0, 2), [
        '6(1) | 6(1) | 組織体制 | 基本方針 | 23 | 43:10-43:12',
        '6(2) | 6(2) | 情報資産の分類と管理 | 基本方針 | 23 | 43:10-43:12',
      ]);
      assert.deepEqual(items(a).slice(10, 12), [
        '6(9) | 6(9) | 評価・見直し | 基本方針 | 23 | 43:10-43:12',
        '1 | 1 | 目的 | 基本方針 | 9 | 43:10-43:12',
      ]);

      const text = readFileSync(join(ROOT, '実施手順', 'サーバ室入退室管理手順.md'), 'utf8').replace('# サーバ室入退室管理手順\n', '# サーバ室入退室管理手順\n\n根拠：');
      await server.open(PROCEDURE, text);
      const b = await request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: PROCEDURE }, position: { line: 6, character: 3 }, context: { triggerKind: 2, triggerCharacter: '：' } });
      assert.deepEqual(items(b).slice(0, 2), [
        '1 | 対策基準 1 | 総則 | 対策基準 | 9 | 6:3-6:3',
        '1.1 | 対策基準 1.1 | 目的 | 対策基準 | 9 | 6:3-6:3',
      ]);
      const firstMeasure = b.findIndex((i) => i.label === '6(1)' && i.labelDetails?.description === '基本方針');
      assert.deepEqual(items(b.slice(firstMeasure - 1, firstMeasure + 1)), [
        '9.3(3) | 対策基準 9.3(3) | 責任者 | 対策基準 | 9 | 6:3-6:3',
        '6(1) | 基本方針 6(1) | 組織体制 | 基本方針 | 23 | 6:3-6:3',
      ]);
      assert.equal(b.length - firstMeasure, 11, 'the measures come last');

      // A space typed in running text asks too: it gets nothing, and typing a word still gets terms.
      const space = await request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: PROCEDURE }, position: { line: 8, character: 2 }, context: { triggerKind: 2, triggerCharacter: ' ' } });
      assert.deepEqual(space, []);
      const invoked = await request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: PROCEDURE }, position: { line: 8, character: 2 }, context: { triggerKind: 1 } });
      assert.ok(invoked.some((i) => i.label === 'ネットワーク'));
    } finally {
      await server.close(STANDARDS);
      await server.close(PROCEDURE);
    }
  });
});
