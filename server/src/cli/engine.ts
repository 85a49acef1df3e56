// Everything a run loads once it has to analyse: the checker, the matrix, the explanations and the
// language server. Bundled apart from the command (dist/cli-engine.js), so that `--version`, `--help`
// and a `check --cache` whose files did not change load neither the core nor the protocol. It is
// also the script of the worker threads that check a share of a folder's sets.

import { serveShareIfWorker } from './shareWorker';

export { runCheck } from './check';
export { isMatrixFormat, MATRIX_FORMATS, renderMatrix } from './matrix';
export { explainLines } from './explain';
export { startServer } from '../lsp/server';
export { createConnection, ProposedFeatures } from 'vscode-languageserver/node';

serveShareIfWorker();
