// `policy-trace check` reads only regular files inside the folder: a link out of it, a FIFO, a
// loop of links, a configuration that names `../` or an absolute glob, and a prh dictionary out of
// reach are refused with a line that says so; nothing of them reaches the output. A prh pattern
// that backtracks without end runs on V8's linear-time engine instead of hanging the run.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, lines, run } from './run';

const SECRET = 'root:x:0:0:SECRET-LINE';

describe('policy-trace check: only files inside the folder', () => {
  let dir: string;
  let folder: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-contain-'));
    folder = join(dir, 'set');
    cpSync(join(FIXTURES, 'clean'), folder, { recursive: true });
    writeFileSync(join(dir, 'secret.md'), `# 外部の手順\n\n${SECRET}\n\n根拠: 対策基準 2\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a link out of the folder and a FIFO, follows a loop of links once, and leaks nothing', () => {
    symlinkSync(join(dir, 'secret.md'), join(folder, '実施手順', '外部手順.md'));
    execFileSync('mkfifo', [join(folder, '実施手順', '名前付きパイプ手順.md')]);
    mkdirSync(join(folder, 'links'));
    symlinkSync(folder, join(folder, 'links', 'loop'));
    const r = run(['check', 'set', '--locale', 'en'], { cwd: dir });
    assert.deepEqual(lines(r.stderr), ['Not read: set/実施手順/外部手順.md leads outside the folder (a symbolic link).']);
    assert.ok(!r.stdout.includes('SECRET') && !r.stderr.includes('SECRET'));
    // The loop adds nothing: the same four documents as without it.
    assert.match(r.stdout, /\(4 documents\)\n$/);
    assert.equal(r.status, 0);
  });

  it('stops on a configuration that reaches outside, naming each path at its place', () => {
    writeFileSync(join(folder, 'policy-trace.json'), '{\n  "include": ["../*.md", "/**/*.md", "**/*.md"],\n  "terms": { "prh": ["../../etc/passwd"] }\n}\n');
    const r = run(['check', 'set', '--locale', 'en'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.deepEqual(lines(r.stderr), [
      'Stopped: the configuration file "set/policy-trace.json" is invalid.',
      'set/policy-trace.json:2:15 error config/invalid Invalid configuration file: "../*.md" reaches outside the folder (an absolute path or ..): it is not read. Name files inside the folder.',
      'set/policy-trace.json:2:26 error config/invalid Invalid configuration file: "/**/*.md" reaches outside the folder (an absolute path or ..): it is not read. Name files inside the folder.',
      'set/policy-trace.json:3:22 error config/invalid Invalid configuration file: "../../etc/passwd" reaches outside the folder (an absolute path or ..): it is not read. Name files inside the folder.',
    ]);
    assert.equal(r.stdout, '');
  });

  it('does not read a prh dictionary that is a link out of the folder', () => {
    writeFileSync(join(dir, 'outside.yml'), `rules:\n  - expected: ${SECRET}\n    pattern: ネットワーク\n`);
    symlinkSync(join(dir, 'outside.yml'), join(folder, 'prh.yml'));
    writeFileSync(join(folder, 'policy-trace.json'), '{ "terms": { "prh": ["prh.yml"] } }\n');
    const r = run(['check', 'set', '--locale', 'en'], { cwd: dir });
    assert.ok(lines(r.stderr).includes('Not read: set/prh.yml leads outside the folder (a symbolic link).'));
    assert.ok(!r.stdout.includes('SECRET'));
  });

  it('runs a prh pattern that backtracks without end in linear time', () => {
    writeFileSync(join(folder, 'prh.yml'), 'rules:\n  - expected: あ\n    pattern: /(a+)+$/\n');
    writeFileSync(join(folder, 'policy-trace.json'), '{ "terms": { "prh": ["prh.yml"] } }\n');
    writeFileSync(join(folder, '実施手順', '長い行の手順.md'), `# 長い行の手順\n\n根拠: 対策基準 2\n\n${'a'.repeat(50_000)}b\n`);
    const r = run(['check', 'set', '--locale', 'en'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /\(5 documents\)\n$/);
  });
});

describe('policy-trace check: files named but not there, or not readable', () => {
  it('says that a prh dictionary named in policy-trace.json does not exist, at the place it is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-trace-prh-'));
    try {
      cpSync(join(FIXTURES, 'clean'), join(dir, 'set'), { recursive: true });
      writeFileSync(join(dir, 'set', 'policy-trace.json'), '{ "terms": { "prh": ["辞書/prh.yml"] } }\n');
      const r = run(['check', 'set', '--locale', 'en'], { cwd: dir });
      assert.equal(r.status, 2);
      assert.deepEqual(lines(r.stderr).slice(1), ['set/policy-trace.json:1:22 error config/invalid Invalid configuration file: The prh dictionary "辞書/prh.yml" does not exist.']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
