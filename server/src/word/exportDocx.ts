// The policy set (or one tier) → one Word document for approval (決裁) circulation, with the docx
// library: a cover page (title, version and date from front matter), each document from a new page
// with its numbering as written (never Word's list numbering, so the printed numbers are the ones
// the references cite), and two appendices: the defined terms and the traceability matrix. The
// cover and the appendices carry styles of their own, which `import` leaves out again: importing
// an exported document gives back its text.

import {
  AlignmentType, Document, HeadingLevel, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type ParagraphChild,
} from 'docx';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as parseYaml } from 'yaml';
import type { BlockContent, DefinitionContent, List, PhrasingContent, Root, RootContent, Table as MdTable } from 'mdast';
import type { DocumentFacts, TraceMatrix } from '../core/api';
import { APPENDIX_STYLE, COVER_STYLE, FRONT_MATTER_STYLE, LIST_ITEM_STYLES, listItemStyle } from './addedStyles';
import { readNumber } from '../core/parse/numbering';
import { toString } from 'mdast-util-to-string';


export interface ExportDocument { facts: DocumentFacts; text: string }

export interface ExportInput {
  documents: ExportDocument[];
  /** The defined terms: term, meaning, the document that defines it. */
  terms: { term: string; text: string; document: string }[];
  matrices: TraceMatrix[];
  labels: ExportLabels;
}

/** The words the export writes itself, in the user's language. */
export interface ExportLabels {
  version: string;
  date: string;
  termsTitle: string;
  termHeader: [string, string, string];
  matrixTitle: string;
  matrixHeader: [string, string, string, string, string];
  status: (status: TraceMatrix['rows'][number]['status']) => string;
  untitled: string;
}

/** A document's front matter block (its YAML in group 1). */
const FRONT_MATTER = /^(?:\ufeff)?---\r?\n([\s\S]*?)\r?\n---\r?\n/;

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5];

export async function exportDocx(input: ExportInput): Promise<Buffer> {
  const first = input.documents[0];
  const meta = first ? frontMatterOf(first.text) : {};
  const title = meta.title ?? first?.facts.title ?? input.labels.untitled;
  const cover = [
    new Paragraph({ style: COVER_STYLE, alignment: AlignmentType.CENTER, spacing: { before: 3600, after: 600 }, children: [new TextRun({ text: title, bold: true, size: 44 })] }),
    ...(meta.version ? [new Paragraph({ style: COVER_STYLE, alignment: AlignmentType.CENTER, text: `${input.labels.version}: ${meta.version}` })] : []),
    ...(meta.date ? [new Paragraph({ style: COVER_STYLE, alignment: AlignmentType.CENTER, text: `${input.labels.date}: ${meta.date}` })] : []),
  ];
  const body = input.documents.flatMap((d) => [new Paragraph({ children: [new PageBreak()] }), ...frontMatterBlocks(d.text), ...documentBlocks(d.text)]);
  const appendix = [
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ style: APPENDIX_STYLE, children: [new TextRun({ text: input.labels.termsTitle, bold: true, size: 28 })] }),
    appendixTable(input.labels.termHeader, input.terms.map((t) => [t.term, t.text, t.document])),
    new Paragraph({ style: APPENDIX_STYLE, children: [new TextRun({ text: input.labels.matrixTitle, bold: true, size: 28 })], spacing: { before: 400 } }),
    appendixTable(input.labels.matrixHeader, input.matrices.flatMap((m) => m.rows.map((r) => [
      r.id, r.title, r.standards.map((s) => s.name).join('\n'), r.procedures.map((p) => p.name).join('\n'), input.labels.status(r.status),
    ]))),
  ];
  const doc = new Document({
    title,
    styles: {
      paragraphStyles: [
        { id: COVER_STYLE, name: 'Policy Trace Cover', basedOn: 'Normal', run: { size: 28 } },
        { id: APPENDIX_STYLE, name: 'Policy Trace Appendix', basedOn: 'Normal' },
        { id: FRONT_MATTER_STYLE, name: 'Policy Trace Front Matter', basedOn: 'Normal', run: { vanish: true } },
        ...LIST_ITEM_STYLES.map((s) => ({ id: s.id, name: s.name, basedOn: 'Normal', paragraph: { indent: { left: s.depth * 420, hanging: 420 } } })),
      ],
    },
    sections: [{ children: [...cover, ...body, ...appendix] }],
  });
  return Packer.toBuffer(doc);
}

