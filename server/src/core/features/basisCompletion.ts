// Completion of trace targets where a link is written: after 根拠: and 適用除外: (also with a
// full-width colon) and in a front matter 根拠 value. Elsewhere the caller offers defined terms.

import type { DocumentFacts } from '../facts';
import type { Messages } from '../messages';
import type { Position, Range, Tier } from '../types';
import { nodeKey, type TraceIndex } from '../index/traceIndex';
import { foldText } from '../text/fold';
import { TIER_NAME } from '../parse/tier';

export interface BasisCompletion {
  /** The ID: 6(4), 4.1. */
  label: string;
  /** The section's title. */
  detail: string;
  /** The tier it is in, for telling a standards 1 from a policy 1 apart in the list. */
  tierLabel: string;
  /** The first sentence of the section. */
  documentation: string;
  /** 基本方針 6(4), or 6(4) when the line already names the basic policy just before. */
  insertText: string;
  filterText: string;
  /** Keeps the order: nearest tier first, then document order. */
  sortText: string;
  role: 'measure' | 'section';
  /** The target typed so far, up to the cursor. */
  range: Range;
}

/** Characters that make the client ask again: after them a new target starts. */
export const BASIS_TRIGGER_CHARACTERS = [':', '：', ' ', '、', ',', '['];

/** The words the parser reads as tiers: written in Japanese whatever the display language. */

const BODY_DIRECTIVE = /^\s*(?:(?:[-*+]|\d+[.)])\s+|>\s*)*(?:\*\*|__)?(根拠|適用除外|basis|waiver)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*/iu;
const FRONT_MATTER_BASIS = /^\s*(?:根拠|basis)\s*:\s*/iu;
const TOKEN = /[^\s、,，・;；[\]"']*$/u;

/**
 * The targets that fit where the cursor is, or undefined when it is not in a 根拠 / 適用除外 value
 * (then terms are what the user is typing). `text` is the document's current text.
 */
export function basisCompletions(index: TraceIndex, doc: DocumentFacts, text: string, position: Position, msg: Messages): BasisCompletion[] | undefined {
  const place = valueBefore(text, position);
  if (!place) return undefined;
  const token = TOKEN.exec(place.value)![0];
  const before = foldText(place.value.slice(0, place.value.length - token.length));
  const waiver = place.directive === 'waiver';
  // A waiver names one measure; what follows it is the reason, not another target.
  if (waiver && before.replace(/(?:情報セキュリティ)?基本方針/gu, '').replace(/[\s、,・;]/gu, '')) return [];

  const tiers: Tier[] = waiver ? ['policy']
    : doc.tier === 'standard' ? ['policy']
      : doc.tier === 'procedure' ? ['standard', 'policy'] : [];
  const named = lastNamedTier(before);
  const range = { start: { line: position.line, character: position.character - token.length }, end: position };
  const measures = new Set(index.measures.map((m) => nodeKey(m.node)));
  const out: BasisCompletion[] = [];
  const seen = new Set<string>();
  for (const tier of tiers) {
    const docs = index.documents.filter((d) => d.tier === tier);
    const sections = docs.flatMap((d) => d.sections.map((s) => ({ d, s, measure: measures.has(nodeKey({ doc: d, section: s.index })) })));
    // Of the basic policy, its measures are what is cited almost always: they come first. Other
    // sections are offered to standards only: a procedure that skips the standards cites a measure.
    const others = tier === 'policy' && !waiver && doc.tier === 'standard' ? sections.filter((x) => !x.measure) : [];
    const ordered = tier === 'policy' ? [...sections.filter((x) => x.measure), ...others] : sections;
    for (const { s, measure } of ordered) {
      if (!s.id || seen.has(`${tier}:${s.id}`)) continue;
      seen.add(`${tier}:${s.id}`);
      const insertText = named === tier ? s.id : `${TIER_NAME[tier as 'policy' | 'standard']} ${s.id}`;
      out.push({
        label: s.id,
        detail: s.title || s.summary,
        tierLabel: msg(`tier_${tier}`),
        documentation: s.summary,
        insertText,
        filterText: filterTextFor(token, insertText),
        sortText: String(out.length).padStart(4, '0'),
        role: measure ? 'measure' : 'section',
        range,
      });
    }
  }
  return out;
}

interface ValuePlace { directive: 'basis' | 'waiver'; value: string }

/** The part of the directive's value that lies before the cursor, if the cursor is in one. */
function valueBefore(text: string, position: Position): ValuePlace | undefined {
  const lines = text.split(/\r?\n/);
  const line = lines[position.line];
  if (line === undefined) return undefined;
  const prefix = line.slice(0, position.character);
  const fmEnd = frontMatterEnd(lines);
  if (position.line < fmEnd) {
    if (position.line === 0) return undefined;
    const key = FRONT_MATTER_BASIS.exec(prefix);
    if (key) return { directive: 'basis', value: prefix.slice(key[0].length) };
    // An item of a block list under 根拠:.
    const item = /^\s*-\s+/.exec(prefix);
    if (!item) return undefined;
    for (let i = position.line - 1; i > 0; i--) {
      if (/^\s*-\s/.test(lines[i]) || !lines[i].trim()) continue;
      return /^\s*(?:根拠|basis)\s*:\s*$/iu.test(lines[i]) ? { directive: 'basis', value: prefix.slice(item[0].length) } : undefined;
    }
    return undefined;
  }
  const m = BODY_DIRECTIVE.exec(prefix);
  if (!m) return undefined;
  return { directive: /^(?:適用除外|waiver)$/iu.test(m[1]) ? 'waiver' : 'basis', value: prefix.slice(m[0].length) };
}

/** The line index of the front matter's closing fence, or 0 when there is no front matter. */
function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.replace(/^\uFEFF/, '').trimEnd() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) if (/^(?:---|\.\.\.)\s*$/.test(lines[i])) return i;
  return 0;
}

/** The tier the last tier word before the cursor names: a bare ID after it belongs to that tier. */
function lastNamedTier(before: string): Tier | undefined {
  let tier: Tier | undefined;
  for (const m of before.matchAll(/基本方針|対策基準/gu)) tier = m[0] === '基本方針' ? 'policy' : 'standard';
  return tier;
}

/**
 * Editors keep an item while what was typed matches its filter text. An ID typed in full width
 * (６（４）) matches no half-width text, so then the typed text itself leads the filter text.
 */
function filterTextFor(token: string, insertText: string): string {
  const folded = foldText(token);
  if (folded === token) return insertText;
  const key = (s: string): string => s.replace(/\s+/g, '');
  return key(foldText(insertText)).includes(key(folded)) ? `${token}${insertText}` : insertText;
}
