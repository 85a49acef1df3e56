// The fixes that write new text: a standards section or procedure file for a gap, and fix-all of a document.

import assert from 'node:assert/strict';
import { fixAllEdits, PolicyWorkspace, type Finding, type FixData, type TextEdit } from '../../server/src/core/api';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { fixtureText, fixtureWorkspace } from './helpers';

const SAMPLES = '../../samples';
const at = (line: number, character = 0) => ({ start: { line, character }, end: { line, character } });

function workspaceOf(files: Record<string, string>): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  for (const [path, text] of Object.entries(files)) ws.setDocument(`file:///${path}`, path, text);
  return ws;
}

function findingOf(ws: PolicyWorkspace, code: string, uri = 'file:///基本方針.md', locale?: string): Finding {
  const found = ws.findings(locale).get(uri)!.filter((f) => f.code === code);
  assert.equal(found.length, 1, `one ${code} on ${uri}`);
  return found[0];
}

/** Applies edits as an editor does: positions in UTF-16 code units, CRLF counted as a line end. */
function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The file a fix creates and the whole text written into it. */
function created(fix: FixData): [string, string] {
  assert.equal(fix.create?.length, 1);
  const [file] = fix.edits;
  assert.deepEqual(file.edits.map((e) => e.range), [at(0)]);
  assert.equal(fix.create![0].uri, file.uri);
  return [file.uri, file.edits[0].newText];
}

