// DocumentFacts to and from plain JSON data, so that the CLI can keep them between runs (--cache).
// Pure: the caller reads and writes the file. To keep the file small (a 10 MB policy set has some
// 80,000 sections), spans become [start, end] pairs, and sections and references arrays in a
// fixed field order. The decoder checks every field, because the file may be truncated, edited by
// hand or written by another version: anything unexpected gives undefined, never an exception.

import type { PlainReason } from './parse/markdown';
import type { DocumentFacts, Problem, Reference, SectionReference, TierSource } from './facts';
import { Section } from './parse/structure';
import type { Definition, DefinitionKind } from './terms/definitions';
import type { Suppression } from './parse/suppressions';
import { Prose } from './text/prose';
import { LineIndex } from './text/lineIndex';
import { TIERS, type Span } from './types';

type Json = Record<string, unknown>;

export function encodeFacts(f: DocumentFacts): unknown {
  return {
    uri: f.uri,
    path: f.path,
    tier: f.tier ?? null,
    tierSource: f.tierSource ?? null,
    parts: f.parts.map((p) => [p.section, p.tier]),
    publicity: f.publicity,
    links: f.links.map((l) => [l.target, encodeSpan(l.span)]),
    title: f.title,
    titleSpan: encodeSpan(f.titleSpan),
    furniture: f.furniture.map(encodeSpan),
    sections: f.sections.map(encodeSection),
    references: f.references.map(encodeReference),
    problems: f.problems.map((p) => ({ span: encodeSpan(p.span), message: p.message, args: p.args })),
    definitions: f.definitions.map(encodeDefinition),
    prose: f.prose.map((p) => ({ text: p.text, runs: p.runs, heading: p.heading })),
    suppressions: f.suppressions.map((s) => ({ fromLine: s.fromLine, toLine: s.toLine, codes: s.codes })),
    encoding: f.encoding ?? null,
    plainText: f.plainText ?? [],
    structureOnly: f.structureOnly ?? false,
    unread: f.unread ?? false,
    failed: f.failed ?? null,
    lineStarts: f.lines.lineStarts,
    length: f.lines.length,
    eol: f.eol,
  };
}

export function decodeFacts(x: unknown): DocumentFacts | undefined {
  try {
    const o = obj(x);
    const facts: DocumentFacts = {
      uri: str(o.uri),
      path: str(o.path),
      tier: o.tier === null ? undefined : oneOf(o.tier, TIERS),
      tierSource: o.tierSource === null ? undefined : oneOf(o.tierSource, TIER_SOURCES),
      parts: list(o.parts, (p) => {
        const a = list(p, (x) => x);
        return { section: int(a[0]), tier: oneOf(a[1], TIERS) };
      }),
      publicity: oneOf(o.publicity, ['public', 'private'] as const),
      links: list(o.links, (x) => {
        const a = list(x, (v) => v);
        return { target: str(a[0]), span: span(a[1]) };
      }),
      title: str(o.title),
      titleSpan: span(o.titleSpan),
      furniture: list(o.furniture, span),
      sections: list(o.sections, decodeSection),
      references: list(o.references, decodeReference),
      problems: list(o.problems, decodeProblem),
      definitions: list(o.definitions, decodeDefinition),
      prose: proseList(o.prose),
      suppressions: list(o.suppressions, decodeSuppression),
      ...(o.encoding === null ? {} : { encoding: str(o.encoding) }),
      ...plainReasons(o.plainText),
      ...(bool(o.structureOnly) ? { structureOnly: true as const } : {}),
      ...(bool(o.unread) ? { unread: true as const } : {}),
      ...(o.failed === null ? {} : { failed: str(o.failed) }),
      lines: lineIndex(list(o.lineStarts, int), int(o.length)),
      eol: oneOf(o.eol, ['\n', '\r\n'] as const),
    };
    return facts;
  } catch {
    // INVALID from a reader below, or anything else odd input could provoke: the entry is unusable.
    return undefined;
  }
}

const TIER_SOURCES: readonly TierSource[] = ['config', 'frontMatter', 'title', 'path', 'parts'];
const REFERENCE_KINDS: readonly Reference['kind'][] = ['basis', 'inline', 'frontMatter', 'waiver'];
const DEFINITION_KINDS: readonly DefinitionKind[] = ['item', 'quoted', 'colon', 'table', 'inline', 'scope'];

function encodeSpan(s: Span): [number, number] {
  return [s.start, s.end];
}

// Optional fields keep whether their key was there: the analysis writes some as an own `undefined`
// (`longForm: before || undefined`), which JSON would drop, so it is written as null.
function optional<T>(out: Json, from: object, key: string, encode: (v: T) => unknown): void {
  if (!Object.hasOwn(from, key)) return;
  const value = (from as Record<string, T | undefined>)[key];
  out[key] = value === undefined ? null : encode(value);
}

function encodeSection(s: Section): unknown {
  return [
    s.index, s.parent, s.style, s.label ?? null, s.id ?? null, s.aliases, s.title, encodeSpan(s.titleSpan),
    encodeSpan(s.headingSpan), encodeSpan(s.span), s.summary, s.insertAt, s.headingDepth,
  ];
}

function encodeReference(r: SectionReference): unknown {
  const out: unknown[] = [r.kind, r.tier, r.by, r.key, r.target, encodeSpan(r.span), encodeSpan(r.targetSpan), r.section];
  // Only waivers have a reason, and few references somewhere else to look; the others have no such key at all.
  const extra: Json = {};
  if (Object.hasOwn(r, 'reason')) extra.reason = r.reason ?? null;
  if (r.otherwise) extra.otherwise = r.otherwise.map((o) => [o.tier, o.key]);
  if (r.within) extra.within = true;
  return Object.keys(extra).length ? [...out, extra] : out;
}

