// One glossary per policy set: every definition of every tier, merged by term.

import type { DocumentFacts } from '../facts';
import type { Definition } from './definitions';
import { variantKey } from './variantFold';
import { foldText } from '../text/fold';
import vocabulary from './vocabulary.json';

export interface PlacedDefinition extends Definition { doc: DocumentFacts }

export interface GlossaryEntry {
  term: string;
  /** The spelling-blind key uses are found by. */
  key: string;
  definitions: PlacedDefinition[];
}

export interface Glossary {
  entries: GlossaryEntry[];
  byKey: Map<string, GlossaryEntry>;
  /** Terms of the model vocabulary (and the configured one) that the set does not define. */
  undefinedVocabulary: string[];
}

/** The model policy's terms, each with its alternative names, as data. */
export const MODEL_VOCABULARY: string[][] = vocabulary.terms;

/**
 * `previous` lends its entry objects: a term keeps its entry from one build to the next (refilled
 * here), so that uses found against the previous glossary still point at the current entry.
 */
export function buildGlossary(documents: DocumentFacts[], extraVocabulary: string[] = [], previous?: Glossary): Glossary {
  const byKey = new Map<string, GlossaryEntry>();
  for (const doc of documents) {
    for (const d of placedIn(doc)) {
      const key = variantKey(d.term);
      if (!key) continue;
      let entry = byKey.get(key);
      if (!entry) {
        entry = previous?.byKey.get(key) ?? { term: d.term, key, definitions: [] };
        entry.term = d.term;
        entry.definitions = [];
        byKey.set(key, entry);
      }
      entry.definitions.push(d);
    }
  }
  const undefinedVocabulary: string[] = [];
  for (const names of [...MODEL_VOCABULARY, ...extraVocabulary.map((t) => [t])]) {
    if (names.some((n) => byKey.has(variantKey(n)))) continue;
    undefinedVocabulary.push(...names);
  }
  return { entries: [...byKey.values()], byKey, undefinedVocabulary };
}

/** A document's definitions with their document: made once per version of its facts. */
const placed = new WeakMap<DocumentFacts, PlacedDefinition[]>();

function placedIn(doc: DocumentFacts): PlacedDefinition[] {
  let list = placed.get(doc);
  if (!list) placed.set(doc, list = doc.definitions.map((d) => ({ ...d, doc })));
  return list;
}

/** Two definitions say the same when their text matches once width and spaces are folded. */
export function sameMeaning(a: Definition, b: Definition): boolean {
  const norm = (s: string) => foldText(s).replace(/\s+/g, '').replace(/。$/, '');
  if (a.kind === 'inline' || b.kind === 'inline') {
    // An abbreviation means its long form; one without a long form says nothing to compare.
    if (!a.longForm || !b.longForm) return true;
    return norm(a.longForm) === norm(b.longForm);
  }
  return norm(a.text) === norm(b.text);
}