describe('fixes: a standards section for a measure without one', () => {
  it('adds chapter 10 after the last measure chapter of the samples, with its basis line', () => {
    const ws = fixtureWorkspace(SAMPLES);
    const missing = findingOf(ws, 'trace/missing-standard');
    assert.deepEqual(missing.fixes, [{
      title: '対策基準に節を作成: 6(9) 評価・見直し',
      edits: [{ uri: 'file:///対策基準.md', edits: [{ range: at(402), newText: '\n## 10 評価・見直し\n\n根拠: 基本方針 6(9)\n\n（ここに遵守事項を記載する。）\n' }] }],
    }]);
    const text = fixtureText('../../samples/対策基準.md');
    const fixed = apply(text, missing.fixes[0].edits[0].edits);
    // The samples end with a line break and no blank line: one blank line goes before the heading.
    assert.ok(text.endsWith('3(2)\n'));
    assert.equal(fixed, `${text}\n## 10 評価・見直し\n\n根拠: 基本方針 6(9)\n\n（ここに遵守事項を記載する。）\n`);

    ws.setDocument('file:///対策基準.md', '対策基準.md', fixed);
    const policy = ws.findings().get('file:///基本方針.md')!.filter((f) => f.code.startsWith('trace/missing-'));
    // The gap moves one tier down: 6(9) now has a standards section (10) and needs a procedure.
    assert.deepEqual(policy.map((f) => f.message), [
      '措置 6(8)「業務委託と外部サービス（クラウドサービス）の利用」には対策基準がありますが、それに基づく実施手順がありません。',
      '措置 6(9)「評価・見直し」には対策基準がありますが、それに基づく実施手順がありません。',
    ]);
    assert.deepEqual(policy[1].related.map((r) => r.message), ['対策基準 10 評価・見直し']);
  });

  it('numbers a 第N章 chapter like its neighbours, keeps CRLF, and titles the fix in English too', () => {
    const eol = '\r\n';
    const ws = workspaceOf({
      '基本方針.md': ['---', '種別: 基本方針', '---', '# 基本方針', '', '## 6 情報セキュリティ対策', '',
        '### (1) 組織体制', '', '体制を置く。', '', '### (2) 物理的セキュリティ', '', '区域を管理する。', '',
        '### (3) 人的セキュリティ', '', '教育する。', ''].join('\n'),
      '対策基準.md': ['---', '種別: 対策基準', '---', '# 対策基準', '', '## 第1章　総則', '', '目的を定める。', '',
        '## 第2章　組織体制', '', '根拠: 基本方針 6(1)', '', '## 第3章　人的セキュリティ', '', '根拠: 基本方針 6(3)', '', '研修を行う。'].join(eol),
    });
    // 6(2) belongs between chapters 2 and 3; 第3章 is taken, so the heading goes unnumbered.
    const between = findingOf(ws, 'trace/missing-standard');
    assert.deepEqual(between.fixes[0].edits, [{ uri: 'file:///対策基準.md', edits: [{ range: at(13),
      newText: `## 物理的セキュリティ${eol}${eol}根拠: 基本方針 6(2)${eol}${eol}（ここに遵守事項を記載する。）${eol}${eol}` }] }]);
    assert.equal(findingOf(ws, 'trace/missing-standard', undefined, 'en').fixes[0].title, 'Create a standards section: 6(2) 物理的セキュリティ');

    // Without chapter 3, the new chapter is the last one: 第3章, after a text without a final line break.
    ws.setDocument('file:///対策基準.md', '対策基準.md', ['---', '種別: 対策基準', '---', '# 対策基準', '', '## 第1章　総則', '', '目的を定める。', '',
      '## 第2章　組織体制', '', '根拠: 基本方針 6(1)、6(3)', '', '体制を置く。'].join(eol));
    const last = findingOf(ws, 'trace/missing-standard');
    assert.deepEqual(last.fixes[0].edits[0].edits, [{ range: at(13, 6),
      newText: `${eol}${eol}## 第3章　物理的セキュリティ${eol}${eol}根拠: 基本方針 6(2)${eol}${eol}（ここに遵守事項を記載する。）${eol}` }]);
  });

  it('writes kanji numbers where the chapters use them, and goes before the first chapter of a later measure', () => {
    const policy = ['---', '種別: 基本方針', '---', '# 基本方針', '', '## 6 情報セキュリティ対策', '',
      '### (1) 組織体制', '', '### (2) 物理的セキュリティ', '', '### (3) 運用', ''].join('\n');
    const ws = workspaceOf({
      '基本方針.md': policy,
      '対策基準.md': ['---', '種別: 対策基準', '---', '# 対策基準', '', '## 第九章　組織体制', '', '根拠: 基本方針 6(1)', '',
        '## 第十一章　運用', '', '根拠: 基本方針 6(3)', ''].join('\n'),
    });
    assert.deepEqual(findingOf(ws, 'trace/missing-standard').fixes[0].edits[0].edits, [{ range: at(9),
      newText: '## 第十章　物理的セキュリティ\n\n根拠: 基本方針 6(2)\n\n（ここに遵守事項を記載する。）\n\n' }]);

    ws.setDocument('file:///対策基準.md', '対策基準.md', ['---', '種別: 対策基準', '---', '# 対策基準', '', '## 2 物理的セキュリティ', '',
      '根拠: 基本方針 6(2)、6(3)', ''].join('\n'));
    assert.deepEqual(findingOf(ws, 'trace/missing-standard').fixes[0].edits[0].edits, [{ range: at(5),
      newText: '## 1 組織体制\n\n根拠: 基本方針 6(1)\n\n（ここに遵守事項を記載する。）\n\n' }]);
  });

  it('creates 対策基準.md next to the basic policy when the set has no standards', () => {
    const ws = workspaceOf({
      '方針/基本方針.md': ['---', '種別: 基本方針', '---', '# 北山町情報セキュリティ基本方針', '', '## 6 情報セキュリティ対策', '',
        '### (1) 組織体制', '', '体制を置く。', ''].join('\n'),
    });
    const missing = findingOf(ws, 'trace/missing-standard', 'file:///方針/基本方針.md');
    assert.equal(missing.fixes[0].title, '対策基準に節を作成: 6(1) 組織体制');
    assert.deepEqual(created(missing.fixes[0]), ['file:///方針/対策基準.md',
      '---\n種別: 対策基準\n---\n# 北山町情報セキュリティ対策基準\n\n## 組織体制\n\n根拠: 基本方針 6(1)\n\n（ここに遵守事項を記載する。）\n']);

    const [uri, text] = created(missing.fixes[0]);
    ws.setDocument(uri, '方針/対策基準.md', text);
    assert.deepEqual(ws.findings().get('file:///方針/基本方針.md')!.filter((f) => f.code.startsWith('trace/')).map((f) => f.code), ['trace/missing-procedure']);
  });
});

