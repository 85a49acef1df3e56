// Editor features on defined terms (position → answer): definition, hover, references,
// highlights, rename, completion and semantic tokens, over the set's glossary and term uses.

import type { DocumentFacts } from '../facts';
import type { MessageId, Messages } from '../messages';
import type { Location, Position, Range, Span, TextEdit, Tier } from '../types';
import { TIERS } from '../types';
import type { TraceIndex } from '../index/traceIndex';
import type { GlossaryEntry, PlacedDefinition } from '../terms/glossary';
import type { TermUse, UseKind } from '../terms/uses';
import { usesIn } from '../terms/termIndex';
import { variantKey } from '../terms/variantFold';
import type { Prose } from '../text/prose';
import type { HoverResult } from './hover';
import { escapeMarkdown } from './links';

/** A place where a defined term is written: its definition, or a use of it. */
export interface TermOccurrence {
  entry: GlossaryEntry;
  doc: DocumentFacts;
  span: Span;
  kind: 'definition' | Exclude<UseKind, 'vocabulary'>;
}

export type HighlightKind = 'read' | 'write';
export interface TermHighlight { range: Range; kind: HighlightKind }

export interface RenameEdits { edits: { uri: string; edits: TextEdit[] }[] }
export interface RenameRefusal { error: MessageId; args: string[] }

export interface TermCompletion {
  label: string;
  /** Where the defined term is written: tier and document. */
  detail: string;
  /** The definition text(s). */
  documentation: string;
  /** What the item replaces: the part of the term already typed before the cursor. */
  range: Range;
}

export type SemanticTokenType = 'definition' | 'use' | 'variant';
export interface TermToken { range: Range; type: SemanticTokenType }

/** The defined term under the cursor, at a use (exact, variant or long form) or a definition. */
export function termAt(index: TraceIndex, doc: DocumentFacts, offset: number): GlossaryEntry | undefined {
  return termOccurrenceAt(index, doc, offset)?.entry;
}

/** The occurrence under the cursor; one that holds the offset wins over one that ends there. */
export function termOccurrenceAt(index: TraceIndex, doc: DocumentFacts, offset: number): TermOccurrence | undefined {
  const all = occurrencesIn(index, doc);
  return all.find((o) => offset >= o.span.start && offset < o.span.end)
    ?? all.find((o) => offset === o.span.end);
}

export function termDefinition(index: TraceIndex, doc: DocumentFacts, offset: number): Location[] {
  const entry = termAt(index, doc, offset);
  return entry ? entry.definitions.map(definitionLocation) : [];
}

/** The definitions of the term, its uses per tier, and how many of them are variant spellings. */
export function termHover(index: TraceIndex, doc: DocumentFacts, offset: number, msg: Messages): HoverResult | undefined {
  const at = termOccurrenceAt(index, doc, offset);
  if (!at) return undefined;
  const { entry } = at;
  const perTier = new Map<Tier, number>(TIERS.map((t) => [t, 0]));
  let variants = 0;
  for (const use of usesOf(index, entry)) {
    if (use.doc.tier) perTier.set(use.doc.tier, perTier.get(use.doc.tier)! + 1);
    if (use.kind === 'variant') variants++;
  }
  const counts = [...TIERS.map((t) => msg('termHoverUses', msg(`tier_${t}`), perTier.get(t)!)), msg('termHoverVariants', variants)].join(' · ');
  const lines = [`**${escapeMarkdown(msg('termHoverTitle', entry.term))}** — ${counts}`, ''];
  for (const d of entry.definitions) {
    const line = d.doc.lines.position(d.span.start).line + 1;
    const where = `[${escapeMarkdown(msg('termHoverDefinedIn', tierLabel(d.doc, msg), documentName(d.doc), line))}](${d.doc.uri}#L${line})`;
    const meaning = meaningOf(d, msg);
    lines.push(`- ${meaning ? `${escapeMarkdown(meaning)} — ` : ''}${where}`);
  }
  return { markdown: lines.join('\n'), range: at.doc.lines.range(at.span) };
}

/** Every use of the term in the set (variants and long forms included), definitions first if asked. */
export function termReferences(index: TraceIndex, doc: DocumentFacts, offset: number, includeDeclaration: boolean): Location[] {
  const entry = termAt(index, doc, offset);
  if (!entry) return [];
  const uses = usesOf(index, entry).map((u) => ({ uri: u.doc.uri, range: u.doc.lines.range(u.span) }));
  return includeDeclaration ? [...entry.definitions.map(definitionLocation), ...uses] : uses;
}

