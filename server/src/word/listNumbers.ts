// Word's automatic numbering, as the text Word shows: (1)…(9), ア, ①, 第1条. A policy whose items
// are list numbers in Word has no numbers in its text; without them the checker sees no items. The
// numbers are worked out from numbering.xml (formats, level texts, starts and restarts) paragraph by
// paragraph, written into the paragraph as text, and the paragraph's list marking is taken off, so
// the reader (mammoth) sees what a reader of the printed page sees.

import type { Document as XmlDocument, Element as XmlElement } from '@xmldom/xmldom';
import { circledChar, kanjiNumber } from '../core/parse/numbering';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface Level { start: number; format: string; text: string; legal: boolean; suffix: string }
interface Num { abstract: string; starts: Map<number, number> }

/** The numbering definitions of numbering.xml. */
export class ListDefinitions {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, Num>();
  private readonly styles = new Map<string, { numId: string; ilvl: number }>();

  constructor(numbering: XmlDocument | undefined, styles: XmlDocument | undefined) {
    for (const a of children(numbering?.documentElement, 'abstractNum')) {
      const levels = new Map<number, Level>();
      for (const l of children(a, 'lvl')) {
        levels.set(Number(attr(l, 'ilvl') ?? 0), {
          start: Number(val(first(l, 'start')) ?? 1),
          format: val(first(l, 'numFmt')) ?? 'decimal',
          text: val(first(l, 'lvlText')) ?? '',
          legal: first(l, 'isLgl') !== undefined,
          suffix: val(first(l, 'suff')) ?? 'tab',
        });
      }
      this.abstracts.set(attr(a, 'abstractNumId') ?? '', levels);
    }
    for (const n of children(numbering?.documentElement, 'num')) {
      const starts = new Map<number, number>();
      for (const o of children(n, 'lvlOverride')) {
        const start = val(first(o, 'startOverride'));
        if (start !== undefined) starts.set(Number(attr(o, 'ilvl') ?? 0), Number(start));
      }
      this.nums.set(attr(n, 'numId') ?? '', { abstract: val(first(n, 'abstractNumId')) ?? '', starts });
    }
    // Heading styles numbered by the style (第1章 on 見出し 1) number their paragraphs too.
    for (const s of children(styles?.documentElement, 'style')) {
      const numPr = first(first(s, 'pPr'), 'numPr');
      const numId = val(first(numPr, 'numId'));
      if (numId !== undefined) this.styles.set(attr(s, 'styleId') ?? '', { numId, ilvl: Number(val(first(numPr, 'ilvl')) ?? 0) });
    }
  }

  level(numId: string, ilvl: number): { abstract: string; level: Level; levels: Map<number, Level>; override?: number } | undefined {
    const num = this.nums.get(numId);
    const levels = num && this.abstracts.get(num.abstract);
    const level = levels?.get(ilvl);
    return num && levels && level ? { abstract: num.abstract, level, levels, override: num.starts.get(ilvl) } : undefined;
  }

  styleNumbering(styleId: string | undefined): { numId: string; ilvl: number } | undefined {
    return styleId === undefined ? undefined : this.styles.get(styleId);
  }
}

/**
 * Writes the number of every numbered paragraph of `doc` into its text and marks it as not
 * numbered (numId 0). Counters follow Word: one per list definition and level, a deeper level
 * starts again under each new item above it, and a list instance that overrides a start begins
 * there. Returns how many paragraphs were numbered.
 */
export function writeListNumbers(doc: XmlDocument, lists: ListDefinitions): number {
  const counters = new Map<string, number[]>();
  const started = new Set<string>();
  let count = 0;
  for (const p of descendants(doc.documentElement, 'p')) {
    const pPr = first(p, 'pPr');
    const numPr = first(pPr, 'numPr');
    const own = numPr && { numId: val(first(numPr, 'numId')), ilvl: Number(val(first(numPr, 'ilvl')) ?? 0) };
    const numbering = own?.numId !== undefined ? own as { numId: string; ilvl: number } : lists.styleNumbering(val(first(pPr, 'pStyle')));
    if (!numbering || numbering.numId === '0') continue;
    const found = lists.level(numbering.numId, numbering.ilvl);
    if (!found) continue;
    const values = counters.get(found.abstract) ?? [];
    counters.set(found.abstract, values);
    const overrideKey = `${numbering.numId}:${numbering.ilvl}`;
    if (found.override !== undefined && !started.has(overrideKey)) {
      started.add(overrideKey);
      values[numbering.ilvl] = found.override;
    } else {
      values[numbering.ilvl] = values[numbering.ilvl] === undefined ? found.level.start : values[numbering.ilvl] + 1;
    }
    values.length = numbering.ilvl + 1;
    const text = found.level.text.replace(/%([1-9])/g, (_, k: string) => {
      const at = Number(k) - 1;
      const level = found.levels.get(at);
      const value = values[at] ?? level?.start ?? 1;
      return formatNumber(value, found.level.legal ? 'decimal' : level?.format ?? 'decimal');
    });
    const shown = found.level.format === 'none' ? '' : text;
    const suffix = found.level.suffix === 'nothing' || !shown ? '' : ' ';
    if (shown) prependText(doc, p, pPr, shown + suffix);
    markUnnumbered(doc, p, pPr);
    count++;
  }
  return count;
}

