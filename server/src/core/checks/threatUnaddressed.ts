// trace/threat-unaddressed: a threat of the basic policy's 対象とする脅威 that no measure addresses,
// once the set declares what its measures answer to (`対応する脅威: 3(1)、3(3)`); a set that declares
// nothing is not asked. A declared ID that names no threat is an unresolved reference.

import type { Finding } from '../types';
import type { TraceIndex } from '../index/traceIndex';
import { threatCoverage } from '../index/threats';
import { checkedDocuments, finding, nodeSpan, type CheckContext } from './context';

export function checkThreats(index: TraceIndex, ctx: CheckContext): Finding[] {
  const { threats, declarations, measures } = threatCoverage(index);
  if (!declarations.length) return [];
  const docs = new Set(checkedDocuments(index, ctx));
  const out: Finding[] = [];
  for (const t of threats) {
    if (docs.has(t.node.doc) && !measures.get(t)!.length) {
      out.push(finding('trace/threat-unaddressed', t.node.doc, nodeSpan(t.node), ctx.msg('threatUnaddressed', t.id, t.title)));
    }
  }
  for (const d of declarations) {
    if (!docs.has(d.node.doc)) continue;
    for (const id of d.ids) {
      if (!id.threat) out.push(finding('trace/unresolved-reference', d.node.doc, id.span, ctx.msg('threatUnknown', id.written)));
    }
  }
  return out;
}
