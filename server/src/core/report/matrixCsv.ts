// The traceability matrix as CSV for spreadsheets: one record per measure, RFC 4180 quoting.

import type { MatrixLocation, TraceMatrix } from '../features/matrix';
import { filePath, hiddenNote, lineOf, noteOf, proceduresCount, standardsCount, statusText, threatColumns, type MatrixRenderOptions } from './matrixShared';

/**
 * UTF-8 text that starts with a byte order mark: without it, Excel (the spreadsheet most of our
 * users open a CSV with) reads the file as Shift_JIS and shows the Japanese as mojibake. Records
 * end in CRLF as RFC 4180 says; the several sections of one cell are separated by a line feed,
 * which spreadsheets show as lines inside the cell. A column for the policy set comes first
 * when there is more than one matrix.
 */
export function matrixCsv(matrices: TraceMatrix[], options: MatrixRenderOptions): string {
  const { msg } = options;
  const withSet = matrices.length > 1;
  const records: string[][] = [[
    ...(withSet ? [msg('matrixSet')] : []),
    msg('matrixMeasure'), msg('matrixMeasureTitle'), msg('matrixStandards'), msg('matrixStandardsCount'),
    msg('matrixProcedures'), msg('matrixProceduresCount'), msg('matrixStatus'), msg('matrixNote'), msg('matrixLocation'),
  ]];
  for (const matrix of matrices) {
    for (const r of matrix.rows) {
      records.push([
        ...(withSet ? [matrix.name] : []),
        r.id,
        r.title,
        [...r.standards.map((s) => `${s.name} (${where(s.location, options)})`), ...hiddenNote(msg, r.hiddenStandards)].join('\n'),
        String(standardsCount(r)),
        [...r.procedures.map((p) => `${p.name} (${where(p.location, options)})`), ...hiddenNote(msg, r.hiddenProcedures)].join('\n'),
        String(proceduresCount(r)),
        statusText(msg, r.status),
        r.waiver ? `${noteOf(msg, r)} (${where(r.waiver.location, options)})`.trimStart() : '',
        where(r.location, options),
      ]);
    }
  }
  // The threats × measures sheet of each set that has one, after an empty record.
  for (const matrix of matrices) {
    if (!matrix.threats) continue;
    const columns = threatColumns(matrix);
    records.push([], [...(withSet ? [msg('matrixSet')] : []), msg('matrixThreat'), msg('matrixMeasureTitle'), ...columns, msg('matrixLocation')]);
    for (const t of matrix.threats) {
      records.push([...(withSet ? [matrix.name] : []), t.id, t.title, ...columns.map((c) => (t.measures.some((m) => m === c || m.startsWith(c)) ? '✓' : '')), where(t.location, options)]);
    }
  }
  return '\uFEFF' + records.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. A field
 * that starts like a formula (= + - @, or a tab or carriage return before one) is prefixed with
 * ' as OWASP advises, so that a spreadsheet shows it instead of running it
 * (a title `=HYPERLINK("http://…")` stays text).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function where(location: MatrixLocation, options: MatrixRenderOptions): string {
  return `${filePath(location, options)}:${lineOf(location)}`;
}
