// Everything a run loads once it has to analyse: the checker, the matrix, the explanations and the
// language server. Bundled apart from the command (dist/cli-engine.js), so that `--version`, `--help`
// and a `check --cache` whose files did not change load neither the core nor the protocol.

export { runCheck } from './check';
export { runLock } from './lock';
export { isMatrixFormat, MATRIX_FORMATS, renderMatrix } from './matrix';
export { explainLines } from './explain';
export { runSetJob } from './setJob';
export { startServer } from '../lsp/server';
export { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
