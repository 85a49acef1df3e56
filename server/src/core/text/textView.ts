// A string paired with the source span of each of its characters, so that matching on
// cleaned-up text (soft breaks joined, widths folded) still reports exact source ranges.
// The spans are kept as runs, not one pair per character: nearly all text follows its source one
// unit at a time, and a 200 KB document would otherwise carry two numbers for each character
// through every step of its analysis.

import type { Span } from '../types';

/** sourceEnd of a run whose characters follow the source one by one. */
export const LINEAR = -1;

export interface TextView {
  readonly text: string;
  /**
   * Flat triples [index, sourceStart, sourceEnd], one per run of characters from `index` to the
   * next run's index. A run with sourceEnd -1 follows the source: character index+k came from
   * sourceStart+k. In any other run every character came from sourceStart..sourceEnd as a whole
   * (an escape, an entity, a line break, a composed ｶﾞ). Runs are merged as far as they can be,
   * so two views with the same spans have the same runs.
   */
  readonly runs: readonly number[];
  /**
   * Added to every source offset of `runs`: a view moved by an edit (shiftView) shares the runs of
   * the view it was moved from instead of copying them. 0 for every view made from text.
   */
  readonly base: number;
  /** Source offset where the view ends (used for empty ranges at the end). */
  readonly end: number;
}

export function sourceView(source: string, start = 0, end = source.length): TextView {
  return { text: source.slice(start, end), runs: end > start ? [0, start, LINEAR] : [], base: 0, end };
}

/** The run (an index into runs, a multiple of 3) holding character i; i must be in the text. */
function runAt(runs: readonly number[], i: number): number {
  let lo = 0;
  let hi = runs.length / 3 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid * 3] <= i) lo = mid; else hi = mid - 1;
  }
  return lo * 3;
}

/** Source offset where character i starts. */
export function startAt(view: TextView, i: number): number {
  const r = runAt(view.runs, i);
  return view.base + (view.runs[r + 2] === LINEAR ? view.runs[r + 1] + i - view.runs[r] : view.runs[r + 1]);
}

/** Source offset where character i ends. */
export function endAt(view: TextView, i: number): number {
  const r = runAt(view.runs, i);
  return view.base + (view.runs[r + 2] === LINEAR ? view.runs[r + 1] + i - view.runs[r] + 1 : view.runs[r + 2]);
}

/** The first character that starts at or after a source offset, or -1. */
export function indexAtSource(view: TextView, sourceOffset: number): number {
  const { runs } = view;
  const offset = sourceOffset - view.base;
  for (let r = 0; r < runs.length; r += 3) {
    const next = r + 3 < runs.length ? runs[r + 3] : view.text.length;
    if (runs[r + 2] === LINEAR) {
      if (runs[r + 1] + (next - runs[r]) - 1 >= offset) return runs[r] + Math.max(0, offset - runs[r + 1]);
    } else if (runs[r + 1] >= offset) return runs[r];
  }
  return -1;
}

/** One start and end per character: for the rare steps that rewrite text unit by unit. */
export function charSpans(view: TextView): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const { runs, base } = view;
  for (let r = 0; r < runs.length; r += 3) {
    const next = r + 3 < runs.length ? runs[r + 3] : view.text.length;
    for (let i = runs[r]; i < next; i++) {
      const linear = runs[r + 2] === LINEAR;
      starts.push(base + (linear ? runs[r + 1] + i - runs[r] : runs[r + 1]));
      ends.push(base + (linear ? runs[r + 1] + i - runs[r] + 1 : runs[r + 2]));
    }
  }
  return { starts, ends };
}

/** Builds a view piece by piece; pieces need not be contiguous in the source. */
export class ViewBuilder {
  private readonly parts: string[] = [];
  private size = 0;
  private readonly runs: number[] = [];
  private endOffset: number;

  constructor(start = 0) { this.endOffset = start; }

  /** Starts a run for the next character unless it continues the last one. */
  private mark(start: number, end: number): void {
    const r = this.runs;
    const n = r.length;
    if (end === start + 1) {
      if (n && r[n - 1] === LINEAR && r[n - 2] + this.size - r[n - 3] === start) return;
      r.push(this.size, start, LINEAR);
    } else {
      if (n && r[n - 1] === end && r[n - 2] === start) return;
      r.push(this.size, start, end);
    }
  }

  /** Appends `chars`, all of which came from source[start, end). */
  push(chars: string, start: number, end: number): void {
    for (let k = 0; k < chars.length; k++) {
      this.mark(start, end);
      this.size++;
    }
    this.parts.push(chars);
    this.endOffset = end;
  }

