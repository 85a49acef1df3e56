// Runs the checker over folders on disk and gathers what the CLI prints and how it exits.

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join, relative, resolve } from 'node:path';
import { CONFIG_FILE, PolicyWorkspace, TIERS, type DocumentFacts, type Finding, type Locale, type Messages, type TraceIndex } from '../core/api';
import { decodeFacts, encodeFacts } from '../core/factsCodec';
import { fileText, fileUri, loadFolder, readRegularFileSync, relativePath, type FileText } from '../host/folder';
import { includePatterns, type Refusal } from '../host/paths';
import { fileStamp, folderDigest, hashBytes, type CheckCache, type FolderInputs, type SavedFacts } from './cache';
import { coverageRows, type CoverageRow } from './format';
import { checkShare, type ShareJob, type ShareResult } from './setShare';
import { SHARE_WORKER } from './shareWorker';

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
  /** Threads a folder's policy sets may be checked in at once (--jobs). */
  jobs: number;
  /** The matrix and --explain read the indexes, which stay in the thread that built them. */
  needIndexes: boolean;
  /** Told how the sets were shared between threads (POLICY_TRACE_DEBUG_JOBS=1). */
  note?: (line: string) => void;
}

export interface FolderResult {
  /** Absolute path of the folder. */
  root: string;
  findings: Finding[];
  /** The sets' indexes, when the run was asked for them (needIndexes); else they may be missing. */
  indexes: TraceIndex[];
  /** Each set's coverage, in the order of the configuration. */
  sets: { name: string; coverage: CoverageRow[] }[];
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
    // What was read, by path: the configuration and dictionaries go to the shares as text.
    const read = new Map<string, FileText>();
    // Threads for the shares start booting while this one reads the files.
    const parallel = options.jobs > 1 && !cache && !options.needIndexes;
    let workers: Worker[] = [];
    const files = await loadFolder(root, ws, configPath, {
      configured: (config) => {
        if (parallel) workers = startWorkers(Math.min(options.jobs, config.sets.length) - 1);
      },
      readText: async (path: string) => {
        const text = readForCheck(path, cache ? { hashes, stamps, since } : undefined);
        if (text) read.set(path, text);
        return text;
      },
      skipped: (path) => binary.push(relativePath(root, path)),
      refused: (path, why) => refused.push({ path: relativePath(root, path), why }),
    });
    const configFile = configPath ?? resolve(root, CONFIG_FILE);
    const settings = ws.settingsFindings(options.locale);
    const problems = (settings.get(fileUri(configFile)) ?? []).filter((f) => f.code === 'config/invalid');
    const shares = parallel && !problems.length ? shareSets(ws, workers.length + 1) : [];
    // Workers not needed after all (sets that include nothing) stop here.
    for (const worker of workers.splice(Math.max(0, shares.length - 1))) void worker.terminate();
    if (problems.length) {
      return { kind: 'config', message: msg('cliConfigFailed', relative(cwd, configFile) || configFile), problems };
    }
    let folder: Checked;
    if (parallel) options.note?.(`shares: ${shares.map((sets) => sets.join(' ')).join(' | ')} (threads: ${workers.length + 1})`);
    if (shares.length > 1) {
      const config = read.get(configFile);
      const dictionaries = ws.getConfig().terms.prh.map((rel) => join(root, rel)).filter((path) => read.has(path));
      folder = await checkInShares(root, ws, files, shares, workers, {
        config: config && { uri: fileUri(configFile), text: config.text },
        dictionaries: dictionaries.map((path) => ({ uri: fileUri(path), text: read.get(path)!.text })),
        locale: options.locale,
      }, settings);
    } else {
      // Saved facts put back into the workspace, with their encoded form to save again as it is.
      const primed = new Map<DocumentFacts, unknown>();
      if (cache) primeFacts(ws, cache, root, files, hashes, primed);
      folder = checkInOne(root, ws, files, options.locale);
      if (cache) {
        const inputs: FolderInputs = {
          root,
          configOption: configPath ?? null,
          configPath: configFile,
          dictionaries: ws.getConfig().terms.prh.map((rel) => join(root, rel)),
          patterns: includePatterns(ws.getConfig()),
        };
        const digest = folderDigest(options.locale, inputs, (p) => hashes.get(p) ?? null, files);
        // Files in no set have no facts; a file is reused when all its facts came from the cache.
        const analysed = files.map((f) => ws.computedFacts(fileUri(f))).filter((facts) => facts.length);
        const reused = analysed.filter((facts) => facts.every((c) => primed.has(c.facts))).length;
        const known = Object.fromEntries([...stamps].map(([path, stamp]) => [path, `${stamp} ${hashes.get(path)}`]));
        folder.saved = { inputs, digest, known, facts: factsToSave(ws, files, hashes, primed), reused, documents: analysed.length };
      }
    }
    folders.push({ ...folder, binary, refused });
  }
  return { kind: 'checked', folders };
}

type Checked = Omit<FolderResult, 'binary' | 'refused'>;

