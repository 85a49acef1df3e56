// The language server over stdio: time from initialize to the diagnostics of every document, then
// single-character edits in a 200 KB standards file, timed from didChange to its new diagnostics.
// Run by scripts/bench.mjs with `--import tsx`: it reads the server's flags from their TypeScript.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NODE_FLAGS, SERVER_ENV } from '../../server/src/host/heap.ts';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const [dir, editsArg] = process.argv.slice(2);
const edits = Number(editsArg ?? 200);
// The first keystrokes in a file run code V8 has not optimised yet (80-130 ms for the first, about
// 50 ms up to the tenth, then steady): they are timed and reported apart, not in p50 and p95.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const root = resolve(dir);
const files = readdirSync(root, { recursive: true }).filter((f) => f.endsWith('.md'));
// Started as the VS Code client starts it: its V8 flags on the command line, its environment.
const server = spawn(process.execPath, [...NODE_FLAGS, resolve('dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...SERVER_ENV } });
// A server that ends before it is told to is a failure of the run, said as such (not a missing
// /proc entry or a wait for ever).
let stopping = false;
server.on('exit', (code, signal) => {
  if (stopping) return;
  process.stderr.write(`lsp.mjs: the server ended on its own (exit ${code}, signal ${signal})\n`);
  process.exit(1);
});
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const seen = new Set();
const diagnosticsOf = new Map();
let waiter;
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  seen.add(p.uri);
  diagnosticsOf.set(p.uri, p.diagnostics);
  if (waiter && waiter.test(p)) { const w = waiter; waiter = undefined; w.resolve(); }
});
connection.onRequest('client/registerCapability', () => null);
connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
connection.listen();

const until = (test, already = () => false) => new Promise((res) => {
  if (already()) res(); else waiter = { test, resolve: res };
});
const t0 = performance.now();
await connection.sendRequest('initialize', {
  processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
  capabilities: {}, initializationOptions: { debounceMs: 0 }, locale: 'ja',
});
await connection.sendNotification('initialized', {});
const all = files.length;
await until(() => seen.size >= all, () => seen.size >= all);
const indexMs = performance.now() - t0;
// Memory is read from /proc: VmRSS, and VmHWM (the peak) at the end. The server collects once it
// is idle (server/src/host/idleCollection.ts) and V8's memory reducer then shrinks its heap within
// a minute, so RSS is read twice each time: at once ("busy") and once it has settled.
const status = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// V8's memory reducer ran 13 to 39 s after the work in the runs seen; 0 skips the wait.
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 60_000);
/** RSS once the server has been left alone for SETTLE_MS, or null when not asked for. */
async function settledRss() {
  if (!SETTLE_MS) return null;
  await sleep(SETTLE_MS);
  return status('VmRSS');
}
await sleep(200);
const rssBusy = status('VmRSS');
const rssIndexed = await settledRss();

const target = files.filter((f) => f.includes('対策基準')).sort()[0];
const uri = pathToFileURL(join(root, target)).href;
let text = readFileSync(join(root, target), 'utf8');
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });

// People leave time between keys, and the server uses it (server/src/host/idleCollection.ts): a
// keystroke begins PACE_MS after the one before began, 12 a second, faster than people type.
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 80);
let version = 1;
/**
 * Types `typed` at `at` and deletes it again, in turns, WARMUP + edits times, each timed from
 * didChange to the file's next diagnostics; a keystroke begins `paceMs` after the last began, or
 * as soon as its diagnostics came (0). Gives the times of the measured ones, sorted, and the first.
 */
async function keystrokes(at, typed, paceMs) {
  const times = [];
  for (let i = 0; i < WARMUP + edits; i++) {
    const typing = i % 2 === 0;
    const start = performance.now();
    const done = until((p) => p.uri === uri);
    const range = typing ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: typing ? typed : '' }] });
    await done;
    times.push(performance.now() - start);
    await sleep(Math.max(0, start + paceMs - performance.now()));
  }
  const first = times[0];
  return { first, times: times.slice(WARMUP).sort((a, b) => a - b) };
}
const p50 = (times) => (times.length ? times[Math.floor(times.length * 0.5)] : null);
const p95 = (times) => (times.length ? times[Math.floor(times.length * 0.95)] : null);

// Each edit types or deletes one character in a 根拠 line (6(5) ↔ 6(95)), so that every edit
// changes the diagnostics and the server publishes: the server sends only what changed. The line
// is the first past the middle of the file whose measure the guideline has a standards chapter for:
// its link then changes that chapter's guideline/missing-chapter answer too, as most 根拠 lines'
// links do (the first line of the file links to 6(1), which has none, and measured less).
const chaptered = new Set(JSON.parse(readFileSync('server/src/core/guideline/soumu-r6.json', 'utf8')).chapters.map((c) => c.measure));
const basisLine = /根拠: 基本方針 (6\(\d+\))/g;
basisLine.lastIndex = text.length >> 1;
let found;
while ((found = basisLine.exec(text)) && !chaptered.has(found[1]));
if (!found) throw new Error(`lsp.mjs: no 根拠 line past the middle of ${target} links to a measure with a guideline chapter`);
const basis = found.index + '根拠: 基本方針 6('.length;
const before = text.slice(0, basis);
const digit = { line: before.split('\n').length - 1, character: basis - (before.lastIndexOf('\n') + 1) };
const { first: firstEdit, times } = await keystrokes(digit, '9', PACE_MS);
// The same sent back to back, each as soon as the last one's diagnostics came: no time between
// keys for the server, a burst faster than any typing.
const { times: burstTimes } = await keystrokes(digit, '9', 0);

// Typing in a sentence, the edit made most: a character typed and deleted after the first 、 of an
// item's sentence that has a finding (a quote of a procedure, a variant), so that the subject the
// item is named by stays and every edit changes what the server publishes.
const lines = text.split(/\r?\n/);
const spot = (diagnosticsOf.get(uri) ?? []).flatMap((d) => {
  const { line: at, character: from } = d.range.start;
  const written = lines[at] ?? '';
  const comma = written.indexOf('、', from);
  const ok = d.range.end.line === at && /^\s*(?:[-*+]|\d+[.)]|[(（]\d+[)）])\s/.test(written) && written.includes('。') && comma >= 0 && comma < d.range.end.character;
  return ok ? [{ line: at, character: comma + 1 }] : [];
})[0];
if (!spot) process.stderr.write(`lsp.mjs: no sentence with a finding in ${target} to type in: typing not measured\n`);
const typingTimes = spot ? (await keystrokes(spot, 'を', PACE_MS)).times : [];
const rss = status('VmRSS');
const rssEditsSettled = await settledRss();
const rssPeak = status('VmHWM');
stopping = true;
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
server.kill();
process.stdout.write(JSON.stringify({
  indexMs, editP50: p50(times), editP95: p95(times), burstP50: p50(burstTimes), burstP95: p95(burstTimes),
  typingP50: p50(typingTimes), typingP95: p95(typingTimes), firstEdit: firstEdit ?? null, paceMs: PACE_MS, rssBusy, rssIndexed, rss, rssEditsSettled, rssPeak, fileBytes: Buffer.byteLength(text), file: target,
}) + '\n');
process.exit(0);
