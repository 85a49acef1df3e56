// The state of one workspace folder: its configuration and the facts of its documents, grouped
// into policy sets. Pure: the host feeds it texts; it never reads files itself.

import picomatch from 'picomatch';
import { analyzeDocument, DOCUMENT_BUDGET, type DocumentFacts } from './facts';
import { newChunkCache, type ChunkCache } from './parse/chunks';
import { buildIndex, IndexCache, type TraceIndex } from './index/traceIndex';
import { runChecks } from './checks/runChecks';
import { defaultConfig, parseConfig, type Config, type SetConfig, TIER_KEYS } from './config';
import { messagesFor, resolveLocale, type MessageId, type Messages } from './messages';
import { LineIndex } from './text/lineIndex';
import { parsePrh, type PrhRule } from './terms/prh';
import { parseLock, writeLock, lockEol, LOCK_FILE, type Lock } from './lock';
import { reviewedNow } from './fixes/markReviewed';
import { DEFAULT_SEVERITY, type FixData, type Finding, type Locale, type Tier } from './types';

export const CONFIG_FILE = 'policy-trace.json';
export { LOCK_FILE };

/** What recording every link as reviewed writes, and how that differs from the lock there was. */
export interface ReviewRecord {
  text: string;
  edit: FixData;
  links: number;
  changed: number;
  added: number;
  removed: number;
  /** The lock already says exactly this. */
  unchanged: boolean;
}

/** Facts of a document, with the tier its set's configuration gave it (none: found by the document). */
export interface ComputedFacts { configTier: Tier | undefined; facts: DocumentFacts }

/** The settings files a workspace was given (each as the host read it). */
export interface WorkspaceSettings {
  config?: { uri: string; text: string };
  dictionaries: { uri: string; text: string }[];
  /** False: the dictionaries' regular expressions were not compiled (an untrusted workspace). */
  trusted: boolean;
  /** Dictionaries the configuration names that are not there. */
  missing: string[];
  lock?: { uri: string; text: string };
}

interface Entry {
  path: string;
  text: string;
  /** The encoding the host decoded the file from, when it is not UTF-8. */
  encoding?: string;
  facts: Map<string, DocumentFacts>;
  chunks?: ChunkCache;
  /** The facts of the version before, until this one is analysed: it takes over what only moved. */
  previous?: Map<string, DocumentFacts>;
}

/**
 * Documents that keep their parsed chunks: the ones being edited. The rest of a large set keeps
 * only its facts (parsed chunks hold every block with its visible text: about the text again).
 */
const EDITED_KEPT = 8;

/** A set that includes a document, and the document's tier in it. */
interface Member { set: number; tier: Tier | undefined }

/**
 * What follows from the documents' paths and the configuration alone, made once per listing: per
 * set the tier of each document of its order, per document its sets, and the configuration's
 * globs that match no document (once asked).
 */
interface Layout { order: string[][]; tiers: (Tier | undefined)[][]; members: Map<string, Member[]>; unmatched?: string[] }

interface CompiledSet {
  config: SetConfig;
  includes: (p: string) => boolean;
  tierOf: (p: string) => Tier | undefined;
}

export interface WorkspaceOptions {
  /**
   * Whether findings carry their fixes (the default): the editor offers them and SARIF prints
   * them. A report that prints none need not make them: a renumbering fix reads every reference to
   * the sections it renumbers, in all three tiers.
   */
  fixes?: boolean;
}

export class PolicyWorkspace {
  constructor(private readonly options: WorkspaceOptions = {}) {}

