// term/conflict: the same term defined twice with different meanings, in one document or across tiers.

import type { Finding } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import { sameMeaning } from '../../terms/glossary';
import { finding, type CheckContext } from '../context';

export function checkConflicts(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const entry of index.terms.glossary.entries) {
    const defs = entry.definitions;
    if (defs.length < 2 || defs.every((d) => sameMeaning(d, defs[0]))) continue;
    for (const d of defs) {
      if (ctx.only && d.doc !== ctx.only) continue;
      const others = defs.filter((o) => o !== d && !sameMeaning(o, d));
      if (!others.length) continue;
      const related = others.map((o) => ({ uri: o.doc.uri, range: o.doc.lines.range(o.span), message: `${ctx.msg('relatedDefinition', o.term)}: ${o.text}` }));
      out.push(finding('term/conflict', d.doc, d.span, ctx.msg('termConflict', d.term), related));
    }
  }
  return out;
}
