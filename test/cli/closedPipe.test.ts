// A reader that stops early (`policy-trace check | head`) closes the pipe under the checker: it
// stops quietly, without a stack trace.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT } from './run';

describe('policy-trace check | head', () => {
  let dir: string;
  before(async function () {
    this.timeout(30_000);
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-pipe-'));
    const { generate, MODES } = (await import(pathToFileURL(join(ROOT, 'scripts', 'bench', 'generate.mjs')).href)) as {
      generate: (dir: string, bytes: number, options: unknown) => unknown; MODES: Record<string, unknown>;
    };
    // Some 700 findings: far more JSON than a pipe holds, so the writer meets the closed end.
    generate(dir, 1_000_000, MODES.realistic);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits without a stack trace when the reader has gone', function () {
    this.timeout(30_000);
    const script = `"${process.execPath}" "${BIN}" check . --format json | head -c 100 > /dev/null; echo "status \${PIPESTATUS[0]}" >&2`;
    const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stderr, 'status 0\n');
  });
});
