// The server over stdio on defined terms: definition, hover, references, highlights, rename,
// completion, semantic tokens and the Unnecessary tag, with 𠮷 before a term and a CRLF file.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CompletionItem, CompletionList, DocumentHighlight, Range, SemanticTokens, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits, editsOf, FIXTURES, Server, summarize, uriOf, versionsOf } from './harness';

const ROOT = join(FIXTURES, 'terms');
const POLICY = uriOf(join(ROOT, '基本方針.md'));
const STANDARDS = uriOf(join(ROOT, '対策基準.md'));
const MAINTENANCE = uriOf(join(ROOT, '実施手順', '保守手順.md'));
const RECORDS = uriOf(join(ROOT, '実施手順', '記録手順.md'));
const ALL = [POLICY, STANDARDS, MAINTENANCE, RECORDS];

const range = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const read = (uri: string): string => readFileSync(new URL(uri), 'utf8');
const short = (uri: string): string => decodeURIComponent(uri.slice(uriOf(ROOT).length + 1));

/** The legend the server declares: one type, two modifiers (see SEMANTIC_LEGEND in convert.ts). */
const TOKEN_TYPES = ['variable'];
const TOKEN_MODIFIERS = ['declaration', 'deprecated'];

/** Semantic tokens as `line:character length type+modifiers`, the 5-tuples' deltas undone. */
function decode(tokens: SemanticTokens): string[] {
  const out: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dLine, dChar, length, type, modifiers] = tokens.data.slice(i, i + 5);
    line += dLine;
    character = dLine === 0 ? character + dChar : dChar;
    const mods = TOKEN_MODIFIERS.filter((_, bit) => modifiers & (1 << bit));
    out.push(`${line}:${character} ${length} ${[TOKEN_TYPES[type], ...mods].join('+')}`);
  }
  return out;
}

