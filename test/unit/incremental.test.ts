// The index is rebuilt from what the previous build left (section lookup, each document's resolved
// references and links, the glossary and the uses of each document), and one document's findings
// can be asked for alone. Both must give exactly what a fresh analysis of the same texts gives.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PolicyWorkspace, nodeKey, type DocumentFacts, type TraceIndex } from '../../server/src/core/api';
import { folderTexts, workspaceOf } from './helpers';

/**
 * What an index says, without object identity: links, coverage, references, term uses. Every
 * node must point at the current facts of its document, not at an older version's.
 */
function shape(index: TraceIndex): unknown {
  const current = new Set(index.documents);
  const node = (n: { doc: DocumentFacts; section: number }): string => {
    assert.ok(current.has(n.doc), `a node of ${n.doc.uri} points at facts the index does not hold`);
    return `${n.doc.uri}#${n.section}`;
  };
  return {
    documents: index.documents.map((d) => d.uri),
    measures: index.measures.map((m) => `${nodeKey(m.node)} ${m.id}`),
    links: index.links.map((l) => `${node(l.from)}>${node(l.to)} ${l.via}`),
    linksTo: [...index.linksTo].map(([k, ls]) => `${k}:${ls.length}`),
    references: index.references.map((r) => `${r.doc.uri} ${r.ref.target} ${r.targets.map(node).join(',')} ${r.suggestions.map((s) => `${s.text}=${node(s.node)}`).join(',')}`),
    coverage: [...index.coverage.values()].map((c) => `${c.measure.id} ${c.status} ${c.standards.map(node).join(',')} ${c.procedures.map(node).join(',')}`),
    waivers: index.waivers.map((w) => `${w.doc.uri} ${w.measure?.id}`),
    glossary: index.terms.glossary.entries.map((e) => `${e.term} ${e.definitions.map((d) => `${d.doc.uri}@${d.span.start}`).join(',')}`),
    uses: [...index.terms.uses].map(([d, us]) => `${d.uri} ${[...us].map((u) => `${u.kind}:${u.term}:${u.entry?.definitions.length ?? '-'}@${u.span.start}`).join(' ')}`),
  };
}

const SNIPPETS = [
  '\n\n## 10 評価・見直し\n\n根拠: 基本方針 6(9)\n', '\n\n### 4.9 新しい節\n\n', '根拠: 対策基準 5.9', '根拠: 基本方針 6(1)', '9',
  '\n適用除外: 基本方針 6(2) 理由がある。\n', 'サーバー', 'ﾈｯﾄﾜｰｸ', '情報セキュリティー', '\n\n', '（以下「監査人」という。）',
  '\n(9) 無害化通信　安全な通信をいう。\n', 'x', '\n---\n', '```\n', '\n## 6 情報セキュリティ対策\n', '種別: 実施手順\n', '𠮷',
];

for (const folder of ['samples', 'test/fixtures/realworld/jorei-style']) {
  describe(`incremental index and one document's findings (${folder})`, () => {
    const texts = folderTexts(folder);
    const files = Object.keys(texts).sort();

    it('equal a fresh analysis after every edit of a random series', () => {
      const edit = fc.record({ file: fc.constantFrom(...files), at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat(30), insert: fc.constantFrom(...SNIPPETS) });
      fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        const current = { ...texts };
        const live = workspaceOf(current);
        live.findings();
        for (const e of edits) {
          const t = current[e.file];
          const at = Math.floor(e.at * t.length);
          current[e.file] = t.slice(0, at) + e.insert + t.slice(Math.min(t.length, at + e.cut));
          const uri = `file:///${e.file}`;
          live.setDocument(uri, e.file, current[e.file]);
          const fresh = workspaceOf(current);
          // The one-document answer first, before anything set-wide has been computed.
          assert.deepEqual(live.findingsFor(uri), fresh.findings().get(uri), `findingsFor ${e.file}`);
          assert.deepEqual(live.getIndexes().map(shape), fresh.getIndexes().map(shape));
          assert.deepEqual(live.findings(), fresh.findings());
        }
      }), { numRuns: Number(process.env.INCREMENTAL_RUNS ?? 30) });
    });

    it('keeps the parts of documents an edit does not concern', () => {
      const ws = workspaceOf(texts);
      const [before] = ws.getIndexes();
      const procedure = before.documents.find((d) => d.tier === 'procedure')!;
      const other = before.documents.find((d) => d.tier === 'procedure' && d !== procedure)!;
      ws.setDocument(procedure.uri, procedure.path, texts[procedure.path] + '\n追記する。\n');
      const [after] = ws.getIndexes();
      const otherAfter = after.documents.find((d) => d.uri === other.uri)!;
      assert.equal(otherAfter, other, 'facts of an unchanged document are kept');
      assert.equal(after.referencesIn(otherAfter), before.referencesIn(other), 'its resolved references too');
      assert.equal(after.terms.uses.get(otherAfter), before.terms.uses.get(other), 'and its term uses');
      assert.notEqual(after.referencesIn(after.documents.find((d) => d.uri === procedure.uri)!), before.referencesIn(procedure));
    });
  });
}

describe('indexes of several policy sets', () => {
  it('keeps the index of a set none of whose documents changed', () => {
    const texts = folderTexts('samples');
    const twoSets = (edited: string): PolicyWorkspace => {
      const ws = new PolicyWorkspace();
      ws.setConfig({ uri: 'file:///policy-trace.json', text: JSON.stringify({ sets: [{ name: 'a', include: ['a/**/*.md'] }, { name: 'b', include: ['b/**/*.md'] }] }) });
      for (const [path, text] of Object.entries(texts)) {
        for (const set of ['a', 'b']) ws.setDocument(`file:///${set}/${path}`, `${set}/${path}`, set === 'a' && path === '対策基準.md' ? edited : text);
      }
      return ws;
    };
    const ws = twoSets(texts['対策基準.md']);
    const [a1, b1] = ws.getIndexes();
    const edited = texts['対策基準.md'] + '\n追記する。\n';
    ws.setDocument('file:///a/対策基準.md', 'a/対策基準.md', edited);
    const [a2, b2] = ws.getIndexes();
    assert.equal(b2, b1, 'the other set keeps its index');
    assert.notEqual(a2, a1, 'the edited set has a new one');
    assert.deepEqual(ws.findings(), twoSets(edited).findings());
  });
});
