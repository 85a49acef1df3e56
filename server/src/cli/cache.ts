// `check --cache`: one JSON file that keeps, between runs, the facts of every file (by its content
// hash) and the last result of every folder (by a digest of everything it depends on). When
// nothing changed, the result is printed again without loading the analysis core, so this module
// and what it imports stay small.
//
// The file is `{"head":{…},\n"facts":{…}}\n`. JSON.stringify never writes a raw line break, so the
// first one ends the head: a run whose files did not change reads and parses only the head, not
// the facts, which are most of the file.

import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Locale } from '../core/types';
import { version } from '../../../package.json';
import { listFiles } from '../host/paths';
import type { CoverageRow, FolderReport, ReportFinding } from './format';

export const CACHE_FILE = '.policytracecache';

/** Bumped whenever the layout of the file or of the encoded facts changes. */
const SCHEMA = 1;
const HEAD_PREFIX = '{"head":';
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
  /** The globs whose files were read. */
  patterns: string[];
}

export interface SavedFolder {
  inputs: FolderInputs;
  digest: string;
  report: FolderReport;
}

/** A file's content hash and its encoded facts per configured tier ('' for none). */
export interface SavedFacts {
  hash: string;
  facts: Record<string, unknown>;
}

interface Head {
  schema: number;
  /** toolId(): another build may make other facts. */
  tool: string;
  folders: SavedFolder[];
}

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
    let build = '';
    try { build = hashBytes(readFileSync(__filename)); } catch { /* not run from a file: the version alone */ }
    tool = `${version}+${build}`;
  }
  return tool;
}

/**
 * One hash of everything a folder's result depends on: the tool, the cache layout, the locale,
 * the configuration and dictionaries (null when absent) and every file read, with their hashes.
 */
export function folderDigest(locale: Locale, inputs: FolderInputs, hashOf: (path: string) => string | null, files: string[]): string {
  const parts = [
    SCHEMA, toolId(), locale, inputs.root, inputs.configPath, hashOf(inputs.configPath),
    inputs.dictionaries.map((d) => [d, hashOf(d)]),
    inputs.patterns,
    files.map((f) => [f, hashOf(f)]),
  ];
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

/** --cache-location: a directory (existing, or written with a trailing slash) holds the default file. */
export function cacheFile(cwd: string, location: string | undefined): string {
  if (location === undefined) return resolve(cwd, CACHE_FILE);
  const path = resolve(cwd, location);
  const isDirectory = /[\\/]$/.test(location) || (existsSync(path) && statSync(path).isDirectory());
  return isDirectory ? join(path, CACHE_FILE) : path;
}

export class CheckCache {
  private head?: Head;
  private facts?: Record<string, unknown>;

  /** Reads the head of the cache file; a missing or damaged file is an empty cache. */
  constructor(readonly file: string, private readonly locale: Locale, note: (line: string) => void) {
    try {
      this.head = parseHead(readHead(file));
    } catch {
      // Missing, unreadable, truncated or foreign: this run is a cold one.
    }
    if (!this.head && existsSync(file)) note('cache: file ignored');
  }

  /** The reports of the last run, if it checked these folders and none of their inputs changed. */
  async reuse(roots: string[], configOption: string | null): Promise<FolderReport[] | undefined> {
    const saved = this.head?.folders ?? [];
    const reports: FolderReport[] = [];
    for (const root of roots) {
      const folder = saved.find((f) => f.inputs.root === root && f.inputs.configOption === configOption);
      if (!folder || !isReport(folder.report)) return undefined;
      let files: string[];
      const hashes = new Map<string, string | null>();
      try {
        // The same list loadFolder reads, from the same globs.
        files = await listFiles(root, folder.inputs.patterns);
        for (const path of [folder.inputs.configPath, ...folder.inputs.dictionaries, ...files]) {
          hashes.set(path, existsSync(path) ? hashBytes(readFileSync(path)) : null);
        }
      } catch {
        // Let the full check meet the error and report it as it always does.
        return undefined;
      }
      if (folderDigest(this.locale, folder.inputs, (p) => hashes.get(p) ?? null, files) !== folder.digest) return undefined;
      reports.push(folder.report);
    }
    return reports;
  }

  /** The encoded facts kept for a file whose content has this hash, by configured tier ('' for none). */
  savedFacts(path: string, hash: string): Record<string, unknown> | undefined {
    this.facts ??= this.head ? readFacts(this.file) : {};
    const entry = Object.hasOwn(this.facts, path) ? (this.facts[path] as Partial<SavedFacts> | null) : undefined;
    if (!entry || typeof entry !== 'object' || entry.hash !== hash) return undefined;
    return typeof entry.facts === 'object' && entry.facts !== null ? entry.facts : undefined;
  }

  /** Writes the cache (a temporary file renamed over it, so a reader never sees half of one); the error if it cannot. */
  save(folders: SavedFolder[], facts: Record<string, SavedFacts>): Error | undefined {
    const head: Head = { schema: SCHEMA, tool: toolId(), folders };
    const text = `${HEAD_PREFIX}${JSON.stringify(head)},\n${FACTS_PREFIX}${JSON.stringify(facts)}}\n`;
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(temp, text, 'utf8');
      renameSync(temp, this.file);
      return undefined;
    } catch (error) {
      try { unlinkSync(temp); } catch { /* never written */ }
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}

/** The bytes up to the first line break, read in blocks: the facts after it are not needed yet. */
function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const blocks: Buffer[] = [];
    for (;;) {
      const block = Buffer.allocUnsafe(1 << 20);
      const n = readSync(fd, block, 0, block.length, null);
      if (n === 0) throw new Error('no line break');
      const end = block.subarray(0, n).indexOf(10);
      blocks.push(block.subarray(0, end < 0 ? n : end));
      if (end >= 0) return Buffer.concat(blocks).toString('utf8');
    }
  } finally {
    closeSync(fd);
  }
}

