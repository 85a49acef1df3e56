// The server over stdio on a small policy set: diagnostics, edits, hover, navigation, quick fix.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, editsOf, FIXTURES, Server, summarize, uriOf, versionsOf } from './harness';

const ROOT = join(FIXTURES, 'basic');
const POLICY = uriOf(join(ROOT, '基本方針.md'));
const STANDARDS = uriOf(join(ROOT, '対策基準.md'));
const ENTRY = uriOf(join(ROOT, '実施手順', '入退室管理手順.md'));
const ORGANISATION = uriOf(join(ROOT, '実施手順', '体制運用手順.md'));
const ALL = [POLICY, STANDARDS, ENTRY, ORGANISATION];
const DOCS = 'https://github.com/policy-trace/policy-trace/blob/main/README.md';

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const read = (uri: string): string => readFileSync(new URL(uri), 'utf8');
const codes = (d: Diagnostic[]): string[] => d.map((x) => String(x.code));

describe('protocol: a small policy set', () => {
  let server: Server;
  before(async () => {
    server = await Server.start({ root: ROOT });
    await server.waitForFirstPublish(ALL);
  });
  after(() => server.stop());

  it('registers file watchers for Markdown, policy-trace.json and policy-trace.lock', () => {
    assert.deepEqual(server.registrations.map((r) => [r.method, r.registerOptions]), [
      ['workspace/didChangeWatchedFiles', { watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: '**/policy-trace.json' }, { globPattern: '**/policy-trace.lock' }, { globPattern: '**/*.{yml,yaml}' }] }],
    ]);
  });

  it('publishes diagnostics for every document of the folder right after initialize, none of them open', () => {
    assert.deepEqual(new Set(server.diagnostics.keys()), new Set(ALL));
    assert.deepEqual(summarize(server.diagnostics.get(POLICY)!), [
      'trace/missing-procedure 2 13:4-13:18',
      'trace/missing-standard 2 21:4-21:16',
    ]);
    assert.deepEqual(summarize(server.diagnostics.get(STANDARDS)!), [
      'trace/inferred-link 4 15:5-15:18',
      'trace/orphan 3 23:3-23:7',
    ]);
    assert.deepEqual(summarize(server.diagnostics.get(ORGANISATION)!), ['trace/unresolved-reference 1 9:10-9:16']);
    assert.deepEqual(server.diagnostics.get(ENTRY), []);
  });

  it('maps every field of a finding: message, source, code description, related information (fixes are computed on request)', () => {
    const [missingProcedure, missingStandard] = server.diagnostics.get(POLICY)!;
    assert.deepEqual(missingProcedure, {
      range: range(13, 4, 13, 18),
      severity: 2,
      source: 'policy-trace',
      code: 'trace/missing-procedure',
      codeDescription: { href: `${DOCS}#trace-missing-procedure` },
      message: '措置 6(2)「情報資産の分類と管理」には対策基準がありますが、それに基づく実施手順がありません。',
      relatedInformation: [{ location: { uri: STANDARDS, range: range(15, 3, 15, 18) }, message: '対策基準 3 情報資産の分類及び管理方法' }],
    });
    assert.equal(missingStandard.message, '措置 6(4)「人的セキュリティ」を実施する対策基準がありません。');
    assert.equal(missingStandard.codeDescription?.href, `${DOCS}#trace-missing-standard`);
    assert.deepEqual(missingStandard.relatedInformation, []);

    const [unresolved] = server.diagnostics.get(ORGANISATION)!;
    assert.equal(unresolved.message, '参照先「9」が対策基準に見つかりません。 もしかして: 5、4、3');
    assert.deepEqual(unresolved.relatedInformation, [
      { location: { uri: STANDARDS, range: range(23, 3, 23, 7) }, message: '5' },
      { location: { uri: STANDARDS, range: range(19, 3, 19, 14) }, message: '4' },
      { location: { uri: STANDARDS, range: range(15, 3, 15, 18) }, message: '3' },
    ]);

    const [inferred, orphan] = server.diagnostics.get(STANDARDS)!;
    assert.equal(inferred.message, '見出し「情報資産の分類及び管理方法」を表題から基本方針 6(2)「情報資産の分類と管理」に紐付けました。根拠行を明記してください。');
    assert.deepEqual(inferred.relatedInformation, [{ location: { uri: POLICY, range: range(13, 4, 13, 18) }, message: '基本方針 6(2)「情報資産の分類と管理」' }]);
    assert.equal(orphan.message, '対策基準の「5 研修」は基本方針のどの措置にも紐付いていません。');
    assert.equal(orphan.codeDescription?.href, `${DOCS}#trace-orphan`);
  });

  it('answers the edited document first, then the rest of its set once typing pauses', async () => {
    const original = read(STANDARDS);
    await server.open(STANDARDS, original);
    const from = server.publishLog.length;
    await server.change(STANDARDS, original.replace('## 5 研修\n', '## 5 研修\n\n根拠: 基本方針 6(4)\n'));
    await server.waitForDiagnostics(POLICY, (d) => !codes(d).includes('trace/missing-standard'), 'the policy to follow');
    const order = server.publishLog.slice(from);
    assert.equal(order[0], STANDARDS, `first publish after the edit: ${order.join(', ')}`);
    assert.ok(order.indexOf(POLICY) > 0, `the policy follows: ${order.join(', ')}`);
    await server.change(STANDARDS, original);
    await server.waitForDiagnostics(POLICY, (d) => codes(d).includes('trace/missing-standard'), 'trace/missing-standard to come back');
    await server.close(STANDARDS);
  });

  it('re-checks an unsaved edit: a 根拠 line removes trace/missing-standard, deleting it brings it back', async () => {
    const original = read(STANDARDS);
    await server.open(STANDARDS, original);
    const withBasis = original.replace('## 5 研修\n', '## 5 研修\n\n根拠: 基本方針 6(4)\n');
    assert.notEqual(withBasis, original);
    await server.change(STANDARDS, withBasis);

    const policy = await server.waitForDiagnostics(POLICY, (d) => !codes(d).includes('trace/missing-standard'), 'trace/missing-standard to go');
    // 6(4) now has a standard but no procedure behind it.
    assert.deepEqual(summarize(policy), ['trace/missing-procedure 2 13:4-13:18', 'trace/missing-procedure 2 21:4-21:16']);
    assert.equal(policy[1].message, '措置 6(4)「人的セキュリティ」には対策基準がありますが、それに基づく実施手順がありません。');
    assert.deepEqual(policy[1].relatedInformation, [{ location: { uri: STANDARDS, range: range(23, 3, 23, 7) }, message: '対策基準 5 研修' }]);
    // The section is linked now: no longer an orphan.
    assert.deepEqual(summarize(await server.waitForDiagnostics(STANDARDS, (d) => d.length === 1, 'the orphan to go')), ['trace/inferred-link 4 15:5-15:18']);

    await server.change(STANDARDS, original);
    const back = await server.waitForDiagnostics(POLICY, (d) => codes(d).includes('trace/missing-standard'), 'trace/missing-standard to come back');
    assert.deepEqual(summarize(back), ['trace/missing-procedure 2 13:4-13:18', 'trace/missing-standard 2 21:4-21:16']);
    assert.deepEqual(summarize(await server.waitForDiagnostics(STANDARDS, (d) => d.length === 2, 'the orphan to come back')),
      ['trace/inferred-link 4 15:5-15:18', 'trace/orphan 3 23:3-23:7']);
    await server.close(STANDARDS);
  });

  it('hovers a measure heading with its chain and counts', async () => {
    const hover = await server.hover(POLICY, { line: 9, character: 6 });
    assert.deepEqual(hover, {
      contents: {
        kind: 'markdown',
        value: [
          '**基本方針 6\\(1\\)「組織体制」** — 対策基準 1件 · 実施手順 1件',
          '',
          '> 情報セキュリティ対策を推進する組織体制を確立する。',
          '',
          `- 対策基準 [2 組織体制](${STANDARDS}#L10)`,
          `  - 実施手順 [体制運用手順](${ORGANISATION}#L4)`,
        ].join('\n'),
      },
      range: range(9, 4, 9, 12),
    });
  });

  it('hovers a standards heading with what it implements and what implements it', async () => {
    const hover = await server.hover(STANDARDS, { line: 9, character: 4 });
    assert.deepEqual(hover, {
      contents: {
        kind: 'markdown',
        value: [
          '**対策基準 2 組織体制**',
          '',
          '実施する措置:',
          `- 基本方針 [6\\(1\\) 組織体制](${POLICY}#L10) — 情報セキュリティ対策を推進する組織体制を確立する。`,
          '',
          'これに基づく文書:',
          `- 実施手順 [体制運用手順](${ORGANISATION}#L4)`,
        ].join('\n'),
      },
      range: range(9, 3, 9, 9),
    });
  });

  it('hovers a reference with its target and first sentence', async () => {
    const hover = await server.hover(STANDARDS, { line: 11, character: 6 });
    assert.deepEqual(hover, {
      contents: { kind: 'markdown', value: `**[基本方針 6\\(1\\) 組織体制](${POLICY}#L10)**\n\n情報セキュリティ対策を推進する組織体制を確立する。` },
      range: range(11, 4, 11, 13),
    });
  });

  it('answers no hover away from headings and references', async () => {
    assert.equal(await server.hover(STANDARDS, { line: 13, character: 2 }), null);
  });

  it('goes from a reference to the heading it names', async () => {
    assert.deepEqual(await server.definition(STANDARDS, { line: 11, character: 12 }), [{ uri: POLICY, range: range(9, 4, 9, 12) }]);
    // A reference in front matter, in a procedure, to a standards section.
    assert.deepEqual(await server.definition(ENTRY, { line: 2, character: 9 }), [{ uri: STANDARDS, range: range(19, 3, 19, 14) }]);
    assert.deepEqual(await server.definition(STANDARDS, { line: 13, character: 2 }), []);
  });

  it('lists the places that cite a measure, with and without the declaration', async () => {
    assert.deepEqual(await server.references(POLICY, { line: 9, character: 6 }, true), [
      { uri: POLICY, range: range(9, 4, 9, 12) },
      { uri: STANDARDS, range: range(11, 4, 11, 13) },
      { uri: ORGANISATION, range: range(5, 4, 5, 10) },
    ]);
    // 6(3) is linked by its exact title (the heading) and, through it, by a procedure's front matter.
    assert.deepEqual(await server.references(POLICY, { line: 17, character: 6 }, false), [
      { uri: STANDARDS, range: range(19, 3, 19, 14) },
      { uri: ENTRY, range: range(2, 4, 2, 10) },
    ]);
  });

  it('offers the quick fix of trace/inferred-link; applying it removes the hint', async () => {
    const original = read(STANDARDS);
    await server.open(STANDARDS, original);
    const inferred = server.diagnostics.get(STANDARDS)!.find((d) => d.code === 'trace/inferred-link')!;
    const actions = await server.codeActions(STANDARDS, [inferred]);
    assert.deepEqual(actions, [{
      title: '根拠行「根拠: 基本方針 6(2)」を挿入',
      kind: 'quickfix',
      diagnostics: [inferred],
      edit: { documentChanges: [{ textDocument: { uri: STANDARDS, version: 1 }, edits: [{ range: range(15, 18, 15, 18), newText: '\n\n根拠: 基本方針 6(2)' }] }] },
      isPreferred: true,
    }]);

    const fixed = applyEdits(original, editsOf(actions![0].edit)[STANDARDS]);
    assert.equal(fixed, original.replace('## 3 情報資産の分類及び管理方法\n', '## 3 情報資産の分類及び管理方法\n\n根拠: 基本方針 6(2)\n'));
    await server.change(STANDARDS, fixed);
    const after = await server.waitForDiagnostics(STANDARDS, (d) => !codes(d).includes('trace/inferred-link'), 'the hint to go');
    assert.deepEqual(summarize(after), ['trace/orphan 3 25:3-25:7']);
    // The explicit link counts as the inferred one did: 6(2) still has its standard.
    assert.deepEqual(summarize(server.diagnostics.get(POLICY)!), ['trace/missing-procedure 2 13:4-13:18', 'trace/missing-standard 2 21:4-21:16']);

    await server.close(STANDARDS);
    assert.deepEqual(summarize(await server.waitForDiagnostics(STANDARDS, (d) => d.length === 2, 'the disk version after close')),
      ['trace/inferred-link 4 15:5-15:18', 'trace/orphan 3 23:3-23:7']);
  });

  it('offers one quick fix per suggestion of an unresolved reference, the first preferred', async () => {
    const unresolved = server.diagnostics.get(ORGANISATION)!;
    const actions = await server.codeActions(ORGANISATION, unresolved);
    assert.deepEqual(actions!.map((a) => [a.title, a.isPreferred ?? false, editsOf(a.edit)[ORGANISATION]]), [
      ['「5」に置き換える', true, [{ range: range(9, 15, 9, 16), newText: '5' }]],
      ['「4」に置き換える', false, [{ range: range(9, 15, 9, 16), newText: '4' }]],
      ['「3」に置き換える', false, [{ range: range(9, 15, 9, 16), newText: '3' }]],
    ]);
  });

  it('ignores diagnostics of other sources in code action requests', async () => {
    const foreign = { ...server.diagnostics.get(ORGANISATION)![0], source: 'markdownlint' };
    assert.deepEqual(await server.codeActions(ORGANISATION, [foreign]), []);
  });

  it('publishes a document again only when its diagnostics change, and the others not at all', async () => {
    const text = read(ENTRY);
    const before = new Map(ALL.map((uri) => [uri, server.publishCount.get(uri) ?? 0]));
    await server.open(ENTRY, text);
    // A sentence more: nothing to say about it, so nothing is sent.
    await server.change(ENTRY, `${text}\n追記する。\n`);
    await server.change(ENTRY, `${text}\n根拠: 対策基準 99\n`);
    await server.waitForDiagnostics(ENTRY, (d) => codes(d).includes('trace/unresolved-reference'));
    await server.change(ENTRY, text);
    await server.waitForDiagnostics(ENTRY, (d) => d.length === 0);
    // Past the set pass that follows typing (300 ms): the other documents did not change.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(ALL.map((uri) => (server.publishCount.get(uri) ?? 0) - before.get(uri)!), [0, 0, 2, 0]);
    await server.close(ENTRY);
  });

  it('logged no handler failure', () => {
    assert.deepEqual(server.logs.filter((l) => /failed|uncaught|unhandled/.test(l)), []);
    assert.ok(server.alive);
  });
});

