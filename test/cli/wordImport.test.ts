// `policy-trace import` on real .docx files built with the docx library as a policy office writes
// them: heading styles, Word's automatic list numbers at two levels, numbers written in the text
// (full width, kept as lines), a definitions table, and what Markdown cannot hold (an image, a text box, a comment,
// tracked changes). The Markdown is compared as a whole, then the imported set is checked.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AlignmentType, CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, HeadingLevel, ImageRun,
  InsertedTextRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, Textbox, TextRun,
} from 'docx';
import { lines, run } from './run';

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const cell = (text: string): TableCell => new TableCell({ children: [new Paragraph(text)] });

/** The basic policy: title style, heading styles, measures and layers as Word list numbers. */
function policy(): Document {
  return new Document({
    numbering: { config: [{ reference: 'measures', levels: [
      { level: 0, format: LevelFormat.DECIMAL, text: '(%1)', alignment: AlignmentType.START },
      { level: 1, format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE, text: '%2', alignment: AlignmentType.START },
    ] }] },
    comments: { children: [{ id: 0, author: '総務課', date: new Date('2024-04-01T00:00:00Z'), children: [new Paragraph('表現を見直すこと')] }] },
    sections: [{ children: [
      new Paragraph({ text: '架空市情報セキュリティ基本方針', heading: HeadingLevel.TITLE }),
      new Paragraph({ text: '１　目的', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ children: [
        new TextRun('本基本方針は、'), new CommentRangeStart(0), new TextRun({ text: '情報資産', bold: true }), new CommentRangeEnd(0),
        new TextRun({ children: [new CommentReference(0)] }), new TextRun('の機密性、完全性及び可用性を維持するための基本的な事項を定める。'),
      ] }),
      new Paragraph({ text: '２　定義', heading: HeadingLevel.HEADING_1 }),
      new Table({ rows: [
        new TableRow({ children: [cell('用語'), cell('定義')] }),
        new TableRow({ children: [cell('職員等'), cell('職員及び会計年度任用職員をいう。')] }),
      ] }),
      new Paragraph({ text: '６　情報セキュリティ対策' }),
      new Paragraph({ text: '組織体制', numbering: { reference: 'measures', level: 0 } }),
      new Paragraph({ text: '情報システム全体の強靱性の向上', numbering: { reference: 'measures', level: 0 } }),
      new Paragraph({ text: 'マイナンバー利用事務系', numbering: { reference: 'measures', level: 1 } }),
      new Paragraph({ text: 'インターネット接続系', numbering: { reference: 'measures', level: 1 } }),
      new Paragraph({ children: [
        new TextRun('物理的'), new DeletedTextRun({ text: 'な', id: 1, author: '総務課', date: '2024-04-01T00:00:00Z' }),
        new InsertedTextRun({ text: 'セキュリティ', id: 2, author: '総務課', date: '2024-04-01T00:00:00Z' }),
      ], numbering: { reference: 'measures', level: 0 } }),
      new Paragraph({ children: [new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 16, height: 16 } })] }),
      new Textbox({ style: { width: '200pt', height: '40pt' }, children: [new Paragraph('欄外の注記')] }),
    ] }],
  });
}

/** The standards: chapters as heading styles, sections numbered 1.1 by Word, 根拠 lines as text. */
function standards(): Document {
  return new Document({
    numbering: { config: [{ reference: 'sections', levels: [
      { level: 0, format: LevelFormat.DECIMAL, text: '%1', alignment: AlignmentType.START },
      { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.START },
      { level: 2, format: LevelFormat.AIUEO_FULL_WIDTH, text: '(%3)', alignment: AlignmentType.START },
    ] }] },
    sections: [{ children: [
      new Paragraph({ text: '架空市情報セキュリティ対策基準', heading: HeadingLevel.TITLE }),
      new Paragraph({ text: '組織体制', heading: HeadingLevel.HEADING_1, numbering: { reference: 'sections', level: 0 } }),
      new Paragraph('根拠: 基本方針 6(1)'),
      new Paragraph({ text: '最高情報セキュリティ責任者', heading: HeadingLevel.HEADING_2, numbering: { reference: 'sections', level: 1 } }),
      new Paragraph('副市長を最高情報セキュリティ責任者とする。'),
      new Paragraph({ text: '情報システム全体の強靱性の向上', heading: HeadingLevel.HEADING_1, numbering: { reference: 'sections', level: 0 } }),
      new Paragraph('根拠: 基本方針 6(2)'),
      new Paragraph({ text: '分離の方法', heading: HeadingLevel.HEADING_2, numbering: { reference: 'sections', level: 1 } }),
      new Paragraph({ text: '通信経路の分離', numbering: { reference: 'sections', level: 2 } }),
      new Paragraph({ text: '端末の分離', numbering: { reference: 'sections', level: 2 } }),
    ] }],
  });
}

/** A procedure whose title names no tier: the tier comes from --tier. */
function procedure(): Document {
  return new Document({ sections: [{ children: [
    new Paragraph({ text: '管理区域の入退室', heading: HeadingLevel.HEADING_1 }),
    new Paragraph('根拠: 対策基準 1.1'),
    new Paragraph('入室者は、入退室管理簿に氏名と時刻を記入する。'),
  ] }] });
}

