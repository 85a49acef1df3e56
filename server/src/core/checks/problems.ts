// config/invalid for documents: front matter that cannot be read, at the offending spot; and
// config/encoding: a file that is not UTF-8, read in the encoding it is in; document/limit: a file
// read in part as plain lines (lists or quotes nested too deep for the Markdown parser, or a
// paragraph with more inline markup than it can take), or too long
// to read in full or at all.

import type { Finding } from '../types';
import type { TraceIndex } from '../index/traceIndex';
import { MAX_NESTING } from '../parse/chunks';
import { DOCUMENT_BUDGET, TERMS_BUDGET } from '../facts';
import { checkedDocuments, finding, type CheckContext } from './context';

export function checkDocumentProblems(index: TraceIndex, ctx: CheckContext): Finding[] {
  return checkedDocuments(index, ctx).flatMap((doc) => [
    ...(doc.encoding ? [finding('config/encoding', doc, doc.titleSpan, ctx.msg('notUtf8', doc.encoding))] : []),
    ...(doc.plainText?.includes('nesting') ? [finding('document/limit', doc, doc.titleSpan, ctx.msg('nestedTooDeep', MAX_NESTING))] : []),
    ...(doc.plainText?.includes('markup') ? [finding('document/limit', doc, doc.titleSpan, ctx.msg('markupTooDense'))] : []),
    ...(doc.structureOnly ? [finding('document/limit', doc, doc.titleSpan, ctx.msg('tooLargeForTerms', TERMS_BUDGET.toLocaleString('en')))] : []),
    ...(doc.unread ? [finding('document/limit', doc, doc.titleSpan, ctx.msg('tooLargeToRead', DOCUMENT_BUDGET.toLocaleString('en')))] : []),
    ...(doc.failed ? [finding('document/limit', doc, { start: 0, end: 0 }, ctx.msg('analysisFailed', doc.failed))] : []),
    ...doc.problems.map((p) => finding('config/invalid', doc, p.span, ctx.msg(p.message, ...p.args))),
  ]);
}
