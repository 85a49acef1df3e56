// A hand-written parser for the chunks most policy documents are made of: ATX headings,
// paragraphs, ordered and bullet lists (nested as lists nest when each level starts at its
// parent's text), one-level block quotes, GFM tables, whole-line HTML comments, and the common
// inline markup (links, emphasis, code spans: simpleInline.ts). It gives exactly what
// parseMarkdown gives for such a chunk, without micromark's cost, and undefined for anything it
// is not sure about; the caller then parses the chunk with remark. Being unsure is cheap, being
// wrong is not: every rule below errs towards undefined.

import type { Block, Comment, MarkdownLink, ParsedMarkdown } from './markdown';
import { ViewBuilder } from '../text/textView';
import { pushInline } from './simpleInline';

/**
 * Characters micromark rewrites wherever they are (tabs, NUL and other controls), a CR that is a
 * line ending of its own, a BOM, and a space before a line ending (hard breaks, stripped line
 * ends): any of them and the chunk goes to remark. Inline markup is simpleInline.ts's to judge.
 */
const UNSAFE = /[\t\0-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]|\r(?!\n)| (?=\r?\n|$)/;

/** A list item marker followed by one space and content (a wider gap changes where content starts). */
const ORDERED_ITEM = /^(\d{1,9})([.)]) (?=[^ ])/;

/** Digits and a delimiter at the start of a line: a list marker or close to one. */
const LIKE_ORDERED = /^\d+[.)](?: |$)/;

/** A delimiter-row cell: dashes with optional alignment colons, padded with spaces. */
const DELIMITER_CELL = /^ *:?-+:? *$/;

interface Paragraph {
  start: number;
  /** Where its last line ends: the paragraph's end, markup after its last visible character included. */
  end: number;
  view: ViewBuilder;
  marker: Block['marker'];
}

/**
 * What the lines so far leave open, which decides what the next line may be: after a heading or a
 * comment, and after a blank line, anything starts afresh; a paragraph or list item takes
 * continuation lines; a quote takes quoted lines; a table takes rows.
 */
type Mode = 'fresh' | 'paragraph' | 'item' | 'quote' | 'table' | 'blank';

/** An open list: its kind ('-', '.' or ')'; micromark starts another list when it changes) and where its current item's text starts. */
interface Level { kind: string; content: number }

export function parseSimpleChunk(piece: string): ParsedMarkdown | undefined {
  if (piece.length === 0 || UNSAFE.test(piece)) return undefined;
  const blocks: Block[] = [];
  const comments: Comment[] = [];
  const links: MarkdownLink[] = [];
  let mode: Mode = 'fresh';
  let para: Paragraph | undefined;
  /** The lists open around the current line, outermost first. */
  let lists: Level[] = [];
  let columns = 0;
  let row = 0;
  let nextPipe = -1;

  /** The inline content of source[at, lineEnd) added to the paragraph, which now ends there; false when remark must read it. */
  const addLine = (p: Paragraph, at: number, lineEnd: number): boolean => {
    if (!pushInline(piece, at, lineEnd, p.view, links)) return false;
    p.end = lineEnd;
    return true;
  };

  const close = (): void => {
    if (!para) return;
    blocks.push({ kind: 'paragraph', depth: 0, span: { start: para.start, end: para.end }, marker: para.marker, view: para.view.build() });
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
    // After a blank line a line at column 0 starts a block afresh: no paragraph goes on across it,
    // and no list item takes it without indentation (a list item there just makes the list loose,
    // which changes no block). Indented lines there may be code: remark's.
    if (mode === 'blank') {
      if (piece.charCodeAt(from) === 0x20) return undefined;
      mode = 'fresh';
      lists = [];
    }

    if (nextPipe < from) nextPipe = piece.indexOf('|', from);
    const hasPipe = nextPipe >= 0 && nextPipe < lineEnd;
    const first = piece.charCodeAt(from);

    if (first === 0x7c /* | */) {
      if (mode === 'fresh') {
        const header = cells(piece, from, lineEnd);
        if (!header) return undefined;
        const delimiterEnd = lineEndOf(piece, next);
        if (!isDelimiterRow(piece, next, delimiterEnd.end, header.length)) return undefined;
        if (!pushCells(blocks, links, piece, header, 0)) return undefined;
        columns = header.length;
        row = 1;
        mode = 'table';
        lineStart = delimiterEnd.next;
        continue;
      }
      if (mode !== 'table') return undefined;
      const body = cells(piece, from, lineEnd);
      if (!body || body.length !== columns || !pushCells(blocks, links, piece, body, row++)) return undefined;
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
      if (mode === 'quote') return undefined;
      close();
      // A view starts where remark's node does: what it ends at when only code is in it.
      const view = new ViewBuilder(from);
      if (!pushInline(piece, at, lineEnd, view, links)) return undefined;
      blocks.push({ kind: 'heading', depth, span: { start: from, end: lineEnd }, marker: undefined, view: view.build() });
      mode = 'fresh';
      lists = [];
      continue;
    }

    // A comment alone on its line: an HTML block that ends on the line it starts (and interrupts
    // a paragraph or a list, as HTML blocks do).
    if (first === 0x3c /* < */) {
      const end = piece.startsWith('<!--', from) ? piece.indexOf('-->', from + 4) : -1;
      if (mode === 'quote' || end < 0 || end > lineEnd - 3) return undefined;
      close();
      comments.push({ text: piece.slice(from, lineEnd), span: { start: from, end: lineEnd } });
      mode = 'fresh';
      lists = [];
      continue;
    }

    if (first === 0x3e /* > */) {
      // One level of quote, `> ` and text; lazy lines and anything nested go to remark.
      const at = from + 2;
      if (piece.charCodeAt(from + 1) !== 0x20 || !inlineStart(piece, at, lineEnd)) return undefined;
      if (mode === 'fresh') {
        para = open(at, undefined);
      } else if (mode === 'quote' && para) {
        para.view.push('\n', para.end, from);
      } else {
        return undefined;
      }
      if (!addLine(para, at, lineEnd)) return undefined;
      mode = 'quote';
      continue;
    }
    if (mode === 'quote') return undefined;

    let indent = from;
    while (piece.charCodeAt(indent) === 0x20) indent++;
    const item = listItem(piece, indent, lineEnd);
    if (item) {
      const column = indent - from;
      const deepest = lists[lists.length - 1];
      if (!deepest) {
        // A new list, never under a paragraph line (CommonMark may or may not read it as a list).
        if (column !== 0 || mode === 'paragraph') return undefined;
        lists = [{ kind: item.kind, content: item.content - from }];
      } else if (column === deepest.content) {
        // A list inside the item above, right after its text: it interrupts that paragraph, which
        // an ordered list may do only from 1.
        if (mode !== 'item' || (item.marker && item.marker.text.slice(0, -1) !== '1')) return undefined;
        lists.push({ kind: item.kind, content: item.content - from });
      } else {
        // The next item of an open list: its marker where that list's items start.
        let level = -1;
        for (let k = 0; k < lists.length; k++) if ((k === 0 ? 0 : lists[k - 1].content) === column) level = k;
        if (level < 0 || lists[level].kind !== item.kind || mode === 'paragraph') return undefined;
        lists = lists.slice(0, level + 1);
        lists[level] = { kind: item.kind, content: item.content - from };
      }
      if (!inlineStart(piece, item.content, lineEnd)) return undefined;
      close();
      para = open(item.content, item.marker);
      if (!addLine(para, item.content, lineEnd)) return undefined;
      mode = 'item';
      continue;
    }

    if (mode === 'fresh') {
      if (indent !== from || !inlineStart(piece, from, lineEnd)) return undefined;
      para = open(from, undefined);
      if (!addLine(para, from, lineEnd)) return undefined;
      mode = 'paragraph';
      continue;
    }

    // A continuation line of the open paragraph (lazy when in a list item); its indentation is
    // not part of the text, and the soft break spans the line ending only.
    if (!para || !inlineStart(piece, indent, lineEnd)) return undefined;
    para.view.push('\n', para.end, from);
    if (!addLine(para, indent, lineEnd)) return undefined;
  }
  close();
  return links.length ? { blocks, comments, links } : { blocks, comments };
}

