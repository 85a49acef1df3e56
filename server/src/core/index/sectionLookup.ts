// Finds the sections of a policy set by ID or title, per tier. It is kept from one build of the
// index to the next: a changed document takes its keys out and puts its new ones in, and the keys
// that moved are reported, so that only the references that read them are resolved again.

import { TIERS, type Tier } from '../types';
import type { DocumentFacts } from '../facts';
import type { NodeRef } from './traceIndex';
import { idKey } from '../parse/references';
import { looseTitleKey } from '../text/titles';
import { sameItems } from '../sameItems';
import { intern } from '../text/intern';
import { tierAt } from '../parse/parts';

/**
 * What a sync changed: lookup keys (as `dependencyKey` spells them) and tiers. A sync into an
 * empty lookup names no keys: nothing resolved before it can be stale.
 */
export interface LookupChange { keys: Set<string>; tiers: Set<Tier> }

/** The key a reference reads: by ID or by title, in the tier it points to. */
export function dependencyKey(by: 'id' | 'title', tier: Tier, key: string): string {
  return intern(DEPENDENCY_PREFIXES[by][tier] + key);
}

// Made once, and the keys interned: spelt out per reference, each of a set's 23,000 references kept
// a string or two of its own (a set reads some 3,000 keys).
const DEPENDENCY_PREFIXES = {
  id: prefixes('i'),
  title: prefixes('t'),
};

function prefixes(by: string): Record<Tier, string> {
  return Object.fromEntries(TIERS.map((tier) => [tier, `${by}:${tier}:`])) as Record<Tier, string>;
}

export class SectionLookup {
  /** Nodes by key, one table per kind of key and tier (plain keys: a 10 MB set has 170,000 of them). */
  private readonly tables = new Map<string, Map<string, NodeRef[]>>();
  /** The nodes each document added, so that a new version can take them over. */
  private readonly nodesOf = new Map<DocumentFacts, NodeRef[]>();
  private readonly tierDocs = new Map<Tier, Set<DocumentFacts>>();
  /** Position in the set's path order: lists keep it, as a build from scratch has them. */
  private rank = new Map<DocumentFacts, number>();

  /** Brings the lookup to exactly the tiered documents among `documents` (in path order). */
  sync(documents: DocumentFacts[]): LookupChange {
    const change: LookupChange = { keys: new Set(), tiers: new Set() };
    const first = this.nodesOf.size === 0;
    this.rank = new Map(documents.map((d, i) => [d, i]));
    const now = new Set(documents.filter((d) => d.tier));
    const gone = new Map([...this.nodesOf.keys()].filter((d) => !now.has(d)).map((d) => [d.uri, d]));
    const added: DocumentFacts[] = [];
    const swaps: [DocumentFacts, DocumentFacts][] = [];
    for (const doc of now) {
      if (this.nodesOf.has(doc)) continue;
      const old = gone.get(doc.uri);
      // A new version of a document whose sections keep their IDs and titles where they were
      // (typing in running text): its nodes change documents in place, no key moves.
      if (old && old.tier === doc.tier && sameParts(old, doc) && sameNames(old, doc)) {
        gone.delete(doc.uri);
        swaps.push([old, doc]);
      } else {
        added.push(doc);
      }
    }
    for (const doc of gone.values()) this.remove(doc, change);
    for (const [old, doc] of swaps) this.swap(old, doc, change);
    for (const doc of added) this.add(doc, change, !first);
    return change;
  }

  /** The sections a reference names; a title shared by a measure and another section means the measure. */
  resolve(by: 'id' | 'title', tier: Tier, key: string, isMeasure: (n: NodeRef) => boolean): NodeRef[] {
    const found = this.tables.get(tableName(by, tier))?.get(key);
    if (!found) return [];
    // An array of its exact length: each reference of a set keeps one (filter's grows as it fills).
    let measures = 0;
    for (const n of found) if (isMeasure(n)) measures++;
    return measures && measures < found.length ? found.filter(isMeasure) : found.slice();
  }

  /** The documents of a tier in path order (for suggestions, which must not depend on history). */
  documentsOf(tier: Tier): DocumentFacts[] {
    return [...this.tierDocs.get(tier) ?? []].sort(byPath);
  }

  private table(by: 'id' | 'title', tier: Tier): Map<string, NodeRef[]> {
    const name = tableName(by, tier);
    let table = this.tables.get(name);
    if (!table) this.tables.set(name, table = new Map());
    return table;
  }

