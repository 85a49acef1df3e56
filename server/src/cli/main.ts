// The `policy-trace` command: reads the arguments, then checks folders or starts the language server.
// Only what every run needs is imported here; the analysis core, the matrix and the language
// server are in ./engine, loaded when a run needs them (a bundle of its own), so `--version` and a
// `check --cache` whose files did not change start fast.

import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { messagesFor, type Messages } from '../core/messages';
import type { Finding, Locale, Tier } from '../core/types';
import { version } from '../../../package.json';
import { CACHE_FILE, cacheFile, CheckCache, type SavedFacts, type SavedFolder, type SavedOutput } from './cache';
import type { FolderResult } from './check';
import { countSeverities, exitCode, findingLines, formatJson, formatText, toReport, type Counts, type FolderReport } from './format';
import type { MatrixFormat, renderMatrix } from './matrix';
import { formatSarif } from './sarif';
import { formatGithub, formatJunit } from './ciFormats';
import { fullCollection, tuneHeap } from '../host/heap';
import { loadBundle } from './codeCache';
import { print } from './print';

const OPTIONS = {
  format: { type: 'string' },
  config: { type: 'string' },
  'max-warnings': { type: 'string' },
  locale: { type: 'string' },
  matrix: { type: 'string' },
  output: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  concurrency: { type: 'string' },
  explain: { type: 'boolean' },
  public: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  stdio: { type: 'boolean' },
  tier: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  docx: { type: 'boolean' },
} as const;

/** The tiers `import --tier` takes, in Japanese as the front matter writes them, or in English. */
const TIER_NAMES: Record<string, Tier> = { 基本方針: 'policy', 対策基準: 'standard', 実施手順: 'procedure', policy: 'policy', standard: 'standard', procedure: 'procedure' };

/** The outputs of `check`: for people, for tools, and for CIs (code scanning, annotations, test reports). */
const FORMATS = ['text', 'json', 'sarif', 'github', 'junit'];
/** The formats that print a finding's related places and fixes. */
const DETAILED = new Set(['sarif']);

const COMMAND_OPTIONS: Record<string, (keyof typeof OPTIONS)[]> = {
  check: ['format', 'config', 'max-warnings', 'matrix', 'output', 'cache', 'cache-location', 'concurrency', 'explain', 'public'],
  lock: ['config'],
  import: ['tier', 'out', 'force'],
  export: ['docx', 'tier', 'out', 'force', 'public', 'config'],
  lsp: ['stdio'],
};

