// The terms of one policy set: its glossary, and every use of its terms in every document.

import type { DocumentFacts } from '../facts';
import { buildGlossary, type Glossary } from './glossary';
import { buildMatcher, findUses, type TermUse } from './uses';

export interface TermIndex {
  glossary: Glossary;
  uses: Map<DocumentFacts, TermUse[]>;
}

export function buildTermIndex(documents: DocumentFacts[], extraVocabulary: string[] = []): TermIndex {
  const glossary = buildGlossary(documents, extraVocabulary);
  const matcher = buildMatcher(glossary);
  return { glossary, uses: new Map(documents.map((d) => [d, findUses(d, matcher)])) };
}
