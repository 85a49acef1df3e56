// Finds the terms a document defines: the items of a 定義 section (heading + paragraph, one line
// with a full-width space, a term with its alias in brackets), 「X」とは…をいう (the meaning on the
// same line or the next), X：…, a 用語/定義 table or a headerless two-column one, inline
// abbreviations （以下「X」という。） (after a citation too) with their long form, X（…をいう。以下同じ。）,
// the 位置付け clause (…をもって「情報セキュリティポリシー」とする), and a scope section such as 情報資産の範囲.

import type { Span } from '../types';
import type { Block } from '../parse/markdown';
import type { Section } from '../parse/structure';
import { isModelTerm } from './glossary';
import { exactTitleKey, firstSentence } from '../text/titles';
import { foldView, type Line } from '../text/fold';
import { endAt, indexAtSource, sliceView, spanOf, startAt, type TextView } from '../text/textView';

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

const DEFINITION_SECTIONS = new Set(['定義', '用語の定義', '用語定義', '用語', '用語の意義']);
/** （以下「X」という。）, also after a citation or a nested definition: （令和6年訓令第5号。以下「X」という。） */
const INLINE = /[（(](?:[^（）()「」]{0,120}?[。、,]\s*)?以下、?「([^「」]{1,40})」と(?:いう|いいます|称する)。?[）)]/gu;
/** The meaning is looked for within 300 characters: a line of 「ア」とは「イ」とは… stays linear. */
const QUOTED = /「([^「」]{1,40})」とは[、,]?\s*(.{1,300}?(?:をいう|をいいます|のことをいう|とする)。?)/u;
/** 「X」とは (or X とは in a definitions section) alone on its line: the meaning is the next line. */
const QUOTED_ALONE = /^「([^「」]{1,40})」とは[、,]?\s*$/u;
const PLAIN_ALONE = /^([^「」、。\s]{1,30})とは[、,]?\s*$/u;
const PLAIN_IS = /^([^「」、。\s]{1,30})とは[、,]\s*(.+)$/u;
const COLON = /^([^:、。\s]{1,30})\s*:\s*(.+)$/u;
const NOT_TERMS = /^(?:根拠|適用除外|basis|waiver|注|備考|例|参考)$/iu;
/** ア: イ: (1): a list's item label before a colon, not a term. */
const ITEM_LABEL = /^(?:[アイウエオカキクケコサシスセソタチツテトナニヌネノ]|[0-9]{1,3}|[A-Za-z]|\([^()]{1,3}\)|[①-⑳])$/u;
/** 第3条, 第2項: an article's number, where SPACED would see a term. */
const NUMBERING = /^第[0-9０-９〇一二三四五六七八九十百]+[編章節款条項号]/u;
/** A term, a full-width space (or two spaces), its meaning: no item number before it. */
const SPACED = /^[\s\u3000]*([^\s\u3000、。「」()（）]{1,20})(?:\u3000+| {2,})(.+)$/u;
/** The 位置付け clause: 基本方針及び対策基準をもって「情報セキュリティポリシー」とする / …を併せて「X」という. */
const POSITION_QUOTED = /(?:をもって|を併せて|をあわせて|を総称して)[、,]?\s*「([^「」]{1,40})」と(?:する|し|いう|称する)/gu;
/** The same clause under the policy's proper name: …をもって、大田市立病院情報セキュリティポリシーとする. */
const POSITION_NAMED = /(?:基本方針|対策基準|規程|規則|要綱)[^。]{0,120}?をもって[、,]?\s*([^、。「」\s]{0,30}?)((?:情報)?セキュリティー?ポリシー)と(?:する|し)/u;
/** How a definition sentence ends: …をいう。, …のこと。, …すること。 */
const DEFINITION_ENDING = /(?:をいう|をいいます|を指す|をさす|のこと|こと|とする)[。.]?[)）]?$/u;

