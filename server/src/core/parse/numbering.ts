// Recognises the numbering token that opens a line: 第1編, 第1章, 第4節, 第1款, 第12条, 第1, 1, 1.1, 2―1―1,
// (1), 1), ①, ア, (ア), 一. Works on width-folded text, so （１） and (1) are the same.

import { isSpace } from '../text/chars';

export type NumberStyle =
  | 'part' | 'chapter' | 'section' | 'subsection' | 'article' | 'dai'
  | 'roman' | 'arabic' | 'closeParen' | 'paren' | 'circled' | 'katakana' | 'katakanaParen' | 'kanji';

export interface NumberToken {
  style: NumberStyle;
  /** The numbers of the token: [4, 1] for 4.1, [12, 2] for 第12条の2, [3] for ③ or ウ. */
  values: number[];
  /** Canonical text: 第12条, 4.1, (3), ③, ウ. */
  label: string;
  /** Characters of the folded line taken by the token and the separator after it. */
  length: number;
}

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const KANJI_NUMBER = '[〇一二三四五六七八九十百千]+';
const NUM = `(?:[0-9]+|${KANJI_NUMBER})`;

/** 十二 → 12, 二十一 → 21, 百五 → 105; plain digits too. */
export function parseNumber(s: string): number {
  if (/^[0-9]+$/.test(s)) return Number(s);
  // Full-width digits (第１２条, as written before folding).
  if (/^[０-９]+$/u.test(s)) return Number(s.replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in KANJI_DIGITS) current = current * 10 + KANJI_DIGITS[ch];
    else {
      const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      total += (current || 1) * unit;
      current = 0;
    }
  }
  return total + current;
}

/** A number as written in running text, as a regular expression source: 12, １２, 十二. */
export const NUMERAL = '[0-9０-９]+|[〇一二三四五六七八九十百]+';

/** The styles of items (号 and below): (1), 1), ①, ア, (ア), 一. */
export const ITEM_STYLES: ReadonlySet<string> = new Set<NumberStyle>(['paren', 'closeParen', 'circled', 'katakana', 'katakanaParen', 'kanji']);

const KANJI_ONES = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 12 → 十二, 105 → 百五: the inverse of parseNumber for kanji numbers below a thousand. */
export function kanjiNumber(n: number): string {
  if (n < 10) return KANJI_ONES[n];
  if (n < 100) return `${n >= 20 ? KANJI_ONES[Math.floor(n / 10)] : ''}十${n % 10 ? KANJI_ONES[n % 10] : ''}`;
  return `${n >= 200 ? KANJI_ONES[Math.floor(n / 100)] : ''}百${n % 100 ? kanjiNumber(n % 100) : ''}`;
}

export const IROHA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';
const CIRCLED_FIRST = 0x2460;

export function circledValue(ch: string): number | undefined {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x2460 && cp <= 0x2473) return cp - CIRCLED_FIRST + 1;
  if (cp >= 0x3251 && cp <= 0x325f) return cp - 0x3251 + 21;
  if (cp >= 0x32b1 && cp <= 0x32bf) return cp - 0x32b1 + 36;
  return undefined;
}

export function circledChar(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(CIRCLED_FIRST + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `(${n})`;
}

const LAW = new RegExp(`^第(${NUM})(編|章|節|款|条)(?:の(${NUM}))?`);
const DAI = new RegExp(`^第(${NUM})(?=\\s|$)`);
const ARABIC = /^([0-9]{1,3}(?:[.\-―‐][0-9]{1,3})*)(\.)?/;
const PAREN = /^\(([0-9]{1,3})\)/;
const CLOSE_PAREN = /^([0-9]{1,3})\)/;
const KATAKANA_PAREN = new RegExp(`^\\(([${IROHA}])\\)`);
const KATAKANA = new RegExp(`^([${IROHA}])(?=[\\s:.、]|$)`);
const KANJI_ITEM = /^([一二三四五六七八九十]{1,3})(?=\s)/;
/** Ⅳ, ⅳ (NFKC folds them to IV, iv), IV. : chapters of some standards (Ⅰ 総則 … Ⅷ 評価・見直し). */
const ROMAN = /^(?=[IVXivx])(X{0,3}(?:IX|IV|V?I{0,3})|x{0,3}(?:ix|iv|v?i{0,3}))(?:\.|(?=\s))/;
const ROMAN_VALUE: Record<string, number> = { i: 1, v: 5, x: 10 };

function romanValue(s: string): number {
  let total = 0;
  const t = s.toLowerCase();
  for (let i = 0; i < t.length; i++) {
    const v = ROMAN_VALUE[t[i]];
    total += i + 1 < t.length && ROMAN_VALUE[t[i + 1]] > v ? -v : v;
  }
  return total;
}
/** Units that make a leading number a quantity, not a section number: 1年, 3か月, 2名, 5人 (but 5人的セキュリティ is section 5). */
const QUANTITY = /^(?:[年月日時分秒回件名個条項号章節款%か箇ヶ週台部枚円歳度階]|人(?!的))/;

