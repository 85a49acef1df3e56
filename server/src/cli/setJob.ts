// One policy set checked on its own: what a thread of `check` is given (the settings as read, the
// paths of the set's files) and what it gives back. The thread reads the files itself, so that
// reading and decoding run on every thread too. Plain data both ways (a thread's messages are
// copies), and the same function runs in the command's own thread when no other thread can.

import { PolicyWorkspace, type DocumentFacts, type Finding, type Locale, type WorkspaceSettings } from '../core/api';
import { coverageRows, type CoverageRow } from './format';
import { readForCheck } from './readForCheck';
import { noteOf, primeSaved, type DocumentNote } from './savedFacts';

export interface SetJob {
  /** The set's place among the configuration's sets. */
  set: number;
  locale: Locale;
  settings: WorkspaceSettings;
  /** Whether the findings carry their fixes (check.ts, CheckOptions). */
  fixes: boolean;
  /** Every file of the set: its URI, its path in the folder, and where to read it. */
  documents: { uri: string; path: string; file: string }[];
  /** With --cache: when the run began (see check.ts), and what the cache saved of these files. */
  cache?: { since: bigint; saved: Record<string, { hash: string; facts: Record<string, unknown> }> };
}

/** How reading one file went: text, binary (not text), gone since listed, or unreadable. */
export interface FileRead { file: string; read: 'text' | 'binary' | 'gone' | 'unreadable'; hash?: string; stamp?: string }

export interface SetOutcome {
  set: number;
  name: string;
  coverage: CoverageRow[];
  /** The findings as found (workspace.findingsOfSets), only of documents that have some. */
  found: [string, Finding[]][];
  /** The documents the set's index holds (files without a tier are not among them). */
  inSet: string[];
  documents: DocumentNote[];
  files: FileRead[];
}

export function runSetJob(job: SetJob): SetOutcome {
  const ws = new PolicyWorkspace({ fixes: job.fixes });
  ws.applySettings(job.settings);
  const hashes = new Map<string, string>();
  const stamps = new Map<string, string>();
  const hashed = job.cache && { hashes, stamps, since: job.cache.since };
  const files: FileRead[] = [];
  for (const d of job.documents) {
    let text;
    try {
      text = readForCheck(d.file, hashed);
    } catch (e) {
      files.push({ file: d.file, read: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable' });
      continue;
    }
    const hash = hashes.get(d.file);
    const stamp = stamps.get(d.file);
    files.push({ file: d.file, read: text ? 'text' : 'binary', ...(hash ? { hash } : {}), ...(stamp ? { stamp } : {}) });
    if (text) ws.setDocument(d.uri, d.path, text.text, text.encoding);
  }
  const primed = new WeakMap<DocumentFacts, unknown>();
  for (const d of job.documents) {
    const saved = job.cache?.saved[d.uri];
    if (!saved || saved.hash !== hashes.get(d.file) || !ws.has(d.uri)) continue;
    primeSaved(ws, d.uri, d.path, saved.facts, primed);
  }
  const outcome: SetOutcome = { set: job.set, name: '', coverage: [], found: [], inSet: [], documents: [], files };
  const found = ws.findingsOfSets([job.set], job.locale, (index, leaving) => {
    outcome.name = index.name;
    outcome.coverage = coverageRows(index);
    outcome.inSet = index.documents.map((d) => d.uri);
    for (const { uri, facts } of leaving) {
      const made = noteOf(uri, facts, primed, job.cache !== undefined);
      if (made) outcome.documents.push(made);
    }
  });
  outcome.found = [...found].filter(([, list]) => list.length);
  return outcome;
}