  private readonly entries = new Map<string, Entry>();
  private config: Config = defaultConfig();
  private sets: CompiledSet[] = compileSets(this.config);
  private configFile?: { uri: string; text: string; problems: { range: Finding['range']; message: MessageId; args: string[] }[] };
  /** Dictionaries the configuration names that are not there: said on the configuration file. */
  private missingDictionaries: string[] = [];
  private indexes?: TraceIndex[];
  /**
   * The indexes last built, kept after a document changes until the next build: requests on the
   * documents that did not change are answered from them while the changed ones are analysed.
   */
  private lastIndexes?: TraceIndex[];
  /** Per set, what the last index build can lend the next one. */
  private indexCaches: IndexCache[] = [];
  /** Per set, its documents' URIs in path order; dropped when a document comes or goes. */
  private order?: string[][];
  /**
   * Per set, its index while none of its documents changed: a keystroke rebuilds the index of its
   * own set, not of every set of the folder.
   */
  private setIndexes: (TraceIndex | undefined)[] = [];
  /**
   * Documents changed since their facts were last made for every set that includes them: what
   * analysePending goes through, instead of every document of every set at each keystroke.
   */
  private readonly pending = new Set<string>();
  private dictionaries: { uri: string; rules: PrhRule[]; problems: { range: Finding['range']; message: string; untrusted?: true }[] }[] = [];
  private lock?: Lock;
  /** The dictionaries as given (only their rules are kept above), for settings(). */
  private givenDictionaries: { files: { uri: string; text: string }[]; trusted: boolean } = { files: [], trusted: true };

  /** `setConfig(undefined)` goes back to the defaults (the file was deleted). */
  setConfig(file: { uri: string; text: string } | undefined): void {
    this.indexes = undefined;
    this.setIndexes = [];
    this.lastIndexes = undefined;
    // Another configuration may give a document another tier, whose facts it has not got yet.
    for (const uri of this.entries.keys()) this.pending.add(uri);
    if (!file) {
      this.config = defaultConfig();
      this.configFile = undefined;
    } else {
      const { config, problems } = parseConfig(file.text);
      const lines = new LineIndex(file.text);
      this.config = config;
      this.configFile = { uri: file.uri, text: file.text, problems: problems.map((p) => ({ range: lines.range(p.span), message: p.message, args: p.args })) };
    }
    this.sets = compileSets(this.config);
    this.indexCaches = [];
    this.order = undefined;
  }

  getConfig(): Config { return this.config; }

  /**
   * The prh dictionaries the configuration names (terms.prh), as read by the host. In a workspace
   * the user has not trusted (`trusted: false`), their regular expressions are not compiled.
   */
  setDictionaries(files: { uri: string; text: string }[], trusted = true, missing: string[] = []): void {
    this.givenDictionaries = { files: files.map((f) => ({ uri: f.uri, text: f.text })), trusted };
    this.indexes = undefined;
    this.setIndexes = [];
    this.lastIndexes = undefined;
    this.missingDictionaries = missing;
    this.dictionaries = files.map((f) => {
      const { rules, problems } = parsePrh(f.text, { regex: trusted });
      const lines = new LineIndex(f.text);
      return { uri: f.uri, rules, problems: problems.map((p) => ({ range: lines.range(p.span), message: p.message, untrusted: p.untrusted })) };
    });
  }

  /**
   * policy-trace.lock as the host read it (undefined: there is none). Only the findings change with
   * it, not the facts or the indexes, so marking a reference reviewed costs no analysis.
   */
  setLock(file: { uri: string; text: string } | undefined): void {
    this.lock = file && parseLock(file.uri, file.text);
  }

  /** True for the lock file the workspace was given. */
  isLock(uri: string): boolean { return this.lock?.uri === uri; }

  /**
   * policy-trace.lock with every written trace link of the folder recorded as reviewed now
   * (`policy-trace lock`, and the editor's command): its text, the edit that writes it at `uri`
   * (creating the file when there is none), and what changed against the lock there was.
   */
  recordReviews(uri: string): ReviewRecord {
    const now = reviewedNow(this.getIndexes());
    const lock = this.lock?.uri === uri ? this.lock : undefined;
    const before = lock && !lock.problems.length ? lock.reviewed : new Map<string, string>();
    let changed = 0;
    let added = 0;
    for (const [key, fingerprint] of now) {
      const was = before.get(key);
      if (was === undefined) added++;
      else if (was !== fingerprint) changed++;
    }
    const removed = [...before.keys()].filter((k) => !now.has(k)).length;
    const text = writeLock(now, lock ? lockEol(lock.text) : '\n');
    const range = lock ? lock.lines.range({ start: 0, end: lock.text.length }) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const edit: FixData = { title: '', edits: [{ uri, edits: [{ range, newText: text }] }], ...(lock ? {} : { create: [{ uri }] }) };
    return { text, edit, links: now.size, changed, added, removed, unchanged: lock?.text === text };
  }

