// Whether a path or glob written in the configuration stays inside the folder it is read from.
// Pure and without dependencies: the host's file listing uses it too, before the core is loaded.

/** An absolute path or glob (`/etc/…`, `C:\…`, `/**`), or one with a `..` segment. */
export function leavesFolder(value: string): boolean {
  return /^(?:[\\/]|[A-Za-z]:)/.test(value) || value.split(/[\\/]/).includes('..');
}
