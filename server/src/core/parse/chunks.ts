// Parses a document as independent top-level chunks, reusing the result of every chunk whose text
// did not change: a keystroke in a 200 KB standards file re-parses a few hundred characters.
// A chunk boundary is a line at column 0 after a blank line, outside front matter, fenced code and
// HTML comments: there CommonMark starts a new block whatever came before, so the chunks parse as
// the whole would (a test compares the two).

import { parseMarkdown, type Block, type FrontMatter, type ParsedMarkdown, type PlainReason } from './markdown';
import { parseSimpleChunk } from './simpleChunk';
import type { Span } from '../types';
import { shiftView, sourceView } from '../text/textView';
import { isSpace } from '../text/chars';

/**
 * The chunks of a document's last version, in order, with their parse (offsets from the chunk's
 * start); the host keeps one per document and passes it back on each edit.
 */
export interface ChunkCache { chunks: { text: string; parsed: ParsedMarkdown }[] }

export function newChunkCache(): ChunkCache {
  return { chunks: [] };
}

/** A front matter fence as remark-frontmatter takes it: --- and nothing but blanks after it. */
const FENCE = /^---[ \t]*$/;
/** The same, found as a whole line (with its line break) inside a text. */
const FENCE_LINE = /^---[ \t]*(?:\r?\n|$)/m;

export function chunkBoundaries(text: string): number[] {
  const starts = [0];
  // A link reference definition ([x]: url) reaches across the whole document: parse it whole.
  if (/^ {0,3}\[[^\]\n]+\]:/m.test(text)) return starts;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fence: string | undefined;
  let inComment = false;
  let rawEnd: RegExp | undefined;
  let blankBefore = false;
  let afterIndented = false;
  let lineNo = 0;
  // A first line of --- opens front matter for remark-frontmatter (trailing blanks allowed), and
  // only such a line closes it. Unclosed, micromark's reading of what follows is its own: then
  // there is no boundary at all.
  let frontMatter = FENCE.test(firstLine(text, i));
  // Where comments open, found up front: a second search string inside the loop below makes
  // V8's optimised code for it a hundred times slower.
  const comments: number[] = [];
  for (let k = text.indexOf('<!--'); k >= 0; k = text.indexOf('<!--', k + 1)) comments.push(k);
  let ci = 0;
  while (i < text.length) {
    let eol = text.indexOf('\n', i);
    if (eol < 0) eol = text.length;
    while (ci < comments.length && comments[ci] < i) ci++;
    const open = !frontMatter && !fence && !inComment && !rawEnd;
    // Most lines are empty or start with a character no rule below cares about: decided without
    // taking the line out of the text (a keystroke runs this over the whole document).
    const end = eol > i && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    if (open && (end === i || (plainFirst(text.charCodeAt(i)) && !(ci < comments.length && comments[ci] < end)))) {
      if (end > i) {
        if (blankBefore && !afterIndented && i > 0 && !text.startsWith('---', i)) starts.push(i);
        afterIndented = false;
      }
      blankBefore = end === i;
      i = eol + 1;
      lineNo++;
      continue;
    }
    const line = text.slice(i, eol).replace(/\r$/, '');
    if (frontMatter) {
      if (lineNo > 0 && FENCE.test(line)) frontMatter = false;
    } else if (fence) {
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(line)) fence = undefined;
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else if (rawEnd) {
      if (rawEnd.test(line)) rawEnd = undefined;
    } else {
      // Not before ---: at the start of a chunk it would read as front matter. Not after indented
      // code: what follows it is read differently when the code is there (micromark keeps the
      // code block open across blank lines).
      if (blankBefore && !afterIndented && /^\S/.test(line) && !line.startsWith('---') && i > 0) starts.push(i);
      if (line.trim() !== '') afterIndented = /^(?: {4}|\t)/.test(line);
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (open) fence = open[1];
      // Only a line that starts with <!-- opens a comment block, which runs to the line with -->;
      // one inside a paragraph is inline, and a fence on the next line still interrupts it.
      const comment = /^ {0,3}<!--/.exec(line);
      if (comment && line.indexOf('-->', comment[0].length) < 0) inComment = true;
      // HTML blocks that only their closing tag ends, blank lines or not.
      const raw = /^ {0,3}<(pre|script|style|textarea)(?:\s|>|$)/i.exec(line);
      if (raw && !new RegExp(`</${raw[1]}>`, 'i').test(line)) rawEnd = new RegExp(`</${raw[1]}>`, 'i');
    }
    blankBefore = !frontMatter && !fence && !inComment && !rawEnd && line.trim() === '';
    i = eol + 1;
    lineNo++;
  }
  return starts;
}

/** Not blank (as trim() and \\S see it), and not the start of a fence, raw HTML or a comment. */
function plainFirst(c: number): boolean {
  return !(c <= 0x20 || isSpace(c) || c === 0x60 /* ` */ || c === 0x7e /* ~ */ || c === 0x3c /* < */);
}

/**
 * Front matter fenced the plain way (`---` alone on the first line, a `---` line closing it, no
 * BOM), read without micromark as remark-frontmatter reads it; what follows starts a chunk.
 */
