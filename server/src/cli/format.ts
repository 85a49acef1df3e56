// Renders checked folders for people (one line per finding, a coverage table, a summary) and for
// tools (one JSON document). Works on FolderReport, plain data that `check --cache` can keep and
// print again without loading the analysis core (so only types come from the core here).

import { relative, sep } from 'node:path';
import type { Coverage, Finding, FixData, Messages, NodeRef, Range, Severity, TraceIndex } from '../core/api';
import { relativePath, uriToPath } from '../host/paths';
import type { FolderResult } from './check';

export interface FormatContext {
  cwd: string;
  msg: Messages;
}

/** What the output shows of a finding; SARIF also shows where it relates to and its fixes. */
export type ReportFinding = Pick<Finding, 'uri' | 'range' | 'severity' | 'code' | 'message'> & Partial<Pick<Finding, 'related' | 'fixes'>>;

export interface CoverageRow {
  measure: string;
  title: string;
  standards: string[];
  procedures: string[];
  status: Coverage['status'];
}

/** Everything the text and JSON output need of one checked folder. */
export interface FolderReport {
  /** Absolute path of the folder. */
  root: string;
  findings: ReportFinding[];
  /** One per policy set, in the order of the configuration. */
  sets: { name: string; coverage: CoverageRow[] }[];
  documents: number;
}

export interface Counts { error: number; warning: number; information: number; hint: number }

const reported = (fix: FixData): boolean => !fix.create?.length && !fix.all;

/** `detailed`: with each finding's related places and fixes (SARIF prints them; the cache keeps none). */
export function toReport(folder: FolderResult, detailed = false): FolderReport {
  return {
    root: folder.root,
    findings: folder.findings.map((f) => ({
      uri: f.uri,
      // The finding's own: nothing here or in the formats changes a range (50 MB: 11,500 findings).
      range: f.range,
      severity: f.severity,
      code: f.code,
      message: f.message,
      ...(detailed && f.related.length ? { related: f.related } : {}),
      // A fix that creates a file is the editor's to make, and so is one that mends every finding
      // at once (FixData.all); the report carries each finding's own edits of existing files.
      ...(detailed && f.fixes.some(reported) ? { fixes: f.fixes.filter(reported) } : {}),
    })),
    sets: folder.sets,
    documents: folder.documents,
  };
}

export interface JsonDiagnostic {
  folder?: string;
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
}

export interface JsonCoverage {
  folder?: string;
  /** Only for named sets (the `sets` of policy-trace.json), whose measure IDs may repeat. */
  set?: string;
  measure: string;
  title: string;
  standards: string[];
  procedures: string[];
  status: Coverage['status'];
}

export function formatText(folders: FolderReport[], ctx: FormatContext, explain?: string[]): string {
  const blocks: string[][] = [];
  const findings = folders.flatMap((f) => f.findings);
  if (findings.length) blocks.push(findingLines(findings, ctx));
  for (const folder of folders) {
    for (const set of folder.sets) {
      if (!set.coverage.length) continue;
      const label = [folders.length > 1 ? folderLabel(folder, ctx) : '', set.name].filter(Boolean).join(' › ');
      blocks.push([...(label ? [ctx.msg('cliCoverageOf', label)] : []), ...coverageTable(set.coverage, ctx.msg)]);
    }
  }
  const c = countSeverities(findings);
  const documents = folders.reduce((n, f) => n + f.documents, 0);
  if (explain?.length) blocks.push(explain);
  blocks.push([summaryLine(c, documents, ctx.msg)]);
  return blocks.map((b) => b.join('\n')).join('\n\n') + '\n';
}

const PLURAL = new Intl.PluralRules('en');

/** `1 error, 2 warnings, 0 information, 1 hint (1 document)`: each count in its English number. */
export function summaryLine(c: Counts, documents: number, msg: FormatContext['msg']): string {
  const count = (what: 'Error' | 'Warning' | 'Information' | 'Hint' | 'Document', n: number): string =>
    msg(`count${what}_${PLURAL.select(n) === 'one' ? 'one' : 'other'}`, n);
  return msg('summary', count('Error', c.error), count('Warning', c.warning), count('Information', c.information), count('Hint', c.hint), count('Document', documents));
}

/**
 * `file:line:col severity code message`, sorted by file then position. Line and column are
 * 1-based; the column counts UTF-16 code units, which is what editors show for text in the Basic
 * Multilingual Plane (a character such as 𠮷 counts two).
 */
