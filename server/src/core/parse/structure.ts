// Blocks → the section tree. A section starts at a heading or at a numbered paragraph; nesting
// comes from heading depth and from the order in which numbering styles first appear, as a
// reader of a Japanese 例規 would infer it (第1章 > 第1節 > 第1条 > 1 > (1) > ① > ア).

import type { Span } from '../types';
import type { Block } from './markdown';
import { readNumber, type NumberStyle, type NumberToken } from './numbering';
import type { Line } from '../text/fold';
import { firstSentence } from '../text/titles';
import { indexAtSource, sliceView, spanOf, startAt, type TextView } from '../text/textView';
import { sameItems } from '../sameItems';
import { isSpace } from '../text/chars';
import { namesTier } from './parts';
import { intern } from '../text/intern';

export interface SectionInit {
  index: number;
  /** Index of the enclosing section, or -1. */
  parent: number;
  style: NumberStyle | 'heading';
  /** The numbering as written canonically (第4節, (3), ②), or undefined for an unnumbered heading. */
  label: string | undefined;
  /** The full ID: 6(3)②, 4.1, 第2章第4節, 第12条(1). */
  id: string | undefined;
  /** Shorter IDs that also name it (第4節 for 第2章第4節). */
  aliases: readonly string[];
  title: string;
  titleSpan: Span;
  /** The line that opens the section (caption, numbering and title). */
  headingSpan: Span;
  /** From the opening line to just before the next section that is not inside it. */
  span: Span;
  /** First sentence of its own text, for hovers. */
  summary: string;
  /** Where a new line belongs if one is added right under the opening block. */
  insertAt: number;
  headingDepth: number;
}

/**
 * A section as SectionInit describes it. A 10 MB set keeps some 80,000 of them between edits, so
 * the spans are kept as numbers and made objects when asked for.
 */
export class Section {
  readonly index: number;
  readonly parent: number;
  readonly style: NumberStyle | 'heading';
  label: string | undefined;
  id: string | undefined;
  readonly aliases: readonly string[];
  title: string;
  summary: string;
  /** Where a new line belongs if one is added right under the opening block. */
  insertAt: number;
  readonly headingDepth: number;
  private titleStart: number;
  private titleEnd: number;
  private headingStart: number;
  private headingEnd: number;
  private start: number;
  private end: number;

  constructor(s: SectionInit) {
    this.index = s.index;
    this.parent = s.parent;
    this.style = s.style;
    this.label = s.label;
    this.id = s.id;
    this.aliases = s.aliases;
    this.title = s.title;
    this.summary = s.summary;
    this.insertAt = s.insertAt;
    this.headingDepth = s.headingDepth;
    this.titleStart = s.titleSpan.start;
    this.titleEnd = s.titleSpan.end;
    this.headingStart = s.headingSpan.start;
    this.headingEnd = s.headingSpan.end;
    this.start = s.span.start;
    this.end = s.span.end;
  }

  /**
   * Takes the strings every document repeats (第1条, (1), 目的) from the shared table, for a section
   * that is kept: a keystroke's sections are mostly the last version's (recycle.ts), and interning
   * all of them again took 0.7 ms of a 200 KB file's 12.
   */
  share(): void {
    if (this.label !== undefined) this.label = intern(this.label);
    if (this.id !== undefined) this.id = intern(this.id);
    this.title = intern(this.title);
  }

  get titleSpan(): Span { return { start: this.titleStart, end: this.titleEnd }; }

  get headingSpan(): Span { return { start: this.headingStart, end: this.headingEnd }; }

  get span(): Span { return { start: this.start, end: this.end }; }

  /** Where the section ends: at the next section that is not inside it. */
  closeAt(end: number): void { this.end = end; }

