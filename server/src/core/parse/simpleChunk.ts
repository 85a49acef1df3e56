// A hand-written parser for the plain chunks most policy documents are made of: ATX headings,
// paragraphs, simple ordered and bullet lists and simple GFM tables, with no inline markup at all.
// It gives exactly what parseMarkdown gives for such a chunk, without micromark's cost, and
// undefined for anything it is not sure about; the caller then parses the chunk with remark.
// Being unsure is cheap, being wrong is not: every rule below errs towards undefined.

import type { Block, ParsedMarkdown } from './markdown';
import { sourceView, ViewBuilder } from '../text/textView';

/**
 * Characters that may start inline markup or that micromark rewrites (escapes, entities, code,
 * emphasis, links, HTML, tabs, NUL and other controls), a CR that is a line ending of its own, a
 * BOM, and a space before a line ending (hard breaks, stripped line ends): any of them and the
 * chunk goes to remark.
 */
const UNSAFE = /[\\`*_[\]<&\t\0-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]|\r(?!\n)| (?=\r?\n|$)/;

/** A list item marker followed by one space and content (a wider gap changes where content starts). */
const ORDERED_ITEM = /^(\d{1,9})([.)]) (?=[^ ])/;

/** Digits and a delimiter at the start of a line: a list marker or close to one. */
const LIKE_ORDERED = /^\d+[.)](?: |$)/;

/** A delimiter-row cell: dashes with optional alignment colons, padded with spaces. */
const DELIMITER_CELL = /^ *:?-+:? *$/;

interface Paragraph {
  start: number;
  view: ViewBuilder;
  marker: Block['marker'];
}

/**
 * What the lines so far leave open, which decides what the next line may be: after a heading
 * anything starts afresh; a paragraph or list item takes continuation lines; a table takes rows;
 * after a blank line only blank lines may follow (anything else in a chunk is indented).
 */
type Mode = 'fresh' | 'paragraph' | 'item' | 'table' | 'blank';

export function parseSimpleChunk(piece: string): ParsedMarkdown | undefined {
  if (piece.length === 0 || UNSAFE.test(piece)) return undefined;
  const blocks: Block[] = [];
  let mode: Mode = 'fresh';
  let para: Paragraph | undefined;
  // The open list: '-' for bullets, '.' or ')' for ordered lists (micromark keeps one list per
  // delimiter, so a change of delimiter would start another list).
  let listKind = '';
  let columns = 0;
  let row = 0;
  let nextPipe = -1;

  const close = (): void => {
    if (!para) return;
    const view = para.view.build();
    blocks.push({ kind: 'paragraph', depth: 0, span: { start: para.start, end: view.end }, marker: para.marker, view });
    para = undefined;
  };

  let lineStart = 0;
  while (lineStart < piece.length) {
    let next = piece.indexOf('\n', lineStart);
    let lineEnd: number;
    if (next < 0) {
      lineEnd = next = piece.length;
    } else {
      lineEnd = next > lineStart && piece.charCodeAt(next - 1) === 13 ? next - 1 : next;
      next++;
    }
    const from = lineStart;
    lineStart = next;

    if (lineEnd === from) {
      close();
      mode = 'blank';
      continue;
    }
    // Whatever follows a blank line inside a chunk is indented or a thematic break: remark's.
    if (mode === 'blank') return undefined;

    if (nextPipe < from) nextPipe = piece.indexOf('|', from);
    const hasPipe = nextPipe >= 0 && nextPipe < lineEnd;
    const first = piece.charCodeAt(from);

    if (first === 0x7c /* | */) {
      if (mode === 'fresh') {
        const header = cells(piece, from, lineEnd);
        if (!header) return undefined;
        const delimiterEnd = lineEndOf(piece, next);
        if (!isDelimiterRow(piece, next, delimiterEnd.end, header.length)) return undefined;
        pushCells(blocks, piece, header, 0);
        columns = header.length;
        row = 1;
        mode = 'table';
        lineStart = delimiterEnd.next;
        continue;
      }
      if (mode !== 'table') return undefined;
      const body = cells(piece, from, lineEnd);
      if (!body || body.length !== columns) return undefined;
      pushCells(blocks, piece, body, row++);
      continue;
    }
    // Only table rows may hold a pipe: elsewhere it could turn a paragraph into a table.
    if (hasPipe || mode === 'table') return undefined;

    if (first === 0x23 /* # */) {
      let depth = 1;
      while (depth < 7 && piece.charCodeAt(from + depth) === 0x23) depth++;
      if (depth > 6 || piece.charCodeAt(from + depth) !== 0x20) return undefined;
      let at = from + depth;
      while (piece.charCodeAt(at) === 0x20) at++;
      // A closing # sequence is left out of the heading; rather than reproduce that, give up.
      if (at >= lineEnd || piece.charCodeAt(lineEnd - 1) === 0x23) return undefined;
      close();
      blocks.push({
        kind: 'heading', depth, span: { start: from, end: lineEnd }, marker: undefined,
        view: sourceView(piece, at, lineEnd),
      });
      mode = 'fresh';
      listKind = '';
      continue;
    }

    const item = listItem(piece, from, lineEnd);
    if (item) {
      // A new list, or the next item of the open one; never a marker under a paragraph line,
      // which CommonMark may or may not read as a list.
      if (mode === 'paragraph' || (mode === 'item' && item.kind !== listKind)) return undefined;
      if (!plainStart(piece, item.content, lineEnd)) return undefined;
      close();
      para = open(item.content, item.marker);
      para.view.pushSource(piece.slice(item.content, lineEnd), item.content);
      mode = 'item';
      listKind = item.kind;
      continue;
    }

    if (mode === 'fresh') {
      if (!plainStart(piece, from, lineEnd)) return undefined;
      para = open(from, undefined);
      para.view.pushSource(piece.slice(from, lineEnd), from);
      mode = 'paragraph';
      continue;
    }

    // A continuation line of the open paragraph (lazy when in a list item); its indentation is
    // not part of the text, and the soft break spans the line ending only.
    let at = from;
    while (piece.charCodeAt(at) === 0x20) at++;
    if (!para || !plainStart(piece, at, lineEnd)) return undefined;
    para.view.push('\n', para.view.end, from);
    para.view.pushSource(piece.slice(at, lineEnd), at);
  }
  close();
  return { blocks, comments: [] };
}

function open(start: number, marker: Block['marker']): Paragraph {
  return { start, view: new ViewBuilder(start), marker };
}

function lineEndOf(piece: string, from: number): { end: number; next: number } {
  const nl = piece.indexOf('\n', from);
  if (nl < 0) return { end: piece.length, next: piece.length };
  return { end: nl > from && piece.charCodeAt(nl - 1) === 13 ? nl - 1 : nl, next: nl + 1 };
}

/**
 * Whether a line may open or continue a paragraph as plain text: nothing CommonMark could read as
 * the start of another block (heading, quote, list, fence, thematic break, setext underline,
 * HTML, indented code), even where it could not interrupt a paragraph.
 */
function plainStart(piece: string, at: number, lineEnd: number): boolean {
  if (at >= lineEnd) return false;
  switch (piece[at]) {
    case ' ': case '#': case '>': case '-': case '+': case '*': case '=': case '_': case '~': case '`': case '<':
    case '|': case '[':
      return false;
  }
  const c = piece.charCodeAt(at);
  if (c >= 0x30 && c <= 0x39) return !LIKE_ORDERED.test(piece.slice(at, Math.min(lineEnd, at + 12)));
  return true;
}