/** Runs one invocation; the exit code, or undefined while the language server keeps running. */
export async function main(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number | undefined> {
  // Known before parsing, so that even a parse error is reported in the user's language.
  let locale = guessLocale(argv, env);
  let msg = messagesFor(locale);
  const usageError = (message: string): number => {
    process.stderr.write(`${message}\n\n${msg('cliUsage')}\n`);
    return 2;
  };

  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(describeParseError(error, msg));
  }
  const { values, positionals } = parsed;
  if (values.locale !== undefined) {
    if (values.locale !== 'ja' && values.locale !== 'en') return usageError(msg('cliBadValue', '--locale', values.locale, 'ja, en'));
    locale = values.locale;
    msg = messagesFor(locale);
  }
  if (values.version) {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (values.help) {
    process.stdout.write(`${msg('cliUsage')}\n`);
    return 0;
  }

  const [command, ...rest] = positionals;
  if (command === undefined) return usageError(msg('cliMissingCommand'));
  if (!(command in COMMAND_OPTIONS)) return usageError(msg('cliUnknownCommand', command));
  for (const [name, owners] of Object.entries(COMMAND_OPTIONS)) {
    if (name === command) continue;
    const stray = owners.find((o) => values[o] !== undefined && !COMMAND_OPTIONS[command].includes(o));
    if (stray) return usageError(msg('cliOptionNotFor', `--${stray}`, command));
  }

  if (command === 'lsp') {
    if (rest.length) return usageError(msg('cliExtraArguments', command, rest[0]));
    // Loaded only here: the checker should not pay for the protocol machinery.
    const { startServer, stdioConnection } = require('./lspEngine') as typeof import('./lspEngine');
    // Stdio is the only transport offered, so `--stdio` may be left out.
    startServer(stdioConnection());
    return undefined;
  }

  if (command === 'import') {
    if (!rest.length) return usageError(msg('importMissingInput'));
    const inputs = rest.map((name) => resolve(cwd, name));
    const missing = rest.find((_, i) => !existsSync(inputs[i]));
    if (missing !== undefined) return usageError(msg('importNoInput', missing));
    const tier = values.tier === undefined ? undefined : TIER_NAMES[values.tier];
    if (values.tier !== undefined && !tier) return usageError(msg('cliBadValue', '--tier', values.tier, Object.keys(TIER_NAMES).join(', ')));
    const outDir = values.out === undefined ? undefined : resolve(cwd, values.out);
    if (outDir !== undefined && !(existsSync(outDir) && statSync(outDir).isDirectory())) return usageError(msg('cliNotFolder', values.out!));
    const result = await loadWordEngine().runImport({ inputs, tier, out: outDir, force: values.force === true, cwd, msg });
    process.stdout.write(result.out.map((l) => `${l}\n`).join(''));
    process.stderr.write(result.err.map((l) => `${l}\n`).join(''));
    return result.code;
  }

  if (command === 'export') {
    if (!values.docx) return usageError(msg('exportNeedsDocx'));
    if (rest.length > 1) return usageError(msg('cliExtraArguments', command, rest[1]));
    const folders = resolveFolders(rest, values.config, cwd, msg);
    if ('message' in folders) return usageError(folders.message);
    const tier = values.tier === undefined ? undefined : TIER_NAMES[values.tier];
    if (values.tier !== undefined && !tier) return usageError(msg('cliBadValue', '--tier', values.tier, Object.keys(TIER_NAMES).join(', ')));
    const result = await loadWordEngine().runExport({
      root: folders.roots[0], configPath: folders.configPath, tier, public: values.public === true,
      out: values.out === undefined ? undefined : resolve(cwd, values.out), force: values.force === true, cwd, msg,
    });
    if (result.kind !== 'written') return stopped(result, cwd, msg);
    process.stdout.write(`${result.line}\n`);
    return 0;
  }

  if (command === 'lock') {
    const folders = resolveFolders(rest, values.config, cwd, msg);
    if ('message' in folders) return usageError(folders.message);
    const result = await loadEngine().runLock({ ...folders, cwd, msg });
    if (result.kind !== 'written') return stopped(result, cwd, msg);
    for (const line of result.warnings) process.stderr.write(`${line}\n`);
    process.stdout.write(result.lines.map((l) => `${l}\n`).join(''));
    return 0;
  }

  const format = values.format ?? 'text';
  if (!FORMATS.includes(format)) return usageError(msg('cliBadValue', '--format', format, FORMATS.join(', ')));
  let maxWarnings: number | undefined;
  const concurrency = values.concurrency === undefined ? 'auto' : parseConcurrency(values.concurrency);
  if (concurrency === undefined) return usageError(msg('cliBadValue', '--concurrency', values.concurrency!, 'auto, off, 1, 2, …'));
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) return usageError(msg('cliBadMaxWarnings', values['max-warnings']));
    maxWarnings = Number(values['max-warnings']);
  }

  let matrix: { format: MatrixFormat; render: typeof renderMatrix } | undefined;
  if (values.matrix !== undefined) {
    const m = loadEngine();
    if (!m.isMatrixFormat(values.matrix)) return usageError(msg('cliBadValue', '--matrix', values.matrix, m.MATRIX_FORMATS.join(', ')));
    matrix = { format: values.matrix, render: m.renderMatrix };
  }
  if (values.output !== undefined && matrix === undefined) return usageError(msg('cliOutputNeedsMatrix'));
  if (values.public && matrix === undefined) return usageError(msg('cliPublicNeedsMatrix'));
  if (values['cache-location'] !== undefined && !values.cache) return usageError(msg('cliCacheLocationNeedsCache'));

  const folders = resolveFolders(rest, values.config, cwd, msg);
  if ('message' in folders) return usageError(folders.message);
  const ctx = { cwd, msg };
  const formatted = (reports: FolderReport[], explain?: string[]): string => {
    switch (format) {
      case 'json': return formatJson(reports, ctx, explain);
      case 'sarif': return formatSarif(reports, ctx);
      case 'github': return formatGithub(reports, ctx);
      case 'junit': return formatJunit(reports, ctx);
      default: return formatText(reports, ctx, explain);
    }
  };
  // Without --output the matrix takes the report's place on stdout, so it can be piped or redirected.
  const reportShown = matrix === undefined || values.output !== undefined;
  const finish = (counts: Counts): number => {
    if (maxWarnings !== undefined && counts.warning > maxWarnings) {
      // On stderr, so that JSON on stdout stays one parseable document.
      process.stderr.write(`${msg(counts.warning === 1 ? 'cliTooManyWarnings_one' : 'cliTooManyWarnings_other', counts.warning, maxWarnings)}\n`);
    }
    return exitCode(counts, maxWarnings);
  };

  // What the cache says is only a note for whoever debugs it: the output must not depend on it.
  const note = env.POLICY_TRACE_DEBUG_CACHE === '1' ? (line: string) => process.stderr.write(`${line}\n`) : () => {};
  let cache: CheckCache | undefined;
  // What the printed output depends on besides the folders' results (their roots and locale are in
  // the cache's digests): a saved output is printed again only for the same.
  const outputKey = JSON.stringify([format, cwd]);
  if (values.cache) {
    const location = cacheFile(cwd, values['cache-location']);
    if ('refused' in location) return usageError(msg(REFUSALS[location.refused], values['cache-location'] ?? CACHE_FILE));
    cache = new CheckCache(location.file, locale, note);
  }
  // The matrix and the explanations need the whole index, which the cache does not keep.
  if (cache && matrix === undefined && !values.explain) {
    const reused = await cache.reuse(folders.roots, folders.configPath ?? null, outputKey);
    // The saved reports leave out related places and fixes, which only SARIF prints: a SARIF run
    // whose output was not saved is made again, from the saved facts.
    if (reused && ('output' in reused || !DETAILED.has(format))) {
      note('cache: result reused');
      if ('output' in reused) {
        process.stdout.write(reused.output);
        return finish(reused.counts);
      }
      await print(formatted(reused.reports));
      return finish(countSeverities(reused.reports.flatMap((f) => f.findings)));
    }
  }

  const { runCheck } = loadEngine();
  const keepIndexes = matrix !== undefined || values.explain === true;
  // Collected once each set's facts are let go: V8 would keep them until its heap reached its next
  // limit (10 MB set: printing grew the process by 10-15 MB instead of reusing their room).
  const result = await runCheck({ ...folders, locale, cwd, msg, cache, keepIndexes, collect: fullCollection(), concurrency, fixes: DETAILED.has(format),
    ...(env.POLICY_TRACE_DEBUG_THREADS === '1' ? { debug: (line: string) => process.stderr.write(`${line}\n`) } : {}) });
  if (result.kind === 'config') {
    process.stderr.write([result.message, ...findingLines(result.problems, { cwd, msg })].join('\n') + '\n');
    return 2;
  }
  for (const f of result.folders) {
    const shown = (path: string): string => join(relative(cwd, f.root) || '.', path);
    for (const path of f.binary) process.stderr.write(`${msg('cliSkippedBinary', shown(path))}\n`);
    for (const r of f.refused) process.stderr.write(`${msg(REFUSED[r.why], shown(r.path))}\n`);
  }
  // A folder where nothing joined a policy set would pass with nothing checked: said, and exit 2.
  const empty = result.folders.filter((f) => f.documents === 0);
  if (empty.length) {
    process.stderr.write(empty.flatMap((f) => nothingChecked(f, cwd, msg)).join('\n') + '\n');
    return 2;
  }
  const reports = result.folders.map((f) => toReport(f, DETAILED.has(format)));
  const explain = values.explain ? loadEngine().explainLines(result.folders, msg) : undefined;
  const text = reportShown ? formatted(reports, explain) : undefined;
  if (cache) {
    // Only the plain report is printed again: with the matrix or --explain the run printed more.
    const output = text !== undefined && matrix === undefined && !explain ? { key: outputKey, text } : { key: '', text: '' };
    // Kept lean: fixes would make the cache several times larger (and every warm run slower).
    const error = saveCache(cache, result.folders, DETAILED.has(format) ? result.folders.map((f) => toReport(f)) : reports, output, note);
    // A cache that cannot be written costs time, not correctness: a warning, and the usual exit code.
    if (error) process.stderr.write(`${msg('cliCacheWriteFailed', relative(cwd, cache.file) || cache.file, error.message)}\n`);
  }
  if (matrix !== undefined) {
    const output = values.output === undefined ? undefined : resolve(cwd, values.output);
    const text = matrix.render(result.folders, matrix.format, { cwd, msg, locale, output, generated: new Date(), public: values.public === true });
    if (output === undefined) await print(text);
    else {
      try {
        writeFileSync(output, text, 'utf8');
      } catch (error) {
        process.stderr.write(`${msg('cliWriteFailed', values.output!, error instanceof Error ? error.message : String(error))}\n`);
        return 2;
      }
    }
  }
  if (text !== undefined) await print(text);
  return finish(countSeverities(reports.flatMap((f) => f.findings)));
}

