// Runs the checker over folders on disk and gathers what the CLI prints and how it exits.

import { join, relative, resolve } from 'node:path';
import { CONFIG_FILE, LOCK_FILE, PolicyWorkspace, TIERS, type DocumentFacts, type Finding, type Locale, type Messages, type TraceIndex } from '../core/api';
import { decodeFacts, encodeFacts } from '../core/factsCodec';
import { fileText, fileUri, loadFolder, readRegularFileSync, relativePath, type FileText } from '../host/folder';
import { includePatterns, type Refusal } from '../host/paths';
import { fileStamp, folderDigest, hashBytes, type CheckCache, type FolderInputs, type SavedFacts } from './cache';
import { coverageRows, type CoverageRow } from './format';

export interface CheckOptions {
  /** Absolute paths of existing folders. */
  roots: string[];
  /** --config, resolved (it exists); else each folder's own policy-trace.json. */
  configPath?: string;
  locale: Locale;
  cwd: string;
  msg: Messages;
  /** --cache: facts of unchanged files come from it, and the run gives what to save in it. */
  cache?: CheckCache;
  /**
   * Keep each folder's indexes (the matrix and --explain read them). Otherwise the facts of a
   * folder are let go once its findings and coverage are taken out: the printing does not need them.
   */
  keepIndexes?: boolean;
}

export interface FolderResult {
  /** Absolute path of the folder. */
  root: string;
  findings: Finding[];
  /** Per policy set, in the order of the configuration: its name and the coverage of its measures. */
  sets: { name: string; coverage: CoverageRow[] }[];
  /** Only with keepIndexes. */
  indexes?: TraceIndex[];
  /** Documents that belong to a policy set; files without a tier are read but not counted. */
  documents: number;
  /** Markdown files read, and those that joined no set (with what their tier was looked for in). */
  markdownFiles: number;
  untiered: { path: string; title: string }[];
  /** Files left out because they are not text (a binary file named .md), relative to the folder. */
  binary: string[];
  /** Files not read because they lead outside the folder (a link) or are no regular file. */
  refused: { path: string; why: Refusal }[];
  /** With --cache: what the next run needs to know whether this result still holds. */
  saved?: { inputs: FolderInputs; digest: string; known: Record<string, string>; facts: Record<string, SavedFacts>; reused: number; documents: number };
}

