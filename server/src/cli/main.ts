// The `policy-trace` command: reads the arguments, then checks folders or starts the language server.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { messagesFor, type Locale, type Messages } from '../core/api';
import { version } from '../../../package.json';
import { exitCode, runCheck } from './check';
import { findingLines, formatJson, formatText } from './format';
import { isMatrixFormat, MATRIX_FORMATS, renderMatrix } from './matrix';

const OPTIONS = {
  format: { type: 'string' },
  config: { type: 'string' },
  'max-warnings': { type: 'string' },
  locale: { type: 'string' },
  matrix: { type: 'string' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  stdio: { type: 'boolean' },
} as const;

const COMMAND_OPTIONS: Record<string, (keyof typeof OPTIONS)[]> = {
  check: ['format', 'config', 'max-warnings', 'matrix', 'output'],
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
    const stray = owners.find((o) => values[o] !== undefined);
    if (stray) return usageError(msg('cliOptionNotFor', `--${stray}`, command));
  }

  if (command === 'lsp') {
    if (rest.length) return usageError(msg('cliExtraArguments', command, rest[0]));
    // Loaded only here: the checker should not pay for the protocol machinery.
    const [{ startServer }, { createConnection, ProposedFeatures }] = await Promise.all([
      import('../lsp/server'),
      import('vscode-languageserver/node'),
    ]);
    // Streams given explicitly: stdio is the only transport offered, so `--stdio` may be left out.
    startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
    return undefined;
  }

  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(msg('cliBadValue', '--format', format, 'text, json'));
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) return usageError(msg('cliBadMaxWarnings', values['max-warnings']));
    maxWarnings = Number(values['max-warnings']);
  }

  const matrix = values.matrix;
  if (matrix !== undefined && !isMatrixFormat(matrix)) return usageError(msg('cliBadValue', '--matrix', matrix, MATRIX_FORMATS.join(', ')));
  if (values.output !== undefined && matrix === undefined) return usageError(msg('cliOutputNeedsMatrix'));

  const result = await runCheck({ folders: rest, config: values.config, locale, cwd, msg });
  if (result.kind === 'usage') return usageError(result.message);
  if (result.kind === 'config') {
    process.stderr.write([result.message, ...findingLines(result.problems, { cwd, msg })].join('\n') + '\n');
    return 2;
  }
  const ctx = { cwd, msg };
  // Without --output the matrix takes the report's place on stdout, so it can be piped or redirected.
  if (matrix !== undefined) {
    const output = values.output === undefined ? undefined : resolve(cwd, values.output);
    const text = renderMatrix(result.folders, matrix, { cwd, msg, locale, output, generated: new Date() });
    if (output === undefined) process.stdout.write(text);
    else {
      try {
        writeFileSync(output, text, 'utf8');
      } catch (error) {
        process.stderr.write(`${msg('cliWriteFailed', values.output!, error instanceof Error ? error.message : String(error))}\n`);
        return 2;
      }
    }
  }
  if (matrix === undefined || values.output !== undefined) {
    process.stdout.write(format === 'json' ? formatJson(result.folders, ctx) : formatText(result.folders, ctx));
  }
  const code = exitCode(result, maxWarnings);
  if (maxWarnings !== undefined) {
    const warnings = result.folders.flatMap((f) => f.findings).filter((f) => f.severity === 'warning').length;
    // On stderr, so that JSON on stdout stays one parseable document.
    if (warnings > maxWarnings) process.stderr.write(`${msg('cliTooManyWarnings', warnings, maxWarnings)}\n`);
  }
  return code;
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

main(process.argv.slice(2), process.env, process.cwd()).then(
  (code) => { if (code !== undefined) process.exitCode = code; },
  (error: unknown) => {
    const msg = messagesFor(guessLocale(process.argv.slice(2), process.env));
    process.stderr.write(`${msg('cliFailed', error instanceof Error ? error.stack ?? error.message : String(error))}\n`);
    process.exitCode = 2;
  },
);