  /**
   * Takes the place of `fresh` if it is this section moved by an edit (the same in all but its
   * offsets): copies its offsets and says so. See recycle.ts.
   */
  adopt(fresh: Section): boolean {
    if (this.index !== fresh.index || this.parent !== fresh.parent || this.style !== fresh.style || this.label !== fresh.label
      || this.id !== fresh.id || this.title !== fresh.title || this.summary !== fresh.summary || this.headingDepth !== fresh.headingDepth
      || !sameItems(this.aliases, fresh.aliases)) return false;
    this.insertAt = fresh.insertAt;
    this.titleStart = fresh.titleStart;
    this.titleEnd = fresh.titleEnd;
    this.headingStart = fresh.headingStart;
    this.headingEnd = fresh.headingEnd;
    this.start = fresh.start;
    this.end = fresh.end;
    return true;
  }
}

const DIRECTIVE = /^\s*(?:根拠|適用除外|basis|waiver)\s*:/i;
const INLINE_CAPTION = /^\s*[（(]([^()（）]{1,30})[)）]/u;

/** Numbering families with a fixed order: a higher rank closes a lower one. */
const RANK: Partial<Record<NumberStyle, [string, number]>> = {
  part: ['law', 0], chapter: ['law', 1], section: ['law', 2], subsection: ['law', 3], article: ['law', 4],
};

interface Open { section: Section; key: string; heading: number }

/**
 * `furniture` receives the spans of lines that frame the text rather than say something: caption
 * lines such as （目的）. Term rules do not read them as uses.
 */