  /** Appends text that follows the source one by one: chars[k] came from source[start + k]. */
  pushSource(chars: string, start: number): void {
    if (!chars.length) return;
    this.mark(start, start + 1);
    this.size += chars.length;
    this.parts.push(chars);
    this.endOffset = start + chars.length;
  }

  /** Appends characters from..to of another view with their spans. */
  pushSlice(view: TextView, from: number, to: number): void {
    if (from >= to) return;
    const { runs, base } = view;
    for (let r = runAt(runs, from); r < runs.length && runs[r] < to; r += 3) {
      const a = Math.max(runs[r], from);
      const b = Math.min(r + 3 < runs.length ? runs[r + 3] : view.text.length, to);
      if (runs[r + 2] === LINEAR) this.pushSource(view.text.slice(a, b), base + runs[r + 1] + a - runs[r]);
      else this.push(view.text.slice(a, b), base + runs[r + 1], base + runs[r + 2]);
    }
  }

  get length(): number { return this.size; }

  /** Where the last character pushed ends in the source. */
  get end(): number { return this.endOffset; }

  lastChar(): string {
    for (let k = this.parts.length - 1; k >= 0; k--) if (this.parts[k].length) return this.parts[k].slice(-1);
    return '';
  }

  /** Replaces the last character, widening its source span; used to compose a voiced mark. */
  replaceLast(char: string, sourceEnd: number): void {
    const r = this.runs;
    const n = r.length;
    const last = this.size - 1;
    const start = r[n - 1] === LINEAR ? r[n - 2] + last - r[n - 3] : r[n - 2];
    if (r[n - 3] === last) r.length = n - 3;
    this.size--;
    let k = this.parts.length - 1;
    while (!this.parts[k].length) k--;
    this.parts[k] = this.parts[k].slice(0, -1);
    this.push(char, start, sourceEnd);
  }

  build(): TextView {
    return { text: this.parts.join(''), runs: this.runs, base: 0, end: this.endOffset };
  }
}

export function spanOf(view: TextView, from: number, to: number): Span {
  if (view.text.length === 0) return { start: view.end, end: view.end };
  const start = from < view.text.length ? startAt(view, from) : view.end;
  const end = to > from ? endAt(view, to - 1) : start;
  return { start, end };
}

export function sliceView(view: TextView, from: number, to: number): TextView {
  const end = to > from ? endAt(view, to - 1) : from < view.text.length ? startAt(view, from) : view.end;
  const { runs } = view;
  const out: number[] = [];
  // Runs stay as merged as they were: slicing joins no two of them.
  if (from < to) {
    for (let r = runAt(runs, from); r < runs.length && runs[r] < to; r += 3) {
      const a = Math.max(runs[r], from);
      out.push(a - from, runs[r + 2] === LINEAR ? runs[r + 1] + a - runs[r] : runs[r + 1], runs[r + 2]);
    }
  }
  return { text: view.text.slice(from, to), runs: out, base: view.base, end };
}

/** Splits at the '\n' markers of a block view. */
export function splitLines(view: TextView): TextView[] {
  // Most blocks are one line (an item, a cell, a short paragraph): that line is the view itself,
  // unless the block goes on in the source past its last character (a closing ** or `).
  const { text } = view;
  if (!text.includes('\n') && (text.length ? endAt(view, text.length - 1) === view.end : !view.runs.length)) return [view];
  const lines: TextView[] = [];
  let from = 0;
  for (;;) {
    const nl = view.text.indexOf('\n', from);
    if (nl < 0) break;
    lines.push(sliceView(view, from, nl));
    from = nl + 1;
  }
  lines.push(sliceView(view, from, view.text.length));
  return lines;
}

/**
 * Joins soft-broken lines the Japanese way: no space where the line broke, so 情報\nシステム reads
 * 情報システム. The indentation of the next line goes too.
 */
export function joinLines(view: TextView): TextView {
  const t = view.text;
  if (!t.includes('\n')) return view;
  const b = new ViewBuilder(t.length ? startAt(view, 0) : view.end);
  let from = 0;
  for (;;) {
    const nl = t.indexOf('\n', from);
    b.pushSlice(view, from, nl < 0 ? t.length : nl);
    if (nl < 0) break;
    from = nl + 1;
    while (from < t.length && (t[from] === ' ' || t[from] === '\t')) from++;
  }
  return { ...b.build(), end: view.end };
}

/**
 * Moves a view's spans by `by` source units (a chunk parsed alone, put back in its document): the
 * runs are shared, for a keystroke moves every line after it (a 200 KB file: half a megabyte of
 * copied runs and a millisecond and a half a keystroke, when each was copied).
 */
export function shiftView(view: TextView, by: number): TextView {
  if (!by) return view;
  return { text: view.text, runs: view.runs, base: view.base + by, end: view.end + by };
}
