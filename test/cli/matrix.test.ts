// `policy-trace check --matrix`: the matrix to a file (links relative to it) or to stdout, and bad values.

import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, lines, ROOT, run } from './run';

const MARKDOWN_JA = [
  '# トレーサビリティ・マトリクス',
  '',
  '措置 2 件: 充足 2、実施手順なし 0、対策基準なし 0、適用除外 0',
  '',
  '| 措置 | 表題 | 対策基準 | 対策基準数 | 実施手順 | 実施手順数 | 状態 | 備考 |',
  '| --- | --- | --- | ---: | --- | ---: | --- | --- |',
  '| [6(1)](clean/基本方針.md#L9) | 組織体制 | [2 組織体制](clean/対策基準.md#L7) | 1 | [体制運営手順](clean/実施手順/体制手順.md#L6) | 1 | ○ 充足 | |',
  '| [6(2)](clean/基本方針.md#L13) | 物理的セキュリティ | [3 物理的セキュリティ](clean/対策基準.md#L11) | 1 | [入退室管理手順 › 1 入室](clean/実施手順/入退室手順.md#L7) | 1 | ○ 充足 | |',
];

describe('policy-trace check --matrix', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'policy-trace-matrix-'));
    cpSync(join(FIXTURES, 'clean'), join(work, 'clean'), { recursive: true });
    mkdirSync(join(work, 'reports'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('writes the exact CSV file, links relative to it, and still prints the report', () => {
    const r = run(['check', 'clean', '--matrix', 'csv', '--output', 'reports/matrix.csv', '--locale', 'en'], { cwd: work });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(lines(r.stdout).at(-1), '0 errors, 0 warnings, 0 information, 0 hints (4 documents)');
    assert.equal(readFileSync(join(work, 'reports/matrix.csv'), 'utf8'), '\uFEFF' + [
      'Measure,Title,Standards,Standards (count),Procedures,Procedures (count),Status,Note,Location',
      '6(1),組織体制,2 組織体制 (../clean/対策基準.md:7),1,体制運営手順 (../clean/実施手順/体制手順.md:6),1,○ covered,,../clean/基本方針.md:9',
      '6(2),物理的セキュリティ,3 物理的セキュリティ (../clean/対策基準.md:11),1,入退室管理手順 › 1 入室 (../clean/実施手順/入退室手順.md:7),1,○ covered,,../clean/基本方針.md:13',
      '',
    ].join('\r\n'));
    // The byte order mark is there as bytes, for Excel.
    assert.deepEqual([...readFileSync(join(work, 'reports/matrix.csv')).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  });

  it('prints the Markdown matrix instead of the report on stdout, with the same exit code', () => {
    const r = run(['check', 'clean', '--matrix', 'md'], { cwd: work });
    assert.equal(r.stderr, '');
    assert.deepEqual(lines(r.stdout), MARKDOWN_JA);
    assert.equal(r.status, 0);
  });

  it('keeps exit code 1 when the set has errors', () => {
    const r = run(['check', 'broken', '--matrix', 'md']);
    assert.equal(r.status, 1);
    assert.equal(lines(r.stdout)[0], '# トレーサビリティ・マトリクス');
  });

  it('writes an HTML page with the generation time', () => {
    const r = run(['check', 'clean', '--matrix', 'html', '--output', 'm.html'], { cwd: work });
    assert.equal(r.status, 0);
    const html = readFileSync(join(work, 'm.html'), 'utf8');
    assert.match(html, /<p class="generated">作成日時: \d{4}-\d\d-\d\d \d\d:\d\d<\/p>/);
    assert.ok(html.includes('<a href="clean/対策基準.md#L7">2 組織体制</a>'));
  });

  it('refuses a bad format, and --output without --matrix, with exit 2', () => {
    const bad = run(['check', 'clean', '--matrix', 'xlsx', '--locale', 'en']);
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.equal(lines(bad.stderr)[0], 'Invalid value "xlsx" for option "--matrix". Use one of: md, csv, html.');
    const orphan = run(['check', 'clean', '--output', 'x.csv', '--locale', 'en']);
    assert.equal(orphan.status, 2);
    assert.equal(lines(orphan.stderr)[0], 'Option "--output" needs "--matrix".');
    const wrongCommand = run(['lsp', '--matrix', 'md', '--locale', 'en']);
    assert.equal(wrongCommand.status, 2);
    assert.equal(lines(wrongCommand.stderr)[0], 'Option "--matrix" does not apply to the lsp command.');
  });
});

describe('policy-trace check --matrix --public', () => {
  it('counts the non-public procedures of the samples and names none of them, in every format', () => {
    const procedures = readdirSync(join(ROOT, 'samples', '実施手順')).map((f) => f.replace(/\.md$/, ''));
    const titles = procedures.map((p) => readFileSync(join(ROOT, 'samples', '実施手順', `${p}.md`), 'utf8').match(/^# (.+)$/m)?.[1] ?? p);
    for (const format of ['md', 'csv', 'html']) {
      const r = run(['check', join(ROOT, 'samples'), '--matrix', format, '--public']);
      assert.equal(r.status, 1, format);
      for (const secret of [...procedures, ...titles, '実施手順/']) assert.ok(!r.stdout.includes(secret), `${secret} in the public ${format}`);
      assert.match(r.stdout, /非公開 2件/, format);
    }
  });

  it('needs --matrix', () => {
    const r = run(['check', 'clean', '--public', '--locale', 'en']);
    assert.equal(r.status, 2);
    assert.equal(lines(r.stderr)[0], 'Option "--public" needs "--matrix".');
  });
});
