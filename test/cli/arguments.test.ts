// The command line itself: usage, version, bad arguments and how the language is chosen.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_START_FLAGS } from '../../server/src/host/heap';
import { BIN, ROOT, lines, run } from './run';

const SUMMARY_JA = '0 件のエラー、0 件の警告、0 件の情報、0 件のヒント（4 文書）';
const SUMMARY_EN = '0 errors, 0 warnings, 0 information, 0 hints (4 documents)';

function lastLine(text: string): string {
  return lines(text).at(-1)!;
}

describe('policy-trace arguments', () => {
  it('prints the usage in Japanese with --help, and exits 0', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.equal(lines(r.stdout)[0], '使い方:');
    assert.match(r.stdout, /policy-trace check \[フォルダ\.\.\.\] \[オプション\]/);
    assert.match(r.stdout, /--max-warnings <N>/);
  });

  it('prints the usage in English with --locale en', () => {
    const r = run(['check', '-h', '--locale', 'en']);
    assert.equal(r.status, 0);
    assert.equal(lines(r.stdout)[0], 'Usage:');
    assert.match(r.stdout, /policy-trace lsp --stdio +start the language server/);
  });

  it('prints the package version with --version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = run(['--version']);
    assert.deepEqual([r.status, r.stdout], [0, `${version}\n`]);
  });

  it('starts node with the CLI\'s V8 flags when run as npm links it: the file itself', () => {
    // A preloaded script tells what node was started with; the file's first line chose it.
    const dir = mkdtempSync(join(tmpdir(), 'policy-trace-argv-'));
    const preload = join(dir, 'argv.cjs');
    writeFileSync(preload, 'process.stderr.write(JSON.stringify(process.execArgv) + "\\n");');
    const r = spawnSync(BIN, ['--version'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require "${preload}"` } });
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual([r.status, JSON.parse(r.stderr)], [0, CLI_START_FLAGS]);
    assert.deepEqual(CLI_START_FLAGS, ['--max-semi-space-size=4', '--max-inlined-bytecode-size-cumulative=200', '--single-threaded-gc']);
  });

  const usageErrors: [string, string[], string][] = [
    ['an unknown option', ['check', 'clean', '--fromat', 'json'], 'Unknown option "--fromat".'],
    ['an option without its value', ['check', 'clean', '--format'], 'Option "--format" needs a value.'],
    ['a bad --format', ['check', 'clean', '--format', 'xml'], 'Invalid value "xml" for option "--format". Use one of: text, json, sarif, github, junit.'],
    ['a bad --max-warnings', ['check', 'clean', '--max-warnings=-1'], 'Option "--max-warnings" needs a non-negative integer (got "-1").'],
    ['a non-numeric --max-warnings', ['check', 'clean', '--max-warnings=many'], 'Option "--max-warnings" needs a non-negative integer (got "many").'],
    ['a fractional --max-warnings', ['check', 'clean', '--max-warnings', '1.5'], 'Option "--max-warnings" needs a non-negative integer (got "1.5").'],
    ['a bad --locale', ['check', 'clean', '--locale', 'fr'], 'Invalid value "fr" for option "--locale". Use one of: ja, en.'],
    ['an unknown command', ['lint', 'clean'], 'Unknown command "lint".'],
    ['no command', [], 'Give a command.'],
    ['an option of another command', ['check', 'clean', '--stdio'], 'Option "--stdio" does not apply to the check command.'],
    ['check options on lsp', ['lsp', '--format', 'json'], 'Option "--format" does not apply to the lsp command.'],
    ['arguments to lsp', ['lsp', 'clean'], 'The lsp command takes no argument "clean".'],
  ];
  for (const [what, args, message] of usageErrors) {
    it(`exits 2 with a message and the usage on ${what}`, () => {
      const r = run(args, { env: { LANG: 'en_US.UTF-8' } });
      assert.equal(r.stdout, '');
      assert.deepEqual(lines(r.stderr).slice(0, 3), [message, '', 'Usage:']);
      assert.equal(r.status, 2);
    });
  }

  it('reports a bad argument in Japanese by default', () => {
    const r = run(['check', '--bogus']);
    assert.deepEqual(lines(r.stderr).slice(0, 3), ['オプション「--bogus」は不明です。', '', '使い方:']);
    assert.equal(r.status, 2);
  });

  describe('language', () => {
    const cases: [string, string[], Record<string, string>, string][] = [
      ['Japanese without any locale', [], {}, SUMMARY_JA],
      ['English from LANG', [], { LANG: 'en_US.UTF-8' }, SUMMARY_EN],
      ['English from LC_MESSAGES over LANG', [], { LANG: 'ja_JP.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' }, SUMMARY_EN],
      ['Japanese from LC_ALL over everything else', [], { LC_ALL: 'ja_JP.UTF-8', LC_MESSAGES: 'en_US', LANG: 'en_US' }, SUMMARY_JA],
      ['Japanese for the C locale', [], { LANG: 'C.UTF-8' }, SUMMARY_JA],
      ['English from --locale', ['--locale', 'en'], { LANG: 'ja_JP.UTF-8' }, SUMMARY_EN],
      ['Japanese from --locale over LANG', ['--locale=ja'], { LANG: 'en_US.UTF-8' }, SUMMARY_JA],
    ];
    for (const [what, args, env, summary] of cases) {
      it(`is ${what}`, () => {
        const r = run(['check', 'clean', ...args], { env });
        assert.equal(lastLine(r.stdout), summary);
        assert.equal(r.status, 0);
      });
    }
  });
});
