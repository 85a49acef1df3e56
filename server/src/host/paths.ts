// Paths, URIs and the file list of a folder: the part of reading a folder that needs no analysis,
// kept apart from folder.ts so that `check --cache` can tell whether anything changed without
// loading the core.

import { relative, sep } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import type { Config } from '../core/config';

/** A file's text without its BOM: editors do not show the BOM, so positions must not count it. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export function uriToPath(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

/** A path relative to the folder, with '/' separators, as globs and the facts expect. */
export function relativePath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/** The globs whose files are read: every set's include (excludes apply later, per set). */
export function includePatterns(config: Config): string[] {
  return [...new Set(config.sets.flatMap((s) => s.include))];
}

/** Absolute paths of the files the patterns match, sorted. */
export async function listFiles(root: string, patterns: string[]): Promise<string[]> {
  const files = await glob(patterns, { cwd: root, ignore: ['**/node_modules/**', '**/.git/**'], absolute: true, dot: false });
  return files.sort();
}
