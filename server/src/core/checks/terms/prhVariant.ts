// term/variant from prh dictionaries: a spelling a team's prh.yml rule replaces.

import type { Finding } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import { checkedDocuments, finding, type CheckContext } from '../context';

export function checkPrhVariants(index: TraceIndex, ctx: CheckContext): Finding[] {
  const allow = new Set(ctx.allow ?? []);
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    const uses = index.terms.prhUses.get(doc) ?? [];
    for (const u of uses) {
      if (allow.has(u.written)) continue;
      const fix = { title: ctx.msg('fixReplaceReference', u.rule.expected), edits: [{ uri: doc.uri, edits: [{ range: doc.lines.range(u.span), newText: u.rule.expected }] }] };
      out.push(finding('term/variant', doc, u.span, ctx.msg('termVariantPrh', u.written, u.rule.expected), [], [fix]));
    }
  }
  return out;
}
