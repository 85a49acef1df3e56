// The core's public surface: what the language server and the CLI may use. Nothing here does IO.

export { PolicyWorkspace, CONFIG_FILE } from './workspace';
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
export { nodeName } from './checks/context';
export { messagesFor, resolveLocale, type Messages } from './messages';
export * from './types';