  /**
   * Adds or updates a document; `path` is relative to the folder, with '/' separators; `encoding`
   * the one the host decoded it from when that is not UTF-8 (Shift_JIS): the text is then read
   * correctly, and said to be in that encoding.
   */
  setDocument(uri: string, path: string, text: string, encoding?: string): void {
    const old = this.entries.get(uri);
    if (old && old.text === text && old.path === path && old.encoding === encoding) return;
    // The parsed chunks of the old text carry over: an edit re-parses only what it touched. A
    // document gets them from its first edit on; the first parse of every file keeps none.
    const chunks = old ? old.chunks ?? newChunkCache() : undefined;
    if (!old || old.path !== path) {
      this.order = undefined;
      this.setIndexes = [];
    } else {
      for (const { set } of this.membersOf(uri)) this.setIndexes[set] = undefined;
    }
    this.pending.add(uri);
    if (chunks) this.keepChunksOf(uri);
    // So do the old version's facts, until the new one is analysed: it takes over their objects
    // that only moved (recycle.ts), so nothing may use them after that.
    const previous = old && (old.facts.size ? old.facts : old.previous);
    this.entries.set(uri, { path, text, encoding, facts: new Map(), chunks, previous });
    this.indexes = undefined;
  }

  private readonly edited: string[] = [];

  private keepChunksOf(uri: string): void {
    const at = this.edited.indexOf(uri);
    if (at >= 0) this.edited.splice(at, 1);
    this.edited.push(uri);
    while (this.edited.length > EDITED_KEPT) {
      const entry = this.entries.get(this.edited.shift()!);
      if (entry) entry.chunks = undefined;
    }
  }

  removeDocument(uri: string): boolean {
    const had = this.entries.delete(uri);
    if (had) {
      this.indexes = undefined;
      this.setIndexes = [];
      this.order = undefined;
      this.pending.delete(uri);
    }
    return had;
  }

  has(uri: string): boolean { return this.entries.has(uri); }

  /** The text the document (or the lock file) was analysed from. */
  textOf(uri: string): string | undefined {
    return this.lock?.uri === uri ? this.lock.text : this.entries.get(uri)?.text;
  }

  /** The encoding a document was decoded from, when it is not UTF-8. */
  encodingOf(uri: string): string | undefined { return this.entries.get(uri)?.encoding; }

  uris(): string[] { return [...this.entries.keys()]; }

  /**
   * Facts of the document's current text computed earlier (the CLI's --cache), under the tier its
   * configuration assigns; they stand in for analyzeDocument. The caller vouches that they belong to
   * this very text. Facts already there stay: an index may hold them.
   */
  primeFacts(uri: string, configTier: Tier | undefined, facts: DocumentFacts): void {
    const entry = this.entries.get(uri);
    if (entry && !entry.facts.has(configTier ?? '')) entry.facts.set(configTier ?? '', facts);
  }

  /** The facts a document has so far (computed or primed), with the configured tier they were made for. */
  computedFacts(uri: string): ComputedFacts[] {
    const entry = this.entries.get(uri);
    return entry ? [...entry.facts].map(([key, facts]) => ({ configTier: (key || undefined) as Tier | undefined, facts })) : [];
  }

  /** The configuration, dictionaries and lock this workspace was given, to give another the same. */
  settings(): WorkspaceSettings {
    const { configFile, lock } = this;
    return {
      ...(configFile ? { config: { uri: configFile.uri, text: configFile.text } } : {}),
      dictionaries: this.givenDictionaries.files,
      trusted: this.givenDictionaries.trusted,
      missing: [...this.missingDictionaries],
      ...(lock ? { lock: { uri: lock.uri, text: lock.text } } : {}),
    };
  }

  /** Copies the settings of settings() into this workspace. */
  applySettings(given: WorkspaceSettings): void {
    this.setConfig(given.config);
    this.setDictionaries(given.dictionaries, given.trusted, given.missing);
    this.setLock(given.lock);
  }

  /** The policy sets (indices into the configuration's) that include a path of the folder. */
  setsIncluding(path: string): number[] {
    return this.sets.flatMap((set, i) => set.includes(path) ? [i] : []);
  }

  /** Per set, its documents' URIs in path order. */
  private orderOfSets(): string[][] {
    return this.order ??= this.sets.map((set) => [...this.entries]
      .filter(([, entry]) => set.includes(entry.path))
      .sort(([, a], [, b]) => a.path.localeCompare(b.path))
      .map(([uri]) => uri));
  }