const IROHA = 'イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス';
const AIUEO = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';

/** A value in one of Word's number formats, as Word writes it. */
export function formatNumber(n: number, format: string): string {
  const cycle = (chars: string): string => chars[(n - 1) % chars.length];
  switch (format) {
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    case 'decimalZero': return n < 10 ? `0${n}` : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n <= 50 ? circledChar(n) : String(n);
    case 'decimalEnclosedParen': return `(${n})`;
    case 'decimalEnclosedFullstop': return `${n}.`;
    case 'japaneseCounting':
    case 'japaneseLegal':
    case 'japaneseDigitalTenThousand':
    case 'ideographTraditional':
      return kanjiNumber(n);
    case 'ideographDigital': return String(n).replace(/[0-9]/g, (c) => '〇一二三四五六七八九'[Number(c)]);
    case 'aiueoFullWidth': return cycle(AIUEO);
    case 'aiueo': return halfWidthKatakana(cycle(AIUEO));
    case 'irohaFullWidth': return cycle(IROHA);
    case 'iroha': return halfWidthKatakana(cycle(IROHA));
    case 'upperLetter': return letters(n).toUpperCase();
    case 'lowerLetter': return letters(n);
    case 'upperRoman': return roman(n);
    case 'lowerRoman': return roman(n).toLowerCase();
    case 'bullet':
    case 'none':
      return '';
    default: return String(n);
  }
}

function letters(n: number): string {
  const ch = String.fromCharCode(97 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/** Half-width katakana for Word's aiueo and iroha (ｱ, ｲ): NFKC goes the other way, so a table. */
function halfWidthKatakana(ch: string): string {
  const full = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンヰヱ';
  const half = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｲｴ';
  const at = full.indexOf(ch);
  return at < 0 ? ch : half[at];
}

function prependText(doc: XmlDocument, p: XmlElement, pPr: XmlElement | undefined, text: string): void {
  const r = doc.createElementNS(W, 'w:r');
  const t = doc.createElementNS(W, 'w:t');
  t.setAttribute('xml:space', 'preserve');
  t.appendChild(doc.createTextNode(text));
  r.appendChild(t);
  p.insertBefore(r, pPr ? pPr.nextSibling : p.firstChild);
}

/** numId 0: "not numbered", which also overrides numbering that comes from the style. */
function markUnnumbered(doc: XmlDocument, p: XmlElement, pPr: XmlElement | undefined): void {
  let props = pPr;
  if (!props) {
    props = doc.createElementNS(W, 'w:pPr');
    p.insertBefore(props, p.firstChild);
  }
  const old = first(props, 'numPr');
  if (old) props.removeChild(old);
  const numPr = doc.createElementNS(W, 'w:numPr');
  const numId = doc.createElementNS(W, 'w:numId');
  numId.setAttributeNS(W, 'w:val', '0');
  numPr.appendChild(numId);
  props.insertBefore(numPr, props.firstChild);
}

export function children(parent: XmlElement | null | undefined, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = parent?.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as XmlElement).namespaceURI === W && (n as XmlElement).localName === local) out.push(n as XmlElement);
  }
  return out;
}

export function first(parent: XmlElement | null | undefined, local: string): XmlElement | undefined {
  return children(parent, local)[0];
}

export function descendants(root: XmlElement | null | undefined, local: string): XmlElement[] {
  return root ? [...root.getElementsByTagNameNS(W, local)] : [];
}

function attr(el: XmlElement | undefined, local: string): string | undefined {
  return el?.getAttributeNS(W, local) ?? undefined;
}

/** The w:val of an element; an element without one (or no element) has none. */
function val(el: XmlElement | undefined): string | undefined {
  return el?.getAttributeNS(W, 'val') ?? undefined;
}
