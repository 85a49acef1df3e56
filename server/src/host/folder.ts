// Reads a workspace folder from disk into a PolicyWorkspace: the config file and every Markdown
// file its sets include. The only place (with the LSP glue) that touches the file system.

import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, PolicyWorkspace } from '../core/api';
import { fileUri, includePatterns, listFiles, relativePath } from './paths';
import { decodeBytes, type TextEncoding } from './encoding';

export { fileUri, relativePath, uriToPath } from './paths';

export interface LoadOptions {
  /**
   * Reads one file; `undefined` leaves it out. The language server passes its own, so that open
   * editors win over the disk and an unreadable file is skipped instead of failing the folder.
   * Default: readTextFile (a read error rejects the load).
   */
  readText?: (path: string) => Promise<FileText | undefined>;
  /** Told of a file left out because it is not text (a binary file named .md). */
  skipped?: (path: string) => void;
}

/** A file's text, and the encoding it was read in when that is not UTF-8. */
export interface FileText { text: string; encoding?: TextEncoding }

/** A file's text without its BOM, in the encoding it is written in; undefined for a binary file. */
export async function readTextFile(path: string): Promise<FileText | undefined> {
  return fileText(await readFile(path));
}

export function fileText(bytes: Uint8Array): FileText | undefined {
  const decoded = decodeBytes(bytes);
  if ('binary' in decoded) return undefined;
  return decoded.encoding === 'UTF-8' ? { text: decoded.text } : decoded;
}

/** Loads the folder; `configPath` overrides <root>/policy-trace.json (the CLI's --config). */
export async function loadFolder(root: string, workspace: PolicyWorkspace, configPath?: string, options: LoadOptions = {}): Promise<string[]> {
  const read = options.readText ?? readTextFile;
  const cfgPath = configPath ?? join(root, CONFIG_FILE);
  const cfgText = existsSync(cfgPath) ? (await read(cfgPath))?.text : undefined;
  workspace.setConfig(cfgText === undefined ? undefined : { uri: fileUri(cfgPath), text: cfgText });
  const config = workspace.getConfig();
  const dictionaries = await Promise.all(config.terms.prh.map(async (rel) => {
    const path = join(root, rel);
    const text = existsSync(path) ? (await read(path))?.text : undefined;
    return text === undefined ? [] : [{ uri: fileUri(path), text }];
  }));
  workspace.setDictionaries(dictionaries.flat());
  const files = await listFiles(root, includePatterns(config));
  await Promise.all(files.map(async (file) => {
    const read1 = await read(file);
    if (read1) workspace.setDocument(fileUri(file), relativePath(root, file), read1.text, read1.encoding);
    else options.skipped?.(file);
  }));
  return files;
}

/** True for files the workspace cares about: Markdown, and the config file. */
export function isWatched(path: string): boolean {
  return /\.(md|markdown)$/i.test(path) || path.endsWith(CONFIG_FILE);
}