describe('policy-trace import', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-import-'));
    mkdirSync(join(dir, 'word'));
    writeFileSync(join(dir, 'word', '基本方針.docx'), await Packer.toBuffer(policy()));
    writeFileSync(join(dir, 'word', '対策基準.docx'), await Packer.toBuffer(standards()));
    writeFileSync(join(dir, '入退室.docx'), await Packer.toBuffer(procedure()));
    // Word's lock file beside an open document is no document.
    writeFileSync(join(dir, 'word', '~$基本方針.docx'), 'lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns a folder of Word documents into the Markdown the checker reads, list numbers as text', () => {
    const r = run(['import', 'word'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), [
      'word/基本方針.docx → word/基本方針.md（種別: 基本方針（表題から）、自動番号 5 段落を本文の番号にしました）',
      'word/対策基準.docx → word/対策基準.md（種別: 対策基準（表題から）、自動番号 6 段落を本文の番号にしました）',
    ]);
    assert.deepEqual(lines(r.stderr), [
      'word/基本方針.docx: 画像 1 個は取り込んでいません。',
      'word/基本方針.docx: テキストボックス 1 個は取り込んでいません。本文に必要なら書き写してください。',
      'word/基本方針.docx: コメント 1 件は取り込んでいません。',
      'word/基本方針.docx: 変更履歴 2 件は承諾したものとして取り込みました（挿入は残し、削除は除きました）。未承諾なら先に Word で確認してください。',
    ]);
    // No front matter: the checker reads the tier from the title, as it does for a file of several tiers.
    assert.equal(readFileSync(join(dir, 'word', '基本方針.md'), 'utf8'), [
      '# 架空市情報セキュリティ基本方針', '',
      '## １　目的', '',
      '本基本方針は、**情報資産**の機密性、完全性及び可用性を維持するための基本的な事項を定める。', '',
      '## ２　定義', '',
      '| 用語 | 定義 |', '| - | - |', '| 職員等 | 職員及び会計年度任用職員をいう。 |', '',
      '６　情報セキュリティ対策', '',
      '(1) 組織体制', '',
      '(2) 情報システム全体の強靱性の向上', '',
      '① マイナンバー利用事務系', '',
      '② インターネット接続系', '',
      '(3) 物理的セキュリティ', '',
    ].join('\n'));
    assert.equal(readFileSync(join(dir, 'word', '対策基準.md'), 'utf8'), [
      '# 架空市情報セキュリティ対策基準', '',
      '## 1 組織体制', '',
      '根拠: 基本方針 6(1)', '',
      '### 1.1 最高情報セキュリティ責任者', '',
      '副市長を最高情報セキュリティ責任者とする。', '',
      '## 2 情報システム全体の強靱性の向上', '',
      '根拠: 基本方針 6(2)', '',
      '### 2.1 分離の方法', '',
      '(ア) 通信経路の分離', '',
      '(イ) 端末の分離', '',
    ].join('\n'));
  });

  it('takes the tier from --tier, writes into --out, and the imported set is checked like any other', () => {
    assert.equal(run(['import', 'word'], { cwd: dir }).status, 0);
    mkdirSync(join(dir, 'word', '実施手順'));
    const r = run(['import', '入退室.docx', '--tier', '実施手順', '--out', 'word/実施手順'], { cwd: dir });
    assert.deepEqual([r.status, r.stdout], [0, '入退室.docx → word/実施手順/入退室.md（種別: 実施手順、自動番号 0 段落を本文の番号にしました）\n']);
    const check = run(['check', 'word', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(check.stdout) as { coverage: { measure: string; status: string; standards: string[] }[] };
    assert.deepEqual(report.coverage.map((c) => `${c.measure} ${c.status} ${c.standards.join(',')}`), [
      '6(1) covered 1',
      '6(2) missing-procedure 2',
      '6(2)① missing-procedure 2',
      '6(2)② missing-procedure 2',
      '6(3) missing-standard ',
    ]);
  });

  it('leaves an existing file alone unless --force, says when the tier is unknown, and refuses what is no Word document', () => {
    writeFileSync(join(dir, '入退室.md'), '手で書いた手順\n');
    const kept = run(['import', '入退室.docx'], { cwd: dir });
    assert.deepEqual([kept.status, kept.stderr], [2, '入退室.md は既にあるので上書きしていません（--force で上書きします）。\n']);
    assert.equal(readFileSync(join(dir, '入退室.md'), 'utf8'), '手で書いた手順\n');
    const forced = run(['import', '入退室.docx', '--force', '--locale', 'en'], { cwd: dir });
    assert.equal(forced.status, 0);
    assert.equal(forced.stderr, '入退室.docx: the title names no tier; pass --tier 基本方針, 対策基準 or 実施手順, or the checker reads the file by its folder or configuration only.\n');
    assert.ok(readFileSync(join(dir, '入退室.md'), 'utf8').startsWith('# 管理区域の入退室\n'));
    writeFileSync(join(dir, 'broken.docx'), 'not a zip');
    const broken = run(['import', 'broken.docx'], { cwd: dir });
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^broken\.docx を Word 文書（\.docx）として読めません: /);
    assert.ok(!existsSync(join(dir, 'broken.md')));
    assert.equal(run(['import', 'word', '--tier', '規程'], { cwd: dir }).status, 2);
  });

  it('says so when a document has no text at all (a scanned page, a picture)', async () => {
    writeFileSync(join(dir, 'scan.docx'), await Packer.toBuffer(new Document({ sections: [{ children: [
      new Paragraph({ children: [new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 16, height: 16 } })] }),
    ] }] })));
    const r = run(['import', 'scan.docx', '--tier', '実施手順'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.deepEqual(lines(r.stderr), [
      'scan.docx: 画像 1 個は取り込んでいません。',
      'scan.docx: 本文が見つかりません（上に挙げたもののほかには何もありません）。Markdown ファイルは空です。',
    ]);
    assert.equal(readFileSync(join(dir, 'scan.md'), 'utf8'), '---\n種別: 実施手順\n---\n');
  });
});
