// The core's public surface: what the language server and the CLI may use. Nothing here does IO.

export { PolicyWorkspace, CONFIG_FILE, LOCK_FILE, type ComputedFacts, type WorkspaceOptions, type WorkspaceSettings } from './workspace';
export { parseConfig, defaultConfig, type Config } from './config';
export { analyzeDocument, type DocumentFacts } from './facts';
export { buildIndex, nodeKey, type TraceIndex, type Measure, type Coverage, type NodeRef } from './index/traceIndex';
export { hover, measureChain, type HoverResult } from './features/hover';
export { definition, references } from './features/navigation';
export {
  termAt, termOccurrenceAt, termDefinition, termHover, termReferences, termHighlights, prepareTermRename, renameTerm,
  isRenameRefusal, termCompletions, termSemanticTokens,
  type TermOccurrence, type TermHighlight, type HighlightKind, type RenameEdits, type RenameRefusal, type TermCompletion,
  type TermToken, type SemanticTokenType,
} from './features/terms';
export { measureLenses, resolveMeasureLens, coverageText, type MeasureLens, type ResolvedMeasureLens } from './features/codeLens';
export { documentSymbols, workspaceSymbols, sectionName, type OutlineSymbol, type WorkspaceSymbolEntry, type SymbolRole } from './features/symbols';
export { basisCompletions, BASIS_TRIGGER_CHARACTERS, type BasisCompletion } from './features/basisCompletion';
export { folderStatus, type FolderStatus } from './features/status';
export { nodeName } from './checks/context';
export { fixAllEdits } from './features/fixAll';
export {
  explainMeasure, explainSection, measureExplanationLines, sectionExplanationLines,
  type MeasureExplanation, type SectionExplanation,
} from './features/explain';
export {
  traceMatrix, publicMatrix, directProcedures, MATRIX_STATUSES,
  type TraceMatrix, type MatrixRow, type MatrixStandard, type MatrixProcedure, type MatrixLocation, type MatrixWaiver,
} from './features/matrix';
export { matrixMarkdown } from './report/matrixMarkdown';
export { matrixCsv } from './report/matrixCsv';
export { matrixHtml, type MatrixHtmlOptions } from './report/matrixHtml';
export type { MatrixRenderOptions } from './report/matrixShared';
export { messagesFor, resolveLocale, type Messages } from './messages';
export * from './types';
