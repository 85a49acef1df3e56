// What is under the cursor: a trace reference, a reference inside the document (前条, 第3条第2項,
// 上記6), a measure, a section heading or a document title.

import type { DocumentFacts } from '../facts';
import { nodeKey, type Measure, type NodeRef, type ResolvedReference, type TraceIndex } from '../index/traceIndex';
import { crossReferences, type CrossReference } from '../index/crossReferences';

export type Located =
  | { kind: 'reference'; resolved: ResolvedReference }
  | { kind: 'crossReference'; ref: CrossReference; doc: DocumentFacts }
  | { kind: 'measure'; measure: Measure }
  | { kind: 'node'; node: NodeRef };

const inside = (offset: number, span: { start: number; end: number }): boolean => offset >= span.start && offset <= span.end;

export function locate(index: TraceIndex, doc: DocumentFacts, offset: number): Located | undefined {
  const ref = index.references.find((r) => r.doc === doc && inside(offset, r.ref.span));
  if (ref) return { kind: 'reference', resolved: ref };
  const cross = crossReferences(doc).find((r) => inside(offset, r.span));
  if (cross) return { kind: 'crossReference', ref: cross, doc };
  // The innermost section whose opening line holds the cursor.
  for (let i = doc.sections.length - 1; i >= 0; i--) {
    if (!inside(offset, doc.sections[i].headingSpan)) continue;
    const node = { doc, section: i };
    const measure = index.measures.find((m) => nodeKey(m.node) === nodeKey(node));
    return measure ? { kind: 'measure', measure } : { kind: 'node', node };
  }
  if (inside(offset, doc.titleSpan)) return { kind: 'node', node: { doc, section: -1 } };
  return undefined;
}