export function buildSections(blocks: Block[], lines: Line[][], docEnd: number, furniture: Span[] = []): Section[] {
  const sections: Section[] = [];
  const stack: Open[] = [];
  let caption: { text: string; span: Span } | undefined;
  let current: Section | undefined;

  const close = (until: number, at: number): void => {
    while (stack.length > until) stack.pop()!.section.closeAt(at);
  };

  const units = toUnits(blocks, lines);
  const contents = tableOfContents(units, furniture);
  for (let ui = 0; ui < units.length; ui++) {
    const unit = units[ui];
    const line = unit.line;
    const folded = unit.folded;
    const blockCaption = caption;
    caption = undefined;
    // A 目次 lists the chapters; the chapters themselves come after it.
    if (contents.has(ui)) continue;

    if (unit.kind === 'line' && isCaption(folded.text) && ui + 1 < units.length && opensNumbered(units[ui + 1])) {
      caption = { text: folded.text.trim().slice(1, -1).trim(), span: spanOf(line, 0, line.text.length) };
      furniture.push(caption.span);
      continue;
    }

    const headingLike = unit.kind === 'heading' || (line.text.length <= 50 && !line.text.includes('。'));
    let token: NumberToken | undefined;
    let restFrom = 0; // index in the folded line where the title starts
    if (unit.marker) {
      const n = Number(/\d+/.exec(unit.marker.text)![0]);
      token = unit.marker.text.endsWith(')')
        ? { style: 'closeParen', values: [n], label: `${n})`, length: 0 }
        : { style: 'arabic', values: [n], label: String(n), length: 0 };
    } else {
      token = readNumber(folded.text, headingLike);
      restFrom = token?.length ?? 0;
    }

    if (!token && unit.kind !== 'heading') {
      // A 根拠 or 適用除外 line says what the section links to, not what it is about.
      if (current && !current.summary && !DIRECTIVE.test(folded.text)) current.summary = firstSentence(bodyFrom(units, ui));
      continue;
    }

    // The title, in the original (unfolded) characters.
    const restStart = restFrom < folded.text.length ? startAt(folded, restFrom) : line.end;
    let ri = indexAtSource(line, restStart);
    if (ri < 0) ri = line.text.length;
    const rest = sliceView(line, ri, line.text.length);
    let summaryFromLine = '';
    let titleView: TextView = rest;
    let openingLine = line;
    if (unit.kind === 'line') {
      const cut = /\u3000|\t| {2,}/.exec(rest.text);
      if (cut && cut.index > 0) {
        titleView = sliceView(rest, 0, cut.index);
        summaryFromLine = rest.text.slice(cut.index).trim();
      }
      const below = units[ui + 1];
      if (titleView.text.trim() === '' && below?.block === unit.block && !readNumber(below.folded.text, true)) {
        // A number alone on its line, the title below it.
        titleView = below.line;
        openingLine = below.line;
        ui++;
      }
    }
    // A caption written after the article's number on its line: 第2条（定義）　この規程において…
    const inline = token?.style === 'article' && unit.kind === 'line' && !blockCaption ? INLINE_CAPTION.exec(titleView.text) : null;
    if (inline) {
      const after = titleView.text.slice(inline[0].length).trim();
      if (after) summaryFromLine = [after, summaryFromLine].filter(Boolean).join(' ');
      titleView = sliceView(titleView, inline[0].length - inline[1].length - 1, inline[0].length - 1);
    }
    let title = titleView.text.trim();
    // An article, or a number under a caption (規程 written without 条: （目的） then `１　この規程は…`),
    // is named by its caption; the line is its text.
    const captioned = unit.kind === 'line' && blockCaption !== undefined;
    if (unit.kind === 'line' && (token?.style === 'article' || captioned) && !inline) {
      if (title.length > 30 || title.includes('。')) {
        summaryFromLine = title;
        title = '';
      }
      if (blockCaption) title = blockCaption.text;
    } else if (unit.kind === 'line' && (title.length > 40 || /。$/.test(title))) {
      // A one-line item that is a sentence: the sentence is its text, its subject its title.
      summaryFromLine = title;
      title = sentenceSubject(title);
    }
    const lead = titleView.text.length - titleView.text.trimStart().length;
    const titleSpan = captioned
      ? { start: blockCaption!.span.start + 1, end: blockCaption!.span.end - 1 }
      : spanOf(titleView, lead, lead + titleView.text.trim().length);
    // The opening line starts at its caption, list marker or number, not at the '#' of a heading.
    const headingStart = blockCaption ? blockCaption.span.start
      : unit.marker ? unit.marker.span.start
        : line.text.length ? startAt(line, 0) : unit.block.span.start;
    const headingSpan = { start: headingStart, end: spanOf(openingLine, 0, openingLine.text.length).end };

    // Nesting.
    // A Markdown list marker (1.) is its own style: steps inside a section, not a sibling of "1 目的".
    const key = unit.marker ? `list:${token!.style}`
      : token ? token.style + (token.style === 'arabic' ? token.values.length : '') : `h${unit.depth}`;
    if (unit.kind === 'heading') {
      let keep = stack.length;
      while (keep > 0 && (stack[keep - 1].heading === 0 || stack[keep - 1].heading >= unit.depth)) keep--;
      close(keep, headingStart);
    } else {
      const same = sameStyle(stack, key);
      if (same >= 0) close(same, headingStart);
      else {
        const rank = token ? RANK[token.style] : undefined;
        if (rank) {
          let keep = stack.length;
          while (keep > 0) {
            const r = RANK[stack[keep - 1].section.style as NumberStyle];
            if (r && r[0] === rank[0] && r[1] > rank[1]) keep--; else break;
          }
          close(keep, headingStart);
        }
      }
    }
    const parent = stack.length ? stack[stack.length - 1].section : undefined;
    const { id, aliases } = composeId(token, parent, sections);
    const section = new Section({
      index: sections.length,
      parent: parent ? parent.index : -1,
      style: token ? token.style : 'heading',
      label: token?.label,
      id,
      aliases,
      title,
      titleSpan,
      headingSpan,
      span: { start: headingStart, end: docEnd },
      summary: firstSentence(summaryFromLine),
      insertAt: unit.kind === 'heading' ? unit.block.span.end : spanOf(openingLine, 0, openingLine.text.length).end,
      headingDepth: unit.kind === 'heading' ? unit.depth : 0,
    });
    sections.push(section);
    stack.push({ section, key, heading: unit.kind === 'heading' ? unit.depth : 0 });
    current = section;
  }
  close(0, docEnd);
  // A section that opens straight into its items is summed up by its first item.
  for (let i = sections.length - 1; i >= 0; i--) {
    const p = sections[i].parent;
    if (p >= 0 && !sections[p].summary && sections[i].summary && p === i - 1) sections[p].summary = sections[i].summary;
  }
  return sections;
}

/**
 * One line of text is the unit of structure: real documents converted from Word put a caption,
 * an article and its items on consecutive lines of one paragraph.
 */
interface Unit {
  kind: 'heading' | 'line';
  depth: number;
  line: TextView;
  folded: TextView;
  /** The list marker, on the first line of an ordered list item. */
  marker?: Block['marker'];
  block: Block;
}

