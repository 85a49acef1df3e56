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
    const config = ['--config', 'configs/no-guideline.json'];
    const en = lines(run(['check', '../realworld/rw09-hospital-ehr', '--locale', 'en', ...config]).stdout);
    assert.equal(en[en.length - 1], '1 error, 6 warnings, 1 information, 1 hint (5 documents)');
    const ja = lines(run(['check', '../realworld/rw09-hospital-ehr', ...config]).stdout);
    assert.equal(ja[ja.length - 1], '1 件のエラー、6 件の警告、1 件の情報、1 件のヒント（5 文書）');
    const one = lines(run(['check', 'sets', '--locale', 'en']).stdout);
    assert.equal(one[one.length - 1], '0 errors, 1 warning, 0 information, 0 hints (5 documents)');
  });
});

describe('policy-trace check --explain', () => {
  it('says for each measure how its standards are linked, and for a gap which titles came closest', () => {
    const r = run(['check', '../realworld/jorei-style', '--explain']);
    assert.equal(r.status, 1);
    const out = lines(r.stdout);
    const from = out.indexOf('紐付けの理由（--explain）:');
    assert.ok(from > 0);
    assert.deepEqual(out.slice(from + 1, from + 5), [
      '措置 第6条第1号「組織体制」（表題のキー: 組織体制）',
      '  対策基準.md 第2章 組織及び体制 から紐付け: 「第6条第1号」を引用している',
      '措置 第6条第2号「情報資産の分類と管理」（表題のキー: 情報資産の分類と管理 / 情報資産の分類管理）',
      '  対策基準.md 第3章 情報資産の分類及び管理方法 から紐付け: 表記を揃えると表題が同じ（キー 情報資産の分類管理）',
    ]);
    assert.deepEqual(out.slice(from + 17, from + 20), [
      '措置 第6条第9号「評価・見直し」（表題のキー: 評価・見直し / 評価見直し）',
      '  引用する対策基準の節も、同じ表題の節もない',
      '  近い対策基準の表題: 対策基準.md 第1章 総則（キー 総則、5 文字違い）、対策基準.md 第2章 組織及び体制（キー 組織体制、5 文字違い）、対策基準.md 第8章 運用（キー 運用、5 文字違い）',
    ]);
  });

  it('names a synonym link and an orphan section with the measures closest to it, in English too', () => {
    const out = lines(run(['check', '../realworld/rw10-title-variants', '--explain', '--locale', 'en']).stdout);
    assert.ok(out.includes('  linked from 対策基準.md 2 管理体制: its title is another name for the measure (key 組織体制, from titleSynonyms.json)'));
    assert.ok(out.includes('対策基準.md 10 法令遵守 (title keys: 法令遵守) links to no measure'));
    assert.ok(out.includes('  closest measures: 6(1) 組織体制 (key 組織体制, 4 characters apart), 6(7) 運用 (key 運用, 4 characters apart), 6(9) 評価・見直し (key 評価見直し, 5 characters apart)'));
  });

  it('puts the explanation in the JSON document as lines', () => {
    const r = run(['check', '../realworld/jorei-style', '--explain', '--format', 'json', '--locale', 'en']);
    const json = JSON.parse(r.stdout) as { explain: string[] };
    assert.equal(json.explain[0], 'Why the links are as they are (--explain):');
    assert.equal(json.explain.length, 20);
  });
});

describe('policy-trace check on files that are not UTF-8', () => {
  it('reads Shift_JIS and UTF-16 as what they are and says so, and skips a binary file with a note', () => {
    const r = run(['check', '../encodings', '--locale', 'en']);
    assert.equal(r.status, 0);
    assert.deepEqual(lines(r.stderr), ['Skipped ../encodings/図.md: it is not text (a binary file).']);
    const out = lines(r.stdout);
    const note = 'information config/encoding This file is not UTF-8: it was read as';
    assert.ok(out.includes(`../encodings/対策基準.md:1:3 ${note} Shift_JIS. Its findings are right, but quick fixes and renames do not write into it while it is closed. Save it as UTF-8 to edit it here.`));
    assert.ok(out.includes(`../encodings/実施手順/サーバ室入退室手順.md:1:3 ${note} UTF-16LE. Its findings are right, but quick fixes and renames do not write into it while it is closed. Save it as UTF-8 to edit it here.`));
    // Read right, the Shift_JIS standards and the UTF-16 procedure stand behind 6(2), and the
    // variant in the Shift_JIS file is found at its place.
    assert.ok(out.includes('6(2)     物理的セキュリティ  1          1           covered'));
    assert.ok(out.includes('../encodings/対策基準.md:11:14 warning term/variant "ﾈｯﾄﾜｰｸ" is a variant spelling of the defined term "ネットワーク".'));
  });
});