  /**
   * Per set, the tier of each document of orderOfSets(), and per document the sets that include
   * it, made with the order: asked at every keystroke, whose work must not grow with the folder
   * (the globs of 2,500 paths took a millisecond of it).
   */
  private layout(): Layout {
    const order = this.orderOfSets();
    if (this.laidOut?.order === order) return this.laidOut;
    const tiers = order.map((uris, i) => uris.map((uri) => this.sets[i].tierOf(this.entries.get(uri)!.path)));
    const members = new Map<string, Member[]>();
    order.forEach((uris, set) => uris.forEach((uri, k) => {
      let list = members.get(uri);
      if (!list) members.set(uri, list = []);
      list.push({ set, tier: tiers[set][k] });
    }));
    return this.laidOut = { order, tiers, members };
  }

  private laidOut: Layout | undefined;

  /** The sets that include a document, in their order, with its tier in each. */
  private membersOf(uri: string): readonly Member[] {
    return this.layout().members.get(uri) ?? [];
  }

  /**
   * Analyses the documents that are not analysed yet, one at a time, until `stop` says so; true
   * once none is left. A host calls it between other work, so that no call holds it for longer
   * than one document takes; the index is then built from the facts at once.
   */
  analysePending(stop: () => boolean): boolean {
    for (const uri of this.pending) {
      const entry = this.entries.get(uri)!;
      for (const { tier } of this.membersOf(uri)) {
        if (entry.facts.has(tier ?? '')) continue;
        if (stop()) return false;
        this.factsOf(uri, entry, tier);
      }
      this.pending.delete(uri);
    }
    return true;
  }

  /** How many documents analysePending has left to analyse. */
  pendingCount(): number {
    let pending = 0;
    for (const uri of this.pending) {
      const entry = this.entries.get(uri)!;
      for (const { tier } of this.membersOf(uri)) if (!entry.facts.has(tier ?? '')) pending++;
    }
    return pending;
  }

  /** One trace index per policy set, rebuilt from cached facts after any change. */
  getIndexes(): TraceIndex[] {
    if (this.spent) throw new Error('this workspace let its documents go (findingsSetBySet)');
    if (this.indexes) return this.indexes;
    const order = this.orderOfSets();
    this.indexes = this.sets.map((_, i) => this.setIndexes[i] ??= this.indexOfSet(i, order[i]));
    this.lastIndexes = this.indexes;
    return this.indexes;
  }

  private indexOfSet(i: number, uris: string[]): TraceIndex {
    const set = this.sets[i];
    const tiers = this.layout().tiers[i];
    const docs: DocumentFacts[] = [];
    for (let k = 0; k < uris.length; k++) {
      const uri = uris[k];
      const entry = this.entries.get(uri)!;
      const facts = this.factsOf(uri, entry, tiers[k]);
      // Untiered documents stay out, unless their front matter needs fixing: say so there.
      if (facts.tier || facts.problems.length || facts.encoding || facts.plainText || facts.failed || facts.structureOnly || facts.unread) docs.push(facts);
    }
    return buildIndex(set.config.name, docs, {
      measuresSection: this.config.measuresSection,
      vocabulary: this.config.terms.vocabulary,
      prh: this.dictionaries.flatMap((d) => d.rules),
    }, this.indexCaches[i] ??= new IndexCache());
  }

  /** The index and facts a document belongs to (its first set), if it is part of any. */
  find(uri: string): { index: TraceIndex; doc: DocumentFacts } | undefined {
    const indexes = this.getIndexes();
    for (const { set } of this.membersOf(uri)) {
      const index = indexes[set];
      const doc = index.documents.find((d) => d.uri === uri);
      if (doc) return { index, doc };
    }
    return undefined;
  }

  /**
   * Like find, but without analysing anything: from the current indexes, or else from the last
   * ones built when the document has not changed since (what they say of other documents may then
   * be one change behind). Undefined when the document itself awaits analysis.
   */
  findAnalysed(uri: string): { index: TraceIndex; doc: DocumentFacts } | undefined {
    if (this.indexes) return this.find(uri);
    const entry = this.entries.get(uri);
    if (!entry || !this.lastIndexes) return undefined;
    for (const index of this.lastIndexes) {
      const doc = index.documents.find((d) => d.uri === uri);
      if (doc && [...entry.facts.values()].includes(doc)) return { index, doc };
    }
    return undefined;
  }