export function findDefinitions(blocks: Block[], lines: Line[][], sections: Section[]): Definition[] {
  const out: Definition[] = [];
  const captions = captionsOf(blocks, lines);
  const defSections = sections.filter((s) => isDefinitionSection(s, sections, captions));
  const defRanges = merged(defSections.map((s) => s.span));
  const inDefSection = (offset: number): boolean => {
    let lo = 0;
    let hi = defRanges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (defRanges[mid].start <= offset) lo = mid + 1; else hi = mid;
    }
    return lo > 0 && offset < defRanges[lo - 1].end;
  };
  const views = new LineViews(blocks, lines);

  // Items of a definitions section: the item title is the term, its text the definition.
  const defIndexes = new Set(defSections.map((d) => d.index));
  for (const s of sections) {
    if (!defIndexes.has(s.parent) || !s.title || !s.id) continue;
    const quoted = /^「(.+)」$/.exec(s.title);
    const title = quoted ? quoted[1] : s.title;
    // 「X」とは… and X：… items are read by their own forms below, not as titles.
    if (/とは$|と$|[。、:：「」]/.test(title) || title.length > 30) continue;
    const titleStart = quoted ? s.titleSpan.start + 1 : s.titleSpan.start;
    out.push(...namedDefinitions(title, s.summary, 'item', views.at(titleStart, title.length) ?? { start: titleStart, end: titleStart + title.length }, views));
  }

  // Index loops: an entries() iterator made an array for every block and line of a set.
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.kind === 'cell') continue;
    const blockLines = lines[b];
    const defSection = defRanges.length > 0 && inDefSection(block.span.start);
    // A line holds no line break: it is already joined.
    for (let k = 0; k < blockLines.length; k++) {
      const { view: joined, folded } = blockLines[k];
      // Most lines define nothing: a line without とは outside a definitions section is read only
      // for the forms below (brackets, 位置付け, abbreviations).
      const toha = joined.text.includes('とは');
      if (toha || defSection) {
        let m = toha ? QUOTED.exec(joined.text) : null;
        const body = stripNumber(joined);
        if (m) {
          const at = m.index + 1;
          out.push({ term: m[1], text: firstSentence(m[2]), kind: 'quoted', span: spanOf(joined, at, at + m[1].length) });
        } else if ((m = QUOTED_ALONE.exec(body.text) ?? (defSection ? PLAIN_ALONE.exec(body.text) : null))) {
          // The meaning is the next line: in the block, or the first line of the next block.
          const next = nextLine(blocks, lines, b, k);
          if (next && (defSection || DEFINITION_ENDING.test(next.trim()))) {
            const at = body.text.startsWith('「') ? 1 : 0;
            out.push({ term: m[1], text: firstSentence(next), kind: 'quoted', span: spanOf(body, at, at + m[1].length) });
          }
        } else if (defSection && block.kind === 'paragraph') {
          if ((m = PLAIN_IS.exec(body.text))) {
            out.push({ term: m[1], text: firstSentence(m[2]), kind: 'quoted', span: spanOf(body, 0, m[1].length) });
          } else if ((m = COLON.exec(foldView(body).text)) && !NOT_TERMS.test(m[1]) && !ITEM_LABEL.test(m[1])) {
            const term = body.text.slice(0, m[1].length);
            out.push({ term, text: firstSentence(body.text.slice(m[0].length - m[2].length)), kind: 'colon', span: spanOf(body, 0, term.length) });
          } else if (body === joined && (m = SPACED.exec(joined.text)) && !NUMBERING.test(m[1]) && DEFINITION_ENDING.test(m[2].trim())) {
            // A definition line that lost its item number: 　機密性　権限のない者に…を防止すること。
            const at = joined.text.indexOf(m[1]);
            out.push({ term: m[1], text: firstSentence(m[2]), kind: 'item', span: spanOf(joined, at, at + m[1].length) });
          }
        }
      }
      if (joined.text.includes('をいう。')) out.push(...bracketDefinitions(joined, defSection));
      if (/をもって|併せて|あわせて|総称して/u.test(joined.text)) out.push(...positionClauses(joined));
      INLINE.lastIndex = 0;
      for (let im = folded.text.includes('以下') ? INLINE.exec(folded.text) : null; im; im = INLINE.exec(folded.text)) {
        const termAt = folded.text.indexOf('「', im.index) + 1;
        const termSpan = spanOf(folded, termAt, termAt + im[1].length);
        // The term as it is written (ＣＩＳＯ stays ＣＩＳＯ), not as it is folded for matching.
        const term = joined.text.slice(joinedIndex(joined, termSpan.start), joinedIndex(joined, termSpan.end)) || im[1];
        const at = joinedIndex(joined, startAt(folded, im.index));
        const before = longFormBefore(joined.text.slice(0, at));
        out.push({
          term, text: before, kind: 'inline', span: termSpan, longForm: before || undefined,
          extent: spanOf(folded, im.index, im.index + im[0].length),
          longFormSpan: before ? spanOf(joined, at - before.length, at) : undefined,
        });
      }
    }
  }

  out.push(...tableDefinitions(blocks, inDefSection, views));
  out.push(...scopeDefinitions(sections));
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The definitions a written name makes: `機密性(Confidentiality)` defines 機密性 (a gloss is not
 * part of the term); `マイナンバー利用事務系（個人番号利用事務系）` defines マイナンバー利用事務系 with the alias
 * 個人番号利用事務系. A name and its alias share their `extent` (the whole name as written): that is
 * how the glossary knows they are one term.
 */
