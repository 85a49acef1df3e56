// One glossary per policy set: every definition of every tier, merged by term.

import type { Span } from '../types';
import type { DocumentFacts } from '../facts';
import type { Definition } from './definitions';
import { variantKey } from './variantFold';
import { foldText } from '../text/fold';
import { BUILT_IN, DEFAULT_GUIDELINE } from '../guideline/profile';

export interface PlacedDefinition extends Definition { doc: DocumentFacts }

export interface GlossaryEntry {
  /** The term as its (first) definition writes it: ＣＩＳＯ stays ＣＩＳＯ. */
  term: string;
  /** The spelling-blind key uses are found by. */
  key: string;
  /** Every definition of the term, its aliases' included. */
  definitions: PlacedDefinition[];
}

export interface Glossary {
  entries: GlossaryEntry[];
  /** Entries by the key of each name they are defined under (an alias too). */
  byKey: Map<string, GlossaryEntry>;
  /** Terms of the model vocabulary (and the configured one) that the set does not define. */
  undefinedVocabulary: string[];
  /**
   * Whether the set defines any term of the model vocabulary: then a model term it uses but does
   * not define is a gap in its 定義 list, else the set simply does not follow the model's terms.
   */
  definesModelTerms: boolean;
}

/**
 * The model policy's terms, each with its alternative names: the built-in guideline profile's.
 * (A profile given in policy-trace.json does not change them yet.)
 */
export const MODEL_VOCABULARY: string[][] = BUILT_IN[DEFAULT_GUIDELINE].terms ?? [];

/**
 * `previous` lends its entry objects: a term keeps its entry from one build to the next (refilled
 * here), so that uses found against the previous glossary still point at the current entry. A name
 * and its alias, written together (`マイナンバー利用事務系（個人番号利用事務系）`), are one entry.
 */
export function buildGlossary(documents: DocumentFacts[], extraVocabulary: string[] = [], previous?: Glossary): Glossary {
  const byKey = new Map<string, GlossaryEntry>();
  const entries: GlossaryEntry[] = [];
  const taken = new Set<GlossaryEntry>();
  for (const doc of documents) {
    let group: { extent: Span; entry: GlossaryEntry } | undefined;
    for (const d of placedIn(doc)) {
      const key = variantKey(d.term);
      if (!key) continue;
      // An alias joins the entry of the name it is written with.
      const alias = group && d.kind !== 'inline' && d.extent && d.extent.start === group.extent.start && d.extent.end === group.extent.end;
      let entry = alias ? group!.entry : byKey.get(key);
      if (!entry) {
        const lent = previous?.byKey.get(key);
        // An alias's key lends its name's entry: it is lent once.
        entry = lent && !taken.has(lent) ? lent : { term: d.term, key, definitions: [] };
        taken.add(entry);
        entry.term = d.term;
        entry.key = key;
        entry.definitions = [];
        entries.push(entry);
      }
      if (!byKey.has(key)) byKey.set(key, entry);
      entry.definitions.push(d);
      group = d.kind !== 'inline' && d.extent ? { extent: d.extent, entry } : undefined;
    }
  }
  const undefinedVocabulary: string[] = [];
  let definesModelTerms = false;
  for (const [i, names] of [...MODEL_VOCABULARY, ...extraVocabulary.map((t) => [t])].entries()) {
    if (names.some((n) => byKey.has(variantKey(n)))) {
      if (i < MODEL_VOCABULARY.length) definesModelTerms = true;
      continue;
    }
    undefinedVocabulary.push(...names);
  }
  return { entries, byKey, undefinedVocabulary, definesModelTerms };
}

/** Whether a term is one of the model vocabulary's (not only the configured vocabulary's). */
export function isModelTerm(term: string): boolean {
  const key = variantKey(term);
  return MODEL_VOCABULARY.some((names) => names.some((n) => variantKey(n) === key));
}

/** A document's definitions with their document: made once per version of its facts. */
const placed = new WeakMap<DocumentFacts, PlacedDefinition[]>();

function placedIn(doc: DocumentFacts): PlacedDefinition[] {
  let list = placed.get(doc);
  if (!list) placed.set(doc, list = doc.definitions.map((d) => ({ ...d, doc })));
  return list;
}

/**
 * What a definition says, comparable within its kind: an abbreviation its long form (`long`), any
 * other definition its text (`text`), both with width and spaces folded. An abbreviation without a
 * long form says nothing to compare (`any`), and an abbreviation and a definition of the term are
 * not compared either.
 */
export function meaningKey(d: Definition): { kind: 'long' | 'text' | 'any'; key: string } {
  const norm = (s: string) => foldText(s).replace(/\s+/g, '').replace(/。$/, '');
  if (d.kind === 'inline') return d.longForm ? { kind: 'long', key: norm(d.longForm) } : { kind: 'any', key: '' };
  return { kind: 'text', key: norm(d.text) };
}
