// term/long-form: the long form of an abbreviation written out after the abbreviation was
// defined in the same document; the quick fix writes the short form. A long form that is a
// defined term of its own (情報セキュリティポリシー, abbreviated セキュリティポリシー) counts too,
// its definition item included. Not inside a proper name (大田市立病院情報セキュリティポリシー keeps
// 大田市立病院 although 当院 is defined), not on the line that defines the abbreviation, and not on
// the document's furniture (captions, 目次).

import type { Finding, Span } from '../../types';
import type { TraceIndex } from '../../index/traceIndex';
import type { DocumentFacts } from '../../facts';
import type { GlossaryEntry, PlacedDefinition } from '../../terms/glossary';
import { variantKey } from '../../terms/variantFold';
import { checkedDocuments, finding, type CheckContext } from '../context';
import { usesIn } from '../../terms/termIndex';
import { lineOf } from './shared';

/** A long form written in a document: where, as what, and the abbreviation it stands for. */
interface Written { span: Span; written: string; abbreviation: GlossaryEntry; longKey: string | undefined }

export function checkLongForms(index: TraceIndex, ctx: CheckContext): Finding[] {
  const { glossary } = index.terms;
  // Long forms that are defined terms themselves: their entry's key → the abbreviations of them.
  const abbreviationsOf = new Map<string, GlossaryEntry[]>();
  for (const entry of glossary.entries) {
    for (const d of entry.definitions) {
      if (d.kind !== 'inline' || !d.longForm) continue;
      const long = glossary.byKey.get(variantKey(d.longForm));
      if (!long || long === entry) continue;
      const list = abbreviationsOf.get(long.key) ?? [];
      if (!list.includes(entry)) list.push(entry);
      abbreviationsOf.set(long.key, list);
    }
  }
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    const written: Written[] = [];
    const uses = usesIn(index.terms, doc);
    for (const u of uses.select(['longForm'])) {
      if (u.entry && !u.properName && !u.furniture) written.push({ span: u.span, written: u.written, abbreviation: u.entry, longKey: undefined });
    }
    if (abbreviationsOf.size) {
      for (const u of uses.select(['exact', 'variant'], (_, e) => !!e && abbreviationsOf.has(e.key))) {
        if (u.properName || u.furniture) continue;
        for (const a of abbreviationsOf.get(u.entry!.key)!) written.push({ span: u.span, written: u.written, abbreviation: a, longKey: u.entry!.key });
      }
    }
    // A definition item of the long form, after the abbreviation: the text would define the short form.
    for (const d of doc.definitions) {
      if (d.kind === 'inline' || d.kind === 'scope') continue;
      const entry = glossary.byKey.get(variantKey(d.term));
      for (const a of entry ? abbreviationsOf.get(entry.key) ?? [] : []) written.push({ span: d.span, written: d.term, abbreviation: a, longKey: entry!.key });
    }
    for (const w of written.sort((a, b) => a.span.start - b.span.start)) {
      const defs = w.abbreviation.definitions.filter((d) => d.doc === doc && d.longForm && (!w.longKey || variantKey(d.longForm) === w.longKey));
      const def = defs.find((d) => (d.extent ?? d.span).end <= w.span.start);
      if (!def || defs.some((d) => lineOf(doc, d.extent ?? d.span) === lineOf(doc, w.span))) continue;
      out.push(longFormFinding(doc, w, def, ctx));
    }
  }
  return out;
}

function longFormFinding(doc: DocumentFacts, w: Written, def: PlacedDefinition, ctx: CheckContext): Finding {
  const term = w.abbreviation.term;
  const fix = { title: ctx.msg('fixReplaceReference', term), edits: [{ uri: doc.uri, edits: [{ range: doc.lines.range(w.span), newText: term }] }] };
  return finding('term/long-form', doc, w.span, ctx.msg('termLongForm', w.written, term),
    [{ uri: doc.uri, range: doc.lines.range(def.span), message: ctx.msg('relatedDefinition', term) }], [fix]);
}
