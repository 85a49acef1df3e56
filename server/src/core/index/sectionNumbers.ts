// Where each numbered section's number is written, and how (（１）, 第十二条, 5.3): read from the
// visible text of its opening line. The numbering rule compares the forms; renumbering rewrites them.

import type { Span } from '../types';
import type { DocumentFacts } from '../facts';
import { isSpace } from '../text/chars';

const TOKEN = /^(?:第[0-9０-９〇一二三四五六七八九十百]+(?:編|章|節|款|条)?(?:の[0-9０-９〇一二三四五六七八九十百]+)?|[（(][0-9０-９]+[)）]|[0-9０-９]+(?:[.．][0-9０-９]+)*[)）]?|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]|[（(][ア-ン][)）]|[ア-ン](?=[\s\u3000:.、．])|[一二三四五六七八九十]{1,3}(?=[\s\u3000]))/u;

export interface Written { span: Span; text: string }

/**
 * Where each numbered section's number is written, and how: read from the visible text of its
 * opening line. Not kept: a 10 MB set has some 80,000 numbered sections, and a check asks once.
 */
export function numbersOf(doc: DocumentFacts): Map<number, Written> {
  const out = new Map<number, Written>();
  const prose = doc.prose.filter((p) => p.text.length);
  const starts = prose.map((p) => p.offset(0));
  for (const s of doc.sections) {
    if (s.label === undefined) continue;
    const h = s.headingSpan;
    // The last block that starts at or before the opening line.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= h.start) lo = mid; else hi = mid - 1;
    }
    for (let k = lo; k < lo + 3 && k < prose.length; k++) {
      const p = prose[k];
      if (p.offset(0) >= h.end || p.offset(p.text.length) <= h.start) continue;
      // The first character at or after the opening line's start (offsets grow along the text).
      let i = 0;
      let hi = p.text.length;
      while (i < hi) {
        const mid = (i + hi) >> 1;
        if (p.offset(mid) < h.start) i = mid + 1; else hi = mid;
      }
      // A caption （目的） stands before an article's number, in the same block or one of its own.
      const caption = /^[（(][^（）()]{1,30}[)）]\s*/u.exec(p.text.slice(i, i + 40));
      if (caption && s.style === 'article') {
        if (i + caption[0].length >= p.text.length) continue;
        if (p.text[i + caption[0].length] === '第') i += caption[0].length;
      }
      while (i < p.text.length && isLead(p.text.charCodeAt(i))) i++;
      const m = TOKEN.exec(p.text.slice(i, i + 30));
      if (m) out.set(s.index, { span: { start: p.offset(i), end: p.offset(i + m[0].length - 1) + 1 }, text: m[0] });
      break;
    }
  }
  return out;
}


/** White space, or the # > * - of Markdown, before a number: tested by code, not a string per character. */
function isLead(c: number): boolean {
  return isSpace(c) || c === 0x23 || c === 0x3e || c === 0x2a || c === 0x2d;
}

/**
 * The text written at a span of the document, read back from its visible text; undefined where
 * the span is not visible text character for character (front matter, an escape inside it).
 */
export function writtenAt(doc: DocumentFacts, span: Span): string | undefined {
  const prose = doc.prose;
  let lo = 0;
  let hi = prose.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (!prose[mid].text.length || prose[mid].offset(0) <= span.start) { at = mid; lo = mid + 1; } else hi = mid - 1;
  }
  for (let k = Math.max(0, at - 1); k <= at + 1 && k < prose.length; k++) {
    const p = prose[k];
    if (!p.text.length) continue;
    let i = 0;
    let j = p.text.length;
    while (i < j) {
      const mid = (i + j) >> 1;
      if (p.offset(mid) < span.start) i = mid + 1; else j = mid;
    }
    const n = span.end - span.start;
    if (i + n > p.text.length || p.offset(i) !== span.start) continue;
    let exact = true;
    for (let c = 1; c < n && exact; c++) exact = p.offset(i + c) === span.start + c;
    if (exact) return p.text.slice(i, i + n);
  }
  return undefined;
}
