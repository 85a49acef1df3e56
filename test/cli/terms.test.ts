// The CLI reports the term rules like the editor does, in JSON with LSP ranges.

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ROOT, run } from './run';

describe('policy-trace check: defined terms', () => {
  it('lists every term finding of a three-tier set, and a warning alone does not fail the run', () => {
    // The set's basic policy lists no measures (an error of its own): that rule is off here.
    const r = run(['check', join(ROOT, 'test/fixtures/terms/set'), '--format', 'json', '--config', join(ROOT, 'test/fixtures/terms/no-measures-off.json')]);
    assert.equal(r.status, 0);
    const terms = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code.startsWith('term/'))
      .map((d: { file: string; range: { start: { line: number; character: number } }; severity: string; code: string }) =>
        `${d.file} ${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code}`);
    assert.deepEqual(terms, [
      '基本方針.md 7:18 warning term/undefined',
      '基本方針.md 9:4 warning term/conflict',
      '基本方針.md 11:4 hint term/unused',
      '実施手順.md 5:0 warning term/variant',
      '実施手順.md 5:12 warning term/variant',
      '対策基準.md 9:4 warning term/conflict',
      '対策基準.md 13:0 information term/before-definition',
      '対策基準.md 13:16 warning term/variant',
      '対策基準.md 15:0 warning term/undefined',
      '対策基準.md 16:0 information term/long-form',
    ]);
  });

  it('fails on term warnings with --max-warnings 0', () => {
    const r = run(['check', join(ROOT, 'test/fixtures/terms/set'), '--max-warnings', '0']);
    assert.equal(r.status, 1);
  });
});
