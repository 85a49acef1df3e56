// `policy-trace check` on small policy sets: exact text and JSON output, and exit codes.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES, ROOT, lines, run } from './run';

const CLEAN_TABLE_JA = [
  '措置  表題                対策基準  実施手順  状態',
  '6(1)  組織体制            1         1         充足',
  '6(2)  物理的セキュリティ  1         1         充足',
];

describe('policy-trace check', () => {
  describe('a clean set', () => {
    it('prints the coverage table and the summary, and exits 0', () => {
      const r = run(['check', 'clean']);
      assert.equal(r.stderr, '');
      assert.deepEqual(lines(r.stdout), [
        ...CLEAN_TABLE_JA,
        '',
        '0 件のエラー、0 件の警告、0 件の情報、0 件のヒント（4 文書）',
      ]);
      assert.equal(r.status, 0);
    });

    it('checks the current directory when no folder is given', () => {
      const r = run(['check'], { cwd: join(FIXTURES, 'clean') });
      assert.deepEqual(lines(r.stdout).slice(0, 3), CLEAN_TABLE_JA);
      assert.equal(r.status, 0);
    });

    it('writes the exact JSON document', () => {
      const r = run(['check', 'clean', '--format', 'json']);
      assert.equal(r.status, 0);
      assert.deepEqual(JSON.parse(r.stdout), {
        diagnostics: [],
        coverage: [
          { measure: '6(1)', title: '組織体制', standards: ['2'], procedures: ['実施手順/体制手順.md'], status: 'covered' },
          { measure: '6(2)', title: '物理的セキュリティ', standards: ['3'], procedures: ['実施手順/入退室手順.md › 1'], status: 'covered' },
        ],
      });
    });
  });

  describe('a set with unresolved references (CRLF, a BOM and 𠮷 before a reference)', () => {
    it('prints one line per finding, sorted by file and position, and exits 1', () => {
      const r = run(['check', 'broken']);
      assert.equal(r.stderr, '');
      assert.deepEqual(lines(r.stdout), [
        // 𠮷 is two UTF-16 code units, so the reference after it starts at column 25, not 24.
        'broken/実施手順/体制手順.md:7:25 error trace/unresolved-reference 参照先「7」が対策基準に見つかりません。 もしかして: 3、2',
        'broken/対策基準.md:13:5 error trace/unresolved-reference 参照先「6(9)」が基本方針に見つかりません。 もしかして: 6(1)',
        '',
        '措置  表題      対策基準  実施手順  状態',
        '6(1)  組織体制  1         1         充足',
        '',
        '2 件のエラー、0 件の警告、0 件の情報、0 件のヒント（3 文書）',
      ]);
      assert.equal(r.status, 1);
    });

    it('gives LSP ranges (0-based, UTF-16) relative to the folder in JSON', () => {
      const r = run(['check', 'broken', '--format', 'json', '--locale', 'en']);
      assert.equal(r.status, 1);
      assert.deepEqual(JSON.parse(r.stdout), {
        diagnostics: [
          {
            file: '実施手順/体制手順.md',
            range: { start: { line: 6, character: 24 }, end: { line: 6, character: 30 } },
            severity: 'error',
            code: 'trace/unresolved-reference',
            message: 'Reference "7" was not found in the standards. Did you mean: 3, 2',
          },
          {
            file: '対策基準.md',
            range: { start: { line: 12, character: 4 }, end: { line: 12, character: 13 } },
            severity: 'error',
            code: 'trace/unresolved-reference',
            message: 'Reference "6(9)" was not found in the basic policy. Did you mean: 6(1)',
          },
        ],
        coverage: [
          { measure: '6(1)', title: '組織体制', standards: ['2'], procedures: ['実施手順/体制手順.md › 体制運営手順'], status: 'covered' },
        ],
      });
    });
  });

  describe('a set with warnings only', () => {
    const WARNING_LINES = [
      'warnings/基本方針.md:13:5 warning trace/missing-procedure 措置 6(2)「物理的セキュリティ」には対策基準がありますが、それに基づく実施手順がありません。',
      // The file starts with a BOM; editors do not count it, so the heading text is at column 3.
      'warnings/実施手順/日常点検手順.md:1:3 information trace/orphan 実施手順「日常点検手順」は対策基準・基本方針のどこにも紐付いていません。',
    ];

    it('exits 0', () => {
      const r = run(['check', 'warnings']);
      assert.deepEqual(lines(r.stdout), [
        ...WARNING_LINES,
        '',
        '措置  表題                対策基準  実施手順  状態',
        '6(1)  組織体制            1         1         充足',
        '6(2)  物理的セキュリティ  1         0         実施手順なし',
        '',
        '0 件のエラー、1 件の警告、1 件の情報、0 件のヒント（4 文書）',
      ]);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
    });

    it('exits 1 with --max-warnings 0, saying why on stderr', () => {
      const r = run(['check', 'warnings', '--max-warnings', '0']);
      assert.deepEqual(lines(r.stdout).slice(0, 2), WARNING_LINES);
      assert.equal(r.stderr, '警告が 1 件あり、上限（--max-warnings 0）を超えています。\n');
      assert.equal(r.status, 1);
    });

    it('exits 0 when the warnings stay within --max-warnings', () => {
      assert.equal(run(['check', 'warnings', '--max-warnings', '1']).status, 0);
    });

    it('keeps stdout one JSON document when --max-warnings fails', () => {
      const r = run(['check', 'warnings', '--format', 'json', '--max-warnings=0', '--locale', 'en']);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, '1 warning exceeds the limit (--max-warnings 0).\n');
      assert.deepEqual(JSON.parse(r.stdout), {
        diagnostics: [
          {
            file: '基本方針.md',
            range: { start: { line: 12, character: 4 }, end: { line: 12, character: 17 } },
            severity: 'warning',
            code: 'trace/missing-procedure',
            message: 'Measure 6(2) "物理的セキュリティ" has standards, but no procedure stands behind them.',
          },
          {
            file: '実施手順/日常点検手順.md',
            range: { start: { line: 0, character: 2 }, end: { line: 0, character: 8 } },
            severity: 'information',
            code: 'trace/orphan',
            message: 'Procedure "日常点検手順" is not linked to any standards section or measure.',
          },
        ],
        coverage: [
          { measure: '6(1)', title: '組織体制', standards: ['2'], procedures: ['実施手順/体制手順.md'], status: 'covered' },
          { measure: '6(2)', title: '物理的セキュリティ', standards: ['3'], procedures: [], status: 'missing-procedure' },
        ],
      });
    });

    it('takes severities from --config', () => {
      const r = run(['check', 'warnings', '--config', 'configs/strict.json']);
      assert.equal(lines(r.stdout)[0], WARNING_LINES[0].replace(' warning ', ' error '));
      assert.equal(r.status, 1);
    });
  });

  describe('several folders', () => {
    it('prefixes files with their folder and titles each coverage table', () => {
      const r = run(['check', 'clean', 'warnings', '--locale', 'en']);
      assert.deepEqual(lines(r.stdout), [
        'warnings/基本方針.md:13:5 warning trace/missing-procedure Measure 6(2) "物理的セキュリティ" has standards, but no procedure stands behind them.',
        'warnings/実施手順/日常点検手順.md:1:3 information trace/orphan Procedure "日常点検手順" is not linked to any standards section or measure.',
        '',
        'Measure coverage: clean',
        'measure  title               standards  procedures  status',
        '6(1)     組織体制            1          1           covered',
        '6(2)     物理的セキュリティ  1          1           covered',
        '',
        'Measure coverage: warnings',
        'measure  title               standards  procedures  status',
        '6(1)     組織体制            1          1           covered',
        '6(2)     物理的セキュリティ  1          0           no procedures',
        '',
        '0 errors, 1 warning, 1 information, 0 hints (8 documents)',
      ]);
      assert.equal(r.status, 0);
    });

    it('adds "folder", relative to the current directory, to every JSON entry', () => {
      const r = run(['check', 'test/fixtures/cli/broken', 'test/fixtures/cli/clean', '--format', 'json'], { cwd: ROOT });
      assert.equal(r.status, 1);
      const out = JSON.parse(r.stdout) as { diagnostics: { folder: string; file: string }[]; coverage: { folder: string; measure: string }[] };
      assert.deepEqual(out.diagnostics.map((d) => [d.folder, d.file]), [
        ['test/fixtures/cli/broken', '実施手順/体制手順.md'],
        ['test/fixtures/cli/broken', '対策基準.md'],
      ]);
      assert.deepEqual(out.coverage.map((c) => [c.folder, c.measure]), [
        ['test/fixtures/cli/broken', '6(1)'],
        ['test/fixtures/cli/clean', '6(1)'],
        ['test/fixtures/cli/clean', '6(2)'],
      ]);
      assert.deepEqual(Object.keys(out.diagnostics[0]), ['folder', 'file', 'range', 'severity', 'code', 'message']);
    });
  });

  describe('named policy sets in one folder', () => {
    it('titles each coverage table with its set', () => {
      const r = run(['check', 'sets']);
      assert.deepEqual(lines(r.stdout), [
        'sets/病院/基本方針.md:9:5 warning trace/missing-procedure 措置 6(1)「組織体制」には対策基準がありますが、それに基づく実施手順がありません。',
        '',
        '措置の充足状況: 本庁',
        ...CLEAN_TABLE_JA,
        '',
        '措置の充足状況: 病院',
        '措置  表題      対策基準  実施手順  状態',
        '6(1)  組織体制  1         0         実施手順なし',
        '',
        '0 件のエラー、1 件の警告、0 件の情報、0 件のヒント（5 文書）',
      ]);
      assert.equal(r.status, 0);
    });

    it('adds "set" to coverage entries, and names a standards document linked as a whole by its title', () => {
      const r = run(['check', 'sets', '--format', 'json']);
      assert.deepEqual((JSON.parse(r.stdout) as { coverage: unknown[] }).coverage, [
        { set: '本庁', measure: '6(1)', title: '組織体制', standards: ['2'], procedures: ['本庁/入退室手順.md'], status: 'covered' },
        { set: '本庁', measure: '6(2)', title: '物理的セキュリティ', standards: ['3'], procedures: ['本庁/入退室手順.md'], status: 'covered' },
        { set: '病院', measure: '6(1)', title: '組織体制', standards: ['病院情報セキュリティ対策基準'], procedures: [], status: 'missing-procedure' },
      ]);
    });
  });

  describe('failures before checking', () => {
    it('stops with exit 2 on an invalid policy-trace.json and prints its problems', () => {
      const r = run(['check', 'bad-config']);
      assert.equal(r.stdout, '');
      assert.deepEqual(lines(r.stderr), [
        '設定ファイル「bad-config/policy-trace.json」が不正なため、検査を中止しました。',
        'bad-config/policy-trace.json:2:14 error config/invalid 設定ファイルが不正です: include の型が違います（array が必要です）。',
        'bad-config/policy-trace.json:3:33 error config/invalid 設定ファイルが不正です: 「loud」は使えません。使える値: error, warning, information, hint, off',
      ]);
      assert.equal(r.status, 2);
    });

    it('exits 2 when --config names a missing file', () => {
      const r = run(['check', 'clean', '--config', 'configs/none.json', '--locale', 'en']);
      assert.equal(r.stdout, '');
      assert.equal(lines(r.stderr)[0], 'Configuration file "configs/none.json" does not exist.');
      assert.equal(r.status, 2);
    });

    it('exits 2 when a folder does not exist, checking nothing', () => {
      const r = run(['check', 'clean', 'no-such-folder']);
      assert.equal(r.stdout, '');
      assert.equal(lines(r.stderr)[0], 'フォルダ「no-such-folder」が見つかりません。');
      assert.match(r.stderr, /使い方:/);
      assert.equal(r.status, 2);
    });

    it('exits 2 when a folder is a file', () => {
      const r = run(['check', 'configs/strict.json', '--locale', 'en']);
      assert.equal(lines(r.stderr)[0], '"configs/strict.json" is not a folder.');
      assert.equal(r.status, 2);
    });
  });
});
