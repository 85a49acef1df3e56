// term/conflict: the same term defined twice with different meanings, in one document or across tiers.

import type { Finding } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import { meaningKey } from '../../terms/glossary';

/** Other definitions shown with a conflict: enough to find them, not thousands. */
const MAX_RELATED = 10;
import { finding, type CheckContext } from '../context';

export function checkConflicts(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const entry of index.terms.glossary.entries) {
    const defs = entry.definitions;
    if (defs.length < 2) continue;
    // Grouped by meaning once (within each kind of definition, see meaningKey): a term defined
    // thousands of times the same way costs one pass, not a comparison of every pair.
    const groups = new Map<string, Map<string, typeof defs>>();
    for (const d of defs) {
      const { kind, key } = meaningKey(d);
      if (kind === 'any') continue;
      const ofKind = groups.get(kind) ?? groups.set(kind, new Map()).get(kind)!;
      const group = ofKind.get(key);
      if (group) group.push(d); else ofKind.set(key, [d]);
    }
    for (const ofKind of groups.values()) {
      if (ofKind.size < 2) continue;
      for (const [key, group] of ofKind) {
        const others = [...ofKind].filter(([k]) => k !== key).flatMap(([, g]) => g).slice(0, MAX_RELATED);
        const related = others.map((o) => ({ uri: o.doc.uri, range: o.doc.lines.range(o.span), message: `${ctx.msg('relatedDefinition', o.term)}: ${o.text}` }));
        for (const d of group) {
          if (ctx.only && d.doc !== ctx.only) continue;
          out.push(finding('term/conflict', d.doc, d.span, ctx.msg('termConflict', d.term), related));
        }
      }
    }
  }
  return out;
}
