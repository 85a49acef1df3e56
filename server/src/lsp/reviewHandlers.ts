// `policyTrace/recordReviews`: every written reference between the tiers recorded as reviewed in
// each folder's policy-trace.lock (the editor's form of `policy-trace lock`). The server answers
// with the edit; the client asks the user, applies it and saves the file.

import { resolve } from 'node:path';
import type { Connection, WorkspaceEdit } from 'vscode-languageserver/node';
import { LOCK_FILE, type Messages } from '../core/api';
import { uriToPath } from '../host/folder';
import { withFreshFiles, type EditSources } from './exactEdits';
import { canonicalUri, type Folder, type Folders } from './folders';

export const RECORD_REVIEWS_REQUEST = 'policyTrace/recordReviews';

export interface RecordReviewsParams {
  /** A document or workspace folder: its folder; none: every folder. */
  uri?: string;
}

export interface FolderReviews {
  /** The lock file, as the client spells it. */
  lock: string;
  /** The lock already says exactly this: nothing to write. */
  unchanged: boolean;
  /** Undefined when unchanged, or when the file moved on while the edit was made. */
  edit?: WorkspaceEdit;
  links: number;
  changed: number;
  added: number;
  removed: number;
  /** What was recorded, or that nothing changed, in the user's language. */
  summary: string;
  /** Said before anything is written: the references stop being suspect once recorded. */
  question: string;
  /** Said even when the edit is made: nothing cites the tier above, so there is nothing to watch. */
  warning?: string;
}

export interface ReviewHandlerContext {
  folders: Folders;
  msg: () => Messages;
  toClient: (key: string) => string;
  sources: EditSources;
  /** Resolves once the folder's documents are analysed. */
  analysed: (folder: Folder) => Promise<void>;
  guard: <T>(name: string, fallback: T, run: () => T | Promise<T>) => Promise<T>;
}

export function registerReviewHandlers(connection: Connection, context: ReviewHandlerContext): void {
  connection.onRequest(RECORD_REVIEWS_REQUEST, (params: RecordReviewsParams | undefined) =>
    context.guard<FolderReviews[]>(RECORD_REVIEWS_REQUEST, [], async () => {
      const out: FolderReviews[] = [];
      for (const folder of chosen(context.folders, params?.uri)) out.push(await recordIn(folder, context));
      return out;
    }));
}

async function recordIn(folder: Folder, context: ReviewHandlerContext): Promise<FolderReviews> {
  const msg = context.msg();
  const key = folder.lockKey();
  await context.analysed(folder);
  let record = folder.workspace.recordReviews(key);
  const edit = record.unchanged ? undefined : await withFreshFiles(() => {
    record = folder.workspace.recordReviews(key);
    return { files: record.edit.edits, create: record.edit.create ?? [] };
  }, async () => {
    await folder.refreshLock();
  }, context.sources, context.toClient);
  const shown = LOCK_FILE;
  return {
    lock: context.toClient(key),
    unchanged: record.unchanged,
    ...(edit ? { edit } : {}),
    links: record.links, changed: record.changed, added: record.added, removed: record.removed,
    summary: record.unchanged ? msg('cliLockUnchanged', shown, record.links) : msg('cliLockWritten', shown, record.links, record.changed, record.added, record.removed),
    question: msg('recordQuestion', record.links, record.changed, record.added),
    ...(record.links ? {} : { warning: msg('cliLockNoLinks', shown) }),
  };
}

function chosen(folders: Folders, uri: string | undefined): Folder[] {
  const key = uri === undefined ? undefined : canonicalUri(uri);
  if (key === undefined) return folders.all();
  const path = uriToPath(key);
  const own = path ? folders.get(resolve(path)) : undefined;
  const owner = own ?? folders.ownerOf(key);
  return owner ? [owner] : [];
}