describe('protocol: URIs spelled differently by the client', () => {
  let server: Server;
  before(async () => {
    server = await Server.start({ root: ROOT });
    await server.waitForFirstPublish(ALL);
  });
  after(() => server.stop());

  it('treats a lower-case percent-encoded URI (as Neovim sends) as the same file, and answers in its spelling', async () => {
    const lower = STANDARDS.replace(/%[0-9A-F]{2}/g, (s) => s.toLowerCase());
    assert.notEqual(lower, STANDARDS);
    const original = read(STANDARDS);
    await server.open(lower, original.replace('## 5 研修\n', '## 5 研修\n\n根拠: 基本方針 6(4)\n'));
    // One document, not two: the edit covers 6(4) and the diagnostics come back under the client's spelling.
    await server.waitForDiagnostics(POLICY, (d) => !codes(d).includes('trace/missing-standard'), 'trace/missing-standard to go');
    assert.deepEqual(summarize(await server.waitForDiagnostics(lower, () => true)), ['trace/inferred-link 4 15:5-15:18']);
    const [inferred] = server.diagnostics.get(lower)!;
    const [action] = (await server.codeActions(lower, [inferred]))!;
    assert.deepEqual(versionsOf(action.edit), { [lower]: 1 });
    assert.deepEqual(await server.definition(lower, { line: 11, character: 6 }), [{ uri: POLICY, range: range(9, 4, 9, 12) }]);
  });
});