/** A run that wrote nothing: the configuration's problems, or why; exit 2. */
function stopped(result: { kind: 'config'; message: string; problems: Finding[] } | { kind: 'failed'; message: string }, cwd: string, msg: Messages): number {
  const problems = result.kind === 'config' ? findingLines(result.problems, { cwd, msg }) : [];
  process.stderr.write([result.message, ...problems].join('\n') + '\n');
  return 2;
}

/** Why a folder was not checked: no Markdown at all, or the files and why none of them has a tier. */
function nothingChecked(folder: FolderResult, cwd: string, msg: Messages): string[] {
  const name = relative(cwd, folder.root) || '.';
  if (!folder.markdownFiles) return [msg('cliNoMarkdown', name)];
  return [
    msg('cliNothingJoined', folder.markdownFiles, name),
    ...folder.untiered.map((u) => `  ${u.path}: ${msg('cliNoTier', u.title)}`),
  ];
}

const REFUSED = { outside: 'cliRefusedOutside', special: 'cliRefusedSpecial', unreadable: 'cliRefusedUnreadable' } as const;

const REFUSALS = { link: 'cliCacheIsLink', special: 'cliCacheNotFile', system: 'cliCacheSystem' } as const;

function saveCache(cache: CheckCache, folders: FolderResult[], reports: FolderReport[], output: SavedOutput, note: (line: string) => void): Error | undefined {
  const saved: SavedFolder[] = [];
  const facts: Record<string, SavedFacts> = {};
  let reused = 0;
  let documents = 0;
  folders.forEach((f, i) => {
    if (!f.saved) return;
    saved.push({ inputs: f.saved.inputs, digest: f.saved.digest, known: f.saved.known, report: reports[i] });
    Object.assign(facts, f.saved.facts);
    reused += f.saved.reused;
    documents += f.saved.documents;
  });
  note(`cache: ${reused} of ${documents} documents reused`);
  return cache.save(saved, facts, output);
}

