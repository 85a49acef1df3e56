// Go to definition (a reference → its target) and find references (a measure or section → every
// place that traces to it).

import type { DocumentFacts } from '../facts';
import type { Location } from '../types';
import { contains, type NodeRef, type TraceIndex } from '../index/traceIndex';
import { locate } from './locate';
import { locationOf } from './links';
import { crossReferences } from '../index/crossReferences';

export function definition(index: TraceIndex, doc: DocumentFacts, offset: number): Location[] {
  const at = locate(index, doc, offset);
  if (at?.kind === 'crossReference') return at.ref.targets.map((section) => locationOf({ doc, section }));
  if (at?.kind !== 'reference') return [];
  return at.resolved.targets.map(locationOf);
}

export function references(index: TraceIndex, doc: DocumentFacts, offset: number, includeDeclaration: boolean): Location[] {
  const at = locate(index, doc, offset);
  let target: NodeRef | undefined;
  if (at?.kind === 'measure') target = at.measure.node;
  else if (at?.kind === 'node') target = at.node;
  else if (at?.kind === 'reference') target = at.resolved.targets[0];
  if (!target) return [];
  const t = target;
  const out: Location[] = includeDeclaration ? [locationOf(t)] : [];
  const coverage = [...index.coverage.values()].find((c) => c.measure.node.doc === t.doc && c.measure.node.section === t.section);
  const seen = new Set<string>();
  const push = (loc: Location): void => {
    const k = `${loc.uri}|${loc.range.start.line}|${loc.range.start.character}`;
    if (!seen.has(k)) { seen.add(k); out.push(loc); }
  };
  for (const r of index.references) {
    if (r.targets.some((x) => contains(t, x))) push({ uri: r.doc.uri, range: r.doc.lines.range(r.ref.span) });
  }
  for (const l of index.links) {
    if (l.via !== 'explicit' && contains(t, l.to)) push(locationOf(l.from));
  }
  // 前条, 第3条第2項 … in the same document.
  for (const r of crossReferences(t.doc)) {
    if (r.targets.some((x) => contains(t, { doc: t.doc, section: x }))) push({ uri: t.doc.uri, range: t.doc.lines.range(r.span) });
  }
  // A measure's procedures stand behind it through standards: they count as references too.
  for (const p of coverage?.procedures ?? []) {
    for (const r of index.references) {
      if (r.doc === p.doc && r.ref.section === p.section) push({ uri: r.doc.uri, range: r.doc.lines.range(r.ref.span) });
    }
  }
  return out;
}
