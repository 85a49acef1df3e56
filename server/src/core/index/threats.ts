// The threats a basic policy names (its 対象とする脅威 section: 3(1) 不正アクセス …) and the measures
// that address them. A measure or a standards section declares what it answers to in a line of its
// own text: `対応する脅威: 3(1)、3(3)`, or in an article-style set `対応する脅威: 基本方針 第3条第1号、
// 第3条第2号`. A standards section's declaration counts for the measures it implements. Read from the
// documents' facts (visible text, sections), kept per set index: nothing new is stored per document.

import type { Span } from '../types';
import type { DocumentFacts } from '../facts';
import { idKey } from '../parse/references';
import { proseSpan } from '../text/prose';
import { looseTitleKey } from '../text/titles';
import { contains, type Measure, type NodeRef, type TraceIndex } from './traceIndex';

export interface Threat {
  node: NodeRef;
  /** As the policy numbers it: 3(1), 第3条第1号. */
  id: string;
  title: string;
}

/** One ID of a declaration line: where it is written and the threat it names, if any. */
export interface DeclaredThreat { written: string; span: Span; threat: Threat | undefined }

export interface ThreatDeclaration {
  node: NodeRef;
  ids: DeclaredThreat[];
}

export interface ThreatCoverage {
  threats: Threat[];
  declarations: ThreatDeclaration[];
  /** The measures that address each threat, in the policy's order. */
  measures: Map<Threat, Measure[]>;
}

const LINE = /(?:対応する脅威|対応脅威|addresses threats?)\s*[:：]\s*([^\n。]*)/gu;
const ID = /(?:(?:情報セキュリティ)?基本方針\s*)?(第[0-9０-９〇一二三四五六七八九十百]+条(?:第[0-9０-９〇一二三四五六七八九十百]+[項号])*|[0-9０-９]+(?:[（(][0-9０-９]+[)）])+)/gu;
const ascii = (s: string): string => s.replace(/[０-９（）]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const memo = new WeakMap<TraceIndex, ThreatCoverage>();

export function threatCoverage(index: TraceIndex): ThreatCoverage {
  let c = memo.get(index);
  if (!c) memo.set(index, c = build(index));
  return c;
}

/** The numbered items of each policy's threats section. */
function threatsOf(index: TraceIndex): Threat[] {
  const out: Threat[] = [];
  for (const doc of index.documents) {
    if (doc.tier !== 'policy' && !doc.parts.some((p) => p.tier === 'policy')) continue;
    const top = doc.sections.find((s) => looseTitleKey(s.title).endsWith('脅威') && doc.sections.some((c) => c.parent === s.index && c.id !== undefined));
    if (!top) continue;
    for (const s of doc.sections) {
      if (s.parent === top.index && s.id !== undefined) out.push({ node: { doc, section: s.index }, id: s.id, title: s.title });
    }
  }
  return out;
}

function declarationsIn(doc: DocumentFacts, byKey: Map<string, Threat>): ThreatDeclaration[] {
  const out: ThreatDeclaration[] = [];
  for (const prose of doc.prose) {
    if (!prose.text.includes('脅威') && !/threat/i.test(prose.text)) continue;
    for (const line of prose.text.matchAll(LINE)) {
      const from = line.index + line[0].length - line[1].length;
      const ids: DeclaredThreat[] = [];
      for (const m of line[1].matchAll(ID)) {
        const at = from + m.index + m[0].length - m[1].length;
        ids.push({ written: m[1], span: proseSpan(prose, at, at + m[1].length), threat: byKey.get(idKey(ascii(m[1]))) });
      }
      if (!ids.length) continue;
      const offset = prose.offset(line.index);
      let section = -1;
      for (const s of doc.sections) if (s.span.start <= offset && offset < s.span.end) section = s.index;
      out.push({ node: { doc, section }, ids });
    }
  }
  return out;
}

function build(index: TraceIndex): ThreatCoverage {
  const threats = threatsOf(index);
  const byKey = new Map(threats.map((t) => [idKey(t.id), t]));
  const declarations = byKey.size ? index.documents.flatMap((d) => declarationsIn(d, byKey)) : [];
  const measures = new Map<Threat, Measure[]>(threats.map((t) => [t, []]));
  for (const d of declarations) {
    // The measures the declaring section is, lies in, or implements.
    const answering = index.measures.filter((m) => contains(m.node, d.node)
      || (index.coverage.get(m)?.standards ?? []).some((s) => contains(s, d.node)));
    for (const id of d.ids) {
      if (!id.threat) continue;
      const list = measures.get(id.threat)!;
      for (const m of answering) if (!list.includes(m)) list.push(m);
    }
  }
  for (const list of measures.values()) list.sort((a, b) => index.measures.indexOf(a) - index.measures.indexOf(b));
  return { threats, declarations, measures };
}
