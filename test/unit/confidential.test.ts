// 公開区分: 実施手順 are non-public unless they say otherwise, other documents public unless they say
// so; a public document that links to a non-public one or repeats a sentence of it is told, and a
// public export of the matrix says how many non-public documents stand behind a measure, never
// which.

import assert from 'node:assert/strict';
import { matrixCsv, matrixHtml, matrixMarkdown, messagesFor, PolicyWorkspace, publicMatrix, traceMatrix } from '../../server/src/core/api';
import { findingLines } from './helpers';
import type { Finding } from '../../server/src/core/types';

const SECRET_SENTENCE = 'サーバ室の鍵は総務課長の机の右の引き出しに保管し、暗証番号は４８１５とする。';

function workspace(): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  ws.setDocument('file:///基本方針.md', '基本方針.md', '# 基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 物理的セキュリティ\n\n(2) 人的セキュリティ\n');
  ws.setDocument('file:///対策基準.md', '対策基準.md', [
    '# 対策基準', '', '## 1 物理的セキュリティ', '', '根拠: 基本方針 6(1)', '',
    `サーバ室の管理は[入退室手順](実施手順/入退室手順.md#2)による。${SECRET_SENTENCE}`, '',
    '## 2 人的セキュリティ', '', '根拠: 基本方針 6(2)', '',
  ].join('\n'));
  ws.setDocument('file:///実施手順/入退室手順.md', '実施手順/入退室手順.md', `# 入退室手順\n\n根拠: 対策基準 1\n\n## 2 鍵\n\n${SECRET_SENTENCE}\n`);
  ws.setDocument('file:///実施手順/研修手順.md', '実施手順/研修手順.md', '---\n種別: 実施手順\n公開区分: 公開\n---\n# 研修手順\n\n根拠: 対策基準 2\n');
  ws.setDocument('file:///内規.md', '内規.md', '---\n種別: 対策基準\n公開区分: 非公開\n---\n# 内規\n\n## 1 物理的セキュリティの詳細\n\n根拠: 基本方針 6(1)\n');
  return ws;
}

