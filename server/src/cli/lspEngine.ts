// The language server as `policy-trace lsp` runs it, a bundle of its own (dist/cli-lsp.js): the
// protocol machinery (vscode-languageserver and the node modules it asks for) took a fifth of the
// engine's start in every thread of every check (15-30 ms of 60-70).

export { startServer } from '../lsp/server';
export { stdioConnection } from '../lsp/stdio';
