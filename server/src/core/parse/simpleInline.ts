// The inline part of the plain-chunk fast path: one line of a paragraph, heading or table cell
// with the inline markup policy documents actually use (inline links, *emphasis*, **strong**,
// code spans), read in one left-to-right pass. Like simpleChunk.ts it answers only when sure,
// and false sends the chunk to remark.
//
// Why the subset is exact. micromark's attention resolver walks the delimiter runs left to right
// and pairs each run that can close with the nearest earlier run of the same marker that can open
// (skipping a pair only under the rule of three, which never applies to equal runs of 1 or 2: the
// sums are 2 and 4). A run followed by a character that is neither whitespace nor punctuation
// can open, and one preceded by such a character can close, whatever is on the other side. So
// on a line whose runs come in consecutive pairs of equal length, with only plain text inside
// each pair, the second run of each pair closes on the first, uses it up whole, and nothing is
// left open for a later run to reach back to; the same holds line after line, because each line
// closes all it opens before the next is seen. Anything else (nesting, odd runs, runs of three,
// `_` with its stricter flanking rules) is left to remark rather than reasoned about here.
//
// Code spans and links are found where micromark finds them because both are recognised at their
// first character in the same left-to-right order, and neither may hold the other here.

import type { MarkdownLink } from './markdown';
import type { ViewBuilder } from '../text/textView';

const BACKTICK = 0x60;
const STAR = 0x2a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const BANG = 0x21;

/** micromark classifies one UTF-16 unit at a time, so a lone surrogate half is neither. */
const WHITESPACE_OR_PUNCTUATION = /\s|\p{P}|\p{S}/u;

/** Tabs, C0 and C1 controls and DEL: micromark treats some of them specially; none belong in a line. */
function isControl(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/** A character that micromark reads as text wherever it stands, outside code spans and links. */
function isPlain(c: number): boolean {
  if (isControl(c)) return false;
  switch (c) {
    case 0x5c /* \ */: case BACKTICK: case STAR: case 0x5f /* _ */: case OPEN_BRACKET: case CLOSE_BRACKET:
    case 0x3c /* < */: case 0x26 /* & */:
      return false;
  }
  return true;
}

/** Neither whitespace nor punctuation for micromark: an emphasis run next to it flanks on that side. */
function isWordLike(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
  return !WHITESPACE_OR_PUNCTUATION.test(String.fromCharCode(c));
}

/** Link text: no markup, no brackets, and no `!` that could start an image inside it. */
function isLabelChar(c: number): boolean {
  return isPlain(c) && c !== BANG;
}

/**
 * A destination micromark takes as written and mdast hands on unchanged: no spaces (a title
 * could follow), no parentheses (balancing), no `<>` form, no escapes or entities (decoded in the
 * url), no quotes, backticks or brackets, which are fine to micromark but not worth the doubt.
 */
function isDestinationChar(c: number): boolean {
  if (isControl(c)) return false;
  switch (c) {
    case 0x20: case OPEN_PAREN: case CLOSE_PAREN: case 0x3c: case 0x3e: case 0x5c: case 0x26:
    case 0x22: case 0x27: case BACKTICK: case OPEN_BRACKET: case CLOSE_BRACKET:
      return false;
  }
  return true;
}

/**
 * Appends the visible text of source[from, to) — the inline content of one line of a paragraph,
 * heading or table cell — to `view`, and its Markdown links to `links`, exactly as remark would,
 * given that the line is self-contained. Returns false when unsure (the caller then gives the whole
 * chunk to remark, so anything pushed is thrown away).
 */
export function pushInline(source: string, from: number, to: number, view: ViewBuilder, links: MarkdownLink[]): boolean {
  // Spaces at either end are stripped or mean a hard break, depending on what is around.
  if (from >= to || source.charCodeAt(from) === 0x20 || source.charCodeAt(to - 1) === 0x20) return false;
  /** Start of the text not pushed yet. */
  let pending = from;
  /** Length of the open emphasis run, 0 when none is open. */
  let open = 0;
  let i = from;
  while (i < to) {
    const c = source.charCodeAt(i);
    if (c === STAR) {
      let j = i + 1;
      while (j < to && source.charCodeAt(j) === STAR) j++;
      const size = j - i;
      if (size > 2) return false;
      if (open === 0) {
        if (j >= to || !isWordLike(source.charCodeAt(j))) return false;
        open = size;
      } else {
        if (size !== open || !isWordLike(source.charCodeAt(i - 1))) return false;
        open = 0;
      }
      if (i > pending) view.pushSource(source.slice(pending, i), pending);
      pending = i = j;
      continue;
    }
    if (c === BACKTICK) {
      if (open) return false;
      const end = codeSpanEnd(source, i, to);
      if (end < 0) return false;
      if (i > pending) view.pushSource(source.slice(pending, i), pending);
      pending = i = end;
      continue;
    }
    if (c === OPEN_BRACKET) {
      // Before `from` too: a `!` there would still make this an image.
      if (open || (i > 0 && source.charCodeAt(i - 1) === BANG)) return false;
      let k = i + 1;
      while (k < to && isLabelChar(source.charCodeAt(k))) k++;
      if (k === i + 1 || k + 1 >= to || source.charCodeAt(k) !== CLOSE_BRACKET || source.charCodeAt(k + 1) !== OPEN_PAREN) return false;
      let d = k + 2;
      while (d < to && isDestinationChar(source.charCodeAt(d))) d++;
      if (d === k + 2 || d >= to || source.charCodeAt(d) !== CLOSE_PAREN) return false;
      if (i > pending) view.pushSource(source.slice(pending, i), pending);
      view.pushSource(source.slice(i + 1, k), i + 1);
      links.push({ url: source.slice(k + 2, d), span: { start: i, end: d + 1 } });
      pending = i = d + 1;
      continue;
    }
    if (!isPlain(c)) return false;
    i++;
  }
  if (open) return false;
  if (to > pending) view.pushSource(source.slice(pending, to), pending);
  return true;
}

/**
 * Where the code span opened by the backtick run at `at` ends: after the next run of exactly as
 * many backticks on the line, or -1 when there is none (micromark would then read the run as
 * text, and a later line might still close it).
 */
function codeSpanEnd(source: string, at: number, to: number): number {
  let k = at;
  while (k < to && source.charCodeAt(k) === BACKTICK) k++;
  const size = k - at;
  while (k < to) {
    const c = source.charCodeAt(k);
    if (c === BACKTICK) {
      const run = k;
      while (k < to && source.charCodeAt(k) === BACKTICK) k++;
      if (k - run === size) return k;
    } else if (isControl(c)) {
      return -1;
    } else {
      k++;
    }
  }
  return -1;
}