/**
 * After 第23条, these make the line a sentence that cites it (a hard-wrapped line that begins
 * `第23条に規定する報告を…`), not the article's own opening line.
 */
const CITED = /^(?:に|を|は|で|と|が|から|まで|及び|又は|並びに|若しくは|第|各号|中|の(?![0-9〇一二三四五六七八九十百]))/;

const LAW_STYLE = { 編: 'part', 章: 'chapter', 節: 'section', 款: 'subsection', 条: 'article' } as const;

/**
 * Reads the numbering at the start of a folded line. `headingLike` relaxes the rules for short
 * lines and headings, where `1目的` (no space) is a section number, not a quantity.
 */
export function readNumber(line: string, headingLike: boolean): NumberToken | undefined {
  // Most lines are running text: one look at the first character settles them.
  if (!mayOpenToken(line)) return undefined;
  let m: RegExpExecArray | null;
  if ((m = LAW.exec(line)) && !CITED.test(line.slice(m[0].length))) {
    const kind = m[2] as keyof typeof LAW_STYLE;
    const values = [parseNumber(m[1])];
    if (m[3]) values.push(parseNumber(m[3]));
    const label = `第${values[0]}${kind}${values.length > 1 ? `の${values[1]}` : ''}`;
    return { style: LAW_STYLE[kind], values, label, length: sep(line, m[0].length) };
  }
  if ((m = DAI.exec(line))) {
    const n = parseNumber(m[1]);
    return { style: 'dai', values: [n], label: `第${n}`, length: sep(line, m[0].length) };
  }
  if ((m = PAREN.exec(line))) {
    const n = Number(m[1]);
    return { style: 'paren', values: [n], label: `(${n})`, length: sep(line, m[0].length) };
  }
  if ((m = KATAKANA_PAREN.exec(line))) {
    return { style: 'katakanaParen', values: [IROHA.indexOf(m[1]) + 1], label: `(${m[1]})`, length: sep(line, m[0].length) };
  }
  const circled = line.length > 0 ? circledValue(line[0]) : undefined;
  if (circled !== undefined) {
    return { style: 'circled', values: [circled], label: line[0], length: sep(line, 1) };
  }
  if ((m = CLOSE_PAREN.exec(line))) {
    const n = Number(m[1]);
    return { style: 'closeParen', values: [n], label: `${n})`, length: sep(line, m[0].length) };
  }
  if ((m = ARABIC.exec(line))) {
    const after = line.slice(m[0].length);
    const spaced = after.length === 0 || /^\s/.test(after);
    const dotted = m[2] !== undefined && !/^[0-9]/.test(after);
    const joined = headingLike && !QUANTITY.test(after) && !/^[0-9.,]/.test(after);
    if (!spaced && !dotted && !joined) return undefined;
    const values = m[1].split(/[.\-―‐]/).map(Number);
    return { style: 'arabic', values, label: values.join('.'), length: sep(line, m[0].length) };
  }
  // Only on a heading or a short line: a sentence may well begin with I or V.
  if (headingLike && (m = ROMAN.exec(line)) && m[1]) {
    return { style: 'roman', values: [romanValue(m[1])], label: m[1].toUpperCase(), length: sep(line, m[0].length) };
  }
  if ((m = KATAKANA.exec(line))) {
    const ch = m[1];
    const length = /^[:.、]/.test(line.slice(1)) ? sep(line, 2) : sep(line, 1);
    return { style: 'katakana', values: [IROHA.indexOf(ch) + 1], label: ch, length };
  }
  if ((m = KANJI_ITEM.exec(line))) {
    const n = parseNumber(m[1]);
    return { style: 'kanji', values: [n], label: m[1], length: sep(line, m[0].length) };
  }
  return undefined;
}

const KANJI_ITEM_FIRST = '一二三四五六七八九十';

/** Whether a line starts with a character some token below starts with. */
function mayOpenToken(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 0x7b2c /* 第 */ || c === 0x28 /* ( */ || (c >= 0x30 && c <= 0x39)) return true;
  if (c === 0x49 || c === 0x56 || c === 0x58 || c === 0x69 || c === 0x76 || c === 0x78) return true; // I V X i v x
  const first = line.charAt(0);
  return first !== '' && (circledValue(first) !== undefined || IROHA.includes(first) || KANJI_ITEM_FIRST.includes(first));
}

/** Skips the separator after a token: spaces, or one of : ． 、 */
function sep(line: string, at: number): number {
  let i = at;
  if (line[i] === ':' || line[i] === '、') i++;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  return i;
}