  /** Every finding of the folder, keyed by URI; documents without findings map to []. */
  findings(locale?: string): Map<string, Finding[]> {
    const msg = messagesFor(locale);
    const out = this.noFindings();
    for (const index of this.getIndexes()) this.checkInto(index, msg, resolveLocale(locale), out);
    return this.finished(out, msg);
  }

  /**
   * The findings of findings(), checking one set after the other, and letting go of a document's
   * facts and text once the last set that includes it is checked: a folder of several sets then
   * holds one set at a time. For a run that checks once (the CLI): the workspace is spent after.
   * `checked` is given each set's index, and the facts of the documents about to go. `collect`
   * (the host's garbage collection) runs once a set is analysed, so that what the analysis left
   * goes before the checks add theirs (10 MB set: 3 MB less at the peak), and once its documents
   * have gone.
   */
  findingsSetBySet(locale: string | undefined, checked: (index: TraceIndex, leaving: { uri: string; facts: ComputedFacts[] }[]) => void, collect?: () => void): Map<string, Finding[]> {
    return this.finishFindings(this.findingsOfSets(this.sets.map((_, i) => i), locale, checked, collect), locale);
  }

  /**
   * What findingsSetBySet finds in the sets `which` (indices into the configuration's sets, in
   * their order), as found: not yet in reading order, and without the settings files' own. A host
   * that checks sets apart (the CLI, one set per thread) hands each set's to finishFindings, in the
   * order of the sets.
   */
  findingsOfSets(which: readonly number[], locale: string | undefined, checked: (index: TraceIndex, leaving: { uri: string; facts: ComputedFacts[] }[]) => void, collect?: () => void): Map<string, Finding[]> {
    if (this.spent) throw new Error('this workspace let its documents go (findingsSetBySet)');
    const msg = messagesFor(locale);
    const out = this.noFindings();
    const order = this.orderOfSets();
    const lastSet = new Map<string, number>();
    for (const i of which) for (const uri of order[i]) lastSet.set(uri, i);
    for (const i of which) {
      this.checkSetOnce(i, order[i], lastSet, msg, locale, out, checked, collect);
      // Here, out of the method, nothing holds the set's index any more: a local of the loop kept
      // it (and every fact of the set) alive through this collection (10 MB: 48 ms to free 11 MB).
      collect?.();
    }
    this.spent = true;
    this.indexes = undefined;
    this.setIndexes = [];
    this.lastIndexes = undefined;
    return out;
  }

  /** One set of findingsOfSets: analysed, checked, told of, and its documents let go. */
  private checkSetOnce(i: number, uris: string[], lastSet: Map<string, number>, msg: Messages, locale: string | undefined, out: Map<string, Finding[]>,
    checked: (index: TraceIndex, leaving: { uri: string; facts: ComputedFacts[] }[]) => void, collect?: () => void): void {
    const index = this.indexOfSet(i, uris);
    collect?.();
    this.checkInto(index, msg, resolveLocale(locale), out, undefined, true);
    const leaving = uris.filter((uri) => lastSet.get(uri) === i);
    checked(index, leaving.map((uri) => ({ uri, facts: this.computedFacts(uri) })));
    for (const uri of leaving) this.entries.set(uri, { ...this.entries.get(uri)!, text: '', facts: new Map(), chunks: undefined, previous: undefined });
    this.indexCaches[i] = new IndexCache();
  }

  /**
   * The findings of findingsOfSets, gathered in the order of the sets (of one call, or one per
   * set), as findings() gives them: every document of this workspace listed, each document's in
   * reading order without repeats, and the settings files' own. Needs only the documents' paths:
   * a workspace whose sets were checked elsewhere gives the same.
   */
  finishFindings(found: Map<string, Finding[]> | readonly Map<string, Finding[]>[], locale: string | undefined): Map<string, Finding[]> {
    const msg = messagesFor(locale);
    const out = this.noFindings();
    for (const part of found instanceof Map ? [found] : found) {
      for (const [uri, list] of part) {
        const into = out.get(uri);
        if (into) for (const f of list) into.push(f);
      }
    }
    return this.finished(out, msg);
  }

