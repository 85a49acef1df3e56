// The visible text of a block, kept compactly between edits: the string and the few places where
// it jumps in the source (joined lines, escapes), instead of one offset per character.

import type { Span } from '../types';
import { LINEAR, type TextView } from './textView';

/**
 * Most blocks follow their source one character at a time from one offset: those keep that
 * offset alone (a 10 MB set keeps some 90,000 blocks), the others their runs.
 */
export class Prose {
  private constructor(
    readonly text: string,
    readonly heading: boolean,
    /** The source offset of the first character, when the text follows the source throughout. */
    private start: number,
    private jumps: number[] | undefined,
  ) {}

  /** Takes the place of `fresh` if it is this text moved by an edit: see recycle.ts. */
  adopt(fresh: Prose): boolean {
    if (this.text !== fresh.text || this.heading !== fresh.heading) return false;
    this.start = fresh.start;
    this.jumps = fresh.jumps;
    return true;
  }

  /** The same text `by` source units further on (a block whose chunk moved). */
  moved(by: number): Prose {
    if (this.jumps) return new Prose(this.text, this.heading, this.start, this.jumps.map((x, k) => (k % 2 ? x + by : x)));
    return new Prose(this.text, this.heading, this.text.length ? this.start + by : this.start, undefined);
  }

  /** A text that follows the source one character at a time from `start` (most blocks). */
  static following(text: string, start: number, heading: boolean): Prose {
    return new Prose(text, heading, start, undefined);
  }

  /** From flat pairs [textIndex, sourceOffset]: from textIndex on, characters follow the source one by one. */
  static of(text: string, runs: number[], heading: boolean): Prose {
    if (runs.length === 2 && runs[0] === 0) return new Prose(text, heading, runs[1], undefined);
    return new Prose(text, heading, 0, runs.length ? runs.slice() : undefined);
  }

  /** The flat pairs, as `of` takes them. */
  get runs(): number[] {
    if (this.jumps) return this.jumps;
    return this.text.length ? [0, this.start] : [];
  }

  /** Source offset of text index i (i may be text.length: just after the last character). */
  offset(i: number): number {
    const runs = this.jumps;
    if (!runs) return this.text.length ? this.start + Math.min(i, this.text.length) : 0;
    if (i >= this.text.length) return this.offset(this.text.length - 1) + 1;
    let lo = 0;
    let hi = runs.length / 2 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid * 2] <= i) lo = mid; else hi = mid - 1;
    }
    return runs[lo * 2 + 1] + (i - runs[lo * 2]);
  }
}

export function toProse(view: TextView, heading: boolean): Prose {
  const r = view.runs;
  // One run that follows the source: no pairs to work out.
  if (r.length === 3 && r[0] === 0 && r[2] === LINEAR && view.text.length) return Prose.following(view.text, view.base + r[1], heading);
  const runs: number[] = [];
  const { base } = view;
  // The previous character's span: a character continues the run when it starts where that ended.
  let prevStart = NaN;
  let prevEnd = NaN;
  for (let k = 0; k < r.length; k += 3) {
    const next = k + 3 < r.length ? r[k + 3] : view.text.length;
    const src = base + r[k + 1];
    if (r[k + 2] === LINEAR) {
      if (!(src === prevStart + 1 && prevEnd === src)) runs.push(r[k], src);
      prevStart = src + next - r[k] - 1;
      prevEnd = prevStart + 1;
      continue;
    }
    for (let i = r[k]; i < next; i++) {
      if (!(src === prevStart + 1 && prevEnd === src)) runs.push(i, src);
      prevStart = src;
      prevEnd = base + r[k + 2];
    }
  }
  return Prose.of(view.text, runs, heading);
}

export function proseSpan(p: Prose, from: number, to: number): Span {
  const start = p.offset(from);
  return { start, end: to > from ? p.offset(to - 1) + 1 : start };
}
