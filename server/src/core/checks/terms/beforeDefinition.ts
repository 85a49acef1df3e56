// term/before-definition: a term used in body text before its inline definition in the same
// document. Headings are exempt (a title may name what the text below defines), and so is the
// document's furniture (title line, captions, 目次, a ○ title line): none of it is body text. A
// term inside a proper name (…基本方針及び対策基準規程) is no use of it, and one written in the
// sentence that defines it further on belongs to its long form.

import type { Finding } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import { checkedDocuments, finding, type CheckContext } from '../context';
import { usesIn } from '../../terms/termIndex';
import type { GlossaryEntry } from '../../terms/glossary';
import { sameSentence } from './shared';

export function checkBeforeDefinition(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    // Defined elsewhere in the set by a definitions section: the reader already knows it.
    const definedInlineHere = (_: string, entry: GlossaryEntry | undefined): boolean => !!entry
      && entry.definitions.every((d) => d.kind === 'inline') && entry.definitions.some((d) => d.doc === doc);
    for (const u of usesIn(index.terms, doc).select(['exact'], definedInlineHere)) {
      if (u.heading || u.furniture || u.properName) continue;
      const inline = u.entry!.definitions.filter((d) => d.doc === doc && d.kind === 'inline');
      if (inline.some((d) => d.span.start < u.start)) continue;
      if (inline.some((d) => sameSentence(doc, u.start, (d.extent ?? d.span).start))) continue;
      out.push(finding('term/before-definition', doc, u.span, ctx.msg('termBeforeDefinition', u.term),
        inline.map((d) => ({ uri: doc.uri, range: doc.lines.range(d.span), message: ctx.msg('relatedDefinition', d.term) }))));
    }
  }
  return out;
}
