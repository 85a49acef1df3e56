// trace/unresolved-reference: an explicit reference whose target does not exist.

import type { Finding } from '../types';
import type { TraceIndex } from '../index/traceIndex';
import { listOf, tierName } from '../messages';
import { checkedDocuments, finding, relatedTo, type CheckContext } from './context';

export function checkUnresolvedReferences(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const tiers = new Set(index.documents.map((d) => d.tier));
  for (const r of checkedDocuments(index, ctx).flatMap((d) => index.referencesIn(d))) {
    if (r.targets.length) continue;
    const { doc, ref } = r;
    const shown = ref.by === 'title' ? `「${ref.target}」` : ref.target;
    let message = tiers.has(ref.tier)
      ? ctx.msg('unresolved', shown, tierName(ctx.msg, ref.tier))
      : ctx.msg('unresolvedNoDoc', shown, tierName(ctx.msg, ref.tier));
    if (r.suggestions.length) message += ' ' + ctx.msg('didYouMean', listOf(ctx.msg, r.suggestions.map((s) => s.text)));
    const related = r.suggestions.map((s) => relatedTo(s.node, s.text));
    const fixes = r.suggestions.map((s) => ({
      title: ctx.msg('fixReplaceReference', s.text),
      edits: [{ uri: doc.uri, edits: [{ range: doc.lines.range(ref.targetSpan), newText: s.text }] }],
    }));
    out.push(finding('trace/unresolved-reference', doc, ref.span, message, related, fixes));
  }
  return out;
}