function toUnits(blocks: Block[], lines: Line[][]): Unit[] {
  const units: Unit[] = [];
  // Index loops, and no trimmed copy of each line: every line of the document passes here.
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.kind === 'cell') continue; // a table holds no sections
    if (block.kind === 'heading') {
      const first = lines[b][0];
      units.push({ kind: 'heading', depth: block.depth, line: first.view, folded: first.folded, marker: block.marker, block });
      continue;
    }
    const ofBlock = lines[b];
    for (let i = 0; i < ofBlock.length; i++) {
      const line = ofBlock[i];
      if (i === 0 || !blank(line.view.text)) {
        units.push({ kind: 'line', depth: 0, line: line.view, folded: line.folded, marker: i === 0 ? block.marker : undefined, block });
      }
    }
  }
  return units;
}

/** Whether a text is only white space (what trim() takes away, and \s matches). */
function blank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The body text starting at a unit: it and the unnumbered lines after it in the same block. */
function bodyFrom(units: Unit[], from: number): string {
  let text = units[from].line.text.trim();
  for (let i = from + 1; i < units.length && units[i].block === units[from].block; i++) {
    if (readNumber(units[i].folded.text, false)) break;
    text += units[i].line.text.trim();
  }
  return text;
}

/**
 * The sections whose basis their first article states (（趣旨）第8条　この章は、基本方針第6条第3号に
 * 基づき…), keyed by that article: a chapter (or 節) → the article, when the article is the first
 * numbered section inside it.
 */
export function chaptersByFirstArticle(sections: readonly Section[]): Map<number, number> {
  const seen = new Set<number>();
  const out = new Map<number, number>();
  for (const c of sections) {
    if (c.parent < 0 || !c.id || seen.has(c.parent)) continue;
    seen.add(c.parent);
    if (c.style === 'article') out.set(c.index, c.parent);
  }
  return out;
}

/** マイナンバー利用事務系においては、… → マイナンバー利用事務系: what a sentence-like item is about. */
export function sentenceSubject(sentence: string): string {
  const stop = sentence.search(/[、。]/);
  const clause = stop < 0 ? sentence : sentence.slice(0, stop);
  const subject = clause.replace(/(においては|については|に関しては|では|には|は|を|が)$/u, '');
  return subject.length > 30 ? subject.slice(0, 29) + '…' : subject;
}

/** Whether a unit opens with a number a caption can stand over: 第6条, ６, (1), 一. */
function opensNumbered(unit: Unit): boolean {
  return /^第/.test(unit.folded.text) || readNumber(unit.folded.text, true) !== undefined;
}

const CONTENTS_TITLE = /^[<〈《【\[(]?\s*(?:目\s*次|もくじ)\s*[>〉》】\])]?$/u;
const CONTENTS_OTHER = /^(?:附\s*則|本\s*則|別\s*表|前\s*文|序(?:\s|$))/u;

/**
 * The lines of a 目次: after a line that says 目次, the short numbered lines (第2章　組織体制（第3条
 * ―第6条）, ６　情報セキュリティ対策……5, 附則) up to the first line that is text, a caption, or the
 * first entry again (where the body begins with the chapter the 目次 began with).
 */
function tableOfContents(units: Unit[], furniture: Span[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < units.length; i++) {
    const text = units[i].folded.text;
    // Every line is asked: most are long, or hold neither 次 nor もくじ.
    if (text.length > 12 || (!text.includes('次') && !text.includes('もくじ')) || !CONTENTS_TITLE.test(text.trim())) continue;
    out.add(i);
    furniture.push(lineSpan(units[i]));
    let first: string | undefined;
    let j = i + 1;
    for (; j < units.length; j++) {
      const text = units[j].folded.text.trim();
      if (!isContentsEntry(text)) break;
      const key = contentsKey(text);
      if (first === undefined) first = key;
      else if (key === first) break;
      out.add(j);
      furniture.push(lineSpan(units[j]));
    }
    i = j - 1;
  }
  return out;
}

