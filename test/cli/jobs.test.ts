// `check --jobs`: a folder's policy sets checked in shares, one per thread. The output must be the
// one a single thread gives, whatever the shares: test/fixtures/cli/shares has a document in two
// sets (its reference resolves in one and not the other, its front matter problem is said once),
// a set that includes nothing, a file without a tier, a prh dictionary and a Shift_JIS file.

import assert from 'node:assert/strict';
import { lines, run } from './run';

const DEBUG = { POLICY_TRACE_DEBUG_JOBS: '1' };

describe('policy-trace check --jobs', () => {
  for (const format of ['text', 'json']) {
    it(`prints the same ${format} output in one thread and in two, three or four`, () => {
      const one = run(['check', 'shares', '--format', format, '--jobs', '1'], { env: DEBUG });
      assert.equal(one.stderr, '');
      assert.equal(one.status, 1);
      const shares = ['0 3 | 1 2 (threads: 2)', '0 3 | 1 | 2 (threads: 3)', '0 3 | 1 | 2 (threads: 3)'];
      for (const [i, jobs] of ['2', '3', '4'].entries()) {
        const r = run(['check', 'shares', '--format', format, '--jobs', jobs], { env: DEBUG });
        assert.equal(r.stderr, `shares: ${shares[i]}\n`, jobs);
        assert.equal(r.stdout, one.stdout, jobs);
        assert.equal(r.status, one.status, jobs);
      }
    });
  }

  it('finds in each set what belongs to it, and says a document problem once', () => {
    const r = run(['check', 'shares', '--locale', 'en', '--jobs', '2']);
    const out = lines(r.stdout);
    assert.deepEqual(out.filter((l) => l.startsWith('shares/共通/')), [
      'shares/共通/入退室手順.md:3:5 error trace/unresolved-reference Reference "2" was not found in the standards. Did you mean: 1',
      'shares/共通/入退室手順.md:4:7 error config/invalid Unknown 公開区分 "秘密". Use 公開 (public) or 非公開 (private).',
    ]);
    assert.deepEqual(out.filter((l) => /config\/|term\/variant|encoding/.test(l) && !l.startsWith('shares/共通/')).map((l) => l.split(' ').slice(0, 3).join(' ')), [
      'shares/policy-trace.json:6:33 warning config/unmatched',
      'shares/本庁/対策基準.md:17:1 warning term/variant',
      'shares/水道局/対策基準.md:5:3 information config/encoding',
      'shares/病院/対策基準.md:11:11 warning term/variant',
    ]);
    assert.deepEqual(out.filter((l) => l.startsWith('Measure coverage')), ['Measure coverage: 本庁', 'Measure coverage: 病院', 'Measure coverage: 水道局']);
    assert.equal(out.at(-1), '2 errors, 7 warnings, 5 information, 0 hints (7 documents)');
  });

  it('checks in one thread what needs the indexes (--explain, --matrix) and what uses --cache', () => {
    for (const args of [['--explain'], ['--matrix', 'md'], ['--cache', '--cache-location', '/dev/null/x']]) {
      const r = run(['check', 'shares', '--jobs', '2', ...args], { env: DEBUG });
      assert.doesNotMatch(r.stderr, /shares:/, args.join(' '));
    }
  });

  it('refuses a count that is not a positive integer, in both languages', () => {
    for (const value of ['0', '-1', '1.5', 'many']) {
      const r = run(['check', 'shares', `--jobs=${value}`]);
      assert.equal(r.status, 2);
      assert.equal(lines(r.stderr)[0], `オプション「--jobs」には 1 以上の整数を指定してください（「${value}」）。`);
    }
    const r = run(['check', 'shares', '--jobs', 'x', '--locale', 'en']);
    assert.equal(lines(r.stderr)[0], 'Option "--jobs" needs a positive integer (got "x").');
  });
});
