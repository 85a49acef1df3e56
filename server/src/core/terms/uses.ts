// Finds where the terms of a glossary are used in a document's visible text: longest term first,
// with Japanese word boundaries (ワード is not used in キーワード), however they are spelled.

import type { Span } from '../types';
import type { DocumentFacts } from '../facts';
import type { Glossary, GlossaryEntry } from './glossary';
import { isKatakana, isKatakanaUnit, VariantFolding, variantKey } from './variantFold';
import { proseSpan, type Prose } from '../text/prose';
import { foldedUnit, foldText } from '../text/fold';

export type UseKind = 'exact' | 'variant' | 'longForm' | 'vocabulary';

interface Pattern {
  kind: 'term' | 'longForm' | 'vocabulary';
  /** The name as defined (for an alias, the alias), the long form's term, or the model term. */
  term: string;
  entry?: GlossaryEntry;
  /** For a defined name: every spelling its definitions write. A use spelled otherwise is a variant. */
  spellings?: readonly string[];
}

/** One use of a term, made when asked for from a document's TermUses. */
export class TermUse {
  constructor(
    readonly kind: UseKind,
    private readonly pattern: Pattern,
    readonly written: string,
    /** Offsets in the document. */
    readonly start: number,
    readonly end: number,
    /** In a heading: a Markdown heading, or the title of a numbered heading line (５　職員等の遵守義務). */
    readonly heading: boolean,
    /** On the document's furniture (title line, caption, 目次) or a ○ title line of a 例規集 page. */
    readonly furniture: boolean = false,
    /** Inside a proper name: 大田市立病院情報セキュリティポリシー, …基本方針及び対策基準規程. */
    readonly properName: boolean = false,
  ) {}

  /** The defined term (for exact, variant, longForm) or the model term (for vocabulary). */
  get term(): string { return this.pattern.term; }

  get entry(): GlossaryEntry | undefined { return this.pattern.entry; }

  get span(): Span { return { start: this.start, end: this.end }; }
}

const KINDS: readonly UseKind[] = ['exact', 'variant', 'longForm', 'vocabulary'];
/** Per use: the pattern's number, start, end, and the kind's number with these bits. */
const FIELDS = 4;
const HEADING = 4;
const FURNITURE = 8;
const PROPER = 16;

/**
 * A document's term uses in text order, kept as four numbers each: a 10 MB set has some 130,000
 * uses, which as objects took 11 MB of the server's heap and as numbers take 1 MB. TermUse
 * objects are made on demand; select() makes only those a check asks for.
 */
export class TermUses implements Iterable<TermUse> {
  static readonly NONE = new TermUses([], new Int32Array(0), new Map());

  constructor(
    private readonly patterns: readonly Pattern[],
    private readonly data: Int32Array,
    /** How a use other than an exact one is written, by its number (most are written as the term). */
    private readonly spellings: ReadonlyMap<number, string>,
  ) {}

  get length(): number { return this.data.length / FIELDS; }

  at(i: number): TermUse {
    const d = this.data;
    const o = i * FIELDS;
    const pattern = this.patterns[d[o]];
    const bits = d[o + 3];
    return new TermUse(KINDS[bits & 3], pattern, this.spellings.get(i) ?? pattern.term, d[o + 1], d[o + 2],
      (bits & HEADING) !== 0, (bits & FURNITURE) !== 0, (bits & PROPER) !== 0);
  }

  *[Symbol.iterator](): Iterator<TermUse> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** The uses of these kinds whose term passes `keep`, asked once per pattern, in text order. */
  select(kinds: readonly UseKind[], keep: (term: string, entry: GlossaryEntry | undefined) => boolean = () => true): TermUse[] {
    const d = this.data;
    const wanted = kinds.map((k) => KINDS.indexOf(k));
    const kept = new Map<number, boolean>();
    const out: TermUse[] = [];
    for (let i = 0, o = 0; o < d.length; i++, o += FIELDS) {
      if (!wanted.includes(d[o + 3] & 3)) continue;
      let pass = kept.get(d[o]);
      if (pass === undefined) {
        const p = this.patterns[d[o]];
        kept.set(d[o], pass = keep(p.term, p.entry));
      }
      if (pass) out.push(this.at(i));
    }
    return out;
  }

  /** The glossary entries that uses of these kinds stand for. */
  entries(kinds: readonly UseKind[]): Set<GlossaryEntry> {
    const d = this.data;
    const wanted = kinds.map((k) => KINDS.indexOf(k));
    const out = new Set<GlossaryEntry>();
    for (let o = 0; o < d.length; o += FIELDS) {
      const entry = this.patterns[d[o]].entry;
      if (entry && wanted.includes(d[o + 3] & 3)) out.add(entry);
    }
    return out;
  }
}