function namedDefinitions(name: string, text: string, kind: DefinitionKind, span: Span, views: LineViews): Definition[] {
  const m = /^(.+?)\s*[（(]([^（）()]{1,30})[)）]$/u.exec(name);
  if (!m) return [{ term: name, text, kind, span }];
  const main = m[1];
  const mainSpan = views.at(span.start, main.length) ?? { start: span.start, end: span.start + main.length };
  const inner = m[2].trim();
  if (!isAlias(inner)) return [{ term: main, text, kind, span: mainSpan }];
  const innerAt = name.indexOf(inner, main.length);
  const aliasSpan = views.at(span.start + innerAt, inner.length) ?? { start: span.start + innerAt, end: span.start + innerAt + inner.length };
  return [
    { term: main, text, kind, span: mainSpan, extent: span },
    { term: inner, text, kind, span: aliasSpan, extent: span },
  ];
}

/**
 * Whether a bracket after a term names the term again (個人番号利用事務系, CISO) rather than
 * explaining it (Confidentiality, これらを印刷した文書を含む): a noun, not a sentence or an English word.
 */
function isAlias(inner: string): boolean {
  if (/^[A-Za-z][A-Za-z\s.,'&/-]*$/.test(inner)) return !/[a-z]/.test(inner) && !/\s/.test(inner);
  return /^[^\s、。,.ぁ-ん]+(?:の[^\s、。,.ぁ-ん]+)*$/u.test(inner) && !/^(?:注|例|以下|参考)/u.test(inner);
}

/** The 位置付け clause: what the set's 情報セキュリティポリシー (or another collective name) is made of. */
function positionClauses(line: TextView): Definition[] {
  const out: Definition[] = [];
  POSITION_QUOTED.lastIndex = 0;
  for (let m = POSITION_QUOTED.exec(line.text); m; m = POSITION_QUOTED.exec(line.text)) {
    const at = line.text.indexOf('「', m.index) + 1;
    out.push({ term: m[1], text: sentenceAround(line.text, at), kind: 'scope', span: spanOf(line, at, at + m[1].length) });
  }
  const named = out.length ? null : POSITION_NAMED.exec(line.text);
  if (named) {
    const at = named.index + named[0].length - named[2].length - (/とし$/.test(named[0]) ? 2 : 3);
    out.push({ term: named[2], text: sentenceAround(line.text, at), kind: 'scope', span: spanOf(line, at, at + named[2].length) });
  }
  return out;
}

/** The sentence around an index of a line, without the line's item number. */
function sentenceAround(text: string, at: number): string {
  const start = text.lastIndexOf('。', at) + 1;
  return firstSentence(text.slice(start).replace(/^\s*(?:[(（]?[0-9０-９]+[)）.．]?|第[0-9０-９]+条)[\s\u3000]*/u, ''));
}

/** The text of the line after line k of block b: in the block, or the first line of the next block. */
function nextLine(blocks: Block[], lines: Line[][], b: number, k: number): string | undefined {
  const own = lines[b][k + 1];
  if (own) return own.view.text.trim() || undefined;
  const next = blocks[b + 1];
  if (!next || next.kind !== 'paragraph') return undefined;
  return lines[b + 1][0]?.view.text.trim() || undefined;
}

/** Caption lines that name a definitions article: （定義）, （用語の定義）. In text order. */
interface Caption { start: number; end: number }

function captionsOf(blocks: Block[], lines: Line[][]): Caption[] {
  const out: Caption[] = [];
  for (let b = 0; b < blocks.length; b++) {
    if (blocks[b].kind === 'cell') continue;
    for (const { view, folded } of lines[b]) {
      // A caption is a short line in brackets: most lines are neither.
      if (folded.text.length > 40 || !folded.text.includes(')')) continue;
      const m = /^\s*\(([^()]{1,30})\)\s*$/.exec(folded.text);
      if (m && view.text.length && DEFINITION_SECTIONS.has(exactTitleKey(m[1]))) out.push({ start: startAt(view, 0), end: endAt(view, view.text.length - 1) });
    }
  }
  return out;
}

/**
 * A section titled 定義 / 用語の定義, captioned （定義）, or opening with
 * この基本方針で使用する用語の定義は、次のとおりとする (…用語の意義は、…) in its own text.
 */
function isDefinitionSection(s: Section, sections: Section[], captions: Caption[]): boolean {
  // Every title of these holds 定義 or 用語: the folding is done only then.
  const named = s.title.includes('定義') || s.title.includes('用語');
  if (named && DEFINITION_SECTIONS.has(exactTitleKey(s.title))) return true;
  if (named && /用語の(?:定義|意義)$/u.test(s.title)) return true;
  // Its own opening sentence: a chapter is summed up by its first article, which is not the chapter.
  const first = sections[s.index + 1];
  const ownSummary = !(first && first.parent === s.index && first.summary === s.summary);
  if (ownSummary && s.summary.includes('用語の') && /^.{0,40}用語の(?:定義|意義)は/u.test(s.summary)) return true;
  // The caption right above its opening line, or the one the opening line starts with.
  const head = s.headingSpan.start;
  let lo = 0;
  let hi = captions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (captions[mid].start <= head) lo = mid + 1; else hi = mid;
  }
  const caption = captions[lo - 1];
  if (!caption) return false;
  const between = head - caption.end;
  return caption.start === head || (between >= 0 && between <= 4);
}

/** Every line of the document in text order, to map a source offset back to a view of the text there. */
class LineViews {
  private list: TextView[] = [];
  private starts: number[] = [];
  private built = false;

  /** Made on first use: most documents define a term on few lines, if any. */
  constructor(private readonly blocks: Block[], private readonly lines: Line[][]) {}

  private build(): void {
    this.built = true;
    const add = (v: TextView): void => {
      if (!v.text.length) return;
      this.list.push(v);
      this.starts.push(startAt(v, 0));
    };
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b];
      if (block.kind === 'cell') add(block.view);
      else for (const l of this.lines[b]) add(l.view);
    }
  }

  /** The source span of `length` characters of text starting at a source offset. */
  at(start: number, length: number): Span | undefined {
    if (!this.built) this.build();
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= start) lo = mid + 1; else hi = mid;
    }
    const v = this.list[lo - 1];
    if (!v || v.end < start) return undefined;
    const i = indexAtSource(v, start);
    if (i < 0 || startAt(v, i) !== start || i + length > v.text.length) return undefined;
    return spanOf(v, i, i + length);
  }
}

