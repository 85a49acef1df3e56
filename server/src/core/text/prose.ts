// The visible text of a block, kept compactly between edits: the string and the few places where
// it jumps in the source (joined lines, escapes), instead of one offset per character.

import type { Span } from '../types';
import { intern } from './intern';
import { LINEAR, type TextView } from './textView';

/**
 * Most blocks follow their source one character at a time from one offset: those keep that
 * offset alone (a 10 MB set keeps some 90,000 blocks), the others their runs. The runs of a
 * document's blocks share one array (see `of`): an array of its own per block made two objects
 * more for the young-generation collector to copy and promote, some 90,000 a 10 MB set.
 */
export class Prose {
  private constructor(
    readonly text: string,
    readonly heading: boolean,
    /** The source offset of the first character when the text follows the source throughout; else where its runs begin in `pool`. */
    private start: number,
    /** The array holding the runs (flat pairs, see `of`), or undefined when the text follows the source throughout. */
    private pool: number[] | undefined,
    /** How many numbers of `pool` are this text's runs. */
    private count: number,
  ) {}

  /** Takes the place of `fresh` if it is this text moved by an edit: see recycle.ts. */
  adopt(fresh: Prose): boolean {
    if (this.text !== fresh.text || this.heading !== fresh.heading) return false;
    this.start = fresh.start;
    this.pool = fresh.pool;
    this.count = fresh.count;
    return true;
  }

  /** The same text `by` source units further on (a block whose chunk moved); `pool` as in `of`. */
  moved(by: number, pool?: number[]): Prose {
    const from = this.pool;
    if (!from) return new Prose(this.text, this.heading, this.text.length ? this.start + by : this.start, undefined, 0);
    // Straight from one pool to the other: a keystroke moves every block after the edit.
    const into = pool ?? [];
    const at = into.length;
    for (let k = 0; k < this.count; k++) into.push(from[this.start + k] + (k % 2 ? by : 0));
    return new Prose(this.text, this.heading, at, into, this.count);
  }

  /** A text that follows the source one character at a time from `start` (most blocks). */
  static following(text: string, start: number, heading: boolean): Prose {
    return new Prose(text, heading, start, undefined, 0);
  }

  /**
   * From flat pairs [textIndex, sourceOffset]: from textIndex on, characters follow the source one
   * by one. The pairs are copied to the end of `pool` when one is given, else into an array of this
   * text's own. Facts give each document one pool, filled block after block, however they were made
   * (analysed whole, after an edit, from the cache): equal facts are then deep-equal.
   */
  static of(text: string, runs: readonly number[], heading: boolean, pool?: number[]): Prose {
    if (runs.length === 2 && runs[0] === 0) return new Prose(text, heading, runs[1], undefined, 0);
    if (!runs.length) return new Prose(text, heading, 0, undefined, 0);
    if (!pool) return new Prose(text, heading, 0, runs.slice(), runs.length);
    const at = pool.length;
    for (const x of runs) pool.push(x);
    return new Prose(text, heading, at, pool, runs.length);
  }

  /** The flat pairs, as `of` takes them (a copy). */
  get runs(): number[] {
    if (this.pool) return this.pool.slice(this.start, this.start + this.count);
    return this.text.length ? [0, this.start] : [];
  }

  /** Source offset of text index i (i may be text.length: just after the last character). */
  offset(i: number): number {
    const pool = this.pool;
    if (!pool) return this.text.length ? this.start + Math.min(i, this.text.length) : 0;
    if (i >= this.text.length) return this.offset(this.text.length - 1) + 1;
    const base = this.start;
    let lo = 0;
    let hi = this.count / 2 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pool[base + mid * 2] <= i) lo = mid; else hi = mid - 1;
    }
    return pool[base + lo * 2 + 1] + (i - pool[base + lo * 2]);
  }
}

/** The compact form of a block's visible text; `pool` as in Prose.of. */
export function toProse(view: TextView, heading: boolean, pool?: number[]): Prose {
  const r = view.runs;
  // One run that follows the source: no pairs to work out.
  if (r.length === 3 && r[0] === 0 && r[2] === LINEAR && view.text.length) return Prose.following(intern(view.text), view.base + r[1], heading);
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
  return Prose.of(intern(view.text), runs, heading, pool);
}

export function proseSpan(p: Prose, from: number, to: number): Span {
  const start = p.offset(from);
  return { start, end: to > from ? p.offset(to - 1) + 1 : start };
}
