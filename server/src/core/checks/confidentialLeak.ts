// trace/confidential-leak: a public document that links to a non-public one, or repeats a sentence
// of one. 実施手順 are non-public (the policy says so, for they tell how to get round the measures);
// a public 対策基準 that quotes one, or names its file in a link, makes it public too.

import type { Finding, Span } from '../types';
import type { DocumentFacts } from '../facts';
import type { TraceIndex } from '../index/traceIndex';
import { foldedHash, foldText } from '../text/fold';
import { isSpace } from '../text/chars';
import { sameItems } from '../sameItems';
import type { Prose } from '../text/prose';
import { checkedDocuments, finding, type CheckContext } from './context';

/** Shorter sentences (headings, 「〜とする。」) are common to many documents by nature. */
const MIN_SENTENCE = 20;

export function checkConfidentialLeaks(index: TraceIndex, ctx: CheckContext): Finding[] {
  const hidden = index.documents.filter((d) => d.publicity === 'private');
  if (!hidden.length) return [];
  const byPath = new Map(hidden.map((d) => [d.path, d]));
  let quoted: Quoted | undefined;
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    if (doc.publicity !== 'public') continue;
    for (const link of doc.links) {
      const target = byPath.get(link.target);
      if (!target) continue;
      out.push(finding('trace/confidential-leak', doc, link.span, ctx.msg('leakLink', target.title || target.path),
        [{ uri: target.uri, range: target.lines.range(target.titleSpan), message: target.title || target.path }]));
    }
    quoted ??= sentencesOf(index, hidden, ctx.once === true);
    for (const prose of doc.prose) {
      if (prose.heading) continue;
      // A keystroke asks again every block of the document, nearly all of them known to quote
      // nothing: one lookup for those, not their sentences' too (0.35 ms of a 200 KB file's).
      if (ctx.only && quotesNothing(quoted, prose)) continue;
      const list = sentencesIn(prose, ctx.once === true);
      const quotes = ctx.only ? quotesKept(quoted, prose, list) : quotesIn(quoted, prose, list);
      for (let q = 0; q < quotes.length; q += 2) {
        const k = quotes[q] as number;
        const source = quotes[q + 1] as Source;
        out.push(finding('trace/confidential-leak', doc, spanOf(prose, list.data[k + 1], list.data[k + 2]), ctx.msg('leakQuote', source.doc.title || source.doc.path),
          [{ uri: source.doc.uri, range: source.doc.lines.range(spanOf(source.prose, source.from, source.to)), message: source.doc.title || source.doc.path }]));
      }
    }
  }
  return out;
}

/** The quoted sentences of a block, as flat pairs: the sentence's place in `list`, its source. */
function quotesIn(quoted: Quoted, prose: Prose, list: Sentences): (number | Source)[] {
  const out: (number | Source)[] = [];
  const { data } = list;
  for (let k = 0; k < list.size; k += 3) {
    const source = quotedAt(quoted, data[k], prose, data[k + 1], data[k + 2]);
    if (source) out.push(k, source);
  }
  return out;
}

/**
 * quotesIn, kept per block while the map of non-public sentences stays the same: a keystroke in a
 * public document looks up again only the blocks it changed (an edit takes over the others,
 * recycle.ts), not every sentence of the document. Only for one document's findings (the
 * editor's): a cold check looks each block up once.
 */
const kept = new WeakMap<Prose, { quoted: Quoted; quotes: (number | Source)[] }>();

/** Whether the block is known to quote no non-public sentence of this map. */
function quotesNothing(quoted: Quoted, prose: Prose): boolean {
  const last = kept.get(prose);
  return last !== undefined && last.quoted === quoted && last.quotes.length === 0;
}

function quotesKept(quoted: Quoted, prose: Prose, list: Sentences): (number | Source)[] {
  const last = kept.get(prose);
  if (last?.quoted === quoted) return last.quotes;
  const quotes = quotesIn(quoted, prose, list);
  kept.set(prose, { quoted, quotes });
  return quotes;
}

/** A sentence of a non-public document: as indices into its block's visible text. */
interface Source { doc: DocumentFacts; prose: Prose; from: number; to: number }

/**
 * The first sentence of each key, by the key's hash; a sentence whose hash an earlier sentence of
 * another key has goes by its key (rare: a 10 MB set has some 50,000 sentences and 2^30 hashes).
 */
interface Quoted { byHash: Map<number, Source>; byKey: Map<string, Source> }

/**
 * The set's last map, with the documents it was made of (in the index's memos): an edit in a
 * public document (the usual keystroke) leaves the non-public ones as they were, and remaking the
 * map of every sentence of every procedure took a third of a keystroke's time in a large set.
 */
interface Last { docs: DocumentFacts[]; quoted: Quoted }