/** The front matter's title, version and date, under the names Japanese offices write. */
function frontMatterOf(text: string): { title?: string; version?: string; date?: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return {};
  let data: unknown;
  try {
    data = parseYaml(m[1]);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null) return {};
  const get = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = (data as Record<string, unknown>)[k];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
      if (v instanceof Date) return v.toISOString().slice(0, 10);
    }
    return undefined;
  };
  return { title: get('タイトル', 'title'), version: get('版', 'バージョン', 'version'), date: get('日付', '施行日', '改定日', 'date') };
}

type Block = Paragraph | Table;

/**
 * The front matter's lines as hidden paragraphs (not printed), so that import can restore them; a
 * document without front matter gets one empty such paragraph, so that import adds none either.
 */
function frontMatterBlocks(text: string): Block[] {
  const m = FRONT_MATTER.exec(text);
  const lines = m ? m[1].split(/\r?\n/) : [''];
  return lines.map((line) => new Paragraph({ style: FRONT_MATTER_STYLE, children: [new TextRun({ text: line, vanish: true })] }));
}

/** A Markdown document as Word paragraphs and tables, its numbers written as they are. */
function documentBlocks(text: string): Block[] {
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text) as Root;
  return tree.children.flatMap((node) => block(node, 0));
}

function block(node: RootContent | BlockContent | DefinitionContent, indent: number): Block[] {
  switch (node.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[Math.min(node.depth, 6) - 1], children: runs(node.children) })];
    case 'paragraph':
      return [new Paragraph({ children: runs(node.children), ...(indent ? { indent: { left: indent * 420 } } : {}) })];
    case 'list':
      return listBlocks(node, indent);
    case 'blockquote':
      return node.children.flatMap((c) => block(c, indent + 1));
    case 'table':
      return [tableOf(node)];
    case 'code':
      return node.value.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, font: 'MS Gothic' })] }));
    default:
      // Front matter, HTML comments, rules and link definitions are not part of the printed text.
      return [];
  }
}

/**
 * List items keep the number they are written with; bullets become ・, except before an item that
 * writes its own number (`- (1) …`, `- ① …`): the number is what the text cites.
 */
function listBlocks(list: List, indent: number): Block[] {
  return list.children.flatMap((item, i) => {
    const head0 = item.children[0];
    const numbered = head0?.type === 'paragraph' && readNumber(toString(head0), false) !== undefined;
    const marker = list.ordered ? `${(list.start ?? 1) + i}. ` : numbered ? '' : '・';
    const [head, ...rest] = item.children;
    // The marker is a run of its own in the item's style: import makes the item a list item again.
    const style = listItemStyle(list.ordered === true, indent + 1);
    const lead = head?.type === 'paragraph'
      ? [new Paragraph({ style, children: [new TextRun(marker), ...runs(head.children)] })]
      : [new Paragraph({ style, children: [new TextRun(marker)] }), ...(head ? block(head, indent + 1) : [])];
    return [...lead, ...rest.flatMap((c) => block(c, indent + 1))];
  });
}

function runs(nodes: PhrasingContent[], style: { bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
  return nodes.flatMap((n): ParagraphChild[] => {
    switch (n.type) {
      // A line break inside a paragraph stays one (a caption over its article, 第1条 under （目的）).
      case 'text': return n.value.split(/\r?\n/).map((line, i) => new TextRun({ text: line, ...style, ...(i ? { break: 1 } : {}) }));
      case 'strong': return runs(n.children, { ...style, bold: true });
      case 'emphasis': return runs(n.children, { ...style, italics: true });
      case 'delete': return runs(n.children, style);
      case 'inlineCode': return [new TextRun({ text: n.value, ...style })];
      // A link's text is what the reader of the printed page reads; the target is a file of the set.
      case 'link': return runs(n.children, style);
      case 'break': return [new TextRun({ break: 1 })];
      default: return [];
    }
  });
}

function tableOf(table: MdTable): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: table.children.map((row, r) => new TableRow({
      tableHeader: r === 0,
      children: row.children.map((c) => new TableCell({ children: [new Paragraph({ children: runs(c.children, r === 0 ? { bold: true } : {}) })] })),
    })),
  });
}

function appendixTable(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold: boolean): TableCell => new TableCell({
    children: text.split('\n').map((line) => new Paragraph({ style: APPENDIX_STYLE, children: [new TextRun({ text: line, bold })] })),
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
    ],
  });
}
