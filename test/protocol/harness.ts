// Runs the built language server (dist/server.js) as a child process over stdio and plays the
// client: initialize, document sync, requests, and waiting for the diagnostics it publishes.

import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type Location,
  type ProtocolConnection,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

export const REPO = resolve(__dirname, '..', '..');
export const SERVER = join(REPO, 'dist', 'server.js');
export const FIXTURES = join(REPO, 'test', 'fixtures', 'protocol');

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** A fixture folder copied to a fresh temp dir, for tests that write to disk. */
export function copyFixture(name: string): { root: string; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), `policy-trace-${name}-`));
  cpSync(join(FIXTURES, name), root, { recursive: true });
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export interface StartOptions {
  /** The workspace folder (a path); also sent as rootUri. */
  root?: string;
  /** Sent as workspaceFolders; defaults to [root]. Pass [] to send none. */
  folders?: string[];
  locale?: string;
  /** The language chosen in the extension's settings (initializationOptions.locale). */
  settingLocale?: string;
  /**
   * Which diagnostic codes the test looks at; others are dropped as they arrive. The trace suites
   * were written before the term rules and look at trace/ and config/ codes only.
   */
  codes?: RegExp;
  /** The client asks for a code action's edit only when it is applied (codeAction/resolve), as VS Code does. */
  resolveCodeActions?: boolean;
  /** Sent as initializationOptions.trusted (VS Code's Workspace Trust); left out when undefined. */
  trusted?: boolean;
  /** The client shows progress the server creates (window.workDoneProgress), as VS Code does. */
  workDoneProgress?: boolean;
}

interface Waiter { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }

export class Server {
  /** The latest diagnostics per URI, and how many times each was published. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly publishCount = new Map<string, number>();
  /** Every publish's URI, in the order they came. */
  readonly publishLog: string[] = [];
  readonly registrations: Registration[] = [];
  readonly logs: string[] = [];
  /**
   * What the server said and answered, in the order it came: `progress begin|report|end <text>`,
   * `publish <uri>` and `answer <method>` (requests sent through `request`).
   */
  readonly events: string[] = [];
  stderr = '';
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  private exited = false;

