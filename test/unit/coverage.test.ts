// The coverage of every measure is found in one pass over the links, with tables from sections to
// measures. Here it is held to the definition, written out plainly for one measure at a time.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nodeKey, type Measure, type NodeRef, type TraceIndex } from '../../server/src/core/api';
import { folderTexts, workspaceOf } from './helpers';
import { tierOf } from '../../server/src/core/parse/parts';
import { relatedMeasures, relinked, standardsLinks } from '../../server/src/core/index/traceIndex';

/** `inner` is `outer` or lies inside it (the whole document, -1, holds every section). */
function inside(inner: NodeRef, outer: NodeRef): boolean {
  if (inner.doc !== outer.doc) return false;
  for (let s = inner.section; ; s = inner.doc.sections[s].parent) {
    if (s === outer.section || outer.section === -1) return true;
    if (s < 0) return false;
  }
}

/**
 * The definition: a measure's standards are the standards sections (a section's tier is that of
 * the part of the file it lies in) linked to it (or, for an
 * item, to its parent; for a top measure, to its items); a procedure stands behind it when it
 * links to the measure, to its parent, or to a standards section inside, around or equal to one
 * of the measure's standards sections.
 */
function reference(index: TraceIndex, m: Measure): string {
  const linkedTo = (x: Measure): NodeRef[] => index.links.filter((l) => tierOf(l.from) === 'standard' && nodeKey(l.to) === nodeKey(x.node)).map((l) => l.from);
  const related = m.parent ? [m, m.parent] : [m, ...m.children];
  const standards = unique(related.flatMap(linkedTo));
  const procedures = unique(index.links.filter((l) => {
    if (tierOf(l.from) !== 'procedure') return false;
    if (tierOf(l.to) === 'policy') return inside(l.to, m.node) || (m.parent !== undefined && nodeKey(l.to) === nodeKey(m.parent.node));
    return standards.some((s) => inside(l.to, s) || inside(s, l.to));
  }).map((l) => l.from));
  const waived = index.waivers.some((w) => w.measure === m || (m.parent && w.measure === m.parent));
  const status = waived ? 'waived' : !standards.length ? 'missing-standard' : !procedures.length ? 'missing-procedure' : 'covered';
  return `${m.id} ${status} ${standards.map(nodeKey).sort().join(',')} | ${procedures.map(nodeKey).sort().join(',')}`;
}

function unique(nodes: NodeRef[]): NodeRef[] {
  const seen = new Set<string>();
  return nodes.filter((n) => !seen.has(nodeKey(n)) && seen.add(nodeKey(n)));
}

function actual(index: TraceIndex, m: Measure): string {
  const c = index.coverage.get(m)!;
  return `${m.id} ${c.status} ${c.standards.map(nodeKey).sort().join(',')} | ${c.procedures.map(nodeKey).sort().join(',')}`;
}

const SNIPPETS = [
  '\n\n根拠: 基本方針 6(9)\n', '\n\n根拠: 基本方針 6(3)①\n', '\n\n根拠: 対策基準 5.2\n', '\n\n根拠: 対策基準 第4節\n',
  '\n\n根拠: 基本方針 6(1)\n', '\n適用除外: 基本方針 6(2) 理由がある。\n', '\n\n## 9 新しい章\n\n', '\n\n### (9) 新しい措置\n\n', 'x',
];

