// Blocks → the section tree. A section starts at a heading or at a numbered paragraph; nesting
// comes from heading depth and from the order in which numbering styles first appear, as a
// reader of a Japanese 例規 would infer it (第1章 > 第1節 > 第1条 > 1 > (1) > ① > ア).

import type { Span } from '../types';
import type { Block } from './markdown';
import { readNumber, type NumberStyle, type NumberToken } from './numbering';
import { foldText, foldView } from '../text/fold';
import { firstSentence } from '../text/titles';
import { joinLines, sliceView, spanOf, splitLines, type TextView } from '../text/textView';

export interface Section {
  index: number;
  /** Index of the enclosing section, or -1. */
  parent: number;
  style: NumberStyle | 'heading';
  /** The numbering as written canonically (第4節, (3), ②), or undefined for an unnumbered heading. */
  label?: string;
  /** The full ID: 6(3)②, 4.1, 第2章第4節, 第12条(1). */
  id?: string;
  /** Shorter IDs that also name it (第4節 for 第2章第4節). */
  aliases: string[];
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

const DIRECTIVE = /^\s*(?:根拠|適用除外|basis|waiver)\s*:/i;

/** Numbering families with a fixed order: a higher rank closes a lower one. */
const RANK: Partial<Record<NumberStyle, [string, number]>> = {
  chapter: ['law', 1], section: ['law', 2], subsection: ['law', 3], article: ['law', 4],
};

interface Open { section: Section; key: string; heading: number }

export function buildSections(blocks: Block[], docEnd: number): Section[] {
  const sections: Section[] = [];
  const stack: Open[] = [];
  let caption: { text: string; span: Span } | undefined;
  let current: Section | undefined;

  const close = (until: number, at: number): void => {
    while (stack.length > until) stack.pop()!.section.span.end = at;
  };

  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi];
    let lines = splitLines(block.view);
    let folded = foldView(lines[0]);
    let blockCaption = caption;
    caption = undefined;

    if (block.kind === 'paragraph' && isCaption(folded.text)) {
      const cap = { text: folded.text.trim().slice(1, -1).trim(), span: spanOf(lines[0], 0, lines[0].text.length) };
      if (lines.length > 1 && /^第/.test(foldView(lines[1]).text)) {
        blockCaption = cap;
        lines = lines.slice(1);
        folded = foldView(lines[0]);
      } else {
        caption = cap;
        continue;
      }
    }

    const headingLike = block.kind === 'heading'
      || (lines.length === 1 && lines[0].text.length <= 30 && !lines[0].text.includes('。'));
    let token: NumberToken | undefined;
    let restFrom = 0; // index in folded line where the title starts
    if (block.marker) {
      const n = Number(/\d+/.exec(block.marker.text)![0]);
      token = block.marker.text.endsWith(')')
        ? { style: 'closeParen', values: [n], label: `${n})`, length: 0 }
        : { style: 'arabic', values: [n], label: String(n), length: 0 };
    } else {
      token = readNumber(folded.text, headingLike);
      restFrom = token?.length ?? 0;
    }

    if (!token && block.kind !== 'heading') {
      // A 根拠 or 適用除外 line says what the section links to, not what it is about.
      const body = joinLines(block.view).text;
      if (current && !current.summary && !DIRECTIVE.test(foldText(body))) current.summary = firstSentence(body);
      continue;
    }

