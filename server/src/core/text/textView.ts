// A string paired with the source span of each of its characters, so that matching on
// cleaned-up text (soft breaks joined, widths folded) still reports exact source ranges.

import type { Span } from '../types';

export interface TextView {
  readonly text: string;
  /** starts[i]..ends[i] is the source span text[i] came from. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** Source offset where the view ends (used for empty ranges at the end). */
  readonly end: number;
}

export function sourceView(source: string, start = 0, end = source.length): TextView {
  const n = end - start;
  const starts = new Array<number>(n);
  const ends = new Array<number>(n);
  for (let i = 0; i < n; i++) { starts[i] = start + i; ends[i] = start + i + 1; }
  return { text: source.slice(start, end), starts, ends, end };
}

/** Builds a view piece by piece; pieces need not be contiguous in the source. */
export class ViewBuilder {
  private text = '';
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private endOffset: number;

  constructor(start = 0) { this.endOffset = start; }

  /** Appends `chars`, all of which came from source[start, end). */
  push(chars: string, start: number, end: number): void {
    for (let k = 0; k < chars.length; k++) {
      this.text += chars[k];
      this.starts.push(start);
      this.ends.push(end);
    }
    this.endOffset = end;
  }

  get length(): number { return this.text.length; }

  lastChar(): string { return this.text.slice(-1); }

  /** Replaces the last character, widening its source span; used to compose a voiced mark. */
  replaceLast(char: string, sourceEnd: number): void {
    this.text = this.text.slice(0, -1) + char;
    this.ends[this.ends.length - 1] = sourceEnd;
    this.endOffset = sourceEnd;
  }

  build(): TextView {
    return { text: this.text, starts: this.starts, ends: this.ends, end: this.endOffset };
  }
}

export function spanOf(view: TextView, from: number, to: number): Span {
  if (view.text.length === 0) return { start: view.end, end: view.end };
  const start = from < view.text.length ? view.starts[from] : view.end;
  const end = to > from ? view.ends[to - 1] : start;
  return { start, end };
}

export function sliceView(view: TextView, from: number, to: number): TextView {
  const end = to > from ? view.ends[to - 1] : from < view.text.length ? view.starts[from] : view.end;
  return { text: view.text.slice(from, to), starts: view.starts.slice(from, to), ends: view.ends.slice(from, to), end };
}

/** Splits at the '\n' markers of a block view. */
export function splitLines(view: TextView): TextView[] {
  const lines: TextView[] = [];
  let from = 0;
  for (let i = 0; i <= view.text.length; i++) {
    if (i === view.text.length || view.text[i] === '\n') {
      lines.push(sliceView(view, from, i));
      from = i + 1;
    }
  }
  return lines;
}

/**
 * Joins soft-broken lines the Japanese way: no space where the line broke, so 情報\nシステム reads
 * 情報システム. The indentation of the next line goes too.
 */
export function joinLines(view: TextView): TextView {
  if (!view.text.includes('\n')) return view;
  const b = new ViewBuilder(view.starts[0] ?? view.end);
  let skipping = false;
  for (let i = 0; i < view.text.length; i++) {
    const ch = view.text[i];
    if (ch === '\n') { skipping = true; continue; }
    if (skipping && (ch === ' ' || ch === '\t')) continue;
    skipping = false;
    b.push(ch, view.starts[i], view.ends[i]);
  }
  return { ...b.build(), end: view.end };
}
