// What is read from one block (its lines, folded; its visible text; the references in it), kept with the block
// while its chunk stays as it was, and moved to where the chunk now lies. A keystroke changes one
// chunk of a document: the other blocks are not split, folded or scanned again. Only for documents
// being edited (parse/chunks.ts gives their blocks' origins); test/unit/incremental.test.ts holds
// the result to a fresh analysis.

import type { Span } from '../types';
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
  return by ? lines.map((l) => ({ view: shiftView(l.view, by), folded: shiftView(l.folded, by) })) : lines;
}

/** The block's visible text where the block now is: a new object (an edit's recycling changes it). */
export function proseAt(origin: BlockOrigin): Prose {
  const k = keptOf(origin.block);
  k.prose ??= toProse(joinLines(origin.block.view), origin.block.kind === 'heading');
  return k.prose.moved(origin.by);
}

/**
 * The references of the block where it now is (new objects: the caller may change them), read by
 * `read` from the block's lines in place when the context is not the one they were read in.
 */
export function referencesAt(origin: BlockOrigin, context: string, read: (lines: Line[]) => Reference[]): Reference[] {
  const k = keptOf(origin.block);
  if (k.references?.context !== context) k.references = { context, list: read(k.lines ??= blockLines(origin.block.view)) };
  const { by } = origin;
  const move = (s: Span): Span => ({ start: s.start + by, end: s.end + by });
  return k.references.list.map((r) => ({ ...r, span: move(r.span), targetSpan: move(r.targetSpan) }));
}
