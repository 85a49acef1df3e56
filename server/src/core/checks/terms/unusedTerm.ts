// term/unused: a defined term used nowhere in the whole set (uses in other tiers count).

import type { Finding } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import { finding, type CheckContext } from '../context';

export function checkUnusedTerms(index: TraceIndex, ctx: CheckContext): Finding[] {
  const allow = new Set(ctx.allow ?? []);
  const used = new Set<string>();
  for (const uses of index.terms.uses.values()) {
    for (const u of uses) if (u.entry && (u.kind === 'exact' || u.kind === 'variant' || u.kind === 'longForm')) used.add(u.entry.key);
  }
  const out: Finding[] = [];
  for (const entry of index.terms.glossary.entries) {
    if (used.has(entry.key) || allow.has(entry.term)) continue;
    for (const d of entry.definitions) {
      out.push({ ...finding('term/unused', d.doc, d.span, ctx.msg('termUnused', entry.term)), tags: ['unnecessary'] });
    }
  }
  return out;
}