describe('fixes: a procedure file for a measure without one', () => {
  const template = (basis: string, title: string): string =>
    `---\n種別: 実施手順\n根拠: [${basis}]\n---\n# ${title}実施手順\n\n## 1 目的\n\n（ここに目的を記載する。）\n\n## 2 手順\n\n（ここに手順を記載する。）\n\n## 3 記録\n\n（ここに記録を記載する。）\n`;

  it('creates it in the folder of the procedures, named after the measure, citing its first standards section', () => {
    const ws = fixtureWorkspace(SAMPLES);
    const missing = findingOf(ws, 'trace/missing-procedure');
    assert.equal(missing.fixes.length, 1);
    assert.equal(missing.fixes[0].title, '実施手順を作成: 6(8) 業務委託と外部サービス（クラウドサービス）の利用');
    const [uri, text] = created(missing.fixes[0]);
    assert.equal(uri, 'file:///実施手順/業務委託と外部サービス（クラウドサービス）の利用実施手順.md');
    assert.equal(text, template('対策基準 9', '業務委託と外部サービス（クラウドサービス）の利用'));

    ws.setDocument(uri, decodeURIComponent(uri.slice('file:///'.length)), text);
    const codes = ws.findings().get('file:///基本方針.md')!.map((f) => f.code);
    assert.ok(!codes.includes('trace/missing-procedure'));
    // The samples keep a policy-trace.lock: the new file's reference is not recorded there yet.
    assert.deepEqual(ws.findings().get(uri)!.map((f) => `${f.range.start.line} ${f.severity} ${f.code}`), ['2 information trace/suspect']);
  });

  it('adds a number when the set already has a document of that name', () => {
    const ws = fixtureWorkspace('protocol/basic');
    ws.setDocument('file:///実施手順/情報資産の分類と管理実施手順.md', '実施手順/情報資産の分類と管理実施手順.md', '---\n種別: 実施手順\n根拠: 対策基準 2\n---\n# 旧手順\n');
    const [uri, text] = created(findingOf(ws, 'trace/missing-procedure').fixes[0]);
    assert.equal(uri, 'file:///実施手順/情報資産の分類と管理実施手順-2.md');
    assert.equal(text, template('対策基準 3', '情報資産の分類と管理'));
  });

  it('spells the URI like the set (percent-encoded), and uses 実施手順/ next to the standards when there is no procedure', () => {
    const enc = (path: string): string => new URL(path, 'file:///kami/').href;
    const ws = new PolicyWorkspace();
    ws.setDocument(enc('基本方針.md'), '基本方針.md', fixtureText('protocol/basic/基本方針.md'));
    ws.setDocument(enc('基準/対策基準.md'), '基準/対策基準.md', fixtureText('protocol/basic/対策基準.md'));
    const missing = ws.findings().get(enc('基本方針.md'))!.filter((f) => f.code === 'trace/missing-procedure');
    assert.deepEqual(missing.map((f) => created(f.fixes[0])[0]), [
      enc('基準/実施手順/組織体制実施手順.md'),
      enc('基準/実施手順/情報資産の分類と管理実施手順.md'),
      enc('基準/実施手順/物理的セキュリティ実施手順.md'),
    ]);
    assert.ok(missing[0].fixes[0].create![0].uri.startsWith('file:///kami/%E5%9F%BA%E6%BA%96/%E5%AE%9F'));
  });

  it('makes a safe file name of a title with characters file systems refuse', () => {
    const ws = workspaceOf({
      '基本方針.md': '---\n種別: 基本方針\n---\n# 方針\n\n## 6 情報セキュリティ対策\n\n### (1) 入出力: A/B "試験"\n\n対策する。\n',
      '対策基準.md': '---\n種別: 対策基準\n---\n# 基準\n\n## 1 入出力\n\n根拠: 基本方針 6(1)\n',
    });
    const [uri, text] = created(findingOf(ws, 'trace/missing-procedure').fixes[0]);
    assert.equal(uri, 'file:///実施手順/入出力_ A_B _試験_実施手順.md');
    assert.ok(text.includes('\n# 入出力: A/B "試験"実施手順\n'));
  });
});

