// The terms of one policy set: its glossary, and every use of its terms in every document.

import type { DocumentFacts } from '../facts';
import { buildGlossary, type Glossary } from './glossary';
import { buildMatcher, findUses, ScanMemory, TermUses, type TermMatcher } from './uses';
import { findPrhUses, type PrhRule, type PrhUse } from './prh';
import { sameItems } from '../sameItems';

export interface TermIndex {
  glossary: Glossary;
  uses: Map<DocumentFacts, TermUses>;
  /** Spellings that a prh dictionary rule replaces, per document (none without a dictionary). */
  prhUses: Map<DocumentFacts, PrhUse[]>;
}

/**
 * What one build leaves for the next. The glossary depends only on the documents that define
 * terms, and a document's uses only on its own facts and on the glossary's patterns (the
 * matcher's signature): an edit elsewhere finds the uses of one document again, not of all.
 */
export class TermCache {
  definers: DocumentFacts[] = [];
  vocabulary = '';
  glossary?: Glossary;
  matcher?: TermMatcher;
  uses = new Map<DocumentFacts, TermUses>();
  prh: PrhRule[] = [];
  prhUses = new Map<DocumentFacts, PrhUse[]>();
  scans = new ScanMemory();
}

export function buildTermIndex(documents: DocumentFacts[], extraVocabulary: string[] = [], prh: PrhRule[] = [], cache = new TermCache()): TermIndex {
  const definers = documents.filter((d) => d.definitions.length);
  const vocabulary = extraVocabulary.join('\n');
  if (!cache.glossary || !cache.matcher || !sameItems(definers, cache.definers) || vocabulary !== cache.vocabulary) {
    const glossary = buildGlossary(documents, extraVocabulary, cache.glossary);
    const matcher = buildMatcher(glossary, cache.matcher);
    if (matcher.signature !== cache.matcher?.signature) cache.uses.clear();
    cache.definers = definers;
    cache.vocabulary = vocabulary;
    cache.glossary = glossary;
    cache.matcher = matcher;
  }
  if (!sameItems(prh, cache.prh)) {
    cache.prh = prh;
    cache.prhUses.clear();
  }
  const { matcher } = cache;
  const uses = new Map<DocumentFacts, TermUses>();
  const prhUses = new Map<DocumentFacts, PrhUse[]>();
  for (const d of documents) {
    uses.set(d, cache.uses.get(d) ?? findUses(d, matcher!, cache.scans));
    // Without a dictionary the map stays empty, and its reader takes a missing entry as none: made
    // again at each keystroke, an empty entry per document of the set was 28 KB that outlived a
    // scavenge.
    if (prh.length) prhUses.set(d, cache.prhUses.get(d) ?? findPrhUses(d.prose, prh));
  }
  cache.uses = uses;
  cache.prhUses = prhUses;
  return { glossary: cache.glossary!, uses, prhUses };
}

/** A document's term uses (none for a document the index does not hold). */
export function usesIn(terms: TermIndex, doc: DocumentFacts): TermUses {
  return terms.uses.get(doc) ?? TermUses.NONE;
}
