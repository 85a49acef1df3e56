// `npm run bench`: generates policy sets of several sizes, each in two forms (realistic: tables,
// links, emphasis, nested lists, quotes, CRLF files, a large volume; plain: the chunks the
// hand-written fast path takes, as the bench had before), and measures, side by side, the floor
// (read + NFKC + one term scan), `policy-trace check` cold and warm (`--cache`, no file changed),
// from 20 MB (five sets, checked on a thread per core) cold on one thread too (`--concurrency off`),
// textlint + textlint-rule-prh (the tool teams use for 表記ゆれ today) on the same corpus, and the
// language server (time to all diagnostics, then keystroke → diagnostics in a 200 KB standards
// file: digits of a 根拠 line, 12 keys a second (BENCH_PACE_MS), then back to back, then typing in
// a sentence; medians of BENCH_RUNS server runs). Prints one table and writes .bench/results.json.
// BENCH_SIZES (MB, comma separated), BENCH_MODES (realistic,plain), BENCH_RUNS, BENCH_EDITS, BENCH_PACE_MS and
// BENCH_WARMUP (keystrokes timed apart before the measured ones) narrow a run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { generate, MODES } from './bench/generate.mjs';

// What ships is measured: the build `npm ci` makes (and the .vsix has), minified. Its names are
// short, and V8 then keeps less of the bundle in memory: 10 MB set, 10-12 MB less peak RSS.
{
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the production build failed');
}

const sizes = (process.env.BENCH_SIZES ?? '1,10,50').split(',').map(Number);
const modes = (process.env.BENCH_MODES ?? 'realistic,plain').split(',');
for (const m of modes) if (!MODES[m]) throw new Error(`BENCH_MODES: unknown mode ${m} (${Object.keys(MODES).join(', ')})`);
const edits = Number(process.env.BENCH_EDITS ?? 200);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function node(args, env = {}) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return r;
}

// The command as npm's link runs it: node with the flags of bin/policy-trace.js's first line.
const CLI = [...(/\bnode\s+(.*)$/.exec(readFileSync('bin/policy-trace.js', 'utf8').split('\n')[0])?.[1].split(/\s+/) ?? []), 'bin/policy-trace.js'];

/** What a measuring script printed, or an error that says what it wrote to stderr instead. */
function measured(args, env) {
  const r = node(args, env);
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`${args.join(' ')} printed no result (exit ${r.status}): ${r.stderr.trim() || 'nothing on stderr'}`);
  }
}

function timed(args) {
  const start = performance.now();
  const r = node(['-r', './scripts/bench/rss.cjs', ...args]);
  const ms = performance.now() - start;
  const rss = Number(/@@maxrss (\d+)/.exec(r.stderr)?.[1] ?? 0) * 1024;
  return { ms, rss };
}

