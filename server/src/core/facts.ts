// One document's facts: text in, everything the workspace index needs out. The syntax tree is
// dropped here; only these facts are kept between edits.

import type { Span, Tier } from './types';
import { LineIndex } from './text/lineIndex';
import { parseChunked, type ChunkCache } from './parse/chunks';
import type { MarkdownLink, PlainReason } from './parse/markdown';
import { buildSections, type Section } from './parse/structure';
import { adoptReference, findAliases, idKey, scanBasisValue, scanDirectiveLine, scanText, type DocumentAlias, type Reference } from './parse/references';
import { linesAt, proseAt, referencesAt } from './parse/blockMemo';
import { Memo } from './memo';
import { readFrontMatter, type Problem, type Publicity } from './parse/frontMatter';
import { tierFromPath, tierFromTitle } from './parse/tier';
import { findParts, type Part } from './parse/parts';
import { joinLines, sourceView, spanOf, startAt, ViewBuilder, type TextView } from './text/textView';
import { toProse, type Prose } from './text/prose';
import { findDefinitions, type Definition } from './terms/definitions';
import { blockLines, type Line } from './text/fold';
import { findSuppressions, type Suppression } from './parse/suppressions';
import { recycle } from './recycle';

export type { Section, Reference, Problem };

export type TierSource = 'config' | 'frontMatter' | 'title' | 'path' | 'parts';

/** A reference placed in the section it is written in (Reference.section). */
export type SectionReference = Reference;

export interface DocumentFacts {
  uri: string;
  /** Path relative to the folder of its policy set, with '/' separators. */
  path: string;
  tier?: Tier;
  tierSource?: TierSource;
  /** The parts of a file that holds several tiers (parse/parts.ts), else empty. */
  parts: Part[];
  /**
   * 公開区分: declared in front matter, else public, except 実施手順, which the policy keeps
   * non-public. A non-public document's titles and text stay out of public exports.
   */
  publicity: Publicity;
  title: string;
  /** Span of the title line (first heading or first line), where document-level findings go. */
  titleSpan: Span;
  sections: Section[];
  references: SectionReference[];
  problems: Problem[];
  /** Terms this document defines. */
  definitions: Definition[];
  /** Visible text per block, where term uses are looked for. */
  prose: Prose[];
  /**
   * Lines that frame the text rather than say something: the title line, caption lines （目的）,
   * a 目次. Term rules do not count what is written there as uses. In text order.
   */
  furniture: Span[];
  /** Markdown links to other files of the folder: the target's path (as `path` is written) and where the link is. */
  links: { target: string; span: Span }[];
  /** The encoding the file was decoded from, when it is not UTF-8 (Shift_JIS, EUC-JP, UTF-16). */
  encoding?: string;
  /** Some of it was read as plain lines, not Markdown, and why (parse/chunks.ts). */
  plainText?: PlainReason[];
  /** Longer than TERMS_BUDGET: its structure and links are read, its terms are not. */
  structureOnly?: true;
  /** Longer than DOCUMENT_BUDGET: nothing was read from it but its place in the set. */
  unread?: true;
  /** The analysis failed on it (a fault of ours): why. Nothing else was read from it. */
  failed?: string;
  /** policy-trace-disable comments: lines where some rules stay quiet. */
  suppressions: Suppression[];
  lines: LineIndex;
  /** The document's line break, for edits that add lines. */
  eol: '\n' | '\r\n';
}

export interface DocumentInput {
  uri: string;
  path: string;
  text: string;
  /** A tier fixed by the configuration's globs; it wins over everything else. */
  tier?: Tier;
  /** Parsed chunks of the previous version of this document: unchanged ones are not parsed again. */
  chunks?: ChunkCache;
  /**
   * The facts of the previous version, to take over its unchanged sections and texts (recycle.ts).
   * They must not be used afterwards.
   */
  previous?: DocumentFacts;
  /** The encoding the host decoded the text from, when it is not UTF-8. */
  encoding?: string;
}

const ABOVE: Record<Tier, Tier | undefined> = { policy: undefined, standard: 'policy', procedure: 'standard' };

/**
 * Characters past which a document is read for its structure and links, not its terms (about 5 MB
 * of Japanese text; the largest real policy documents are a few hundred KB). Its definitions and
 * term uses are a third of the work on it, done again on every edit.
 */
export const TERMS_BUDGET = 2_000_000;
/**
 * A document longer than this is not analysed at all (a 20 MB one took 9 s and 1.8 GB per edit):
 * it is far beyond any policy, usually a whole 例規集 pasted into one file.
 */
export const DOCUMENT_BUDGET = 5_000_000;
const TIER_RANK: Record<Tier, number> = { policy: 0, standard: 1, procedure: 2 };

