// What the term rules share: pointing at where a term is defined, and reading the text around a use.

import type { RelatedInfo, Span } from '../../types';
import type { DocumentFacts } from '../../facts';
import type { GlossaryEntry } from '../../terms/glossary';
import type { CheckContext } from '../context';

export function definitionRelated(entry: GlossaryEntry | undefined, ctx: CheckContext): RelatedInfo[] {
  return (entry?.definitions ?? []).map((d) => ({ uri: d.doc.uri, range: d.doc.lines.range(d.span), message: ctx.msg('relatedDefinition', d.term) }));
}

/** The index in a prose text of the first character at or after a source offset. */
function indexAt(prose: DocumentFacts['prose'][number], offset: number): number {
  let lo = 0;
  let hi = prose.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (prose.offset(mid) < offset) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Whether the visible text from `from` to `to` (source offsets) lies in one block and holds no end
 * of sentence: a term written there belongs to the sentence that defines it further on
 * (`阿久比町情報セキュリティ対策基準(…。以下「対策基準」という。)`).
 */
export function sameSentence(doc: DocumentFacts, from: number, to: number): boolean {
  for (const prose of doc.prose) {
    const { text } = prose;
    if (!text.length || prose.offset(0) > from || prose.offset(text.length) < to) continue;
    const i = indexAt(prose, from);
    const j = indexAt(prose, to);
    if (i >= text.length || prose.offset(i) !== from) continue;
    return !text.slice(i, j).includes('。');
  }
  return false;
}

/** The source line a span starts on. */
export function lineOf(doc: DocumentFacts, span: Span): number {
  return doc.lines.position(span.start).line;
}
