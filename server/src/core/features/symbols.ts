// The outline of a document (sections as a tree, named by their IDs, with the terms they define)
// and the symbols of a whole workspace (measures, sections, terms) for "go to symbol".

import type { DocumentFacts } from '../facts';
import type { Messages } from '../messages';
import type { Location, Range, Span } from '../types';
import type { Section } from '../parse/structure';
import { nodeKey, type TraceIndex } from '../index/traceIndex';
import { foldText } from '../text/fold';
import { coverageText } from './codeLens';

/**
 * What a symbol is in the policy; the glue picks the editor's kind (and icon) from it.
 * A part is a Markdown heading or a 章/節/款; an item is a numbered paragraph (第1条, 1, (1), ①, ア).
 */
export type SymbolRole = 'measure' | 'part' | 'item' | 'term';

export interface OutlineSymbol {
  /** 6(3) 情報システム全体の強靱性の向上, 第2章 組織体制, or the term. */
  name: string;
  /** For a measure, its coverage (対策基準 2件 · 実施手順 3件); else empty. */
  detail: string;
  role: SymbolRole;
  /** The whole section (opening line to the next section that is not inside it). */
  range: Range;
  /** The opening line, or the term where it is defined. */
  selectionRange: Range;
  children: OutlineSymbol[];
}

export interface WorkspaceSymbolEntry {
  name: string;
  role: SymbolRole;
  location: Location;
  /** The title of the document it is in. */
  containerName: string;
}

/** The section tree of a document; each definition of a term is a child of the section it is in. */
export function documentSymbols(index: TraceIndex, doc: DocumentFacts, msg: Messages): OutlineSymbol[] {
  const measures = new Map(index.measures.map((m) => [nodeKey(m.node), m]));
  const bySection: OutlineSymbol[] = [];
  const roots: { start: number; symbol: OutlineSymbol }[] = [];
  const childStarts = new Map<OutlineSymbol, number[]>();
  const place = (parent: number, start: number, symbol: OutlineSymbol): void => {
    if (parent < 0) { roots.push({ start, symbol }); return; }
    const owner = bySection[parent];
    owner.children.push(symbol);
    childStarts.set(owner, [...(childStarts.get(owner) ?? []), start]);
  };
  for (const s of doc.sections) {
    const measure = measures.get(nodeKey({ doc, section: s.index }));
    const coverage = measure && index.coverage.get(measure);
    const span = { start: s.headingSpan.start, end: Math.max(s.span.end, s.headingSpan.end) };
    const symbol: OutlineSymbol = {
      name: sectionName(s) || msg('unknownDocTitle'),
      detail: coverage ? coverageText(coverage, msg) : '',
      role: measure ? 'measure' : roleOf(s),
      range: wholeLines(doc.lines.range(span)),
      selectionRange: doc.lines.range(s.headingSpan),
      children: [],
    };
    bySection.push(symbol);
    place(s.parent, span.start, symbol);
  }
  for (const d of doc.definitions) {
    const range = doc.lines.range(d.span);
    place(innermost(doc.sections, d.span), d.span.start, { name: d.term, detail: '', role: 'term', range, selectionRange: range, children: [] });
  }
  // Sections come in document order; terms were added after them and go where they are written.
  for (const [owner, starts] of childStarts) owner.children = sortByStart(owner.children, starts);
  return sortByStart(roots.map((r) => r.symbol), roots.map((r) => r.start));
}

/**
 * Measures, sections and defined terms of every policy set whose name contains the query. Width,
 * case and spaces are folded on both sides, so ６（３） finds 6(3) and ｾｷｭﾘﾃｨ finds セキュリティ.
 */
export function workspaceSymbols(indexes: TraceIndex[], query: string): WorkspaceSymbolEntry[] {
  const want = searchKey(query);
  const out: WorkspaceSymbolEntry[] = [];
  const seen = new Set<string>();
  const push = (entry: WorkspaceSymbolEntry): void => {
    const r = entry.location.range.start;
    const key = `${entry.location.uri}|${r.line}:${r.character}|${entry.name}`;
    if (seen.has(key) || !searchKey(entry.name).includes(want)) return;
    seen.add(key);
    out.push(entry);
  };
  for (const index of indexes) {
    const measures = new Set(index.measures.map((m) => nodeKey(m.node)));
    for (const doc of index.documents) {
      const containerName = doc.title || doc.path;
      for (const s of doc.sections) {
        const name = sectionName(s);
        if (!name) continue;
        const role = measures.has(nodeKey({ doc, section: s.index })) ? 'measure' : roleOf(s);
        push({ name, role, location: { uri: doc.uri, range: doc.lines.range(s.headingSpan) }, containerName });
      }
    }
    for (const entry of index.terms.glossary.entries) {
      const d = entry.definitions[0];
      push({ name: entry.term, role: 'term', location: { uri: d.doc.uri, range: d.doc.lines.range(d.span) }, containerName: d.doc.title || d.doc.path });
    }
  }
  return out;
}

/** A section as its document would cite it: ID and title; a sentence-like title is cut short. */
export function sectionName(s: Section): string {
  const title = s.title || s.summary;
  const short = title.length > 40 ? `${title.slice(0, 39)}…` : title;
  return [s.id, short].filter(Boolean).join(' ');
}

function roleOf(s: Section): SymbolRole {
  return s.headingDepth > 0 || s.style === 'part' || s.style === 'chapter' || s.style === 'section' || s.style === 'subsection' ? 'part' : 'item';
}

/**
 * A section ends where the next one's number starts, after its `## ` or `- `: the outline and the
 * breadcrumbs should switch at the start of that line, not inside its markup.
 */
function wholeLines(range: Range): Range {
  const { start, end } = range;
  return end.line > start.line && end.character > 0 ? { start, end: { line: end.line, character: 0 } } : range;
}

function searchKey(text: string): string {
  return foldText(text).toLowerCase().replace(/\s+/g, '');
}

/** The deepest section whose span holds the span's start, or -1. */
function innermost(sections: Section[], span: Span): number {
  let best = -1;
  for (const s of sections) {
    if (s.headingSpan.start <= span.start && span.start < Math.max(s.span.end, s.headingSpan.end)) best = s.index;
  }
  return best;
}

function sortByStart<T>(items: T[], starts: number[]): T[] {
  return items.map((item, i) => ({ item, start: starts[i] })).sort((a, b) => a.start - b.start).map((x) => x.item);
}
