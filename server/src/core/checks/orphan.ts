// trace/orphan: a standards section or a procedure that links to nothing above it.

import type { Finding } from '../types';
import type { DocumentFacts } from '../facts';
import type { TraceIndex } from '../index/traceIndex';
import { looseTitleKey } from '../text/titles';
import { hasTier, tierAt } from '../parse/parts';
import { chaptersByFirstArticle } from '../parse/structure';
import { checkedDocuments, finding, type CheckContext } from './context';

export function checkOrphans(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const exempt = new Set(ctx.orphanExemptTitles.map(looseTitleKey));
  for (const doc of checkedDocuments(index, ctx)) {
    // Sections that cite upward (resolved or not: an unresolved one is reported by its own rule).
    const linked = new Set<number>(index.linksIn(doc).map((l) => l.from.section));
    for (const r of doc.references) if (r.tier !== tierAt(doc, r.section) && r.tier !== 'procedure') linked.add(r.section);
    // A chapter whose first article states its basis is linked with it, resolved or not: an
    // unresolved basis is reported as such, not once more as orphans of the articles after it.
    for (const [article, chapter] of chaptersByFirstArticle(doc.sections)) if (linked.has(article)) linked.add(chapter);
    if (doc.tier === 'procedure' && !doc.parts.length) {
      if (linked.size === 0) out.push(finding('trace/orphan', doc, doc.titleSpan, ctx.msg('orphanProcedure', doc.title || doc.path)));
    } else if (hasTier(doc, 'standard') && !linked.has(-1)) {
      out.push(...orphanSections(doc, linked, exempt, ctx));
    }
  }
  return out;
}

/** The outermost sections with no link in themselves, their ancestors or their descendants. */
function orphanSections(doc: DocumentFacts, linked: Set<number>, exempt: Set<string>, ctx: CheckContext): Finding[] {
  const hasLinkBelow = new Array<boolean>(doc.sections.length).fill(false);
  for (let i = doc.sections.length - 1; i >= 0; i--) {
    if (linked.has(i)) hasLinkBelow[i] = true;
    const p = doc.sections[i].parent;
    if (hasLinkBelow[i] && p >= 0) hasLinkBelow[p] = true;
  }
  const out: Finding[] = [];
  const skip = new Array<boolean>(doc.sections.length).fill(false);
  const parts = new Set(doc.parts.map((p) => p.section));
  for (const s of doc.sections) {
    const p = s.parent;
    if (p >= 0 && (skip[p] || linked.has(p))) { skip[s.index] = true; continue; }
    // Only standards sections answer to a measure; a part's own heading (第2章 対策基準) is a frame.
    if (hasLinkBelow[s.index] || parts.has(s.index) || tierAt(doc, s.index) !== 'standard') continue;
    skip[s.index] = true;
    if (exempt.has(looseTitleKey(s.title))) continue;
    const name = [s.id, s.title || s.summary].filter(Boolean).join(' ');
    out.push(finding('trace/orphan', doc, s.headingSpan, ctx.msg('orphanSection', name)));
  }
  return out;
}