function isContentsEntry(line: string): boolean {
  // Leaders (……, ・・・) are not text.
  const text = line.replace(/[.…・･‥]{2,}/gu, ' ').trim();
  if (!text || text.length > 80 || text.includes('。') || isCaption(text)) return false;
  return CONTENTS_OTHER.test(text) || readNumber(text, true) !== undefined;
}

/** An entry without its article range, page number or leader: 第2章組織体制. */
function contentsKey(text: string): string {
  return text
    .replace(/[.…・･‥\s]*[0-9]+\s*$/u, '')
    .replace(/[.…・･‥\s]+$/u, '')
    .replace(/[(（][^()（）]*第[^()（）]*[)）]\s*$/u, '')
    .replace(/\s+/g, '');
}

function lineSpan(unit: Unit): Span {
  return spanOf(unit.line, 0, unit.line.text.length);
}

/** A caption such as （目的） on its own line; (1) alone is a number, not a caption. */
function isCaption(line: string): boolean {
  const t = line.trim();
  if (!/^\([^()]{1,30}\)$/.test(t)) return false;
  const token = readNumber(t, true);
  return !token || token.length < t.length;
}

/** The open section a numbered paragraph is a sibling of; the search ends at a heading. */
function sameStyle(stack: Open[], key: string): number {
  for (let i = stack.length - 1; i >= 0; i--) {
    if (stack[i].key === key) return i;
    if (stack[i].heading > 0) return -1;
  }
  return -1;
}

/** Styles a part of a file is written in; an article titled 情報セキュリティ対策基準 is no part. */
const OUTER = new Set<Section['style']>(['chapter', 'dai', 'heading']);

/**
 * The section an ID is relative to. A 編, or any part titled by its tier (第1 情報セキュリティ基本方針),
 * is not: each part of a file numbers its sections from 1 and cites them without the part.
 */
function numberedAncestor(parent: Section | undefined, sections: Section[]): Section | undefined {
  let p = parent;
  while (p && (!p.id || p.style === 'part' || (OUTER.has(p.style) && namesTier(p.title)))) p = p.parent >= 0 ? sections[p.parent] : undefined;
  return p;
}

/** Most sections have no alias: they share one empty list (a 10 MB set has 80,000 sections). */
const NO_ALIASES: readonly string[] = Object.freeze([]);

/**
 * IDs follow how Japanese documents cite themselves: 第12条 and 4.1 stand alone (they are unique in
 * the document), (3) and ② are relative to what encloses them, 第4節 is relative to its 章 but
 * usually cited alone, so it gets the short form as an alias.
 */
function composeId(token: NumberToken | undefined, parent: Section | undefined, sections: Section[]): { id?: string; aliases: readonly string[] } {
  if (!token) return { aliases: NO_ALIASES };
  const up = numberedAncestor(parent, sections);
  const label = token.label;
  switch (token.style) {
    case 'part':
    case 'chapter':
    case 'article':
    case 'dai':
      return { id: label, aliases: NO_ALIASES };
    case 'arabic':
      if (!up || token.values.length > 1) return { id: label, aliases: NO_ALIASES };
      if (up.style === 'article') return { id: `${up.id}第${token.values[0]}項`, aliases: NO_ALIASES };
      return { id: `${up.id}.${label}`, aliases: NO_ALIASES };
    case 'section':
    case 'subsection': {
      if (!up) return { id: label, aliases: NO_ALIASES };
      const id = `${up.id}${label}`;
      const short = up.style === 'chapter' ? label : up.aliases[0] ? `${up.aliases[0]}${label}` : undefined;
      return { id, aliases: short && short !== id ? [short] : NO_ALIASES };
    }
    default: {
      if (!up) return { id: label, aliases: NO_ALIASES };
      // Items of an article are its 号, and are cited so: 第6条第1号.
      const item = up.style === 'article' && (token.style === 'kanji' || token.style === 'paren');
      const tail = item ? `第${token.values[0]}号` : token.style === 'kanji' ? `(${token.values[0]})` : label;
      return { id: `${up.id}${tail}`, aliases: up.aliases.length ? up.aliases.map((a) => `${a}${tail}`) : NO_ALIASES };
    }
  }
}
