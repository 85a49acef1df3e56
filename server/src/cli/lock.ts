// `policy-trace lock`: records every written reference between the tiers as reviewed, by writing
// each folder's policy-trace.lock (trace/suspect compares with it from then on).

import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CONFIG_FILE, LOCK_FILE, PolicyWorkspace, type Finding, type Messages } from '../core/api';
import { fileUri, loadFolder } from '../host/folder';

export interface LockOptions { roots: string[]; configPath?: string; cwd: string; msg: Messages }

export type LockResult =
  | { kind: 'written'; lines: string[]; warnings: string[] }
  | { kind: 'config'; message: string; problems: Finding[] }
  /** Nothing could be written: a folder where no document joined a policy set, or a write failed. */
  | { kind: 'failed'; message: string };

export async function runLock(options: LockOptions): Promise<LockResult> {
  const { msg, cwd } = options;
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const root of options.roots) {
    const ws = new PolicyWorkspace();
    await loadFolder(root, ws, options.configPath);
    const configFile = options.configPath ?? resolve(root, CONFIG_FILE);
    const problems = [...ws.findings().values()].flat().filter((f) => f.code === 'config/invalid' && f.uri === fileUri(configFile));
    if (problems.length) return { kind: 'config', message: msg('cliConfigFailed', relative(cwd, configFile) || configFile), problems };
    if (!ws.getIndexes().some((i) => i.documents.length)) return { kind: 'failed', message: msg('cliLockNothing', relative(cwd, root) || '.') };
    const path = join(root, LOCK_FILE);
    const shown = relative(cwd, path) || path;
    const record = ws.recordReviews(fileUri(path));
    if (!record.links) warnings.push(msg('cliLockNoLinks', shown));
    if (record.unchanged) {
      lines.push(msg('cliLockUnchanged', shown, record.links));
      continue;
    }
    try {
      writeFileSync(path, record.text, 'utf8');
    } catch (error) {
      return { kind: 'failed', message: msg('cliWriteFailed', shown, error instanceof Error ? error.message : String(error)) };
    }
    lines.push(msg('cliLockWritten', shown, record.links, record.changed, record.added, record.removed));
  }
  return { kind: 'written', lines, warnings };
}
