// The terms of one policy set: its glossary, and every use of its terms in every document.

import type { DocumentFacts } from '../facts';
import { buildGlossary, type Glossary } from './glossary';
import { buildMatcher, findUses, type TermUse } from './uses';
import { findPrhUses, type PrhRule, type PrhUse } from './prh';

export interface TermIndex {
  glossary: Glossary;
  uses: Map<DocumentFacts, TermUse[]>;
  /** Spellings that a prh dictionary rule replaces, per document. */
  prhUses: Map<DocumentFacts, PrhUse[]>;
}

export function buildTermIndex(documents: DocumentFacts[], extraVocabulary: string[] = [], prh: PrhRule[] = []): TermIndex {
  const glossary = buildGlossary(documents, extraVocabulary);
  const matcher = buildMatcher(glossary);
  return {
    glossary,
    uses: new Map(documents.map((d) => [d, findUses(d, matcher)])),
    prhUses: new Map(documents.map((d) => [d, prh.length ? findPrhUses(d.prose, prh) : []])),
  };
}
