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
  return n.section < 0 ? n.doc.path : `${n.doc.path}#${sectionLabels(n.doc)[n.section]}`;
}

const labels = new WeakMap<DocumentFacts, string[]>();

/**
 * A section's ID, or its title when it has none; a label that several sections share (### 手順
 * under each chapter, 第1条 in each part of a one-file set) takes its place among them (手順 (2)),
 * so that no two references share a key.
 */
function sectionLabels(doc: DocumentFacts): string[] {
  let out = labels.get(doc);
  if (!out) {
    const base = doc.sections.map((s) => s.id ?? s.title);
    const count = new Map<string, number>();
    for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
    const seen = new Map<string, number>();
    out = base.map((b) => {
      if (count.get(b) === 1) return b;
      const k = (seen.get(b) ?? 0) + 1;
      seen.set(b, k);
      return `${b} (${k})`;
    });
    labels.set(doc, out);
  }
  return out;
}

const memo = new WeakMap<DocumentFacts, Map<number, string>>();

/**
 * What a reviewer read: the visible text of the node with its sub-sections, without white space.
 * Re-wrapping a paragraph, emphasis, a comment or a table's alignment leave it as it was; a changed
 * word, number or sentence does not. A section may begin or end inside a block (the items (1)…(4)
 * of an article written as lines of one paragraph): only its own characters count. Kept per facts
 * object (an edit makes new facts).
 */
export function fingerprint(n: NodeRef): string {
  let byNode = memo.get(n.doc);
  if (!byNode) memo.set(n.doc, byNode = new Map());
  let found = byNode.get(n.section);
  if (found === undefined) {
    found = createHash('sha256').update(fingerprintedText(n)).digest('hex').slice(0, 16);
    byNode.set(n.section, found);
  }
  return found;
}

/** The text a fingerprint is taken of: the node's visible characters, white space left out. */
export function fingerprintedText(n: NodeRef): string {
  const { start, end } = n.section >= 0 ? n.doc.sections[n.section].span : { start: 0, end: Infinity };
  const prose = n.doc.prose;
  let out = '';
  // The block that holds `start` may begin before it.
  for (let i = Math.max(0, firstFrom(prose.length, (k) => prose[k].offset(0) >= start) - 1); i < prose.length && prose[i].offset(0) < end; i++) {
    const p = prose[i];
    const from = firstFrom(p.text.length, (k) => p.offset(k) >= start);
    const to = firstFrom(p.text.length, (k) => p.offset(k) >= end);
    if (to > from) out += p.text.slice(from, to).replace(/\s+/g, '');
  }
  return out;
}

/** The first k in [0, length) for which `reached` holds (it holds from some k on), else length. */
function firstFrom(length: number, reached: (k: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid; else lo = mid + 1;
  }
  return lo;
}
