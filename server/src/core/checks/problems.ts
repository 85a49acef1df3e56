// config/invalid for documents: front matter that cannot be read, at the offending spot; and
// config/encoding: a file that is not UTF-8, read in the encoding it is in.

import type { Finding } from '../types';
import type { TraceIndex } from '../index/traceIndex';
import { checkedDocuments, finding, type CheckContext } from './context';

export function checkDocumentProblems(index: TraceIndex, ctx: CheckContext): Finding[] {
  return checkedDocuments(index, ctx).flatMap((doc) => [
    ...(doc.encoding ? [finding('config/encoding', doc, doc.titleSpan, ctx.msg('notUtf8', doc.encoding))] : []),
    ...doc.problems.map((p) => finding('config/invalid', doc, p.span, ctx.msg(p.message, ...p.args))),
  ]);
}