interface Item { kind: string; content: number; marker: Block['marker'] }

function listItem(piece: string, from: number, lineEnd: number): Item | undefined {
  const c = piece.charCodeAt(from);
  if (c === 0x2d /* - */) {
    if (piece.charCodeAt(from + 1) !== 0x20 || from + 2 >= lineEnd || piece.charCodeAt(from + 2) === 0x20) return undefined;
    return { kind: '-', content: from + 2, marker: undefined };
  }
  if (c < 0x30 || c > 0x39) return undefined;
  const m = ORDERED_ITEM.exec(piece.slice(from, Math.min(lineEnd, from + 12)));
  if (!m) return undefined;
  const markerEnd = from + m[1].length + 1;
  return { kind: m[2], content: markerEnd + 1, marker: { text: m[1] + m[2], span: { start: from, end: markerEnd } } };
}

/** A row's cells as [pipe, contentStart, contentEnd] triples, or undefined unless every cell is non-empty. */
function cells(piece: string, from: number, lineEnd: number): number[][] | undefined {
  if (lineEnd - from < 3 || piece.charCodeAt(lineEnd - 1) !== 0x7c) return undefined;
  const out: number[][] = [];
  let pipe = from;
  while (pipe < lineEnd - 1) {
    const nextPipe = piece.indexOf('|', pipe + 1);
    let s = pipe + 1;
    let e = nextPipe;
    while (s < e && piece.charCodeAt(s) === 0x20) s++;
    while (e > s && piece.charCodeAt(e - 1) === 0x20) e--;
    if (s === e) return undefined;
    out.push([pipe, s, e]);
    pipe = nextPipe;
  }
  return out;
}

function isDelimiterRow(piece: string, from: number, lineEnd: number, columns: number): boolean {
  if (lineEnd <= from || piece.charCodeAt(from) !== 0x7c || piece.charCodeAt(lineEnd - 1) !== 0x7c) return false;
  const parts = piece.slice(from + 1, lineEnd - 1).split('|');
  return parts.length === columns && parts.every((p) => DELIMITER_CELL.test(p));
}

/** A cell's span runs from its opening pipe to the next one; the last cell keeps its closing pipe. */
function pushCells(blocks: Block[], piece: string, row: number[][], r: number): void {
  row.forEach(([pipe, s, e], c) => {
    const end = c === row.length - 1 ? piece.indexOf('|', e) + 1 : piece.indexOf('|', e);
    blocks.push({
      kind: 'cell', depth: 0, span: { start: pipe, end },
      view: sourceView(piece, s, e), cell: { table: 0, row: r, column: c },
    });
  });
}
