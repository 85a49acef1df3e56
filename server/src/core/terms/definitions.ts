// Finds the terms a document defines: the items of a 定義 section (heading + paragraph, one line
// with a full-width space, 「X」とは…をいう, X：…, a 用語/定義 table), inline abbreviations
// （以下「X」という。）with their long form, and a scope section such as 情報資産の範囲.

import type { Span } from '../types';
import type { Block } from '../parse/markdown';
import type { Section } from '../parse/structure';
import { exactTitleKey, firstSentence } from '../text/titles';
import { foldView, type Line } from '../text/fold';
import { indexAtSource, sliceView, spanOf, startAt, type TextView } from '../text/textView';

export type DefinitionKind = 'item' | 'quoted' | 'colon' | 'table' | 'inline' | 'scope';

export interface Definition {
  term: string;
  /** What the term means: the definition sentence, or for an abbreviation its long form. */
  text: string;
  kind: DefinitionKind;
  /** Where the term itself is written at its definition. */
  span: Span;
  /** For abbreviations: the long form written before （以下「X」という。）. */
  longForm?: string;
  /** The whole parenthesis （以下「X」という。）, which is no use of X. */
  extent?: Span;
  /** Where the long form is written, right before the parenthesis: no use of the long form. */
  longFormSpan?: Span;
}

const DEFINITION_SECTIONS = new Set(['定義', '用語の定義', '用語定義', '用語']);
const INLINE = /[（(]以下、?「([^「」]{1,40})」と(?:いう|いいます|称する)。?[）)]/gu;
const QUOTED = /「([^「」]{1,40})」とは[、,]?\s*(.+?(?:をいう|をいいます|のことをいう|とする)。?)/u;
const PLAIN_IS = /^([^「」、。\s]{1,30})とは[、,]\s*(.+)$/u;
const COLON = /^([^:、。\s]{1,30})\s*:\s*(.+)$/u;
const NOT_TERMS = /^(?:根拠|適用除外|basis|waiver|注|備考|例|参考)$/iu;

