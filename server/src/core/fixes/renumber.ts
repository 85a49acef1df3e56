// The fix of a numbering finding: number a run of sibling sections one after another again (items
// from one, articles from the first one's number) and rewrite every reference to a renumbered
// section or anything inside it, in all three tiers, as one edit. Offered only when every number
// and every reference can be rewritten with certainty: a reference whose numbers do not line up
// with its target's (written in some other way) withholds the fix rather than be left pointing at
// the wrong item.

import type { FixData, TextEdit } from '../types';
import type { DocumentFacts } from '../facts';
import type { Section } from '../parse/structure';
import { kanjiNumber, NUMERAL, parseNumber } from '../parse/numbering';
import { crossReferences, ownNumber } from '../index/crossReferences';
import { numbersOf, writtenAt, type Written } from '../index/sectionNumbers';
import type { ResolvedReference, TraceIndex } from '../index/traceIndex';
import type { Messages } from '../messages';

const RUN = new RegExp(NUMERAL, 'gu');
/** A number written in the form of `like`: half-width, full-width or kanji digits. */
function write(n: number, like: string): string {
  if (/^[0-9]+$/.test(like)) return String(n);
  if (/^[０-９]+$/u.test(like)) return String(n).replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return kanjiNumber(n);
}

function runsOf(text: string): { value: number; from: number; to: number; text: string }[] {
  return [...text.matchAll(RUN)].map((m) => ({
    value: parseNumber(m[0]), from: m.index, to: m.index + m[0].length, text: m[0],
  }));
}

/** The numbers of a section's path from the top, each numbered level's values in order (5.3(5) → 5, 3, 5). */
function pathOf(sections: Section[], i: number): { section: number; value: number }[] {
  const out: { section: number; value: number }[] = [];
  for (let x = i; x >= 0; x = sections[x].parent) {
    const s = sections[x];
    if (s.label === undefined) continue;
    const values = runsOf(s.label).map((r) => r.value);
    for (let k = values.length - 1; k >= 0; k--) out.unshift({ section: x, value: values[k] });
  }
  return out;
}

/**
 * The edit of one written reference to section `target` when the sections in `renumbered` take
 * new numbers: its numbers lined up from the end with the target's path. Undefined when they do
 * not line up; null when none of its numbers changes.
 */
function rewrite(text: string, sections: Section[], target: number, renumbered: Map<number, number>): string | null | undefined {
  const runs = runsOf(text);
  const path = pathOf(sections, target);
  if (!runs.length || runs.length > path.length) return undefined;
  let out = text;
  let changed = false;
  // From the end, so earlier offsets stay valid.
  for (let k = 1; k <= runs.length; k++) {
    const run = runs[runs.length - k];
    const level = path[path.length - k];
    if (run.value !== level.value) return undefined;
    const to = renumbered.get(level.section);
    // Only the last value of a section's label is its own number (4 of 5.4 is, 5 is its parent's).
    const next = path[path.length - k + 1];
    const own = next === undefined || next.section !== level.section;
    if (to === undefined || !own || to === run.value) continue;
    out = out.slice(0, run.from) + write(to, run.text) + out.slice(run.to);
    changed = true;
  }
  return changed ? out : null;
}

const into = new WeakMap<TraceIndex, Map<DocumentFacts, ResolvedReference[]>>();

/** The trace references of a set that reach into a document, gathered in one pass per set index. */
function referencesInto(index: TraceIndex, doc: DocumentFacts): ResolvedReference[] {
  let byDoc = into.get(index);
  if (!byDoc) {
    byDoc = new Map();
    for (const r of index.references) {
      for (const d of new Set(r.targets.map((t) => t.doc))) {
        const list = byDoc.get(d);
        if (list) list.push(r); else byDoc.set(d, [r]);
      }
    }
    into.set(index, byDoc);
  }
  return byDoc.get(doc) ?? [];
}

function inside(sections: Section[], i: number, set: Map<number, number>): boolean {
  for (let x = i; x >= 0; x = sections[x].parent) if (set.has(x)) return true;
  return false;
}

/** The fix for a run of siblings numbered out of sequence (`group`, in text order), or undefined. */
export function renumberFix(index: TraceIndex, doc: DocumentFacts, group: Section[], msg: Messages, written: Map<number, Written> = numbersOf(doc)): FixData | undefined {
  if (group.some((s) => s.label === undefined || /の/.test(s.label))) return undefined;
  const start = group[0].style === 'article' ? ownNumber(group[0]) ?? 1 : 1;
  const renumbered = new Map<number, number>();
  group.forEach((s, k) => { if (ownNumber(s) !== start + k) renumbered.set(s.index, start + k); });
  if (!renumbered.size) return undefined;
  const edits = new Map<DocumentFacts, TextEdit[]>();
  const add = (d: DocumentFacts, from: number, to: number, newText: string): void => {
    const list = edits.get(d) ?? [];
    list.push({ range: d.lines.range({ start: from, end: to }), newText });
    edits.set(d, list);
  };
  for (const [section, to] of renumbered) {
    const w = written.get(section);
    if (!w) return undefined;
    const runs = runsOf(w.text);
    const own = runs[runs.length - 1];
    // ①, ア: no digits to write again.
    if (!own) return undefined;
    add(doc, w.span.start + own.from, w.span.start + own.to, write(to, own.text));
  }
  const { sections } = doc;
  for (const r of crossReferences(doc)) {
    const affected = r.targets.filter((t) => inside(sections, t, renumbered));
    if (!affected.length) continue;
    // 前条, 前項 and 同項 name their target by place, which renumbering keeps.
    if (!/[0-9０-９〇一二三四五六七八九十百]/u.test(r.written) || /^(?:前|次|同)/u.test(r.written)) continue;
    if (affected.length > 1) return undefined;
    const text = rewrite(r.written, sections, affected[0], renumbered);
    if (text === undefined) return undefined;
    if (text !== null) add(doc, r.span.start, r.span.end, text);
  }
  for (const r of referencesInto(index, doc)) {
    const affected = r.targets.filter((t) => t.doc === doc && t.section >= 0 && inside(sections, t.section, renumbered));
    if (!affected.length || r.ref.by !== 'id') continue;
    if (affected.length > 1) return undefined;
    const span = r.ref.targetSpan;
    // As written where it can be read back; else as read (front matter: digits folded to half width).
    const text = rewrite(writtenAt(r.doc, span) ?? r.ref.target, sections, affected[0].section, renumbered);
    if (text === undefined) return undefined;
    if (text !== null) add(r.doc, span.start, span.end, text);
  }
  return {
    title: msg('fixRenumber', group[0].label ?? '', String(renumbered.size)),
    edits: [...edits].map(([d, list]) => ({ uri: d.uri, edits: list })),
  };
}