    // The title, in the original (unfolded) characters.
    const firstLine = lines[0];
    const restStart = restFrom < folded.text.length ? folded.starts[restFrom] : firstLine.end;
    let ri = firstLine.starts.findIndex((s) => s >= restStart);
    if (ri < 0) ri = firstLine.text.length;
    let rest = sliceView(firstLine, ri, firstLine.text.length);
    let summaryFromLine = '';
    let titleView: TextView = rest;
    if (block.kind === 'paragraph') {
      const cut = /\u3000|\t| {2,}/.exec(rest.text);
      if (cut && cut.index > 0) {
        titleView = sliceView(rest, 0, cut.index);
        summaryFromLine = rest.text.slice(cut.index).trim();
      }
    }
    if (titleView.text.trim() === '' && lines.length > 1 && block.kind === 'paragraph') {
      titleView = lines[1]; // a number alone on its line, the title below it
    }
    let title = titleView.text.trim();
    if (token?.style === 'article' && block.kind === 'paragraph') {
      if (title.length > 30 || title.includes('。')) {
        summaryFromLine = title;
        title = '';
      }
      if (blockCaption) title = blockCaption.text;
    } else if (block.kind === 'paragraph' && (title.length > 40 || /。$/.test(title))) {
      // A one-line item that is a sentence: the sentence is its text, its subject its title.
      summaryFromLine = title;
      title = sentenceSubject(title);
    }
    const lead = titleView.text.length - titleView.text.trimStart().length;
    const titleSpan = token?.style === 'article' && blockCaption && block.kind === 'paragraph'
      ? { start: blockCaption.span.start + 1, end: blockCaption.span.end - 1 }
      : spanOf(titleView, lead, lead + titleView.text.trim().length);
    // The opening line starts at its caption, list marker or number, not at the '#' of a heading.
    const headingStart = blockCaption ? blockCaption.span.start
      : block.marker ? block.marker.span.start
        : firstLine.starts[0] ?? block.span.start;
    const openingLine = titleView === lines[1] ? lines[1] : firstLine;
    const headingSpan = { start: headingStart, end: spanOf(openingLine, 0, openingLine.text.length).end };

    // Nesting.
    // A Markdown list marker (1.) is its own style: steps inside a section, not a sibling of "1 目的".
    const key = block.marker ? `list:${token!.style}`
      : token ? token.style + (token.style === 'arabic' ? token.values.length : '') : `h${block.depth}`;
    if (block.kind === 'heading') {
      let keep = stack.length;
      while (keep > 0 && (stack[keep - 1].heading === 0 || stack[keep - 1].heading >= block.depth)) keep--;
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
    const section: Section = {
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
      insertAt: block.span.end,
      headingDepth: block.kind === 'heading' ? block.depth : 0,
    };
    if (!section.summary && lines.length > 1) {
      const below = lines.slice(titleView === lines[1] ? 2 : 1).map((l) => l.text).join('');
      section.summary = firstSentence(below);
    }
    sections.push(section);
    stack.push({ section, key, heading: block.kind === 'heading' ? block.depth : 0 });
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

/** マイナンバー利用事務系においては、… → マイナンバー利用事務系: what a sentence-like item is about. */
export function sentenceSubject(sentence: string): string {
  const clause = sentence.split(/[、。]/)[0];
  const subject = clause.replace(/(においては|については|に関しては|では|には|は|を|が)$/u, '');
  return subject.length > 30 ? subject.slice(0, 29) + '…' : subject;
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

function numberedAncestor(parent: Section | undefined, sections: Section[]): Section | undefined {
  let p = parent;
  while (p && !p.id) p = p.parent >= 0 ? sections[p.parent] : undefined;
  return p;
}

/**
 * IDs follow how Japanese documents cite themselves: 第12条 and 4.1 stand alone (they are unique in
 * the document), (3) and ② are relative to what encloses them, 第4節 is relative to its 章 but
 * usually cited alone, so it gets the short form as an alias.
 */
function composeId(token: NumberToken | undefined, parent: Section | undefined, sections: Section[]): { id?: string; aliases: string[] } {
  if (!token) return { aliases: [] };
  const up = numberedAncestor(parent, sections);
  const label = token.label;
  switch (token.style) {
    case 'chapter':
    case 'article':
    case 'dai':
      return { id: label, aliases: [] };
    case 'arabic':
      if (!up || token.values.length > 1) return { id: label, aliases: [] };
      if (up.style === 'article') return { id: `${up.id}第${token.values[0]}項`, aliases: [] };
      return { id: `${up.id}.${label}`, aliases: [] };
    case 'section':
    case 'subsection': {
      if (!up) return { id: label, aliases: [] };
      const id = `${up.id}${label}`;
      const short = up.style === 'chapter' ? label : up.aliases[0] ? `${up.aliases[0]}${label}` : undefined;
      return { id, aliases: short && short !== id ? [short] : [] };
    }
    default: {
      if (!up) return { id: label, aliases: [] };
      const tail = token.style === 'kanji' ? `(${token.values[0]})` : label;
      return { id: `${up.id}${tail}`, aliases: up.aliases.map((a) => `${a}${tail}`) };
    }
  }
}
