// term/variant: a spelling variant of a defined term (ﾈｯﾄﾜｰｸ, セキュリティー, 強靱/強靭, 取り扱い);
// the quick fix writes the defined form, and one fix mends the whole set at once.

import type { Finding, FixData } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import type { TermUse, TermUses } from '../../terms/uses';
import { usesIn } from '../../terms/termIndex';
import type { DocumentFacts } from '../../facts';
import { checkedDocuments, finding, type CheckContext } from '../context';
import { definitionRelated } from './shared';

/** Beyond this many variants, the fix-all edit is left out: it would repeat in every diagnostic. */
const FIX_ALL_LIMIT = 500;

/** A document's variant uses, per allow list: the fix-all counts every document's on each run. */
const variantsMemo = new WeakMap<TermUses, { allow: string; variants: TermUse[] }>();

function variantsIn(uses: TermUses, allow: Set<string>, allowKey: string): TermUse[] {
  const memo = variantsMemo.get(uses);
  if (memo && memo.allow === allowKey) return memo.variants;
  const variants = uses.select(['variant'], (term) => !allow.has(term)).filter((u) => !allow.has(u.written));
  variantsMemo.set(uses, { allow: allowKey, variants });
  return variants;
}

/**
 * A document's part of the fix-all edit, kept with its variants: a keystroke makes the fix-all
 * again, and every other document's part is as it was (their uses and facts are the same objects).
 */
const editsMemo = new WeakMap<TermUse[], { doc: DocumentFacts; edits: FileEdits }>();
type FileEdits = FixData['edits'][number];

function editsOf(doc: DocumentFacts, variants: TermUse[]): FileEdits {
  const memo = editsMemo.get(variants);
  if (memo?.doc === doc) return memo.edits;
  const edits = { uri: doc.uri, edits: variants.map((u) => ({ range: doc.lines.range(u.span), newText: u.term })) };
  editsMemo.set(variants, { doc, edits });
  return edits;
}

export function checkVariants(index: TraceIndex, ctx: CheckContext): Finding[] {
  const allow = new Set(ctx.allow ?? []);
  const allowKey = (ctx.allow ?? []).join('\n');
  const perDoc: [DocumentFacts, TermUse[]][] = [];
  let total = 0;
  for (const [doc, uses] of index.terms.uses) {
    const variants = variantsIn(uses, allow, allowKey);
    if (!variants.length) continue;
    perDoc.push([doc, variants]);
    total += variants.length;
  }
  const fixAll: FixData | undefined = total > 1 && total <= FIX_ALL_LIMIT ? {
    title: ctx.msg('fixAllVariants', total),
    edits: perDoc.map(([doc, variants]) => editsOf(doc, variants)),
    all: true,
  } : undefined;
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    for (const u of variantsIn(usesIn(index.terms, doc), allow, allowKey)) {
      const one: FixData = { title: ctx.msg('fixReplaceReference', u.term), edits: [{ uri: doc.uri, edits: [{ range: doc.lines.range(u.span), newText: u.term }] }] };
      out.push(finding('term/variant', doc, u.span, ctx.msg('termVariant', u.written, u.term), definitionRelated(u.entry, ctx), fixAll ? [one, fixAll] : [one]));
    }
  }
  return out;
}
