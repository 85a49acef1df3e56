// term/undefined: a term the model policy (or the configured vocabulary) defines, used in the set
// but defined nowhere in it: typically copied from another body's template. Reported once per
// document, at its first use.

import type { Finding } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import { checkedDocuments, finding, type CheckContext } from '../context';
import { usesIn } from '../../terms/termIndex';

export function checkUndefinedTerms(index: TraceIndex, ctx: CheckContext): Finding[] {
  const allow = new Set(ctx.allow ?? []);
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    const uses = usesIn(index.terms, doc).select(['vocabulary'], (term) => !allow.has(term));
    const seen = new Set<string>();
    for (const u of uses) {
      if (seen.has(u.term)) continue;
      seen.add(u.term);
      out.push(finding('term/undefined', doc, u.span, ctx.msg('termUndefined', u.term)));
    }
  }
  return out;
}
