// All documents of one policy set → one immutable trace index: measures, resolved references,
// links between tiers and the coverage of each measure. Cheap to rebuild from cached facts.

import type { Tier } from '../types';
import type { DocumentFacts, SectionReference } from '../facts';
import type { Section } from '../parse/structure';
import { idKey } from '../parse/references';
import { exactTitleKey, looseTitleKey } from '../text/titles';
import { buildTermIndex, TermCache, type TermIndex } from '../terms/termIndex';
import { dependencyKey, SectionLookup, type LookupChange } from './sectionLookup';
import type { PrhRule } from '../terms/prh';

/** A section of a document, or the whole document when `section` is -1. */
export interface NodeRef { doc: DocumentFacts; section: number }

export interface Measure {
  node: NodeRef;
  /** As the policy numbers it: 6(3), 6(3)①, 第6条(3). */
  id: string;
  title: string;
  summary: string;
  parent?: Measure;
  children: Measure[];
}

export type LinkVia = 'explicit' | 'exact-title' | 'inferred';

export interface Link {
  from: NodeRef;
  to: NodeRef;
  via: LinkVia;
  ref?: SectionReference;
}

export interface ResolvedReference {
  doc: DocumentFacts;
  ref: SectionReference;
  targets: NodeRef[];
  /** Closest IDs or titles when nothing matched: [shown text, NodeRef]. */
  suggestions: { text: string; node: NodeRef }[];
}

export interface Waiver { doc: DocumentFacts; ref: SectionReference; measure?: Measure }

export type CoverageStatus = 'covered' | 'missing-standard' | 'missing-procedure' | 'waived';

export interface Coverage {
  measure: Measure;
  standards: NodeRef[];
  procedures: NodeRef[];
  waiver?: Waiver;
  status: CoverageStatus;
}

export interface TraceIndex {
  name: string;
  documents: DocumentFacts[];
  measures: Measure[];
  references: ResolvedReference[];
  links: Link[];
  waivers: Waiver[];
  coverage: Map<Measure, Coverage>;
  /** Links that leave a node (upward) and arrive at a node, keyed by nodeKey(). */
  linksFrom: Map<string, Link[]>;
  linksTo: Map<string, Link[]>;
  /** The set's glossary and the uses of its terms. */
  terms: TermIndex;
  /** One document's resolved references and the links that leave it (cheap: no set-wide work). */
  referencesIn(doc: DocumentFacts): ResolvedReference[];
  linksIn(doc: DocumentFacts): Link[];
}

export interface IndexOptions {
  /** Title of the basic policy's measures section. */
  measuresSection: string;
  /** Terms to treat like the model policy's vocabulary (term/undefined). */
  vocabulary: string[];
  /** Variant rules from prh dictionaries. */
  prh: PrhRule[];
}

export const DEFAULT_INDEX_OPTIONS: IndexOptions = { measuresSection: '情報セキュリティ対策', vocabulary: [], prh: [] };

export function nodeKey(n: NodeRef): string { return `${n.doc.uri}#${n.section}`; }

export function sectionOf(n: NodeRef): Section | undefined {
  return n.section >= 0 ? n.doc.sections[n.section] : undefined;
}

/** Ancestors from the node up, ending with the whole document (-1). */
export function ancestors(n: NodeRef): NodeRef[] {
  const out: NodeRef[] = [];
  let s = n.section >= 0 ? n.doc.sections[n.section].parent : -2;
  while (s >= 0) { out.push({ doc: n.doc, section: s }); s = n.doc.sections[s].parent; }
  if (n.section >= 0) out.push({ doc: n.doc, section: -1 });
  return out;
}

/** True when `inner` is `outer` or lies inside it. */
export function contains(outer: NodeRef, inner: NodeRef): boolean {
  if (outer.doc !== inner.doc) return false;
  if (outer.section === -1 || outer.section === inner.section) return true;
  // Walk up without allocating: this runs for every link of every measure on each keystroke.
  const sections = inner.doc.sections;
  for (let s = inner.section >= 0 ? sections[inner.section].parent : -1; s >= 0; s = sections[s].parent) {
    if (s === outer.section) return true;
  }
  return false;
}