export interface TermMatcher {
  regex: RegExp | undefined;
  patterns: Map<string, Pattern>;
  /** The patterns in a fixed order: a TermUses names its patterns by their place here. */
  list: Pattern[];
  /** Each pattern's place in `list`. */
  ids: Map<Pattern, number>;
  /** Changes when the glossary's terms change; block matches are memoised per signature. */
  signature: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `previous` is given back when the patterns are the same: its regex need not be compiled again. */
export function buildMatcher(glossary: Glossary, previous?: TermMatcher): TermMatcher {
  const patterns = new Map<string, Pattern>();
  for (const entry of glossary.entries) patterns.set(entry.key, { kind: 'term', term: entry.term, entry, spellings: spellingsOf(entry, entry.key) });
  // Aliases (個人番号利用事務系 for マイナンバー利用事務系) are names of the same entry.
  for (const entry of glossary.entries) {
    for (const d of entry.definitions) {
      const key = variantKey(d.term);
      if (key && !patterns.has(key)) patterns.set(key, { kind: 'term', term: d.term, entry, spellings: spellingsOf(entry, key) });
    }
  }
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
  const signature = keys.map((k) => {
    const p = patterns.get(k)!;
    return `${k}\u0001${p.kind}\u0001${p.term}\u0001${p.spellings?.join('\u0002') ?? ''}`;
  }).join('\u0000');
  // Same signature, same entries: the glossary keeps an entry object per key from build to build.
  if (previous?.signature === signature) return previous;
  const list = [...patterns.values()];
  return { regex: keys.length ? new RegExp(keys.map(escape).join('|'), 'gu') : undefined, patterns, list, ids: new Map(list.map((p, i) => [p, i])), signature };
}

/** The spellings the definitions of an entry write for the name with this key, first defined first. */
function spellingsOf(entry: GlossaryEntry, key: string): string[] {
  return [...new Set(entry.definitions.filter((d) => variantKey(d.term) === key).map((d) => d.term))];
}

const URL = /https?:\/\/[\x21-\x7e]+/g;
/** The uses of the current glossary's terms; block matches are kept per block (keepers), entries looked up fresh. */
export function findUses(doc: DocumentFacts, matcher: TermMatcher, memory = new ScanMemory()): TermUses {
  // A document past the size budget is checked for its structure and links only (facts.ts).
  return matcher.regex && !doc.structureOnly ? scan(doc, matcher, matcher.regex, memory) : TermUses.NONE;
}

/**
 * A block's matches as matchBlock wrote them, kept at their exact length: the keys, and per match
 * its start, end and 1 inside a proper name (which depends on the block's text alone).
 */
interface BlockMatches {
  keys: string[];
  spans: Int32Array;
  /** The text has a ○ or 〇 (circleTitleLines): a block without one is not walked again. */
  circles: boolean;
}

const NO_MATCHES: BlockMatches = { keys: [], spans: new Int32Array(0), circles: false };
const NO_MATCHES_BUT_CIRCLES: BlockMatches = { ...NO_MATCHES, circles: true };

/**
 * What a set's scans keep from one to the next (its TermCache holds it): the block matches of the
 * few documents scanned again last (`keepers`), by block. An edit keeps the objects of the blocks
 * it did not change (recycle.ts), so a keystroke scans only the blocks it changed, and stores only
 * theirs. Kept by object, not by text: nearly every block of a set is scanned once, and looking
 * each text up (hashing it, keeping and evicting it) took 5 % of a cold check. Only a document
 * scanned again (an edit, or a changed glossary) keeps its matches: a cold check scans each
 * document once, and keeping a large document's matches while it was scanned made 25 MB that V8
 * copied and promoted for nothing (10 MB set). A document that leaves the keepers takes its
 * blocks' matches with it.
 */
export class ScanMemory {
  readonly blockMatches = new WeakMap<Prose, BlockMatches>();
  readonly keepers = new Map<string, { signature: string; prose: readonly Prose[] }>();
  readonly scannedOnce = new Set<string>();
}

const KEEPERS = 4;

const folding = new VariantFolding();

/** Whether text[i], width folded, is katakana (ｶ is); false outside the text. */
function katakanaAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const f = foldedUnit(text.charCodeAt(i));
  return f >= 0 ? isKatakanaUnit(f) : isKatakana(foldText(text[i]));
}

/** How many blocks have been matched so far: a test reads it to see which blocks a scan read again. */
export const matchedBlocks = { count: 0 };

/**
 * Where matchBlock writes a block's matches, reused from block to block: the matched keys, and per
 * match its start, end and whether it lies in a proper name (1). A cold check reads each block's
 * once, and an object per match was 4 % of what it allocated (10 MB set: 31 MB).
 */
