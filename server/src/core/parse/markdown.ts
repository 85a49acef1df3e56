// Markdown → flat list of blocks with their visible text, via unified + remark-parse.
// Only this file knows mdast; everything after it works on blocks and text views.

import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Span } from '../types';
import { ViewBuilder, type TextView } from '../text/textView';

export interface Block {
  /** A table cell is a block of its own: its row and column are in `cell`. */
  kind: 'heading' | 'paragraph' | 'cell';
  /** Heading depth 1–6; 0 for paragraphs. */
  depth: number;
  span: Span;
  /** Ordered-list marker as written ("1." or "1)") when the block opens an ordered list item. */
  marker?: { text: string; span: Span };
  /** Visible text: inline markup and code left out; each line break is one '\n'. */
  view: TextView;
  cell?: { table: number; row: number; column: number };
}

/** An HTML comment, where policy-trace-disable directives live. */
export interface Comment { text: string; span: Span }

/** A Markdown link's destination as written (`実施手順/手順.md#1`), and where the link is. */
export interface MarkdownLink { url: string; span: Span }

export interface FrontMatter {
  /** The YAML text between the fences. */
  value: string;
  /** Offset of the YAML text in the document. */
  valueStart: number;
  span: Span;
}

export interface ParsedMarkdown {
  frontMatter?: FrontMatter;
  blocks: Block[];
  comments: Comment[];
  /** Links to other files and pages; plain chunks (no inline markup) have none. */
  links?: MarkdownLink[];
  /** Some of the text was read as plain lines, not Markdown, and why (chunks.ts). */
  plainText?: PlainReason[];
}

/** Lists or quotes nested too deep, or a paragraph with too much inline markup for the parser. */
export type PlainReason = 'nesting' | 'markup';

interface Node {
  type: string;
  value?: string;
  url?: string;
  depth?: number;
  ordered?: boolean;
  children?: Node[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/**
 * GFM tables only: the rest of GFM would turn bare URLs into links that swallow the Japanese text
 * after them (no spaces to stop at), so it stays out.
 */
function remarkGfmTable(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfmTable);

export function parseMarkdown(text: string): ParsedMarkdown {
  // A BOM is not content; parse after it and shift offsets back.
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const source = base ? text.slice(1) : text;
  const tree = parser.parse(source) as Node;
  const out: ParsedMarkdown = { blocks: [], comments: [] };
  walkBlocks(tree, source, base, out);
  return out;
}

function start(node: Node): number { return node.position?.start.offset ?? 0; }
function end(node: Node): number { return node.position?.end.offset ?? 0; }

/**
 * The blocks of the tree in document order. Walked with a stack of its own, not by recursion: a
 * few kilobytes of nested `>` or list markers nest deeper than the call stack goes.
 */
function walkBlocks(root: Node, source: string, base: number, out: ParsedMarkdown): void {
  /** Sibling nodes still to visit, and the list marker the first block among them takes. */
  const stack: { nodes: Node[]; next: number; marker: Block['marker'] }[] = [{ nodes: root.children ?? [], next: 0, marker: undefined }];
  // Tables are numbered on from those already in `out`, counted once (not per table).
  let nextTable = 0;
  for (const b of out.blocks) if (b.cell && b.cell.table >= nextTable) nextTable = b.cell.table + 1;
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.nodes.length) {
      stack.pop();
      continue;
    }
    const child = frame.nodes[frame.next++];
    switch (child.type) {
      case 'yaml': {
        const s = start(child);
        const fenceEnd = source.indexOf('\n', s);
        const valueStart = fenceEnd < 0 ? end(child) : fenceEnd + 1;
        out.frontMatter = { value: child.value ?? '', valueStart: valueStart + base, span: { start: s + base, end: end(child) + base } };
        break;
      }
      case 'heading':
      case 'paragraph': {
        out.blocks.push({
          kind: child.type,
          depth: child.type === 'heading' ? child.depth ?? 1 : 0,
          span: { start: start(child) + base, end: end(child) + base },
          marker: frame.marker,
          view: inlineView(child, source, base, out),
        });
        frame.marker = undefined;
        break;
      }
      case 'list': {
        const items = child.children ?? [];
        // Last item pushed first, so that the first is visited first.
        for (let i = items.length - 1; i >= 0; i--) {
          const item = items[i];
          let marker: Block['marker'];
          if (child.ordered) {
            const s = start(item);
            const m = /^\s*(\d{1,9}[.)])/.exec(source.slice(s, s + 16));
            if (m) {
              const at = s + m[0].length - m[1].length;
              marker = { text: m[1], span: { start: at + base, end: at + m[1].length + base } };
            }
          }
          stack.push({ nodes: item.children ?? [], next: 0, marker });
        }
        break;
      }
      case 'blockquote':
      case 'listItem':
        stack.push({ nodes: child.children ?? [], next: 0, marker: frame.marker });
        frame.marker = undefined;
        break;
      case 'table': {
        const table = nextTable++;
        (child.children ?? []).forEach((row, r) => (row.children ?? []).forEach((cell, c) => {
          out.blocks.push({
            kind: 'cell', depth: 0, span: { start: start(cell) + base, end: end(cell) + base },
            view: inlineView(cell, source, base, out), cell: { table, row: r, column: c },
          });
        }));
        break;
      }
      case 'html':
        collectComment(child, base, out);
        break;
      default:
        // code, html, tables (without GFM they are paragraphs), thematic breaks: no structure.
        break;
    }
  }
}