const TIER_ORDER: Record<Tier, number> = { policy: 0, standard: 1, procedure: 2 };

/**
 * What one build of a set's index leaves for the next: the section lookup, each document's
 * resolved references and links, the measures and the term index. A build reuses every part whose
 * inputs did not change, so an edit costs about its own document; the set-wide lists (all links,
 * coverage) are put together only when something asks for them.
 */
export class IndexCache {
  readonly lookup = new SectionLookup();
  readonly terms = new TermCache();
  parts = new Map<DocumentFacts, DocPart>();
  policies: DocumentFacts[] = [];
  measuresSection = '';
  measures: Measure[] = [];
  measureAt = new Map<string, Measure>();
  /** Counts the times the measures changed; a part built with older measures is stale. */
  generation = 0;
}

interface DocPart {
  references: ResolvedReference[];
  explicit: Link[];
  implicit: Link[];
  waivers: Waiver[];
  /** The lookup keys its references read, and the tiers whose sections its suggestions weighed. */
  deps: string[];
  suggestTiers: Tier[];
  generation: number;
}

export function buildIndex(name: string, documents: DocumentFacts[], options: IndexOptions = DEFAULT_INDEX_OPTIONS, cache = new IndexCache()): TraceIndex {
  const change = cache.lookup.sync(documents);
  const policies = documents.filter((d) => d.tier === 'policy');
  if (!sameItems(policies, cache.policies) || options.measuresSection !== cache.measuresSection) {
    cache.policies = policies;
    cache.measuresSection = options.measuresSection;
    cache.measures = findMeasures(policies, options);
    cache.measureAt = new Map(cache.measures.map((m) => [nodeKey(m.node), m]));
    cache.generation++;
  }
  const { measures } = cache;
  let titles: MeasureTitles | undefined;
  const parts = new Map<DocumentFacts, DocPart>();
  for (const doc of documents) {
    if (!doc.tier) continue;
    const old = cache.parts.get(doc);
    parts.set(doc, old && fresh(old, cache.generation, change) ? old : buildPart(doc, cache, titles ??= measureTitles(measures)));
  }
  cache.parts = parts;
  const terms = buildTermIndex(documents, options.vocabulary, options.prh, cache.terms);
  return assemble(name, documents, measures, parts, terms);
}

function fresh(part: DocPart, generation: number, change: LookupChange): boolean {
  return part.generation === generation && !part.deps.some((k) => change.keys.has(k)) && !part.suggestTiers.some((t) => change.tiers.has(t));
}

function sameItems<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function buildPart(doc: DocumentFacts, cache: IndexCache, titles: MeasureTitles): DocPart {
  const part: DocPart = { references: [], explicit: [], implicit: [], waivers: [], deps: [], suggestTiers: [], generation: cache.generation };
  const isMeasure = (n: NodeRef): boolean => n.doc.tier === 'policy' && cache.measureAt.has(nodeKey(n));
  for (const ref of doc.references) {
    part.deps.push(dependencyKey(ref.by, ref.tier, ref.key));
    const targets = cache.lookup.resolve(ref.by, ref.tier, ref.key, isMeasure);
    let suggestions: ResolvedReference['suggestions'] = [];
    if (!targets.length) {
      suggestions = suggest(cache.lookup, ref);
      part.suggestTiers.push(ref.tier);
    }
    part.references.push({ doc, ref, targets, suggestions });
    if (ref.kind === 'waiver') {
      part.waivers.push({ doc, ref, measure: targets.map((t) => cache.measureAt.get(nodeKey(t))).find(Boolean) });
      continue;
    }
    // Only references to a higher tier are trace links; others are cross-references.
    if (TIER_ORDER[ref.tier] >= TIER_ORDER[doc.tier!]) continue;
    for (const to of targets) part.explicit.push({ from: { doc, section: ref.section }, to, via: 'explicit', ref });
  }
  if (doc.tier === 'standard') part.implicit = implicitLinks(doc, titles);
  return part;
}

