// Width folding for matching: full-width ASCII and digits to half-width, half-width kana to
// full-width, ideographic space to a space. Circled numbers stay as they are: ① is a sub-item,
// not the number 1.

import { isSpace } from './chars';
import { endAt, splitLines, startAt, ViewBuilder, type TextView } from './textView';

const DAKUTEN = 0x3099;
const HANDAKUTEN = 0x309a;

function keepsShape(cp: number): boolean {
  return (cp >= 0x2460 && cp <= 0x2473) // ①..⑳
    || (cp >= 0x3251 && cp <= 0x325f) // ㉑..㉟
    || (cp >= 0x32b1 && cp <= 0x32bf); // ㊱..㊿
}

const folded = new Map<number, string>();

/** Kana and CJK ideographs, which NFKC leaves alone (but for ゛ ゜ ゟ ヿ): most of a Japanese text. */
function unchanged(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a1 && cp <= 0x30fe) || (cp >= 0x3400 && cp <= 0x4dbf);
}

function foldCodePoint(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80 || unchanged(cp)) return ch;
  // normalize() is slow; a text repeats the few other characters it has.
  let f = folded.get(cp);
  if (f === undefined) {
    f = foldUncommon(ch, cp);
    folded.set(cp, f);
  }
  return f;
}

function foldUncommon(ch: string, cp: number): string {
  if (keepsShape(cp)) return ch;
  if (cp === 0x2015 || cp === 0x2010 || cp === 0x2212 || cp === 0x30fc) {
    // ― ‐ − keep their identity for numbering (2―1―1); ー is the long-vowel mark, not a dash.
    return ch;
  }
  return ch.normalize('NFKC');
}

/** Folds a view, keeping each output character's source offset. */
export function foldView(view: TextView): TextView {
  // Most lines fold one UTF-16 unit to one (（ → (, 　 → space) or not at all: then the view's
  // spans are the folded text's spans too, and nothing per character is allocated.
  const simple = foldUnits(view.text, true);
  if (simple !== undefined) return simple === view.text ? view : { text: simple, runs: view.runs, base: view.base, end: view.end };
  // The rest of such a line folds one to one too: those stretches go over with the view's runs,
  // and only the characters that fold to several units or to a voiced mark are taken one by one.
  const { text } = view;
  const unitwise: TextView = { text: foldUnits(text, false)!, runs: view.runs, base: view.base, end: view.end };
  const out = new ViewBuilder(text.length ? startAt(view, 0) : view.end);
  let kept = 0;
  let i = 0;
  while (i < text.length) {
    if (foldedUnit(text.charCodeAt(i)) >= 0) { i++; continue; }
    out.pushSlice(unitwise, kept, i);
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    const folded = foldCodePoint(text.slice(i, i + size));
    const first = folded.charCodeAt(0);
    const end = endAt(view, i + size - 1);
    i += size;
    kept = i;
    if ((first === DAKUTEN || first === HANDAKUTEN) && out.length > 0) {
      // ｶﾞ: the voiced mark composes with the kana before it.
      const composed = (out.lastChar() + folded).normalize('NFC');
      if (composed.length === 1) {
        out.replaceLast(composed, end);
        continue;
      }
    }
    out.push(folded, startAt(view, i - size), end);
  }
  out.pushSlice(unitwise, kept, text.length);
  return { ...out.build(), end: view.end };
}

/**
 * The text with every unit folded that folds to one unit (foldedUnit). The others stay as they are,
 * or with `refuse` the answer is undefined when there is one (the caller takes the general path).
 */
function foldUnits(text: string, refuse: boolean): string | undefined {
  let out: string[] | undefined;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // One look in the table for nearly every unit: ASCII, kana and kanji are in it as themselves.
    if (ONE_TO_ONE[c] === c) continue;
    const f = foldedUnit(c);
    if (f < 0 && refuse) return undefined;
    if (f < 0 || f === c) continue;
    (out ??= []).push(text.slice(from, i), String.fromCharCode(f));
    from = i + 1;
  }
  if (!out) return text;
  out.push(text.slice(from));
  return out.join('');
}

