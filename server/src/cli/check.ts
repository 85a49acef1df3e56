// Runs the checker over folders on disk and gathers what the CLI prints and how it exits.

import { join, relative, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { CONFIG_FILE, LOCK_FILE, PolicyWorkspace, type ComputedFacts, type DocumentFacts, type Finding, type Locale, type Messages, type TraceIndex } from '../core/api';
import { fileUri, loadFolder, relativePath } from '../host/folder';
import { includePatterns, type Refusal } from '../host/paths';
import { folderDigest, type CheckCache, type FolderInputs, type SavedFacts } from './cache';
import { coverageRows, type CoverageRow } from './format';
import { endThread, mayThread, mostThreads, runSetJobs, startThread, threadsFor, type Concurrency } from './setThreads';
import { readForCheck } from './readForCheck';
import type { SetJob } from './setJob';
import { noteOf, primeSaved, type DocumentNote } from './savedFacts';

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
  /** A full collection of V8's garbage, run once a set is analysed and once its facts are let go. */
  collect?: () => void;
  /** Whether the findings carry their fixes (default true): only SARIF prints them. */
  fixes?: boolean;
  /** --concurrency: how many threads check the sets of a folder (setThreads.ts); default 'off' (the CLI's: 'auto'). */
  concurrency?: Concurrency;
  /** Told how the sets of each folder are checked (POLICY_TRACE_DEBUG_THREADS=1). */
  debug?: (line: string) => void;
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
    const ws = new PolicyWorkspace({ fixes: options.fixes ?? true });
    const hashes = new Map<string, string>();
    const stamps = new Map<string, string>();
    // When this run began, in the clock of file times: a file changed since may change again unseen.
    const since = BigInt(Date.now()) * 1_000_000n;
    const binary: string[] = [];
    const refused: { path: string; why: Refusal }[] = [];
    // Each file's URI made once: asked of every file at every step below (50 MB: 2,673 files, 30 ms).
    const uris = new Map<string, string>();
    const uriOf = (file: string): string => {
      let uri = uris.get(file);
      if (uri === undefined) uris.set(file, uri = fileUri(file));
      return uri;
    };
    // The files of the sets, when threads check them: each thread reads its own (readElsewhere).
    let plan: ThreadPlan | undefined;
    // A thread started as the configuration names several sets (startThread), for the plan to use.
    let early: Worker | undefined;
    const files = await loadFolder(root, ws, configPath, {
      configured: () => {
        const concurrency = options.concurrency ?? 'off';
        const sets = ws.getConfig().sets.length;
        if (!options.keepIndexes && mayThread(concurrency, sets)) early = startThread(mostThreads(concurrency, sets));
      },
      readText: async (path: string) => readForCheck(path, cache ? { hashes, stamps, since } : undefined),
      skipped: (path) => binary.push(relativePath(root, path)),
      refused: (path, why) => refused.push({ path: relativePath(root, path), why }),
      readElsewhere: (listed, sizes) => {
        plan = options.keepIndexes ? undefined : planThreads(ws, root, listed, sizes, options.concurrency ?? 'off', options.locale, options.fixes ?? true, uriOf);
        return new Set(plan?.jobs.flatMap((j) => j.documents.map((d) => d.file)));
      },
    }).catch((e: unknown) => {
      endThread(early);
      throw e;
    });
    if (!plan) endThread(early);
    // What is kept of each analysed file (its facts go once their sets are checked): its title,
    // and with --cache its facts as saved, and whether they all came from the cache. A file of
    // several sets checked on other threads is told of once per set.
    const analysed = new Map<string, { title: string; saved?: SavedFacts['facts']; reused: boolean }>();
    const note = ({ uri, title, saved, reused }: DocumentNote): void => {
      const before = analysed.get(uri);
      analysed.set(uri, before ? { ...before, ...(saved ? { saved: { ...before.saved, ...saved } } : {}), reused: before.reused && reused } : { title, ...(saved ? { saved } : {}), reused });
    };
    const sets: FolderResult['sets'] = [];
    const inSets = new Set<string>();
    const seen = (name: string, coverage: CoverageRow[], uris: string[]): void => {
      sets.push({ name, coverage });
      for (const uri of uris) inSets.add(uri);
    };
    const started = early ? ` (one started before the listing${plan ? '' : ', ended'})` : '';
    options.debug?.(`threads: ${plan?.threads ?? 1} for ${ws.getConfig().sets.length} sets of ${relative(cwd, root) || '.'}${started}`);
    let byUri: Map<string, Finding[]>;
    let indexes: TraceIndex[] | undefined;
    if (plan) {
      const { jobs, sizes, threads } = plan;
      if (cache) for (const job of jobs) job.cache = { since, saved: savedOf(job, cache) };
      const outcomes = await runSetJobs(jobs, sizes, threads, undefined, early ? [early] : []);
      const order = new Map(files.map((f, i) => [f, i]));
      // The paths the plan made: path.relative for each file again took a third of this loop (50 MB: 15 ms).
      const pathOf = new Map(jobs.flatMap((j) => j.documents.map((d) => [d.file, d.path] as const)));
      // A file of two sets is read by two threads: told of once.
      const skipped = new Set(binary);
      const unreadable = new Set<string>();
      for (const o of outcomes) {
        seen(o.name, o.coverage, o.inSet);
        o.documents.forEach(note);
        for (const r of o.files) {
          if (r.hash !== undefined) hashes.set(r.file, r.hash);
          if (r.stamp !== undefined) stamps.set(r.file, r.stamp);
          const path = pathOf.get(r.file) ?? relativePath(root, r.file);
          // Its text was checked on a thread; here the workspace needs only its path.
          if (r.read === 'text' && !ws.has(uriOf(r.file))) ws.setDocument(uriOf(r.file), path, '');
          if (r.read === 'binary' && !skipped.has(path)) {
            skipped.add(path);
            binary.push(path);
          }
          if (r.read === 'unreadable') unreadable.add(r.file);
        }
      }
      // Said in the order of the files, as when this thread reads them all.
      const byOrder = (a: string, b: string): number => (order.get(join(root, a)) ?? 0) - (order.get(join(root, b)) ?? 0);
      binary.sort(byOrder);
      for (const file of [...unreadable].sort((a, b) => order.get(a)! - order.get(b)!)) refused.push({ path: relativePath(root, file), why: 'unreadable' });
      byUri = ws.finishFindings(outcomes.map((o) => new Map(o.found)), options.locale);
    } else {
      // Saved facts put back into the workspace, with their encoded form to save again as it is.
      const primed = new WeakMap<DocumentFacts, unknown>();
      if (cache) primeFacts(ws, cache, root, files, hashes, primed);
      const noteFacts = (uri: string, computed: ComputedFacts[]): void => {
        const made = noteOf(uri, computed, primed, cache !== undefined);
        if (made) note(made);
      };
      const seenIndex = (index: TraceIndex): void => seen(index.name, coverageRows(index), index.documents.map((d) => d.uri));
      if (options.keepIndexes) {
        byUri = ws.findings(options.locale);
        indexes = ws.getIndexes();
        indexes.forEach(seenIndex);
        for (const f of files) noteFacts(uriOf(f), ws.computedFacts(uriOf(f)));
      } else {
        // One set at a time: a folder of several sets holds the facts of one (50 MB, five sets: 0.4 GB instead of 0.8).
        byUri = ws.findingsSetBySet(options.locale, (index, leaving) => {
          seenIndex(index);
          for (const { uri, facts } of leaving) noteFacts(uri, facts);
        }, options.collect);
      }
    }
    const findings = [...byUri.values()].flat();
    const configFile = configPath ?? resolve(root, CONFIG_FILE);
    const problems = findings.filter((f) => f.code === 'config/invalid' && f.uri === fileUri(configFile));
    if (problems.length) {
      return { kind: 'config', message: msg('cliConfigFailed', relative(cwd, configFile) || configFile), problems };
    }
    // The files a set includes are the ones analysed (README.md and the excluded are not).
    const markdown = files.filter((f) => analysed.has(uriOf(f)));
    const untiered = markdown.filter((f) => !inSets.has(uriOf(f))).map((f) => ({
      path: relativePath(root, f),
      title: analysed.get(uriOf(f))!.title,
    }));
    const folder: FolderResult = { root, findings, sets, ...(indexes ? { indexes } : {}), documents: inSets.size, markdownFiles: markdown.length, untiered, binary, refused };
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
      const reused = [...analysed.values()].filter((a) => a.reused).length;
      const known = Object.fromEntries([...stamps].map(([path, stamp]) => [path, `${stamp} ${hashes.get(path)}`]));
      const facts: Record<string, SavedFacts> = {};
      for (const file of files) {
        const hash = hashes.get(file);
        const saved = analysed.get(uriOf(file))?.saved;
        if (hash !== undefined && saved) facts[file] = { hash, facts: saved };
      }
      folder.saved = { inputs, digest, known, facts, reused, documents: analysed.size };
    }
    folders.push(folder);
  }
  return { kind: 'checked', folders };
}