/** --concurrency: auto, off, or a whole number of threads (1: none besides the command's). */
function parseConcurrency(value: string): 'auto' | 'off' | number | undefined {
  if (value === 'auto' || value === 'off') return value;
  return /^[1-9]\d{0,2}$/.test(value) ? Number(value) : undefined;
}

let engine: typeof import('./engine') | undefined;

/**
 * The engine, loaded on first use: a bundle of its own (dist/cli-engine.js), run as the CommonJS it
 * is with the code V8 compiled for it at build time (codeCache.ts); from the sources, the module.
 */
function loadEngine(): typeof import('./engine') {
  const bundle = join(__dirname, 'cli-engine.js');
  engine ??= (existsSync(bundle) ? loadBundle(bundle).exports : require('./engine')) as typeof import('./engine');
  return engine;
}

/** The Word import and export, loaded on first use: a bundle of its own (dist/cli-word.js). */
function loadWordEngine(): typeof import('./wordEngine') {
  return require('./wordEngine') as typeof import('./wordEngine');
}

/** The folders named on the command line (or the current one), and --config, as absolute paths. */
function resolveFolders(given: string[], config: string | undefined, cwd: string, msg: Messages): { roots: string[]; configPath?: string } | { message: string } {
  const names = given.length ? given : ['.'];
  for (const name of names) {
    const root = resolve(cwd, name);
    if (!existsSync(root)) return { message: msg('cliNoFolder', name) };
    if (!statSync(root).isDirectory()) return { message: msg('cliNotFolder', name) };
  }
  // loadFolder quietly falls back to the defaults when the file is missing; a file named on the
  // command line that is not there is a mistake, not a wish for defaults.
  const configPath = config === undefined ? undefined : resolve(cwd, config);
  if (configPath !== undefined && !existsSync(configPath)) return { message: msg('cliNoConfig', config!) };
  return { roots: names.map((n) => resolve(cwd, n)), configPath };
}

/** --locale if it is there and valid, else LC_ALL, LC_MESSAGES, LANG as POSIX orders them. */
function guessLocale(argv: string[], env: NodeJS.ProcessEnv): Locale {
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i] === '--locale' ? argv[i + 1] : argv[i].startsWith('--locale=') ? argv[i].slice('--locale='.length) : undefined;
    if (value === 'ja' || value === 'en') return value;
  }
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  // Not resolveLocale: POSIX names look like en_US.UTF-8, where `en` is not followed by a word break.
  return posix.toLowerCase().startsWith('en') ? 'en' : 'ja';
}

function describeParseError(error: unknown, msg: Messages): string {
  const e = error as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(e.message ?? '')?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return msg('cliUnknownOption', option);
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing/.test(e.message ?? '')) return msg('cliMissingValue', option);
  return msg('cliBadArguments', e.message ?? String(error));
}

// A reader that stops early (`policy-trace check | head`) closes the pipe: that is the reader's
// choice, not a failure to report with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

tuneHeap();
main(process.argv.slice(2), process.env, process.cwd()).then(
  (code) => { if (code !== undefined) process.exitCode = code; },
  (error: unknown) => {
    const msg = messagesFor(guessLocale(process.argv.slice(2), process.env));
    process.stderr.write(`${msg('cliFailed', error instanceof Error ? error.stack ?? error.message : String(error))}\n`);
    process.exitCode = 2;
  },
);