const MEMO = 'trace/confidential-leak';

function sentencesOf(index: TraceIndex, docs: DocumentFacts[], once: boolean): Quoted {
  const last = index.memos.get(MEMO) as Last | undefined;
  if (last && sameItems(last.docs, docs)) return last.quoted;
  const out: Quoted = { byHash: new Map(), byKey: new Map() };
  for (const doc of docs) {
    for (const prose of doc.prose) {
      if (prose.heading) continue;
      const { data, size } = sentencesIn(prose, once);
      for (let k = 0; k < size; k += 3) {
        const hash = data[k], from = data[k + 1], to = data[k + 2];
        const first = out.byHash.get(hash);
        if (!first) { out.byHash.set(hash, { doc, prose, from, to }); continue; }
        // A sentence repeated in the non-public documents is kept once, at its first place; most
        // repeats are written alike, and need no keys to tell.
        if (sameUnits(prose.text, from, to, first.prose.text, first.from, first.to)) continue;
        const key = keyOf(prose, from, to);
        if (key !== keyOf(first.prose, first.from, first.to) && !out.byKey.has(key)) out.byKey.set(key, { doc, prose, from, to });
      }
    }
  }
  if (!once) index.memos.set(MEMO, { docs, quoted: out } satisfies Last);
  return out;
}

/** The non-public sentence with the key of this one, if any. */
function quotedAt(quoted: Quoted, hash: number, prose: Prose, from: number, to: number): Source | undefined {
  const first = quoted.byHash.get(hash);
  if (!first) return undefined;
  if (sameUnits(prose.text, from, to, first.prose.text, first.from, first.to)) return first;
  const key = keyOf(prose, from, to);
  return keyOf(first.prose, first.from, first.to) === key ? first : quoted.byKey.get(key);
}

/** Whether two stretches of text are written alike, unit for unit (then their keys are the same). */
function sameUnits(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let i = 0; i < aTo - aFrom; i++) if (a.charCodeAt(aFrom + i) !== b.charCodeAt(bFrom + i)) return false;
  return true;
}

/** Where a sentence is now: a block's text keeps its sentences when an edit elsewhere moves it. */
function spanOf(prose: Prose, from: number, to: number): Span {
  return { start: prose.offset(from), end: prose.offset(to - 1) + 1 };
}

/** Blind to width and spaces: a quote retyped in 全角 or wrapped differently is the same sentence. */
function keyOf(prose: Prose, from: number, to: number): string {
  return foldText(prose.text.slice(from, to)).replace(/\s+/g, '');
}

/**
 * A block's sentences of some length as flat triples [hash of key, from, to] (the first `size`
 * numbers of `data`), indices into its visible text. Numbers, not objects and key strings: those
 * held 7 MB in a 10 MB set, and arrays grown by push twice what they hold. What sentencesIn gives
 * holds until its next call (every caller reads a block's before it asks for the next).
 */
interface Sentences { readonly data: ArrayLike<number>; readonly size: number }

/**
 * Each block's triples, made once per block text and kept as an array of their exact length: an
 * edit takes over the blocks it did not change (recycle.ts), and with them these.
 */
const cache = new WeakMap<Prose, readonly number[]>();
const NONE: readonly number[] = [];

/**
 * Where a block's triples are written, and what sentencesIn answers with: a check made once
 * (the command line) reads each block once, and is given the buffer itself, nothing kept.
 */
let buffer = new Int32Array(3 * 64);
const answer = { data: buffer as ArrayLike<number>, size: 0 };

function sentencesIn(prose: Prose, once: boolean): Sentences {
  const kept = cache.get(prose);
  if (kept) return answerWith(kept, kept.length);
  let n = 0;
  const text = prose.text;
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('。', from);
    to = to < 0 ? text.length : to + 1;
    let start = from;
    while (start < to && isSpace(text.charCodeAt(start))) start++;
    let end = to;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    let visible = 0;
    for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) visible++;
    if (visible >= MIN_SENTENCE) {
      if (n + 3 > buffer.length) {
        const grown = new Int32Array(buffer.length * 2);
        grown.set(buffer);
        buffer = grown;
      }
      buffer[n++] = foldedHash(text, start, end);
      buffer[n++] = start;
      buffer[n++] = end;
    }
    from = to;
  }
  if (once) return answerWith(buffer, n);
  let list = NONE;
  if (n) {
    const copy: number[] = new Array(n);
    for (let i = 0; i < n; i++) copy[i] = buffer[i];
    list = copy;
  }
  cache.set(prose, list);
  return answerWith(list, n);
}

function answerWith(data: ArrayLike<number>, size: number): Sentences {
  answer.data = data;
  answer.size = size;
  return answer;
}
