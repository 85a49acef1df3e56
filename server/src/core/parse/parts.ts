// The tiers of one file. Many bodies publish one 情報セキュリティポリシー (or 情報セキュリティ規程)
// whose 第1章 (or 第1編) is the basic policy and whose 第2章 is the standards: each part has its own
// tier, and a section's tier is the tier of the part it lies in.

import type { DocumentFacts } from '../facts';
import type { Tier } from '../types';
import type { Section } from './structure';
import { exactTitleKey } from '../text/titles';

/** A part of a file: the section that opens it, and its tier. */
export interface Part { section: number; tier: Tier }

/** 第1章　情報セキュリティ基本方針, 第2編 ○○町情報セキュリティ対策基準, # 対策基準. */
const PART_TITLE = /^[^、。]{0,30}?(?:情報セキュリティー?)?(基本方針|対策基準|実施手順)$/u;

/** Whether a title names a tier's document, as the heading of a part does. */
export function namesTier(title: string): boolean {
  // Asked of every section's ancestors: the words themselves first, the folding only then.
  return TIER_WORD.test(title) && PART_TITLE.test(exactTitleKey(title));
}

const TIER_WORD = /基本方針|対策基準|実施手順/u;
const TIER_OF: Record<string, Tier> = { 基本方針: 'policy', 対策基準: 'standard', 実施手順: 'procedure' };

/**
 * The parts of a document: the outer sections (編, 章, 第N, or an unnumbered heading) titled by a
 * tier. A file is in parts only when they name two tiers, or one other than the file's own; an
 * article or item titled 情報セキュリティ対策基準 (the policy's 第9条) is never a part.
 */
export function findParts(sections: Section[], ownTier: Tier | undefined): Part[] {
  const parts: Part[] = [];
  for (const s of sections) {
    // A part holds sections: a heading 情報セキュリティ対策基準 over a paragraph is a topic, not a part.
    if (!isOuter(s, sections) || sections[s.index + 1]?.parent !== s.index) continue;
    const m = PART_TITLE.exec(exactTitleKey(s.title));
    if (m) parts.push({ section: s.index, tier: TIER_OF[m[1]] });
  }
  const tiers = new Set(parts.map((p) => p.tier));
  if (tiers.size >= 2 || (tiers.size === 1 && !tiers.has(ownTier!))) return parts;
  return [];
}

function isOuter(s: Section, sections: Section[]): boolean {
  if (s.style !== 'part' && s.style !== 'chapter' && s.style !== 'dai' && s.style !== 'heading') return false;
  // Nothing but other parts (or headings) around it: a 第2章 inside 第1編 is not a part of the file.
  for (let p = s.parent; p >= 0; p = sections[p].parent) {
    if (sections[p].style !== 'part' && sections[p].style !== 'heading') return false;
  }
  return true;
}

/** The tier of a section of a document (-1: the document as a whole, which has its own tier). */
export function tierAt(doc: DocumentFacts, section: number): Tier | undefined {
  if (!doc.parts.length || section < 0) return doc.tier;
  for (let s = section; s >= 0; s = doc.sections[s].parent) {
    const part = doc.parts.find((p) => p.section === s);
    if (part) return part.tier;
  }
  return doc.tier;
}

export function tierOf(n: { doc: DocumentFacts; section: number }): Tier | undefined {
  return tierAt(n.doc, n.section);
}

/** The tiers a document holds, in order of appearance. */
export function tiersOf(doc: DocumentFacts): Tier[] {
  if (!doc.parts.length) return doc.tier ? [doc.tier] : [];
  return [...new Set(doc.parts.map((p) => p.tier))];
}

export function hasTier(doc: DocumentFacts, tier: Tier): boolean {
  return doc.parts.length ? doc.parts.some((p) => p.tier === tier) || doc.tier === tier : doc.tier === tier;
}