  private constructor(readonly process: ChildProcessWithoutNullStreams, readonly connection: ProtocolConnection, private readonly codes: RegExp) {
    process.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString('utf8'); });
    process.on('exit', () => { this.exited = true; });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const p = { ...params, diagnostics: params.diagnostics.filter((d) => this.codes.test(String(d.code))) };
      this.diagnostics.set(p.uri, p.diagnostics);
      this.publishCount.set(p.uri, (this.publishCount.get(p.uri) ?? 0) + 1);
      this.publishLog.push(p.uri);
      this.events.push(`publish ${p.uri}`);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.test(p.diagnostics)) { this.waiters.delete(w); w.resolve(p.diagnostics); }
      }
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    connection.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('workspace/workspaceFolders', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', (p: { value: { kind: string; title?: string; message?: string; percentage?: number } }) => {
      const v = p.value;
      this.events.push(`progress ${v.kind} ${[v.title, v.message, v.percentage].filter((x) => x !== undefined).join(' | ')}`.trimEnd());
    });
  }

  /** Sends a request and notes its answer in `events` when it comes. */
  async request<T>(method: string, params: unknown): Promise<T> {
    const answer = await this.connection.sendRequest<T>(method, params);
    this.events.push(`answer ${method}`);
    return answer;
  }

  static async start(options: StartOptions = {}): Promise<Server> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new Server(child, connection, options.codes ?? /^(trace|config)\//);
    connection.listen();
    const folders = options.folders ?? (options.root ? [options.root] : []);
    await connection.sendRequest('initialize', {
      processId: process.pid,
      locale: options.locale,
      rootUri: options.root ? uriOf(options.root) : null,
      workspaceFolders: folders.length ? folders.map((f) => ({ uri: uriOf(f), name: f })) : null,
      initializationOptions: {
        debounceMs: 0, ...(options.settingLocale ? { locale: options.settingLocale } : {}),
        ...(options.trusted !== undefined ? { trusted: options.trusted } : {}),
      },
      capabilities: {
        workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true },
        ...(options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true, isPreferredSupport: true,
            ...(options.resolveCodeActions ? { resolveSupport: { properties: ['edit'] } } : {}),
          },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return server;
  }

  /**
   * Resolves with the URI's diagnostics once they satisfy `test`: at once if the latest ones do,
   * else at the next publish that does. Fails after `timeoutMs` naming what it waited for.
   */
  waitForDiagnostics(uri: string, test: (d: Diagnostic[]) => boolean, what = 'a matching publish', timeoutMs = 10_000): Promise<Diagnostic[]> {
    const now = this.diagnostics.get(uri);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const last = this.diagnostics.get(uri);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} on ${decodeURIComponent(uri)}; `
          + `last published: ${last ? JSON.stringify(last.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`)) : 'nothing'}`
          + (this.exited ? '; the server has exited' : '') + (this.stderr ? `; stderr: ${this.stderr.slice(-2000)}` : '')));
      }, timeoutMs);
      const waiter: Waiter = { uri, test, resolve: (d) => { clearTimeout(timer); resolvePromise(d); } };
      this.waiters.add(waiter);
    });
  }

  /** Waits for the first publish for each URI (the initial check of a folder). */
  waitForFirstPublish(uris: string[]): Promise<Diagnostic[][]> {
    return Promise.all(uris.map((u) => this.waitForDiagnostics(u, () => true, 'the first publish')));
  }

  open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-range incremental change, as editors send for big edits). */
  change(uri: string, text: string): Promise<void> {
    return this.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } }, text }]);
  }

  edit(uri: string, contentChanges: { range: Range; text: string }[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    this.versions.delete(uri);
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** type: 1 created, 2 changed, 3 deleted. */
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  definition(uri: string, position: Position): Promise<Location[] | null> {
    return this.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position });
  }

  references(uri: string, position: Position, includeDeclaration: boolean): Promise<Location[] | null> {
    return this.connection.sendRequest('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[] | null> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only: ['quickfix'] } });
  }

  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest('codeAction/resolve', action);
  }

  get alive(): boolean { return !this.exited; }

  /** shutdown + exit, then a kill if the process is still there after a second. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((r) => this.process.once('exit', () => r()));
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 2000);
      await this.connection.sendNotification('exit');
    } catch {
      // Stopping anyway below.
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 1000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

/** Applies LSP text edits to a text, as an editor would: positions in UTF-16 code units. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: Position): number => {
    if (p.line >= lineStarts.length) return text.length;
    const end = p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] - 1 : text.length;
    return Math.min(lineStarts[p.line] + p.character, end);
  };
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * A workspace edit as the server sends it (documentChanges), reduced to its text edits per URI; each
 * file edit must name a version or null, and come once.
 */
export function editsOf(edit: WorkspaceEdit | undefined): Record<string, TextEdit[]> {
  const out: Record<string, TextEdit[]> = {};
  for (const change of edit?.documentChanges ?? []) {
    if (!('textDocument' in change)) continue;
    assert.ok(change.textDocument.version === null || typeof change.textDocument.version === 'number', 'a version or null');
    assert.ok(!(change.textDocument.uri in out), `one edit per document: ${change.textDocument.uri}`);
    out[change.textDocument.uri] = change.edits as TextEdit[];
  }
  return out;
}

/** The version each file edit is made for (null: a closed file, checked against the disk). */
export function versionsOf(edit: WorkspaceEdit | undefined): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const change of edit?.documentChanges ?? []) if ('textDocument' in change) out[change.textDocument.uri] = change.textDocument.version;
  return out;
}

/** A compact, exact view of diagnostics for deepStrictEqual. */
export function summarize(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}
