// `policy-trace check --concurrency`: the sets of a folder checked on other threads print exactly
// what one thread prints, in every format, with and without --cache. The folder is made of real
// fixtures, one set each, with what makes sets meet: a document in two sets, a binary file, a file
// the set excludes, a set with no document, a prh dictionary and a lock file.
// POLICY_TRACE_DEBUG_THREADS=1 makes the CLI say how many threads checked the sets, and whether one
// was started before the listing.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, run, type Run } from './run';

const SETS = ['rw01-caption-article', 'rw04-one-file-shou', 'rw07-hospital-refs', 'rw13-definition-forms', 'rw16-city-reiki'];

/**
 * What the folder gives (one thread): the point is that two give the same, these say that the
 * folder reaches the settings (config/unmatched for the empty set), the lock (trace/suspect) and
 * the dictionary (term/variant) from every set.
 */
const EXPECTED_CODES = {
  'config/unmatched': 1, 'trace/missing-procedure': 12, 'trace/missing-standard': 4, 'trace/suspect': 51, 'trace/unresolved-reference': 10,
  'term/variant': 8, 'trace/inferred-link': 12, 'guideline/missing-chapter': 18, 'term/undefined': 17, 'guideline/missing-measure': 3,
  'term/unused': 1, 'structure/numbering': 2,
};

