// The language server's per-folder state: one PolicyWorkspace per workspace folder, which folder a
// URI belongs to, and loading from disk with the text of open editors winning over the disk.

import { dirname, join, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Diagnostic } from 'vscode-languageserver';
import { CONFIG_FILE, LOCK_FILE, PolicyWorkspace, type Config } from '../core/api';
import { fileUri, insideFolder, loadFolder, readTextFile, relativePath, uriToPath, type FileText } from '../host/folder';

export interface FolderHost {
  /** The text of an open editor, by canonical URI. */
  openText(key: string): string | undefined;
  /** Canonical URIs of every open editor. */
  openKeys(): string[];
  /** False when the user has not trusted the workspace (VS Code's Workspace Trust). */
  trusted(): boolean;
  log(message: string): void;
}

/**
 * The key documents are stored under: the URI Node would write for the file. Clients spell the
 * same file differently (VS Code escapes '(' and ':'; Windows drive letters change case), and two
 * spellings must not become two documents.
 */
export function canonicalUri(uri: string): string | undefined {
  let path: string | undefined;
  try {
    path = uriToPath(uri);
  } catch {
    return undefined;
  }
  if (!path) return undefined;
  return fileUri(path.replace(/^[A-Z]:/, (d) => d.toLowerCase()));
}

export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

export class Folder {
  workspace = new PolicyWorkspace();
  /** The diagnostics last sent per URI, so only changes are published. */
  readonly published = new Map<string, Diagnostic[]>();
  /** Settles when the latest load has been swapped in; never rejects. */
  ready: Promise<void> = Promise.resolve();
  private generation = 0;

  /**
   * `around`: the folder of a file opened without any workspace folder (say a README in the home
   * folder). Only its files and two levels below are read, at most FOLDERLESS_FILES of them: the
   * whole tree under it may be the user's disk.
   */
  constructor(readonly root: string, private readonly host: FolderHost, private readonly around = false) {}

  /** The URI of the folder's policy-trace.json (whether it exists or not). */
  configKey(): string { return canonicalUri(fileUri(join(this.root, CONFIG_FILE)))!; }

  /** The URI of the folder's policy-trace.lock (whether it exists or not). */
  lockKey(): string { return canonicalUri(fileUri(join(this.root, LOCK_FILE)))!; }

  /**
   * Reads policy-trace.lock again (an open editor's text, else the disk): only the findings change
   * with it, so the folder is not loaded again.
   */
  async refreshLock(): Promise<void> {
    await this.ready;
    const path = join(this.root, LOCK_FILE);
    const read = this.host.openText(this.lockKey()) !== undefined || await insideFolder(this.root, path) ? await this.readText(path) : undefined;
    this.workspace.setLock(read && { uri: this.lockKey(), text: read.text });
  }

  /** True for the config file and the prh dictionaries it names: a change to them reloads the folder. */
  isSettingsFile(key: string): boolean {
    if (key === this.configKey()) return true;
    return this.workspace.getConfig().terms.prh.some((rel) => canonicalUri(fileUri(join(this.root, rel))) === key);
  }

  /** (Re)loads the whole folder into a fresh workspace; edits made meanwhile are kept. */
  load(): Promise<void> {
    const generation = ++this.generation;
    const next = new PolicyWorkspace();
    this.ready = loadFolder(this.root, next, undefined, {
      readText: (path) => this.readText(path),
      trusted: this.host.trusted(),
      ...(this.around ? { deep: 2, limit: FOLDERLESS_FILES, limited: () => this.host.log(`Policy Trace: ${this.root} has more Markdown files than the ${FOLDERLESS_FILES} read for a file opened without a workspace folder; open the policy's folder to check all of it.`) } : {}),
      refused: (path, why) => this.host.log(`Policy Trace: not read ${path}: ${REFUSED[why]}`),
    })
      .then(() => {
        // A newer load started while this one read files: let that one win.
        if (generation !== this.generation) return;
        for (const key of this.host.openKeys()) {
          const rel = this.relative(key);
          const text = this.host.openText(key);
          if (rel !== undefined && text !== undefined && isMarkdownPath(rel) && includedBy(next.getConfig(), rel)) {
            next.setDocument(key, rel, text);
          }
        }
        this.workspace = next;
      })
      .catch((e: unknown) => this.host.log(`Policy Trace: could not load ${this.root}: ${errorText(e)}`));
    return this.ready;
  }

  /**
   * Analyses what awaits analysis SLICE_MS at a time, letting requests and edits in between:
   * documents edited meanwhile are analysed in the same pass, and a hover on a document that did
   * not change is answered at once. Resolves once all is analysed; a folder loaded afresh
   * meanwhile is analysed in its turn (the pass on the old one stops). Callers share a pass.
   */
  async analyse(progress?: (total: number) => AnalysisProgress | undefined): Promise<void> {
    for (;;) {
      await this.ready;
      const workspace = this.workspace;
      let pass = this.passes.get(workspace);
      if (!pass) {
        pass = this.runPass(workspace, progress).finally(() => this.passes.delete(workspace));
        this.passes.set(workspace, pass);
      }
      if (await pass) return;
    }
  }

  private readonly passes = new WeakMap<PolicyWorkspace, Promise<boolean>>();

