// `policy-trace check --matrix md|csv|html`: the traceability matrix of the checked folders, with
// links written relative to where the matrix goes, so they work from the saved file.

import { dirname, relative, sep } from 'node:path';
import { matrixCsv, matrixHtml, matrixMarkdown, publicMatrix, traceMatrix, type Locale, type MatrixLocation, type Messages, type TraceMatrix } from '../core/api';
import { uriToPath } from '../host/folder';
import { keptIndexes, type FolderResult } from './check';

export const MATRIX_FORMATS = ['md', 'csv', 'html'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

export interface MatrixContext {
  cwd: string;
  msg: Messages;
  locale: Locale;
  /** Absolute path of the file the matrix is written to; undefined for stdout. */
  output?: string;
  /** When the matrix was made, as shown on the HTML page. */
  generated: Date;
  /** For publication: non-public documents counted, not named (--public). */
  public?: boolean;
}

export function renderMatrix(folders: FolderResult[], format: MatrixFormat, ctx: MatrixContext): string {
  const matrices: TraceMatrix[] = [];
  for (const folder of folders) {
    for (const index of keptIndexes(folder, 'renderMatrix')) {
      if (!index.measures.length) continue;
      const label = [folders.length > 1 ? relative(ctx.cwd, folder.root) || '.' : '', index.name].filter(Boolean).join(' › ');
      const matrix = traceMatrix(index);
      const shown = ctx.public ? publicMatrix(matrix, (uri) => index.documents.find((d) => d.uri === uri)?.publicity !== 'public', ctx.msg) : matrix;
      matrices.push({ ...shown, name: label });
    }
  }
  const base = ctx.output ? dirname(ctx.output) : ctx.cwd;
  const pathOf = (location: MatrixLocation): string => {
    const path = uriToPath(location.uri);
    return path ? relative(base, path).split(sep).join('/') : location.uri;
  };
  const options = { msg: ctx.msg, pathOf };
  switch (format) {
    case 'md': return matrixMarkdown(matrices, options);
    case 'csv': return matrixCsv(matrices, options);
    case 'html': return matrixHtml(matrices, { ...options, generated: localTime(ctx.generated), lang: ctx.locale });
  }
}

export function isMatrixFormat(value: string): value is MatrixFormat {
  return (MATRIX_FORMATS as readonly string[]).includes(value);
}

/** `2025-04-01 09:30`, in the machine's time zone, as an auditor reads a date on paper. */
function localTime(d: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
