// Quick fixes that write new text for a gap: a standards section for a measure without one, a
// procedure file for a measure without one. Below checks/ (which attach them to findings) and
// features/ (which offer them), so a rule never reaches up into an editor feature.

import type { DocumentFacts } from '../facts';
import type { Section } from '../parse/structure';
import { parseNumber } from '../parse/numbering';
import { nodeKey, type Coverage, type Measure, type TraceIndex } from '../index/traceIndex';
import type { Messages } from '../messages';
import type { FixData } from '../types';

/**
 * A new standards section for `measure`, in the set's first standards document, placed after the
 * chapter of the last measure before it and numbered like its neighbours; without any standards
 * document, a new `対策基準.md` next to the basic policy.
 */
export function createSectionFix(index: TraceIndex, measure: Measure, msg: Messages): FixData {
  const title = measure.title || measure.summary;
  const fixTitle = msg('fixCreateSection', measure.id, title);
  const basis = `根拠: 基本方針 ${measure.id}`;
  const standards = index.documents.find((d) => d.tier === 'standard');
  if (!standards) {
    const policy = measure.node.doc;
    const uri = uniqueUri(index, directoryOf(policy.uri), '対策基準');
    const newText = [
      '---', '種別: 対策基準', '---', `# ${standardsTitle(policy.title)}`, '',
      `## ${title}`, '', basis, '', SECTION_PLACEHOLDER, '',
    ].join(policy.eol);
    return { title: fixTitle, edits: [{ uri, edits: [{ range: START, newText }] }], create: [{ uri }] };
  }
  const place = placeFor(index, standards, measure);
  const block = [headingFor(standards, place, title), '', basis, '', SECTION_PLACEHOLDER].join(standards.eol);
  const at = standards.lines.position(place.offset);
  return { title: fixTitle, edits: [{ uri: standards.uri, edits: [{ range: { start: at, end: at }, newText: surround(standards, place.offset, block) }] }] };
}

/**
 * A new procedure file for `measure` from a template, next to the set's procedures, citing the first
 * standards section that implements the measure. The core only names the file; the editor creates it.
 */
export function createProcedureFix(index: TraceIndex, measure: Measure, coverage: Coverage, msg: Messages): FixData {
  const title = measure.title || measure.summary;
  const order = new Map(index.documents.map((d, i) => [d, i]));
  const sections = coverage.standards
    .filter((n) => n.section >= 0 && n.doc.sections[n.section].id)
    .sort((a, b) => order.get(a.doc)! - order.get(b.doc)! || a.section - b.section);
  const first = sections[0];
  // Standards linked only as a whole document have no ID to cite: the measure itself is cited then.
  const basis = first ? `対策基準 ${first.doc.sections[first.section].id}` : `基本方針 ${measure.id}`;
  const procedures = index.documents.filter((d) => d.tier === 'procedure');
  const standards = first?.doc ?? coverage.standards[0]?.doc ?? index.documents.find((d) => d.tier === 'standard') ?? measure.node.doc;
  const folder = procedures.length
    ? directoryOf(procedures[0].uri)
    : `${directoryOf(standards.uri)}${encodeName('実施手順', index)}/`;
  const uri = uniqueUri(index, folder, `${safeFileName(title)}実施手順`);
  const eol = (procedures[0] ?? standards).eol;
  const newText = [
    '---', '種別: 実施手順', `根拠: [${basis}]`, '---', `# ${title}実施手順`, '',
    '## 1 目的', '', '（ここに目的を記載する。）', '',
    '## 2 手順', '', '（ここに手順を記載する。）', '',
    '## 3 記録', '', '（ここに記録を記載する。）', '',
  ].join(eol);
  return { title: msg('fixCreateProcedure', measure.id, title), edits: [{ uri, edits: [{ range: START, newText }] }], create: [{ uri }] };
}


/** The document's own words, whatever the editor's language: the policy is written in Japanese. */
const SECTION_PLACEHOLDER = '（ここに遵守事項を記載する。）';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

interface Place {
  offset: number;
  /** The measure chapter whose heading the new one copies, and the number it gets. */
  template?: Section;
  number?: number;
}

/**
 * Measure chapters are the sections that link straight to a measure of the top level; the new
 * section becomes their sibling, after the chapter of the last earlier measure (so the chapters
 * keep the order of the measures), or before the first later one.
 */
function placeFor(index: TraceIndex, doc: DocumentFacts, measure: Measure): Place {
  const order = new Map(index.measures.map((m, i) => [m, i]));
  const measureAt = new Map(index.measures.map((m) => [nodeKey(m.node), m]));
  const implementing: { section: Section; measure: Measure }[] = [];
  for (const section of doc.sections) {
    for (const link of index.linksFrom.get(nodeKey({ doc, section: section.index })) ?? []) {
      const m = measureAt.get(nodeKey(link.to));
      if (m) implementing.push({ section, measure: m });
    }
  }
  const chapters = implementing.filter((i) => !i.measure.parent);
  if (!chapters.length) return { offset: doc.lines.length };
  const level = chapters[0].section.parent;
  const chapterOf = (s: Section): Section | undefined => {
    let c = s;
    while (c.parent !== level) {
      if (c.parent < 0) return undefined;
      c = doc.sections[c.parent];
    }
    return c;
  };
  const at = order.get(measure)!;
  const around = (earlier: boolean): Section[] => implementing
    .filter((i) => (order.get(i.measure)! < at) === earlier)
    .map((i) => chapterOf(i.section))
    .filter((c): c is Section => c !== undefined)
    .sort((a, b) => a.span.start - b.span.start);
  const before = around(true);
  if (before.length) {
    const last = before[before.length - 1];
    const end = last.span.end >= doc.lines.length ? doc.lines.length : lineStart(doc, last.span.end);
    return { offset: end, template: last, number: numberOf(last.label) + 1 };
  }
  const next = around(false)[0];
  if (next) return { offset: lineStart(doc, next.span.start), template: next, number: numberOf(next.label) - 1 };
  return { offset: doc.lines.length };
}

