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
  private readonly keysOf = new Map<DocumentFacts, Entries>();
  private readonly tierDocs = new Map<Tier, Set<DocumentFacts>>();
  /** Position in the set's path order: lists keep it, as a build from scratch has them. */
  private rank = new Map<DocumentFacts, number>();

  /** Brings the lookup to exactly the tiered documents among `documents` (in path order). */
  sync(documents: DocumentFacts[]): LookupChange {
    const change: LookupChange = { keys: new Set(), tiers: new Set() };
    this.rank = new Map(documents.map((d, i) => [d, i]));
    const now = new Set(documents.filter((d) => d.tier));
    const gone = new Map([...this.keysOf.keys()].filter((d) => !now.has(d)).map((d) => [d.uri, d]));
    const added: [DocumentFacts, Entries][] = [];
    const swaps: [DocumentFacts, DocumentFacts, Entries][] = [];
    for (const doc of now) {
      if (this.keysOf.has(doc)) continue;
      const old = gone.get(doc.uri);
      // A new version of a document whose sections keep their IDs and titles where they were
      // (typing in running text): its nodes change documents in place, no key moves.
      if (old && old.tier === doc.tier && sameNames(old, doc)) {
        gone.delete(doc.uri);
        swaps.push([old, doc, this.keysOf.get(old)!]);
      } else {
        added.push([doc, entriesOf(doc)]);
      }
    }
    for (const doc of gone.values()) this.remove(doc, change);
    for (const [old, doc, entries] of swaps) this.swap(old, doc, entries, change);
    for (const [doc, entries] of added) this.add(doc, entries, change);
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

  private add(doc: DocumentFacts, entries: Entries, change: LookupChange): void {
    const tier = doc.tier!;
    entries.keys.forEach((key, i) => {
      const node = { doc, section: entries.sections[i] };
      entries.nodes.push(node);
      this.insert(key, node);
    });
    this.keysOf.set(doc, entries);
    let docs = this.tierDocs.get(tier);
    if (!docs) this.tierDocs.set(tier, docs = new Set());
    docs.add(doc);
    for (const k of entries.keys) change.keys.add(k);
    change.tiers.add(tier);
  }

  /**
   * The nodes are shared with the references resolved to them, so they follow to the new version.
   * The tier still counts as changed: suggestions made of its sections are made again.
   */
  private swap(old: DocumentFacts, doc: DocumentFacts, entries: Entries, change: LookupChange): void {
    // A document's own nodes, not every node under its keys: many documents share a title.
    for (const n of entries.nodes) n.doc = doc;
    this.keysOf.delete(old);
    this.keysOf.set(doc, entries);
    const docs = this.tierDocs.get(doc.tier!)!;
    docs.delete(old);
    docs.add(doc);
    change.tiers.add(doc.tier!);
  }

  private remove(doc: DocumentFacts, change: LookupChange): void {
    for (const key of new Set(this.keysOf.get(doc)!.keys)) {
      const rest = this.nodes.get(key)!.filter((n) => n.doc !== doc);
      if (rest.length) this.nodes.set(key, rest); else this.nodes.delete(key);
      change.keys.add(key);
    }
    this.keysOf.delete(doc);
    this.tierDocs.get(doc.tier!)?.delete(doc);
    change.tiers.add(doc.tier!);
  }

  /** Keeps each list in document order, then section order; a node equal to others goes last. */
  private insert(key: string, node: NodeRef): void {
    const list = this.nodes.get(key);
    if (!list) {
      this.nodes.set(key, [node]);
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

/** A document's lookup keys, each with the section it names, in section order, and its nodes once added. */
interface Entries { keys: string[]; sections: number[]; nodes: NodeRef[] }

function entriesOf(doc: DocumentFacts): Entries {
  const tier = doc.tier!;
  const out: Entries = { keys: [], sections: [], nodes: [] };
  const push = (key: string, section: number): void => { out.keys.push(key); out.sections.push(section); };
  for (const s of doc.sections) {
    for (const id of s.id ? [s.id, ...s.aliases] : []) push(dependencyKey('id', tier, idKey(id)), s.index);
    if (s.title) push(dependencyKey('title', tier, looseTitleKey(s.title)), s.index);
  }
  return out;
}

/** Whether two versions of a document have the same lookup keys: the same IDs and titles, in order. */
function sameNames(a: DocumentFacts, b: DocumentFacts): boolean {
  if (a.sections.length !== b.sections.length) return false;
  return a.sections.every((s, i) => {
    const t = b.sections[i];
    return s.id === t.id && s.title === t.title && s.aliases.length === t.aliases.length && s.aliases.every((x, k) => x === t.aliases[k]);
  });
}

function byPath(a: DocumentFacts, b: DocumentFacts): number {
  return a.path.localeCompare(b.path);
}
