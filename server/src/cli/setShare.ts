// A share of a folder's policy sets, checked on its own. When a folder has several sets and the
// machine several cores, `check` gives each core a share (cli/shareWorker.ts runs one in a worker
// thread): sets are checked apart anyway, so the shares' results only need putting together.
// What goes in and out is plain data, copied between threads.

import { PolicyWorkspace, type Locale } from '../core/api';
import { coverageRows, type CoverageRow, type ReportFinding } from './format';

export interface ShareJob {
  /** The configuration file as read (undefined: the defaults), and the prh dictionaries it names. */
  config?: { uri: string; text: string };
  dictionaries: { uri: string; text: string }[];
  /** The indexes, in the configuration, of the sets of this share. */
  sets: number[];
  /** Every document one of these sets includes. */
  documents: { uri: string; path: string; text: string; encoding?: string }[];
  locale: Locale;
}

export interface ShareResult {
  /** The findings of these sets' documents; those of the configuration are the caller's. */
  findings: ReportFinding[];
  sets: { index: number; name: string; coverage: CoverageRow[] }[];
  /** Documents in the sets' indexes (an untiered one stays out), and every document analysed with its title. */
  inSets: string[];
  analysed: { uri: string; title: string }[];
}

export function checkShare(job: ShareJob): ShareResult {
  const ws = new PolicyWorkspace();
  ws.setConfig(job.config);
  ws.setDictionaries(job.dictionaries);
  ws.onlySets(job.sets);
  for (const d of job.documents) ws.setDocument(d.uri, d.path, d.text, d.encoding);
  const settings = new Set([job.config?.uri, ...job.dictionaries.map((d) => d.uri)]);
  const findings: ReportFinding[] = [];
  for (const [uri, list] of ws.findings(job.locale)) {
    if (settings.has(uri)) continue;
    for (const f of list) findings.push({ uri: f.uri, range: f.range, severity: f.severity, code: f.code, message: f.message });
  }
  const indexes = ws.getIndexes();
  return {
    findings,
    sets: indexes.map((index, i) => ({ index: job.sets[i], name: index.name, coverage: coverageRows(index) })),
    inSets: [...new Set(indexes.flatMap((index) => index.documents.map((d) => d.uri)))],
    analysed: job.documents.flatMap((d) => ws.computedFacts(d.uri).slice(0, 1).map((c) => ({ uri: d.uri, title: c.facts.title }))),
  };
}
