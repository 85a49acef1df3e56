// Editor features on defined terms, in the core: what is under the cursor, definition, hover,
// references, highlights, rename (and its refusals), completion and semantic tokens.

import assert from 'node:assert/strict';
import {
  isRenameRefusal, messagesFor, PolicyWorkspace, prepareTermRename, renameTerm, termAt, termCompletions, termDefinition,
  termHighlights, termHover, termReferences, termSemanticTokens,
  type DocumentFacts, type Location, type Range, type RenameEdits, type RenameRefusal, type TextEdit,
} from '../../server/src/core/api';
import { fixtureText, fixtureWorkspace } from './helpers';

const ja = messagesFor('ja');
const en = messagesFor('en');

const span = (r: Range): string => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const where = (l: Location): string => `${l.uri.slice('file:///'.length)} ${span(l.range)}`;

/** Applies edits the way an editor does: every range against the original text. */
function apply(doc: DocumentFacts, text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e) => ({ start: doc.lines.offset(e.range.start), end: doc.lines.offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function edited(r: RenameEdits | RenameRefusal): RenameEdits {
  if (isRenameRefusal(r)) assert.fail(`refused: ${r.error}`);
  return r;
}

describe('term features', () => {
  const ws = fixtureWorkspace('terms/set');
  const policy = ws.find('file:///基本方針.md')!;
  const standards = ws.find('file:///対策基準.md')!;
  const procedure = ws.find('file:///実施手順.md')!;
  const index = policy.index;
  const at = (d: DocumentFacts, line: number, character: number): number => d.lines.offset({ line, character });

  it('finds the term under the cursor at an exact use, a variant, a long form and a definition', () => {
    assert.equal(termAt(index, standards.doc, at(standards.doc, 13, 18))?.term, 'サーバ', 'variant サーバー');
    assert.equal(termAt(index, procedure.doc, at(procedure.doc, 5, 0))?.term, 'CISO', 'variant ＣＩＳＯ, first character');
    assert.equal(termAt(index, procedure.doc, at(procedure.doc, 5, 27))?.term, 'サーバ', 'just after the use');
    assert.equal(termAt(index, standards.doc, at(standards.doc, 16, 5))?.term, 'CISO', 'the long form');
    assert.equal(termAt(index, policy.doc, at(policy.doc, 15, 17))?.term, '職員等', 'inside （以下「職員等」という。）');
    assert.equal(termAt(index, policy.doc, at(policy.doc, 9, 4))?.term, 'サーバ', 'the definition item');
    // Plain text, the undefined model vocabulary, and the long form that the definition itself writes.
    assert.equal(termAt(index, policy.doc, at(policy.doc, 9, 16)), undefined);
    assert.equal(termAt(index, policy.doc, at(policy.doc, 7, 20)), undefined);
    assert.equal(termAt(index, policy.doc, at(policy.doc, 15, 3)), undefined);
  });

  it('goes to every definition of the term, from a use, a variant or a definition', () => {
    const both = ['基本方針.md 9:4-9:7', '対策基準.md 9:4-9:7'];
    assert.deepEqual(termDefinition(index, procedure.doc, at(procedure.doc, 5, 25)).map(where), both);
    assert.deepEqual(termDefinition(index, standards.doc, at(standards.doc, 13, 16)).map(where), both);
    assert.deepEqual(termDefinition(index, standards.doc, at(standards.doc, 9, 5)).map(where), both);
    assert.deepEqual(termDefinition(index, procedure.doc, at(procedure.doc, 5, 2)).map(where), ['対策基準.md 14:17-14:21']);
    assert.deepEqual(termDefinition(index, procedure.doc, at(procedure.doc, 5, 6)), []);
  });

  it('hovers a term with its definitions, where they are, and its uses per tier', () => {
    const h = termHover(index, standards.doc, at(standards.doc, 13, 17), ja)!;
    assert.equal(h.markdown, [
      '**定義語「サーバ」** — 基本方針 0件 · 対策基準 1件 · 実施手順 2件 · 表記ゆれ 1件',
      '',
      '- 情報システムの処理を担う機器をいう。 — [基本方針「基本方針」10行目](file:///基本方針.md#L10)',
      '- 業務に用いる全ての機器をいう。 — [対策基準「対策基準」10行目](file:///対策基準.md#L10)',
    ].join('\n'));
    assert.equal(span(h.range), '13:16-13:20');
  });

  it('hovers an abbreviation with its long form, in English too', () => {
    const h = termHover(index, procedure.doc, at(procedure.doc, 5, 1), en)!;
    assert.equal(h.markdown, [
      '**Defined term "CISO"** — basic policy: 0 · standards: 3 · procedures: 1 · variant spellings: 1',
      '',
      '- short for "最高情報セキュリティ責任者" — [standards "対策基準", line 15](file:///対策基準.md#L15)',
    ].join('\n'));
    assert.equal(termHover(index, policy.doc, at(policy.doc, 9, 16), ja), undefined);
  });

  it('finds every use across the set, variants and long forms included, definitions first when asked', () => {
    assert.deepEqual(termReferences(index, policy.doc, at(policy.doc, 9, 5), false).map(where), [
      '実施手順.md 3:2-3:5', '実施手順.md 5:24-5:27', '対策基準.md 13:16-13:20',
    ]);
    assert.deepEqual(termReferences(index, standards.doc, at(standards.doc, 14, 30), true).map(where), [
      '対策基準.md 14:17-14:21', '実施手順.md 5:0-5:4', '対策基準.md 13:0-13:4', '対策基準.md 14:29-14:33', '対策基準.md 16:0-16:13',
    ]);
  });

  it('highlights the term in the document: its definition written, its uses read', () => {
    assert.deepEqual(termHighlights(index, standards.doc, at(standards.doc, 13, 2)).map((h) => `${span(h.range)} ${h.kind}`), [
      '13:0-13:4 read', '14:17-14:21 write', '14:29-14:33 read', '16:0-16:13 read',
    ]);
    assert.deepEqual(termHighlights(index, policy.doc, at(policy.doc, 13, 6)).map((h) => `${span(h.range)} ${h.kind}`), [
      '13:5-13:8 read', '15:16-15:19 write',
    ]);
    assert.deepEqual(termHighlights(index, policy.doc, at(policy.doc, 3, 0)), []);
  });

  it('prepares a rename at the term under the cursor, with the defined form as the placeholder', () => {
    const p = prepareTermRename(index, standards.doc, at(standards.doc, 13, 18))!;
    assert.deepEqual([span(p.range), p.placeholder], ['13:16-13:20', 'サーバ']);
    assert.equal(prepareTermRename(index, policy.doc, at(policy.doc, 9, 16)), undefined);
  });

  it('renames every definition, exact use and variant across the set, leaving long forms alone', () => {
    const r = edited(renameTerm(index, procedure.doc, at(procedure.doc, 5, 1), 'CSO'));
    assert.deepEqual(r.edits.map((f) => [f.uri, f.edits.map((e) => `${span(e.range)} ${e.newText}`)]), [
      ['file:///実施手順.md', ['5:0-5:4 CSO']],
      ['file:///対策基準.md', ['13:0-13:4 CSO', '14:17-14:21 CSO', '14:29-14:33 CSO']],
    ]);
    const text = fixtureText('terms/set/対策基準.md');
    const after = apply(standards.doc, text, r.edits[1].edits).split('\n');
    assert.deepEqual(after.slice(13, 17), [
      'CSOの指示により、職員等は、サーバー室に入退室するときは記録する。',
      '最高情報セキュリティ責任者（以下「CSO」という。）は、CSOの補佐を置く。',
      'マイナンバー利用事務系の端末は持ち出さない。',
      '最高情報セキュリティ責任者は年1回報告する。',
    ]);
  });

  it('refuses an empty name, 「」, markup, a line break, invisible characters, a lone surrogate, a name that is another term, and a place with no term', () => {
    const refusal = (offset: number, name: string, d = policy.doc): string => {
      const r = renameTerm(index, d, offset, name);
      return isRenameRefusal(r) ? ja(r.error, ...r.args) : 'renamed';
    };
    const server = at(policy.doc, 9, 5);
    assert.equal(refusal(server, ''), '新しい名前を入力してください。');
    assert.equal(refusal(server, '　'), '新しい名前を入力してください。');
    const invalid = '新しい名前には、「」、Markdown や HTML の記号（< > ` | [ ] \\ * _ ~）、改行、制御文字や見えない文字、前後の空白を含められません。';
    // Each would change the documents around the name, or could not be saved: `<!--` hides the rest
    // of a file, | splits a table cell, a lone surrogate is no UTF-8.
    for (const name of ['「機器」', '機\n器', '<!--', '機器-->', '機|器', '機\u200b器', '\ufeff機器', '機\u202e器', '機\u0000器', '機\ud842', '\udfb7器', ' 機器', '**機器**', '[機器]']) {
      assert.equal(refusal(server, name), invalid, JSON.stringify(name));
    }
    // A surrogate pair is a character like any other.
    assert.equal(refusal(server, '𠮷機器'), 'renamed');
    assert.equal(refusal(server, '情報ｼｽﾃﾑ'), '「情報ｼｽﾃﾑ」は定義語「情報システム」と同じ語になるため、この名前には変更できません。');
    assert.equal(refusal(server, '職員など'), '「職員など」は定義語「職員等」と同じ語になるため、この名前には変更できません。');
    assert.equal(refusal(at(policy.doc, 9, 16), '機器'), 'カーソル位置に定義語がありません。');
    // Another spelling of the term itself names no other term.
    assert.equal(refusal(server, 'サーバー'), 'renamed');
  });

  it('offers every defined term, and not the model vocabulary the set leaves undefined', () => {
    const items = termCompletions(index, { line: 5, character: 14 }, 'ＣＩＳＯは鍵を管理する。サー', ja);
    assert.deepEqual(items.map((c) => [c.label, c.detail, c.documentation, span(c.range)]), [
      ['情報システム', '基本方針「基本方針」', 'コンピュータ、ネットワーク及び電磁的記録媒体で構成され、情報処理を行う仕組みをいう。', '5:14-5:14'],
      ['サーバ', '基本方針「基本方針」、対策基準「対策基準」', '情報システムの処理を担う機器をいう。\n\n業務に用いる全ての機器をいう。', '5:12-5:14'],
      ['無害化通信', '基本方針「基本方針」', '安全が確保された通信をいう。', '5:14-5:14'],
      ['職員等', '基本方針「基本方針」', '「職員、会計年度任用職員等」の略称', '5:14-5:14'],
      ['CISO', '対策基準「対策基準」', '「最高情報セキュリティ責任者」の略称', '5:14-5:14'],
    ]);
    assert.ok(!items.some((c) => c.label === 'ネットワーク' || c.label === 'マイナンバー利用事務系'));
  });

  it('tells definitions, uses and variants apart in semantic tokens, one line and one visible piece each', () => {
    const tokens = (d: DocumentFacts): string[] => termSemanticTokens(index, d).map((t) => `${span(t.range)} ${t.type}`);
    assert.deepEqual(tokens(standards.doc), [
      '9:4-9:7 definition', '13:0-13:4 use', '13:11-13:14 use', '13:16-13:20 variant', '14:17-14:21 definition', '14:29-14:33 use', '16:0-16:13 use',
    ]);
    assert.deepEqual(tokens(procedure.doc), ['3:2-3:5 use', '5:0-5:4 variant', '5:12-5:18 variant', '5:24-5:27 use']);
  });
});

describe('term features across markup and line breaks', () => {
  const ws = fixtureWorkspace('terms/markup');
  const { index, doc } = ws.find('file:///基本方針.md')!;
  const text = fixtureText('terms/markup/基本方針.md');

  it('splits tokens at bold markup and at a soft line break', () => {
    assert.deepEqual(termSemanticTokens(index, doc).map((t) => `${span(t.range)} ${t.type}`), [
      '7:4-7:10 definition', '9:1-9:5 definition', '11:0-11:5 definition',
      '15:2-15:4 use', '15:6-15:10 use', '15:19-15:23 use', '16:0-16:2 use', '16:3-16:7 use', '16:17-16:22 variant',
    ]);
  });

  it('renames a term written across markup and a line break, keeping both', () => {
    const r = edited(renameTerm(index, doc, doc.lines.offset({ line: 7, character: 5 }), '可搬記録媒体'));
    assert.deepEqual(apply(doc, text, r.edits[0].edits).split('\n').slice(7, 17), [
      '(1) 可搬記録媒体　USBメモリ等の持ち運べる記録媒体をいう。',
      '',
      '「管理区域」とは、情報システムを設置する区域をいう。',
      '',
      '無線LAN：電波で接続する網をいう。',
      '',
      '## 3 遵守事項',
      '',
      '**可搬記録媒体**は施錠して保管し、可搬記録媒体',
      'は管理区域の外に持ち出さない。無線ＬＡＮは使わない。',
    ]);
  });

  it('renames the quoted and colon forms and a full-width variant', () => {
    const r = edited(renameTerm(index, doc, doc.lines.offset({ line: 16, character: 18 }), '無線網'));
    assert.deepEqual(r.edits[0].edits.map((e) => `${span(e.range)} ${e.newText}`), ['11:0-11:5 無線網', '16:17-16:22 無線網']);
    const quoted = edited(renameTerm(index, doc, doc.lines.offset({ line: 16, character: 5 }), '保護区域'));
    assert.equal(apply(doc, text, quoted.edits[0].edits).split('\n')[9], '「保護区域」とは、情報システムを設置する区域をいう。');
  });

  it('counts in UTF-16 code units on CRLF lines', () => {
    const crlf = '---\r\n種別: 基本方針\r\n---\r\n## 2 定義\r\n\r\n(1) サーバ　機器をいう。\r\n\r\n## 3 本文\r\n\r\n𠮷ｶﾞサーバーと\r\nサーバ。\r\n';
    const w = new PolicyWorkspace();
    w.setDocument('file:///基本方針.md', '基本方針.md', crlf);
    const f = w.find('file:///基本方針.md')!;
    assert.deepEqual(termSemanticTokens(f.index, f.doc).map((t) => `${span(t.range)} ${t.type}`), [
      '5:4-5:7 definition', '9:4-9:8 variant', '10:0-10:3 use',
    ]);
    const r = edited(renameTerm(f.index, f.doc, f.doc.lines.offset({ line: 9, character: 4 }), '機器'));
    assert.equal(apply(f.doc, crlf, r.edits[0].edits), crlf.replace('(1) サーバ', '(1) 機器').replace('サーバーと\r\nサーバ', '機器と\r\n機器'));
    assert.equal(termAt(f.index, f.doc, f.doc.lines.offset({ line: 9, character: 3 })), undefined, 'ｶﾞ (two code units) before the use');
  });
});