/** The index as consumers see it; the set-wide lists are computed on first use. */
function assemble(name: string, documents: DocumentFacts[], measures: Measure[], parts: Map<DocumentFacts, DocPart>, terms: TermIndex): TraceIndex {
  const all = [...parts.values()];
  let links: Link[] | undefined;
  let references: ResolvedReference[] | undefined;
  let waivers: Waiver[] | undefined;
  let linksFrom: Map<string, Link[]> | undefined;
  let linksTo: Map<string, Link[]> | undefined;
  let coverage: Map<Measure, Coverage> | undefined;
  const index: TraceIndex = {
    name, documents, measures, terms,
    get references() { return references ??= all.flatMap((p) => p.references); },
    get links() { return links ??= [...all.flatMap((p) => p.explicit), ...all.flatMap((p) => p.implicit)]; },
    get waivers() { return waivers ??= all.flatMap((p) => p.waivers); },
    get linksFrom() { return linksFrom ??= groupBy(index.links, (l) => nodeKey(l.from)); },
    get linksTo() { return linksTo ??= groupBy(index.links, (l) => nodeKey(l.to)); },
    get coverage() {
      if (!coverage) {
        coverage = new Map();
        for (const m of measures) coverage.set(m, coverageOf(index, m));
      }
      return coverage;
    },
    referencesIn: (doc) => parts.get(doc)?.references ?? [],
    linksIn: (doc) => {
      const p = parts.get(doc);
      return p ? [...p.explicit, ...p.implicit] : [];
    },
  };
  return index;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = map.get(k);
    if (list) list.push(it); else map.set(k, [it]);
  }
  return map;
}

/** The numbered items of the measures section, and their numbered items one level down. */
function findMeasures(policies: DocumentFacts[], options: IndexOptions): Measure[] {
  const want = exactTitleKey(options.measuresSection);
  const out: Measure[] = [];
  for (const doc of policies) {
    const root = doc.sections.find((s) => exactTitleKey(s.title) === want);
    if (!root) continue;
    for (const s of doc.sections) {
      if (s.parent !== root.index || !s.id) continue;
      const m = toMeasure(doc, s);
      out.push(m);
      for (const c of doc.sections) {
        if (c.parent !== s.index || !c.id) continue;
        const sub = toMeasure(doc, c, m);
        m.children.push(sub);
        out.push(sub);
      }
    }
  }
  return out;
}

function toMeasure(doc: DocumentFacts, s: Section, parent?: Measure): Measure {
  return { node: { doc, section: s.index }, id: s.id!, title: s.title, summary: s.summary, parent, children: [] };
}

/** Closest IDs or titles of the tier a reference points to, when it resolves to nothing. */
function suggest(lookup: SectionLookup, ref: SectionReference): { text: string; node: NodeRef }[] {
  const scored: { text: string; node: NodeRef; d: number; near: number }[] = [];
  for (const doc of lookup.documentsOf(ref.tier)) {
    for (const s of doc.sections) {
      const text = ref.by === 'id' ? s.id : s.title;
      if (!text) continue;
      const key = ref.by === 'id' ? idKey(text) : looseTitleKey(text);
      const d = distance(ref.key, key);
      const limit = ref.by === 'id' ? Math.max(1, Math.floor(ref.key.length / 2)) : Math.max(2, Math.floor(ref.key.length / 3));
      if (d <= limit) scored.push({ text, node: { doc, section: s.index }, d, near: numericGap(ref.key, key) });
    }
  }
  // Among equally close IDs, the nearest number first: 6.9 most likely meant the last of 6.x.
  scored.sort((a, b) => a.d - b.d || a.near - b.near || a.text.localeCompare(b.text));
  const seen = new Set<string>();
  return scored.filter((s) => !seen.has(s.text) && seen.add(s.text)).slice(0, 3).map(({ text, node }) => ({ text, node }));
}

/** How far apart the last numbers of two IDs are (6.9 vs 6.4 → 5); 0 when either has none. */
function numericGap(a: string, b: string): number {
  const last = (s: string): number | undefined => {
    const m = s.match(/[0-9]+/g);
    return m ? Number(m[m.length - 1]) : undefined;
  };
  const x = last(a);
  const y = last(b);
  return x === undefined || y === undefined ? 0 : Math.abs(x - y);
}

/** Levenshtein distance over code points. */
export function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/**
 * A standards section whose title names a measure is linked to it, unless it already cites the
 * basic policy itself. Exact titles link silently; looser matches are reported as inferred.
 */
