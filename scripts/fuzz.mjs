// `npm run fuzz`: the long version of test/protocol/fuzz.test.ts against a fresh build of the
// server: FUZZ_RUNS random edit sequences (2,000 unless set), a 5 MB line, a 20 MB document and
// 10,000-deep nesting. Ends with one summary line: runs, steps, edits, largest document, seed,
// duration, result. FUZZ_SEED, FUZZ_RUNS, FUZZ_PATH and FUZZ_NEST_MAX are passed through.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const started = performance.now();
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dir = mkdtempSync(join(tmpdir(), 'policy-trace-fuzz-stats-'));
const statsFile = join(dir, 'stats.json');
// Without the config file: its spec list would add every other suite to the run.
const mocha = spawnSync(process.execPath, [
  'node_modules/mocha/bin/mocha.js', '--no-config', '--no-package', '--import=tsx', '--extension', 'ts', '--timeout', '0',
  'test/protocol/fuzz.test.ts',
], { stdio: 'inherit', env: { ...process.env, FUZZ_LONG: '1', FUZZ_RUNS: process.env.FUZZ_RUNS ?? '2000', FUZZ_STATS: statsFile } });

let stats;
try {
  stats = JSON.parse(readFileSync(statsFile, 'utf8'));
} catch {
  stats = undefined;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const result = mocha.status === 0 ? 'passed' : mocha.signal ? `killed by ${mocha.signal}` : 'FAILED';
const minutes = (ms) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
const duration = minutes(performance.now() - started);
console.log(stats
  ? `fuzz: ${stats.runs} runs, ${stats.steps} steps, ${stats.edits} edits, ${stats.requests} requests, largest document ${(stats.largestBytes / 1e6).toFixed(1)} MB `
    + `(${stats.largestChars.toLocaleString('en')} UTF-16 units), seed ${stats.seed}, ${duration}: ${result}`
  : `fuzz: no statistics (the test run stopped early), ${duration}: ${result}`);
process.exit(mocha.status ?? 1);