function parseHead(line: string): Head | undefined {
  if (!line.startsWith(HEAD_PREFIX) || !line.endsWith(',')) return undefined;
  const head = JSON.parse(line.slice(HEAD_PREFIX.length, -1)) as Partial<Head> | null;
  if (!head || head.schema !== SCHEMA || head.tool !== toolId() || !Array.isArray(head.folders)) return undefined;
  return head.folders.every(isSavedFolder) ? (head as Head) : undefined;
}

function readFacts(file: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { facts?: unknown } | null;
    const facts = parsed?.facts;
    return typeof facts === 'object' && facts !== null && !Array.isArray(facts) ? (facts as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// Shape checks of what the head holds, so that a foreign or hand-edited file cannot crash the output.

const isString = (x: unknown): x is string => typeof x === 'string';
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);
const isInt = (x: unknown): boolean => Number.isSafeInteger(x);
const isPosition = (x: unknown): boolean => isObject(x) && isInt(x.line) && isInt(x.character);

function isSavedFolder(x: unknown): x is SavedFolder {
  if (!isObject(x) || !isString(x.digest) || !isObject(x.inputs)) return false;
  const i = x.inputs;
  return isString(i.root) && (i.configOption === null || isString(i.configOption)) && isString(i.configPath)
    && isStrings(i.dictionaries) && isStrings(i.patterns);
}

const SEVERITIES = ['error', 'warning', 'information', 'hint'];
const STATUSES = ['covered', 'missing-standard', 'missing-procedure', 'waived'];

function isFinding(x: unknown): x is ReportFinding {
  return isObject(x) && isString(x.uri) && isObject(x.range) && isPosition(x.range.start) && isPosition(x.range.end)
    && SEVERITIES.includes(x.severity as string) && isString(x.code) && isString(x.message);
}

function isRow(x: unknown): x is CoverageRow {
  return isObject(x) && isString(x.measure) && isString(x.title) && isStrings(x.standards) && isStrings(x.procedures)
    && STATUSES.includes(x.status as string);
}

function isReport(x: unknown): x is FolderReport {
  return isObject(x) && isString(x.root) && isInt(x.documents) && Array.isArray(x.findings) && x.findings.every(isFinding)
    && Array.isArray(x.sets) && x.sets.every((s) => isObject(s) && isString(s.name) && Array.isArray(s.coverage) && s.coverage.every(isRow));
}
