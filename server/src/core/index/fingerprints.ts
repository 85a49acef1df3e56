// Change impact: each written reference from a lower tier to a higher one (a trace link), named by
// a key that survives edits elsewhere, and the fingerprint of the text it points to. The lock file
// keeps the fingerprint as it was when the reference was last reviewed; a different one now means
// the upstream text changed under the reference.

import { createHash } from 'node:crypto';
import type { DocumentFacts } from '../facts';
import type { Link, NodeRef, TraceIndex } from './traceIndex';

export interface TrackedLink {
  key: string;
  link: Link;
  /** The fingerprint of the target's text now. */
  fingerprint: string;
}

/**
 * The written trace links leaving a document, once per key (two 根拠 lines of one section naming
 * the same measure are one link). A chapter's link taken over from its first article is not
 * written there, so it is not tracked apart.
 */
export function trackedLinks(index: TraceIndex, doc: DocumentFacts): TrackedLink[] {
  const out = new Map<string, TrackedLink>();
  for (const link of index.linksIn(doc)) {
    if (link.via !== 'explicit' || !link.ref || link.ref.section !== link.from.section) continue;
    const key = linkKey(link);
    if (!out.has(key)) out.set(key, { key, link, fingerprint: fingerprint(link.to) });
  }
  return [...out.values()];
}

/**
 * `対策基準.md#5.1 -> 基本方針.md#6(1)`: paths and section numbers (or titles, for a section
 * without a number), not offsets, so that text added above a section leaves its key alone.
 */
export function linkKey(link: Link): string {
  return `${nodeLabel(link.from)} -> ${nodeLabel(link.to)}`;
}

function nodeLabel(n: NodeRef): string {
  if (n.section < 0) return n.doc.path;
  const s = n.doc.sections[n.section];
  return `${n.doc.path}#${s.id ?? s.title}`;
}

const memo = new WeakMap<DocumentFacts, Map<number, string>>();

/**
 * What a reviewer read: the visible text of the node with its sub-sections, without white space.
 * Re-wrapping a paragraph, emphasis, a comment or a table's alignment leave it as it was; a changed
 * word, number or sentence does not. Kept per facts object (an edit makes new facts).
 */
export function fingerprint(n: NodeRef): string {
  let byNode = memo.get(n.doc);
  if (!byNode) memo.set(n.doc, byNode = new Map());
  let found = byNode.get(n.section);
  if (found === undefined) {
    const span = n.section >= 0 ? n.doc.sections[n.section].span : { start: 0, end: Infinity };
    const hash = createHash('sha256');
    const prose = n.doc.prose;
    let i = firstAtOrAfter(n.doc, span.start);
    for (; i < prose.length && prose[i].offset(0) < span.end; i++) hash.update(prose[i].text.replace(/\s+/g, ''));
    found = hash.digest('hex').slice(0, 16);
    byNode.set(n.section, found);
  }
  return found;
}

/** The first block that starts at or after `offset` (blocks are in text order). */
function firstAtOrAfter(doc: DocumentFacts, offset: number): number {
  const prose = doc.prose;
  let lo = 0;
  let hi = prose.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (prose[mid].offset(0) < offset) lo = mid + 1; else hi = mid;
  }
  return lo;
}