export function analyzeDocument(input: DocumentInput): DocumentFacts {
  const { text } = input;
  const parsed = parseChunked(text, input.chunks);
  const fm = parsed.frontMatter ? readFrontMatter(parsed.frontMatter) : { basis: [], problems: [] };
  const { origins } = parsed;
  const linesByBlock = origins ? origins.map(linesAt) : parsed.blocks.map((b) => blockLines(b.view));
  const furniture: Span[] = [];
  const sections = buildSections(parsed.blocks, linesByBlock, text.length, furniture);
  const fresh = input.previous ? recycle(input.previous.sections, sections, (old, fresh) => old.adopt(fresh)) : { from: 0, to: sections.length };
  for (let i = fresh.from; i < fresh.to; i++) sections[i].share();
  const lines = new LineIndex(text);

  const first = parsed.blocks.find((b) => b.kind === 'heading') ?? parsed.blocks[0];
  const firstLine = first ? linesByBlock[parsed.blocks.indexOf(first)][0].view : undefined;
  const title = fm.title ?? firstLine?.text.trim() ?? '';
  const titleSpan = firstLine && firstLine.text.length ? spanOf(firstLine, 0, firstLine.text.length) : { start: 0, end: 0 };

  let tier: Tier | undefined;
  let tierSource: TierSource | undefined;
  const pick = (t: Tier | undefined, s: TierSource): void => { if (!tier && t) { tier = t; tierSource = s; } };
  pick(input.tier, 'config');
  pick(fm.tier, 'frontMatter');
  pick(tierFromTitle(title), 'title');
  pick(tierFromPath(input.path), 'path');
  // A tier the user declared holds for the whole file; one read from a title or path gives way to
  // the parts the file is written in (第1章 基本方針 / 第2章 対策基準).
  const parts = tierSource === 'config' || tierSource === 'frontMatter' ? [] : findParts(sections, tier);
  if (parts.length && !tier) {
    tier = parts[0].tier;
    tierSource = 'parts';
  }

  const defaultTier = tier ? ABOVE[tier] : undefined;
  const references: SectionReference[] = [];
  for (const span of fm.basis) {
    for (const r of scanBasisValue(sourceView(text, span.start, span.end), defaultTier)) {
      references.push(r);
    }
  }
  let si = -1;
  // A 目次 or a caption names sections; it cites nothing.
  const inFurniture = (offset: number): boolean => furniture.some((f) => offset >= f.start && offset < f.end);
  const partOf = (section: number): Tier | undefined => {
    for (let x = section; x >= 0; x = sections[x].parent) {
      const part = parts.find((p) => p.section === x);
      if (part) return part.tier;
    }
    return tier;
  };
  const add = (refs: Reference[]): void => {
    for (const r of refs) {
      if (furniture.length && inFurniture(r.span.start)) continue;
      si = innermost(sections, r.span.start, si);
      if (r.within) {
        // An article of this file, cited from a lower part (the standards citing the policy's
        // 第6条第6号): a trace link. Within one part it is a cross-reference, not ours to check.
        const target = sections.find((s) => s.id !== undefined && idKey(s.id) === r.key);
        const targetTier = target && partOf(target.index);
        const own = partOf(si);
        if (!targetTier || !own || TIER_RANK[targetTier] >= TIER_RANK[own]) continue;
        r.tier = targetTier;
      }
      // Every reference here is a new object (scanned now, or a moved copy): it becomes the fact,
      // unless the last version's same reference takes its place (below).
      r.section = si;
      references.push(r);
    }
  };
  const aliases = findAliases(linesByBlock);
  const read = (lines: readonly Line[]): Reference[] => blockReferences(lines, aliases, defaultTier, parts.length > 0);
  if (origins) {
    // What a block's references are read in: the same for every block of this version.
    const context = JSON.stringify([aliases, defaultTier ?? '', parts.length > 0]);
    for (const origin of origins) add(referencesAt(origin, context, read));
  } else {
    for (const ofBlock of linesByBlock) add(read(ofBlock));
  }
  if (input.previous) recycle(input.previous.references, references, adoptReference);

  const pool: number[] = [];
  const prose = origins ? origins.map((o) => proseAt(o, pool)) : parsed.blocks.map((b) => toProse(joinLines(b.view), b.kind === 'heading', pool));
  if (input.previous) recycle(input.previous.prose, prose, (old, fresh) => old.adopt(fresh));

  return {
    uri: input.uri,
    path: input.path,
    tier,
    tierSource,
    parts,
    publicity: fm.publicity ?? (tier === 'procedure' ? 'private' : 'public'),
    title,
    titleSpan,
    sections,
    references,
    problems: fm.problems,
    definitions: text.length > TERMS_BUDGET ? [] : findDefinitions(parsed.blocks, linesByBlock, sections),
    prose,
    links: fileLinks(input.path, parsed.links),
    furniture: [...(titleSpan.end > titleSpan.start ? [titleSpan] : []), ...furniture].sort((a, b) => a.start - b.start),
    ...(input.encoding ? { encoding: input.encoding } : {}),
    ...(parsed.plainText ? { plainText: parsed.plainText } : {}),
    ...(text.length > TERMS_BUDGET ? { structureOnly: true as const } : {}),
    suppressions: findSuppressions(parsed.comments, lines),
    lines,
    eol: /\r\n/.test(text.slice(0, 4096)) ? '\r\n' : '\n',
  };
}

