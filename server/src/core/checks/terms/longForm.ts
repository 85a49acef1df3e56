// term/long-form: the long form of an abbreviation written out after the abbreviation was
// defined in the same document; the quick fix writes the short form. Not inside a proper name
// (大田市立病院情報セキュリティポリシー keeps 大田市立病院 although 当院 is defined), not on the
// line that defines the abbreviation, and not on the document's furniture (captions, 目次).

import type { Finding } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import { checkedDocuments, finding, type CheckContext } from '../context';
import { usesIn } from '../../terms/termIndex';
import { lineOf } from './shared';

export function checkLongForms(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    for (const u of usesIn(index.terms, doc).select(['longForm'])) {
      if (!u.entry || u.properName || u.furniture) continue;
      const defs = u.entry.definitions.filter((d) => d.doc === doc && d.longForm);
      const def = defs.find((d) => (d.extent ?? d.span).end <= u.span.start);
      if (!def || defs.some((d) => lineOf(doc, d.extent ?? d.span) === lineOf(doc, u.span))) continue;
      const fix = { title: ctx.msg('fixReplaceReference', u.term), edits: [{ uri: doc.uri, edits: [{ range: doc.lines.range(u.span), newText: u.term }] }] };
      out.push(finding('term/long-form', doc, u.span, ctx.msg('termLongForm', u.written, u.term),
        [{ uri: doc.uri, range: doc.lines.range(def.span), message: ctx.msg('relatedDefinition', u.term) }], [fix]));
    }
  }
  return out;
}