/** The template's numbering with the new number (`## 10 `, `## 第10章　`), or no number if it is taken. */
function headingFor(doc: DocumentFacts, place: Place, title: string): string {
  const { template, number } = place;
  const depth = template ? template.headingDepth : 2;
  const marker = depth > 0 ? `${'#'.repeat(depth)} ` : '';
  const plain = `${'#'.repeat(depth || 2)} ${title}`;
  if (!template || number === undefined || !(number >= 1)) return plain;
  const taken = doc.sections.some((s) => s.parent === template.parent && s.style === template.style && numberOf(s.label) === number);
  const prefix = numberingPrefix(doc, template);
  const runs = prefix ? [...prefix.matchAll(NUMBER_RUN)] : [];
  if (taken || !runs.length) return plain;
  const run = runs[runs.length - 1];
  return `${marker}${prefix!.slice(0, run.index)}${formatLike(run[0], number)}${prefix!.slice(run.index! + run[0].length)}${title}`;
}

const NUMBER_RUN = /[0-9]+|[０-９]+|[〇一二三四五六七八九十百千]+/g;

/** The visible text between the start of the section's title line and its title: `9 `, `第9章　`. */
function numberingPrefix(doc: DocumentFacts, section: Section): string | undefined {
  const target = section.titleSpan.start;
  for (const p of doc.prose) {
    if (!p.text.length || p.offset(0) > target || p.offset(p.text.length - 1) < target) continue;
    for (let i = 0; i < p.text.length; i++) {
      if (p.offset(i) !== target) continue;
      const from = p.text.lastIndexOf('\n', i - 1) + 1;
      return p.text.slice(from, i);
    }
  }
  return undefined;
}

function numberOf(label: string | undefined): number {
  const runs = label?.match(NUMBER_RUN);
  return runs ? parseNumber(toAscii(runs[runs.length - 1])) : Number.NaN;
}

function toAscii(digits: string): string {
  return digits.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function formatLike(written: string, n: number): string {
  if (/^[０-９]+$/.test(written)) return String(n).replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  if (/^[0-9]+$/.test(written)) return String(n);
  return kanjiNumber(n);
}

const KANJI = '〇一二三四五六七八九';

/** 10 → 十, 21 → 二十一, 105 → 百五: as 第十章 is written. */
function kanjiNumber(n: number): string {
  if (n < 10) return KANJI[n];
  const part = (value: number, unit: string): string => (value === 0 ? '' : `${value === 1 ? '' : KANJI[value]}${unit}`);
  const hundreds = Math.floor(n / 100) % 10;
  const tens = Math.floor(n / 10) % 10;
  const ones = n % 10;
  return `${part(hundreds, '百')}${part(tens, '十')}${ones ? KANJI[ones] : ''}`;
}

/** The block with blank lines around it, as Markdown needs between a paragraph and a heading. */
function surround(doc: DocumentFacts, offset: number, block: string): string {
  const { eol, lines } = doc;
  const starts = lines.lineStarts;
  const blankBefore = (): boolean => {
    const line = lines.position(offset).line;
    return line > 0 && starts[line] - starts[line - 1] === eol.length;
  };
  if (offset >= lines.length) {
    if (lines.length === 0) return `${block}${eol}`;
    if (starts[starts.length - 1] !== lines.length) return `${eol}${eol}${block}${eol}`;
    return `${blankBefore() ? '' : eol}${block}${eol}`;
  }
  return `${blankBefore() ? '' : eol}${block}${eol}${eol}`;
}

function lineStart(doc: DocumentFacts, offset: number): number {
  return doc.lines.lineStarts[doc.lines.position(offset).line];
}

function standardsTitle(policyTitle: string): string {
  return policyTitle.includes('基本方針') ? policyTitle.replace('基本方針', '対策基準') : '情報セキュリティ対策基準';
}

/** Up to and including the last '/'. */
function directoryOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * A name as a URI path segment, spelled like the URIs of the set: raw when they are written raw
 * (as the unit tests do), else percent-encoded the way file URLs are.
 */
function encodeName(name: string, index: TraceIndex): string {
  if (index.documents.some((d) => /[^\x00-\x7f]/.test(d.uri))) return name;
  return new URL(name, 'file:///').pathname.slice(1);
}

/** Characters no file system takes (Windows is the strictest) or that URIs reserve. */
function safeFileName(title: string): string {
  const safe = title.replace(/[\\/:*?"<>|#%{}`\x00-\x1f]/g, '_').replace(/\s+/g, ' ').trim().replace(/^\.+|\.+$/g, '');
  return [...safe].slice(0, 60).join('') || '措置';
}

/** `<folder><base>.md`, or `<base>-2.md`, `-3` … when the set already has a document of that name. */
function uniqueUri(index: TraceIndex, folder: string, base: string): string {
  const taken = new Set(index.documents.map((d) => decode(d.uri)));
  for (let n = 1; ; n++) {
    const uri = `${folder}${encodeName(`${base}${n === 1 ? '' : `-${n}`}.md`, index)}`;
    if (!taken.has(decode(uri))) return uri;
  }
}

function decode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
