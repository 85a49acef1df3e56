// Finds the sections of a policy set by ID or title, per tier. It is kept from one build of the
// index to the next: a changed document takes its keys out and puts its new ones in, and the keys
// that moved are reported, so that only the references that read them are resolved again.

import type { Tier } from '../types';
import type { DocumentFacts } from '../facts';
import type { NodeRef } from './traceIndex';
import { idKey } from '../parse/references';
import { looseTitleKey } from '../text/titles';

/** What a sync changed: lookup keys (as `dependencyKey` spells them) and tiers. */
export interface LookupChange { keys: Set<string>; tiers: Set<Tier> }

/** The key a reference reads: by ID or by title, in the tier it points to. */
export function dependencyKey(by: 'id' | 'title', tier: Tier, key: string): string {
  return `${by === 'id' ? 'i' : 't'}:${tier}:${key}`;
}

export class SectionLookup {
  private readonly nodes = new Map<string, NodeRef[]>();
  private readonly keysOf = new Map<DocumentFacts, string[]>();
  private readonly tierDocs = new Map<Tier, Set<DocumentFacts>>();
  /** Position in the set's path order: lists keep it, as a build from scratch has them. */
  private rank = new Map<DocumentFacts, number>();

  /** Brings the lookup to exactly the tiered documents among `documents` (in path order). */
  sync(documents: DocumentFacts[]): LookupChange {
    const change: LookupChange = { keys: new Set(), tiers: new Set() };
    this.rank = new Map(documents.map((d, i) => [d, i]));
    const now = new Set(documents.filter((d) => d.tier));
    for (const doc of [...this.keysOf.keys()]) if (!now.has(doc)) this.remove(doc, change);
    for (const doc of now) if (!this.keysOf.has(doc)) this.add(doc, change);
    return change;
  }

  /** The sections a reference names; a title shared by a measure and another section means the measure. */
  resolve(by: 'id' | 'title', tier: Tier, key: string, isMeasure: (n: NodeRef) => boolean): NodeRef[] {
    const found = this.nodes.get(dependencyKey(by, tier, key));
    if (!found) return [];
    const measuresOnly = found.filter(isMeasure);
    return measuresOnly.length ? measuresOnly : [...found];
  }

  /** The documents of a tier in path order (for suggestions, which must not depend on history). */
  documentsOf(tier: Tier): DocumentFacts[] {
    return [...this.tierDocs.get(tier) ?? []].sort(byPath);
  }

  private add(doc: DocumentFacts, change: LookupChange): void {
    const tier = doc.tier!;
    const keys: string[] = [];
    for (const s of doc.sections) {
      const node = { doc, section: s.index };
      for (const id of s.id ? [s.id, ...s.aliases] : []) keys.push(this.insert(dependencyKey('id', tier, idKey(id)), node));
      if (s.title) keys.push(this.insert(dependencyKey('title', tier, looseTitleKey(s.title)), node));
    }
    this.keysOf.set(doc, keys);
    let docs = this.tierDocs.get(tier);
    if (!docs) this.tierDocs.set(tier, docs = new Set());
    docs.add(doc);
    for (const k of keys) change.keys.add(k);
    change.tiers.add(tier);
  }

  private remove(doc: DocumentFacts, change: LookupChange): void {
    for (const key of new Set(this.keysOf.get(doc))) {
      const rest = this.nodes.get(key)!.filter((n) => n.doc !== doc);
      if (rest.length) this.nodes.set(key, rest); else this.nodes.delete(key);
      change.keys.add(key);
    }
    this.keysOf.delete(doc);
    this.tierDocs.get(doc.tier!)?.delete(doc);
    change.tiers.add(doc.tier!);
  }

  /** Keeps each list in document order, then section order; a node equal to others goes last. */
  private insert(key: string, node: NodeRef): string {
    const list = this.nodes.get(key);
    if (!list) {
      this.nodes.set(key, [node]);
      return key;
    }
    const r = this.rank.get(node.doc)!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = list[mid];
      const mr = this.rank.get(m.doc)!;
      if (mr < r || (mr === r && m.section <= node.section)) lo = mid + 1; else hi = mid;
    }
    list.splice(lo, 0, node);
    return key;
  }
}

function byPath(a: DocumentFacts, b: DocumentFacts): number {
  return a.path.localeCompare(b.path);
}
