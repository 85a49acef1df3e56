// The language server: capabilities, document sync, and handlers that convert LSP values, call the
// core and convert the answers back. All analysis lives in ../core; all per-folder state in ./folders.

import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type Position,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { ClampedTextDocument } from './clampedDocuments';
import {
  CONFIG_FILE, LOCK_FILE, definition, hover, isRenameRefusal, messagesFor, prepareTermRename, references, renameTerm, termCompletions,
  termDefinition, termHighlights, termHover, termOccurrenceAt, termReferences, termSemanticTokens, type DocumentFacts, type TraceIndex,
} from '../core/api';
import { readTextFile, uriToPath } from '../host/folder';
import { idleCollection, youngCollectionBetweenEdits } from '../host/idleCollection';
import {
  SEMANTIC_LEGEND, sameDiagnostics, toCompletionItem, toDiagnostic, toHighlight, toLocation, toSemanticTokens,
} from './convert';
import { withFreshFiles, type EditSources } from './exactEdits';
import { canonicalUri, errorText, Folders, isMarkdownPath, type AnalysisProgress, type Folder } from './folders';
import { codeActions, FIX_ALL_KIND, resolveCodeAction, type FixContext } from './fixHandlers';
import { registerMatrixHandlers } from './matrixHandlers';
import { registerReviewHandlers } from './reviewHandlers';
import { BASIS_TRIGGER_CHARACTERS, registerNavigation } from './navigationHandlers';
import { later, type Cancel } from './later';
import { stdioConnection } from './stdio';

export interface InitializationOptions {
  /** Delay between the last edit and the re-check, in milliseconds (default 50). */
  debounceMs?: number;
  /** The message language chosen in the client's settings; wins over the client's display language. */
  locale?: string;
  /** False when the user has not trusted the workspace: its prh regular expressions are not run. */
  trusted?: boolean;
}

const mib = (bytes: number): string => (bytes / 1048576).toFixed(1);
const kib = (bytes: number): string => String(Math.round(bytes / 1024));

/** Pause in typing after which the rest of the set is checked again (the edited document is at once). */
const SET_PASS_DELAY_MS = 300;