const matchKeys: string[] = [];
let matchSpans = new Int32Array(3 * 256);

/** Where the terms match in one block's text, as indices into that text: how many, written to matchKeys and matchSpans. */
function matchBlock(text: string, regex: RegExp): number {
  matchedBlocks.count++;
  let n = 0;
  // A URL is not prose: blank it out, keeping every index where it was.
  const masked = text.includes('http') ? text.replace(URL, (u) => ' '.repeat(u.length)) : text;
  const folded = folding.fold(masked);
  regex.lastIndex = 0;
  for (let m = regex.exec(folded); m; m = regex.exec(folded)) {
    const from = m.index;
    const to = from + m[0].length;
    const pStart = folding.sourceStart(from);
    let pEnd = folding.sourceEnd(to - 1);
    // The long-vowel mark the fold dropped belongs to the word: サーバー is written with it.
    while (pEnd < masked.length && (masked[pEnd] === 'ー' || masked[pEnd] === 'ｰ')) pEnd++;
    // Inside a longer katakana word (キーワード, サーバーラック) it is another word; a ・ or a
    // space in the text is a word boundary even though the fold dropped it.
    if ((isKatakana(m[0][0]) && katakanaAt(masked, pStart - 1)) || (isKatakana(m[0][m[0].length - 1]) && katakanaAt(masked, pEnd))) {
      regex.lastIndex = from + 1;
      continue;
    }
    if (3 * n + 3 > matchSpans.length) {
      const grown = new Int32Array(matchSpans.length * 2);
      grown.set(matchSpans);
      matchSpans = grown;
    }
    matchKeys[n] = m[0];
    matchSpans[3 * n] = pStart;
    matchSpans[3 * n + 1] = pEnd;
    matchSpans[3 * n + 2] = isProperName(text, pStart, pEnd) ? 1 : 0;
    n++;
  }
  return n;
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

function scan(doc: DocumentFacts, matcher: TermMatcher, regex: RegExp, { blockMatches, keepers, scannedOnce }: ScanMemory): TermUses {
  let n = 0;
  const spellings = new Map<number, string>();
  const overlapsTaken = takenTest(doc.definitions.flatMap((d) => [d.extent ?? d.span, ...(d.longFormSpan ? [d.longFormSpan] : [])]));
  const current = keepers.get(doc.uri)?.signature === matcher.signature;
  const onFurniture = takenTest([...doc.furniture, ...circleTitleLines(doc, current ? (prose) => blockMatches.get(prose)?.circles === false : undefined)]);
  const titleAt = spanAt(headingTitles(doc));
  const keep = scannedOnce.has(doc.uri);
  scannedOnce.add(doc.uri);
  for (const prose of doc.prose) {
    let found = current ? blockMatches.get(prose) : undefined;
    let count: number;
    if (found) count = found.keys.length;
    else {
      count = matchBlock(prose.text, regex);
      if (keep) {
        const circles = hasCircles(prose.text);
        blockMatches.set(prose, found = count ? { keys: matchKeys.slice(0, count), spans: matchSpans.slice(0, 3 * count), circles }
          : circles ? NO_MATCHES_BUT_CIRCLES : NO_MATCHES);
      }
    }
    const keys = found ? found.keys : matchKeys;
    const spans = found ? found.spans : matchSpans;
    for (let k = 0; k < count; k++) {
      const key = keys[k];
      const from = spans[3 * k];
      const to = spans[3 * k + 1];
      const proper = spans[3 * k + 2] === 1;
      const span = proseSpan(prose, from, to);
      if (overlapsTaken(span)) continue;
      const pattern = matcher.patterns.get(key)!;
      // Most uses are written as the term is: compared in place, without a copy of each.
      const asTerm = to - from === pattern.term.length && prose.text.startsWith(pattern.term, from);
      const written = asTerm ? pattern.term : prose.text.slice(from, to);
      const kind: UseKind = pattern.kind === 'longForm' ? 'longForm'
        : pattern.kind === 'vocabulary' ? 'vocabulary'
          : asTerm || pattern.spellings?.includes(written) ? 'exact' : 'variant';
      if (!asTerm) spellings.set(n / FIELDS, written);
      const bits = KINDS.indexOf(kind)
        | (prose.heading || inHeadingTitle(prose, titleAt(span)) ? HEADING : 0)
        | (onFurniture(span) ? FURNITURE : 0)
        | (proper ? PROPER : 0);
      if (n + FIELDS > scratch.length) scratch = grown(scratch);
      scratch[n++] = matcher.ids.get(pattern)!;
      scratch[n++] = span.start;
      scratch[n++] = span.end;
      scratch[n++] = bits;
    }
  }
  if (keep) {
    keepers.delete(doc.uri);
    keepers.set(doc.uri, { signature: matcher.signature, prose: doc.prose });
    if (keepers.size > KEEPERS) {
      const [uri, left] = keepers.entries().next().value!;
      keepers.delete(uri);
      for (const prose of left.prose) blockMatches.delete(prose);
    }
  }
  return new TermUses(matcher.list, scratch.slice(0, n), spellings);
}

/**
 * Where scan writes a document's uses before they are copied out at their exact length: a plain
 * array grown by push was a third of a megabyte of garbage on each keystroke in a 200 KB file.
 */
let scratch: Int32Array = new Int32Array(4096);

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const hasCircles = (text: string): boolean => text.includes('○') || text.includes('〇');

/**
 * Lines whose first visible character is ○ or 〇: the title line of an instrument on a 例規集 page
 * (○七ケ浜町情報セキュリティ基本方針), wherever the page was pasted.
 */
function circleTitleLines(doc: DocumentFacts, knownWithout?: (prose: Prose) => boolean): Span[] {
  const out: Span[] = [];
  const starts = doc.lines.lineStarts;
  for (const prose of doc.prose) {
    // A keystroke's document: its unchanged blocks are known (their matches were kept), and
    // walking every block's text for the two marks took 0.5 ms of a 200 KB file's keystroke.
    if (knownWithout?.(prose)) continue;
    const { text } = prose;
    // Each mark found by indexOf, the next of it only once it is passed: every block of the set
    // is asked, and a regular expression's matches were an object each.
    let circle = text.indexOf('○');
    let zero = text.indexOf('〇');
    while (circle >= 0 || zero >= 0) {
      const i = circle < 0 ? zero : zero < 0 ? circle : Math.min(circle, zero);
      if (i === circle) circle = text.indexOf('○', i + 1); else zero = text.indexOf('〇', i + 1);
      const at = prose.offset(i);
      const line = doc.lines.position(at).line;
      const lineStart = starts[line];
      let k = i;
      while (k > 0 && /[ \t\u3000]/u.test(text[k - 1]) && prose.offset(k - 1) >= lineStart) k--;
      if (k > 0 && prose.offset(k - 1) >= lineStart) continue;
      out.push({ start: lineStart, end: line + 1 < starts.length ? starts[line + 1] : doc.lines.length });
    }
  }
  return out;
}

/**
 * The titles of numbered heading lines: `５　職員等の遵守義務` is a heading although Markdown does
 * not know it. A title that is only the subject of a one-line sentence (ア　職員等は、…) is not.
 */
function headingTitles(doc: DocumentFacts): Span[] {
  const out: Span[] = [];
  for (const s of doc.sections) {
    if (!s.title || s.headingDepth > 0) continue;
    const t = s.titleSpan;
    if (t.end > t.start && t.end - t.start <= s.title.length + 2) out.push(t);
  }
  return out;
}

/** The span of `spans` (sorted, not overlapping) that holds a span, if any. */
function spanAt(spans: Span[]): (span: Span) => Span | undefined {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  return (span) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start <= span.start) lo = mid + 1; else hi = mid;
    }
    const s = sorted[lo - 1];
    return s && s.end >= span.end ? s : undefined;
  };
}