/** The links that lead to a file of the folder, with its path. */
function fileLinks(from: string, links: readonly MarkdownLink[] | undefined): { target: string; span: Span }[] {
  const out: { target: string; span: Span }[] = [];
  if (!links) return out;
  for (let i = 0; i < links.length; i++) {
    const target = linkTarget(from, links[i].url);
    if (target !== undefined) out.push({ target, span: links[i].span });
  }
  return out;
}

/**
 * The folder path a relative link leads to (`../基本方針.md#6` from `実施手順/a.md` is `基本方針.md`);
 * undefined for a web address, a link inside the page, or one that leaves the folder.
 */
export function linkTarget(from: string, url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('#') || url.startsWith('/')) return undefined;
  // Looked up by the document's path (one string per document, whose hash V8 keeps) and the
  // address as written: no key is put together for each link.
  let byUrl = targets.get(from);
  if (!byUrl) {
    if (targets.size >= 64) targets.clear();
    targets.set(from, byUrl = new Map());
  }
  let target = byUrl.get(url);
  if (target === undefined) {
    // Typing a link makes an address of each of its prefixes.
    if (byUrl.size >= 256) byUrl.clear();
    const folder = from.slice(0, from.lastIndexOf('/') + 1);
    const written = url.replace(/[#?].*$/s, '');
    target = resolved.get(`${folder}\u0000${written}`, () => resolveTarget(folder, written) ?? null);
    byUrl.set(url, target);
  }
  return target ?? undefined;
}

/**
 * The link addresses of the last documents analysed, resolved (null: not a file of the folder): a
 * document repeats its few addresses, and an edited one is analysed again and again. Other
 * documents share the resolutions below.
 */
const targets = new Map<string, Map<string, string | null>>();

/**
 * The links of a set point at a few files from a few folders (基本方針.md from every standards
 * file): each folder and destination is resolved once, and each target is one string.
 */
const resolved = new Memo<string | null>(4096);

function resolveTarget(folder: string, written: string): string | undefined {
  let path = written;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Written with a bare %: taken as it is.
  }
  const parts = folder.split('/').slice(0, -1);
  for (const segment of path.split('/')) {
    if (segment === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else if (segment && segment !== '.') parts.push(segment);
  }
  return parts.length ? parts.join('/') : undefined;
}

/**
 * The references written in one block's lines, in text order: 根拠 and 適用除外 are line-based;
 * everything else is running text across soft breaks. Most blocks cite nothing: they cost no array.
 */
function blockReferences(lines: readonly Line[], aliases: DocumentAlias[], defaultTier: Tier | undefined, hasParts: boolean): Reference[] {
  let out: Reference[] | undefined;
  // The lines from `from` on are running text, until a directive line or the end.
  let from = 0;
  for (let i = 0; i <= lines.length; i++) {
    const directive = i < lines.length ? scanDirectiveLine(lines[i], defaultTier) : undefined;
    if (i < lines.length && !directive) continue;
    if (i > from) {
      // One line is its own running text, already folded (blockLines).
      const found = i - from === 1
        ? scanText(lines[from].view, aliases, defaultTier, hasParts, lines[from].folded)
        : scanText(joinLines(joinViews(lines, from, i)), aliases, defaultTier, hasParts);
      for (let k = 0; k < found.length; k++) (out ??= []).push(found[k]);
    }
    if (directive) for (let k = 0; k < directive.length; k++) (out ??= []).push(directive[k]);
    from = i + 1;
  }
  return out ?? NO_REFERENCES;
}

/** What a block without references gives: never changed (add and referencesAt only read it). */
const NO_REFERENCES: Reference[] = [];

/** Lines from..to of a block back into one view, with '\n' between them as splitLines found them. */
function joinViews(lines: readonly Line[], from: number, to: number): TextView {
  if (to - from === 1) return lines[from].view;
  const b = new ViewBuilder();
  for (let i = from; i < to; i++) {
    const l = lines[i].view;
    if (i > from) b.push('\n', lines[i - 1].view.end, l.text.length ? startAt(l, 0) : l.end);
    b.pushSlice(l, 0, l.text.length);
  }
  return { ...b.build(), end: lines[to - 1].view.end };
}

/** The deepest section containing `offset`; references come in text order, so search from a hint. */
function innermost(sections: Section[], offset: number, hint: number): number {
  let best = -1;
  for (let i = Math.max(0, hint); i < sections.length && sections[i].span.start <= offset; i++) {
    if (sections[i].span.end > offset) best = i;
  }
  if (best >= 0) return best;
  for (let i = 0; i < sections.length && sections[i].span.start <= offset; i++) {
    if (sections[i].span.end > offset) best = i;
  }
  return best;
}
