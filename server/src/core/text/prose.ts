// The visible text of a block, kept compactly between edits: the string and the few places where
// it jumps in the source (joined lines, escapes), instead of one offset per character.

import type { Span } from '../types';
import { LINEAR, type TextView } from './textView';

export interface Prose {
  text: string;
  /** Flat pairs [textIndex, sourceOffset]: from textIndex on, characters follow the source one by one. */
  runs: number[];
  heading: boolean;
}

export function toProse(view: TextView, heading: boolean): Prose {
  const runs: number[] = [];
  const r = view.runs;
  // The previous character's span: a character continues the run when it starts where that ended.
  let prevStart = NaN;
  let prevEnd = NaN;
  for (let k = 0; k < r.length; k += 3) {
    const next = k + 3 < r.length ? r[k + 3] : view.text.length;
    const src = r[k + 1];
    if (r[k + 2] === LINEAR) {
      if (!(src === prevStart + 1 && prevEnd === src)) runs.push(r[k], src);
      prevStart = src + next - r[k] - 1;
      prevEnd = prevStart + 1;
      continue;
    }
    for (let i = r[k]; i < next; i++) {
      if (!(src === prevStart + 1 && prevEnd === src)) runs.push(i, src);
      prevStart = src;
      prevEnd = r[k + 2];
    }
  }
  // Pushing leaves spare room in an array; 80,000 of them are kept.
  return { text: view.text, runs: runs.slice(), heading };
}

/** Source offset of text index i (i may be text.length: just after the last character). */
export function proseOffset(p: Prose, i: number): number {
  if (p.runs.length === 0) return 0;
  if (i >= p.text.length) return proseOffset(p, p.text.length - 1) + 1;
  let lo = 0;
  let hi = p.runs.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.runs[mid * 2] <= i) lo = mid; else hi = mid - 1;
  }
  return p.runs[lo * 2 + 1] + (i - p.runs[lo * 2]);
}

export function proseSpan(p: Prose, from: number, to: number): Span {
  const start = proseOffset(p, from);
  return { start, end: to > from ? proseOffset(p, to - 1) + 1 : start };
}
