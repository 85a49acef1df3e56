// The traceability matrix as a Markdown document: one table per policy set, each standards section
// and procedure a link to its line, so it reads on GitHub or in any Markdown preview.

import type { MatrixLocation, TraceMatrix } from '../features/matrix';
import { filePath, hiddenNote, linkPath, threatColumns, proceduresCount, standardsCount, lineOf, noteOf, statusText, summaryLine, type MatrixRenderOptions } from './matrixShared';

export function matrixMarkdown(matrices: TraceMatrix[], options: MatrixRenderOptions): string {
  const { msg } = options;
  const out = [`# ${cell(msg('matrixTitle'))}`];
  for (const matrix of matrices) {
    out.push('');
    if (matrix.name) out.push(`## ${cell(matrix.name)}`, '');
    if (!matrix.rows.length) {
      out.push(cell(msg('matrixNoMeasures')));
      continue;
    }
    out.push(cell(summaryLine(msg, matrix)), '');
    out.push(row([
      msg('matrixMeasure'), msg('matrixMeasureTitle'), msg('matrixStandards'), msg('matrixStandardsCount'),
      msg('matrixProcedures'), msg('matrixProceduresCount'), msg('matrixStatus'), msg('matrixNote'),
    ].map(cell)));
    out.push('| --- | --- | --- | ---: | --- | ---: | --- | --- |');
    for (const r of matrix.rows) {
      out.push(row([
        link(r.id, r.location, options),
        cell(r.title),
        [...r.standards.map((s) => link(s.name, s.location, options)), ...hiddenNote(msg, r.hiddenStandards)].join('<br>'),
        String(standardsCount(r)),
        [...r.procedures.map((p) => link(p.name, p.location, options)), ...hiddenNote(msg, r.hiddenProcedures)].join('<br>'),
        String(proceduresCount(r)),
        cell(statusText(msg, r.status)),
        r.waiver ? link(noteOf(msg, r) || msg('statusWaived'), r.waiver.location, options) : '',
      ]));
    }
    if (matrix.threats) {
      const columns = threatColumns(matrix);
      out.push('', `${matrix.name ? '###' : '##'} ${cell(msg('matrixThreats'))}`, '');
      out.push(row([msg('matrixThreat'), msg('matrixMeasureTitle'), ...columns].map(cell)));
      out.push(`| --- | --- |${' :---: |'.repeat(columns.length)}`);
      for (const t of matrix.threats) {
        out.push(row([link(t.id, t.location, options), cell(t.title), ...columns.map((c) => (t.measures.some((m) => m === c || m.startsWith(c)) ? '✓' : ''))]));
      }
    }
  }
  return out.join('\n') + '\n';
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`.replace(/ {2,}\|/g, ' |');
}

/**
 * Text safe inside a table cell: no line breaks, `|` escaped, and the characters that would start
 * markup (emphasis, links, HTML) escaped, so a title is shown as written.
 */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\|`*_[\]<>]/g, (c) => `\\${c}`);
}

function link(text: string, location: MatrixLocation, options: MatrixRenderOptions): string {
  return `[${cell(text)}](${linkPath(filePath(location, options))}#L${lineOf(location)})`;
}
