// `check --cache`: one JSON file that keeps, between runs, the facts of every file (by its content
// hash), the last result of every folder (by a digest of everything it depends on) and the output
// last printed. When nothing changed, that output is printed again without loading the analysis
// core, so this module and what it imports stay small.
//
// The file is a head line, `{"head":{…},"sum":"…"}`, then three sections, each followed by a line
// break: the output last printed, as its bytes, then the reports (JSON) and the facts (JSON). The
// head gives each section's length, so a run whose files did not change reads the head and the
// output only, each with one read at its place, and not the reports or the facts, which are most of
// the file. (The output was once kept in base64 inside one JSON object: decoding it took about a
// tenth of an unchanged run.)
//
// The file is untrusted input: it may be damaged, hand-edited or planted. The head carries the hash
// of every section and `sum` the hash of the head, so an edited result (say, findings removed to
// pass a CI check) is dropped, not printed. Only a regular file is read or replaced: never a device,
// a FIFO, a symbolic link or a file of /proc, and the new file is written under an unguessable name
// created exclusively, then renamed over the old one.

import { createHash, randomBytes } from 'node:crypto';
import {
  type BigIntStats, closeSync, constants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statfsSync, statSync,
  unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Locale } from '../core/types';
import { version } from '../../../package.json';
import { listFiles } from '../host/paths';
import { countSeverities, type Counts, type CoverageRow, type FolderReport, type ReportFinding } from './format';

export const CACHE_FILE = '.policytracecache';

/** Bumped whenever the layout of the file or of the encoded facts changes. */
const SCHEMA = 5;
const HEAD_PREFIX = '{"head":';
const SUM_PREFIX = ',"sum":"';
const HEAD_SUFFIX = '"}';

/** What a folder's result depends on besides its Markdown files. */
export interface FolderInputs {
  /** Absolute path of the folder. */
  root: string;
  /** --config, resolved; null when each folder has its own policy-trace.json. */
  configOption: string | null;
  /** The configuration file read (it may not exist). */
  configPath: string;
  /** The prh dictionaries the configuration names, absolute (they may not exist). */
  dictionaries: string[];
  /** policy-trace.lock of the folder (it may not exist). */
  lockPath: string;
  /** The globs whose files were read. */
  patterns: string[];
}

export interface SavedFolder {
  inputs: FolderInputs;
  digest: string;
  /** `${stamp} ${hash}` by path, for the files whose stamp tells they have not changed since. */
  known: Record<string, string>;
  report: FolderReport;
}

/** What the head keeps of a folder: enough to tell whether its result holds, and its exit code. */
interface HeadFolder {
  inputs: FolderInputs;
  digest: string;
  known: Record<string, string>;
  counts: Counts;
}

/**
 * How long (2 s, in nanoseconds) a file's change time must lie before the run that read it for its
 * stamp to be kept:
 * some file systems keep times in whole seconds (ext3, HFS+) or two (FAT), so a file changed again
 * within the same tick after it was read would keep its stamp.
 */
const SETTLED_NS = 2_000_000_000n;

/**
 * What tells, without reading a file, that it is the one read before: size, inode, modification
 * and change time in nanoseconds. The change time cannot be set back (touch -d sets it to now), so
 * an edit that keeps the size and puts the old modification time back still shows.
 */