for (const folder of ['samples', 'test/fixtures/realworld/jorei-style', 'test/fixtures/realworld/hospital', 'test/fixtures/realworld/old-numbered']) {
  describe(`coverage (${folder})`, () => {
    const texts = folderTexts(folder);
    const files = Object.keys(texts).sort();

    it('is what the definition gives for every measure, after any edits', () => {
      // Citations a procedure may add: every measure (items and the measures that have them), and the
      // standards sections linked to a measure, inside them and around them.
      const [first] = workspaceOf(texts).getIndexes();
      const linked = first.links.filter((l) => l.from.doc.tier === 'standard' && l.to.doc.tier === 'policy' && l.from.section >= 0).map((l) => l.from);
      const sectionIds = [
        ...linked.map((n) => n.doc.sections[n.section].id),
        ...linked.flatMap((n) => n.doc.sections.filter((x) => x.parent === n.section).map((x) => x.id)),
        ...linked.map((n) => n.doc.sections[n.doc.sections[n.section].parent]?.id),
      ].filter((id): id is string => id !== undefined);
      const cited = [
        ...first.measures.map((m) => `根拠: 基本方針 ${m.id}`),
        ...sectionIds.map((id) => `根拠: 対策基準 ${id}`),
      ];
      assert.ok(cited.length > 0, 'the set has standards sections linked to measures');
      const procedureOf = (lines: string[]): string => `---\n種別: 実施手順\n---\n# 追加の手順\n\n${lines.join('\n\n')}\n`;
      // Each citation alone, so that each way of standing behind a measure is met for sure.
      for (const line of new Set(cited)) {
        for (const index of workspaceOf({ ...texts, '追加の手順.md': procedureOf([line]) }).getIndexes()) {
          assert.deepEqual(index.measures.map((m) => actual(index, m)), index.measures.map((m) => reference(index, m)), line);
        }
      }
      const procedure = fc.subarray([...new Set(cited)]).map(procedureOf);
      const edit = fc.record({ file: fc.constantFrom(...files), at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.constantFrom(...SNIPPETS) });
      let measures = 0;
      fc.assert(fc.property(fc.array(edit, { maxLength: 4 }), procedure, (edits, added) => {
        const current: Record<string, string> = { ...texts, '追加の手順.md': added };
        for (const e of edits) {
          const t = current[e.file];
          const at = Math.floor(e.at * t.length);
          current[e.file] = t.slice(0, at) + e.insert + t.slice(at);
        }
        for (const index of workspaceOf(current).getIndexes()) {
          measures += index.measures.length;
          assert.deepEqual(index.measures.map((m) => actual(index, m)), index.measures.map((m) => reference(index, m)));
        }
      }), { numRuns: 25 });
      // The property says nothing about a set without measures.
      assert.ok(measures > 25, `${measures} measures checked`);
    });

    it('gives every link to forEachLink in the order of links, before and after that list is made', () => {
      const [index] = workspaceOf(texts).getIndexes();
      const visited = (): string[] => {
        const out: string[] = [];
        index.forEachLink((l) => out.push(`${nodeKey(l.from)}>${nodeKey(l.to)} ${l.via}`));
        return out;
      };
      const before = visited();
      const listed = index.links.map((l) => `${nodeKey(l.from)}>${nodeKey(l.to)} ${l.via}`);
      assert.ok(listed.some((l) => l.endsWith(' explicit')) && listed.some((l) => !l.endsWith(' explicit')), `the set has written and found links: ${listed.length}`);
      assert.deepEqual(before, listed);
      assert.deepEqual(visited(), listed);
    });
  });
}

describe('standards links followed through one document\'s edit (relinked)', () => {
  // Three standards documents, so that the edited one has links of other documents before and after it.
  const base = folderTexts('samples');
  const texts: Record<string, string> = { ...base, '対策基準/00-対策基準.md': base['対策基準.md'], '対策基準/99-対策基準.md': base['対策基準.md'] };
  const standards = Object.keys(texts).filter((f) => f.includes('対策基準')).sort();
  const LINES = ['根拠: 基本方針 6(6)', '根拠: 基本方針 6(4)', '根拠: 基本方針 6(1)', '根拠: 基本方針 6(96)', 'x'];

  it('equal the lists made anew, link for link and in order, whatever line an edit adds or removes', () => {
    const edit = fc.record({ file: fc.constantFrom(...standards), line: fc.nat(), text: fc.constantFrom(...LINES), cut: fc.boolean() });
    let compared = 0;
    let moved = 0;
    fc.assert(fc.property(edit, (e) => {
      const ws = workspaceOf(texts);
      const [before] = ws.getIndexes();
      const top = before.measures.filter((m) => !m.parent);
      const lists = standardsLinks(before, top);
      // A paragraph added after a blank line, or a 根拠 line taken out: the outline stays as it was.
      const lines = texts[e.file].split('\n');
      const blanks = lines.flatMap((l, i) => (l === '' ? [i] : []));
      const basisLines = lines.flatMap((l, i) => (l.startsWith('根拠:') ? [i] : []));
      if (e.cut && basisLines.length) lines.splice(basisLines[e.line % basisLines.length], 1);
      else lines.splice(blanks[e.line % blanks.length], 0, '', e.text);
      ws.setDocument(`file:///${e.file}`, e.file, lines.join('\n'));
      const [after] = ws.getIndexes();
      const edited = after.documents.find((d) => d.uri === `file:///${e.file}`)!;
      // relinked is for an edit that leaves every other document's links as they were.
      fc.pre(after.measures === before.measures && after.documents.every((d) => d === edited || before.documents.includes(d)));
      const position = new Map(after.documents.map((d, i) => [d, i]));
      const anew = standardsLinks(after, top);
      for (const m of top) {
        relatedMeasures(m).forEach((x, j) => {
          const followed = relinked(lists.get(m)![j], edited, after.linksIn(edited), x.node, position);
          assert.deepEqual(followed.map((l) => `${nodeKey(l.from)}>${nodeKey(l.to)} ${l.via}`), anew.get(m)![j].map((l) => `${nodeKey(l.from)}>${nodeKey(l.to)} ${l.via}`), `${e.file} ${m.id}`);
          // The same link objects: the other documents' are taken over, not made again.
          assert.ok(followed.every((l, k) => l === anew.get(m)![j][k]));
          compared++;
          if (followed[0]?.from.doc !== lists.get(m)![j][0]?.from.doc) moved++;
        });
      }
    }), { numRuns: 40 });
    assert.ok(compared > 200, `${compared} lists compared`);
    // Some edits change which document's link comes first (what a hint is placed by).
    assert.ok(moved > 0, 'no edit changed the first link of a list');
  });
});
