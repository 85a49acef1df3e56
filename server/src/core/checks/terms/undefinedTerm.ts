// term/undefined: a term the model policy (or the configured vocabulary) defines, used in the set
// but defined nowhere in it: typically copied from another body's template. Reported once per
// document, at its first use in the body text (not on the title line, a caption or a 目次, nor
// inside the name of an instrument: 北山町情報セキュリティ対策基準 is no use of 情報セキュリティ).
// A set that defines some model terms has a gap in its 定義 list (warning); a set that defines
// none of them does not follow the model's terms at all, and is only told (information). A term
// of the configured vocabulary was asked for: always a warning.

import type { Finding, Severity } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import { checkedDocuments, finding, type CheckContext } from '../context';
import { usesIn } from '../../terms/termIndex';
import { isModelTerm } from '../../terms/glossary';

export function checkUndefinedTerms(index: TraceIndex, ctx: CheckContext): Finding[] {
  const allow = new Set(ctx.allow ?? []);
  const { definesModelTerms } = index.terms.glossary;
  const severityOf = (term: string): Severity => (definesModelTerms || !isModelTerm(term) ? 'warning' : 'information');
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    const uses = usesIn(index.terms, doc).select(['vocabulary'], (term) => !allow.has(term));
    const seen = new Set<string>();
    for (const u of uses) {
      if (seen.has(u.term) || u.furniture || u.properName) continue;
      seen.add(u.term);
      out.push({ ...finding('term/undefined', doc, u.span, ctx.msg('termUndefined', u.term)), severity: severityOf(u.term) });
    }
  }
  return out;
}