/** The term's definitions (written) and uses (read) in this document, in order. */
export function termHighlights(index: TraceIndex, doc: DocumentFacts, offset: number): TermHighlight[] {
  const entry = termAt(index, doc, offset);
  if (!entry) return [];
  return occurrencesIn(index, doc)
    .filter((o) => o.entry === entry)
    .map((o) => ({ range: doc.lines.range(o.span), kind: o.kind === 'definition' ? 'write' as const : 'read' as const }));
}

/** What a rename starts from: the occurrence's range, and the defined form as the placeholder. */
export function prepareTermRename(index: TraceIndex, doc: DocumentFacts, offset: number): { range: Range; placeholder: string } | undefined {
  const at = termOccurrenceAt(index, doc, offset);
  return at && { range: doc.lines.range(at.span), placeholder: at.entry.term };
}

/**
 * Renames a defined term at every definition and every use that spells it, exactly or as a variant.
 * A long form is another wording, not the term, so it stays. A term written across markup or a
 * line break keeps them: the new name goes where the term's first piece was.
 */
export function renameTerm(index: TraceIndex, doc: DocumentFacts, offset: number, newName: string): RenameEdits | RenameRefusal {
  const entry = termAt(index, doc, offset);
  if (!entry) return { error: 'termRenameNoTerm', args: [] };
  const key = variantKey(newName);
  if (!newName.trim() || !key) return { error: 'termRenameEmpty', args: [] };
  if (!isSafeName(newName)) return { error: 'termRenameInvalid', args: [] };
  const other = index.terms.glossary.entries.find((e) => e !== entry && e.key === key);
  if (other) return { error: 'termRenameCollision', args: [newName, other.term] };

  const byDoc = new Map<DocumentFacts, Span[]>();
  const add = (d: DocumentFacts, span: Span): void => {
    const list = byDoc.get(d);
    if (list) list.push(span); else byDoc.set(d, [span]);
  };
  // An alias (個人番号利用事務系 for マイナンバー利用事務系) is another name, not a spelling: it stays.
  const aliases = new Set(entry.definitions.map((d) => variantKey(d.term)).filter((k) => k !== entry.key));
  for (const d of entry.definitions) if (!aliases.has(variantKey(d.term))) add(d.doc, d.span);
  for (const u of usesOf(index, entry)) if (u.kind !== 'longForm' && !aliases.has(variantKey(u.written))) add(u.doc, u.span);
  const edits: RenameEdits['edits'] = [];
  for (const d of index.documents) {
    const spans = byDoc.get(d);
    if (!spans) continue;
    spans.sort((a, b) => a.start - b.start);
    edits.push({ uri: d.uri, edits: spans.flatMap((s) => replaceVisible(d, s, newName)) });
  }
  return { edits };
}

/**
 * A name written into every document must not change what the documents say around it: no
 * Markdown or HTML syntax (`<!--` would hide the rest of a file, `|` splits a table cell), no
 * brackets of a definition, no line break, control or invisible character (zero-width space,
 * BOM, bidirectional marks), no lone surrogate (it cannot be saved as UTF-8), no space at its ends.
 */