function plainFrontMatter(text: string): { frontMatter: FrontMatter; rest: number } | undefined {
  const valueStart = text.indexOf('\n') + 1;
  if (!valueStart || !FENCE.test(firstLine(text, 0))) return undefined;
  const close = FENCE_LINE.exec(text.slice(valueStart));
  if (!close) return undefined;
  const closeAt = valueStart + close.index;
  const value = text.slice(valueStart, closeAt).replace(/\r?\n$/, '');
  const fenceEnd = closeAt + close[0].replace(/\r?\n$/, '').length;
  const rest = closeAt + close[0].length;
  // A chunk must not start with ---: it would read as front matter again.
  if (text.startsWith('---', rest)) return undefined;
  return { frontMatter: { value, valueStart, span: { start: 0, end: fenceEnd } }, rest };
}

/** The line starting at `from`, without its line break. */
function firstLine(text: string, from: number): string {
  const eol = text.indexOf('\n', from);
  return text.slice(from, eol < 0 ? text.length : eol).replace(/\r$/, '');
}

/**
 * Where each block of a document edited with a chunk cache came from: the block as its chunk was
 * parsed alone (the same object from edit to edit while the chunk does not change) and how far
 * the chunk now lies in the document. What is read from a block can be kept with it and moved.
 */
export interface BlockOrigin { block: Block; by: number }

export function parseChunked(text: string, cache?: ChunkCache): ParsedMarkdown & { origins?: BlockOrigin[] } {
  const starts = chunkBoundaries(text);
  const out: ParsedMarkdown & { origins?: BlockOrigin[] } = { blocks: [], comments: [] };
  if (cache) out.origins = [];
  const plain = plainFrontMatter(text);
  if (plain) {
    out.frontMatter = plain.frontMatter;
    if (plain.rest < (starts[1] ?? text.length)) starts[0] = plain.rest; else starts.shift();
  }
  const old = cache?.chunks ?? [];
  const used: ChunkCache['chunks'] = [];
  let tables = 0;
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k];
    const to = k + 1 < starts.length ? starts[k + 1] : text.length;
    // An edit changes a few chunks: the others are where they were, counted from the start (before
    // the edit) or from the end (after it). They are compared in place, not cut out and hashed.
    const before = old[k];
    const after = old[old.length - (starts.length - k)];
    let chunk = sameChunk(before, text, from, to) ? before : sameChunk(after, text, from, to) ? after : undefined;
    if (!chunk) {
      const piece = text.slice(from, to);
      // Plain chunks (most of a Japanese policy) take the hand-written path; the rest goes to remark.
      chunk = { text: piece, parsed: parseSimpleChunk(piece) ?? parseOrRefuse(piece) };
    }
    used.push(chunk);
    const { parsed } = chunk;
    for (const reason of parsed.plainText ?? []) if (!out.plainText?.includes(reason)) (out.plainText ??= []).push(reason);
    const tableBase = tables;
    for (const b of parsed.blocks) {
      // Without a cache the chunk was parsed for this call alone: its blocks move where they are.
      out.blocks.push(cache ? shiftBlock(b, from, tableBase) : moveBlock(b, from, tableBase));
      out.origins?.push({ block: b, by: from });
      if (b.cell) tables = Math.max(tables, tableBase + b.cell.table + 1);
    }
    for (const c of parsed.comments) out.comments.push({ text: c.text, span: shift(c.span, from) });
    for (const l of parsed.links ?? []) (out.links ??= []).push({ url: l.url, span: shift(l.span, from) });
    if (parsed.frontMatter && k === 0 && !plain) out.frontMatter = parsed.frontMatter;
  }
  if (cache) cache.chunks = used;
  return out;
}

/** Whether a chunk of the last version is text[from, to): compared in place, nothing cut out. */
function sameChunk(chunk: { text: string } | undefined, text: string, from: number, to: number): boolean {
  return chunk !== undefined && chunk.text.length === to - from && text.startsWith(chunk.text, from);
}

/** Markdown, unless the Markdown parser would take too long on it: then its lines, as plain text. */
function parseOrRefuse(piece: string): ParsedMarkdown {
  if (nestingOf(piece) > MAX_NESTING) return plainLines(piece, 'nesting');
  if (inlineCost(piece) > INLINE_BUDGET) return plainLines(piece, 'markup');
  return parseMarkdown(piece);
}

/**
 * Lists and quotes nested deeper than this are read as plain lines: the Markdown parser's time grows
 * with the square of the depth (a 1,000-deep list took 39 s), and no policy nests so deep.
 */
export const MAX_NESTING = 32;

/**
 * How deep the lines of a chunk nest lists and quotes, read from their indentation and markers.
 * Markers count wherever they open a container, also one after another on one line (`- - - 項目`,
 * `> - > 項目`), which nests as deep as indented lines do.
 */
