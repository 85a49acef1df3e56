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
const LOWEST_FIRST = Math.min(...BY_FIRST.keys());

export function isKatakana(ch: string | undefined): boolean {
  return ch ? isKatakanaUnit(ch.charCodeAt(0)) : false;
}

/** NaN (a unit before the start or past the end) is no katakana. */
function isKatakanaUnit(c: number): boolean {
  return (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc || c === 0x30fd || c === 0x30fe;
}

const NAKATEN = 0x30fb;
const CHOONPU = 0x30fc;

/** Folds a view; the result's spans are those of the view given (prose indices or offsets). */
export function variantFold(view: TextView): TextView {
  const v = foldView(view);
  const t = v.text;
  const out = new ViewBuilder(t.length ? startAt(v, 0) : v.end);
  // Characters from `kept` up to the one looked at go over as they are, with their runs.
  let kept = 0;
  // Code units, not t[i]: a one-character string of a kanji is a new string each time.
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === NAKATEN || c === 0x20 || c === 0x09 || (c === CHOONPU && isKatakanaUnit(t.charCodeAt(i - 1)) && !isKatakanaUnit(t.charCodeAt(i + 1)))) {
      out.pushSlice(v, kept, i);
      kept = i + 1;
      continue;
    }
    const candidates = c >= LOWEST_FIRST ? BY_FIRST.get(c) : undefined;
    if (candidates) {
      const hit = candidates.find(([variant]) => t.startsWith(variant, i));
      if (hit) {
        out.pushSlice(v, kept, i);
        out.push(hit[1], startAt(v, i), endAt(v, i + hit[0].length - 1));
        i += hit[0].length - 1;
        kept = i + 1;
      }
    }
  }
  if (kept === 0) return v;
  out.pushSlice(v, kept, t.length);
  return { ...out.build(), end: v.end };
}

const keys = new Memo<string>(10_000);

export function variantKey(text: string): string {
  return keys.get(text, (t) => variantFold(sourceView(t)).text);
}