function isSafeName(name: string): boolean {
  if (name !== name.trim()) return false;
  if (/[「」<>`|[\]\\*_~]/u.test(name)) return false;
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name)) return false;
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u.test(name);
}

export function isRenameRefusal(r: RenameEdits | RenameRefusal): r is RenameRefusal {
  return 'error' in r;
}

/**
 * Every defined term of the set (the model vocabulary the set does not define is not offered).
 * Japanese has no spaces, so an editor's idea of the word before the cursor is the whole run of
 * text; each item says itself which part it replaces: the longest end of the line that starts it.
 */
export function termCompletions(index: TraceIndex, position: Position, linePrefix: string, msg: Messages): TermCompletion[] {
  return index.terms.glossary.entries.map((entry) => {
    let typed = Math.min(entry.term.length, linePrefix.length);
    while (typed > 0 && !entry.term.startsWith(linePrefix.slice(linePrefix.length - typed))) typed--;
    const places = unique(entry.definitions.map((d) => msg('termDefinedIn', tierLabel(d.doc, msg), documentName(d.doc))));
    const meanings = unique(entry.definitions.map((d) => meaningOf(d, msg)).filter(Boolean));
    return {
      label: entry.term,
      detail: places.join(msg('listSeparator')),
      documentation: meanings.join('\n\n'),
      range: { start: { line: position.line, character: position.character - typed }, end: position },
    };
  });
}

/** Definitions, uses and variants of a document, one token per line and per visible piece, in order. */
export function termSemanticTokens(index: TraceIndex, doc: DocumentFacts): TermToken[] {
  const out: TermToken[] = [];
  for (const o of occurrencesIn(index, doc)) {
    const type: SemanticTokenType = o.kind === 'definition' ? 'definition' : o.kind === 'variant' ? 'variant' : 'use';
    for (const piece of visiblePieces(doc, o.span)) {
      const range = doc.lines.range(piece);
      for (let line = range.start.line; line <= range.end.line; line++) {
        const start = line === range.start.line ? piece.start : doc.lines.lineStarts[line];
        const end = line === range.end.line ? piece.end : lineEnd(doc, line);
        if (end > start) out.push({ range: doc.lines.range({ start, end }), type });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

interface PlacedUse { doc: DocumentFacts; span: Span; kind: UseKind; written: string }

/** Definitions and uses of defined terms in one document, by position. */
function occurrencesIn(index: TraceIndex, doc: DocumentFacts): TermOccurrence[] {
  const out: TermOccurrence[] = [];
  for (const entry of index.terms.glossary.entries) {
    for (const d of entry.definitions) if (d.doc === doc) out.push({ entry, doc, span: d.span, kind: 'definition' });
  }
  for (const u of definedUsesIn(index, doc)) out.push({ entry: u.entry, doc, span: u.span, kind: u.kind });
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The term's uses in every document of the set, in document order. */
function usesOf(index: TraceIndex, entry: GlossaryEntry): PlacedUse[] {
  return index.documents.flatMap((doc) => definedUsesIn(index, doc, entry).map((u) => ({ doc, span: u.span, kind: u.kind, written: u.written })));
}

type DefinedUse = TermUse & { entry: GlossaryEntry; kind: Exclude<UseKind, 'vocabulary'> };
const DEFINED_KINDS: readonly UseKind[] = ['exact', 'variant', 'longForm'];

/** Uses of defined terms in a document (the model vocabulary is no defined term), or of one term. */
function definedUsesIn(index: TraceIndex, doc: DocumentFacts, only?: GlossaryEntry): DefinedUse[] {
  return usesIn(index.terms, doc).select(DEFINED_KINDS, (_, entry) => entry !== undefined && (!only || entry === only)) as DefinedUse[];
}

function definitionLocation(d: PlacedDefinition): Location {
  return { uri: d.doc.uri, range: d.doc.lines.range(d.span) };
}

function meaningOf(d: PlacedDefinition, msg: Messages): string {
  return d.kind === 'inline' ? (d.longForm ? msg('termHoverAbbreviation', d.longForm) : '') : d.text;
}

function tierLabel(doc: DocumentFacts, msg: Messages): string {
  return doc.tier ? msg(`tier_${doc.tier}`) : '';
}

function documentName(doc: DocumentFacts): string {
  return doc.title || doc.path;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** Offset where a line's text ends, before its line break. */
function lineEnd(doc: DocumentFacts, line: number): number {
  const next = line + 1 < doc.lines.lineStarts.length ? doc.lines.lineStarts[line + 1] : doc.lines.length;
  return line + 1 < doc.lines.lineStarts.length ? next - (doc.eol === '\r\n' ? 2 : 1) : next;
}

/** Edits that put `text` where the span's first visible piece is and delete the others. */
function replaceVisible(doc: DocumentFacts, span: Span, text: string): TextEdit[] {
  return visiblePieces(doc, span).map((piece, i) => ({ range: doc.lines.range(piece), newText: i === 0 ? text : '' }));
}

/**
 * The pieces of a span that hold visible text, without the markup or line breaks between them
 * (情報**セキュリティ → 情報, セキュリティ). A span outside any prose is one piece.
 */
function visiblePieces(doc: DocumentFacts, span: Span): Span[] {
  const prose = proseAt(doc, span.start);
  if (!prose) return [span];
  const pieces: Span[] = [];
  const runs = prose.runs;
  for (let j = 0; j < runs.length; j += 2) {
    const length = (j + 2 < runs.length ? runs[j + 2] : prose.text.length) - runs[j];
    const start = Math.max(runs[j + 1], span.start);
    const end = Math.min(runs[j + 1] + length, span.end);
    if (end <= start) continue;
    const last = pieces[pieces.length - 1];
    if (last && last.end === start) last.end = end; else pieces.push({ start, end });
  }
  return pieces.length ? pieces : [span];
}

const proseBounds = new WeakMap<DocumentFacts, { prose: Prose; start: number; end: number }[]>();

/** The block whose visible text has a character at this source offset. */
function proseAt(doc: DocumentFacts, offset: number): Prose | undefined {
  let bounds = proseBounds.get(doc);
  if (!bounds) {
    bounds = [];
    for (const p of doc.prose) {
      const runs = p.runs;
      if (!runs.length) continue;
      const lastRun = runs.length - 2;
      bounds.push({ prose: p, start: runs[1], end: runs[lastRun + 1] + (p.text.length - runs[lastRun]) });
    }
    proseBounds.set(doc, bounds);
  }
  return bounds.find((b) => offset >= b.start && offset < b.end)?.prose;
}
