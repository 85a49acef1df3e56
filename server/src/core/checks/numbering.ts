// structure/numbering: a number out of sequence among its siblings — a gap ((1)(2)(4)), a duplicate
// (第3条 twice), one out of order, a list of items that does not start at one — and numbers of one
// level written in mixed forms (（１） beside (2), 第三条 beside 第4条). Articles are numbered through
// the whole document, everything else within the section above it. 第9条の2 after 第9条 is an
// inserted article, not a gap. A standards document split into files starts its chapters and
// articles where the file before left off, so only item lists are held to start at one.

import type { Finding, FixData, Span } from '../types';
import type { DocumentFacts } from '../facts';
import type { TraceIndex } from '../index/traceIndex';
import type { Section } from '../parse/structure';
import { ownNumber } from '../index/crossReferences';
import { circledChar, IROHA, ITEM_STYLES, kanjiNumber } from '../parse/numbering';
import { numbersOf, type Written } from '../index/sectionNumbers';
import { checkedDocuments, finding, finding as findingOf, type CheckContext } from './context';
import { renumberFix } from '../fixes/renumber';

/** The styles whose numbers have a written form worth comparing (digits or kanji, brackets). */
const FORM_STYLES = new Set(['article', 'chapter', 'section', 'subsection', 'part', 'dai', 'paren', 'closeParen', 'arabic']);

export function checkNumbering(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    const groups = new Map<string, Section[]>();
    const written = numbersOf(doc);
    for (const s of doc.sections) {
      if (s.label === undefined || s.style === 'heading' || s.style === 'roman') continue;
      // A Markdown ordered list's numbers are the renderer's (each nested list starts again at
      // 1, and 1. 1. 1. shows as 1, 2, 3): only numbers written in the text are the author's.
      if (!written.has(s.index)) continue;
      const key = s.style === 'article' ? 'article' : `${s.parent}|${s.style}`;
      let g = groups.get(key);
      if (!g) groups.set(key, g = []);
      g.push(s);
    }
    const at = (s: Section): Span => written.get(s.index)?.span ?? s.headingSpan;
    for (const group of groups.values()) {
      for (const f of sequence(index, doc, group, at, written, ctx)) out.push(f);
      for (const f of mixedForms(doc, group, written, at, ctx)) out.push(f);
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function branchOf(s: Section): number {
  const m = /の([0-9]+|[〇一二三四五六七八九十百]+)$/u.exec(s.label ?? '');
  return m ? Number(m[1]) || 1 : 0;
}

function sequence(index: TraceIndex, doc: DocumentFacts, group: Section[], at: (s: Section) => Span, written: Map<number, Written>, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  // Made once per run of siblings, and only when one of them is out of sequence.
  let fix: FixData | undefined | null = null;
  const fixes = (): FixData[] => {
    if (ctx.fixes === false) return [];
    if (fix === null) fix = renumberFix(index, doc, group, ctx.msg, written);
    return fix ? [fix] : [];
  };
  const finding = (d: DocumentFacts, span: Span, message: string): Finding => findingOf('structure/numbering', d, span, message, [], fixes());
  const first = group[0];
  const firstNo = ownNumber(first);
  if (ITEM_STYLES.has(first.style) && firstNo !== undefined && firstNo !== 1) {
    out.push(finding(doc, at(first), ctx.msg('numberingStart', first.label ?? '', labelFor(first, 1))));
  }
  for (let k = 1; k < group.length; k++) {
    const prev = group[k - 1];
    const cur = group[k];
    const p = ownNumber(prev);
    const c = ownNumber(cur);
    if (p === undefined || c === undefined) continue;
    const pb = branchOf(prev);
    const cb = branchOf(cur);
    if (c === p && cb === pb) out.push(finding(doc, at(cur), ctx.msg('numberingDuplicate', cur.label ?? '')));
    else if (c < p || (c === p && cb < pb)) out.push(finding(doc, at(cur), ctx.msg('numberingOrder', cur.label ?? '', prev.label ?? '')));
    else if (c > p + 1 || (c === p + 1 && cb > 0)) {
      out.push(finding(doc, at(cur), ctx.msg(cur.style === 'article' ? 'numberingGapArticle' : 'numberingGap', cur.label ?? '', labelFor(cur, p + 1), prev.label ?? '')));
    }
  }
  return out;
}

/** A label of the same style with another number: (3) for (4), 第5条 for 第7条. */
function labelFor(s: Section, n: number): string {
  const label = s.label ?? '';
  if (s.style === 'circled') return circledChar(n);
  if (s.style === 'katakana' || s.style === 'katakanaParen') return label.replace(/[ア-ン]/u, IROHA[n - 1] ?? '');
  if (s.style === 'kanji') return kanjiNumber(n);
  return label.replace(/(?:[0-9]+|[〇一二三四五六七八九十百]+)(?=\D*$)/u, String(n)).replace(/の[0-9]+$/u, '');
}

function mixedForms(doc: DocumentFacts, group: Section[], written: Map<number, Written>, at: (s: Section) => Span, ctx: CheckContext): Finding[] {
  if (!FORM_STYLES.has(group[0].style) || group.length < 2) return [];
  const forms = new Map<number, string>();
  for (const s of group) {
    const w = written.get(s.index);
    if (w) forms.set(s.index, formOf(w.text));
  }
  const counts = new Map<string, number>();
  for (const f of forms.values()) counts.set(f, (counts.get(f) ?? 0) + 1);
  if (counts.size < 2) return [];
  // The form most of the level is written in is the rule; the first one seen breaks a tie.
  const usual = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const example = group.find((s) => forms.get(s.index) === usual);
  const out: Finding[] = [];
  for (const s of group) {
    const f = forms.get(s.index);
    if (f && f !== usual) out.push(finding('structure/numbering', doc, at(s), ctx.msg('numberingForm', written.get(s.index)?.text ?? s.label ?? '', example ? written.get(example.index)?.text ?? '' : '')));
  }
  return out;
}

/** Digits half-width, full-width or kanji, brackets half- or full-width: the written form of a number. */
function formOf(w: string): string {
  const digits = /[０-９]/u.test(w) ? 0 : /[0-9]/.test(w) ? 1 : /[〇一二三四五六七八九十百]/u.test(w) ? 2 : 3;
  const bracket = /[（）．]/u.test(w) ? 0 : /[().]/.test(w) ? 1 : 2;
  return FORMS[digits * 3 + bracket];
}

/** The forms formOf names, made once: it is asked of every numbered section at each keystroke. */
const FORMS = ['full', 'half', 'kanji', ''].flatMap((digits) => ['full', 'half', ''].map((bracket) => `${digits}/${bracket}`));
