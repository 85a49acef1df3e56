// All documents of one policy set → one immutable trace index: measures, resolved references,
// links between tiers and the coverage of each measure. Cheap to rebuild from cached facts.

import type { Tier } from '../types';
import type { DocumentFacts, SectionReference } from '../facts';
import { chaptersByFirstArticle, type Section } from '../parse/structure';
import { idKey } from '../parse/references';
import { exactTitleKey, looseTitleKey, synonymTitleKey } from '../text/titles';
import { hasTier, tierAt, tierOf } from '../parse/parts';
import { buildTermIndex, TermCache, type TermIndex } from '../terms/termIndex';
import { sameItems } from '../sameItems';
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
  suggestions: readonly { text: string; node: NodeRef }[];
}

/** The suggestions of a resolved reference: one array for all (some 23,000 in a 10 MB set). */
const NO_SUGGESTIONS: ResolvedReference['suggestions'] = Object.freeze([]);

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
  /**
   * Every link of the set, in the order of `links`, without gathering them into one array: each
   * keystroke makes a new index, and a rule that reads the links once need not make that array.
   */
  forEachLink(visit: (link: Link) => void): void;
  /**
   * What a check keeps from one build of this set to the next (its last answer, and what it was
   * made of), by the check's name: the same map for every build of the set, so a keystroke finds
   * what the last one left, and it goes when the set goes.
   */
  memos: Map<string, unknown>;
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
  enclosing(n, (section) => { if (section !== n.section) out.push({ doc: n.doc, section }); });
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
  /** The last index and what it was built from: a set none of whose documents changed keeps it. */
  last?: { index: TraceIndex; name: string; documents: DocumentFacts[]; options: IndexOptions };
  /** Every index of the set has this map as its `memos`. */
  readonly memos = new Map<string, unknown>();
  /** The measures' titles of this generation, and what each section title names among them. */
  titles?: MeasureTitles & { generation: number };
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
  const { last } = cache;
  if (last && last.name === name && sameItems(last.documents, documents) && sameOptions(last.options, options)) return last.index;
  const index = build(name, documents, options, cache);
  cache.last = { index, name, documents, options };
  return index;
}

function sameOptions(a: IndexOptions, b: IndexOptions): boolean {
  return a.measuresSection === b.measuresSection && sameItems(a.vocabulary, b.vocabulary) && sameItems(a.prh, b.prh);
}

function build(name: string, documents: DocumentFacts[], options: IndexOptions, cache: IndexCache): TraceIndex {
  const change = cache.lookup.sync(documents);
  const policies = documents.filter((d) => hasTier(d, 'policy'));
  if (!sameItems(policies, cache.policies) || options.measuresSection !== cache.measuresSection) {
    cache.policies = policies;
    cache.measuresSection = options.measuresSection;
    cache.measures = findMeasures(policies, options);
    cache.measureAt = new Map(cache.measures.map((m) => [nodeKey(m.node), m]));
    cache.generation++;
  }
  const { measures } = cache;
  if (cache.titles?.generation !== cache.generation) cache.titles = undefined;
  const parts = new Map<DocumentFacts, DocPart>();
  for (const doc of documents) {
    if (!doc.tier) continue;
    const old = cache.parts.get(doc);
    parts.set(doc, old && fresh(old, cache.generation, change) ? old : buildPart(doc, cache, cache.titles ??= { ...measureTitles(measures), generation: cache.generation }));
  }
  cache.parts = parts;
  const terms = buildTermIndex(documents, options.vocabulary, options.prh, cache.terms);
  return assemble(name, documents, measures, parts, terms, cache.memos);
}

function fresh(part: DocPart, generation: number, change: LookupChange): boolean {
  return part.generation === generation && !part.deps.some((k) => change.keys.has(k)) && !part.suggestTiers.some((t) => change.tiers.has(t));
}

