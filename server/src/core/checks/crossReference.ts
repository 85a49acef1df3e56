// ref/unresolved: a reference inside a document (第9条, 前条, 第3条第2項, 上記7, 別表第2) whose
// target the document does not have.

import type { Finding } from '../types';
import type { TraceIndex } from '../index/traceIndex';
import { crossReferences } from '../index/crossReferences';
import { checkedDocuments, finding, type CheckContext } from './context';

export function checkCrossReferences(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    for (const r of crossReferences(doc)) {
      if (r.targets.length) continue;
      const message = r.wanted === undefined
        ? ctx.msg('crossRefNoNeighbour', r.written)
        : ctx.msg('crossRefMissing', r.written, r.wanted);
      out.push(finding('ref/unresolved', doc, r.span, message));
    }
  }
  return out;
}
