// `check --cache`: one JSON file that keeps, between runs, the facts of every file (by its content
// hash), the last result of every folder (by a digest of everything it depends on) and the output
// last printed. When nothing changed, that output is printed again without loading the analysis
// core, so this module and what it imports stay small.
//
// The file is one JSON object on four lines: `{"head":{…},"sum":"…",` then `"output":"…",` (the
// output's bytes in base64), `"reports":[…],` and `"facts":{…}}`. JSON.stringify never writes a raw
// line break, so a run whose files did not change reads the head and the output only, not the
// reports or the facts, which are most of the file.
//
// The file is untrusted input: it may be damaged, hand-edited or planted. The head carries the hash
// of every other line and `sum` the hash of the head, so an edited result (say, findings removed to
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
const SCHEMA = 4;
const HEAD_PREFIX = '{"head":';
const SUM_PREFIX = ',"sum":"';
const OUTPUT_PREFIX = '"output":"';
const REPORTS_PREFIX = '"reports":';
const FACTS_PREFIX = '"facts":';

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

interface Head {
  schema: number;
  /** toolId(): another build may make other facts. */
  tool: string;
  folders: HeadFolder[];
  /** The key of the saved output, and the sha256 of each line after the head, as written. */
  output: { key: string; sha: string };
  reports: string;
  facts: string;
}

const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

let tool: string | undefined;

/**
 * The package version and a hash of the running bundle: a rebuilt checker with the same version
 * number (while developing) must not take the old results for its own. A few milliseconds.
 */
function toolId(): string {
  if (tool === undefined) {
    // Both bundles of the command, whichever of them asks: the one that saves (the engine) and the
    // one that reads (the command) must name the same tool.
    let build = '';
    try {
      build = TOOL_FILES.map((name) => hashBytes(readFileSync(join(__dirname, name)))).join('');
    } catch { /* not run from the bundles: the version alone */ }
    tool = `${version}+${build}`;
  }
  return tool;
}