/** Every set of the folder checked in this thread. */
function checkInOne(root: string, ws: PolicyWorkspace, files: string[], locale: Locale): Checked {
  const findings = [...ws.findings(locale).values()].flat();
  const indexes = ws.getIndexes();
  const inSets = new Set(indexes.flatMap((i) => i.documents.map((d) => d.uri)));
  // The files a set includes are the ones analysed (README.md and the excluded are not).
  const markdown = files.filter((f) => ws.computedFacts(fileUri(f)).length);
  const untiered = markdown.filter((f) => !inSets.has(fileUri(f))).map((f) => ({
    path: relativePath(root, f),
    title: ws.computedFacts(fileUri(f))[0].facts.title,
  }));
  const sets = indexes.map((index) => ({ name: index.name, coverage: coverageRows(index) }));
  return { root, findings, indexes, sets, documents: inSets.size, markdownFiles: markdown.length, untiered };
}

/**
 * The sets of the folder in shares of about the same bytes, one per thread, the largest first
 * (each to the share with the fewest bytes so far). One share, or none, when there is one set.
 */
function shareSets(ws: PolicyWorkspace, jobs: number): number[][] {
  const bytes = ws.setMembers().map((uris, index) => ({ index, size: uris.reduce((n, uri) => n + (ws.textOf(uri)?.length ?? 0), 0) }));
  const shares = Array.from({ length: Math.min(jobs, bytes.length) }, () => ({ sets: [] as number[], size: 0 }));
  for (const set of [...bytes].sort((a, b) => b.size - a.size || a.index - b.index)) {
    // A set that includes nothing is not worth a thread.
    const lightest = set.size ? shares.reduce((min, share) => (share.size < min.size ? share : min)) : shares[0];
    lightest.sets.push(set.index);
    lightest.size += set.size;
  }
  return shares.filter((share) => share.sets.length).map((share) => share.sets.sort((a, b) => a - b));
}

/**
 * The folder's sets checked in shares: the first in this thread, each other one in a worker
 * thread, started before this thread begins its own. The configuration's findings are this
 * thread's (its workspace holds every file, so a glob that matches none is known here).
 */
async function checkInShares(
  root: string, ws: PolicyWorkspace, files: string[], shares: number[][], workers: Worker[],
  common: Omit<ShareJob, 'sets' | 'documents'>, settings: Map<string, Finding[]>,
): Promise<Checked> {
  const members = ws.setMembers();
  const pathOf = new Map(files.map((f) => [fileUri(f), relativePath(root, f)]));
  const job = (sets: number[]): ShareJob => {
    const uris = [...new Set(sets.flatMap((i) => members[i]))];
    const documents = uris.map((uri) => ({ uri, path: pathOf.get(uri)!, text: ws.textOf(uri)!, ...(ws.encodingOf(uri) ? { encoding: ws.encodingOf(uri) } : {}) }));
    return { ...common, sets, documents };
  };
  const others = shares.slice(1).map((sets, i) => inWorker(workers[i], job(sets)));
  const results = [checkShare(job(shares[0])), ...(await Promise.all(others))];

  // A document in sets of two shares is checked in both: its own findings come twice.
  const seen = new Set<string>();
  const findings: Finding[] = [...settings.values()].flat();
  for (const f of results.flatMap((r) => r.findings)) {
    const key = `${f.uri}|${f.code}|${f.range.start.line}:${f.range.start.character}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ...f, related: [], fixes: [] });
  }
  const inSets = new Set(results.flatMap((r) => r.inSets));
  const analysed = new Map(results.flatMap((r) => r.analysed.map((a) => [a.uri, a.title] as const)));
  const untiered = files.map(fileUri).filter((uri) => analysed.has(uri) && !inSets.has(uri))
    .map((uri) => ({ path: pathOf.get(uri)!, title: analysed.get(uri)! }));
  const sets = results.flatMap((r) => r.sets).sort((a, b) => a.index - b.index).map(({ name, coverage }) => ({ name, coverage }));
  return { root, findings, indexes: [], sets, documents: inSets.size, markdownFiles: analysed.size, untiered };
}

/** Worker threads for shares of sets, booting on the engine bundle; none when it is not there (tests from source). */
function startWorkers(count: number): Worker[] {
  const script = join(__dirname, 'cli-engine.js');
  if (count < 1 || !existsSync(script)) return [];
  return Array.from({ length: count }, () => {
    // Not holding the process open until it is given a share: a run that stops early must end.
    const worker = new Worker(script, { workerData: SHARE_WORKER });
    worker.unref();
    return worker;
  });
}

/** One share checked in a worker thread; in this thread when there is no worker. */
function inWorker(worker: Worker | undefined, job: ShareJob): Promise<ShareResult> {
  if (!worker) return Promise.resolve(checkShare(job));
  return new Promise((resolvePromise, reject) => {
    worker.once('message', (result: ShareResult) => {
      resolvePromise(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a worker thread stopped (exit code ${code})`)));
    worker.ref();
    worker.postMessage(job);
  });
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