/** Whether a section title holding a use is a heading: a title, not a sentence ended by 。. */
function inHeadingTitle(prose: Prose, title: Span | undefined): boolean {
  if (!title) return false;
  const { text } = prose;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (prose.offset(mid) < title.end) lo = mid + 1; else hi = mid;
  }
  return text[lo - 1] !== '。' && text[lo] !== '。';
}

/** A body that issues its own instruments: the name before a long form or a term that makes it a proper name. */
const BODY_NAME = /(?:町|市|村|区|県|都|府|道|組合|連合|病院|本部|局|庁|センター|機構|公社|企業団)$/u;
/** The name of an instrument after a long form or a term: 大田市立病院情報セキュリティポリシー, …及び対策基準規程. */
const INSTRUMENT_AFTER = /^[\p{Script=Han}\p{Script=Katakana}ー・A-Za-z0-9０-９Ａ-Ｚａ-ｚ]*?(?:セキュリティー?ポリシー|ポリシー|基本方針|対策基準|実施手順|規程|規則|要綱|要領|条例|訓令|告示)/u;

/**
 * Whether the words at from..to are part of a proper name: right after the name of a body
 * (○○町立病院情報セキュリティポリシー), or followed by the name of an instrument
 * (大田市立病院情報セキュリティポリシー, 邑智郡総合事務組合情報セキュリティポリシー基本方針及び対策基準規程).
 */
export function isProperName(text: string, from: number, to: number): boolean {
  return BODY_NAME.test(text.slice(Math.max(0, from - 8), from)) || INSTRUMENT_AFTER.test(text.slice(to, to + 40));
}