function open(start: number, marker: Block['marker']): Paragraph {
  return { start, end: start, view: new ViewBuilder(start), marker };
}

function lineEndOf(piece: string, from: number): { end: number; next: number } {
  const nl = piece.indexOf('\n', from);
  if (nl < 0) return { end: piece.length, next: piece.length };
  return { end: nl > from && piece.charCodeAt(nl - 1) === 13 ? nl - 1 : nl, next: nl + 1 };
}

/**
 * Whether a line may open or continue a paragraph as plain text: nothing CommonMark could read as
 * the start of another block (heading, quote, list, fence, thematic break, setext underline,
 * HTML, indented code, a link reference definition), even where it could not interrupt a paragraph.
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

/**
 * As plainStart, and also a line that opens with inline markup no block starts with: a link
 * (`[…](`, never a definition's `]:`), emphasis (`*` or `**` right before text: a bullet needs a
 * space, a thematic break only stars), a code span (fewer than three backticks: no fence).
 */
function inlineStart(piece: string, at: number, lineEnd: number): boolean {
  if (plainStart(piece, at, lineEnd)) return true;
  const c = piece[at];
  if (c === '[') {
    const close = piece.indexOf(']', at);
    return close > at && close < lineEnd && piece[close + 1] === '(';
  }
  if (c === '*') {
    const after = piece[at + 1] === '*' ? at + 2 : at + 1;
    return after < lineEnd && piece[after] !== '*' && piece[after] !== ' ';
  }
  if (c === '`') return piece[at + 1] !== '`' || piece[at + 2] !== '`';
  return false;
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

/**
 * A cell's span runs from its opening pipe to the next one; the last cell keeps its closing pipe.
 * False when a cell's inline markup is not simpleInline.ts's to read.
 */
function pushCells(blocks: Block[], links: MarkdownLink[], piece: string, row: number[][], r: number): boolean {
  for (let c = 0; c < row.length; c++) {
    const [pipe, s, e] = row[c];
    const end = c === row.length - 1 ? piece.indexOf('|', e) + 1 : piece.indexOf('|', e);
    const view = new ViewBuilder(pipe);
    if (!pushInline(piece, s, e, view, links)) return false;
    blocks.push({ kind: 'cell', depth: 0, span: { start: pipe, end }, view: view.build(), cell: { table: 0, row: r, column: c } });
  }
  return true;
}
