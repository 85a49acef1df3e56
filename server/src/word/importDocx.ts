// A Word document (.docx) → the Markdown Policy Trace reads. mammoth reads the document (headings
// from Word's heading styles, paragraphs, tables, bold and italic) as HTML, which the unified tools
// turn into Markdown. Before it does, the document is prepared as a reader of the printed page
// sees it: Word's automatic list numbers are written into the text (listNumbers.ts), and what
// Markdown cannot hold (images, text boxes) is taken out and counted, with comments and tracked
// changes, for the report. After it, steps typed as 1. 2. 3. become a Markdown list, and front
// matter names the tier when it was given; numbered lines (第1章, ６　…, （１）) stay lines, which
// the checker reads.

import JSZip from 'jszip';
import mammoth from 'mammoth';
import { DOMParser, XMLSerializer, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Heading, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import { TIER_NAME, tierFromTitle } from '../core/parse/tier';
import type { Tier } from '../core/types';
import { children, descendants, first, ListDefinitions, W, writeListNumbers } from './listNumbers';
import { APPENDIX_STYLE, COVER_STYLE, FRONT_MATTER_STYLE, LIST_ITEM_STYLES } from './addedStyles';

/** What did not come over, or came over changed, counted for the report. */
export interface ImportReport {
  images: number;
  textBoxes: number;
  comments: number;
  trackedChanges: number;
  /** Paragraphs whose automatic number was written into their text. */
  listNumbers: number;
  /** What mammoth said (a style it did not know, say). */
  warnings: string[];
}

export interface Imported {
  markdown: string;
  title: string;
  /** The tier written in the front matter (given with --tier). */
  tier?: Tier;
  /**
   * Without one given, the tier the checker will read from the title; none is written, since a
   * file of several tiers (第1章 基本方針 / 第2章 対策基準) is read part by part.
   */
  titleTier?: Tier;
  report: ImportReport;
}


const TITLE_STYLES = ['Title', '表題'];

/**
 * Heading styles by their names in English and Japanese Word. A document with a title paragraph
 * (the Title style) has it as its one level-one heading, and Heading 1 one level below.
 */
function styleMap(hasTitle: boolean): string[] {
  const shift = hasTitle ? 1 : 0;
  const list = (ordered: boolean) => (ordered ? 'ol' : 'ul');
  return [
    ...TITLE_STYLES.map((name) => `p[style-name='${name}'] => h1:fresh`),
    // An exported list item is a list item again, nested as deep as it was.
    ...LIST_ITEM_STYLES.map((s) => `p[style-name='${s.name}'] => ${[...Array(s.depth - 1).fill('ul|ol > li'), `${list(s.ordered)} > li:fresh`].join(' > ')}`),
    ...[1, 2, 3, 4, 5].flatMap((n) => [`p[style-name='heading ${n}'] => h${n + shift}:fresh`, `p[style-name='見出し ${n}'] => h${n + shift}:fresh`]),
  ];
}

/** Whether a paragraph of the document has the Title style (by its name in styles.xml). */
function usesTitleStyle(doc: XmlDocument, styles: XmlDocument | undefined): boolean {
  const ids = new Set(children(styles?.documentElement, 'style')
    .filter((s) => TITLE_STYLES.includes(first(s, 'name')?.getAttributeNS(W, 'val') ?? ''))
    .map((s) => s.getAttributeNS(W, 'styleId') ?? ''));
  return descendants(doc.documentElement, 'pStyle').some((p) => ids.has(p.getAttributeNS(W, 'val') ?? ''));
}

export async function importDocx(bytes: Uint8Array, options: { tier?: Tier } = {}): Promise<Imported> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string): Promise<XmlDocument | undefined> => {
    const text = await zip.file(name)?.async('string');
    return text === undefined ? undefined : new DOMParser().parseFromString(text, 'text/xml');
  };
  const doc = await read('word/document.xml');
  if (!doc?.documentElement) throw new Error('word/document.xml is missing: this is not a Word document');
  const count = (local: string): number => descendants(doc.documentElement, local).length;
  const report: ImportReport = {
    images: count('drawing') + count('pict') - count('txbxContent'),
    textBoxes: count('txbxContent'),
    comments: count('commentReference'),
    trackedChanges: count('ins') + count('del') + count('moveFrom') + count('moveTo'),
    listNumbers: 0,
    warnings: [],
  };
  // Pictures and text boxes have no place in the text: taken out, and said.
  for (const local of ['drawing', 'pict']) for (const el of descendants(doc.documentElement, local)) el.parentNode?.removeChild(el);
  dropExportAdditions(doc);
  dropListMarkers(doc);
  const frontMatter = takeFrontMatter(doc);
  const styles = await read('word/styles.xml');
  const hasTitle = usesTitleStyle(doc, styles);
  report.listNumbers = writeListNumbers(doc, new ListDefinitions(await read('word/numbering.xml'), styles));
  zip.file('word/document.xml', new XMLSerializer().serializeToString(doc));
  const prepared = await zip.generateAsync({ type: 'nodebuffer' });

  const html = await mammoth.convertToHtml({ buffer: prepared }, { styleMap: styleMap(hasTitle), ignoreEmptyParagraphs: true });
  // A paragraph style mammoth does not map is read as a paragraph, which is what is wanted here.
  report.warnings = html.messages.map((m) => m.message).filter((m) => !/^Unrecognised paragraph style/.test(m));
  const toMarkdownTree = unified().use(rehypeParse, { fragment: true }).use(rehypeRemark);
  const tree = await toMarkdownTree.run(toMarkdownTree.parse(html.value)) as Root;
  // A line break inside a paragraph is written as the line break it was, not as a hard break.
  visit(tree, 'break', (_, index, parent) => {
    if (parent && index !== undefined) parent.children[index] = { type: 'text', value: '\n' };
  });
  const title = firstTitle(tree);
  if (frontMatter === undefined) stepLists(tree);
  headerRows(tree);
  // Columns are not padded: the padding counts characters, not the width Japanese text takes.
  const body = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', rule: '-' }).stringify(tree);
  const tier = options.tier;
  const titleTier = tier ? undefined : tierFromTitle(title);
  // An exported document's own front matter comes back as it was written.
  const front = frontMatter !== undefined ? (frontMatter ? `---\n${frontMatter}\n---\n` : '') : tier ? `---\n種別: ${TIER_NAME[tier]}\n---\n` : '';
  return { markdown: front + body, title, tier, titleTier, report };
}

