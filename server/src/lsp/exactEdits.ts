// Workspace edits the client applies only to the text they were made from. An edit of an open
// document names the version it was computed on, so the editor refuses it once the user typed
// meanwhile; an edit of a closed file is made only while the disk still holds the text the server
// analysed. A stale edit would otherwise land at old offsets and garble the user's text.

import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextEdit } from '../core/api';
import type { UriMapper } from './convert';

export interface FileEdits { uri: string; edits: TextEdit[] }

/** What the edit is checked against; keys are canonical URIs. */
export interface EditSources {
  /** The version of the open editor, or undefined when the file is not open. */
  openVersion(key: string): number | undefined;
  /** The text the server analysed for the file. */
  analysedText(key: string): string | undefined;
  /** The file's text on disk now (undefined if it cannot be read). */
  diskText(key: string): Promise<string | undefined>;
}

/** Either the edit, or the closed files whose disk text moved on since the server read them. */
export type ExactEdit = { edit: WorkspaceEdit } | { stale: string[] };

/**
 * `documentChanges`: file creations first (refused, not overwritten, when the file exists), then one
 * versioned edit per file. A file being created has no version yet.
 */
export async function exactEdit(files: FileEdits[], create: { uri: string }[], sources: EditSources, toClient: UriMapper): Promise<ExactEdit> {
  const created = new Set(create.map((c) => c.uri));
  const stale: string[] = [];
  const changes: TextDocumentEdit[] = [];
  for (const [key, edits] of grouped(files)) {
    let version: number | null = null;
    if (!created.has(key)) {
      const open = sources.openVersion(key);
      if (open !== undefined) version = open;
      else if (await sources.diskText(key) !== sources.analysedText(key)) stale.push(key);
    }
    changes.push({ textDocument: { uri: toClient(key), version }, edits: edits.map((e) => ({ range: e.range, newText: e.newText })) });
  }
  if (stale.length) return { stale };
  return {
    edit: {
      documentChanges: [
        ...create.map((c) => ({ kind: 'create' as const, uri: toClient(c.uri), options: { overwrite: false, ignoreIfExists: false } })),
        ...changes,
      ],
    },
  };
}

/** One entry per file, in first-seen order: a client rejects two edits of one document in one change. */
function grouped(files: FileEdits[]): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const f of files) out.set(f.uri, [...(out.get(f.uri) ?? []), ...f.edits]);
  return out;
}

/**
 * Computes an edit from the server's current state; when a closed file changed on disk behind the
 * server's back, reads it again (`refresh`) and computes once more. Undefined when the edit no longer
 * exists or the disk keeps moving.
 */
export async function withFreshFiles(
  compute: () => { files: FileEdits[]; create: { uri: string }[] } | undefined,
  refresh: (keys: string[]) => Promise<void>,
  sources: EditSources,
  toClient: UriMapper,
): Promise<WorkspaceEdit | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const wanted = compute();
    if (!wanted) return undefined;
    const result = await exactEdit(wanted.files, wanted.create, sources, toClient);
    if ('edit' in result) return result.edit;
    await refresh(result.stale);
  }
  return undefined;
}
