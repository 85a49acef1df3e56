// `policy-trace export --docx`: a folder's policy set (or one tier) as one Word document for
// approval circulation. `--public` leaves out what is not public (実施手順, 公開区分: 非公開), in
// the text, the terms and the matrix alike. Never writes over a file unless told.

import { existsSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { CONFIG_FILE, PolicyWorkspace, publicMatrix, traceMatrix, type DocumentFacts, type Finding, type Messages, type Tier } from '../core/api';
import { fileUri, loadFolder } from '../host/folder';
import { exportDocx } from '../word/exportDocx';

export interface ExportOptions {
  root: string;
  configPath?: string;
  tier?: Tier;
  public: boolean;
  out?: string;
  force: boolean;
  cwd: string;
  msg: Messages;
}

export type ExportResult = { kind: 'written'; line: string } | { kind: 'failed'; message: string } | { kind: 'config'; message: string; problems: Finding[] };

const ORDER: Record<Tier, number> = { policy: 0, standard: 1, procedure: 2 };
const STATUS = { 'covered': 'statusCovered', 'missing-standard': 'statusMissingStandard', 'missing-procedure': 'statusMissingProcedure', 'waived': 'statusWaived' } as const;

export async function runExport(options: ExportOptions): Promise<ExportResult> {
  const { msg, cwd, root } = options;
  const ws = new PolicyWorkspace();
  await loadFolder(root, ws, options.configPath);
  const configFile = options.configPath ?? resolve(root, CONFIG_FILE);
  const problems = [...ws.findings().values()].flat().filter((f) => f.code === 'config/invalid' && f.uri === fileUri(configFile));
  if (problems.length) return { kind: 'config', message: msg('cliConfigFailed', relative(cwd, configFile) || configFile), problems };
  const indexes = ws.getIndexes();
  const shown = (doc: DocumentFacts): boolean => (!options.tier || doc.tier === options.tier) && (!options.public || doc.publicity === 'public');
  const seen = new Set<string>();
  const documents = indexes.flatMap((i) => i.documents)
    .filter((d) => d.tier && shown(d) && !seen.has(d.uri) && seen.add(d.uri))
    .sort((a, b) => ORDER[a.tier!] - ORDER[b.tier!] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const name = relative(cwd, root) || '.';
  if (!documents.length) return { kind: 'failed', message: msg('exportNothing', name, options.public ? msg('exportNothingPublic') : '') };
  const out = options.out ?? resolve(cwd, `${basename(resolve(root))}.docx`);
  if (existsSync(out) && !options.force) return { kind: 'failed', message: msg('importExists', relative(cwd, out) || out) };

  const hidden = (uri: string): boolean => ws.find(uri)?.doc.publicity !== 'public';
  const terms = new Map<string, { term: string; text: string; document: string }>();
  for (const index of indexes) {
    for (const entry of index.terms.glossary.entries) {
      const d = entry.definitions.find((x) => !options.public || x.doc.publicity === 'public');
      if (d && !terms.has(entry.term)) terms.set(entry.term, { term: entry.term, text: d.text, document: d.doc.title || d.doc.path });
    }
  }
  const matrices = indexes.filter((i) => i.measures.length).map((i) => (options.public ? publicMatrix(traceMatrix(i), hidden, msg) : traceMatrix(i)));
  const [measure, title, standards, procedures, status] = msg('coverageHeader').split('\t');
  const [term, meaning, definedIn] = msg('exportTermHeader').split('\t');
  const bytes = await exportDocx({
    documents: documents.map((facts) => ({ facts, text: ws.textOf(facts.uri) ?? '' })),
    terms: [...terms.values()],
    matrices,
    labels: {
      version: msg('exportVersion'), date: msg('exportDate'), untitled: msg('exportUntitled'),
      termsTitle: msg('exportTermsTitle'), termHeader: [term, meaning, definedIn],
      matrixTitle: msg('exportMatrixTitle'), matrixHeader: [measure, title, standards, procedures, status],
      status: (s) => msg(STATUS[s]),
    },
  });
  try {
    writeFileSync(out, bytes);
  } catch (error) {
    return { kind: 'failed', message: msg('cliWriteFailed', relative(cwd, out) || out, error instanceof Error ? error.message : String(error)) };
  }
  return { kind: 'written', line: msg('exportWrote', relative(cwd, out) || out, documents.length) };
}