  /** `recordKeys` false: the first sync, which nothing resolved before can depend on. */
  private add(doc: DocumentFacts, change: LookupChange, recordKeys: boolean): void {
    // One node per section, under each of its keys, in the tier of the part it lies in.
    const nodes: NodeRef[] = [];
    forEachKey(doc, (by, key, section, tier) => {
      let node = nodes[nodes.length - 1];
      if (node?.section !== section) nodes.push(node = { doc, section });
      this.insert(this.table(by, tier), key, node);
      if (recordKeys) change.keys.add(dependencyKey(by, tier, key));
    });
    this.nodesOf.set(doc, nodes);
    for (const tier of tiersIn(doc)) {
      let docs = this.tierDocs.get(tier);
      if (!docs) this.tierDocs.set(tier, docs = new Set());
      docs.add(doc);
      change.tiers.add(tier);
    }
  }

  /**
   * The nodes are shared with the references resolved to them, so they follow to the new version.
   * The tier still counts as changed: suggestions made of its sections are made again.
   */
  private swap(old: DocumentFacts, doc: DocumentFacts, change: LookupChange): void {
    // A document's own nodes, not every node under its keys: many documents share a title.
    const nodes = this.nodesOf.get(old)!;
    for (const n of nodes) n.doc = doc;
    this.nodesOf.delete(old);
    this.nodesOf.set(doc, nodes);
    for (const tier of tiersIn(doc)) {
      const docs = this.tierDocs.get(tier)!;
      docs.delete(old);
      docs.add(doc);
      change.tiers.add(tier);
    }
  }

  private remove(doc: DocumentFacts, change: LookupChange): void {
    // The keys are read again from the facts, which have not changed since the document was added.
    forEachKey(doc, (by, key, _section, tier) => {
      const table = this.table(by, tier);
      const list = table.get(key);
      if (!list) return;
      const rest = list.filter((n) => n.doc !== doc);
      if (rest.length) table.set(key, rest); else table.delete(key);
      change.keys.add(dependencyKey(by, tier, key));
    });
    this.nodesOf.delete(doc);
    for (const tier of tiersIn(doc)) {
      this.tierDocs.get(tier)?.delete(doc);
      change.tiers.add(tier);
    }
  }

  /** Keeps each list in document order, then section order; a node equal to others goes last. */
  private insert(table: Map<string, NodeRef[]>, key: string, node: NodeRef): void {
    const list = table.get(key);
    if (!list) {
      table.set(key, [node]);
      return;
    }
    const r = this.rank.get(node.doc)!;
    // A build from scratch adds documents in order: the node nearly always goes last.
    const last = list[list.length - 1];
    const lr = this.rank.get(last.doc)!;
    if (lr < r || (lr === r && last.section <= node.section)) {
      list.push(node);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = list[mid];
      const mr = this.rank.get(m.doc)!;
      if (mr < r || (mr === r && m.section <= node.section)) lo = mid + 1; else hi = mid;
    }
    list.splice(lo, 0, node);
  }
}

function tableName(by: 'id' | 'title', tier: Tier): string {
  return `${by}:${tier}`;
}

/** A document's lookup keys in section order: its IDs, aliases and title, with the section's tier. */
function forEachKey(doc: DocumentFacts, f: (by: 'id' | 'title', key: string, section: number, tier: Tier) => void): void {
  for (const s of doc.sections) {
    const tier = tierAt(doc, s.index)!;
    if (s.id) {
      f('id', idKey(s.id), s.index, tier);
      for (const a of s.aliases) f('id', idKey(a), s.index, tier);
    }
    if (s.title) f('title', looseTitleKey(s.title), s.index, tier);
  }
}

/** Every tier a document's sections are in: its own and its parts'. */
function tiersIn(doc: DocumentFacts): Tier[] {
  return [...new Set([doc.tier!, ...doc.parts.map((p) => p.tier)])];
}

function sameParts(a: DocumentFacts, b: DocumentFacts): boolean {
  return a.parts.length === b.parts.length && a.parts.every((p, i) => p.section === b.parts[i].section && p.tier === b.parts[i].tier);
}

/** Whether two versions of a document have the same lookup keys: the same IDs and titles, in order. */
function sameNames(a: DocumentFacts, b: DocumentFacts): boolean {
  if (a.sections.length !== b.sections.length) return false;
  return a.sections.every((s, i) => {
    const t = b.sections[i];
    return s.id === t.id && s.title === t.title && sameItems(s.aliases, t.aliases);
  });
}

function byPath(a: DocumentFacts, b: DocumentFacts): number {
  return a.path.localeCompare(b.path);
}