export function startServer(given?: Connection): void {
  // On stdio the server makes its own writer (stdio.ts); other transports are as the library makes them.
  const connection = given ?? (process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all));
  const documents = new TextDocuments(ClampedTextDocument);

  let locale: string | undefined;
  let debounceMs = 50;
  let initialRoots: string[] = [];
  let canRegisterWatchers = false;
  let clientSendsFolderChanges = false;
  let canRefreshTokens = false;
  let resolvesEdits = false;
  let canShowProgress = false;
  let trusted = true;

  /** Open editors by canonical URI → the URI the client uses for them. */
  const openByKey = new Map<string, string>();
  /** Every spelling of a URI the client has sent, so answers use its own. */
  const clientUris = new Map<string, string>();
  const timers = new Map<Folder, Cancel>();
  // Said in the client's trace (verbose or messages), where one looks for what the server does.
  const collection = idleCollection((before, after, ms) => connection.tracer.log(`Policy Trace: idle collection, heap ${mib(before)} -> ${mib(after)} MiB in ${Math.round(ms)} ms`));
  const young = youngCollectionBetweenEdits((before, after, ms) => connection.tracer.log(`Policy Trace: young collection, ${kib(before)} -> ${kib(after)} KiB in ${ms.toFixed(1)} ms`));
  /** The set-wide pass that follows a burst of edits. */
  const setPasses = new Map<Folder, Cancel>();

  const log = (message: string): void => {
    try {
      connection.console.error(message);
    } catch {
      // The connection is gone; nobody is left to tell.
    }
  };

  const folders = new Folders({
    openText: (key) => {
      const uri = openByKey.get(key);
      return uri === undefined ? undefined : documents.get(uri)?.getText();
    },
    openKeys: () => [...openByKey.keys()],
    trusted: () => trusted,
    log,
  });

  const toClient = (key: string): string => clientUris.get(key) ?? key;
  const remember = (uri: string): string | undefined => {
    const key = canonicalUri(uri);
    if (key) clientUris.set(key, uri);
    return key;
  };

  async function guard<T>(name: string, fallback: T, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      log(`Policy Trace: ${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  }

  /** Sends the diagnostics of the folder's documents that changed since they were last sent. */
  function publish(folder: Folder): void {
    if (folders.get(folder.root) !== folder) return;
    const findings = folder.workspace.findings(locale);
    for (const [key, list] of findings) {
      // A document inside a nested folder is that folder's to report.
      if (folders.ownerOf(key) !== folder) continue;
      send(folder, key, list.map((f) => toDiagnostic(f, toClient)));
    }
    for (const key of [...folder.published.keys()]) {
      if (!findings.has(key)) send(folder, key, undefined);
    }
    // A definition added in one file changes the tokens of every other open file of the set.
    if (canRefreshTokens) connection.languages.semanticTokens.refresh().catch((e: unknown) => log(`Policy Trace: semantic tokens refresh failed: ${errorText(e)}`));
    navigation.published();
    collection?.worked();
    young?.worked();
  }

  /** `undefined` clears a document that left the folder (deleted, excluded, folder removed). */
  function send(folder: Folder, key: string, diagnostics: Diagnostic[] | undefined): void {
    const last = folder.published.get(key);
    if (diagnostics === undefined) folder.published.delete(key);
    else if (last && sameDiagnostics(last, diagnostics)) return;
    else folder.published.set(key, diagnostics);
    void connection.sendDiagnostics({ uri: toClient(key), diagnostics: diagnostics ?? [] });
  }

  /** Sends one document's diagnostics, computed without checking the rest of its set. */
  function publishOne(folder: Folder, key: string): void {
    if (folders.get(folder.root) !== folder || folders.ownerOf(key) !== folder) return;
    send(folder, key, folder.workspace.findingsFor(key, locale).map((f) => toDiagnostic(f, toClient)));
    collection?.worked();
    young?.worked();
  }

  /**
   * Re-checks after the last of a burst of edits, once any load in progress has finished. An edit
   * in an editor answers that document first (its cost does not grow with the set); the other
   * documents of the set, whose diagnostics the edit may also change, follow once typing pauses.
   */
  function schedule(folder: Folder, edited?: string): void {
    young?.busy();
    timers.get(folder)?.();
    setPasses.get(folder)?.();
    timers.set(folder, later(() => {
      timers.delete(folder);
      void guard('publish', undefined, async () => {
        await analysed(folder);
        if (edited === undefined) return publish(folder);
        publishOne(folder, edited);
        setPasses.set(folder, later(() => {
          setPasses.delete(folder);
          void guard('publish', undefined, async () => {
            await analysed(folder);
            publish(folder);
          });
        }, SET_PASS_DELAY_MS));
      });
    }, debounceMs));
  }

  function reload(folder: Folder): void {
    void folder.load().then(() => guard('publish', undefined, async () => {
      await analysed(folder);
      publish(folder);
    }));
  }

  /**
   * Analyses what the folder has waiting, in slices (folders.ts); a long pass shows its progress
   * in the status bar when the client can show it.
   */
  function analysed(folder: Folder): Promise<void> {
    return folder.analyse(canShowProgress ? progressBar : undefined);
  }

  function progressBar(total: number): AnalysisProgress {
    const m = msg();
    // Begin, reports and the end are chained on the same promise, so they reach the client in order.
    const bar = connection.window.createWorkDoneProgress().catch((e: unknown) => {
      log(`Policy Trace: could not show progress: ${errorText(e)}`);
      return undefined;
    });
    void bar.then((b) => b?.begin(m('analysingTitle'), 0, m('analysingCount', '0', String(total))));
    let shown = 0;
    return {
      report: (done) => {
        const percent = Math.floor((done * 100) / total);
        if (percent === shown) return;
        shown = percent;
        void bar.then((b) => b?.report(percent, m('analysingCount', String(done), String(total))));
      },
      end: () => void bar.then((b) => b?.done()),
    };
  }

  function openFolder(root: string, around = false): Folder {
    const known = folders.get(root);
    const folder = folders.add(root, around);
    if (!known) void guard('publish', undefined, async () => {
      await analysed(folder);
      publish(folder);
    });
    return folder;
  }

  function closeFolder(root: string): void {
    const folder = folders.remove(root);
    if (!folder) return;
    timers.get(folder)?.();
    timers.delete(folder);
    setPasses.get(folder)?.();
    setPasses.delete(folder);
    for (const key of folder.published.keys()) void connection.sendDiagnostics({ uri: toClient(key), diagnostics: [] });
    folder.published.clear();
    // An enclosing folder now owns what the nested one reported.
    for (const other of folders.all()) schedule(other);
  }

  /** The folder a document belongs to; without any workspace folder, its own directory. */
  function folderFor(key: string): Folder | undefined {
    const owner = folders.ownerOf(key);
    if (owner || initialRoots.length) return owner;
    const path = uriToPath(key);
    return path ? openFolder(dirname(path), true) : undefined;
  }

  /**
   * Where a request points: the document's facts in its policy set, and the UTF-16 offset, once
   * what awaits analysis is analysed. `now`: for answers about the document itself (hover,
   * highlights, tokens), a document that did not change is answered from the index last built,
   * without waiting for the others.
   */
  async function at(uri: string, position: Position, now = false) {
    const key = canonicalUri(uri);
    const folder = key ? folders.ownerOf(key) : undefined;
    if (!key || !folder) return undefined;
    await folder.ready;
    let found = now ? folder.workspace.findAnalysed(key) : undefined;
    if (!found) {
      await analysed(folder);
      found = folder.workspace.find(key);
    }
    return found && { ...found, offset: found.doc.lines.offset(position) };
  }

  /** What an edit is checked against before the client may apply it. */
  const sources: EditSources = {
    openVersion: (key) => {
      const uri = openByKey.get(key);
      return uri === undefined ? undefined : documents.get(uri)?.version;
    },
    analysedText: (key) => folders.ownerOf(key)?.workspace.textOf(key),
    diskText: async (key) => {
      const path = uriToPath(key);
      try {
        const read = path ? await readTextFile(path) : undefined;
        // A closed file that is not UTF-8 is never written: an editor may well decode it otherwise.
        return read && !read.encoding ? read.text : undefined;
      } catch {
        return undefined;
      }
    },
  };
  const fixContext = (): FixContext => ({ folders, locale, toClient, sources, resolvesEdits });

  const msg = () => messagesFor(locale);
  const navigation = registerNavigation(connection, { at, text: (uri) => documents.get(uri)?.getText(), msg, toClient, folders, log });

  /**
   * A term's definition is written as a numbered item, which is also a section heading: there the
   * trace answer (the section's chain) would always hide the term's, so the term's comes first.
   */
  const onTermDefinition = (t: { index: TraceIndex; doc: DocumentFacts; offset: number }): boolean =>
    termOccurrenceAt(t.index, t.doc, t.offset)?.kind === 'definition';

  connection.onInitialize((params) => {
    const options = params.initializationOptions as InitializationOptions | undefined;
    locale = typeof options?.locale === 'string' ? options.locale : params.locale ?? undefined;
    if (typeof options?.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    trusted = options?.trusted !== false;
    const rootUris = params.workspaceFolders?.length ? params.workspaceFolders.map((f) => f.uri) : params.rootUri ? [params.rootUri] : [];
    initialRoots = rootUris.flatMap((uri) => {
      const key = canonicalUri(uri);
      const path = key && uriToPath(key);
      return path ? [resolve(path)] : [];
    });
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    clientSendsFolderChanges = params.capabilities.workspace?.workspaceFolders === true;
    canRefreshTokens = params.capabilities.workspace?.semanticTokens?.refreshSupport === true;
    resolvesEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    canShowProgress = params.capabilities.window?.workDoneProgress === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        // Terms need no trigger character (the client asks while a word is typed, or an IME converts
        // one); after these, a 根拠 target starts, and elsewhere the server answers with nothing.
        completionProvider: { triggerCharacters: BASIS_TRIGGER_CHARACTERS },
        ...navigation.capabilities(params),
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'policy-trace' },
    };
  });

  connection.onInitialized(() => void guard('initialized', undefined, () => {
    if (canRegisterWatchers) {
      connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: `**/${CONFIG_FILE}` }, { globPattern: `**/${LOCK_FILE}` }, { globPattern: '**/*.{yml,yaml}' }],
      }).catch((e: unknown) => log(`Policy Trace: could not register file watchers: ${errorText(e)}`));
    }
    if (clientSendsFolderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => void guard('didChangeWorkspaceFolders', undefined, () => changeFolders(event)));
    }
    for (const root of initialRoots) openFolder(root);
  }));

  function changeFolders(event: WorkspaceFoldersChangeEvent): void {
    const rootOf = (uri: string): string | undefined => {
      const key = canonicalUri(uri);
      const path = key && uriToPath(key);
      return path ? resolve(path) : undefined;
    };
    for (const f of event.removed) {
      const root = rootOf(f.uri);
      if (root) closeFolder(root);
    }
    for (const f of event.added) {
      const root = rootOf(f.uri);
      if (root) openFolder(root);
    }
  }

  documents.onDidOpen(({ document }) => {
    const key = remember(document.uri);
    if (key) openByKey.set(key, document.uri);
  });

  // Fires on open and on every edit: the editor's text is checked without waiting for a save.
  documents.onDidChangeContent(({ document }) => void guard('didChange', undefined, () => {
    const key = canonicalUri(document.uri);
    const folder = key && folderFor(key);
    if (!key || !folder) return;
    if (folder.isSettingsFile(key)) {
      reloadSoon(folder);
      return;
    }
    if (key === folder.lockKey()) {
      void folder.refreshLock().then(() => schedule(folder));
      return;
    }
    const rel = folder.relative(key);
    if (rel === undefined || !isMarkdownPath(rel) || !folder.includes(rel)) return;
    folder.workspace.setDocument(key, rel, document.getText());
    schedule(folder, key);
  }));

  // Back to what is on disk: the edits were discarded, or saved (then the disk has them).
  documents.onDidClose(({ document }) => void guard('didClose', undefined, async () => {
    const key = canonicalUri(document.uri);
    if (!key) return;
    openByKey.delete(key);
    const folder = folders.ownerOf(key);
    if (!folder) return;
    if (folder.isSettingsFile(key)) return reload(folder);
    if (key === folder.lockKey()) await folder.refreshLock();
    else await folder.refresh(key);
    schedule(folder);
  }));

  const reloadTimers = new Map<Folder, Cancel>();
  /** Typing in policy-trace.json reloads the folder, but not on every keystroke. */
  function reloadSoon(folder: Folder): void {
    reloadTimers.get(folder)?.();
    reloadTimers.set(folder, later(() => {
      reloadTimers.delete(folder);
      if (folders.get(folder.root) === folder) reload(folder);
    }, debounceMs));
  }

  // VS Code's client sends these through its own watchers too: handling one twice changes nothing.
  connection.onDidChangeWatchedFiles((params) => void guard('didChangeWatchedFiles', undefined, async () => {
    const toReload = new Set<Folder>();
    const touched = new Set<Folder>();
    for (const change of params.changes) {
      const key = remember(change.uri);
      const folder = key && folders.ownerOf(key);
      if (!key || !folder) continue;
      if (folder.isSettingsFile(key)) {
        toReload.add(folder);
      } else if (key === folder.lockKey()) {
        if (openByKey.has(key)) continue;
        await folder.refreshLock();
        touched.add(folder);
      } else if (change.type === FileChangeType.Deleted) {
        folder.removeUnder(key);
        touched.add(folder);
      } else if (isMarkdownPath(key)) {
        if (openByKey.has(key)) continue;
        await folder.refresh(key);
        touched.add(folder);
      } else if (change.type === FileChangeType.Created && await isDirectory(key)) {
        // A folder copied in arrives as one event: its files are only found by reading it again.
        toReload.add(folder);
      }
    }
    for (const folder of toReload) reload(folder);
    for (const folder of touched) if (!toReload.has(folder)) schedule(folder);
  }));

  // Hover, definition and references: the trace answer first, the term's when it has none.
  connection.onHover((params) => guard('hover', null, async () => {
    const t = await at(params.textDocument.uri, params.position, true);
    if (!t) return null;
    const trace = onTermDefinition(t) ? undefined : hover(t.index, t.doc, t.offset, msg());
    const result = trace ?? termHover(t.index, t.doc, t.offset, msg());
    return result ? { contents: { kind: 'markdown' as const, value: result.markdown }, range: result.range } : null;
  }));

  connection.onDefinition((params) => guard('definition', [], async () => {
    const t = await at(params.textDocument.uri, params.position);
    if (!t) return [];
    const trace = definition(t.index, t.doc, t.offset);
    return (trace.length ? trace : termDefinition(t.index, t.doc, t.offset)).map((l) => toLocation(l, toClient));
  }));

  connection.onReferences((params) => guard('references', [], async () => {
    const t = await at(params.textDocument.uri, params.position);
    if (!t) return [];
    const { includeDeclaration } = params.context;
    const trace = onTermDefinition(t) ? [] : references(t.index, t.doc, t.offset, includeDeclaration);
    return (trace.length ? trace : termReferences(t.index, t.doc, t.offset, includeDeclaration)).map((l) => toLocation(l, toClient));
  }));

  connection.onDocumentHighlight((params) => guard('documentHighlight', [], async () => {
    const t = await at(params.textDocument.uri, params.position, true);
    return t ? termHighlights(t.index, t.doc, t.offset).map(toHighlight) : [];
  }));

  connection.onPrepareRename((params) => guard('prepareRename', null, async () => {
    const t = await at(params.textDocument.uri, params.position);
    return (t && prepareTermRename(t.index, t.doc, t.offset)) ?? null;
  }));

  // A refused name is an error response: the client shows its message where the name was typed.
  // The edit names the versions it was made for, and is made again if a closed file changed on disk.
  connection.onRenameRequest((params) => guard('rename', null, async () => {
    const key = canonicalUri(params.textDocument.uri);
    const folder = key ? folders.ownerOf(key) : undefined;
    if (!key || !folder) return null;
    await folder.ready;
    let refusal: ResponseError<void> | undefined;
    const edit = await withFreshFiles(() => {
      const found = folder.workspace.find(key);
      if (!found) return undefined;
      const result = renameTerm(found.index, found.doc, found.doc.lines.offset(params.position), params.newName);
      if (!isRenameRefusal(result)) return { files: result.edits, create: [] };
      refusal = new ResponseError(LSPErrorCodes.RequestFailed, msg()(result.error, ...result.args));
      return undefined;
    }, async (keys) => {
      for (const k of keys) await folder.refresh(k);
    }, sources, toClient);
    return refusal ?? edit ?? null;
  }));

  connection.onCompletion((params) => guard('completion', [], async () => {
    const basis = await navigation.basisCompletion(params);
    if (basis) return basis;
    const t = await at(params.textDocument.uri, params.position);
    const line = documents.get(params.textDocument.uri)?.getText({ start: { line: params.position.line, character: 0 }, end: params.position }) ?? '';
    return t ? termCompletions(t.index, params.position, line, msg()).map(toCompletionItem) : [];
  }));

  connection.languages.semanticTokens.on((params) => guard('semanticTokens', { data: [] }, async () => {
    const t = await at(params.textDocument.uri, { line: 0, character: 0 }, true);
    return toSemanticTokens(t ? termSemanticTokens(t.index, t.doc) : []);
  }));

  connection.onCodeAction((params) => guard('codeAction', [], () => codeActions(params, fixContext())));
  connection.onCodeActionResolve((action) => guard('codeActionResolve', action, () => resolveCodeAction(action, fixContext())));

  registerMatrixHandlers(connection, { folders, msg, locale: () => locale, toClient, guard });
  registerReviewHandlers(connection, { folders, msg, toClient, sources, analysed, guard });

  // Re-index: read every folder from disk again (files changed behind the editor's back).
  connection.onRequest('policyTrace/reindex', () => guard('reindex', 0, async () => {
    const all = folders.all();
    await Promise.all(all.map(async (folder) => {
      await folder.load();
      await analysed(folder);
      publish(folder);
    }));
    return all.length;
  }));

  connection.onShutdown(() => {
    for (const t of [...timers.values(), ...reloadTimers.values(), ...setPasses.values()]) t();
    timers.clear();
    setPasses.clear();
    reloadTimers.clear();
  });

  if (!given) {
    // This process is the server: a bug in one handler must not take the editor's checker down.
    process.on('uncaughtException', (e) => log(`Policy Trace: uncaught exception: ${e.stack ?? e.message}`));
    process.on('unhandledRejection', (e) => log(`Policy Trace: unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
  }

  documents.listen(connection);
  connection.listen();
}

async function isDirectory(key: string): Promise<boolean> {
  const path = uriToPath(key);
  if (!path) return false;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
