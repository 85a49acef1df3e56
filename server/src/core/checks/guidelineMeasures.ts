// guideline/missing-measure: the measures of a basic policy compared with the guideline profile's
// (the current 総務省 model by default): the model measures it lacks, and, where the policy lists
// the layers of 6(3), the layers it lacks. One finding per measures section, on its heading: a
// policy written to an older edition legitimately has fewer, and the message says so.

import type { Finding } from '../types';
import type { Measure, TraceIndex } from '../index/traceIndex';
import { synonymTitleKey } from '../text/titles';
import { listOf } from '../messages';
import { checkedDocuments, finding, type CheckContext } from './context';

/** Whether a policy's title names the model's: the same key once folded, or one holding the other. */
function names(title: string, model: string): boolean {
  const a = synonymTitleKey(title);
  const b = synonymTitleKey(model);
  return a === b || (b.length >= 2 && a.includes(b)) || (a.length >= 2 && b.includes(a));
}

export function checkGuidelineMeasures(index: TraceIndex, ctx: CheckContext): Finding[] {
  const profile = ctx.guideline;
  if (!profile) return [];
  const docs = new Set(checkedDocuments(index, ctx));
  const out: Finding[] = [];
  // The measures of each measures section: a set may hold two policies.
  const sections = new Map<string, Measure[]>();
  for (const m of index.measures) {
    if (m.parent || !docs.has(m.node.doc)) continue;
    const parent = m.node.section >= 0 ? m.node.doc.sections[m.node.section].parent : -1;
    const key = `${m.node.doc.uri}|${parent}`;
    const list = sections.get(key);
    if (list) list.push(m); else sections.set(key, [m]);
  }
  const name = ctx.locale === 'en' ? profile.nameEn ?? profile.name : profile.name;
  for (const measures of sections.values()) {
    const missing: string[] = [];
    for (const model of profile.measures) {
      const found = measures.find((m) => names(m.title, model.title));
      if (!found) {
        missing.push(ctx.msg('guidelineMeasure', model.id, model.title));
        continue;
      }
      const layers = index.measures.filter((c) => c.parent === found);
      if (!model.layers || !layers.length) continue;
      for (const alternatives of model.layers) {
        if (!layers.some((l) => alternatives.some((a) => names(l.title, a)))) missing.push(ctx.msg('guidelineLayer', found.id, alternatives[0]));
      }
    }
    if (!missing.length) continue;
    const { doc, section } = measures[0].node;
    const parent = section >= 0 ? doc.sections[section].parent : -1;
    const span = parent >= 0 ? doc.sections[parent].headingSpan : doc.titleSpan;
    out.push(finding('guideline/missing-measure', doc, span, ctx.msg('guidelineMissing', name, listOf(ctx.msg, missing))));
  }
  return out;
}
