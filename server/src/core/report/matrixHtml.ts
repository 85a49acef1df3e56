// The traceability matrix as one self-contained HTML page for an audit: inline CSS, no scripts,
// nothing loaded from anywhere, printable (A4 landscape, headers repeated on every page), with
// status colours that stay apart in grey and a mark beside each status for black-and-white print.

import type { Locale } from '../types';
import type { CoverageStatus } from '../index/traceIndex';
import { MATRIX_STATUSES, type MatrixLocation, type TraceMatrix } from '../features/matrix';
import { STATUS_LABEL, STATUS_LEGEND, STATUS_MARK, threatColumns, filePath, hiddenNote, linkPath, proceduresCount, standardsCount, lineOf, noteOf, statusText, summaryLine, type MatrixRenderOptions } from './matrixShared';

export interface MatrixHtmlOptions extends MatrixRenderOptions {
  /** Shown under the title; passed in (not read from a clock) so the same input gives the same page. */
  generated: string;
  /** The page's language, for fonts and screen readers; Japanese unless the messages are English. */
  lang?: Locale;
  /** Where a link goes. Default: the file (see `pathOf`) at its line, `対策基準.md#L12`. */
  href?: (location: MatrixLocation) => string;
  /** For a webview: a Content-Security-Policy meta element, and the nonce it allows the style by. */
  contentSecurityPolicy?: string;
  styleNonce?: string;
}

export function matrixHtml(matrices: TraceMatrix[], options: MatrixHtmlOptions): string {
  const { msg } = options;
  const title = msg('matrixTitle');
  const head = [
    '<meta charset="utf-8">',
    ...(options.contentSecurityPolicy ? [`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(options.contentSecurityPolicy)}">`] : []),
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style${options.styleNonce ? ` nonce="${escapeHtml(options.styleNonce)}"` : ''}>\n${CSS}</style>`,
  ];
  const body: string[] = [
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="generated">${escapeHtml(msg('matrixGenerated', options.generated))}</p>`,
    '</header>',
  ];
  for (const matrix of matrices) body.push(...section(matrix, options));
  body.push(...legend(options));
  return [
    '<!DOCTYPE html>',
    `<html lang="${options.lang ?? 'ja'}">`,
    '<head>',
    ...head,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function section(matrix: TraceMatrix, options: MatrixHtmlOptions): string[] {
  const { msg } = options;
  const out = ['<section>'];
  if (matrix.name) out.push(`<h2>${escapeHtml(matrix.name)}</h2>`);
  if (!matrix.rows.length) {
    out.push(`<p class="summary">${escapeHtml(msg('matrixNoMeasures'))}</p>`, '</section>');
    return out;
  }
  out.push(`<p class="summary">${escapeHtml(summaryLine(msg, matrix))}</p>`);
  out.push('<table>');
  out.push('<thead><tr>' + [
    msg('matrixMeasure'), msg('matrixMeasureTitle'), msg('matrixStandards'), msg('matrixStandardsCount'),
    msg('matrixProcedures'), msg('matrixProceduresCount'), msg('matrixStatus'), msg('matrixNote'),
  ].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('') + '</tr></thead>');
  out.push('<tbody>');
  for (const r of matrix.rows) {
    out.push(`<tr class="${r.status}${r.parent ? ' sub' : ''}">`
      + `<th scope="row">${link(r.id, r.location, options)}</th>`
      + `<td>${escapeHtml(r.title)}</td>`
      + `<td>${list([...r.standards.map((s) => link(s.name, s.location, options)), ...hiddenNote(msg, r.hiddenStandards).map(escapeHtml)])}</td>`
      + `<td class="count">${standardsCount(r)}</td>`
      + `<td>${list([...r.procedures.map((p) => link(p.name, p.location, options)), ...hiddenNote(msg, r.hiddenProcedures).map(escapeHtml)])}</td>`
      + `<td class="count">${proceduresCount(r)}</td>`
      + `<td class="status">${escapeHtml(statusText(msg, r.status))}</td>`
      + `<td>${r.waiver ? link(noteOf(msg, r) || msg('statusWaived'), r.waiver.location, options) : ''}</td>`
      + '</tr>');
  }
  out.push('</tbody>', '</table>');
  if (matrix.threats) {
    const columns = threatColumns(matrix);
    out.push(`<h3>${escapeHtml(msg('matrixThreats'))}</h3>`, '<table class="threats">');
    out.push('<thead><tr>' + [msg('matrixThreat'), msg('matrixMeasureTitle'), ...columns].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('') + '</tr></thead>');
    out.push('<tbody>');
    for (const t of matrix.threats) {
      out.push(`<tr><th scope="row">${link(t.id, t.location, options)}</th><td>${escapeHtml(t.title)}</td>`
        + columns.map((c) => `<td class="mark">${t.measures.some((m) => m === c || m.startsWith(c)) ? '✓' : ''}</td>`).join('') + '</tr>');
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');
  return out;
}

function legend(options: MatrixHtmlOptions): string[] {
  const { msg } = options;
  const item = (s: CoverageStatus): string =>
    `<li><span class="swatch ${s}">${escapeHtml(STATUS_MARK[s])}</span> ${escapeHtml(msg(STATUS_LABEL[s]))}: ${escapeHtml(msg(STATUS_LEGEND[s]))}</li>`;
  return ['<footer>', `<h2>${escapeHtml(msg('matrixLegend'))}</h2>`, '<ul class="legend">', ...MATRIX_STATUSES.map(item), '</ul>', '</footer>'];
}

function list(items: string[]): string {
  return items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '';
}

function link(text: string, location: MatrixLocation, options: MatrixHtmlOptions): string {
  const href = options.href ? options.href(location) : `${linkPath(filePath(location, options))}#L${lineOf(location)}`;
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

// Grey values of the four backgrounds differ (about 93%, 85%, 72% and white with a dashed
// border), so a grey print still tells them apart; the marks ○ △ × － say it without any colour.
const CSS = `:root { color-scheme: light; }
body { font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic", "Meiryo", "Noto Sans CJK JP", sans-serif; font-size: 10.5pt; color: #000; background: #fff; margin: 1.5em; }
h1 { font-size: 1.5em; margin: 0 0 0.2em; }
h2 { font-size: 1.2em; margin: 1.2em 0 0.4em; }
.generated, .summary { margin: 0.2em 0 0.6em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: 0.25em 0.4em; vertical-align: top; text-align: left; }
thead th { background: #e6e6e6; }
td ul, .legend { margin: 0; padding-left: 1.1em; }
td.count { text-align: right; white-space: nowrap; }
td.status { white-space: nowrap; }
tr.sub th { padding-left: 1.4em; font-weight: normal; }
tr.covered td.status, .swatch.covered { background: #dcefdc; }
tr.missing-procedure td.status, .swatch.missing-procedure { background: #ffd98a; }
tr.missing-standard td.status, .swatch.missing-standard { background: #f2a3a3; font-weight: bold; }
tr.waived td.status, .swatch.waived { background: #fff; outline: 1px dashed #555; outline-offset: -3px; font-style: italic; }
.swatch { display: inline-block; min-width: 1.6em; text-align: center; border: 1px solid #555; }
a { color: #0645ad; }
footer { margin-top: 1.5em; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; font-size: 9pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  section { break-inside: auto; }
}
`;