describe('公開区分 and trace/confidential-leak', () => {
  it('defaults 実施手順 to non-public and the rest to public; front matter says otherwise', () => {
    const docs = workspace().getIndexes()[0].documents.map((d) => `${d.path} ${d.publicity}`);
    assert.deepEqual(docs, ['内規.md private', '基本方針.md public', '実施手順/入退室手順.md private', '実施手順/研修手順.md public', '対策基準.md public']);
  });

  it('warns on a link from a public document to a non-public one, and on a sentence a public document repeats', () => {
    assert.deepEqual(findingLines(workspace(), 'en', /confidential/), [
      // (sorted as text: 6:36 before 6:8)
      `対策基準.md 6:36-6:${36 + SECRET_SENTENCE.length} warning trace/confidential-leak This sentence of a public document is also in "入退室手順", which is not public (公開区分: 非公開, or a 実施手順).`,
      '対策基準.md 6:8-6:32 warning trace/confidential-leak This public document links to "入退室手順", which is not public (公開区分: 非公開, or a 実施手順): its name and place are then public too.',
    ]);
  });

  it('follows edits of the non-public document: a sentence taken out of it is no longer reported', () => {
    const ws = workspace();
    const quoted = () => findingLines(ws, 'en', /confidential/).filter((l) => l.includes('This sentence')).length;
    assert.equal(quoted(), 1);
    ws.setDocument('file:///実施手順/入退室手順.md', '実施手順/入退室手順.md', '# 入退室手順\n\n根拠: 対策基準 1\n\n## 2 鍵\n\n鍵は別に定める。\n');
    assert.equal(quoted(), 0);
    ws.setDocument('file:///実施手順/入退室手順.md', '実施手順/入退室手順.md', `# 入退室手順\n\n根拠: 対策基準 1\n\n## 2 鍵\n\n${SECRET_SENTENCE}\n`);
    assert.equal(quoted(), 1);
  });

  it('finds a sentence retyped in half-width kana, other digits and spaces, in either document', () => {
    const retyped = 'ｻｰﾊﾞ室の鍵は総務課長の机の右の引き出しに保管し、 暗証番号は4815とする。';
    for (const [procedure, standard] of [[SECRET_SENTENCE, retyped], [retyped, SECRET_SENTENCE]]) {
      const ws = new PolicyWorkspace();
      ws.setDocument('file:///基本方針.md', '基本方針.md', '# 基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 物理的セキュリティ\n');
      ws.setDocument('file:///対策基準.md', '対策基準.md', `# 対策基準\n\n## 1 物理的セキュリティ\n\n根拠: 基本方針 6(1)\n\n${standard}\n`);
      ws.setDocument('file:///実施手順/鍵手順.md', '実施手順/鍵手順.md', `# 鍵手順\n\n根拠: 対策基準 1\n\n${procedure}\n`);
      assert.deepEqual(findingLines(ws, 'en', /confidential/).map((l) => l.split(' warning ')[0]), [`対策基準.md 6:0-6:${standard.length}`], standard);
    }
  });

  it('tells sentences apart whose keys share a hash: only the same sentence is a quote', () => {
    // These two keys have the same 30-bit hash (the check looks sentences up by it).
    const [a, b] = ['職員等は、第38429号の端末を施錠された保管庫に保管しなければならない。', '職員等は、第432786号の端末を施錠された保管庫に保管しなければならない。'];
    const quotes = (procedure: string[], standard: string[]): string[] => {
      const ws = new PolicyWorkspace();
      ws.setDocument('file:///基本方針.md', '基本方針.md', '# 基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 物理的セキュリティ\n');
      ws.setDocument('file:///対策基準.md', '対策基準.md', ['# 対策基準', '', '## 1 物理的セキュリティ', '', '根拠: 基本方針 6(1)', '', ...standard.flatMap((s) => [s, ''])].join('\n'));
      ws.setDocument('file:///実施手順/保管手順.md', '実施手順/保管手順.md', ['# 保管手順', '', '根拠: 対策基準 1', '', ...procedure.flatMap((s) => [s, ''])].join('\n'));
      return (ws.findings('en').get('file:///対策基準.md') ?? []).filter((f) => f.code === 'trace/confidential-leak')
        .map((f) => `${f.range.start.line} -> ${f.related[0].range.start.line}`);
    };
    assert.deepEqual(quotes([a], [b]), []);
    assert.deepEqual(quotes([a], [a]), ['6 -> 4']);
    // The second of the two, found by its key after its hash led to the first.
    assert.deepEqual(quotes([a, b], [b, a]), ['6 -> 6', '8 -> 4']);
    // A sentence the procedure repeats is kept at its first place, and does not hide the other key.
    assert.deepEqual(quotes([a, a, b], [b, a]), ['6 -> 8', '8 -> 4']);
    assert.deepEqual(quotes([a, a.replace('職員等', '職員 等')], [a.replace('、', '､')]), ['6 -> 4']);
  });

  it('finds the same when the set is checked once, as the command line checks it, without keeping anything', () => {
    const [a, b] = ['職員等は、第38429号の端末を施錠された保管庫に保管しなければならない。', '職員等は、第432786号の端末を施錠された保管庫に保管しなければならない。'];
    const make = (): PolicyWorkspace => {
      const ws = workspace();
      ws.setDocument('file:///実施手順/保管手順.md', '実施手順/保管手順.md', ['# 保管手順', '', '根拠: 対策基準 1', '', a, '', a, '', b, ''].join('\n'));
      ws.setDocument('file:///対策基準2.md', '対策基準2.md', ['# 対策基準2', '', '## 1 物理的セキュリティ', '', '根拠: 基本方針 6(1)', '', b, '', `${a}${SECRET_SENTENCE}`, ''].join('\n'));
      return ws;
    };
    const lines = (found: Map<string, Finding[]>): string[] => [...found].flatMap(([uri, list]) => list.filter((f) => f.code === 'trace/confidential-leak')
      .map((f) => `${decodeURIComponent(uri)} ${f.range.start.line}:${f.range.start.character}-${f.range.end.character} ${f.related[0].uri} ${f.related[0].range.start.line}`));
    const kept = lines(make().findings('en'));
    assert.equal(kept.length, 5);
    assert.deepEqual(lines(make().findingsSetBySet('en', () => {})), kept);
  });

  it('moves a quoted sentence and its source with edits above them that leave their blocks as they were', () => {
    const ws = workspace();
    const related = (): string[] => ws.findings('en').get('file:///対策基準.md')!.filter((f) => f.message.startsWith('This sentence'))
      .flatMap((f) => [`${f.range.start.line}:${f.range.start.character}`, ...f.related.map((r) => `${r.range.start.line}:${r.range.start.character}`)]);
    assert.deepEqual(related(), ['6:36', '6:0']);
    // Two lines above each of them: the blocks that hold the sentences are taken over, moved.
    const standard = ws.textOf('file:///対策基準.md')!.replace('# 対策基準\n', '# 対策基準\n\n前文。\n');
    ws.setDocument('file:///対策基準.md', '対策基準.md', standard);
    assert.deepEqual(related(), ['8:36', '6:0']);
    const procedure = ws.textOf('file:///実施手順/入退室手順.md')!.replace('# 入退室手順\n', '# 入退室手順\n\n前文。\n');
    ws.setDocument('file:///実施手順/入退室手順.md', '実施手順/入退室手順.md', procedure);
    assert.deepEqual(related(), ['8:36', '8:0']);
  });

  it("gives a public document's own findings after each edit as a fresh check gives them", () => {
    const ws = workspace();
    const uri = 'file:///対策基準.md';
    const procedure = 'file:///実施手順/入退室手順.md';
    const fresh = (): Finding[] | undefined => {
      const other = new PolicyWorkspace();
      for (const u of [uri, procedure, 'file:///基本方針.md', 'file:///実施手順/研修手順.md', 'file:///内規.md']) other.setDocument(u, decodeURIComponent(u.slice(8)), ws.textOf(u)!);
      return other.findings('en').get(uri);
    };
    const quotes = (): number => ws.findingsFor(uri, 'en').filter((f) => f.message.startsWith('This sentence')).length;
    assert.equal(quotes(), 1);
    const edits: [string, (t: string) => string][] = [
      [uri, (t) => t.replace('# 対策基準\n', '# 対策基準\n\n前文。\n')],
      [uri, (t) => t.replace('暗証番号は', '番号は')],
      [uri, (t) => t.replace('番号は', '暗証番号は')],
      [procedure, (t) => t.replace(SECRET_SENTENCE, '鍵は別に定める。')],
      [uri, (t) => t.replace('前文。', '前文を改めた。')],
      [procedure, (t) => t.replace('鍵は別に定める。', SECRET_SENTENCE)],
    ];
    const counts: number[] = [];
    for (const [target, change] of edits) {
      ws.setDocument(target, decodeURIComponent(target.slice(8)), change(ws.textOf(target)!));
      assert.deepEqual(ws.findingsFor(uri, 'en'), fresh());
      counts.push(quotes());
    }
    assert.deepEqual(counts, [1, 0, 1, 0, 0, 1]);
  });

  it('reports an unknown 公開区分 in front matter', () => {
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///a.md', 'a.md', '---\n種別: 実施手順\n公開区分: 内部\n---\n# a\n');
    assert.deepEqual(findingLines(ws, 'en', /config/), ['a.md 2:6-2:8 error config/invalid Unknown 公開区分 "内部". Use 公開 (public) or 非公開 (private).']);
  });

  it('exports a public matrix with counts of non-public documents, and none of their titles, files or text', () => {
    const index = workspace().getIndexes()[0];
    const msg = messagesFor('ja');
    const matrix = publicMatrix(traceMatrix(index), (uri) => index.documents.find((d) => d.uri === uri)?.publicity !== 'public', msg);
    const outputs = [matrixMarkdown([matrix], { msg }), matrixCsv([matrix], { msg }), matrixHtml([matrix], { msg, generated: '2026-12-04 09:00' }), JSON.stringify(matrix)];
    for (const secret of ['入退室手順', '内規', '物理的セキュリティの詳細', SECRET_SENTENCE, '実施手順/入退室手順.md', '内規.md']) {
      for (const out of outputs) assert.ok(!out.includes(secret), `${secret} in a public export`);
    }
    // Still proven: 6(1) has one public standards section and one non-public one, and a non-public procedure.
    const row = matrix.rows[0];
    assert.deepEqual([row.standards.map((s) => s.name), row.hiddenStandards, row.procedures.map((p) => p.name), row.hiddenProcedures, row.status],
      [['1 物理的セキュリティ'], 1, [], 1, 'covered']);
    assert.match(outputs[0], /非公開 1件/);
    // A public procedure is named as usual.
    assert.deepEqual(matrix.rows[1].procedures.map((p) => p.name), ['研修手順']);
  });
});