  /** False when the folder was loaded afresh before the pass was through. */
  private async runPass(workspace: PolicyWorkspace, progress?: (total: number) => AnalysisProgress | undefined): Promise<boolean> {
    const total = workspace.pendingCount();
    const bar = total >= PROGRESS_FROM ? progress?.(total) : undefined;
    let started = 0;
    try {
      for (;;) {
        const until = performance.now() + SLICE_MS;
        const done = workspace.analysePending(() => {
          if (performance.now() > until) return true;
          bar?.report(Math.min(started++, total));
          return false;
        });
        if (done) return true;
        await new Promise((resolve) => setImmediate(resolve));
        if (this.workspace !== workspace) return false;
      }
    } finally {
      bar?.end();
    }
  }

  /** The path relative to the root for a canonical URI inside the folder, else undefined. */
  relative(key: string): string | undefined {
    const path = uriToPath(key);
    if (!path || !isInside(this.root, path)) return undefined;
    return relativePath(this.root, path);
  }

  /** True when a policy set of the current configuration includes the file. */
  includes(rel: string): boolean {
    return includedBy(this.workspace.getConfig(), rel);
  }

  /** Puts a document's current text (editor, else disk) into the workspace, or removes it. */
  async refresh(key: string): Promise<void> {
    const rel = this.relative(key);
    const path = uriToPath(key);
    if (rel === undefined || !path || !isMarkdownPath(rel)) return;
    // A file that has become a link out of the folder is no longer read.
    const read = this.host.openText(key) !== undefined || await insideFolder(this.root, path) ? await this.readText(path) : undefined;
    if (read === undefined || !this.includes(rel)) this.workspace.removeDocument(key);
    else this.workspace.setDocument(key, rel, read.text, read.encoding);
  }

  /** Removes every document at or under a path (a deleted file or folder), unless open. */
  removeUnder(key: string): void {
    const path = uriToPath(key);
    if (!path) return;
    for (const uri of this.workspace.uris()) {
      const p = uriToPath(uri);
      if (p && (p === path || isInside(path, p)) && this.host.openText(uri) === undefined) this.workspace.removeDocument(uri);
    }
  }

  /**
   * An open editor's text, else the file on disk without its BOM (editors do not show it), in the
   * encoding it is written in; undefined for a binary file, which is left out with a line in the log.
   */
  private async readText(path: string): Promise<FileText | undefined> {
    const key = canonicalUri(fileUri(path))!;
    const open = this.host.openText(key);
    if (open !== undefined) return { text: open };
    try {
      const read = await readTextFile(path);
      if (!read) this.host.log(`Policy Trace: skipped ${path}: it is not text`);
      // The editor may have opened the file while it was read.
      const now = this.host.openText(key);
      return now !== undefined ? { text: now } : read;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.host.log(`Policy Trace: skipped ${path}: ${errorText(e)}`);
      return undefined;
    }
  }
}

export class Folders {
  private readonly byRoot = new Map<string, Folder>();

  constructor(private readonly host: FolderHost) {}

  all(): Folder[] { return [...this.byRoot.values()]; }

  get(root: string): Folder | undefined { return this.byRoot.get(root); }

  /** Adds a folder and starts loading it; an existing folder is returned as it is. */
  add(root: string, around = false): Folder {
    let folder = this.byRoot.get(root);
    if (!folder) {
      folder = new Folder(root, this.host, around);
      this.byRoot.set(root, folder);
      void folder.load();
    }
    return folder;
  }

  remove(root: string): Folder | undefined {
    const folder = this.byRoot.get(root);
    this.byRoot.delete(root);
    return folder;
  }

  /** The innermost folder containing the file: nested folders own their own documents. */
  ownerOf(key: string): Folder | undefined {
    const path = uriToPath(key);
    if (!path) return undefined;
    let best: Folder | undefined;
    for (const folder of this.byRoot.values()) {
      if (isInside(folder.root, path) && (!best || folder.root.length > best.root.length)) best = folder;
    }
    return best;
  }

  /** For clients that open files without any folder: the file's own folder becomes one. */
  addForFile(key: string): Folder | undefined {
    const path = uriToPath(key);
    return path ? this.add(dirname(path)) : undefined;
  }
}

/** What a pass of analysis tells while it runs: documents analysed so far, then that it ended. */
export interface AnalysisProgress {
  report(done: number): void;
  end(): void;
}

/**
 * The longest a pass of analysis holds the server before it lets other messages in (a document
 * is never cut: one of 2 MB takes about a second).
 */
const SLICE_MS = 20;

/** A pass with this many documents to analyse shows its progress (a folder opened, a checkout). */
export const PROGRESS_FROM = 50;

/** Markdown files read around a file opened without a workspace folder. */
export const FOLDERLESS_FILES = 500;

const REFUSED = { outside: 'it leads outside the folder', special: 'it is not a regular file', unreadable: 'it cannot be read' } as const;

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isInside(root: string, path: string): boolean {
  const base = root.endsWith(sep) ? root : root + sep;
  return path.startsWith(base);
}

const matchers = new WeakMap<Config, (rel: string) => boolean>();

/**
 * The same include/exclude test the workspace applies to its sets, so that files a watcher reports
 * in node_modules or outside every set are not read at all.
 */
function includedBy(config: Config, rel: string): boolean {
  let test = matchers.get(config);
  if (!test) {
    const sets = config.sets.map((s) => {
      const include = picomatch(s.include, { dot: false });
      const exclude = s.exclude.length ? picomatch(s.exclude, { dot: true }) : () => false;
      return (p: string) => include(p) && !exclude(p);
    });
    test = (p) => sets.some((s) => s(p));
    matchers.set(config, test);
  }
  return test(rel);
}
