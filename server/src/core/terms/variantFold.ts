// The spelling-blind form of text, for finding a term however it is written: width folded,
// variant kanji and okurigana unified, middle dots and spaces dropped, and the long-vowel mark at
// the end of a katakana word dropped (セキュリティー, サーバー). Each character keeps its source span.

import data from './variants.json';
import { foldView } from '../text/fold';
import { endAt, sourceView, startAt, ViewBuilder, type TextView } from '../text/textView';
import { Memo } from '../memo';

/** Variant spelling → the form it is compared as, longest first so 取り扱い wins over 取り扱. */
const REPLACEMENTS: [string, string][] = [...data.kanji, ...data.okurigana]
  .flatMap(([canonical, ...others]) => others.map((o) => [o, canonical] as [string, string]))
  .sort((a, b) => b[0].length - a[0].length);

/** The replacements by the UTF-16 unit they start with, each list longest first. */
const BY_FIRST = new Map<number, [string, string][]>();
for (const r of REPLACEMENTS) {
  const c = r[0].charCodeAt(0);
  BY_FIRST.set(c, [...BY_FIRST.get(c) ?? [], r]);
}
/** Whether a UTF-16 unit starts some replacement: one look for each unit, where most start none. */
const STARTS = new Uint8Array(0x10000);
for (const c of BY_FIRST.keys()) STARTS[c] = 1;

export function isKatakana(ch: string | undefined): boolean {
  return ch ? isKatakanaUnit(ch.charCodeAt(0)) : false;
}

/** NaN (a unit before the start or past the end) is no katakana. */
export function isKatakanaUnit(c: number): boolean {
  return (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc || c === 0x30fd || c === 0x30fe;
}

/**
 * The replacement of the variant written at t[i] (whose unit is c), if any. Indexed, without a
 * callback or destructuring: this runs for every hiragana な or も, and a closure and an array
 * iterator for each made a tenth of a cold check's allocation.
 */
function replacementAt(t: string, i: number, c: number): [string, string] | undefined {
  if (STARTS[c] === 0) return undefined;
  const candidates = BY_FIRST.get(c)!;
  for (let k = 0; k < candidates.length; k++) if (t.startsWith(candidates[k][0], i)) return candidates[k];
  return undefined;
}

const NAKATEN = 0x30fb;
const CHOONPU = 0x30fc;

/**
 * The steps of the spelling-blind fold of a width-folded text, in order: `keep(from, to)` for each
 * stretch that goes over as it is (perhaps empty), `replace(at, length, canonical)` for each variant
 * written there; the characters dropped fall between them. False, with no step taken, when the
 * whole text goes over as it is.
 */
function variantSteps(t: string, keep: (from: number, to: number) => void, replace: (at: number, length: number, canonical: string) => void): boolean {
  let kept = 0;
  // Code units, not t[i]: a one-character string of a kanji is a new string each time.
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === NAKATEN || c === 0x20 || c === 0x09 || (c === CHOONPU && isKatakanaUnit(t.charCodeAt(i - 1)) && !isKatakanaUnit(t.charCodeAt(i + 1)))) {
      keep(kept, i);
      kept = i + 1;
      continue;
    }
    const hit = replacementAt(t, i, c);
    if (hit) {
      keep(kept, i);
      replace(i, hit[0].length, hit[1]);
      i += hit[0].length - 1;
      kept = i + 1;
    }
  }
  if (kept === 0) return false;
  keep(kept, t.length);
  return true;
}

/** Folds a view; the result's spans are those of the view given (prose indices or offsets). */
export function variantFold(view: TextView): TextView {
  const v = foldView(view);
  const out = new ViewBuilder(v.text.length ? startAt(v, 0) : v.end);
  const changed = variantSteps(v.text, (from, to) => out.pushSlice(v, from, to),
    (at, length, canonical) => out.push(canonical, startAt(v, at), endAt(v, at + length - 1)));
  return changed ? { ...out.build(), end: v.end } : v;
}

/**
 * variantFold of a plain text, for a scan that wants the folded text and the source spans of a few
 * places in it (the term matches): the spans are written into buffers kept from one text to the
 * next, not into a view's runs. Building those views for every block made an eighth of what a cold
 * check allocates. The spans hold until the next fold.
 */
export class VariantFolding {
  /** The width-folded character each folded one starts and ends at; unused while `direct`. */
  private first: Int32Array = new Int32Array(256);
  private last: Int32Array = new Int32Array(256);
  private size = 0;
  /** Whether each folded character is the width-folded one at its index. */
  private direct = true;
  /** The width-folded view, when its characters do not follow the text one by one. */
  private width: TextView | undefined;

  /** The width-folded text being folded, and the pieces of its fold (reused, as the steps below are). */
  private t = '';
  private readonly parts: string[] = [];
  private readonly keepStep = (from: number, to: number): void => {
    if (from >= to) return;
    for (let j = from; j < to; j++) this.put(j, j);
    this.parts.push(this.t.slice(from, to));
  };

  private readonly replaceStep = (at: number, length: number, canonical: string): void => {
    for (let k = 0; k < canonical.length; k++) this.put(at, at + length - 1);
    this.parts.push(canonical);
  };

  fold(text: string): string {
    const source = sourceView(text);
    const v = foldView(source);
    this.width = v.runs === source.runs ? undefined : v;
    this.t = v.text;
    this.parts.length = 0;
    this.size = 0;
    this.direct = !variantSteps(this.t, this.keepStep, this.replaceStep);
    return this.direct ? this.t : this.parts.join('');
  }

  /** Where the folded character at `k` starts in the text. */
  sourceStart(k: number): number {
    const j = this.direct ? k : this.first[k];
    return this.width ? startAt(this.width, j) : j;
  }

  /** Where the folded character at `k` ends in the text. */
  sourceEnd(k: number): number {
    const j = this.direct ? k : this.last[k];
    return this.width ? endAt(this.width, j) : j + 1;
  }

  private put(first: number, last: number): void {
    if (this.size === this.first.length) {
      const grow = (a: Int32Array): Int32Array => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
      this.first = grow(this.first);
      this.last = grow(this.last);
    }
    this.first[this.size] = first;
    this.last[this.size++] = last;
  }
}

const keys = new Memo<string>(10_000);

export function variantKey(text: string): string {
  return keys.get(text, (t) => variantFold(sourceView(t)).text);
}
