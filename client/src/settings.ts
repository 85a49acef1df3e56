// The extension's settings, their names and defaults, kept free of `vscode` so tests can read them.

/** The configuration section every setting lives under. */
export const SECTION = 'policyTrace';

/**
 * Node flags of the server process (server/src/host/heap.ts NODE_FLAGS, kept equal by a unit test):
 * given on the command line, they need not be set at run time, which Electron may not allow.
 */
export const SERVER_NODE_FLAGS: readonly string[] = [
  '--no-allocation-site-pretenuring', '--expose-gc', '--max-semi-space-size=16', '--enable-experimental-regexp-engine-on-excessive-backtracks',
];

/** Environment of the server process (server/src/host/heap.ts SERVER_ENV, kept equal by a unit test). */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** Defaults of the settings in package.json `contributes.configuration`; a unit test keeps them equal. */
export const DEFAULTS = {
  'policyTrace.debounceMs': 50,
  'policyTrace.language': 'auto',
  'policyTrace.trace.server': 'off',
} as const;

/** The command identifiers in package.json `contributes.commands`. */
export const COMMANDS = {
  restartServer: 'policyTrace.restartServer',
  reindex: 'policyTrace.reindex',
  showOutput: 'policyTrace.showOutput',
  showMatrix: 'policyTrace.showMatrix',
  exportMatrix: 'policyTrace.exportMatrix',
  recordReviews: 'policyTrace.recordReviews',
} as const;

/** A debounce setting as the server will use it: a finite, non-negative whole number of milliseconds. */
export function debounceMs(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.round(value)
    : DEFAULTS['policyTrace.debounceMs'];
}

/** The message language the server should use: the setting, or VS Code's display language for "auto". */
export function messageLocale(setting: unknown, displayLanguage: string): string {
  return setting === 'ja' || setting === 'en' ? setting : displayLanguage;
}
