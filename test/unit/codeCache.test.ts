// The engine bundle's code cache (server/src/cli/codeCache.ts, made by the build): taken by a
// thread started as the command starts node, and never for another bundle, not even one of the
// same length (V8 itself compares only the length).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI_START_FLAGS } from '../../server/src/host/heap';

const ROOT = resolve(__dirname, '../..');
const BUNDLE = join(ROOT, 'dist/cli-engine.js');

describe('the engine bundle\'s code cache', () => {
  let dir: string;
  let script: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-code-cache-'));
    script = join(dir, 'load.mts');
    // What the command does: its run-time V8 flags, then the engine.
    writeFileSync(script, [
      `import { tuneHeap } from ${JSON.stringify(pathToFileURL(join(ROOT, 'server/src/host/heap.ts')).href)};`,
      `import { loadBundle } from ${JSON.stringify(pathToFileURL(join(ROOT, 'server/src/cli/codeCache.ts')).href)};`,
      'tuneHeap();',
      'const { exports, cached } = loadBundle(process.argv[2]);',
      'console.log(JSON.stringify({ cached, runCheck: typeof (exports as { runCheck?: unknown }).runCheck }));',
    ].join('\n'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  const load = (bundle: string): { cached: boolean; runCheck: string } =>
    JSON.parse(execFileSync(process.execPath, [...CLI_START_FLAGS, '--import', 'tsx', script, bundle], { cwd: ROOT, encoding: 'utf8' })) as { cached: boolean; runCheck: string };

  it('is taken for the bundle it was made from', () => {
    assert.deepEqual(load(BUNDLE), { cached: true, runCheck: 'function' });
  });

  it('is not taken for another bundle of the same length', () => {
    const other = join(dir, 'cli-engine.js');
    const source = readFileSync(BUNDLE, 'utf8');
    // One character of a rule's name changed: the same length, which is all V8 checks.
    assert.ok(source.includes('"trace/missing-standard"'));
    writeFileSync(other, source.replace('"trace/missing-standard"', '"trace/missing-standarX"'));
    assert.equal(readFileSync(other, 'utf8').length, source.length);
    copyFileSync(join(ROOT, 'dist/cli-engine.cache'), join(dir, 'cli-engine.cache'));
    assert.deepEqual(load(other), { cached: false, runCheck: 'function' });
    rmSync(join(dir, 'cli-engine.cache'));
    assert.deepEqual(load(other), { cached: false, runCheck: 'function' });
  });
});