function stampOf(stat: BigIntStats): string {
  return `${stat.size}:${stat.ino}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/**
 * The stamp to keep for a file read by a run that began at `since`; undefined for a file changed
 * within SETTLED_NS before: it is read every time, until a run finds it settled.
 */
export function fileStamp(stat: BigIntStats, since: bigint): string | undefined {
  return stat.ctimeNs < since - SETTLED_NS ? stampOf(stat) : undefined;
}

/** What a run printed, and what else than the folders' results it depended on (format, cwd…). */
export interface SavedOutput {
  key: string;
  text: string;
}

/** A result that still holds: the output to print again, or the reports to format anew. */
export type Reused =
  | { output: Buffer; counts: Counts }
  | { reports: FolderReport[] };

/** A file's content hash and its encoded facts per configured tier ('' for none). */
export interface SavedFacts {
  hash: string;
  facts: Record<string, unknown>;
}

/** Where a section lies after the head: its length in bytes and its sha256, as written. */
interface Section {
  bytes: number;
  sha: string;
}

interface Head {
  schema: number;
  /** toolId(): another build may make other facts. */
  tool: string;
  folders: HeadFolder[];
  /** The sections in their order in the file; the output with the key of what it was printed for. */
  output: Section & { key: string };
  reports: Section;
  facts: Section;
}

const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** The build's own id (scripts/build.mjs), in the bundles only. */
declare const POLICY_TRACE_BUILD: string | undefined;

/**
 * The package version and the id of the build: a rebuilt checker with the same version number
 * (while developing) must not take the old results for its own. The build writes into both bundles
 * of the command a hash of the two (the one that saves, the engine, and the one that reads, the
 * command, must name the same tool); hashing them at each run took about 5 ms of an unchanged one.
 */
function toolId(): string {
  return `${version}+${typeof POLICY_TRACE_BUILD === 'string' ? POLICY_TRACE_BUILD : ''}`;
}

/**
 * One hash of everything a folder's result depends on: the tool, the cache layout, the locale,
 * the configuration and dictionaries (null when absent) and every file read, with their hashes.
 */
export function folderDigest(locale: Locale, inputs: FolderInputs, hashOf: (path: string) => string | null, files: string[]): string {
  const parts = [
    SCHEMA, toolId(), locale, inputs.root, inputs.configPath, hashOf(inputs.configPath),
    inputs.dictionaries.map((d) => [d, hashOf(d)]),
    inputs.lockPath, hashOf(inputs.lockPath),
    inputs.patterns,
    files.map((f) => [f, hashOf(f)]),
  ];
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

/**
 * --cache-location: a directory (existing, or written with a trailing slash) holds the default file.
 * Anything else that exists must be a regular file outside the kernel's own file systems; the reason
 * it is refused otherwise.
 */
export function cacheFile(cwd: string, location: string | undefined): { file: string } | { refused: Refusal } {
  let path = resolve(cwd, location ?? CACHE_FILE);
  if (location !== undefined && (/[\\/]$/.test(location) || isDirectory(path))) path = join(path, CACHE_FILE);
  const refused = unsafe(path);
  return refused ? { refused } : { file: path };
}

/** A folder, or a link to one: the file inside it is what gets checked. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Magic numbers of file systems whose files are the kernel's, not data (statfs(2)). */
const SYSTEM_FILE_SYSTEMS = new Set([
  0x9fa0, // proc
  0x62656572, // sysfs
  0x1cd1, // devpts
  0x64626720, // debugfs
  0x74726163, // tracefs
  0x73636673, // securityfs
  0x27e0eb, // cgroup
  0x63677270, // cgroup2
]);

/** Why a cache location is refused: a symbolic link, not a regular file, a kernel file system. */
export type Refusal = 'link' | 'special' | 'system';

/** Why the cache may not live at `path`, or undefined when it may (an unreadable spot fails later, with a warning). */
function unsafe(path: string): Refusal | undefined {
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return 'link';
    if (!stat.isFile()) return 'special';
  } catch {
    // Not there yet (or not visible to us): the folder decides.
  }
  // The nearest existing folder tells which file system the file is (or would be) on.
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    if (SYSTEM_FILE_SYSTEMS.has(Number(statfsSync(dir).type))) return 'system';
  } catch {
    // statfs is not everywhere (Windows): the checks above stand.
  }
  return undefined;
}

/** Opening never follows a link and never waits for a writer (a FIFO); the caller checks fstat. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function openRegular(file: string): number {
  const fd = openSync(file, READ_FLAGS);
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new Error('not a regular file');
  }
  return fd;
}

export class CheckCache {
  private head?: Head;
  /** Where the output section begins: just after the head line. */
  private body = 0;
  private facts?: Record<string, unknown>;

  /** Reads the head of the cache file; a missing or damaged file is an empty cache. */
  constructor(readonly file: string, private readonly locale: Locale, note: (line: string) => void) {
    try {
      const line = readHeadLine(file);
      this.head = parseHead(line.toString('utf8'));
      this.body = line.length + 1;
    } catch {
      // Missing, unreadable, truncated or foreign: this run is a cold one.
    }
    if (!this.head && existsSync(file)) note('cache: file ignored');
  }

  /**
   * The result of the last run, if it checked these folders and none of their inputs changed: the
   * output it printed when `outputKey` is the same (format, working directory…), else its reports.
   */
  async reuse(roots: string[], configOption: string | null, outputKey: string): Promise<Reused | undefined> {
    const head = this.head;
    if (!head) return undefined;
    const folders: HeadFolder[] = [];
    for (const root of roots) {
      const folder = head.folders.find((f) => f.inputs.root === root && f.inputs.configOption === configOption);
      if (!folder) return undefined;
      let files: string[];
      const hashes = new Map<string, string | null>();
      try {
        // The same list loadFolder reads, from the same globs.
        files = await listFiles(root, folder.inputs.patterns);
        for (const path of [folder.inputs.configPath, ...folder.inputs.dictionaries, folder.inputs.lockPath, ...files]) {
          hashes.set(path, currentHash(path, folder.known));
        }
      } catch {
        // Let the full check meet the error and report it as it always does.
        return undefined;
      }
      if (folderDigest(this.locale, folder.inputs, (p) => hashes.get(p) ?? null, files) !== folder.digest) return undefined;
      folders.push(folder);
    }
    // The same folders in the same order as the run that printed the output.
    const sameRun = folders.length === head.folders.length && folders.every((f, i) => f === head.folders[i]);
    if (sameRun && head.output.key === outputKey) {
      const output = this.section('output');
      if (output) return { output, counts: sumCounts(folders.map((f) => f.counts)) };
    }
    const text = this.section('reports');
    let saved: unknown;
    try {
      saved = text && JSON.parse(text.toString('utf8'));
    } catch {
      return undefined;
    }
    if (!Array.isArray(saved) || saved.length !== head.folders.length || !saved.every(isReport)) return undefined;
    return { reports: folders.map((f) => saved[head.folders.indexOf(f)] as FolderReport) };
  }

  /**
   * A section's bytes, read where the head says it lies, when they are what was written (length,
   * sha256 and the line break after them); undefined otherwise.
   */
  private section(name: 'output' | 'reports' | 'facts'): Buffer | undefined {
    const head = this.head;
    if (!head) return undefined;
    let at = this.body;
    for (const before of SECTIONS) {
      if (before === name) break;
      at += head[before].bytes + 1;
    }
    const { bytes, sha } = head[name];
    let read: Buffer;
    try {
      read = readAt(this.file, at, bytes + 1);
    } catch {
      return undefined;
    }
    const body = read.subarray(0, bytes);
    return read.length === bytes + 1 && read[bytes] === 10 && sha256(body) === sha ? body : undefined;
  }

  /** The encoded facts kept for a file whose content has this hash, by configured tier ('' for none). */
  savedFacts(path: string, hash: string): Record<string, unknown> | undefined {
    const entry = this.savedEntry(path);
    return entry?.hash === hash ? entry.facts : undefined;
  }

  /** The facts saved for a file, with the hash of the bytes they were made from (for a thread to compare). */
  savedEntry(path: string): { hash: string; facts: Record<string, unknown> } | undefined {
    this.facts ??= this.readFacts();
    const entry = Object.hasOwn(this.facts, path) ? (this.facts[path] as Partial<SavedFacts> | null) : undefined;
    if (!entry || typeof entry !== 'object' || typeof entry.hash !== 'string') return undefined;
    return typeof entry.facts === 'object' && entry.facts !== null ? { hash: entry.hash, facts: entry.facts } : undefined;
  }

  /** The facts, when their text is the one the head vouches for. */
  private readFacts(): Record<string, unknown> {
    const text = this.section('facts');
    if (!text) return {};
    try {
      const facts = JSON.parse(text.toString('utf8')) as unknown;
      return isObject(facts) ? facts : {};
    } catch {
      return {};
    }
  }

  /**
   * Writes the cache: a new file under an unguessable name, created exclusively (a file or link
   * planted under that name makes it fail, never follows), then renamed over the old one, so a
   * reader never sees half of one. The error if it cannot.
   */
  save(folders: SavedFolder[], facts: Record<string, SavedFacts>, output: SavedOutput): Error | undefined {
    const sections = {
      output: Buffer.from(output.text, 'utf8'),
      reports: Buffer.from(JSON.stringify(folders.map((f) => f.report)), 'utf8'),
      facts: Buffer.from(JSON.stringify(facts), 'utf8'),
    };
    const about = (bytes: Buffer): Section => ({ bytes: bytes.length, sha: sha256(bytes) });
    const headText = JSON.stringify({
      schema: SCHEMA,
      tool: toolId(),
      folders: folders.map((f) => ({ inputs: f.inputs, digest: f.digest, known: f.known, counts: countSeverities(f.report.findings) })),
      output: { key: output.key, ...about(sections.output) },
      reports: about(sections.reports),
      facts: about(sections.facts),
    } satisfies Head);
    const newline = Buffer.from('\n');
    const parts = [Buffer.from(`${HEAD_PREFIX}${headText}${SUM_PREFIX}${sha256(headText)}${HEAD_SUFFIX}\n`, 'utf8')];
    for (const name of SECTIONS) parts.push(sections[name], newline);
    const temp = join(dirname(this.file), `.${basename(this.file)}.${randomBytes(12).toString('hex')}.tmp`);
    let written = false;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const fd = openSync(temp, 'wx', 0o600);
      written = true;
      try {
        for (const part of parts) writeAll(fd, part);
      } finally {
        closeSync(fd);
      }
      // Checked again right before: something may have been put there since the run began.
      const refused = unsafe(this.file);
      if (refused) throw new Error(`refused: ${refused === 'link' ? 'a symbolic link' : 'not a regular file'}`);
      renameSync(temp, this.file);
      return undefined;
    } catch (error) {
      if (written) try { unlinkSync(temp); } catch { /* already gone */ }
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}

/** The sections after the head, in their order in the file. */
const SECTIONS = ['output', 'reports', 'facts'] as const;

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** The first line of the file, without its line break, read in growing blocks: the rest is not needed yet. */
function readHeadLine(file: string): Buffer {
  const fd = openRegular(file);
  try {
    let block = Buffer.allocUnsafe(1 << 16);
    let filled = 0;
    for (;;) {
      const n = readSync(fd, block, filled, block.length - filled, filled);
      if (n === 0) throw new Error('no line break');
      const end = block.indexOf(10, filled);
      filled += n;
      if (end >= 0 && end < filled) return block.subarray(0, end);
      if (filled === block.length) {
        const larger = Buffer.allocUnsafe(block.length * 4);
        block.copy(larger);
        block = larger;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** `length` bytes of the file from `position`, fewer when it ends first. */
function readAt(file: string, position: number, length: number): Buffer {
  const fd = openRegular(file);
  try {
    const out = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const n = readSync(fd, out, filled, length - filled, position + filled);
      if (n === 0) break;
      filled += n;
    }
    return out.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** The head, when it is whole, ours, of this build and unchanged since it was written. */
function parseHead(line: string): Head | undefined {
  const sumAt = line.lastIndexOf(SUM_PREFIX);
  if (!line.startsWith(HEAD_PREFIX) || !line.endsWith(HEAD_SUFFIX) || sumAt < 0) return undefined;
  const headText = line.slice(HEAD_PREFIX.length, sumAt);
  if (sha256(headText) !== line.slice(sumAt + SUM_PREFIX.length, -HEAD_SUFFIX.length)) return undefined;
  const head = JSON.parse(headText) as Partial<Head> | null;
  if (!head || head.schema !== SCHEMA || head.tool !== toolId() || !Array.isArray(head.folders)) return undefined;
  if (!SECTIONS.every((name) => isSection(head[name])) || !isString(head.output!.key)) return undefined;
  return head.folders.every(isHeadFolder) ? (head as Head) : undefined;
}

/** The hash of a file's content (null when it is not there): the saved one while its stamp is unchanged. */
function currentHash(path: string, known: Record<string, string>): string | null {
  let stat: BigIntStats | undefined;
  try {
    stat = statSync(path, { bigint: true });
  } catch {
    return null;
  }
  const saved = Object.hasOwn(known, path) ? known[path] : undefined;
  const space = saved === undefined ? -1 : saved.indexOf(' ');
  if (space > 0 && saved!.slice(0, space) === stampOf(stat)) return saved!.slice(space + 1);
  return hashBytes(readFileSync(path));
}

function sumCounts(all: Counts[]): Counts {
  const sum: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const c of all) for (const k of SEVERITIES) sum[k] += c[k];
  return sum;
}

// Shape checks of what the head holds, so that a foreign or hand-edited file cannot crash the output.

const isString = (x: unknown): x is string => typeof x === 'string';
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);
const isInt = (x: unknown): boolean => Number.isSafeInteger(x);
const isPosition = (x: unknown): boolean => isObject(x) && isInt(x.line) && isInt(x.character);
const isSection = (x: unknown): x is Section => isObject(x) && isInt(x.bytes) && (x.bytes as number) >= 0 && isString(x.sha);

function isHeadFolder(x: unknown): x is HeadFolder {
  if (!isObject(x) || !isString(x.digest) || !isObject(x.inputs) || !isObject(x.counts)) return false;
  const c = x.counts;
  if (!SEVERITIES.every((k) => isInt(c[k]) && (c[k] as number) >= 0)) return false;
  if (!isObject(x.known) || !Object.values(x.known).every(isString)) return false;
  const i = x.inputs;
  return isString(i.root) && (i.configOption === null || isString(i.configOption)) && isString(i.configPath)
    && isStrings(i.dictionaries) && isString(i.lockPath) && isStrings(i.patterns);
}

const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
const STATUSES = ['covered', 'missing-standard', 'missing-procedure', 'waived'];

function isFinding(x: unknown): x is ReportFinding {
  return isObject(x) && isString(x.uri) && isObject(x.range) && isPosition(x.range.start) && isPosition(x.range.end)
    && (SEVERITIES as readonly unknown[]).includes(x.severity) && isString(x.code) && isString(x.message);
}

function isRow(x: unknown): x is CoverageRow {
  return isObject(x) && isString(x.measure) && isString(x.title) && isStrings(x.standards) && isStrings(x.procedures)
    && STATUSES.includes(x.status as string);
}

function isReport(x: unknown): x is FolderReport {
  return isObject(x) && isString(x.root) && isInt(x.documents) && Array.isArray(x.findings) && x.findings.every(isFinding)
    && Array.isArray(x.sets) && x.sets.every((s) => isObject(s) && isString(s.name) && Array.isArray(s.coverage) && s.coverage.every(isRow));
}
