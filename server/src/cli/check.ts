// Runs the checker over folders on disk and gathers what the CLI prints and how it exits.

import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { CONFIG_FILE, PolicyWorkspace, type Finding, type Locale, type Messages, type TraceIndex } from '../core/api';
import { fileUri, loadFolder } from '../host/folder';

export interface CheckOptions {
  /** As given on the command line; resolved against `cwd`. */
  folders: string[];
  config?: string;
  locale: Locale;
  cwd: string;
  msg: Messages;
}

export interface FolderResult {
  /** Absolute path of the folder. */
  root: string;
  findings: Finding[];
  indexes: TraceIndex[];
  /** Documents that belong to a policy set; files without a tier are read but not counted. */
  documents: number;
}

export type CheckResult =
  | { kind: 'checked'; folders: FolderResult[] }
  /** Arguments that name nothing usable; nothing was checked. */
  | { kind: 'usage'; message: string }
  /** The configuration file cannot be read as one; its problems are all there is to show. */
  | { kind: 'config'; message: string; problems: Finding[] };

export interface Counts { error: number; warning: number; information: number; hint: number }

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const { msg, cwd } = options;
  const roots = (options.folders.length ? options.folders : ['.']).map((f) => ({ given: f, root: resolve(cwd, f) }));
  for (const { given, root } of roots) {
    if (!existsSync(root)) return { kind: 'usage', message: msg('cliNoFolder', given) };
    if (!statSync(root).isDirectory()) return { kind: 'usage', message: msg('cliNotFolder', given) };
  }
  // loadFolder quietly falls back to the defaults when the file is missing; a file named on the
  // command line that is not there is a mistake, not a wish for defaults.
  const configPath = options.config === undefined ? undefined : resolve(cwd, options.config);
  if (configPath !== undefined && !existsSync(configPath)) {
    return { kind: 'usage', message: msg('cliNoConfig', options.config!) };
  }

  const folders: FolderResult[] = [];
  for (const { root } of roots) {
    const ws = new PolicyWorkspace();
    await loadFolder(root, ws, configPath);
    const byUri = ws.findings(options.locale);
    const findings = [...byUri.values()].flat();
    const indexes = ws.getIndexes();
    const documents = new Set(indexes.flatMap((i) => i.documents.map((d) => d.uri))).size;
    const configFile = configPath ?? resolve(root, CONFIG_FILE);
    const problems = findings.filter((f) => f.code === 'config/invalid' && f.uri === fileUri(configFile));
    if (problems.length) {
      return { kind: 'config', message: msg('cliConfigFailed', relative(cwd, configFile) || configFile), problems };
    }
    folders.push({ root, findings, indexes, documents });
  }
  return { kind: 'checked', folders };
}

export function countSeverities(findings: Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** 0 clean, 1 errors or more warnings than allowed, 2 when nothing could be checked. */
export function exitCode(result: CheckResult, maxWarnings: number | undefined): number {
  if (result.kind !== 'checked') return 2;
  const counts = countSeverities(result.folders.flatMap((f) => f.findings));
  if (counts.error > 0) return 1;
  return maxWarnings !== undefined && counts.warning > maxWarnings ? 1 : 0;
}

