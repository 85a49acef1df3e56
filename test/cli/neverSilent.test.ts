// `policy-trace check` never passes by saying nothing: a folder where no file joined a policy set,
// or with no Markdown at all, exits 2 with the reason; a basic policy without measures is an error;
// the summary counts in the grammar of each language.

import assert from 'node:assert/strict';
import { lines, run } from './run';

describe('policy-trace check: never silent', () => {
  it('exits 2 when no Markdown file of the folder joined a set, naming each file and why', () => {
    const r = run(['check', 'no-tier', '--locale', 'en']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(lines(r.stderr), [
      'Nothing was checked: none of the 2 Markdown files in "no-tier" belongs to a policy set. A file joins when its front matter says 種別: 基本方針, 対策基準 or 実施手順, when its title or its path names one of them, or when the "tiers" setting matches it.',
      '  notes/todo.md: no tier in its front matter, its title ("TODO") or its path',
      '  会議メモ.md: no tier in its front matter, its title ("会議メモ") or its path',
    ]);
  });

  it('says the same in Japanese', () => {
    const r = run(['check', 'no-tier']);
    assert.equal(r.status, 2);
    assert.equal(lines(r.stderr)[0], '何も検査していません: 「no-tier」の Markdown ファイル 2 件のどれも文書群に入っていません。フロントマターの「種別: 基本方針／対策基準／実施手順」、表題またはパスにそのいずれかの語があるか、設定「tiers」に当てはまるファイルが文書群に入ります。');
    assert.equal(lines(r.stderr)[2], '  会議メモ.md: フロントマター、表題（「会議メモ」）、パスのどれにも階層を示す語がありません');
  });

  it('exits 2 when the folder has no Markdown file to check (README.md is left out)', () => {
    const r = run(['check', 'no-markdown', '--locale', 'en']);
    assert.equal(r.status, 2);
    assert.deepEqual(lines(r.stderr), ['Nothing was checked: no Markdown file was found in "no-markdown" (README.md and CHANGELOG.md are left out, and the "include" and "exclude" settings apply).']);
  });

  it('reports a basic policy without a measures section as an error and exits 1', () => {
    const r = run(['check', '../realworld/rw14-declaration-only', '--locale', 'en']);
    assert.equal(r.status, 1);
    assert.equal(lines(r.stdout).filter((l) => l.includes('trace/no-measures')).length, 1);
    assert.match(r.stdout, /情報セキュリティ基本方針\.md:1:1 error trace\/no-measures No measures were found in this basic policy: it has no section titled "情報セキュリティ対策" that lists numbered items/);
  });

  it('counts one error and one hint in the singular, and in Japanese the same way', () => {
    const en = lines(run(['check', '../realworld/rw09-hospital-ehr', '--locale', 'en']).stdout);
    assert.equal(en[en.length - 1], '1 error, 6 warnings, 1 information, 1 hint (5 documents)');
    const ja = lines(run(['check', '../realworld/rw09-hospital-ehr']).stdout);
    assert.equal(ja[ja.length - 1], '1 件のエラー、6 件の警告、1 件の情報、1 件のヒント（5 文書）');
    const one = lines(run(['check', 'sets', '--locale', 'en']).stdout);
    assert.equal(one[one.length - 1], '0 errors, 1 warning, 0 information, 0 hints (5 documents)');
  });
});