/** Spans sorted and merged where they overlap, so that an offset is looked up by bisection. */
function merged(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
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
  // The verb of that clause belongs to it, not to the noun: 第2に定める情報セキュリティ対策基準,
  // 基準を示す情報セキュリティポリシー.
  if (clause) s = s.replace(/^[一-龠々]{1,4}(?:(?![のとやがをにへでは])[ぁ-ん]){0,3}?[るすくうつむぶぐた](?=[一-龠々ァ-ヶー])/u, '');
  // The line's own number is no part of it: 第5条　職員、会計年度任用職員等.
  s = s.replace(/^\s*(?:第[0-9０-９一二三四五六七八九十百]+条(?:の[0-9０-９]+)?|[(（][0-9０-９一-十]+[)）]|[0-9０-９]+[.．]?|[①-⑳])[\s\u3000]+/u, '');
  // この古賀市情報セキュリティ基本方針 names the same document as 古賀市情報セキュリティ基本方針.
  return s.replace(/^[\s、,]+/u, '').replace(/^(?:この|その|当該)(?=\S)/u, '').trim();
}

/**
 * A definition in passing, in brackets right after the word: 電磁的記録媒体(…記録媒体をいう。以下同じ。)
 * anywhere. Without 以下同じ the bracket glosses the word for that sentence only (庁内(消防本部…を
 * いう。)), as 例規 are drafted; but a model term glossed so in a definitions section
 * (情報資産の機密性(…状態をいう。) in the item 情報セキュリティ) is the policy's explanation of that
 * term, and counts as its definition. Brackets nest: the outer
 * データ(…電磁的記録(…をいう。以下同じ。)をいう。以下同じ。) defines データ too. The term is the run of
 * kanji, katakana and letters before the bracket (機密性 in 情報資産の機密性(…)).
 */
function bracketDefinitions(view: TextView, inDefinitions: boolean): Definition[] {
  const text = view.text;
  const out: Definition[] = [];
  for (let close = text.search(/[)）]/u); close >= 0; close = nextClose(text, close + 1)) {
    const inner = innerBefore(text, close);
    if (inner === undefined) continue;
    const content = text.slice(inner + 1, close);
    const same = /をいう。以下同じ。?$/u.test(content);
    if (!same && !(inDefinitions && /をいう。$/u.test(content))) continue;
    const word = TERM_BEFORE.exec(text.slice(Math.max(0, inner - 30), inner));
    if (!word || (!same && !isModelTerm(word[0]))) continue;
    const at = inner - word[0].length;
    out.push({ term: word[0], text: firstSentence(content.replace(/以下同じ。?$/u, '')), kind: 'quoted', span: spanOf(view, at, inner) });
  }
  return out;
}