describe('fixes: fix all of a document', () => {
  const edits = (ws: PolicyWorkspace, uri: string): TextEdit[] => fixAllEdits(ws.findings().get(uri)!, uri);
  const show = (list: TextEdit[]): string[] => list.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character} ${e.newText}`);

  it('writes basis lines and short forms in the samples\' standards, and nothing is left to fix after', () => {
    const ws = fixtureWorkspace(SAMPLES);
    const uri = 'file:///対策基準.md';
    assert.deepEqual(show(edits(ws, uri)), [
      '65:73-65:86 CISO',
      '79:16-79:16 \n\n根拠: 基本方針 6(2)',
      '126:20-126:20 \n\n根拠: 基本方針 6(3)',
    ]);
    const fixed = apply(fixtureText('../../samples/対策基準.md'), edits(ws, uri));
    ws.setDocument(uri, '対策基準.md', fixed);
    assert.deepEqual(edits(ws, uri), []);
    assert.deepEqual(ws.findings().get(uri)!.filter((f) => ['trace/inferred-link', 'term/long-form'].includes(f.code)), []);
  });

  it('takes the one-place fix of each variant, never the set-wide one', () => {
    const ws = fixtureWorkspace('protocol/terms');
    const uri = 'file:///実施手順/保守手順.md';
    const variants = ws.findings().get(uri)!.filter((f) => f.code === 'term/variant');
    assert.deepEqual(variants.map((f) => f.fixes.length), [2, 2]);
    assert.deepEqual(show(edits(ws, uri)), ['6:7-6:13 ネットワーク', '6:14-6:18 サーバ']);
    ws.setDocument(uri, '実施手順/保守手順.md', apply(fixtureText('protocol/terms/実施手順/保守手順.md'), edits(ws, uri)));
    assert.deepEqual(edits(ws, uri), []);

    const samples = fixtureWorkspace(SAMPLES);
    assert.deepEqual(edits(samples, 'file:///基本方針.md'), []);
  });

  it('keeps the first of overlapping edits and one of two insertions at the same place; skips guesses, other files and file creation', () => {
    const fix = (line: number, from: number, to: number, newText: string): Finding => ({
      uri: 'file:///a.md', range: { start: { line, character: from }, end: { line, character: to } }, severity: 'warning', code: 'term/variant',
      message: '', related: [], fixes: [{ title: '', edits: [{ uri: 'file:///a.md', edits: [{ range: { start: { line, character: from }, end: { line, character: to } }, newText }] }] }],
    });
    const other = { ...fix(3, 0, 0, 'x'), uri: 'file:///b.md' };
    const unresolved = { ...fix(4, 0, 1, 'guess'), code: 'trace/unresolved-reference' as const };
    const creating = fix(5, 0, 0, 'new file');
    creating.fixes[0].create = [{ uri: 'file:///a.md' }];
    assert.deepEqual(show(fixAllEdits([fix(1, 4, 8, 'B'), fix(1, 2, 6, 'A'), fix(2, 3, 3, 'I'), fix(2, 3, 3, 'J'), fix(1, 8, 9, 'C'), other, unresolved, creating], 'file:///a.md')), [
      '1:2-1:6 A', '1:8-1:9 C', '2:3-2:3 I',
    ]);
  });
});
