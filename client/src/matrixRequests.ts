// The traceability requests the client sends, typed once for the tree view and the matrix webview.

import type { LanguageClient } from 'vscode-languageclient/node';
import type { TraceMatrix } from '../../server/src/core/features/matrix';
import type { ExportMatrixParams, MatrixResult } from '../../server/src/lsp/matrixHandlers';

export type { TraceMatrix, MatrixRow, MatrixLocation } from '../../server/src/core/features/matrix';

/** Kept equal to the server's constants (server/src/lsp/matrixHandlers.ts): the client bundle does not import server code. */
export const MATRIX_REQUEST = 'policyTrace/matrix';
export const EXPORT_MATRIX_REQUEST = 'policyTrace/exportMatrix';
export const OPEN_LOCATION_COMMAND = 'policyTrace.openLocation';

export async function requestMatrices(client: LanguageClient, uri?: string): Promise<TraceMatrix[]> {
  const result = await client.sendRequest<MatrixResult>(MATRIX_REQUEST, uri === undefined ? {} : { uri });
  return result?.matrices ?? [];
}

export async function requestExport(client: LanguageClient, params: ExportMatrixParams): Promise<string | null> {
  return client.sendRequest<string | null>(EXPORT_MATRIX_REQUEST, params);
}