/** The indexes of a folder checked with keepIndexes (the matrix and --explain read them). */
export function keptIndexes(folder: FolderResult, reader: string): TraceIndex[] {
  if (!folder.indexes) throw new Error(`${reader} needs the indexes: runCheck with keepIndexes`);
  return folder.indexes;
}

/** The threads of a folder's check: one job per set, with the size of its files in bytes. */
interface ThreadPlan { jobs: SetJob[]; sizes: number[]; threads: number }

/**
 * The jobs, when threads check the folder's sets (else undefined): made once the settings are read
 * and the files listed, before any of these is read.
 */
function planThreads(ws: PolicyWorkspace, root: string, listed: string[], sizesOf: ReadonlyMap<string, number>, concurrency: Concurrency, locale: Locale, fixes: boolean, uriOf: (file: string) => string): ThreadPlan | undefined {
  if (concurrency === 'off' || ws.getConfig().sets.length < 2) return undefined;
  const settings = ws.settings();
  const jobs: SetJob[] = ws.getConfig().sets.map((_, set) => ({ set, locale, settings, fixes, documents: [] }));
  const sizes = jobs.map(() => 0);
  for (const file of listed) {
    const path = relativePath(root, file);
    const sets = ws.setsIncluding(path);
    if (!sets.length) continue;
    // As listed: a file changed since is read (and said unreadable or gone) by the thread.
    const size = sizesOf.get(file) ?? 0;
    for (const i of sets) {
      jobs[i].documents.push({ uri: uriOf(file), path, file });
      sizes[i] += size;
    }
  }
  const threads = threadsFor(concurrency, sizes);
  return threads > 1 ? { jobs, sizes, threads } : undefined;
}

/** What the cache saved of a job's files, for the thread to compare with the hashes it reads. */
function savedOf(job: SetJob, cache: CheckCache): NonNullable<SetJob['cache']>['saved'] {
  const saved: NonNullable<SetJob['cache']>['saved'] = {};
  for (const d of job.documents) {
    const entry = cache.savedEntry(d.file);
    if (entry) saved[d.uri] = entry;
  }
  return saved;
}

/** Gives the workspace the saved facts of every unchanged file. */
function primeFacts(ws: PolicyWorkspace, cache: CheckCache, root: string, files: string[], hashes: Map<string, string>, primed: WeakMap<DocumentFacts, unknown>): void {
  for (const file of files) {
    const hash = hashes.get(file);
    const saved = hash === undefined ? undefined : cache.savedFacts(file, hash);
    if (!saved) continue;
    primeSaved(ws, fileUri(file), relativePath(root, file), saved, primed);
  }
}