function encodeDefinition(d: Definition): unknown {
  const out: Json = { term: d.term, text: d.text, kind: d.kind, span: encodeSpan(d.span) };
  optional(out, d, 'longForm', (v: string) => v);
  optional(out, d, 'extent', encodeSpan);
  optional(out, d, 'longFormSpan', encodeSpan);
  return out;
}

// Decoding: each reader returns the value or throws INVALID, which decodeFacts turns into undefined.

const INVALID = new Error('invalid facts');

function fail(): never {
  throw INVALID;
}

function obj(x: unknown): Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : fail();
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : fail();
}

function int(x: unknown): number {
  return Number.isSafeInteger(x) ? (x as number) : fail();
}

function bool(x: unknown): boolean {
  return typeof x === 'boolean' ? x : fail();
}

function oneOf<T extends string>(x: unknown, values: readonly T[]): T {
  return values.includes(x as T) ? (x as T) : fail();
}

function list<T>(x: unknown, item: (y: unknown) => T): T[] {
  return Array.isArray(x) ? x.map((y) => item(y)) : fail();
}

function span(x: unknown): Span {
  return Array.isArray(x) && x.length === 2 ? { start: int(x[0]), end: int(x[1]) } : fail();
}

function readOptional<T>(out: object, from: Json, key: string, decode: (y: unknown) => T): void {
  if (Object.hasOwn(from, key)) (out as Record<string, T | undefined>)[key] = from[key] === null ? undefined : decode(from[key]);
}

function tuple(x: unknown, lengths: number[]): unknown[] {
  return Array.isArray(x) && lengths.includes(x.length) ? x : fail();
}

function decodeSection(x: unknown): Section {
  const a = tuple(x, [13]);
  const section = new Section({
    index: int(a[0]), parent: int(a[1]), style: str(a[2]) as Section['style'],
    // buildSections always writes label and id, undefined when there is none.
    label: a[3] === null ? undefined : str(a[3]), id: a[4] === null ? undefined : str(a[4]),
    aliases: list(a[5], str), title: str(a[6]), titleSpan: span(a[7]), headingSpan: span(a[8]), span: span(a[9]),
    summary: str(a[10]), insertAt: int(a[11]), headingDepth: int(a[12]),
  });
  section.share();
  return section;
}

function decodeReference(x: unknown): SectionReference {
  const a = tuple(x, [8, 9]);
  const r: SectionReference = {
    kind: oneOf(a[0], REFERENCE_KINDS), tier: oneOf(a[1], TIERS), by: oneOf(a[2], ['id', 'title'] as const),
    key: str(a[3]), target: str(a[4]), span: span(a[5]), targetSpan: span(a[6]), section: int(a[7]),
  };
  if (a.length === 9) {
    const extra = obj(a[8]);
    if (Object.hasOwn(extra, 'reason')) r.reason = extra.reason === null ? undefined : str(extra.reason);
    if (extra.within === true) r.within = true;
    if (Object.hasOwn(extra, 'otherwise')) {
      r.otherwise = list(extra.otherwise, (o) => {
        const t = list(o, (v) => v);
        return { tier: oneOf(t[0], TIERS), key: str(t[1]) };
      });
    }
  }
  return r;
}

function decodeProblem(x: unknown): Problem {
  const o = obj(x);
  return { span: span(o.span), message: str(o.message) as Problem['message'], args: list(o.args, str) };
}

function decodeDefinition(x: unknown): Definition {
  const o = obj(x);
  const d: Definition = { term: str(o.term), text: str(o.text), kind: oneOf(o.kind, DEFINITION_KINDS), span: span(o.span) };
  readOptional(d, o, 'longForm', str);
  readOptional(d, o, 'extent', span);
  readOptional(d, o, 'longFormSpan', span);
  return d;
}

/** A document's visible texts, their runs in one pool as analyzeDocument keeps them. */
function proseList(x: unknown): Prose[] {
  const pool: number[] = [];
  return list(x, (p) => decodeProse(p, pool));
}

function decodeProse(x: unknown, pool: number[]): Prose {
  const o = obj(x);
  const runs = list(o.runs, int);
  return runs.length % 2 === 0 ? Prose.of(str(o.text), runs, bool(o.heading), pool) : fail();
}

function decodeSuppression(x: unknown): Suppression {
  const o = obj(x);
  return { fromLine: int(o.fromLine), toLine: int(o.toLine), codes: list(o.codes, str) };
}

/** LineIndex is a class built from the text, which the cache does not keep: set its fields instead. */
function lineIndex(lineStarts: number[], length: number): LineIndex {
  if (lineStarts[0] !== 0) fail();
  for (let i = 1; i < lineStarts.length; i++) if (lineStarts[i] <= lineStarts[i - 1] || lineStarts[i] > length) fail();
  return Object.assign(Object.create(LineIndex.prototype) as LineIndex, { lineStarts, length });
}

const PLAIN_REASONS: readonly PlainReason[] = ['nesting', 'markup'];

function plainReasons(x: unknown): { plainText?: PlainReason[] } {
  const reasons = list(x, (r) => oneOf(r, PLAIN_REASONS));
  return reasons.length ? { plainText: reasons } : {};
}