function nestingOf(piece: string): number {
  let deepest = 0;
  for (const m of piece.matchAll(/^(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/gmu)) {
    const lead = m[0];
    if (!lead) continue;
    let depth = 0;
    for (const c of lead) depth += c === '>' || c === '-' || c === '*' || c === '+' || c === '.' || c === ')' ? 1 : c === '\t' ? 2 : c === ' ' ? 0.5 : 0;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/**
 * The most a paragraph of a chunk may cost the Markdown parser, as the number of places that may
 * open inline markup (`[`, `<`, a run of `*`, `_` or `` ` ``) times the paragraph's length. The parser tries each
 * opener against the rest of its paragraph, so openers that never close cost it the square of
 * the length: 10,000 `<!--` in one line took 5 s, 50,000 `*a` 25 s (and lines of one backtick,
 * linear but slow, 17 s a megabyte). Policies stay far below
 * (the samples and fixtures: 51,084 at most, in a binary file); at the budget the slowest such
 * paragraph takes about 60 ms.
 */
export const INLINE_BUDGET = 4_000_000;

/**
 * The largest opener count × length of the paragraphs of a chunk. A paragraph is taken to end at
 * a blank line and at a line that opens a list item, a heading or a table row: each of those has
 * inline content of its own.
 */
export function inlineCost(piece: string): number {
  let worst = 0;
  let openers = 0;
  let start = 0;
  for (let i = 0; i < piece.length;) {
    let eol = piece.indexOf('\n', i);
    if (eol < 0) eol = piece.length;
    let j = i;
    while (j < eol && (piece.charCodeAt(j) === 0x20 || piece.charCodeAt(j) === 0x09 || piece.charCodeAt(j) === 0x3e /* > */)) j++;
    if (j >= eol || piece.charCodeAt(j) === 0x0d || opensOwnInline(piece, j)) {
      worst = Math.max(worst, openers * (i - start));
      openers = 0;
      start = i;
    }
    for (let k = j; k < eol; k++) {
      const c = piece.charCodeAt(k);
      // A run of *, _ or ` is one delimiter to the parser, however long.
      if (c === 0x5b /* [ */ || c === 0x3c /* < */ || ((c === 0x2a /* * */ || c === 0x5f /* _ */ || c === 0x60 /* ` */) && piece.charCodeAt(k - 1) !== c)) openers++;
    }
    i = eol + 1;
  }
  return Math.max(worst, openers * (piece.length - start));
}

/** A heading, a table row or a list item marker at `at`. */
function opensOwnInline(piece: string, at: number): boolean {
  const c = piece.charCodeAt(at);
  if (c === 0x23 /* # */ || c === 0x7c /* | */) return true;
  const next = (k: number): boolean => piece.charCodeAt(k) === 0x20 || piece.charCodeAt(k) === 0x09;
  if (c === 0x2d || c === 0x2a || c === 0x2b) return next(at + 1);
  let k = at;
  while (k < at + 9 && piece.charCodeAt(k) >= 0x30 && piece.charCodeAt(k) <= 0x39) k++;
  return k > at && (piece.charCodeAt(k) === 0x2e || piece.charCodeAt(k) === 0x29) && next(k + 1);
}

/** A chunk as its lines, each a paragraph of its own text: no Markdown read. */
function plainLines(piece: string, reason: PlainReason): ParsedMarkdown {
  const blocks: Block[] = [];
  let start = 0;
  while (start < piece.length) {
    let end = piece.indexOf('\n', start);
    if (end < 0) end = piece.length;
    const lineEnd = end > start && piece[end - 1] === '\r' ? end - 1 : end;
    if (piece.slice(start, lineEnd).trim()) {
      blocks.push({ kind: 'paragraph', depth: 0, span: { start, end: lineEnd }, view: sourceView(piece, start, lineEnd) });
    }
    start = end + 1;
  }
  return { blocks, comments: [], plainText: [reason] };
}

function shift(span: Span, by: number): Span {
  return by ? { start: span.start + by, end: span.end + by } : span;
}

/**
 * shiftBlock for a block nothing else holds (a chunk parsed for one call): moved in place, without
 * a copy of it, its span, marker and cell (10 MB cold check: 20 MB of copies).
 */
function moveBlock(b: Block, by: number, tableBase: number): Block {
  if (by) {
    b.span.start += by;
    b.span.end += by;
    if (b.marker) {
      b.marker.span.start += by;
      b.marker.span.end += by;
    }
    b.view = shiftView(b.view, by);
  }
  if (b.cell) b.cell.table += tableBase;
  return b;
}

function shiftBlock(b: Block, by: number, tableBase: number): Block {
  if (!by && !tableBase) return b;
  // Field by field, not spread (a keystroke moves every block after the edit), in the order the
  // parsers write them, so that moved and unmoved blocks share their hidden class.
  const span = shift(b.span, by);
  const view = shiftView(b.view, by);
  const moved: Block = 'marker' in b
    ? { kind: b.kind, depth: b.depth, span, marker: b.marker && { text: b.marker.text, span: shift(b.marker.span, by) }, view }
    : { kind: b.kind, depth: b.depth, span, view };
  if (b.cell) moved.cell = { table: b.cell.table + tableBase, row: b.cell.row, column: b.cell.column };
  return moved;
}
