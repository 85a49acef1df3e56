// Every trace rule on small fixture sets, with exact ranges and messages (term rules have their own tests).

import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PolicyWorkspace } from '../../server/src/core/api';
import { findingLines, fixtureWorkspace, folderTexts, workspaceOf } from './helpers';

const TRACE = /^(trace|config)\//;

describe('trace checks', () => {
  it('reports gaps, inferred links and unresolved references of a small set', () => {
    assert.deepEqual(findingLines(fixtureWorkspace('core/mini'), undefined, TRACE), [
      'policy.md 12:4-12:23 warning trace/missing-procedure 措置 6(3)「情報システム全体の強靱性の向上」には対策基準がありますが、それに基づく実施手順がありません。',
      'policy.md 19:4-19:17 warning trace/missing-standard 措置 6(4)「物理的セキュリティ」を実施する対策基準がありません。',
      'policy.md 8:4-8:18 warning trace/missing-procedure 措置 6(2)「情報資産の分類と管理」には対策基準がありますが、それに基づく実施手順がありません。',
      'standards.md 17:5-17:18 hint trace/inferred-link 見出し「情報資産の分類及び管理方法」を表題から基本方針 6(2)「情報資産の分類と管理」に紐付けました。根拠行を明記してください。',
      'standards.md 21:5-21:20 hint trace/inferred-link 見出し「情報システム全体の強靭性の向上」を表題から基本方針 6(3)「情報システム全体の強靱性の向上」に紐付けました。根拠行を明記してください。',
      'standards.md 33:9-33:18 error trace/unresolved-reference 参照先「6(7)」が基本方針に見つかりません。 もしかして: 6(4)、6(3)、6(2)',
    ]);
  });

  it('speaks English when the locale is English', () => {
    const lines = findingLines(fixtureWorkspace('core/mini'), 'en-US', TRACE);
    assert.equal(lines[1], 'policy.md 19:4-19:17 warning trace/missing-standard No standards section implements measure 6(4) "物理的セキュリティ".');
  });

  it('carries the quick fix of an inferred link: the explicit 根拠 line under the heading', () => {
    const ws = fixtureWorkspace('core/mini');
    const hint = ws.findings().get('file:///standards.md')!.find((f) => f.code === 'trace/inferred-link')!;
    assert.deepEqual(hint.fixes, [{
      title: '根拠行「根拠: 基本方針 6(2)」を挿入',
      edits: [{ uri: 'file:///standards.md', edits: [{ range: { start: { line: 17, character: 18 }, end: { line: 17, character: 18 } }, newText: '\n\n根拠: 基本方針 6(2)' }] }],
    }]);
    assert.deepEqual(hint.related.map((r) => [r.uri, r.range.start.line, r.message]), [['file:///policy.md', 8, '基本方針 6(2)「情報資産の分類と管理」']]);
  });

  it('covers a measure once the link is written, and a sub-item through its measure', () => {
    const ws = fixtureWorkspace('core/mini');
    const before = ws.findings().get('file:///policy.md')!.map((f) => f.code);
    assert.ok(before.includes('trace/missing-standard'));
    ws.setDocument('file:///standards.md', 'standards.md', '---\n種別: 対策基準\n---\n# 基準\n\n## 5 物理\n\n根拠: 基本方針 6(1)、6(2)、6(3)、6(4)\n');
    ws.setDocument('file:///procedure.md', 'procedure.md', '---\n種別: 実施手順\n根拠: [対策基準 5]\n---\n# 手順\n');
    assert.deepEqual(findingLines(ws, undefined, TRACE), []);
    const index = ws.getIndexes()[0];
    assert.deepEqual([...index.coverage.values()].map((c) => `${c.measure.id} ${c.status} ${c.standards.length} ${c.procedures.length}`), [
      '6(1) covered 1 1', '6(2) covered 1 1', '6(3) covered 1 1', '6(3)① covered 1 1', '6(3)② covered 1 1', '6(4) covered 1 1',
    ]);
  });

  it('reports a sub-item without standards when its siblings have their own', () => {
    const ws = fixtureWorkspace('core/mini');
    ws.setDocument('file:///standards.md', 'standards.md', '---\n種別: 対策基準\n---\n# 基準\n\n## 4 系\n\n根拠: 基本方針 6(1)、6(2)、6(3)②、6(4)\n');
    ws.setDocument('file:///procedure.md', 'procedure.md', '---\n種別: 実施手順\n根拠: [対策基準 4]\n---\n# 手順\n');
    assert.deepEqual(findingLines(ws, undefined, TRACE), [
      'policy.md 16:2-16:34 warning trace/missing-standard 措置 6(3)①「マイナンバー利用事務系」を実施する対策基準がありません（同じ措置の他の項目には対策基準があります）。',
    ]);
  });

  it('reports orphans: a standards chapter and a procedure that cite nothing (総則 is exempt)', () => {
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///p.md', 'p.md', '---\n種別: 基本方針\n---\n## 6 情報セキュリティ対策\n\n### (1) 組織体制\n');
    ws.setDocument('file:///s.md', 's.md', '---\n種別: 対策基準\n---\n## 1 総則\n\n## 2 組織体制\n\n## 3 付録\n\n### 3.1 様式\n');
    ws.setDocument('file:///t.md', 't.md', '---\n種別: 実施手順\n---\n# 点検手順\n\n1. 点検する。\n');
    assert.deepEqual(findingLines(ws, undefined, TRACE), [
      'p.md 5:4-5:12 warning trace/missing-procedure 措置 6(1)「組織体制」には対策基準がありますが、それに基づく実施手順がありません。',
      's.md 7:3-7:7 information trace/orphan 対策基準の「3 付録」は基本方針のどの措置にも紐付いていません。',
      't.md 3:2-3:6 information trace/orphan 実施手順「点検手順」は対策基準・基本方針のどこにも紐付いていません。',
    ]);
  });

  it('applies configured severities, including off', () => {
    const ws = fixtureWorkspace('core/mini');
    ws.setConfig({ uri: 'file:///policy-trace.json', text: '{"severity": {"trace/inferred-link": "off", "trace/missing-standard": "error"}}' });
    const lines = findingLines(ws, undefined, TRACE);
    assert.equal(lines.filter((l) => l.includes('inferred-link')).length, 0);
    assert.ok(lines.includes('policy.md 19:4-19:17 error trace/missing-standard 措置 6(4)「物理的セキュリティ」を実施する対策基準がありません。'));
  });

  it('reports a broken config at the offending value and keeps checking with the defaults', () => {
    const ws = fixtureWorkspace('core/mini');
    ws.setConfig({ uri: 'file:///policy-trace.json', text: '{\n  "severity": { "trace/orphan": "loud" }\n}\n' });
    const problems = ws.findings().get('file:///policy-trace.json')!;
    assert.deepEqual(problems.map((p) => [p.code, p.severity, p.range, p.message]), [[
      'config/invalid', 'error', { start: { line: 1, character: 32 }, end: { line: 1, character: 38 } },
      '設定ファイルが不正です: 「loud」は使えません。使える値: error, warning, information, hint, off',
    ]]);
    assert.equal(findingLines(ws, undefined, TRACE).length, 6 + 1);
  });

  it('reports bad front matter at its spot', () => {
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///a.md', 'a.md', '---\n種別: 手順書類\n---\n# 運用基準\n');
    assert.deepEqual(findingLines(ws, undefined, TRACE), [
      'a.md 1:4-1:8 error config/invalid 種別「手順書類」は不明です。基本方針・対策基準・実施手順のいずれかを指定してください。',
    ]);
  });

  it('puts documents into the sets the configuration declares, with tiers by glob', () => {
    const ws = new PolicyWorkspace();
    ws.setConfig({ uri: 'file:///policy-trace.json', text: JSON.stringify({ sets: [
      { name: 'a', include: ['a/**/*.md'], tiers: { policy: ['a/houshin.md'], standard: ['a/kijun.md'] } },
      { name: 'b', include: ['b/**/*.md'] },
    ] }) });
    ws.setDocument('file:///a/houshin.md', 'a/houshin.md', '## 6 情報セキュリティ対策\n\n### (1) 組織体制\n');
    ws.setDocument('file:///a/kijun.md', 'a/kijun.md', '## 1 組織体制\n');
    ws.setDocument('file:///b/基本方針.md', 'b/基本方針.md', '## 6 情報セキュリティ対策\n\n### (1) 組織体制\n');
    const sets = ws.getIndexes().map((i) => `${i.name}: ${i.documents.map((d) => `${d.path}=${d.tier}/${d.tierSource}`).join(' ')}`);
    assert.deepEqual(sets, ['a: a/houshin.md=policy/config a/kijun.md=standard/config', 'b: b/基本方針.md=policy/path']);
    assert.deepEqual(findingLines(ws, undefined, TRACE), [
      'a/houshin.md 2:4-2:12 warning trace/missing-procedure 措置 6(1)「組織体制」には対策基準がありますが、それに基づく実施手順がありません。',
      'b/基本方針.md 2:4-2:12 warning trace/missing-standard 措置 6(1)「組織体制」を実施する対策基準がありません。',
    ]);
  });

  it('says each finding once for a document of two sets, in the order one set gives', () => {
    const texts = folderTexts('samples');
    const once = workspaceOf(texts);
    const twice = workspaceOf(texts);
    twice.setConfig({ uri: 'file:///policy-trace.json', text: JSON.stringify({ sets: [
      { name: 'a', include: ['**/*.md'] }, { name: 'b', include: ['**/*.md'] },
    ] }) });
    const shown = (ws: PolicyWorkspace): string[] => [...ws.findings()].flatMap(([uri, list]) => list.map((f) => `${uri} ${f.range.start.line}:${f.range.start.character} ${f.code} ${f.message}`));
    assert.equal(twice.getIndexes().length, 2);
    assert.ok(shown(once).length > 20);
    assert.deepEqual(shown(twice), shown(once));
  });

  it('checks set by set for a run that checks once, with the same findings, letting each document go after its last set', () => {
    const texts = folderTexts('samples');
    const config = { sets: [
      { name: 'a', include: ['a/**/*.md', 'shared/**/*.md'] },
      { name: 'b', include: ['b/**/*.md', 'shared/**/*.md'] },
    ] };
    const make = (): PolicyWorkspace => {
      const ws = new PolicyWorkspace();
      ws.setConfig({ uri: 'file:///policy-trace.json', text: JSON.stringify(config) });
      for (const [path, text] of Object.entries(texts)) {
        // The basic policy is shared by both sets; each has its own standards and procedures.
        if (path === '基本方針.md') ws.setDocument('file:///shared/基本方針.md', 'shared/基本方針.md', text);
        else for (const set of ['a', 'b']) ws.setDocument(`file:///${set}/${path}`, `${set}/${path}`, text);
      }
      return ws;
    };
    const shown = (byUri: Map<string, { range: { start: { line: number; character: number } }; code: string; message: string }[]>): string[] =>
      [...byUri].flatMap(([uri, list]) => list.map((f) => `${uri} ${f.range.start.line}:${f.range.start.character} ${f.code} ${f.message}`));
    const whole = shown(make().findings());
    const ws = make();
    const told: string[] = [];
    const byUri = ws.findingsSetBySet(undefined, (index, leaving) => {
      told.push(`${index.name}: ${index.documents.length} documents, ${leaving.map((l) => `${l.uri.replace('file:///', '')}=${l.facts.length}`).sort().join(' ')}`);
    }, () => told.push('collect'));
    assert.deepEqual(shown(byUri), whole);
    assert.ok(whole.some((l) => l.startsWith('file:///shared/')) && whole.some((l) => l.startsWith('file:///b/')));
    const own = Object.keys(texts).filter((p) => p !== '基本方針.md').sort();
    // Garbage is collected once a set is analysed, and once its documents have gone.
    assert.deepEqual(told, [
      'collect',
      `a: ${own.length + 1} documents, ${own.map((p) => `a/${p}=1`).join(' ')}`,
      'collect',
      'collect',
      `b: ${own.length + 1} documents, ${[...own.map((p) => `b/${p}=1`), 'shared/基本方針.md=1'].sort().join(' ')}`,
      'collect',
    ]);
    assert.deepEqual(ws.computedFacts('file:///shared/基本方針.md'), []);
    assert.equal(ws.textOf('file:///a/対策基準.md'), '');
    assert.throws(() => ws.getIndexes(), /let its documents go/);
    assert.throws(() => ws.findingsSetBySet(undefined, () => {}), /let its documents go/);
  });

  it('lets a checked set\'s facts be collected by the collection that follows it', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const ws = workspaceOf(folderTexts('samples'));
    let collected = 0;
    const registry = new FinalizationRegistry(() => { collected++; });
    let registered = 0;
    let collections = 0;
    ws.findingsSetBySet('en', (_index, leaving) => {
      for (const { facts } of leaving) for (const { facts: f } of facts) { registry.register(f, undefined); registered++; }
    }, () => { if (++collections === 2) gc(); });
    assert.equal(collections, 2);
    assert.ok(registered > 5, `${registered} facts`);
    // Their finalisers run after this test's synchronous part; nothing else collects meanwhile, so
    // they run only if the collection after the set found the facts unreachable.
    for (let i = 0; i < 20 && collected < registered; i++) await new Promise((r) => setTimeout(r, 5));
    assert.equal(collected, registered);
  });
});