describe('config/unmatched', () => {
  it('warns on an include or tiers glob of policy-trace.json that matches no document', () => {
    const ws = new PolicyWorkspace();
    ws.setConfig({ uri: 'file:///policy-trace.json', text: '{\n  "include": ["**/*.md", "規程/**/*.md"],\n  "tiers": { "procedure": ["実施手続/**"] }\n}\n' });
    ws.setDocument('file:///基本方針.md', '基本方針.md', '# 基本方針\n');
    ws.setDocument('file:///実施手順/a.md', '実施手順/a.md', '# a手順\n');
    assert.deepEqual(findingLines(ws, 'en', /config/), [
      'policy-trace.json 1:25-1:37 warning config/unmatched The glob "規程/**/*.md" matches no file of the folder.',
      'policy-trace.json 2:27-2:36 warning config/unmatched The glob "実施手続/**" matches no file of the folder.',
    ]);
    // A file the glob matches comes, then goes: the warning goes with it and comes back.
    ws.setDocument('file:///規程/運用.md', '規程/運用.md', '# 運用規程\n');
    assert.deepEqual(findingLines(ws, 'en', /config/), [
      'policy-trace.json 2:27-2:36 warning config/unmatched The glob "実施手続/**" matches no file of the folder.',
    ]);
    ws.removeDocument('file:///規程/運用.md');
    assert.equal(findingLines(ws, 'en', /config/).length, 2);
  });
});
