// On stdio, stdout carries the protocol and nothing else (server/src/lsp/stdio.ts): what code in the
// server prints with console.log goes to stderr, and the server ends when its input closes.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../cli/run';
import { SERVER } from './harness';

describe('the server on stdio', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-stdio-'));
    // Loaded before the server: prints once the server has made its connection.
    writeFileSync(join(dir, 'stray.cjs'), "setTimeout(() => { console.log('stray log'); console.info('stray info'); }, 300);\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [what, args] of [['dist/server.js --stdio', [SERVER, '--stdio']], ['policy-trace lsp', [BIN, 'lsp']]] as const) {
    it(`${what}: console output goes to stderr, and the server ends when stdin closes`, async () => {
      const child = spawn(process.execPath, ['-r', join(dir, 'stray.cjs'), ...args], { stdio: 'pipe' });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString('utf8');
        // Both lines printed: the editor goes away, closing the server's input.
        if (stderr.endsWith('stray info\n')) child.stdin.end();
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(stdout, '');
      assert.equal(stderr, 'stray log\nstray info\n');
      // Ended without a shutdown request: the library's exit code for that.
      assert.equal(code, 1);
    });
  }
});
