// What is read from one block (its lines, folded; its visible text; the references in it), kept with the block
// while its chunk stays as it was, and moved to where the chunk now lies. A keystroke changes one
// chunk of a document: the other blocks are not split, folded or scanned again. Only for documents
// being edited (parse/chunks.ts gives their blocks' origins); test/unit/incremental.test.ts holds
// the result to a fresh analysis.

import type { BlockOrigin } from './chunks';
import type { Block } from './markdown';
import type { Reference } from './references';
import { blockLines, type Line } from '../text/fold';
import { joinLines, shiftView } from '../text/textView';
import { toProse, type Prose } from '../text/prose';

interface Kept {
  lines?: Line[];
  prose?: Prose;
  /** The references, and the document context they were read in (aliases, default tier, parts). */
  references?: { context: string; list: Reference[] };
}

const kept = new WeakMap<Block, Kept>();

function keptOf(block: Block): Kept {
  let k = kept.get(block);
  if (!k) kept.set(block, k = {});
  return k;
}

/** The block's lines where the block now is; when the chunk did not move, the kept ones themselves (read only). */
export function linesAt(origin: BlockOrigin): Line[] {
  const k = keptOf(origin.block);
  const lines = k.lines ??= blockLines(origin.block.view);
  const { by } = origin;
  if (!by) return lines;
  // Copies changed in place: arrays of exact length, without a closure per block.
  const out = lines.slice();
  for (let i = 0; i < out.length; i++) {
    const l = out[i];
    const view = shiftView(l.view, by);
    // Most lines fold to themselves (foldView gives the view back): one moved view serves both.
    out[i] = { view, folded: l.folded === l.view ? view : shiftView(l.folded, by) };
  }
  return out;
}

/**
 * The block's visible text where the block now is: a new object (an edit's recycling changes it),
 * its runs in `pool` (Prose.of).
 */
export function proseAt(origin: BlockOrigin, pool: number[]): Prose {
  const k = keptOf(origin.block);
  k.prose ??= toProse(joinLines(origin.block.view), origin.block.kind === 'heading');
  return k.prose.moved(origin.by, pool);
}

/**
 * The references of the block where it now is (new objects: the caller may change them), read by
 * `read` from the block's lines in place when the context is not the one they were read in.
 */
export function referencesAt(origin: BlockOrigin, context: string, read: (lines: Line[]) => Reference[]): Reference[] {
  const k = keptOf(origin.block);
  if (k.references?.context !== context) k.references = { context, list: read(k.lines ??= blockLines(origin.block.view)) };
  const { list } = k.references;
  if (!list.length) return [];
  const out = list.slice();
  for (let i = 0; i < out.length; i++) out[i] = moved(out[i], origin.by);
  return out;
}

/** A copy of a reference `by` units further on, with the same fields (absent ones stay absent). */
function moved(r: Reference, by: number): Reference {
  const out: Reference = {
    kind: r.kind, tier: r.tier, by: r.by, key: r.key, target: r.target,
    span: { start: r.span.start + by, end: r.span.end + by },
    targetSpan: { start: r.targetSpan.start + by, end: r.targetSpan.end + by },
    section: -1,
  };
  if (r.reason !== undefined) out.reason = r.reason;
  if (r.otherwise !== undefined) out.otherwise = r.otherwise;
  if (r.within !== undefined) out.within = r.within;
  return out;
}
