// The CI recipes of the README (GitHub Actions, GitLab CI, the pre-commit hook), run as they are
// written there on a copy of the samples: `npx --yes policy-trace` stands for this repository's
// checker, the `uses:` steps (checkout, setup-node, the SARIF upload) are GitHub's own and only read.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type * as Sarif from 'sarif';
import { BIN, ROOT } from './run';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function recipe(name: string): string {
  const m = new RegExp(`<!-- ci:${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(README);
  assert.ok(m, `the README has no ${name} block`);
  return m[1];
}

const checker = (command: string): string => command.replaceAll('npx --yes policy-trace', `"${process.execPath}" "${BIN}"`);

function shell(command: string, cwd: string, options: { shell?: string[]; env?: Record<string, string> } = {}): { status: number | null; stdout: string; stderr: string } {
  const [program, ...args] = options.shell ?? ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c'];
  const r = spawnSync(program, [...args, command], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', ...options.env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the README\'s CI recipes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-ci-'));
    cpSync(join(ROOT, 'samples'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('GitHub Actions: annotations, a failing check on errors, and a SARIF file for the upload', () => {
    const workflow = parse(recipe('github-actions')) as { permissions: Record<string, string>; jobs: Record<string, { steps: { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }[] }> };
    assert.equal(workflow.permissions['security-events'], 'write');
    const steps = Object.values(workflow.jobs)[0].steps;
    assert.deepEqual(steps.filter((s) => s.uses).map((s) => s.uses), ['actions/checkout@v4', 'actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3']);
    const runs = steps.filter((s) => s.run).map((s) => shell(checker(s.run!), dir));
    // The samples keep two errors on purpose: the check fails the job, with an annotation on each.
    assert.equal(runs[0].status, 1);
    const annotations = runs[0].stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.ok(annotations.includes('::error file=実施手順/パスワード管理手順.md,line=6,endLine=6,col=5,endColumn=13,title=trace/unresolved-reference::参照先「6.9」が対策基準に見つかりません。 もしかして: 6.4、6.3、6.2'), annotations.join('\n'));
    // The SARIF step succeeds all the same, and writes what the upload step names.
    assert.equal(runs[1].status, 0, runs[1].stderr);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    assert.equal(upload.if, 'always()');
    const log = JSON.parse(readFileSync(join(dir, String(upload.with!.sarif_file)), 'utf8')) as Sarif.Log;
    assert.equal(log.runs[0].results!.length, annotations.length);
  });

  it('GitLab CI: the job fails on errors and leaves the JUnit report it names', () => {
    const job = Object.values(parse(recipe('gitlab')) as Record<string, { script: string[]; artifacts: { when: string; reports: { junit: string } } }>)[0];
    assert.equal(job.artifacts.when, 'always');
    const results = job.script.map((line) => shell(checker(line), dir, { shell: ['sh', '-e', '-c'] }));
    assert.equal(results[0].status, 1);
    const report = readFileSync(join(dir, job.artifacts.reports.junit), 'utf8');
    assert.match(report, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="policy-trace" tests="\d+" failures="12" errors="0">/);
  });

  it('pre-commit hook: holds up a commit of the policy while it has errors, and nothing else', () => {
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(git('init', '-q').status, 0);
    git('add', '-A');
    assert.equal(git('commit', '-q', '--no-verify', '-m', 'the policy as it is').status, 0);
    const hook = join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, checker(recipe('pre-commit')) + '\n');
    chmodSync(hook, 0o755);

    writeFileSync(join(dir, 'notes.txt'), '会議メモ\n');
    git('add', 'notes.txt');
    assert.equal(git('commit', '-q', '-m', 'notes').status, 0, 'a commit without policy files passes');

    const standards = join(dir, '対策基準.md');
    writeFileSync(standards, readFileSync(standards, 'utf8').replace('上記5.5の定めによる', '上記5.5の定めにより'));
    git('add', '対策基準.md');
    const held = git('commit', '-q', '-m', 'wording');
    assert.equal(held.status, 1);
    assert.match(held.stdout + held.stderr, /error ref\/unresolved 「上記5\.5」は5\.5を指しますが、この文書にはありません。/);

    writeFileSync(standards, readFileSync(standards, 'utf8').replace('上記5.5', '上記5.4'));
    const procedure = join(dir, '実施手順', 'パスワード管理手順.md');
    writeFileSync(procedure, readFileSync(procedure, 'utf8').replace('対策基準 6.9', '対策基準 6.4'));
    git('add', '-A');
    const fixed = git('commit', '-q', '-m', 'references fixed');
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.ok(existsSync(join(dir, '.git')));
  });
});
