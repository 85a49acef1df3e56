// Finds where the terms of a glossary are used in a document's visible text: longest term first,
// with Japanese word boundaries (ワード is not used in キーワード), however they are spelled.

import type { Span } from '../types';
import type { DocumentFacts } from '../facts';
import type { Glossary, GlossaryEntry } from './glossary';
import { isKatakana, variantFold, variantKey } from './variantFold';
import { proseSpan } from '../text/prose';
import { endAt, sourceView, startAt } from '../text/textView';
import { foldText } from '../text/fold';
import { Memo } from '../memo';

export type UseKind = 'exact' | 'variant' | 'longForm' | 'vocabulary';

interface Pattern { kind: 'term' | 'longForm' | 'vocabulary'; term: string; entry?: GlossaryEntry }

/**
 * One use of a term. A 10 MB set has some 130,000 of them, kept between edits: the pattern that
 * found it stands for term and entry, and the span is two numbers, made an object on demand.
 */
export class TermUse {
  constructor(
    readonly kind: UseKind,
    private readonly pattern: Pattern,
    readonly written: string,
    /** Offsets in the document; adopt() moves them. */
    public start: number,
    public end: number,
    readonly heading: boolean,
  ) {}

  /** The defined term (for exact, variant, longForm) or the model term (for vocabulary). */
  get term(): string { return this.pattern.term; }

  get entry(): GlossaryEntry | undefined { return this.pattern.entry; }

  get span(): Span { return { start: this.start, end: this.end }; }

  /** Takes the place of `fresh` if it is this use moved by an edit: see recycle.ts. */
  adopt(fresh: TermUse): boolean {
    if (this.kind !== fresh.kind || this.pattern !== fresh.pattern || this.written !== fresh.written || this.heading !== fresh.heading) return false;
    this.start = fresh.start;
    this.end = fresh.end;
    return true;
  }
}