export function findingLines(findings: ReportFinding[], ctx: FormatContext): string[] {
  const path = perUri((uri) => displayPath(uri, ctx.cwd));
  return sortFindings(findings.map((f) => ({ file: path(f.uri), finding: f })))
    .map(({ file, finding: f }) => terminalSafe(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}`));
}

/** `explain`: the lines of --explain, kept as lines (they are for people, beside the data). */
export function formatJson(folders: FolderReport[], ctx: FormatContext, explain?: string[]): string {
  const several = folders.length > 1;
  const diagnostics: JsonDiagnostic[] = [];
  const coverage: JsonCoverage[] = [];
  for (const folder of folders) {
    const withFolder = several ? { folder: folderLabel(folder, ctx).split(sep).join('/') } : {};
    const file = perUri((uri) => fileInFolder(uri, folder.root));
    const sorted = sortFindings(folder.findings.map((f) => ({ file: file(f.uri), finding: f })));
    for (const { file, finding: f } of sorted) {
      diagnostics.push({
        ...withFolder,
        file,
        range: {
          start: { line: f.range.start.line, character: f.range.start.character },
          end: { line: f.range.end.line, character: f.range.end.character },
        },
        severity: f.severity,
        code: f.code,
        message: f.message,
      });
    }
    for (const set of folder.sets) {
      const withSet = set.name ? { set: set.name } : {};
      for (const r of set.coverage) {
        coverage.push({ ...withFolder, ...withSet, measure: r.measure, title: r.title, standards: r.standards, procedures: r.procedures, status: r.status });
      }
    }
  }
  return JSON.stringify({ diagnostics, coverage, ...(explain ? { explain } : {}) }, null, 2) + '\n';
}

/** Terminal columns a string takes: East Asian wide and fullwidth characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || isZeroWidth(cp)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

const STATUS_MESSAGE: Record<Coverage['status'], Parameters<Messages>[0]> = {
  'covered': 'statusCovered',
  'missing-standard': 'statusMissingStandard',
  'missing-procedure': 'statusMissingProcedure',
  'waived': 'statusWaived',
};

/** The numbers of every measure of a set, for both outputs. */
export function coverageRows(index: TraceIndex): CoverageRow[] {
  return index.measures.map((m) => {
    const c = index.coverage.get(m)!;
    return {
      measure: m.id,
      title: m.title || m.summary,
      standards: c.standards.map(standardName),
      procedures: procedureNames(c.procedures),
      status: c.status,
    };
  });
}

export function countSeverities(findings: ReportFinding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** 0 clean, 1 errors or more warnings than allowed (2, nothing checked, is the caller's). */
export function exitCode(counts: Counts, maxWarnings: number | undefined): number {
  if (counts.error > 0) return 1;
  return maxWarnings !== undefined && counts.warning > maxWarnings ? 1 : 0;
}

function coverageTable(coverage: CoverageRow[], msg: Messages): string[] {
  const rows = [msg('coverageHeader').split('\t')];
  for (const r of coverage) {
    rows.push([terminalSafe(r.measure), terminalSafe(r.title), String(r.standards.length), String(r.procedures.length), msg(STATUS_MESSAGE[r.status])]);
  }
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => displayWidth(r[col]))));
  return rows.map((r) => r.map((cell, col) => cell + ' '.repeat(widths[col] - displayWidth(cell))).join('  ').trimEnd());
}

/**
 * Text from the documents as a terminal shows it, not as it obeys it: an escape sequence in a
 * title (ESC [ 2 J clears the screen, ESC ] 8 makes a link) or a bidirectional override
 * (U+202E turns the rest of the line around) is written as its code instead.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** A standards section by its number, or by its title when it has none. */
function standardName(n: NodeRef): string {
  if (n.section < 0) return n.doc.title || n.doc.path;
  const s = n.doc.sections[n.section];
  return s.id || s.title || s.summary;
}

/** Procedure files, with the section that carries the link when it is not the whole file. */
function procedureNames(nodes: NodeRef[]): string[] {
  const names = nodes.map((n) => {
    if (n.section < 0) return n.doc.path;
    const s = n.doc.sections[n.section];
    return `${n.doc.path} › ${s.id || s.title || s.summary}`;
  });
  return [...new Set(names)];
}

export function sortFindings<T extends { file: string; finding: ReportFinding }>(items: T[]): T[] {
  // Plain code-unit order, so the output is the same whatever the machine's locale.
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...items].sort((a, b) =>
    cmp(a.file, b.file)
    || a.finding.range.start.line - b.finding.range.start.line
    || a.finding.range.start.character - b.finding.range.start.character
    || cmp(a.finding.code, b.finding.code)
    || cmp(a.finding.message, b.finding.message));
}

/** A path per URI, worked out once per file: a report has thousands of findings in a few hundred files. */
export function perUri(path: (uri: string) => string): (uri: string) => string {
  const known = new Map<string, string>();
  return (uri) => {
    let p = known.get(uri);
    if (p === undefined) known.set(uri, p = path(uri));
    return p;
  };
}

export function displayPath(uri: string, cwd: string): string {
  const path = uriToPath(uri);
  return path ? relative(cwd, path) : uri;
}

function fileInFolder(uri: string, root: string): string {
  const path = uriToPath(uri);
  return path ? relativePath(root, path) : uri;
}

function folderLabel(folder: FolderReport, ctx: FormatContext): string {
  return relative(ctx.cwd, folder.root) || '.';
}

function isZeroWidth(cp: number): boolean {
  return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)
    || cp === 0x3099 || cp === 0x309a || (cp >= 0xe0100 && cp <= 0xe01ef);
}

/** East Asian Wide and Fullwidth blocks; ambiguous ones (①, ○) are narrow, as most terminals draw them. */
const WIDE: [number, number][] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3041, 0x33ff],
  [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  return WIDE.some(([from, to]) => cp >= from && cp <= to);
}
