// The Word import and export, a bundle of their own (dist/cli-word.js): mammoth and docx are
// loaded only by `policy-trace import` and `export`.

export { runImport } from './wordImport';
export { runExport } from './wordExport';
