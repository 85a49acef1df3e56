// The custom requests behind the traceability view: `policyTrace/matrix` (the matrix data, with
// locations) and `policyTrace/exportMatrix` (the matrix rendered as Markdown, CSV or HTML).

import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import {
  matrixCsv, matrixHtml, matrixMarkdown, publicMatrix, resolveLocale, traceMatrix, type MatrixLocation, type Messages, type TraceMatrix,
} from '../core/api';
import { uriToPath } from '../host/folder';
import { canonicalUri, type Folder, type Folders } from './folders';

export const MATRIX_REQUEST = 'policyTrace/matrix';
export const EXPORT_MATRIX_REQUEST = 'policyTrace/exportMatrix';
/** The client command a webview link runs to open a location (see client/src/matrixView.ts). */
export const OPEN_LOCATION_COMMAND = 'policyTrace.openLocation';

export interface MatrixParams {
  /** A document (or workspace folder): its policy set, or every set of its folder; none: every set open. */
  uri?: string;
}

export interface MatrixResult { matrices: TraceMatrix[] }

export interface ExportMatrixParams extends MatrixParams {
  format: 'md' | 'csv' | 'html';
  /** The file the text will be saved to: links are made relative to it. Default: the folder's root. */
  target?: string;
  /** Shown on the HTML page; default the server's clock (ISO 8601, UTC). */
  generated?: string;
  /**
   * For a webview: links become command URIs that open the location, and the page carries a
   * Content-Security-Policy that allows nothing but its own style (by this nonce).
   */
  webview?: { nonce: string };
  /** For publication: non-public documents (公開区分: 非公開, 実施手順 by default) counted, not named. */
  public?: boolean;
}

export interface MatrixHandlerContext {
  folders: Folders;
  msg: () => Messages;
  /** The locale the messages follow, for the HTML page's lang. */
  locale: () => string | undefined;
  toClient: (key: string) => string;
  guard: <T>(name: string, fallback: T, run: () => T | Promise<T>) => Promise<T>;
}

export function registerMatrixHandlers(connection: Connection, context: MatrixHandlerContext): void {
  connection.onRequest(MATRIX_REQUEST, (params: MatrixParams | undefined) =>
    context.guard<MatrixResult>(MATRIX_REQUEST, { matrices: [] }, async () => ({ matrices: await matrices(context, params?.uri) })));

  connection.onRequest(EXPORT_MATRIX_REQUEST, (params: ExportMatrixParams) =>
    context.guard<string | null>(EXPORT_MATRIX_REQUEST, null, async () => {
      const msg = context.msg();
      const list = await matrices(context, params.uri, params.public ? msg : undefined);
      const options = { msg, pathOf: pathFrom(params.target) };
      switch (params.format) {
        case 'md': return matrixMarkdown(list, options);
        case 'csv': return matrixCsv(list, options);
        case 'html': {
          const nonce = params.webview?.nonce;
          return matrixHtml(list, {
            ...options,
            generated: params.generated ?? new Date().toISOString(),
            lang: resolveLocale(context.locale()),
            ...(nonce ? {
              href: commandHref,
              styleNonce: nonce,
              contentSecurityPolicy: `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'none'; form-action 'none'`,
            } : {}),
          });
        }
        default: return null;
      }
    }));
}

/** Links relative to the saved file; without one, the path inside the folder (right for a file at its root). */
function pathFrom(target: string | undefined): ((location: MatrixLocation) => string) | undefined {
  const key = target === undefined ? undefined : canonicalUri(target);
  const file = key && uriToPath(key);
  if (!file) return undefined;
  return (location) => {
    const path = uriToPath(location.uri);
    return path ? relative(dirname(file), path).split(sep).join('/') : location.path;
  };
}

function commandHref(location: MatrixLocation): string {
  return `command:${OPEN_LOCATION_COMMAND}?${encodeURIComponent(JSON.stringify([location.uri, location.range.start.line]))}`;
}

/** The matrices a request asks for, with URIs as the client spells them. */
async function matrices(context: MatrixHandlerContext, uri: string | undefined, publicFor?: Messages): Promise<TraceMatrix[]> {
  const key = uri === undefined ? undefined : canonicalUri(uri);
  let chosen: Folder[];
  if (key === undefined) chosen = context.folders.all();
  else {
    const path = uriToPath(key);
    const own = path ? context.folders.get(resolve(path)) : undefined;
    const owner = own ?? context.folders.ownerOf(key);
    chosen = owner ? [owner] : [];
  }
  const several = chosen.length > 1;
  const out: TraceMatrix[] = [];
  for (const folder of chosen) {
    await folder.ready;
    const found = key ? folder.workspace.find(key) : undefined;
    const indexes = found ? [found.index] : folder.workspace.getIndexes().filter((i) => i.measures.length);
    for (const index of indexes) {
      const full = traceMatrix(index);
      const matrix = publicFor ? publicMatrix(full, (u) => folder.workspace.find(u)?.doc.publicity !== 'public', publicFor) : full;
      const name = [several ? basename(folder.root) : '', matrix.name].filter(Boolean).join(' › ');
      out.push(withClientUris({ ...matrix, name }, context.toClient));
    }
  }
  return out;
}

function withClientUris(matrix: TraceMatrix, toClient: (key: string) => string): TraceMatrix {
  const at = (l: MatrixLocation): MatrixLocation => ({ ...l, uri: toClient(l.uri) });
  return {
    ...matrix,
    rows: matrix.rows.map((r) => ({
      ...r,
      location: at(r.location),
      standards: r.standards.map((s) => ({ ...s, location: at(s.location) })),
      procedures: r.procedures.map((p) => ({ ...p, location: at(p.location) })),
      ...(r.waiver ? { waiver: { ...r.waiver, location: at(r.waiver.location) } } : {}),
    })),
  };
}