function collectComment(node: Node, base: number, out: ParsedMarkdown): void {
  const value = node.value ?? '';
  if (value.startsWith('<!--')) out.comments.push({ text: value, span: { start: start(node) + base, end: end(node) + base } });
}

function inlineView(node: Node, source: string, base: number, out: ParsedMarkdown): TextView {
  const b = new ViewBuilder(start(node) + base);
  // Depth-first in document order with a stack of its own: emphasis can nest thousands deep.
  const todo: Node[] = [...(node.children ?? [])].reverse();
  while (todo.length) {
    const n = todo.pop()!;
    switch (n.type) {
      case 'text':
        alignText(n.value ?? '', source, start(n), end(n), base, b);
        break;
      case 'break':
        b.push('\n', start(n) + base, end(n) + base);
        break;
      case 'html':
        collectComment(n, base, out);
        break;
      case 'link': {
        if (n.url) (out.links ??= []).push({ url: n.url, span: { start: start(n) + base, end: end(n) + base } });
        const children = n.children ?? [];
        for (let i = children.length - 1; i >= 0; i--) todo.push(children[i]);
        break;
      }
      case 'inlineCode':
      case 'image':
      case 'imageReference':
        break;
      default: {
        const children = n.children ?? [];
        for (let i = children.length - 1; i >= 0; i--) todo.push(children[i]);
      }
    }
  }
  return b.build();
}

/**
 * Lines up a text node's value with its source: escapes (\*), entities (&amp;), CRLF and the
 * indentation of continuation lines are in the source but not (or not alike) in the value.
 */
function alignText(value: string, source: string, from: number, to: number, base: number, b: ViewBuilder): void {
  let j = from;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\r') continue;
    if (ch === '\n') {
      while (j < to && source[j] !== '\n' && source[j] !== '\r') j++;
      const s = j;
      if (source[j] === '\r') j++;
      if (source[j] === '\n') j++;
      b.push('\n', s + base, j + base);
      continue;
    }
    let k = j;
    let found = false;
    while (k < to && !found) {
      if (source[k] === ch) {
        b.push(ch, k + base, k + 1 + base);
        j = k + 1;
        found = true;
      } else if (source[k] === '\\' && source[k + 1] === ch) {
        b.push(ch, k + base, k + 2 + base);
        j = k + 2;
        found = true;
      } else if (source[k] === '&') {
        const semi = source.indexOf(';', k);
        if (semi > k && semi - k <= 32 && semi < to) {
          b.push(ch, k + base, semi + 1 + base);
          j = semi + 1;
          found = true;
        } else k++;
      } else k++;
    }
    // Never expected; keeps the view whole with an empty span rather than failing.
    if (!found) b.push(ch, j + base, j + base);
  }
}