function buildPart(doc: DocumentFacts, cache: IndexCache, titles: MeasureTitles): DocPart {
  const part: DocPart = { references: [], explicit: [], implicit: [], waivers: [], deps: [], suggestTiers: [], generation: cache.generation };
  const isMeasure = (n: NodeRef): boolean => tierOf(n) === 'policy' && cache.measureAt.has(nodeKey(n));
  for (const ref of doc.references) {
    part.deps.push(dependencyKey(ref.by, ref.tier, ref.key));
    let targets = cache.lookup.resolve(ref.by, ref.tier, ref.key, isMeasure);
    // An article cited without a name is one of this file's.
    if (ref.within) targets = targets.filter((t) => t.doc === doc);
    for (const o of ref.otherwise ?? []) {
      if (targets.length) break;
      part.deps.push(dependencyKey(ref.by, o.tier, o.key));
      targets = cache.lookup.resolve(ref.by, o.tier, o.key, isMeasure);
    }
    let suggestions = NO_SUGGESTIONS;
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
    const own = TIER_ORDER[tierAt(doc, ref.section)!];
    for (const to of targets) {
      if (TIER_ORDER[tierOf(to)!] < own) part.explicit.push({ from: { doc, section: ref.section }, to, via: 'explicit', ref });
    }
  }
  part.explicit.push(...chapterBasis(doc, part.explicit));
  if (hasTier(doc, 'standard')) part.implicit = implicitLinks(doc, titles, part.explicit);
  return part;
}

/**
 * Article-style standards state the basis of a whole chapter in its first article (（趣旨）第8条
 * この章は、基本方針第6条第3号に基づき…): the chapter links where its first article does, so that
 * the articles after it are not orphans and procedures citing them stand behind the measure.
 */
function chapterBasis(doc: DocumentFacts, explicit: Link[]): Link[] {
  if (!explicit.length) return [];
  const linked = new Set(explicit.map((l) => l.from.section));
  const chapters = chaptersByFirstArticle(doc.sections);
  const out: Link[] = [];
  for (const link of explicit) {
    const chapter = chapters.get(link.from.section);
    if (chapter !== undefined && !linked.has(chapter)) out.push({ ...link, from: { doc, section: chapter } });
  }
  return out;
}

