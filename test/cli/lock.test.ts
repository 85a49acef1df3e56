// `policy-trace lock` on a copy of the change-impact fixture: it writes policy-trace.lock, says what
// changed, and `check` then reports no suspect; an edit upstream makes `check` report one again.

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, lines, run } from './run';

const SOURCE = join(ROOT, 'test', 'fixtures', 'domain', 'change-impact');

describe('policy-trace lock', () => {
  let dir: string;
  const folder = (): string => join(dir, 'set');
  const suspects = (): string[] => lines(run(['check', 'set'], { cwd: dir }).stdout).filter((l) => l.includes('trace/suspect'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-lock-'));
    cpSync(SOURCE, folder(), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the suspects of a lock written before the last edits', () => {
    assert.deepEqual(suspects(), [
      'set/実施手順/管理区域入退室手順.md:3:6 warning trace/suspect 「3.1 管理区域の管理」の本文が、この参照を最後に確認した後に変わりました（policy-trace.lock）。読み直してから、この参照を確認済みにしてください。',
      'set/実施手順/管理区域入退室手順.md:9:1 warning trace/suspect 「3.1 管理区域の管理」の本文が、この参照を最後に確認した後に変わりました（policy-trace.lock）。読み直してから、この参照を確認済みにしてください。',
      'set/対策基準.md:17:5 warning trace/suspect 「6(2) 情報資産の分類と管理」の本文が、この参照を最後に確認した後に変わりました（policy-trace.lock）。読み直してから、この参照を確認済みにしてください。',
      'set/対策基準.md:21:8 warning trace/suspect 「6(2) 情報資産の分類と管理」の本文が、この参照を最後に確認した後に変わりました（policy-trace.lock）。読み直してから、この参照を確認済みにしてください。',
      'set/対策基準.md:41:5 information trace/suspect 「6(3) 物理的セキュリティ」へのこの参照は、まだ policy-trace.lock に確認済みとして記録されていません。記録すると、参照先の変更がわかるようになります。',
    ]);
    // Warnings do not fail a check unless --max-warnings says so.
    assert.equal(run(['check', 'set', '--max-warnings', '0'], { cwd: dir }).status, 1);
  });

  it('records every reference, says what changed, and has nothing to do the second time', () => {
    const first = run(['lock', 'set'], { cwd: dir });
    assert.deepEqual([first.status, first.stdout, first.stderr], [0, 'set/policy-trace.lock: 10 件の参照を確認済みとして記録しました（変更 4 件、新規 1 件、なくなったもの 1 件）。\n', '']);
    assert.deepEqual(suspects(), []);
    const again = run(['lock', 'set', '--locale', 'en'], { cwd: dir });
    assert.equal(again.stdout, 'set/policy-trace.lock: already up to date (10 references recorded as reviewed).\n');
    const text = readFileSync(join(folder(), 'policy-trace.lock'), 'utf8');
    assert.match(text, /^\{\n {2}"version": 1,\n {2}"reviewed": \{\n {4}"実施手順\/情報資産台帳手順\.md -> 対策基準\.md#2\.2": "[0-9a-f]{16}",\n/);
  });

  it('makes a reference suspect once the text it points to changes', () => {
    run(['lock', 'set'], { cwd: dir });
    const standards = join(folder(), '対策基準.md');
    writeFileSync(standards, readFileSync(standards, 'utf8').replace('年1回、情報セキュリティ研修を受講する', '年2回、情報セキュリティ研修を受講する'));
    // 4 人的セキュリティ is cited by no procedure: its change makes nothing downstream suspect.
    assert.deepEqual(suspects(), []);
    writeFileSync(standards, readFileSync(standards, 'utf8').replace('台帳を年1回更新する', '台帳を半年ごとに更新する'));
    assert.deepEqual(suspects(), [
      'set/実施手順/情報資産台帳手順.md:3:6 warning trace/suspect 「2.2 情報資産の管理」の本文が、この参照を最後に確認した後に変わりました（policy-trace.lock）。読み直してから、この参照を確認済みにしてください。',
    ]);
  });

  it('writes the lock even where no document cites the tier above, and says so on stderr', () => {
    const empty = join(dir, 'plain');
    cpSync(join(SOURCE, '基本方針.md'), join(empty, '基本方針.md'));
    const r = run(['lock', 'plain'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.match(r.stderr, /^plain\/policy-trace\.lock: 上位の階層の節を引用している文書がありません/);
    assert.equal(readFileSync(join(empty, 'policy-trace.lock'), 'utf8'), '{\n  "version": 1,\n  "reviewed": {}\n}\n');
  });

  it('refuses a folder where no document belongs to a policy set, and writes nothing', () => {
    const none = join(dir, 'none');
    cpSync(join(ROOT, 'README.md'), join(none, 'README.md'));
    const r = run(['lock', 'none'], { cwd: dir });
    assert.deepEqual([r.status, r.stderr], [2, '何も記録していません: 「none」には文書群に属する文書がありません。\n']);
    assert.ok(!existsSync(join(none, 'policy-trace.lock')));
  });

  it('takes only --config among the options of check', () => {
    const r = run(['lock', 'set', '--format', 'json'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format/);
  });
});
