// trace/confidential-leak: a public document that links to a non-public one, or repeats a sentence
// of one. 実施手順 are non-public (the policy says so, for they tell how to get round the measures);
// a public 対策基準 that quotes one, or names its file in a link, makes it public too.

import type { Finding, Span } from '../types';
import type { DocumentFacts } from '../facts';
import type { TraceIndex } from '../index/traceIndex';
import { foldText } from '../text/fold';
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
    quoted ??= sentencesOf(index, hidden);
    for (const prose of doc.prose) {
      if (prose.heading) continue;
      for (const s of sentencesIn(prose)) {
        const source = quoted.get(s.key);
        if (!source) continue;
        out.push(finding('trace/confidential-leak', doc, spanOf(s), ctx.msg('leakQuote', source.doc.title || source.doc.path),
          [{ uri: source.doc.uri, range: source.doc.lines.range(spanOf(source.sentence)), message: source.doc.title || source.doc.path }]));
      }
    }
  }
  return out;
}

/** A sentence: its key, and where it is as indices into its block's visible text. */
interface Sentence { key: string; prose: Prose; from: number; to: number }

type Quoted = Map<string, { doc: DocumentFacts; sentence: Sentence }>;

/**
 * The set's last map, with the documents it was made of (in the index's memos): an edit in a
 * public document (the usual keystroke) leaves the non-public ones as they were, and remaking the
 * map of every sentence of every procedure took a third of a keystroke's time in a large set.
 */
interface Last { docs: DocumentFacts[]; quoted: Quoted }

const MEMO = 'trace/confidential-leak';

function sentencesOf(index: TraceIndex, docs: DocumentFacts[]): Quoted {
  const last = index.memos.get(MEMO) as Last | undefined;
  if (last && sameItems(last.docs, docs)) return last.quoted;
  const out: Quoted = new Map();
  for (const doc of docs) {
    for (const prose of doc.prose) {
      if (prose.heading) continue;
      for (const s of sentencesIn(prose)) if (!out.has(s.key)) out.set(s.key, { doc, sentence: s });
    }
  }
  index.memos.set(MEMO, { docs, quoted: out } satisfies Last);
  return out;
}

/** Where a sentence is now: a block's text keeps its sentences when an edit elsewhere moves it. */
function spanOf(s: Sentence): Span {
  return { start: s.prose.offset(s.from), end: s.prose.offset(s.to - 1) + 1 };
}

/**
 * A block's sentences of some length, by a key blind to width and spaces; made once per block
 * text: an edit takes over the blocks it did not change (recycle.ts), and with them these.
 */
const cache = new WeakMap<Prose, Sentence[]>();

function sentencesIn(prose: Prose): Sentence[] {
  let list = cache.get(prose);
  if (list) return list;
  list = [];
  const text = prose.text;
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('。', from);
    to = to < 0 ? text.length : to + 1;
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body.replace(/\s+/g, '').length >= MIN_SENTENCE) {
      const start = from + lead;
      list.push({ key: foldText(body).replace(/\s+/g, ''), prose, from: start, to: start + body.length });
    }
    from = to;
  }
  cache.set(prose, list);
  return list;
}
