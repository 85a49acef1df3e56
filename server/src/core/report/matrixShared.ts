// What the three matrix renderers share: their options, status labels, headers and how a location
// is named, so the Markdown, CSV and HTML of one matrix say the same things.

import type { Messages, MessageId } from '../messages';
import type { CoverageStatus } from '../index/traceIndex';
import type { MatrixLocation, TraceMatrix } from '../features/matrix';

export interface MatrixRenderOptions {
  msg: Messages;
  /**
   * How the output names a location's file. Default: its path inside the policy set's folder. The
   * CLI makes it relative to where the output is written, so the links of a saved file work.
   */
  pathOf?: (location: MatrixLocation) => string;
}

export const STATUS_LABEL: Record<CoverageStatus, MessageId> = {
  'covered': 'statusCovered',
  'missing-procedure': 'statusMissingProcedure',
  'missing-standard': 'statusMissingStandard',
  'waived': 'statusWaived',
};

export const STATUS_LEGEND: Record<CoverageStatus, MessageId> = {
  'covered': 'matrixLegendCovered',
  'missing-procedure': 'matrixLegendMissingProcedure',
  'missing-standard': 'matrixLegendMissingStandard',
  'waived': 'matrixLegendWaived',
};

/** A mark beside each status, so that it reads without colour (in print, in grey, in plain text). */
export const STATUS_MARK: Record<CoverageStatus, string> = {
  'covered': '○',
  'missing-procedure': '△',
  'missing-standard': '×',
  'waived': '－',
};

export function statusText(msg: Messages, status: CoverageStatus): string {
  return `${STATUS_MARK[status]} ${msg(STATUS_LABEL[status])}`;
}

export function filePath(location: MatrixLocation, options: MatrixRenderOptions): string {
  return options.pathOf ? options.pathOf(location) : location.path;
}

/**
 * A relative path as the path of a link: each segment percent-encoded where a URL would read it
 * otherwise (# starts a fragment, ? a query, % an escape; spaces, brackets and controls end or
 * break a link), kanji and '/' left as they are so the link reads as the file name.
 */
export function linkPath(path: string): string {
  return path.replace(/[%#?\s()<>"'\\\u0000-\u001f\u007f]/gu, (c) => encodeURIComponent(c).replace(/[()']/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`));
}

/** Standards sections and procedures behind a row, the hidden ones of a public export included. */
export function standardsCount(r: TraceMatrix['rows'][number]): number {
  return r.standards.length + (r.hiddenStandards ?? 0);
}

export function proceduresCount(r: TraceMatrix['rows'][number]): number {
  return r.procedures.length + (r.hiddenProcedures ?? 0);
}

/** `非公開 3件`, where a public export counts documents it does not name; nothing otherwise. */
export function hiddenNote(msg: Messages, count: number | undefined): string[] {
  return count ? [msg('matrixHidden', count)] : [];
}

/** 1-based, as editors and people count lines. */
export function lineOf(location: MatrixLocation): number {
  return location.range.start.line + 1;
}

export function summaryLine(msg: Messages, matrix: TraceMatrix): string {
  const c = matrix.counts;
  return msg('matrixSummary', matrix.rows.length, c['covered'], c['missing-procedure'], c['missing-standard'], c['waived']);
}

/** The note of a row: the waiver's reason. */
export function noteOf(msg: Messages, row: TraceMatrix['rows'][number]): string {
  return row.waiver?.reason ? msg('matrixWaiverReason', row.waiver.reason) : '';
}

/**
 * The columns of the threats sheet: the measures without a parent (6(1) … 6(9)); a threat a
 * sub-item addresses (6(3)①) is marked under its measure.
 */
export function threatColumns(matrix: TraceMatrix): string[] {
  return matrix.rows.filter((r) => !r.parent).map((r) => r.id);
}
