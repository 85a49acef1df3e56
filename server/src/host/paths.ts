// Paths, URIs and the file list of a folder: the part of reading a folder that needs no analysis,
// kept apart from folder.ts so that `check --cache` can tell whether anything changed without
// loading the core.

import { realpath, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import type { Config } from '../core/config';
import { leavesFolder } from '../core/folderPaths';

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

/** Why a matched path is not read: it leads outside the folder, it is no regular file (a FIFO, a device), or it cannot be read. */
export type Refusal = 'outside' | 'special' | 'unreadable';

/**
 * Absolute paths of the regular files the patterns match inside the folder, sorted. A symbolic
 * link is followed only when it stays inside (its real path), and a file reached twice (through a
 * link, or a loop of links) is listed once; what is left out is told to `refused`.
 */
/** `sizes`, when given, receives each listed file's size in bytes (it is asked anyway). */
export async function listFiles(root: string, patterns: string[], refused?: (path: string, why: Refusal) => void, deep?: number, sizes?: Map<string, number>): Promise<string[]> {
  const inside = patterns.filter((p) => !leavesFolder(p));
  if (!inside.length) return [];
  const files = (await glob(inside, { cwd: root, ignore: ['**/node_modules/**', '**/.git/**'], absolute: true, dot: false, ...(deep !== undefined ? { deep } : {}) })).sort();
  const realRoot = await realpath(root);
  // Each real file once, under the path that is its own (not through a link), else the shortest.
  // The file system is asked for all files at once (one at a time, 500 files took 100 ms), and
  // the answers are then taken in the files' order, so the result does not depend on timing.
  // Gone since it was listed, or a dangling link: undefined, and left out.
  const reals = await Promise.all(files.map((file) => realpath(file).catch(() => undefined)));
  const byReal = new Map<string, string>();
  files.forEach((file, i) => {
    const real = reals[i];
    if (real === undefined) return;
    const known = byReal.get(real);
    if (known === undefined || file === real || (known !== real && file.length < known.length)) byReal.set(real, file);
  });
  const listed = [...byReal];
  const regular = await Promise.all(listed.map(([real, file]) => isInside(realRoot, real) ? stat(real).then((s) => {
    sizes?.set(file, s.size);
    return s.isFile();
  }) : false));
  const out: string[] = [];
  listed.forEach(([real, file], i) => {
    if (!isInside(realRoot, real)) refused?.(file, 'outside');
    else if (!regular[i]) refused?.(file, 'special');
    else out.push(file);
  });
  return out.sort();
}

/** The real path of `path` lies in `root` (both real paths), or is it. */
export function isInside(root: string, path: string): boolean {
  if (path === root) return true;
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}