export type CheckResult =
  | { kind: 'checked'; folders: FolderResult[] }
  /** The configuration file cannot be read as one; its problems are all there is to show. */
  | { kind: 'config'; message: string; problems: Finding[] };

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const { msg, cwd, cache, roots, configPath } = options;

  const folders: FolderResult[] = [];
  for (const root of roots) {
    const ws = new PolicyWorkspace();
    const hashes = new Map<string, string>();
    const stamps = new Map<string, string>();
    // When this run began, in the clock of file times: a file changed since may change again unseen.
    const since = BigInt(Date.now()) * 1_000_000n;
    const binary: string[] = [];
    const refused: { path: string; why: Refusal }[] = [];
    const files = await loadFolder(root, ws, configPath, {
      readText: async (path: string) => readForCheck(path, cache ? { hashes, stamps, since } : undefined),
      skipped: (path) => binary.push(relativePath(root, path)),
      refused: (path, why) => refused.push({ path: relativePath(root, path), why }),
    });
    // Saved facts put back into the workspace, with their encoded form to save again as it is.
    const primed = new Map<DocumentFacts, unknown>();
    if (cache) primeFacts(ws, cache, root, files, hashes, primed);
    const byUri = ws.findings(options.locale);
    const findings = [...byUri.values()].flat();
    const indexes = ws.getIndexes();
    const documents = new Set(indexes.flatMap((i) => i.documents.map((d) => d.uri))).size;
    const configFile = configPath ?? resolve(root, CONFIG_FILE);
    const problems = findings.filter((f) => f.code === 'config/invalid' && f.uri === fileUri(configFile));
    if (problems.length) {
      return { kind: 'config', message: msg('cliConfigFailed', relative(cwd, configFile) || configFile), problems };
    }
    const inSets = new Set(indexes.flatMap((i) => i.documents.map((d) => d.uri)));
    // The files a set includes are the ones analysed (README.md and the excluded are not).
    const markdown = files.filter((f) => ws.computedFacts(fileUri(f)).length);
    const untiered = markdown.filter((f) => !inSets.has(fileUri(f))).map((f) => ({
      path: relativePath(root, f),
      title: ws.computedFacts(fileUri(f))[0].facts.title,
    }));
    const sets = indexes.map((index) => ({ name: index.name, coverage: coverageRows(index) }));
    const folder: FolderResult = { root, findings, sets, ...(options.keepIndexes ? { indexes } : {}), documents, markdownFiles: markdown.length, untiered, binary, refused };
    if (cache) {
      const inputs: FolderInputs = {
        root,
        configOption: configPath ?? null,
        configPath: configFile,
        dictionaries: ws.getConfig().terms.prh.map((rel) => join(root, rel)),
        lockPath: join(root, LOCK_FILE),
        patterns: includePatterns(ws.getConfig()),
      };
      const digest = folderDigest(options.locale, inputs, (p) => hashes.get(p) ?? null, files);
      // Files in no set have no facts; a file is reused when all its facts came from the cache.
      const analysed = files.map((f) => ws.computedFacts(fileUri(f))).filter((facts) => facts.length);
      const reused = analysed.filter((facts) => facts.every((c) => primed.has(c.facts))).length;
      const known = Object.fromEntries([...stamps].map(([path, stamp]) => [path, `${stamp} ${hashes.get(path)}`]));
      folder.saved = { inputs, digest, known, facts: factsToSave(ws, files, hashes, primed), reused, documents: analysed.length };
    }
    folders.push(folder);
  }
  return { kind: 'checked', folders };
}

/**
 * As readTextFile (one file after the other: see readRegularFileSync), and with --cache notes the
 * hash of the bytes read, so the cache matches what was analysed, and the file's stamp as it was
 * before they were read (see cache.ts `fileStamp`).
 */
function readForCheck(path: string, hashed?: { hashes: Map<string, string>; stamps: Map<string, string>; since: bigint }): FileText | undefined {
  const { bytes, stat } = readRegularFileSync(path);
  if (hashed) {
    hashed.hashes.set(path, hashBytes(bytes));
    const stamp = fileStamp(stat, hashed.since);
    if (stamp) hashed.stamps.set(path, stamp);
  }
  return fileText(bytes);
}

/** Gives the workspace the saved facts of every unchanged file. */
function primeFacts(ws: PolicyWorkspace, cache: CheckCache, root: string, files: string[], hashes: Map<string, string>, primed: Map<DocumentFacts, unknown>): void {
  for (const file of files) {
    const hash = hashes.get(file);
    const saved = hash === undefined ? undefined : cache.savedFacts(file, hash);
    if (!saved) continue;
    const uri = fileUri(file);
    const path = relativePath(root, file);
    for (const [key, encoded] of Object.entries(saved)) {
      const tier = TIERS.find((t) => t === key);
      if (key !== '' && !tier) continue;
      const facts = decodeFacts(encoded);
      // The same bytes under another folder or name make other facts (uri, path, path-based tier).
      if (!facts || facts.uri !== uri || facts.path !== path) continue;
      ws.primeFacts(uri, tier, facts);
      primed.set(facts, encoded);
    }
  }
}

function factsToSave(ws: PolicyWorkspace, files: string[], hashes: Map<string, string>, primed: Map<DocumentFacts, unknown>): Record<string, SavedFacts> {
  const out: Record<string, SavedFacts> = {};
  for (const file of files) {
    const hash = hashes.get(file);
    const computed = ws.computedFacts(fileUri(file));
    if (hash === undefined || !computed.length) continue;
    out[file] = { hash, facts: Object.fromEntries(computed.map((c) => [c.configTier ?? '', primed.get(c.facts) ?? encodeFacts(c.facts)])) };
  }
  return out;
}