  private spent = false;

  private noFindings(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const uri of this.entries.keys()) out.set(uri, []);
    return out;
  }

  /**
   * The findings in reading order, as a reviewer goes through a document, each once (the sort is
   * stable: of two equal findings, as a document of two sets gets, the first one found stays),
   * and those of the settings files.
   */
  private finished(out: Map<string, Finding[]>, msg: Messages): Map<string, Finding[]> {
    for (const [uri, list] of out) out.set(uri, inReadingOrder(list));
    for (const [uri, list] of this.findingsOfSettings(msg)) out.set(uri, list);
    return out;
  }

  /** config/invalid findings of the configuration file and the prh dictionaries it names. */
  private findingsOfSettings(msg: Messages): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    const invalid = this.config.severity['config/invalid'] ?? 'error';
    for (const d of this.dictionaries) {
      out.set(d.uri, invalid === 'off' ? [] : d.problems.map((p) => ({
        uri: d.uri, range: p.range, severity: invalid, code: 'config/invalid' as const,
        message: p.untrusted ? msg('untrustedPattern', p.message) : msg('badDictionary', p.message), related: [], fixes: [],
      })));
    }
    if (this.configFile) {
      const cf = this.configFile;
      const lines = new LineIndex(cf.text);
      // A dictionary named but not there, at the place it is named (the first time it is).
      const missing = this.missingDictionaries.map((rel) => {
        const at = Math.max(0, cf.text.indexOf(JSON.stringify(rel)));
        return { range: lines.range({ start: at, end: at + JSON.stringify(rel).length }), message: 'prhMissing' as MessageId, args: [rel] };
      });
      const findings: Finding[] = invalid === 'off' ? [] : [...cf.problems, ...missing].map((p) => ({
        uri: cf.uri, range: p.range, severity: invalid, code: 'config/invalid' as const,
        message: msg('badConfig', msg(p.message, ...p.args)), related: [], fixes: [],
      }));
      const unmatched = this.config.severity['config/unmatched'] ?? DEFAULT_SEVERITY['config/unmatched'];
      if (unmatched !== 'off' && !cf.problems.length) {
        for (const glob of this.unmatchedGlobs()) {
          const at = Math.max(0, cf.text.indexOf(JSON.stringify(glob)));
          findings.push({
            uri: cf.uri, range: lines.range({ start: at, end: at + JSON.stringify(glob).length }), severity: unmatched,
            code: 'config/unmatched', message: msg('globUnmatched', glob), related: [], fixes: [],
          });
        }
      }
      out.set(cf.uri, findings);
    }
    if (this.lock) {
      const lock = this.lock;
      out.set(lock.uri, invalid === 'off' ? [] : lock.problems.map((p) => ({
        uri: lock.uri, range: lock.lines.range(p.span), severity: invalid, code: 'config/invalid' as const,
        message: msg(p.message, ...p.args), related: [], fixes: [],
      })));
    }
    return out;
  }

  /**
   * The include and tiers globs of the configuration that match no document: a typo (実施手順 for
   * 実施手続, `**.md`) that would leave files out, or a tier empty, without a word.
   */
  private unmatchedGlobs(): string[] {
    // Kept with the layout: the same until a path or the configuration changes, and a keystroke
    // asks again (half a millisecond for 2,500 paths).
    const layout = this.layout();
    if (layout.unmatched) return layout.unmatched;
    const paths = [...this.entries.values()].map((e) => e.path);
    const globs = new Set(this.config.sets.flatMap((set) => [...set.include, ...TIER_KEYS.flatMap((t) => set.tiers[t] ?? [])]));
    return layout.unmatched = [...globs].filter((glob) => {
      const test = picomatch(glob, { dot: false });
      return !paths.some((p) => test(p));
    });
  }

  /**
   * The findings of one document, as findings() has them, without checking the rest of the set:
   * what the editor shows first after a keystroke.
   */
  findingsFor(uri: string, locale?: string): Finding[] {
    const msg = messagesFor(locale);
    const settings = this.findingsOfSettings(msg).get(uri);
    if (settings) return settings;
    const out = new Map<string, Finding[]>([[uri, []]]);
    const indexes = this.getIndexes();
    for (const { set } of this.membersOf(uri)) {
      const index = indexes[set];
      const doc = index.documents.find((d) => d.uri === uri);
      if (doc) this.checkInto(index, msg, resolveLocale(locale), out, doc);
    }
    return inReadingOrder(out.get(uri)!);
  }

  /** Runs the checks of a set (or of one of its documents) into `out`; `once` as in CheckContext. */
  private checkInto(index: TraceIndex, msg: Messages, locale: Locale, out: Map<string, Finding[]>, only?: DocumentFacts, once = false): void {
    const ctx = {
      msg, orphanExemptTitles: this.config.orphanExemptTitles, measuresSection: this.config.measuresSection,
      allow: this.config.terms.allow, only, guideline: this.config.guideline, locale, lock: this.lock, fixes: this.options.fixes ?? true, once,
    };
    for (const f of runChecks(index, ctx, this.config.severity)) out.get(f.uri)?.push(f);
  }

  private factsOf(uri: string, entry: Entry, tier: Tier | undefined): DocumentFacts {
    const key = tier ?? '';
    let facts = entry.facts.get(key);
    if (!facts) {
      try {
        facts = entry.text.length > DOCUMENT_BUDGET ? { ...unanalysedFacts(uri, entry.path, entry.text, tier), unread: true } : analyzeDocument({ uri, path: entry.path, text: entry.text, tier, chunks: entry.chunks, previous: entry.previous?.get(key), encoding: entry.encoding });
      } catch (e) {
        // A fault of ours on one document must not take the set down: it is said on that document,
        // the rest is checked without it. (The old version's objects may be half taken over.)
        entry.chunks = undefined;
        facts = unanalysedFacts(uri, entry.path, entry.text, tier, e instanceof Error ? e.message : String(e));
      }
      entry.facts.set(key, facts);
      entry.previous = undefined;
    }
    return facts;
  }
}