describe('policy-trace check --concurrency', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-threads-'));
    // The change-impact folder at the root: its lock file names its documents by these paths.
    cpSync(join(ROOT, 'test/fixtures/domain/change-impact'), dir, { recursive: true });
    for (const name of SETS) cpSync(join(ROOT, 'test/fixtures/realworld', name), join(dir, 'rw', name), { recursive: true });
    writeFileSync(join(dir, 'rw', SETS[0], '壊れた.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02, 0xff, 0x00]));
    // A link out of the folder and a FIFO in a set: refused, or passed over, when listed.
    writeFileSync(`${dir}-外部.md`, '# 外部の手順\n\n秘密の手順。\n');
    symlinkSync(`${dir}-外部.md`, join(dir, 'rw', SETS[3], '外部手順.md'));
    execFileSync('mkfifo', [join(dir, 'rw', SETS[3], '名前付きパイプ.md')]);
    writeFileSync(join(dir, 'rw', SETS[1], '参考資料.md'), '# 参考資料\n\nこの文書は検査の対象外とする。\n');
    // The document of two sets says a word the dictionary corrects: one finding, not one per set.
    writeFileSync(join(dir, '対策基準.md'), `${readFileSync(join(dir, '対策基準.md'), 'utf8')}\n情報財産の一覧は毎年見直す。\n`);
    writeFileSync(join(dir, 'prh.yml'), 'version: 1\nrules:\n  - expected: 情報資産\n    pattern: 情報財産\n  - expected: サーバ\n    pattern: サーバー\n');
    const config = {
      sets: [
        { name: '本庁', include: ['*.md', '実施手順/**/*.md'] },
        ...SETS.map((name, i) => ({
          name,
          include: [`rw/${name}/**/*.md`, ...(i === 2 ? ['対策基準.md'] : [])],
          ...(i === 1 ? { exclude: [`rw/${name}/参考資料.md`] } : {}),
        })),
        { name: '空', include: ['空/**/*.md'] },
      ],
      terms: { prh: ['prh.yml'] },
    };
    writeFileSync(join(dir, 'policy-trace.json'), JSON.stringify(config, null, 2));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-外部.md`, { force: true });
  });

  const check = (args: string[], env: Record<string, string> = {}): Run =>
    run(['check', '.', ...args], { cwd: dir, env: { POLICY_TRACE_DEBUG_THREADS: '1', ...env } });

  for (const format of ['json', 'sarif', 'text']) {
    it(`prints in ${format} on two threads what one thread prints`, () => {
      const one = check(['--format', format, '--concurrency', 'off']);
      const two = check(['--format', format, '--concurrency', '2']);
      assert.equal(one.stderr, [
        'threads: 1 for 7 sets of .',
        'rw/rw01-caption-article/壊れた.md を読み飛ばしました: テキストではありません（バイナリファイル）。',
        '読み込みません: rw/rw13-definition-forms/外部手順.md はフォルダの外を指しています（シンボリックリンク）。',
        '',
      ].join('\n'));
      // The thread started as the configuration was read is one of the two.
      assert.equal(two.stderr, one.stderr.replace('threads: 1 for 7 sets of .', 'threads: 2 for 7 sets of . (one started before the listing)'));
      assert.equal(two.status, one.status);
      assert.equal(two.stdout, one.stdout);
      if (format === 'json') {
        assert.deepEqual(codeCounts(one.stdout), EXPECTED_CODES);
        // The document of two sets: the dictionary's word said once, though both sets checked it.
        const shared = (JSON.parse(one.stdout) as { diagnostics: { file: string; code: string; message: string }[] }).diagnostics
          .filter((d) => d.file === '対策基準.md' && d.code === 'term/variant').map((d) => d.message);
        assert.deepEqual(shared, ['「情報財産」は「情報資産」と書きます（表記ゆれ辞書）。']);
      }
    });
  }

  it('saves and reuses the same cache from threads as from one thread', () => {
    const cacheOne = join(dir, 'one.cache');
    const cacheTwo = join(dir, 'two.cache');
    const cached = (threads: string, file: string): Run =>
      check(['--format', 'json', '--concurrency', threads, '--cache', '--cache-location', file], { POLICY_TRACE_DEBUG_CACHE: '1' });
    const coldOne = cached('off', cacheOne);
    const coldTwo = cached('2', cacheTwo);
    assert.equal(coldTwo.stdout, coldOne.stdout);
    assert.match(coldTwo.stderr, /^threads: 2 for 7 sets of \. \(one started before the listing\)\n/m);
    assert.match(coldTwo.stderr, /cache: 0 of \d+ documents reused/);
    // One document changed: the others' facts come from each cache, on the threads as here.
    const changed = join(dir, 'rw', SETS[2], '対策基準.md');
    const before = readFileSync(changed, 'utf8');
    try {
      writeFileSync(changed, `${before}\n追記した段落である。\n`);
      const warmOne = cached('off', cacheOne);
      const warmTwo = cached('2', cacheTwo);
      assert.equal(warmTwo.stdout, warmOne.stdout);
      const reused = (r: Run): string => /cache: (\d+ of \d+) documents reused/.exec(r.stderr)?.[1] ?? r.stderr;
      assert.equal(reused(warmTwo), reused(warmOne));
      assert.match(reused(warmTwo), /^(\d+) of (?!\1\b)\d+$/);
      // And the threads' cache, unchanged since, answers the next run without analysing.
      assert.match(cached('2', cacheTwo).stderr, /cache: result reused/);
    } finally {
      writeFileSync(changed, before);
    }
  });

  it('refuses a number of threads that is not one', () => {
    for (const bad of ['0', 'two', '1.5', '1000']) {
      const r = check(['--concurrency', bad]);
      assert.equal(r.status, 2);
      assert.ok(r.stderr.startsWith(`オプション「--concurrency」の値「${bad}」は不正です。auto, off, 1, 2, … のいずれかを指定してください。\n`), r.stderr);
    }
  });

  it('checks a small folder on this thread unless asked, and a folder of one set whatever it is asked', () => {
    // Several sets: a thread is started as the configuration is read, and ended once the folder is found small.
    assert.equal(check(['--format', 'json']).stderr.split('\n')[0], `threads: 1 for 7 sets of .${availableParallelism() > 1 ? ' (one started before the listing, ended)' : ''}`);
    const r = run(['check', '.', '--concurrency', '4'], { cwd: join(ROOT, 'test/fixtures/cli/clean'), env: { POLICY_TRACE_DEBUG_THREADS: '1' } });
    assert.equal(r.stderr, 'threads: 1 for 1 sets of .\n');
  });
});

/** How many findings of each rule the JSON report has. */
function codeCounts(json: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of (JSON.parse(json) as { diagnostics: { code: string }[] }).diagnostics) out[d.code] = (out[d.code] ?? 0) + 1;
  return out;
}