/** The index as consumers see it; the set-wide lists are computed on first use. */
function assemble(name: string, documents: DocumentFacts[], measures: Measure[], parts: Map<DocumentFacts, DocPart>, terms: TermIndex, memos: Map<string, unknown>): TraceIndex {
  const all = [...parts.values()];
  let links: Link[] | undefined;
  let references: ResolvedReference[] | undefined;
  let waivers: Waiver[] | undefined;
  let linksFrom: Map<string, Link[]> | undefined;
  let linksTo: Map<string, Link[]> | undefined;
  let coverage: Map<Measure, Coverage> | undefined;
  const index: TraceIndex = {
    name, documents, measures, terms, memos,
    get references() { return references ??= all.flatMap((p) => p.references); },
    get links() { return links ??= [...all.flatMap((p) => p.explicit), ...all.flatMap((p) => p.implicit)]; },
    get waivers() { return waivers ??= all.flatMap((p) => p.waivers); },
    get linksFrom() { return linksFrom ??= groupBy(index.links, (l) => nodeKey(l.from)); },
    get linksTo() { return linksTo ??= groupBy(index.links, (l) => nodeKey(l.to)); },
    get coverage() { return coverage ??= coverageOfAll(index); },
    referencesIn: (doc) => parts.get(doc)?.references ?? [],
    linksIn: (doc) => {
      const p = parts.get(doc);
      return p ? [...p.explicit, ...p.implicit] : [];
    },
    forEachLink: (visit) => {
      if (links) for (const l of links) visit(l);
      else {
        for (const p of all) for (const l of p.explicit) visit(l);
        for (const p of all) for (const l of p.implicit) visit(l);
      }
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
  const out: Measure[] = [];
  for (const doc of policies) {
    const root = measuresSection(doc, options.measuresSection);
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

/**
 * The section of the basic policy that lists the measures: titled so, in the policy's part of the
 * file, and holding numbered items (the most, if several are titled so). A definition item, a 目次
 * line or a sentence that names 情報セキュリティ対策 holds no items, so it is never chosen.
 */
export function measuresSection(doc: DocumentFacts, title: string): Section | undefined {
  const want = exactTitleKey(title);
  let best: Section | undefined;
  let most = 0;
  for (const s of doc.sections) {
    if (exactTitleKey(s.title) !== want || tierAt(doc, s.index) !== 'policy') continue;
    let items = 0;
    for (const c of doc.sections) if (c.parent === s.index && c.id) items++;
    if (items > most) {
      best = s;
      most = items;
    }
  }
  return best;
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

/** The top measures by exact, loose and synonym title key, made once while the measures stay (IndexCache.titles). */
interface MeasureTitles {
  exact: Map<string, Measure>;
  loose: Map<string, Measure>;
  synonym: Map<string, Measure>;
  /**
   * What a section title names (implicitLinks), by title: a keystroke rebuilds the part of its
   * document, whose hundreds of titles mostly stay as they were, and each took three title keys.
   */
  named: Map<string, { measure: Measure; exact: boolean }[]>;
}

function measureTitles(measures: Measure[]): MeasureTitles {
  const top = measures.filter((m) => !m.parent && m.title);
  const synonym = new Map<string, Measure>();
  // Two measures that one word could stand for: that word names neither.
  const shared = new Set<string>();
  for (const m of top) {
    const key = synonymTitleKey(m.title);
    if (synonym.has(key)) shared.add(key); else synonym.set(key, m);
  }
  for (const key of shared) synonym.delete(key);
  return {
    exact: new Map(top.map((m) => [exactTitleKey(m.title), m])),
    loose: new Map(top.map((m) => [looseTitleKey(m.title), m])),
    synonym,
    named: new Map(),
  };
}

/** The measure a title names: exactly, loosely, by a synonym (管理体制 = 組織体制). */
function measureNamed(title: string, titles: MeasureTitles): { measure: Measure; exact: boolean } | undefined {
  const e = titles.exact.get(exactTitleKey(title));
  if (e) return { measure: e, exact: true };
  const m = titles.loose.get(looseTitleKey(title)) ?? titles.synonym.get(synonymTitleKey(title));
  return m && { measure: m, exact: false };
}

const JOINED = /及び|および|並びに|ならびに|[・、]/u;

const NAMED_LIMIT = 100_000;

/**
 * The measures a chapter covering several names: 物理的及び人的セキュリティ対策 is 物理的セキュリティ and
 * 人的セキュリティ, 技術的及び運用面のセキュリティ対策 is 技術的セキュリティ and 運用. The words before the
 * last are completed by an ending of the last (セキュリティ対策); each must name a distinct measure.
 */
function measuresJoined(title: string, titles: MeasureTitles): Measure[] {
  const pieces = exactTitleKey(title).split(JOINED).filter(Boolean);
  if (pieces.length < 2) return [];
  const last = pieces[pieces.length - 1];
  const lastMeasure = measureNamed(last, titles)?.measure;
  if (!lastMeasure) return [];
  for (let cut = 1; cut < last.length; cut++) {
    const ending = last.slice(cut);
    const found = pieces.slice(0, -1).map((p) => measureNamed(p + ending, titles)?.measure);
    if (found.every(Boolean)) {
      const all = [...found as Measure[], lastMeasure];
      if (new Set(all).size === all.length) return all;
    }
  }
  return [];
}

/**
 * A standards section whose title names a measure is linked to it, unless it (or the chapter it
 * opens) already cites the basic policy, or a section around it names the same measure. Exact
 * titles link silently; looser matches are reported as inferred.
 */
function implicitLinks(doc: DocumentFacts, titles: MeasureTitles, explicit: Link[]): Link[] {
  const out: Link[] = [];
  // A waiver says a measure does not apply; it is no link, so it does not stop a title match.
  const citing = new Set(doc.references.filter((r) => r.tier === 'policy' && r.kind !== 'waiver').map((r) => r.section));
  // What each section links to (nodeKey of the targets), explicitly or by a title link made here.
  const linkedTo = new Map<number, Set<string>>();
  const note = (section: number, key: string): void => {
    const set = linkedTo.get(section);
    if (set) set.add(key); else linkedTo.set(section, new Set([key]));
  };
  for (const l of explicit) {
    citing.add(l.from.section);
    note(l.from.section, nodeKey(l.to));
  }
  /** Whether a section around this one already stands for the measure. */
  const around = (s: Section, key: string): boolean => {
    for (let p = s.parent; p >= 0; p = doc.sections[p].parent) if (linkedTo.get(p)?.has(key)) return true;
    return false;
  };
  for (const s of doc.sections) {
    if (!s.title || citing.has(s.index) || tierAt(doc, s.index) !== 'standard') continue;
    let found = titles.named.get(s.title);
    if (!found) {
      const one = measureNamed(s.title, titles);
      found = one ? [one] : measuresJoined(s.title, titles).map((measure) => ({ measure, exact: false }));
      // Titles typed one character after another each leave an entry: past a bound, start again.
      if (titles.named.size >= NAMED_LIMIT) titles.named.clear();
      titles.named.set(s.title, found);
    }
    for (const { measure, exact } of found) {
      const key = nodeKey(measure.node);
      if (around(s, key)) continue;
      note(s.index, key);
      out.push({ from: { doc, section: s.index }, to: measure.node, via: exact ? 'exact-title' : 'inferred' });
    }
  }
  return out;
}

/** Links a node has, its own and those it inherits from enclosing sections and the document. */
export function effectiveLinks(index: TraceIndex, n: NodeRef): Link[] {
  const out: Link[] = [];
  for (const a of [n, ...ancestors(n)]) out.push(...(index.linksFrom.get(nodeKey(a)) ?? []));
  return out;
}

/**
 * Every measure's coverage in one pass over the links. A procedure stands behind a measure when
 * what it cites is the measure (or a related one), or a standards section inside, around or equal
 * to one of the measure's standards sections. Tables from sections to the measures they stand for
 * make each link's test a walk up its own ancestors, whatever the number of measures.
 */
/**
 * The standards sections that implement each of `measures`, as the coverage lists them (a measure's
 * own links, then its items'; an item's, then its parent's), without the rest of the coverage: a
 * rule that needs only these need not pay for the procedures of the whole set on a keystroke.
 */
export function standardsOf(index: TraceIndex, measures: readonly Measure[]): Map<Measure, NodeRef[]> {
  return new Map([...standardsLinks(index, measures)].map(([m, lists]) => [m, standardNodes(lists)]));
}

/**
 * The links standardsOf reads for each of `measures`: one list per related measure (the measure,
 * then its items; an item, then its parent), each in the order of `links`. A rule that keeps them
 * can follow one document's edit with `relinked` instead of walking the set's links again.
 */
export function standardsLinks(index: TraceIndex, measures: readonly Measure[]): Map<Measure, Link[][]> {
  const related = new Map(measures.map((m) => [m, relatedMeasures(m)]));
  // By document, then section: no key string is made per link of the set.
  const wanted = new Map<DocumentFacts, Map<number, Link[]>>();
  for (const list of related.values()) {
    for (const x of list) {
      let inDoc = wanted.get(x.node.doc);
      if (!inDoc) wanted.set(x.node.doc, inDoc = new Map());
      inDoc.set(x.node.section, []);
    }
  }
  index.forEachLink((l) => {
    const found = wanted.get(l.to.doc)?.get(l.to.section);
    if (found && tierOf(l.from) === 'standard') found.push(l);
  });
  return new Map([...related].map(([m, list]) => [m, list.map((x) => wanted.get(x.node.doc)!.get(x.node.section)!)]));
}

/** The measures whose standards stand behind `m` too: itself, then its items; an item, then its parent. */
export function relatedMeasures(m: Measure): Measure[] {
  return m.parent ? [m, m.parent] : [m, ...m.children];
}

/** The standards sections of standardsLinks' lists, each once, in their order. */
export function standardNodes(lists: readonly Link[][]): NodeRef[] {
  return uniqueNodes(lists.flatMap((list) => list.map((l) => l.from)));
}

/**
 * One of standardsLinks' lists after an edit of `doc` that changed nothing else in the set: the
 * links of its last version go, and those of `docLinks` (its links now, in its own order) to
 * `target`, the list's measure, come in where `links` has them: the written links of every
 * document in the set's order, then the found ones. `position` gives each document's place.
 */
export function relinked(list: readonly Link[], doc: DocumentFacts, docLinks: readonly Link[], target: NodeRef, position: ReadonlyMap<DocumentFacts, number>): Link[] {
  const now = docLinks.filter((l) => l.to.doc === target.doc && l.to.section === target.section && tierOf(l.from) === 'standard');
  const rank = (l: Link): number => (l.via === 'explicit' ? 0 : position.size) + position.get(l.from.doc)!;
  // Sorting is stable: each document's links keep their own order.
  return [...list.filter((l) => l.from.doc.uri !== doc.uri), ...now].sort((a, b) => rank(a) - rank(b));
}

function coverageOfAll(index: TraceIndex): Map<Measure, Coverage> {
  const standardsOfMeasure = standardsOf(index, index.measures);
  /** Policy sections → the measures a citation of them (or of a section inside) stands for. */
  const cited = new SectionTable();
  /** Standards sections of each measure, and the sections around them (and the whole document). */
  const self = new SectionTable();
  const around = new SectionTable();
  for (const m of index.measures) {
    const standards = standardsOfMeasure.get(m)!;
    cited.add(m.node, m);
    for (const s of standards) {
      self.add(s, m);
      enclosing(s, (x) => around.add({ doc: s.doc, section: x }, m));
    }
  }
  // A citation of the parent measure itself counts for each of its items.
  const parentCited = new SectionTable();
  for (const m of index.measures) if (m.parent) parentCited.add(m.parent.node, m);

  const procedures = new Map<Measure, NodeRef[]>(index.measures.map((m) => [m, []]));
  const hits = new Set<Measure>();
  for (const link of index.links) {
    if (tierOf(link.from) !== 'procedure') continue;
    const to = link.to;
    hits.clear();
    if (tierOf(to) === 'policy') {
      enclosing(to, (x) => cited.each(to.doc, x, hits));
      parentCited.each(to.doc, to.section, hits);
    } else {
      around.each(to.doc, to.section, hits);
      enclosing(to, (x) => self.each(to.doc, x, hits));
    }
    for (const m of hits) procedures.get(m)!.push(link.from);
  }

  const out = new Map<Measure, Coverage>();
  for (const m of index.measures) {
    const standards = standardsOfMeasure.get(m)!;
    const procs = procedures.get(m)!;
    const waiver = index.waivers.find((w) => w.measure === m || (m.parent && w.measure === m.parent));
    const status: CoverageStatus = waiver ? 'waived'
      : standards.length === 0 ? 'missing-standard'
        : procs.length === 0 ? 'missing-procedure' : 'covered';
    out.set(m, { measure: m, standards, procedures: uniqueNodes(procs), waiver, status });
  }
  return out;
}

/** The node's section, the sections around it, then the whole document (-1). */
function enclosing(n: NodeRef, f: (section: number) => void): void {
  f(n.section);
  if (n.section < 0) return;
  for (let x = n.doc.sections[n.section].parent; x >= 0; x = n.doc.sections[x].parent) f(x);
  f(-1);
}

/** Measures by document section. */
class SectionTable {
  private readonly map = new Map<DocumentFacts, Map<number, Set<Measure>>>();

  add(n: NodeRef, m: Measure): void {
    let byDoc = this.map.get(n.doc);
    if (!byDoc) this.map.set(n.doc, byDoc = new Map());
    const set = byDoc.get(n.section);
    if (set) set.add(m); else byDoc.set(n.section, new Set([m]));
  }

  each(doc: DocumentFacts, section: number, into: Set<Measure>): void {
    const set = this.map.get(doc)?.get(section);
    if (set) for (const m of set) into.add(m);
  }
}

/** Each node once (as nodeKey tells them apart), without a key string made per node. */
function uniqueNodes(nodes: NodeRef[]): NodeRef[] {
  const seen = new Map<string, Set<number>>();
  return nodes.filter((n) => {
    let sections = seen.get(n.doc.uri);
    if (!sections) seen.set(n.doc.uri, sections = new Set());
    if (sections.has(n.section)) return false;
    sections.add(n.section);
    return true;
  });
}
