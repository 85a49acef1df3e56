// Runs the built `policy-trace` command as CI would, with a locale-free environment.

import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const BIN = join(ROOT, 'bin/policy-trace.js');
export const FIXTURES = join(ROOT, 'test/fixtures/cli');

export interface Run { status: number | null; stdout: string; stderr: string }

/** `env` is added to a copy of this process's environment stripped of every locale variable. */
export function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES']) delete env[name];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? FIXTURES,
    env: { ...env, ...options.env },
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function lines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}
