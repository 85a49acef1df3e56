// trace/inferred-link: a standards section linked to a measure only because their titles match
// loosely; the quick fix writes the link down.

import type { Finding } from '../types';
import { nodeKey, type TraceIndex } from '../index/traceIndex';
import { checkedDocuments, finding, relatedTo, type CheckContext } from './context';

export function checkInferredLinks(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const measureAt = new Map(index.measures.map((m) => [nodeKey(m.node), m]));
  for (const link of checkedDocuments(index, ctx).flatMap((d) => index.linksIn(d))) {
    if (link.via !== 'inferred' || link.from.section < 0) continue;
    const measure = measureAt.get(nodeKey(link.to));
    if (!measure) continue;
    const doc = link.from.doc;
    const section = doc.sections[link.from.section];
    const line = `根拠: 基本方針 ${measure.id}`;
    const at = doc.lines.position(section.insertAt);
    const fix = {
      title: ctx.msg('fixInsertBasis', line),
      edits: [{ uri: doc.uri, edits: [{ range: { start: at, end: at }, newText: `${doc.eol}${doc.eol}${line}` }] }],
    };
    out.push(finding('trace/inferred-link', doc, section.titleSpan, ctx.msg('inferredLink', section.title, measure.id, measure.title),
      [relatedTo(measure.node, ctx.msg('relatedMeasure', measure.id, measure.title))], [fix]));
  }
  return out;
}
