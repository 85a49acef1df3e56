// One policy set checked on its own, from texts already read: what a thread of `check` is given
// and what it gives back. Plain data both ways (a thread's messages are copies), and the same
// function runs in the command's own thread when no other thread can.

import { PolicyWorkspace, TIERS, type DocumentFacts, type Finding, type Locale, type WorkspaceSettings } from '../core/api';
import { decodeFacts, encodeFacts } from '../core/factsCodec';
import { coverageRows, type CoverageRow } from './format';

export interface SetJob {
  /** The set's place among the configuration's sets. */
  set: number;
  locale: Locale;
  settings: WorkspaceSettings;
  /** Every document of the set, as the command read it. */
  documents: { uri: string; path: string; text: string; encoding?: string }[];
  /** With --cache: the saved facts of unchanged documents, by URI, as the cache holds them. */
  saved?: Record<string, Record<string, unknown>>;
}

/** What runCheck keeps of an analysed document (see check.ts). */
export interface DocumentNote { uri: string; title: string; saved?: Record<string, unknown>; reused: boolean }

export interface SetOutcome {
  set: number;
  name: string;
  coverage: CoverageRow[];
  /** The findings as found (workspace.findingsOfSets), only of documents that have some. */
  found: [string, Finding[]][];
  /** The documents the set's index holds (files without a tier are not among them). */
  inSet: string[];
  documents: DocumentNote[];
}

/** One job per set of a loaded workspace, in the order of its configuration. */
export function setJobs(ws: PolicyWorkspace, locale: Locale): SetJob[] {
  const settings = ws.settings();
  return Array.from({ length: ws.setCount() }, (_, set) => ({ set, locale, settings, documents: ws.documentsOfSet(set) }));
}

export function runSetJob(job: SetJob): SetOutcome {
  const ws = new PolicyWorkspace();
  ws.applySettings(job.settings);
  for (const d of job.documents) ws.setDocument(d.uri, d.path, d.text, d.encoding);
  const primed = new WeakMap<DocumentFacts, unknown>();
  for (const d of job.documents) {
    for (const [key, encoded] of Object.entries(job.saved?.[d.uri] ?? {})) {
      const tier = TIERS.find((t) => t === key);
      if (key !== '' && !tier) continue;
      const facts = decodeFacts(encoded);
      // The same bytes under another folder or name make other facts (uri, path, path-based tier).
      if (!facts || facts.uri !== d.uri || facts.path !== d.path) continue;
      ws.primeFacts(d.uri, tier, facts);
      primed.set(facts, encoded);
    }
  }
  const outcome: SetOutcome = { set: job.set, name: '', coverage: [], found: [], inSet: [], documents: [] };
  const found = ws.findingsOfSets([job.set], job.locale, (index, leaving) => {
    outcome.name = index.name;
    outcome.coverage = coverageRows(index);
    outcome.inSet = index.documents.map((d) => d.uri);
    for (const { uri, facts } of leaving) {
      if (!facts.length) continue;
      outcome.documents.push({
        uri,
        title: facts[0].facts.title,
        ...(job.saved ? { saved: Object.fromEntries(facts.map((c) => [c.configTier ?? '', primed.get(c.facts) ?? encodeFacts(c.facts)])) } : {}),
        reused: facts.every((c) => primed.has(c.facts)),
      });
    }
  });
  outcome.found = [...found].filter(([, list]) => list.length);
  return outcome;
}