/** A document's findings sorted by where they start, and by rule; without repeats. */
function inReadingOrder(list: Finding[]): Finding[] {
  list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  return withoutRepeats(list);
}

/**
 * The sorted findings without one that repeats an earlier one at the same place (same rule, same
 * message). Equal findings sort next to each other but for others of the same rule and place.
 */
function withoutRepeats(sorted: Finding[]): Finding[] {
  let kept: Finding[] | undefined;
  for (let i = 1; i < sorted.length; i++) {
    const f = sorted[i];
    let repeat = false;
    for (let j = i - 1; j >= 0; j--) {
      const g = sorted[j];
      if (g.range.start.line !== f.range.start.line || g.range.start.character !== f.range.start.character || g.code !== f.code) break;
      if (g.message === f.message) { repeat = true; break; }
    }
    if (repeat) kept ??= sorted.slice(0, i);
    else kept?.push(f);
  }
  return kept ?? sorted;
}

/** The facts of a document not analysed (too long, or the analysis failed): its text and tier, nothing read from it. */
function unanalysedFacts(uri: string, path: string, text: string, tier: Tier | undefined, error?: string): DocumentFacts {
  const lines = new LineIndex(text);
  const eol = text.indexOf('\n');
  const firstLine = (eol < 0 ? text : text.slice(0, eol)).replace(/\r$/, '');
  return {
    uri, path, tier, parts: [], publicity: tier === 'procedure' ? 'private' : 'public', title: path, titleSpan: { start: 0, end: firstLine.length },
    furniture: [], sections: [], references: [], problems: [], definitions: [], prose: [], links: [], suppressions: [],
    lines, eol: /\r\n/.test(text.slice(0, 4096)) ? '\r\n' : '\n', ...(error === undefined ? {} : { failed: error }),
  };
}

function compileSets(config: Config): CompiledSet[] {
  return config.sets.map((set) => {
    const include = picomatch(set.include, { dot: false });
    const exclude = set.exclude.length ? picomatch(set.exclude, { dot: true }) : () => false;
    const tierMatchers = TIER_KEYS
      .filter((t) => set.tiers[t]?.length)
      .map((t) => [t, picomatch(set.tiers[t]!)] as const);
    return {
      config: set,
      includes: (p) => include(p) && !exclude(p),
      tierOf: (p) => tierMatchers.find(([, m]) => m(p))?.[0],
    };
  });
}
