// term/variant: a spelling variant of a defined term (ﾈｯﾄﾜｰｸ, セキュリティー, 強靱/強靭, 取り扱い);
// the quick fix writes the defined form, and one fix mends the whole set at once.

import type { Finding, FixData } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import type { TermUse } from '../../terms/uses';
import type { DocumentFacts } from '../../facts';
import { finding, type CheckContext } from '../context';
import { definitionRelated } from './shared';

/** Beyond this many variants, the fix-all edit is left out: it would repeat in every diagnostic. */
const FIX_ALL_LIMIT = 500;

export function checkVariants(index: TraceIndex, ctx: CheckContext): Finding[] {
  const allow = new Set(ctx.allow ?? []);
  const variants: [DocumentFacts, TermUse][] = [];
  for (const [doc, uses] of index.terms.uses) {
    for (const u of uses) if (u.kind === 'variant' && !allow.has(u.written) && !allow.has(u.term)) variants.push([doc, u]);
  }
  const fixAll: FixData | undefined = variants.length > 1 && variants.length <= FIX_ALL_LIMIT ? {
    title: ctx.msg('fixAllVariants', variants.length),
    edits: [...index.terms.uses.keys()].map((doc) => ({
      uri: doc.uri,
      edits: variants.filter(([d]) => d === doc).map(([, u]) => ({ range: doc.lines.range(u.span), newText: u.term })),
    })).filter((e) => e.edits.length),
  } : undefined;
  return variants.map(([doc, u]) => {
    const one: FixData = { title: ctx.msg('fixReplaceReference', u.term), edits: [{ uri: doc.uri, edits: [{ range: doc.lines.range(u.span), newText: u.term }] }] };
    return finding('term/variant', doc, u.span, ctx.msg('termVariant', u.written, u.term), definitionRelated(u.entry, ctx), fixAll ? [one, fixAll] : [one]);
  });
}