/**
 * The title: the first level-one heading (the Title style), else the first line, as the checker
 * reads a document's first line. Lines numbered in the text (第1章, ６　…, （１）) are left as lines:
 * the checker reads its structure from that numbering, and headings guessed from it were tried on
 * the real-world sets and made it worse (a ６ made a heading climbs out of its 章).
 */
function firstTitle(tree: Root): string {
  const h1 = tree.children.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  const first = tree.children[0];
  return h1 ? toString(h1) : first ? toString(first) : '';
}

/**
 * Word tables have no header row in HTML terms, so the Markdown one comes out empty: the table's
 * first row (用語 | 定義) takes its place.
 */
function headerRows(tree: Root): void {
  for (const node of tree.children) {
    if (node.type !== 'table' || node.children.length < 2) continue;
    if (node.children[0].children.every((cell) => !toString(cell).trim())) node.children.shift();
  }
}

/**
 * The cover page and the appendices that `export` adds (the terms, the matrix) are not the
 * document's text: paragraphs in their styles, and tables made of them, are left out, so that
 * importing an exported document gives back the document.
 */
function dropExportAdditions(doc: XmlDocument): void {
  const added = (p: XmlElement): boolean => {
    const style = first(first(p, 'pPr'), 'pStyle')?.getAttributeNS(W, 'val');
    return style === COVER_STYLE || style === APPENDIX_STYLE;
  };
  for (const table of descendants(doc.documentElement, 'tbl')) {
    if (descendants(table, 'p').some(added)) table.parentNode?.removeChild(table);
  }
  for (const p of descendants(doc.documentElement, 'p')) if (added(p)) p.parentNode?.removeChild(p);
}

/** The first document's front matter lines that `export` hid in the text (all such paragraphs go). */
function takeFrontMatter(doc: XmlDocument): string | undefined {
  const hidden = descendants(doc.documentElement, 'p').filter((p) => first(first(p, 'pPr'), 'pStyle')?.getAttributeNS(W, 'val') === FRONT_MATTER_STYLE);
  // The first group: paragraphs that follow each other; the next document's front matter is apart.
  let end = hidden.length ? 1 : 0;
  while (end < hidden.length && hidden[end - 1].nextSibling === hidden[end]) end++;
  const lines = hidden.slice(0, end).map((p) => descendants(p, 't').map((t) => t.textContent ?? '').join(''));
  for (const p of hidden) p.parentNode?.removeChild(p);
  // One empty line: the document had no front matter.
  return lines.length ? lines.join('\n') : undefined;
}

/** The marker run (・, 1.) of each exported list item: the Markdown list writes its own. */
function dropListMarkers(doc: XmlDocument): void {
  const ids = new Set(LIST_ITEM_STYLES.map((s) => s.id));
  for (const p of descendants(doc.documentElement, 'p')) {
    if (!ids.has(first(first(p, 'pPr'), 'pStyle')?.getAttributeNS(W, 'val') ?? '')) continue;
    const marker = first(p, 'r');
    if (marker) p.removeChild(marker);
  }
}

const STEP = /^([0-9０-９]+)[.．][\s　]*/u;

/**
 * Steps typed in Word as numbered lines one after another (`1. 端末は業務の目的以外に使用しない。`,
 * then 2., 3.; or a list of names) are what a Markdown ordered list is: they become one, as the
 * Markdown policies write them. Only a run of two or more from 1 on with nothing between: a
 * numbered title (`1．目的`) has its text under it, and every other numbering (１　, （１）, ①, ア)
 * is structure, left as it is.
 */
function stepLists(tree: Root): void {
  const out: RootContent[] = [];
  const nodes = tree.children;
  for (let i = 0; i < nodes.length;) {
    let k = i;
    while (k < nodes.length && nodes[k].type === 'paragraph') {
      const text = toString(nodes[k]);
      const m = STEP.exec(text);
      if (!m || parseInt(m[1].replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)), 10) !== k - i + 1) break;
      k++;
    }
    if (k - i >= 2) {
      const items: ListItem[] = nodes.slice(i, k).map((n) => ({ type: 'listItem', spread: false, children: [withoutNumber(n as Paragraph)] }));
      out.push({ type: 'list', ordered: true, start: 1, spread: false, children: items } satisfies List);
      i = k;
    } else out.push(nodes[i++]);
  }
  tree.children = out;
}

/** The paragraph without its leading step number (in its first text node). */
function withoutNumber(p: Paragraph): Paragraph {
  const [head, ...rest] = p.children;
  if (head?.type !== 'text') return p;
  return { ...p, children: [{ ...head, value: head.value.replace(STEP, '') }, ...rest] };
}