/** The top measures by exact and by loose title key, made once per build for every standards document. */
interface MeasureTitles { exact: Map<string, Measure>; loose: Map<string, Measure> }

function measureTitles(measures: Measure[]): MeasureTitles {
  const top = measures.filter((m) => !m.parent && m.title);
  return { exact: new Map(top.map((m) => [exactTitleKey(m.title), m])), loose: new Map(top.map((m) => [looseTitleKey(m.title), m])) };
}

function implicitLinks(doc: DocumentFacts, { exact, loose }: MeasureTitles): Link[] {
  const out: Link[] = [];
  // A waiver says a measure does not apply; it is no link, so it does not stop a title match.
  const citing = new Set(doc.references.filter((r) => r.tier === 'policy' && r.kind !== 'waiver').map((r) => r.section));
  for (const s of doc.sections) {
    if (!s.title || citing.has(s.index)) continue;
    const e = exact.get(exactTitleKey(s.title));
    const m = e ?? loose.get(looseTitleKey(s.title));
    if (m) out.push({ from: { doc, section: s.index }, to: m.node, via: e ? 'exact-title' : 'inferred' });
  }
  return out;
}

/** Links a node has, its own and those it inherits from enclosing sections and the document. */
export function effectiveLinks(index: TraceIndex, n: NodeRef): Link[] {
  const out: Link[] = [];
  for (const a of [n, ...ancestors(n)]) out.push(...(index.linksFrom.get(nodeKey(a)) ?? []));
  return out;
}

function coverageOf(index: TraceIndex, m: Measure): Coverage {
  const direct = (x: Measure): NodeRef[] =>
    (index.linksTo.get(nodeKey(x.node)) ?? []).filter((l) => l.from.doc.tier === 'standard').map((l) => l.from);
  const related = m.parent ? [m, m.parent] : [m, ...m.children];
  const standards = uniqueNodes(m.parent ? [...direct(m), ...direct(m.parent)] : related.flatMap(direct));

  // A procedure stands behind m when what it cites is m (or a related measure), or a standards
  // section inside, around or equal to one of m's standards sections. Sets of the standards nodes
  // and of their enclosing sections make each link's test a walk up its own ancestors only.
  const self = new Map<DocumentFacts, Set<number>>();
  const around = new Map<DocumentFacts, Set<number>>();
  for (const s of standards) {
    addTo(self, s.doc, s.section);
    for (let x = s.section; x >= 0; x = s.doc.sections[x].parent) addTo(around, s.doc, x);
    addTo(around, s.doc, -1);
  }
  const procedures: NodeRef[] = [];
  for (const link of index.links) {
    if (link.from.doc.tier !== 'procedure') continue;
    const to = link.to;
    const hit = to.doc.tier === 'policy'
      ? contains(m.node, to) || (m.parent !== undefined && nodeKey(to) === nodeKey(m.parent.node))
      : around.get(to.doc)?.has(to.section) || insideAny(self.get(to.doc), to);
    if (hit) procedures.push(link.from);
  }

  const waiver = index.waivers.find((w) => w.measure === m || (m.parent && w.measure === m.parent));
  const status: CoverageStatus = waiver ? 'waived'
    : standards.length === 0 ? 'missing-standard'
      : procedures.length === 0 ? 'missing-procedure' : 'covered';
  return { measure: m, standards, procedures: uniqueNodes(procedures), waiver, status };
}

function addTo(map: Map<DocumentFacts, Set<number>>, doc: DocumentFacts, section: number): void {
  const set = map.get(doc);
  if (set) set.add(section); else map.set(doc, new Set([section]));
}

/** True when `n` lies inside one of `sections` of its document (or the document is among them). */
function insideAny(sections: Set<number> | undefined, n: NodeRef): boolean {
  if (!sections) return false;
  if (sections.has(-1)) return true;
  for (let x = n.section; x >= 0; x = n.doc.sections[x].parent) if (sections.has(x)) return true;
  return false;
}

function uniqueNodes(nodes: NodeRef[]): NodeRef[] {
  const seen = new Set<string>();
  return nodes.filter((n) => !seen.has(nodeKey(n)) && seen.add(nodeKey(n)));
}
