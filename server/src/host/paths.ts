// Paths, URIs and the file list of a folder: the part of reading a folder that needs no analysis,
// kept apart from folder.ts so that `check --cache` can tell whether anything changed without
// loading the core.

import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
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
 * link, or a loop of links) is listed once; what is left out is told to `refused`. `sizes`, when
 * given, receives each listed file's size in bytes (it is asked anyway).
 */
export async function listFiles(root: string, patterns: string[], refused?: (path: string, why: Refusal) => void, deep?: number, sizes?: Map<string, number>): Promise<string[]> {
  const inside = patterns.filter((p) => !leavesFolder(p));
  if (!inside.length) return [];
  const files = (await glob(inside, { cwd: root, ignore: ['**/node_modules/**', '**/.git/**'], absolute: true, dot: false, ...(deep !== undefined ? { deep } : {}) })).sort();
  const realRoot = await realpath(root);
  const reals = await realPaths(files);
  const byReal = new Map<string, string>();
  files.forEach((file, i) => {
    const real = reals[i]?.real;
    if (real === undefined) return;
    const known = byReal.get(real);
    if (known === undefined || file === real || (known !== real && file.length < known.length)) byReal.set(real, file);
  });
  const listed = [...byReal];
  const within = listed.filter(([real]) => isInside(realRoot, real));
  const statOf = new Map(reals.map((r) => [r?.real, r?.stat]));
  // A link's target is asked for its status; any other file's status is its own.
  const stats = await eachFile<Stats | undefined>(within.map(([real]) => real), (real) => statOf.get(real) ?? statSync(real, { throwIfNoEntry: false }), async (real) => statOf.get(real) ?? stat(real).catch(() => undefined));
  const regular = new Set<string>();
  const gone = new Set<string>();
  within.forEach(([, file], i) => {
    const status = stats[i];
    if (!status) gone.add(file);
    else {
      sizes?.set(file, status.size);
      if (status.isFile()) regular.add(file);
    }
  });
  const out: string[] = [];
  for (const [real, file] of listed) {
    if (!isInside(realRoot, real)) refused?.(file, 'outside');
    else if (gone.has(file)) continue;
    else if (!regular.has(file)) refused?.(file, 'special');
    else out.push(file);
  }
  return out.sort();
}

/**
 * Each file's real path, and its status when it is no link (then the real path is its folder's
 * and its name); undefined when it is gone since it was listed, or a dangling link. The folders
 * are resolved once each and the files only asked whether they are links: resolving each file's
 * path, one component after the other, then asking its status, took 95-115 ms for 2,673 files
 * (the 50 MB corpus) on the command's way to its first set; this and the statuses, 48-75 ms.
 * The file system is asked file after file, or all at once when it is slow (eachFile); the
 * answers are taken in the files' order, so the result does not depend on timing.
 */
async function realPaths(files: readonly string[]): Promise<({ real: string; stat?: Stats } | undefined)[]> {
  const folders = [...new Set(files.map(dirname))];
  const realFolders = new Map(zipWith(folders, await eachFile(folders, realSync, realAsync)));
  const own = await eachFile(files, (file) => lstatSync(file, { throwIfNoEntry: false }), (file) => lstat(file).catch(() => undefined));
  const links = files.filter((_, i) => own[i]?.isSymbolicLink());
  const linked = new Map(zipWith(links, await eachFile(links, realSync, realAsync)));
  return files.map((file, i) => {
    const status = own[i];
    if (!status) return undefined;
    if (status.isSymbolicLink()) {
      const real = linked.get(file);
      return real === undefined ? undefined : { real };
    }
    const folder = dirname(file);
    const real = realFolders.get(folder);
    if (real === undefined) return undefined;
    // Joined with the platform's separator, as the real folder is written (path.join, which
    // normalises the whole path, took 15-25 ms for 2,673 files).
    const name = basename(file);
    return { real: real.endsWith(sep) ? real + name : real + sep + name, stat: status };
  });
}

function realSync(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

function realAsync(path: string): Promise<string | undefined> {
  return realpath(path).catch(() => undefined);
}

function zipWith<A, B>(keys: readonly A[], values: readonly B[]): [A, B][] {
  return keys.map((k, i) => [k, values[i]]);
}

/**
 * `sync` of each item, in order, while the file system answers from memory; `async` of the rest,
 * all at once, when the first PROBE items took longer than `probeMs` (a network drive, a cold
 * disk), where the thread pool's parallel requests win. Asked one after the other from the page
 * cache, 2,673 files' real paths and sizes took 50-60 ms; through the thread pool, all at once,
 * 130-240 ms, on the command's way to its first set.
 */
export async function eachFile<T>(items: readonly string[], sync: (item: string) => T, async: (item: string) => Promise<T>, probeMs = PROBE_MS): Promise<T[]> {
  const out: T[] = [];
  const start = performance.now();
  let i = 0;
  for (; i < items.length; i++) {
    if (i === PROBE && performance.now() - start > probeMs) break;
    out.push(sync(items[i]));
  }
  if (i < items.length) for (const answer of await Promise.all(items.slice(i).map(async))) out.push(answer);
  return out;
}

const PROBE = 32;
/** About 150 µs a file: ten times what a file in the page cache takes. */
const PROBE_MS = 5;

/** The real path of `path` lies in `root` (both real paths), or is it. */
export function isInside(root: string, path: string): boolean {
  if (path === root) return true;
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}
