// Everything a run loads once it has to analyse: the checker, the matrix and the explanations.
// Bundled apart from the command (dist/cli-engine.js), so that `--version`, `--help` and a
// `check --cache` whose files did not change do not load the core; the language server is
// another bundle (lspEngine.ts).

export { runCheck } from './check';
export { runLock } from './lock';
export { isMatrixFormat, MATRIX_FORMATS, renderMatrix } from './matrix';
export { explainLines } from './explain';
export { runSetJob } from './setJob';