export function findDefinitions(blocks: Block[], lines: Line[][], sections: Section[]): Definition[] {
  const out: Definition[] = [];
  const defSections = sections.filter((s) => DEFINITION_SECTIONS.has(exactTitleKey(s.title)));
  const inDefSection = (offset: number): boolean => defSections.some((s) => offset >= s.span.start && offset < s.span.end);

  // Items of a definitions section: the item title is the term, its text the definition.
  for (const d of defSections) {
    for (const s of sections) {
      if (s.parent !== d.index || !s.title || !s.id) continue;
      const quoted = /^「(.+)」$/.exec(s.title);
      const term = quoted ? quoted[1] : s.title;
      // 「X」とは… and X：… items are read by their own forms below, not as titles.
      if (/とは$|と$|[。、:：「」]/.test(term) || term.length > 30) continue;
      out.push({ term, text: s.summary, kind: 'item', span: quoted ? { start: s.titleSpan.start + 1, end: s.titleSpan.end - 1 } : s.titleSpan });
    }
  }

  for (const [b, block] of blocks.entries()) {
    if (block.kind === 'cell') continue;
    // A line holds no line break: it is already joined.
    for (const { view: joined, folded } of lines[b]) {
      let m = QUOTED.exec(joined.text);
      if (m) {
        const at = m.index + 1;
        out.push({ term: m[1], text: firstSentence(m[2]), kind: 'quoted', span: spanOf(joined, at, at + m[1].length) });
      } else if (inDefSection(block.span.start) && block.kind === 'paragraph') {
        const body = stripNumber(joined);
        if ((m = PLAIN_IS.exec(body.text))) {
          out.push({ term: m[1], text: firstSentence(m[2]), kind: 'quoted', span: spanOf(body, 0, m[1].length) });
        } else if ((m = COLON.exec(foldView(body).text)) && !NOT_TERMS.test(m[1])) {
          const term = body.text.slice(0, m[1].length);
          out.push({ term, text: firstSentence(body.text.slice(m[0].length - m[2].length)), kind: 'colon', span: spanOf(body, 0, term.length) });
        }
      }
      INLINE.lastIndex = 0;
      for (let im = INLINE.exec(folded.text); im; im = INLINE.exec(folded.text)) {
        const termAt = folded.text.indexOf('「', im.index) + 1;
        const termSpan = spanOf(folded, termAt, termAt + im[1].length);
        const at = joinedIndex(joined, startAt(folded, im.index));
        const before = longFormBefore(joined.text.slice(0, at));
        out.push({
          term: im[1], text: before, kind: 'inline', span: termSpan, longForm: before || undefined,
          extent: spanOf(folded, im.index, im.index + im[0].length),
          longFormSpan: before ? spanOf(joined, at - before.length, at) : undefined,
        });
      }
    }
  }

  out.push(...tableDefinitions(blocks));
  out.push(...scopeDefinitions(sections));
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The index in a view of the character that starts at a source offset. */
function joinedIndex(view: TextView, sourceOffset: number): number {
  const i = indexAtSource(view, sourceOffset);
  return i < 0 ? view.text.length : i;
}

/** A line without its leading item number: (1) ネットワークとは… → ネットワークとは… */
function stripNumber(view: TextView): TextView {
  const m = /^\s*(?:[(（][0-9０-９一-十]+[)）]|[0-9０-９]+[.．]?|[①-⑳]|[一二三四五六七八九十]+)[\s\u3000]*/u.exec(view.text);
  return m ? sliceView(view, m[0].length, view.text.length) : view;
}

/**
 * The long form of an abbreviation is the noun phrase right before （以下「X」という。）: the text
 * back to the start of the sentence, less the clause before it. A 、 after hiragana ends a clause
 * (この手順は、 / に基づき、); a 、 after a noun separates list items and stays
 * (職員、会計年度任用職員等). Particles that govern the phrase end a clause too (副町長をもって…).
 */
export function longFormBefore(text: string): string {
  let s = text.slice(Math.max(text.lastIndexOf('。'), text.lastIndexOf('」'), text.lastIndexOf('）'), text.lastIndexOf(')')) + 1);
  const clause = /^.*(?:[ぁ-ん]、|(?:を|が|は|に|もって|として|とする|とし|により)(?=[^ぁ-ん、])(?<!に(?=関する|係る|対する|おける|よる)))/u.exec(s);
  if (clause) s = s.slice(clause[0].length);
  return s.replace(/^[\s、,]+/u, '').trim();
}

/** A table whose header names 用語 and 定義 (or 意味, 説明): each row defines a term. */
function tableDefinitions(blocks: Block[]): Definition[] {
  const out: Definition[] = [];
  const cells = blocks.filter((b) => b.cell);
  const tables = new Set(cells.map((b) => b.cell!.table));
  for (const t of tables) {
    const rows = cells.filter((b) => b.cell!.table === t);
    const header = rows.filter((b) => b.cell!.row === 0);
    const termCol = header.find((b) => /^(?:用語|語句|名称)$/.test(b.view.text.trim()))?.cell!.column;
    const defCol = header.find((b) => /^(?:定義|意味|説明|内容)$/.test(b.view.text.trim()))?.cell!.column;
    if (termCol === undefined || defCol === undefined) continue;
    for (const cell of rows) {
      if (cell.cell!.row === 0 || cell.cell!.column !== termCol) continue;
      const term = cell.view.text.trim();
      if (!term) continue;
      const def = rows.find((b) => b.cell!.row === cell.cell!.row && b.cell!.column === defCol);
      const lead = cell.view.text.length - cell.view.text.trimStart().length;
      out.push({ term, text: firstSentence(def?.view.text ?? ''), kind: 'table', span: spanOf(cell.view, lead, lead + term.length) });
    }
  }
  return out;
}

/** (2) 情報資産の範囲 with 本基本方針が対象とする情報資産は… defines 情報資産. */
function scopeDefinitions(sections: Section[]): Definition[] {
  const out: Definition[] = [];
  for (const s of sections) {
    const m = /^(.{1,20})の範囲$/u.exec(s.title);
    if (!m || !s.summary.includes(`対象とする${m[1]}`)) continue;
    out.push({ term: m[1], text: s.summary, kind: 'scope', span: { start: s.titleSpan.start, end: s.titleSpan.start + m[1].length } });
  }
  return out;
}
