// `policy-trace lsp` starts the language server on stdin/stdout: an initialize round trip and a clean exit;
// run as npm links it (the file itself, with the command's V8 flags), it checks an opened document.

import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT } from './run';

/** Reads LSP frames (Content-Length header, JSON body) from the server's stdout. */
class Frames {
  private buffer = Buffer.alloc(0);
  private waiting: ((message: unknown) => void)[] = [];
  private queue: unknown[] = [];

  constructor(child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const headerEnd = this.buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))![1]);
        if (this.buffer.length < headerEnd + 4 + length) return;
        const body = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
        this.buffer = this.buffer.subarray(headerEnd + 4 + length);
        const waiter = this.waiting.shift();
        if (waiter) waiter(body); else this.queue.push(body);
      }
    });
  }

  next(): Promise<unknown> {
    return this.queue.length ? Promise.resolve(this.queue.shift()) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The response to request `id`, skipping notifications and requests from the server. */
  async response(id: number): Promise<{ id: number; result?: unknown; error?: unknown }> {
    for (;;) {
      const m = (await this.next()) as { id?: number; method?: string };
      if (m.id === id && m.method === undefined) return m as { id: number };
    }
  }
}

function send(child: ChildProcessWithoutNullStreams, message: object): void {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}

for (const args of [['lsp', '--stdio'], ['lsp']]) {
  describe(`policy-trace ${args.join(' ')}`, () => {
    it('answers initialize and exits 0 after shutdown and exit', async () => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const frames = new Frames(child);

      send(child, { id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null } });
      const init = (await frames.response(1)) as { result: { capabilities: Record<string, unknown> } };
      assert.ok(init.result.capabilities.textDocumentSync !== undefined);
      send(child, { method: 'initialized', params: {} });
      send(child, { id: 2, method: 'shutdown' });
      assert.equal((await frames.response(2)).result, null);
      send(child, { method: 'exit' });
      assert.equal(await exited, 0);
    });
  });
}

describe('policy-trace lsp --stdio, run as npm links it', () => {
  it('checks an opened document of the folder under the command\'s V8 flags (bin/policy-trace.js\'s first line)', async () => {
    const folder = join(ROOT, 'test/fixtures/cli/sets');
    const file = join(folder, '病院/基本方針.md');
    const uri = pathToFileURL(file).href;
    const child = spawn(BIN, ['lsp', '--stdio'], { cwd: ROOT });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const frames = new Frames(child);
    send(child, { id: 1, method: 'initialize', params: { processId: null, rootUri: pathToFileURL(folder).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'sets' }] } });
    await frames.response(1);
    send(child, { method: 'initialized', params: {} });
    send(child, { method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(file, 'utf8') } } });
    // What `check` reports for this file: a measure without procedures.
    for (;;) {
      const m = (await frames.next()) as { method?: string; params?: { uri: string; diagnostics: { code: string; range: { start: { line: number; character: number } } }[] } };
      if (m.method !== 'textDocument/publishDiagnostics' || m.params!.uri !== uri || !m.params!.diagnostics.length) continue;
      assert.deepEqual(m.params!.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['trace/missing-procedure', 8, 4]]);
      break;
    }
    send(child, { id: 2, method: 'shutdown' });
    await frames.response(2);
    send(child, { method: 'exit' });
    assert.equal(await exited, 0);
  });
});
