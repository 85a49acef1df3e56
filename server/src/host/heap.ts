// How V8 should treat the analysis's memory, set once at process start by each entry point.

import { setFlagsFromString } from 'node:v8';

/**
 * No allocation-site pretenuring. While a folder is first indexed every fact lives on, so V8
 * learns that the analysis allocates long-lived objects and from then on allocates them straight
 * in the old generation, the short-lived intermediates of each later keystroke included: the
 * server's heap then grew by megabytes a keystroke until a full collection (10 MB set: 350 MB
 * promoted over 200 keystrokes; 87 MB without, and keystrokes faster). The cold check gains too.
 * The VS Code client passes these on the server's command line.
 */
export const NODE_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring'];

/**
 * The flags to set at run time: those not given on the command line. None under Electron, whose
 * V8 may have frozen its flags (setting one then is a fatal error, not an exception).
 */
export function flagsToSet(execArgv: readonly string[], versions: Readonly<Record<string, string | undefined>>): string[] {
  if (versions.electron) return [];
  return NODE_FLAGS.filter((f) => !execArgv.includes(f));
}

export function tuneHeap(): void {
  for (const flag of flagsToSet(process.execArgv, process.versions)) setFlagsFromString(flag);
}
