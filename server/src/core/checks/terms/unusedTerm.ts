// term/unused: a defined term used nowhere in the whole set (uses in other tiers count, and a use
// of an alias is a use of its term).

import type { Finding } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import type { TermUses } from '../../terms/uses';
import type { DocumentFacts } from '../../facts';
import { sameItems } from '../../sameItems';
import { finding, type CheckContext } from '../context';

/** The entry keys a document's uses count for; an edit recounts one document, not the set. */
const usedMemo = new WeakMap<TermUses, Set<string>>();

function usedIn(uses: TermUses): Set<string> {
  let used = usedMemo.get(uses);
  if (!used) {
    used = new Set([...uses.entries(['exact', 'variant', 'longForm'])].map((e) => e.key));
    usedMemo.set(uses, used);
  }
  return used;
}

export function checkUnusedTerms(index: TraceIndex, ctx: CheckContext): Finding[] {
  const allow = new Set(ctx.allow ?? []);
  const entries = index.terms.glossary.entries.filter((e) => !allow.has(e.term) && (!ctx.only || e.definitions.some((d) => d.doc === ctx.only)));
  if (!entries.length) return [];
  const used = isUsed(index, ctx.only);
  const out: Finding[] = [];
  for (const entry of entries) {
    if (used(entry.key)) continue;
    for (const d of entry.definitions) {
      if (ctx.only && d.doc !== ctx.only) continue;
      // An alias written with its name (マイナンバー利用事務系（個人番号利用事務系）) is reported with it.
      if (d.extent && entry.definitions.some((e) => e !== d && e.doc === d.doc && e.extent?.start === d.extent!.start && e.extent.end === d.extent!.end && e.span.start < d.span.start)) continue;
      out.push({ ...finding('term/unused', d.doc, d.span, ctx.msg('termUnused', entry.term)), tags: ['unnecessary'] });
    }
  }
  return out;
}

/**
 * The keys the other documents of the set use, for one document's findings (a keystroke), kept
 * in the index's memos with the uses they were gathered from: typing in one document leaves the
 * others' uses as they were, and gathering them again from a 500-file set, or looking each term
 * up in every document, took 0.3-0.45 ms a keystroke.
 */
interface Last { others: TermUses[]; used: Set<string> }

const MEMO = 'term/unused';

function isUsed(index: TraceIndex, only: DocumentFacts | undefined): (key: string) => boolean {
  if (!only) return union([...index.terms.uses.values()]);
  const others: TermUses[] = [];
  for (const [doc, uses] of index.terms.uses) if (doc !== only) others.push(uses);
  const last = index.memos.get(MEMO) as Last | undefined;
  // Each keystroke makes new facts for the document typed in; the others stay the same objects.
  const used = last && sameItems(last.others, others) ? last.used : new Set<string>();
  if (used !== last?.used) {
    for (const uses of others) for (const key of usedIn(uses)) used.add(key);
    index.memos.set(MEMO, { others, used } satisfies Last);
  }
  const own = index.terms.uses.get(only);
  return (key) => used.has(key) || (own !== undefined && usedIn(own).has(key));
}

function union(all: TermUses[]): (key: string) => boolean {
  const used = new Set<string>();
  for (const uses of all) for (const key of usedIn(uses)) used.add(key);
  return (key) => used.has(key);
}