const TERM_BEFORE = /[\p{Script=Han}\p{Script=Katakana}ー・A-Za-z0-9Ａ-Ｚａ-ｚ０-９]{2,30}$/u;

function nextClose(text: string, from: number): number {
  const i = text.slice(from).search(/[)）]/u);
  return i < 0 ? -1 : from + i;
}

/** The opening bracket that a closing one at `close` closes, counting the brackets between. */
function innerBefore(text: string, close: number): number | undefined {
  let depth = 0;
  for (let i = close - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')' || c === '）') depth++;
    else if (c === '(' || c === '（') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/**
 * A table whose header names 用語 and 定義 (or 意味, 説明): each row defines a term. A two-column
 * table without such a header (a Word table pasted as it was, its first row a term row) defines
 * its rows too when it stands in a definitions section, or when its rows read like definitions
 * (…をいう。, …のこと。) and its first column like terms (short, no 。).
 */
function tableDefinitions(blocks: Block[], inDefSection: (offset: number) => boolean, views: LineViews): Definition[] {
  const out: Definition[] = [];
  const byTable = new Map<number, Block[]>();
  for (const b of blocks) {
    if (!b.cell) continue;
    const list = byTable.get(b.cell.table);
    if (list) list.push(b); else byTable.set(b.cell.table, [b]);
  }
  for (const rows of byTable.values()) {
    const header = rows.filter((b) => b.cell!.row === 0);
    let termCol = header.find((b) => /^(?:用語|語句|名称)$/.test(b.view.text.trim()))?.cell!.column;
    let defCol = header.find((b) => /^(?:定義|意味|説明|内容)$/.test(b.view.text.trim()))?.cell!.column;
    let firstRow = 1;
    if (termCol === undefined || defCol === undefined) {
      const from = firstDefinitionRow(rows, inDefSection);
      if (from === undefined) continue;
      termCol = 0;
      defCol = 1;
      firstRow = from;
    }
    // The meaning cell of each row, found once (a table of thousands of rows stays linear).
    const meaning = new Map<number, Block>();
    for (const b of rows) if (b.cell!.column === defCol) meaning.set(b.cell!.row, b);
    for (const cell of rows) {
      if (cell.cell!.row < firstRow || cell.cell!.column !== termCol) continue;
      const written = cell.view.text.trim();
      if (!written) continue;
      const def = meaning.get(cell.cell!.row);
      const lead = cell.view.text.length - cell.view.text.trimStart().length;
      out.push(...namedDefinitions(written, firstSentence(def?.view.text ?? ''), 'table', spanOf(cell.view, lead, lead + written.length), views));
    }
  }
  return out;
}

/**
 * Where the definitions of a two-column table without a 用語/定義 header start: row 0 when its
 * first row is a term and its meaning; in a definitions section, row 1 when the first row is a
 * header of other labels (項目 | 内容); undefined when the table does not define terms.
 */
function firstDefinitionRow(cells: Block[], inDefSection: (offset: number) => boolean): number | undefined {
  if (cells.some((b) => b.cell!.column > 1)) return undefined;
  const rows = new Map<number, [string, string]>();
  for (const b of cells) {
    const row = rows.get(b.cell!.row) ?? ['', ''];
    row[b.cell!.column] = b.view.text.trim();
    rows.set(b.cell!.row, row);
  }
  const all = [...rows.values()];
  const reads = ([, meaning]: [string, string]): boolean => DEFINITION_ENDING.test(meaning);
  // A header names its columns: short labels, not a term and what it means.
  const header = !reads(all[0]) && (all[0][1].length <= 10 || !isTermCell(all[0][0]));
  const inSection = inDefSection(cells[0].span.start);
  // Outside a definitions section the first row must be a term row, and most rows read as definitions.
  if (header && !inSection) return undefined;
  const data = header ? all.slice(1) : all;
  if (!data.length || !data.every(([term]) => isTermCell(term))) return undefined;
  if (!inSection && data.filter(reads).length * 2 <= data.length) return undefined;
  return header ? 1 : 0;
}

/** A cell that can hold a term: short, no sentence, not a step number. */
function isTermCell(text: string): boolean {
  return text.length > 0 && text.length <= 30 && !/[。．]/.test(text) && !/^[\d０-９.．()（）\s]+$/u.test(text);
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
