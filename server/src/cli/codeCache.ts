// The engine bundle (dist/cli-engine.js, 1.8 MB) compiled with the code V8 made for it when the
// package was built (dist/cli-engine.cache, by scripts/build.mjs: a check of the samples, run as
// the command runs). Compiling the bundle and then each function a check calls took about 70 ms
// more at every start, and again in every thread of `check`. V8 takes a cache only if it was made
// by this V8 with these flags, but knows the source only by its length: the cache starts with the
// SHA-256 of the bundle it was made from, and any other bundle is compiled afresh.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** Set by the build (scripts/build.mjs): the run writes the cache of what it compiled when it exits. */
const MAKE_CODE_CACHE = 'POLICY_TRACE_MAKE_CODE_CACHE';

const HASH_BYTES = 32;

export interface LoadedBundle { exports: unknown; cached: boolean }

/** Runs a CommonJS bundle as require() would, with its code cache when there is one made from it. */
export function loadBundle(file: string): LoadedBundle {
  const cacheFile = file.replace(/\.js$/, '.cache');
  const source = readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(source).digest();
  const making = process.env[MAKE_CODE_CACHE] === '1';
  let cachedData: Buffer | undefined;
  if (making) rmSync(cacheFile, { force: true });
  else if (existsSync(cacheFile)) {
    const saved = readFileSync(cacheFile);
    if (saved.length > HASH_BYTES && saved.subarray(0, HASH_BYTES).equals(hash)) cachedData = saved.subarray(HASH_BYTES);
  }
  // Node's own wrapper, on the first line: line numbers in stack traces stay the file's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  if (making) process.once('exit', () => writeFileSync(cacheFile, Buffer.concat([hash, script.createCachedData()])));
  return { exports: module.exports, cached: cachedData !== undefined && !script.cachedDataRejected };
}
