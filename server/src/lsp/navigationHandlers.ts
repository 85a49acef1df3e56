// LSP glue for finding one's way around a policy set: code lenses over measures, document and
// workspace symbols, completion of 根拠 targets, and the policyTrace/status request of the client.

import {
  CodeLensRefreshRequest,
  CompletionItemKind,
  CompletionTriggerKind,
  MarkupKind,
  SymbolKind,
  type CodeLens,
  type CompletionItem,
  type CompletionParams,
  type Connection,
  type DocumentSymbol,
  type InitializeParams,
  type Position,
  type ServerCapabilities,
  type SymbolInformation,
} from 'vscode-languageserver';
import {
  basisCompletions, documentSymbols, folderStatus, measureLenses, resolveMeasureLens, workspaceSymbols,
  type BasisCompletion, type DocumentFacts, type FolderStatus, type Messages, type OutlineSymbol, type SymbolRole, type TraceIndex,
} from '../core/api';
import { canonicalUri, errorText, type Folders } from './folders';

export { BASIS_TRIGGER_CHARACTERS } from '../core/api';

/** The client command a resolved lens runs; client/src/navigation.ts registers it under this name. */
export const SHOW_REFERENCES_COMMAND = 'policyTrace.showReferences';

/** The custom request the client's status item sends: the figures of the folder of a document. */
export const STATUS_REQUEST = 'policyTrace/status';
export interface StatusParams { uri: string }
export type StatusResult = FolderStatus | null;

/** What the handlers need from the server: the same lookups its own handlers use. */
export interface NavigationContext {
  /** The document's facts in its policy set and the offset of a position, once its folder is loaded. */
  at(uri: string, position: Position): Promise<{ index: TraceIndex; doc: DocumentFacts; offset: number } | undefined>;
  /** The editor's current text of an open document. */
  text(uri: string): string | undefined;
  msg(): Messages;
  /** A URI as the core writes it → the spelling the client used. */
  toClient(uri: string): string;
  folders: Folders;
  log(message: string): void;
}

export interface Navigation {
  /** The capabilities to announce; remembers whether the client can refresh code lenses. */
  capabilities(params: InitializeParams): Pick<ServerCapabilities, 'codeLensProvider' | 'documentSymbolProvider' | 'workspaceSymbolProvider'>;
  /** Targets on a 根拠 / 適用除外 line, [] for a trigger character elsewhere, undefined where terms belong. */
  basisCompletion(params: CompletionParams): Promise<CompletionItem[] | undefined>;
  /** After diagnostics were published: counts on lenses of other documents may have changed. */
  published(): void;
}

interface LensData { uri: string; section: number }

/**
 * Kinds chosen for the icons of the outline and the breadcrumbs: a measure is an Event (what
 * must happen), a heading or 章/節 a Namespace, a numbered item a Module, a defined term a Constant.
 */
const KIND: Record<SymbolRole, SymbolKind> = {
  measure: SymbolKind.Event,
  part: SymbolKind.Namespace,
  item: SymbolKind.Module,
  term: SymbolKind.Constant,
};

export function registerNavigation(connection: Connection, context: NavigationContext): Navigation {
  let canRefreshLenses = false;
  const { at, msg, toClient } = context;

  async function guard<T>(name: string, fallback: T, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      context.log(`Policy Trace: ${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  }

  // Listing is cheap; the counts are computed only for the lenses VS Code shows (codeLens/resolve).
  connection.onCodeLens((params) => guard('codeLens', [], async () => {
    const t = await at(params.textDocument.uri, { line: 0, character: 0 });
    if (!t) return [];
    return measureLenses(t.index, t.doc).map((l): CodeLens => ({ range: l.range, data: { uri: t.doc.uri, section: l.section } satisfies LensData }));
  }));

  /**
   * A lens with a chain runs the client's policyTrace.showReferences, which turns these plain
   * LSP values into vscode.Uri/Position/Location and calls the built-in editor.action.showReferences
   * (VS Code's command needs those classes, which JSON arguments cannot carry). A lens without a
   * chain gets an empty command: VS Code then shows its text without making it clickable.
   */
  connection.onCodeLensResolve((lens) => guard('codeLensResolve', lens, async () => {
    const data = lens.data as Partial<LensData> | undefined;
    if (typeof data?.uri !== 'string' || typeof data.section !== 'number') return { ...lens, command: { title: '', command: '' } };
    const t = await at(data.uri, lens.range.start);
    const resolved = t && resolveMeasureLens(t.index, t.doc, data.section, msg());
    if (!resolved) return { ...lens, command: { title: '', command: '' } };
    const command = resolved.chain.length
      ? {
        title: resolved.title,
        command: SHOW_REFERENCES_COMMAND,
        arguments: [toClient(resolved.position.uri), resolved.position.range.start, resolved.chain.map((l) => ({ uri: toClient(l.uri), range: l.range }))],
      }
      : { title: resolved.title, command: '' };
    return { ...lens, command };
  }));

  connection.onDocumentSymbol((params) => guard('documentSymbol', [], async () => {
    const t = await at(params.textDocument.uri, { line: 0, character: 0 });
    return t ? documentSymbols(t.index, t.doc, msg()).map(toDocumentSymbol) : [];
  }));

  connection.onWorkspaceSymbol((params) => guard('workspaceSymbol', [], async () => {
    const indexes: TraceIndex[] = [];
    for (const folder of context.folders.all()) {
      await folder.ready;
      indexes.push(...folder.workspace.getIndexes());
    }
    return workspaceSymbols(indexes, params.query).map((s): SymbolInformation => ({
      name: s.name,
      kind: KIND[s.role],
      location: { uri: toClient(s.location.uri), range: s.location.range },
      containerName: s.containerName,
    }));
  }));

  connection.onRequest(STATUS_REQUEST, (params: StatusParams) => guard<StatusResult>('status', null, async () => {
    const key = typeof params?.uri === 'string' ? canonicalUri(params.uri) : undefined;
    const folder = key ? context.folders.ownerOf(key) : undefined;
    if (!folder) return null;
    await folder.ready;
    return folderStatus(folder.workspace.getIndexes());
  }));

  return {
    capabilities(params) {
      canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
      return { codeLensProvider: { resolveProvider: true }, documentSymbolProvider: { label: 'Policy Trace' }, workspaceSymbolProvider: true };
    },

    basisCompletion: (params) => guard<CompletionItem[] | undefined>('basisCompletion', undefined, async () => {
      // A space or a colon typed anywhere else must not pop up every defined term.
      const elsewhere = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? [] : undefined;
      const t = await at(params.textDocument.uri, params.position);
      const text = context.text(params.textDocument.uri);
      if (!t || text === undefined) return elsewhere;
      return basisCompletions(t.index, t.doc, text, params.position, msg())?.map(toCompletionItem) ?? elsewhere;
    }),

    published() {
      if (!canRefreshLenses) return;
      connection.sendRequest(CodeLensRefreshRequest.type).catch((e: unknown) => context.log(`Policy Trace: code lens refresh failed: ${errorText(e)}`));
    },
  };
}

function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: KIND[s.role],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toDocumentSymbol),
  };
}

function toCompletionItem(c: BasisCompletion): CompletionItem {
  return {
    label: c.label,
    labelDetails: { description: c.tierLabel },
    kind: c.role === 'measure' ? CompletionItemKind.Event : CompletionItemKind.Module,
    detail: c.detail,
    ...(c.documentation ? { documentation: { kind: MarkupKind.PlainText, value: c.documentation } } : {}),
    textEdit: { range: c.range, newText: c.insertText },
    filterText: c.filterText,
    sortText: c.sortText,
  };
}
