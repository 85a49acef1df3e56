// trace/no-measures: a basic policy in which no measures section is found. Without it every other
// trace rule has nothing to check, and silence would pass a policy whose measures have no standards.

import type { Finding } from '../types';
import type { DocumentFacts } from '../facts';
import { DEFAULT_INDEX_OPTIONS, type TraceIndex } from '../index/traceIndex';
import { hasTier, tierAt } from '../parse/parts';
import { checkedDocuments, finding, type CheckContext } from './context';

export function checkNoMeasures(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const withMeasures = new Set(index.measures.map((m) => m.node.doc));
  for (const doc of checkedDocuments(index, ctx)) {
    if (!hasTier(doc, 'policy') || withMeasures.has(doc)) continue;
    // Another basic policy of the set lists the measures: this one is a companion (an annex).
    if (index.measures.length) continue;
    const candidates = nearest(doc);
    const wanted = ctx.measuresSection ?? DEFAULT_INDEX_OPTIONS.measuresSection;
    out.push(finding('trace/no-measures', doc, doc.titleSpan, candidates.length
      ? ctx.msg('noMeasures', wanted, candidates.join('、'))
      : ctx.msg('noMeasuresNoCandidate', wanted)));
  }
  return out;
}

/** Up to three sections of the policy whose title or first sentence speaks of 対策, as `ID 「title」`. */
function nearest(doc: DocumentFacts): string[] {
  const out: string[] = [];
  for (const s of doc.sections) {
    // Headings and articles, not the paragraphs (項) inside them.
    // The document's own title heading is not a candidate either.
    if (tierAt(doc, s.index) !== 'policy' || s.id?.includes('項') || (!s.id && s.headingDepth === 1) || !/対策/.test(`${s.title}${s.summary}`)) continue;
    out.push(`${s.id ?? ''}「${s.title || s.summary}」`.trim());
    if (out.length === 3) break;
  }
  return out;
}