const rows = [];
for (const mb of sizes) for (const mode of modes) {
  const dir = join('.bench', `corpus-${mb}mb-${mode}`);
  const { files, bytes } = generate(dir, mb * 1_000_000, MODES[mode]);
  // The floor and the checks, cold and warm, taken in turns, run after run: the machine's speed
  // moves within minutes (a fixed loop once took 1.55 s, then 2.9 s a minute later), and measured
  // one after the other they would see different machines. From 20 MB the corpus has several sets,
  // which the check takes on a thread per core (--concurrency auto, its default): the same on one
  // thread too. Warm: one run fills the cache, the timed ones find every file unchanged.
  const cacheFile = join(tmpdir(), `policy-trace-bench-${process.pid}-${mb}mb-${mode}.cache`);
  const warmArgs = [...CLI, 'check', dir, '--format', 'json', '--cache', '--cache-location', cacheFile];
  node(warmArgs);
  const floors = [];
  const cold = [];
  const oneThread = [];
  const warms = [];
  for (let i = 0; i < runs; i++) {
    floors.push(measured(['scripts/bench/floor.mjs', dir]).ms);
    cold.push(timed([...CLI, 'check', dir, '--format', 'json']));
    if (mb >= 20) oneThread.push(timed([...CLI, 'check', dir, '--format', 'json', '--concurrency', 'off']));
    warms.push(timed(warmArgs).ms);
  }
  rmSync(cacheFile, { force: true });
  const floor = median(floors);
  const warm = median(warms);
  const textlint = median(Array.from({ length: runs }, () => measured(['scripts/bench/textlint.mjs', dir]).ms));
  // The server too is measured several times: one run's p95 and RSS depend on when the garbage
  // collector ran. Only the first waits for the server to settle after indexing and after the
  // edits (60 s each): settled RSS moved by a few MB between runs.
  const servers = Array.from({ length: runs }, (_, i) => measured(['--import', 'tsx', 'scripts/bench/lsp.mjs', dir, String(edits)], i === 0 ? {} : { BENCH_SETTLE_MS: '0' }));
  const lsp = Object.fromEntries(['indexMs', 'editP50', 'editP95', 'burstP50', 'burstP95', 'typingP50', 'typingP95', 'firstEdit', 'rssBusy', 'rss', 'rssPeak'].map((k) => [k, median(servers.map((r) => r[k]))]));
  lsp.rssIndexed = servers[0].rssIndexed;
  lsp.rssEditsSettled = servers[0].rssEditsSettled;
  const coldMs = median(cold.map((c) => c.ms));
  rows.push({
    corpus: `${mb} MB ${mode}`, files, bytes,
    floorMs: Math.round(floor),
    checkColdMs: Math.round(coldMs),
    checkMBps: +(bytes / 1e6 / (coldMs / 1000)).toFixed(1),
    checkRssMB: Math.round(Math.max(...cold.map((c) => c.rss)) / 2 ** 20),
    ratioToFloor: +(coldMs / floor).toFixed(1),
    checkOneThreadMs: oneThread.length ? Math.round(median(oneThread.map((c) => c.ms))) : '',
    checkOneThreadRssMB: oneThread.length ? Math.round(Math.max(...oneThread.map((c) => c.rss)) / 2 ** 20) : '',
    checkWarmMs: Math.round(warm),
    warmToFloor: +(warm / floor).toFixed(1),
    textlintPrhMs: Math.round(textlint),
    textlintMBps: +(bytes / 1e6 / (textlint / 1000)).toFixed(1),
    // The speed-up: how many times faster than textlint + prh (the target is 5).
    textlintOverOurs: +(textlint / coldMs).toFixed(2),
    serverIndexMs: Math.round(lsp.indexMs),
    keystrokePaceMs: servers[0].paceMs,
    keystrokeP50Ms: Math.round(lsp.editP50),
    keystrokeP95Ms: Math.round(lsp.editP95),
    // The same keystrokes sent back to back, with no time between them for the server.
    backToBackP50Ms: Math.round(lsp.burstP50),
    backToBackP95Ms: Math.round(lsp.burstP95),
    // Typing in a sentence (lsp.mjs): what users do most, and what the 根拠 edits above do not cover.
    typingP50Ms: lsp.typingP50 === null ? '' : Math.round(lsp.typingP50),
    typingP95Ms: lsp.typingP95 === null ? '' : Math.round(lsp.typingP95),
    // The first keystroke in the file, before V8 has optimised that path (not in p50 and p95).
    firstKeystrokeMs: Math.round(lsp.firstEdit),
    // Right after indexing; once settled (the target); after the keystrokes; settled again; the peak.
    serverRssBusyMB: Math.round(lsp.rssBusy / 2 ** 20),
    serverRssIndexedMB: Math.round(lsp.rssIndexed / 2 ** 20),
    serverRssEditsMB: Math.round(lsp.rss / 2 ** 20),
    serverRssEditsSettledMB: Math.round(lsp.rssEditsSettled / 2 ** 20),
    serverRssPeakMB: Math.round(lsp.rssPeak / 2 ** 20),
  });
  console.error(`measured ${mb} MB ${mode}`);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
console.log(`Policy Trace benchmark — ${machine}`);
console.table(rows);
mkdirSync('.bench', { recursive: true });
writeFileSync(join('.bench', 'results.json'), JSON.stringify({ machine, date: new Date().toISOString(), edits, runs, rows }, null, 2));
