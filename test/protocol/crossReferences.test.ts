// References inside a document through the real server: their diagnostics, go to definition, the
// hover with the target's text, find references from an article, on the article-style fixture.

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { REPO, Server, summarize, uriOf } from './harness';

const ROOT = join(REPO, 'test', 'fixtures', 'domain', 'article-style');
const POLICY = uriOf(join(ROOT, '基本方針.md'));
const STANDARDS = uriOf(join(ROOT, '対策基準.md'));
const where = (l: Location): string => `${decodeURIComponent(l.uri).split('/').pop()} ${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;

describe('protocol: references inside a document', () => {
  let server: Server;
  before(async () => {
    server = await Server.start({ root: ROOT, codes: /^(ref|structure)\// });
    await server.waitForFirstPublish([POLICY, STANDARDS]);
  });
  after(() => server.stop());

  it('publishes ref/unresolved, ref/toc-mismatch and structure/numbering where they are', () => {
    assert.deepEqual(summarize(server.diagnostics.get(POLICY)!), ['ref/unresolved 1 32:11-32:14']);
    assert.deepEqual(summarize(server.diagnostics.get(STANDARDS)!).sort(), [
      'ref/toc-mismatch 2 4:0-4:17', 'ref/toc-mismatch 2 5:0-5:23', 'ref/unresolved 1 17:2-17:4', 'ref/unresolved 1 32:33-32:39',
      'ref/unresolved 1 49:13-49:17', 'structure/numbering 2 23:0-23:3', 'structure/numbering 2 49:0-49:3', 'structure/numbering 2 58:0-58:3',
    ]);
  });

  it('goes from 前条 to the article before, and shows its text on hover', async () => {
    // 第5条　前条の遵守義務を果たすため、…
    const position = { line: 21, character: 5 };
    const targets = await server.request<Location[]>('textDocument/definition', { textDocument: { uri: POLICY }, position });
    assert.deepEqual(targets.map(where), ['基本方針.md 17:0-18:85']);
    const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri: POLICY }, position });
    assert.deepEqual(hover.range, { start: { line: 21, character: 4 }, end: { line: 21, character: 6 } });
    assert.equal((hover.contents as MarkupContent).value,
      `**[第4条 職員等の遵守義務](${POLICY}#L18)**\n\n職員、会計年度任用職員等（以下「職員等」という。）は、情報セキュリティの重要性について共通の認識を持ち、業務の遂行に当たってこの基本方針を遵守しなければならない。`);
  });

  it('goes from 前各項 to every paragraph before it', async () => {
    const targets = await server.request<Location[]>('textDocument/definition', { textDocument: { uri: STANDARDS }, position: { line: 32, character: 3 } });
    assert.deepEqual(targets.map(where), ['対策基準.md 29:0-30:25', '対策基準.md 31:0-31:49']);
  });

  it('says nothing on hover over a reference that does not resolve, and has no definition for it', async () => {
    const position = { line: 32, character: 12 };
    assert.equal(await server.request('textDocument/hover', { textDocument: { uri: POLICY }, position }), null);
    assert.deepEqual(await server.request('textDocument/definition', { textDocument: { uri: POLICY }, position }), []);
  });

  it('finds the references to an article in its own document', async () => {
    // 第7条 of the policy: cited by the standards' 第1条 (a trace reference), by 前項 in its own second
    // paragraph and by 前条第1項 in 第8条.
    const refs = await server.request<Location[]>('textDocument/references', { textDocument: { uri: POLICY }, position: { line: 31, character: 1 }, context: { includeDeclaration: false } });
    assert.deepEqual(refs.map(where), ['対策基準.md 16:13-16:42', '基本方針.md 32:2-32:4', '基本方針.md 35:4-35:9']);
  });

  it('offers to renumber the items of a gap, as one edit of the document it names', async () => {
    const gap = server.diagnostics.get(STANDARDS)!.find((d) => d.code === 'structure/numbering' && d.range.start.line === 23)!;
    const actions = (await server.codeActions(STANDARDS, [gap]))!;
    assert.deepEqual(actions.map((a) => a.title), ['(1) からの番号を振り直し、それを指す参照もすべて直す（1 件の番号が変わる）']);
    const action = actions[0].edit ? actions[0] : await server.resolveCodeAction(actions[0]);
    assert.deepEqual(action.edit!.documentChanges, [{
      textDocument: { uri: STANDARDS, version: null },
      edits: [{ range: { start: { line: 23, character: 1 }, end: { line: 23, character: 2 } }, newText: '3' }],
    }]);
  });
});
