// A Word document (.docx) → the Markdown Policy Trace reads. mammoth reads the document (headings
// from Word's heading styles, paragraphs, tables, bold and italic) as HTML, which the unified tools
// turn into Markdown. Before it does, the document is prepared as a reader of the printed page
// sees it: Word's automatic list numbers are written into the text (listNumbers.ts), and what
// Markdown cannot hold (images, text boxes) is taken out and counted, with comments and tracked
// changes, for the report. After it, short lines numbered as chapters or sections (第1章, ６　…)
// become headings, and front matter names the tier.

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
import type { Heading, Paragraph, Root } from 'mdast';
import { tierFromTitle } from '../core/parse/tier';
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
  /** The tier written in the front matter: given, or read from the title; undefined when neither says. */
  tier?: Tier;
  report: ImportReport;
}

const TIER_WORD: Record<Tier, string> = { policy: '基本方針', standard: '対策基準', procedure: '実施手順' };

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
  // An exported document is read back as it was written: its headings are its heading styles.
  const title = frontMatter === undefined ? headingsFromText(tree) : firstTitle(tree);
  headerRows(tree);
  // Columns are not padded: the padding counts characters, not the width Japanese text takes.
  const body = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', rule: '-' }).stringify(tree);
  const tier = options.tier ?? tierFromTitle(title);
  // An exported document's own front matter comes back as it was written.
  const front = frontMatter !== undefined ? (frontMatter ? `---\n${frontMatter}\n---\n` : '') : tier ? `---\n種別: ${TIER_WORD[tier]}\n---\n` : '';
  return { markdown: front + body, title, tier, report };
}

const CHAPTER = /^第[0-9０-９一二三四五六七八九十百]+(編|章|節)(?:[\s　]|$)/u;
const SECTION = /^[0-9０-９]+[\s　]/u;
const SUBSECTION = /^[0-9０-９]+[.．][0-9０-９]+[\s　]/u;

/**
 * Short lines numbered as parts, chapters or sections become headings (a line that ends a sentence
 * with 。 is text, not a title); without any heading, a short first line is the title. Returns the
 * title: the first level-one heading's text.
 */
function headingsFromText(tree: Root): string {
  const kinds = tree.children.filter((n): n is Paragraph => n.type === 'paragraph').map((p) => CHAPTER.exec(toString(p))?.[1]);
  const hasPart = kinds.includes('編');
  const hasChapter = kinds.includes('章');
  const depthOf = (text: string): number | undefined => {
    if (text.length > 40 || /。$/u.test(text)) return undefined;
    const kind = CHAPTER.exec(text)?.[1];
    if (kind === '編') return 2;
    if (kind === '章') return hasPart ? 3 : 2;
    if (kind === '節') return (hasPart ? 3 : 2) + (hasChapter ? 1 : 0);
    if (SUBSECTION.test(text)) return 3;
    if (SECTION.test(text)) return 2;
    return undefined;
  };
  tree.children = tree.children.map((node) => {
    if (node.type !== 'paragraph') return node;
    const depth = depthOf(toString(node));
    return depth ? { type: 'heading', depth: depth as Heading['depth'], children: node.children } satisfies Heading : node;
  });
  let h1 = tree.children.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  const firstNode = tree.children[0];
  if (!h1 && firstNode?.type === 'paragraph' && toString(firstNode).length <= 60 && !/。$/u.test(toString(firstNode))) {
    h1 = { type: 'heading', depth: 1, children: firstNode.children };
    tree.children[0] = h1;
  }
  return h1 ? toString(h1) : '';
}

function firstTitle(tree: Root): string {
  const h1 = tree.children.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  return h1 ? toString(h1) : '';
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