const TOOL_FILES = ['cli.js', 'cli-engine.js'];

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
  /** The lines of the file read so far: the head first, the others as they are needed. */
  private lines: Buffer[] = [];
  private facts?: Record<string, unknown>;

  /** Reads the head of the cache file; a missing or damaged file is an empty cache. */
  constructor(readonly file: string, private readonly locale: Locale, note: (line: string) => void) {
    try {
      this.lines = readLines(file, 1);
      this.head = parseHead(this.lines[0].toString('utf8'));
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
      const output = this.section(1, OUTPUT_PREFIX.length, 2, head.output.sha);
      if (output) return { output: Buffer.from(output.toString('latin1'), 'base64'), counts: sumCounts(folders.map((f) => f.counts)) };
    }
    const text = this.section(2, REPORTS_PREFIX.length, 1, head.reports);
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
   * Line `n` of the file without its key (`skip` bytes) and its last `trim` bytes, when its hash is
   * the one the head gives; undefined when the line is missing or not what was written.
   */
  private section(n: number, skip: number, trim: number, sha: string): Buffer | undefined {
    try {
      if (this.lines.length <= n) this.lines = readLines(this.file, n + 1);
    } catch {
      return undefined;
    }
    const line = this.lines[n];
    if (!line || line.length < skip + trim) return undefined;
    const body = line.subarray(skip, line.length - trim);
    return sha256(body) === sha ? body : undefined;
  }

  /** The encoded facts kept for a file whose content has this hash, by configured tier ('' for none). */
  savedFacts(path: string, hash: string): Record<string, unknown> | undefined {
    const entry = this.savedEntry(path);
    return entry?.hash === hash ? entry.facts : undefined;
  }

  /** The facts saved for a file, with the hash of the bytes they were made from (for a thread to compare). */
  savedEntry(path: string): { hash: string; facts: Record<string, unknown> } | undefined {
    this.facts ??= this.head ? readFacts(this.file, this.head.facts) : {};
    const entry = Object.hasOwn(this.facts, path) ? (this.facts[path] as Partial<SavedFacts> | null) : undefined;
    if (!entry || typeof entry !== 'object' || typeof entry.hash !== 'string') return undefined;
    return typeof entry.facts === 'object' && entry.facts !== null ? { hash: entry.hash, facts: entry.facts } : undefined;
  }

  /**
   * Writes the cache: a new file under an unguessable name, created exclusively (a file or link
   * planted under that name makes it fail, never follows), then renamed over the old one, so a
   * reader never sees half of one. The error if it cannot.
   */
  save(folders: SavedFolder[], facts: Record<string, SavedFacts>, output: SavedOutput): Error | undefined {
    const outputText = Buffer.from(output.text, 'utf8').toString('base64');
    const reportsText = JSON.stringify(folders.map((f) => f.report));
    const factsText = JSON.stringify(facts);
    const headText = JSON.stringify({
      schema: SCHEMA,
      tool: toolId(),
      folders: folders.map((f) => ({ inputs: f.inputs, digest: f.digest, known: f.known, counts: countSeverities(f.report.findings) })),
      output: { key: output.key, sha: sha256(outputText) },
      reports: sha256(reportsText),
      facts: sha256(factsText),
    } satisfies Head);
    const text = `${HEAD_PREFIX}${headText}${SUM_PREFIX}${sha256(headText)}",\n${OUTPUT_PREFIX}${outputText}",\n`
      + `${REPORTS_PREFIX}${reportsText},\n${FACTS_PREFIX}${factsText}}\n`;
    const temp = join(dirname(this.file), `.${basename(this.file)}.${randomBytes(12).toString('hex')}.tmp`);
    let written = false;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const fd = openSync(temp, 'wx', 0o600);
      written = true;
      try {
        writeSync(fd, text, null, 'utf8');
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

/** The first `count` lines of the file (without their line breaks), read in blocks: the rest is not needed yet. */
function readLines(file: string, count: number): Buffer[] {
  const fd = openRegular(file);
  try {
    const lines: Buffer[] = [];
    let pending: Buffer[] = [];
    for (;;) {
      const block = Buffer.allocUnsafe(1 << 20);
      const n = readSync(fd, block, 0, block.length, null);
      if (n === 0) throw new Error('fewer lines than asked');
      let from = 0;
      for (let end = block.indexOf(10, 0); end >= 0 && end < n; end = block.indexOf(10, from)) {
        pending.push(block.subarray(from, end));
        lines.push(pending.length === 1 ? pending[0] : Buffer.concat(pending));
        pending = [];
        from = end + 1;
        if (lines.length === count) return lines;
      }
      pending.push(block.subarray(from, n));
    }
  } finally {
    closeSync(fd);
  }
}

/** The head, when it is whole, ours, of this build and unchanged since it was written. */
function parseHead(line: string): Head | undefined {
  const sumAt = line.lastIndexOf(SUM_PREFIX);
  if (!line.startsWith(HEAD_PREFIX) || !line.endsWith('",') || sumAt < 0) return undefined;
  const headText = line.slice(HEAD_PREFIX.length, sumAt);
  if (sha256(headText) !== line.slice(sumAt + SUM_PREFIX.length, -2)) return undefined;
  const head = JSON.parse(headText) as Partial<Head> | null;
  if (!head || head.schema !== SCHEMA || head.tool !== toolId() || !Array.isArray(head.folders)) return undefined;
  if (!isString(head.facts) || !isString(head.reports) || !isObject(head.output) || !isString(head.output.key) || !isString(head.output.sha)) return undefined;
  return head.folders.every(isHeadFolder) ? (head as Head) : undefined;
}

/** The facts, when their text is the one the head vouches for. */
function readFacts(file: string, digest: string): Record<string, unknown> {
  try {
    const fd = openRegular(file);
    let text: string;
    try {
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
    const start = text.indexOf(`\n${FACTS_PREFIX}`) + 1 + FACTS_PREFIX.length;
    const factsText = text.slice(start, text.endsWith('}\n') ? -2 : undefined);
    if (start <= FACTS_PREFIX.length || sha256(factsText) !== digest) return {};
    const facts = JSON.parse(factsText) as unknown;
    return isObject(facts) ? facts : {};
  } catch {
    return {};
  }
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