describe('protocol: defined terms', () => {
  let server: Server;
  const request = <T>(method: string, params: object): Promise<T> => server.connection.sendRequest(method, params);

  before(async () => {
    server = await Server.start({ root: ROOT, codes: /./ });
    await server.waitForFirstPublish(ALL);
  });
  after(() => server.stop());

  it('uses a fixture file that really has CRLF line breaks', () => {
    assert.match(read(RECORDS), /^---\r\n.*ネット\r\nワーク.*\r\n$/s);
  });

  it('reports term findings; an unused definition is tagged Unnecessary', () => {
    const policy = server.diagnostics.get(POLICY)!;
    // The fixture's basic policy lists no measures: said once, on its title.
    assert.deepEqual(summarize(policy), ['trace/no-measures 1 3:2-3:10', 'term/unused 4 15:4-15:9']);
    assert.deepEqual([policy[1].message, policy[1].tags], ['定義語「無害化通信」は文書群のどこにも使われていません。', [1]]);
    const maintenance = server.diagnostics.get(MAINTENANCE)!;
    assert.deepEqual(summarize(maintenance), ['term/variant 2 6:7-6:13', 'term/variant 2 6:14-6:18']);
    assert.ok(maintenance.every((d) => !('tags' in d)), 'no tags on other findings');
    assert.deepEqual(server.diagnostics.get(STANDARDS), []);
    assert.deepEqual(server.diagnostics.get(RECORDS), []);
  });

  it('goes to the definition from a use and from a variant after 𠮷, and keeps trace references first', async () => {
    const definition = [{ uri: POLICY, range: range(11, 4, 11, 10) }];
    assert.deepEqual(await server.definition(MAINTENANCE, { line: 6, character: 7 }), definition, 'ﾈｯﾄﾜｰｸ');
    assert.deepEqual(await server.definition(RECORDS, { line: 8, character: 1 }), definition, 'ネット⏎ワーク in CRLF');
    assert.deepEqual(await server.definition(RECORDS, { line: 6, character: 6 }), [{ uri: POLICY, range: range(13, 4, 13, 7) }]);
    // 𠮷 is two code units: character 6 is the 、 before ﾈｯﾄﾜｰｸ.
    assert.deepEqual(await server.definition(MAINTENANCE, { line: 6, character: 6 }), []);
    // A 根拠 line still goes to the section it cites.
    assert.deepEqual(await server.definition(MAINTENANCE, { line: 2, character: 8 }), [{ uri: STANDARDS, range: range(5, 3, 5, 14) }]);
  });

  it('hovers a variant with the definition, where it is, and the uses per tier', async () => {
    const h = await server.hover(MAINTENANCE, { line: 6, character: 10 });
    assert.deepEqual(h, {
      contents: {
        kind: 'markdown',
        value: [
          '**定義語「ネットワーク」** — 基本方針 1件 · 対策基準 1件 · 実施手順 2件 · 表記ゆれ 1件',
          '',
          `- 機器を相互に接続する通信網をいう。 — [基本方針「北山町 基本方針」12行目](${POLICY}#L12)`,
        ].join('\n'),
      },
      range: range(6, 7, 6, 13),
    });
  });

  it('hovers a definition item with the term, and a section heading with its trace chain', async () => {
    const onDefinition = await server.hover(POLICY, { line: 13, character: 5 });
    assert.deepEqual(onDefinition?.range, range(13, 4, 13, 7));
    assert.match((onDefinition?.contents as { value: string }).value, /^\*\*定義語「サーバ」\*\* — 基本方針 1件 · 対策基準 1件 · 実施手順 2件 · 表記ゆれ 1件\n/);
    const onHeading = await server.hover(STANDARDS, { line: 5, character: 6 });
    assert.match((onHeading?.contents as { value: string }).value, /^\*\*対策基準 1 物理的セキュリティ\*\*/);
  });

  it('finds every reference across the set, soft-broken and CRLF uses included', async () => {
    const refs = await server.references(POLICY, { line: 11, character: 5 }, true);
    assert.deepEqual(refs?.map((l) => `${short(l.uri)} ${JSON.stringify(l.range)}`), [
      ['基本方針.md', range(11, 4, 11, 10)],
      ['基本方針.md', range(19, 5, 19, 11)],
      ['実施手順/保守手順.md', range(6, 7, 6, 13)],
      ['実施手順/記録手順.md', range(7, 4, 8, 3)],
      ['対策基準.md', range(10, 3, 11, 3)],
    ].map(([f, r]) => `${f} ${JSON.stringify(r)}`));
    assert.equal((await server.references(POLICY, { line: 11, character: 5 }, false))?.length, 4);
  });

  it('highlights the term in the document: the inline definition as written, uses as read', async () => {
    const highlights = await request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri: POLICY }, position: { line: 19, character: 1 } });
    assert.deepEqual(highlights, [{ range: range(7, 21, 7, 24), kind: 3 }, { range: range(19, 0, 19, 3), kind: 2 }]);
    assert.deepEqual(await request('textDocument/documentHighlight', { textDocument: { uri: POLICY }, position: { line: 19, character: 4 } }), []);
  });

  it('renames a term from a variant across every file, CRLF and soft breaks included', async () => {
    const prepared = await request('textDocument/prepareRename', { textDocument: { uri: MAINTENANCE }, position: { line: 6, character: 8 } });
    assert.deepEqual(prepared, { range: range(6, 7, 6, 13), placeholder: 'ネットワーク' });
    assert.equal(await request('textDocument/prepareRename', { textDocument: { uri: MAINTENANCE }, position: { line: 6, character: 3 } }), null);

    const edit = await request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: MAINTENANCE }, position: { line: 6, character: 8 }, newName: '通信回線' });
    const changes = editsOf(edit);
    assert.deepEqual(Object.keys(changes).sort(), [POLICY, MAINTENANCE, RECORDS, STANDARDS].sort());
    assert.deepEqual(Object.values(versionsOf(edit)), [null, null, null, null], 'no file is open: each was checked against the disk');
    const after = (uri: string): string => applyEdits(read(uri), changes[uri] as TextEdit[]);
    assert.equal(after(POLICY), read(POLICY).replace('(1) ネットワーク', '(1) 通信回線').replace('職員等は、ネットワークと', '職員等は、通信回線と'));
    assert.equal(after(STANDARDS), read(STANDARDS).replace('外部のネット\nワークには', '外部の通信回線\nには'));
    assert.equal(after(MAINTENANCE), read(MAINTENANCE).replace('ﾈｯﾄﾜｰｸ', '通信回線'));
    assert.equal(after(RECORDS), read(RECORDS).replace('記録し、ネット\r\nワークの', '記録し、通信回線\r\nの'));
    assert.equal(after(RECORDS).split('\r\n')[8], 'の障害を報告する。');
  });

  it('refuses a rename that collides with another term, with the reason', async () => {
    await assert.rejects(
      request('textDocument/rename', { textDocument: { uri: RECORDS }, position: { line: 6, character: 6 }, newName: 'ﾈｯﾄﾜｰｸ' }),
      (e: { code: number; message: string }) => {
        assert.deepEqual([e.code, e.message], [-32803, '「ﾈｯﾄﾜｰｸ」は定義語「ネットワーク」と同じ語になるため、この名前には変更できません。']);
        return true;
      },
    );
  });

  it('completes defined terms, replacing what was typed of the term', async () => {
    const text = `${read(MAINTENANCE)}点検後はサー`;
    await server.open(MAINTENANCE, text);
    try {
      const result = await request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri: MAINTENANCE }, position: { line: 8, character: 6 } });
      const items = Array.isArray(result) ? result : result.items;
      assert.deepEqual(items.map((i) => i.label), ['職員等', 'ネットワーク', 'サーバ', '無害化通信']);
      const saba = items.find((i) => i.label === 'サーバ')!;
      assert.deepEqual(saba.textEdit, { range: range(8, 4, 8, 6), newText: 'サーバ' });
      assert.equal(saba.detail, '基本方針「北山町 基本方針」');
      assert.deepEqual(saba.documentation, { kind: 'plaintext', value: '業務の処理を担う機器をいう。' });
      assert.deepEqual(items.find((i) => i.label === '職員等')!.textEdit, { range: range(8, 6, 8, 6), newText: '職員等' });
    } finally {
      await server.close(MAINTENANCE);
    }
  });

  it('sends semantic tokens that tell definitions, uses and variants apart', async () => {
    const tokens = (uri: string): Promise<string[]> => request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } }).then(decode);
    assert.deepEqual(await tokens(POLICY), [
      '7:21 3 variable+declaration',
      '11:4 6 variable+declaration',
      '13:4 3 variable+declaration',
      '15:4 5 variable+declaration',
      '19:0 3 variable',
      '19:5 6 variable',
      '19:12 3 variable',
    ]);
    assert.deepEqual(await tokens(MAINTENANCE), ['6:7 6 variable+deprecated', '6:14 4 variable+deprecated', '7:0 3 variable']);
    // CRLF, and a term broken across two lines: one token per line.
    assert.deepEqual(await tokens(RECORDS), ['6:0 3 variable', '6:5 3 variable', '7:4 3 variable', '8:0 3 variable']);
    assert.deepEqual(await tokens(STANDARDS), ['9:2 3 variable', '9:9 3 variable', '10:3 3 variable', '11:0 3 variable']);
  });
});