/**
 * What each UTF-16 unit folds to when it folds to one unit, filled as units are met: a text's
 * punctuation (、。「」（）) is a tenth of it, and a lookup by number allocates no string.
 */
const UNKNOWN = 0xffffffff;
const MANY = 0xfffffffe;
const ONE_TO_ONE = new Uint32Array(0x10000).fill(UNKNOWN);
for (let c = 0; c < 0x10000; c++) if (c < 0x80 || unchanged(c)) ONE_TO_ONE[c] = c;

/**
 * The unit a UTF-16 unit folds to, as foldText folds it when every unit of a text folds to one;
 * -1 when this one does not (foldText then takes its general path).
 */
export function foldedUnit(c: number): number {
  let f = ONE_TO_ONE[c];
  if (f === UNKNOWN) f = ONE_TO_ONE[c] = oneToOne(c);
  return f === MANY ? -1 : f;
}

/** MANY for a surrogate, a unit that folds to several, or to a voiced mark that may compose. */
function oneToOne(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return MANY;
  const f = foldCodePoint(String.fromCharCode(c));
  if (f.length !== 1) return MANY;
  const fc = f.charCodeAt(0);
  return fc === DAKUTEN || fc === HANDAKUTEN ? MANY : fc;
}

export function foldText(text: string): string {
  const simple = foldUnits(text, true);
  if (simple !== undefined) return simple;
  let s = '';
  for (const ch of text) {
    const folded = foldCodePoint(ch);
    const first = folded.charCodeAt(0);
    if ((first === DAKUTEN || first === HANDAKUTEN) && s.length > 0) {
      const composed = (s.slice(-1) + folded).normalize('NFC');
      if (composed.length === 1) { s = s.slice(0, -1) + composed; continue; }
    }
    s += folded;
  }
  return s;
}

/** 32-bit FNV-1a of a string's UTF-16 units, cut to a small integer (V8 keeps those in a Map unboxed). */
export function stringHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/**
 * stringHash(foldText(text.slice(start, end)) without its white space), folded and hashed unit by
 * unit as foldText folds: no slice, folded copy or copy without spaces is made (the sentences of a
 * whole set are keyed so). The last unit waits before it is hashed, for a voiced mark after it
 * (ｶﾞ) composes with it.
 */
export function foldedHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  let last = -1;
  for (let i = start; i < end;) {
    const f = foldedUnit(text.charCodeAt(i));
    if (f >= 0) {
      if (last >= 0 && !isSpace(last)) h = Math.imul(h ^ last, 0x01000193);
      last = f;
      i++;
      continue;
    }
    const size = text.codePointAt(i)! > 0xffff && i + 1 < end ? 2 : 1;
    const folded = foldCodePoint(text.slice(i, i + size));
    i += size;
    const first = folded.charCodeAt(0);
    if ((first === DAKUTEN || first === HANDAKUTEN) && last >= 0) {
      const composed = (String.fromCharCode(last) + folded).normalize('NFC');
      if (composed.length === 1) {
        last = composed.charCodeAt(0);
        continue;
      }
    }
    for (let k = 0; k < folded.length; k++) {
      if (last >= 0 && !isSpace(last)) h = Math.imul(h ^ last, 0x01000193);
      last = folded.charCodeAt(k);
    }
  }
  if (last >= 0 && !isSpace(last)) h = Math.imul(h ^ last, 0x01000193);
  return h & 0x3fffffff;
}

/** A line of a block as written, and folded: every step of a document's analysis reads both. */
export interface Line { view: TextView; folded: TextView }

/** A block's lines, each folded once for all the steps that read it. */
export function blockLines(view: TextView): Line[] {
  return splitLines(view).map((line) => ({ view: line, folded: foldView(line) }));
}
