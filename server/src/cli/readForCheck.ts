// How `check` reads a file, on any of its threads: the text, and with --cache the hash of the
// bytes read (so the cache matches what was analysed) and the file's stamp as it was before they
// were read (see cache.ts `fileStamp`).

import { fileText, readRegularFileSync, type FileText } from '../host/folder';
import { fileStamp, hashBytes } from './cache';

/** One file after the other (see readRegularFileSync); undefined for a binary file. */
export function readForCheck(path: string, hashed?: { hashes: Map<string, string>; stamps: Map<string, string>; since: bigint }): FileText | undefined {
  const { bytes, stat } = readRegularFileSync(path);
  if (hashed) {
    hashed.hashes.set(path, hashBytes(bytes));
    const stamp = fileStamp(stat, hashed.since);
    if (stamp) hashed.stamps.set(path, stamp);
  }
  return fileText(bytes);
}