export interface TermMatcher {
  regex: RegExp | undefined;
  patterns: Map<string, Pattern>;
  /** Changes when the glossary's terms change; block matches are memoised per signature. */
  signature: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `previous` is given back when the patterns are the same: its regex need not be compiled again. */
export function buildMatcher(glossary: Glossary, previous?: TermMatcher): TermMatcher {
  const patterns = new Map<string, Pattern>();
  for (const entry of glossary.entries) patterns.set(entry.key, { kind: 'term', term: entry.term, entry });
  for (const entry of glossary.entries) {
    for (const d of entry.definitions) {
      if (!d.longForm) continue;
      const key = variantKey(d.longForm);
      if (key.length > entry.key.length && !patterns.has(key)) patterns.set(key, { kind: 'longForm', term: entry.term, entry });
    }
  }
  for (const term of glossary.undefinedVocabulary) {
    const key = variantKey(term);
    if (!patterns.has(key)) patterns.set(key, { kind: 'vocabulary', term });
  }
  const keys = [...patterns.keys()].filter(Boolean).sort((a, b) => b.length - a.length || a.localeCompare(b));
  // Kind and term too: a use records them, so a use found under another pattern is stale.
  const signature = keys.map((k) => `${k}\u0001${patterns.get(k)!.kind}\u0001${patterns.get(k)!.term}`).join('\u0000');
  // Same signature, same entries: the glossary keeps an entry object per key from build to build.
  if (previous?.signature === signature) return previous;
  return { regex: keys.length ? new RegExp(keys.map(escape).join('|'), 'gu') : undefined, patterns, signature };
}

const URL = /https?:\/\/[\x21-\x7e]+/g;
/** The uses of the current glossary's terms; block matches are memoised, entries looked up fresh. */
export function findUses(doc: DocumentFacts, matcher: TermMatcher): TermUse[] {
  return matcher.regex ? scan(doc, matcher, matcher.regex) : [];
}

interface BlockMatch { key: string; from: number; to: number }

/**
 * Matches per block text, for the latest few glossaries: an edit changes one block, and the other
 * blocks of the edited document keep their matches. Only the latest blocks are kept: the rest of
 * a large set is scanned once, and holding its matches would double what its uses take.
 */
const blockMemo = new Map<string, Memo<BlockMatch[]>>();
const MEMO_GLOSSARIES = 4;
const MEMO_BLOCKS = 5_000;

function memoFor(signature: string): Memo<BlockMatch[]> {
  let memo = blockMemo.get(signature);
  if (!memo) {
    if (blockMemo.size >= MEMO_GLOSSARIES) blockMemo.delete(blockMemo.keys().next().value!);
    memo = new Memo(MEMO_BLOCKS);
    blockMemo.set(signature, memo);
  }
  return memo;
}

/** Where the terms match in one block's text, as indices into that text. */
function matchBlock(text: string, regex: RegExp): BlockMatch[] {
  const out: BlockMatch[] = [];
  // A URL is not prose: blank it out, keeping every index where it was.
  const masked = text.replace(URL, (u) => ' '.repeat(u.length));
  const view = variantFold(sourceView(masked));
  regex.lastIndex = 0;
  for (let m = regex.exec(view.text); m; m = regex.exec(view.text)) {
    const from = m.index;
    const to = from + m[0].length;
    const pStart = startAt(view, from);
    let pEnd = endAt(view, to - 1);
    // The long-vowel mark the fold dropped belongs to the word: サーバー is written with it.
    while (pEnd < masked.length && (masked[pEnd] === 'ー' || masked[pEnd] === 'ｰ')) pEnd++;
    // Inside a longer katakana word (キーワード, サーバーラック) it is another word; a ・ or a
    // space in the text is a word boundary even though the fold dropped it.
    const before = foldText(masked[pStart - 1] ?? '');
    const after = foldText(masked[pEnd] ?? '');
    if ((isKatakana(m[0][0]) && isKatakana(before)) || (isKatakana(m[0][m[0].length - 1]) && isKatakana(after))) {
      regex.lastIndex = from + 1;
      continue;
    }
    out.push({ key: m[0], from: pStart, to: pEnd });
  }
  return out;
}

/**
 * Whether a span overlaps one of `taken` (the definitions themselves are no uses). A document of
 * thousands of inline definitions asks this for every match: sorted starts and a running maximum
 * of ends answer in a binary search.
 */
function takenTest(taken: Span[]): (span: Span) => boolean {
  if (!taken.length) return () => false;
  const sorted = [...taken].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  sorted.forEach((t, i) => maxEnd.push(Math.max(t.end, i ? maxEnd[i - 1] : t.end)));
  return (span) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start < span.end) lo = mid + 1; else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1] > span.start;
  };
}

function scan(doc: DocumentFacts, matcher: TermMatcher, regex: RegExp): TermUse[] {
  const out: TermUse[] = [];
  const overlapsTaken = takenTest(doc.definitions.flatMap((d) => [d.extent ?? d.span, ...(d.longFormSpan ? [d.longFormSpan] : [])]));
  const memo = memoFor(matcher.signature);
  const match = (text: string): BlockMatch[] => matchBlock(text, regex);
  for (const prose of doc.prose) {
    for (const { key, from, to } of memo.get(prose.text, match)) {
      const span = proseSpan(prose, from, to);
      if (overlapsTaken(span)) continue;
      const pattern = matcher.patterns.get(key)!;
      const sliced = prose.text.slice(from, to);
      // Most uses are written as the term is: they share its string.
      const written = sliced === pattern.term ? pattern.term : sliced;
      const kind: UseKind = pattern.kind === 'longForm' ? 'longForm'
        : pattern.kind === 'vocabulary' ? 'vocabulary'
          : written === pattern.term ? 'exact' : 'variant';
      out.push(new TermUse(kind, pattern, written, span.start, span.end, prose.heading));
    }
  }
  return out;
}
