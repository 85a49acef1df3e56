// Change impact: policy-trace.lock, trace/suspect, the "mark reviewed" fixes and recording every
// reference (the `lock` command's core). The fixture's lock was written on the first version of its
// files; the files were then edited (test/fixtures/domain/change-impact/EXPECTED.md).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding, FixData } from '../../server/src/core/api';
import { parseLock, writeLock } from '../../server/src/core/lock';
import { markReviewedFix } from '../../server/src/core/fixes/markReviewed';
import { fingerprintedText, linkKey, trackedLinks } from '../../server/src/core/index/fingerprints';
import { PolicyWorkspace } from '../../server/src/core/api';
import { loadFolder } from '../../server/src/host/folder';
import { join } from 'node:path';
import { CORPUS, corpusSets } from './corpus';
import { applyEdits } from '../protocol/harness';
import { findingLines, fixtureText, fixtureWorkspace, workspaceOf } from './helpers';

const FOLDER = 'domain/change-impact';
const LOCK = 'file:///policy-trace.lock';
const SUSPECT = /^trace\/suspect$/;

function workspace(lockText = fixtureText(`${FOLDER}/policy-trace.lock`)) {
  const ws = fixtureWorkspace(FOLDER);
  ws.setLock({ uri: LOCK, text: lockText });
  return ws;
}

/** The lock's text once a fix is applied (every fix here edits the lock file only). */
function applied(lockText: string, fix: FixData): string {
  assert.deepEqual(fix.edits.map((e) => e.uri), [LOCK]);
  return applyEdits(lockText, fix.edits[0].edits);
}

function suspects(ws: ReturnType<typeof workspace>): Finding[] {
  return [...ws.findings().values()].flat().filter((f) => f.code === 'trace/suspect');
}

describe('change impact (policy-trace.lock)', () => {
  it('calls suspect exactly the references whose target changed, and the one not recorded yet (EXPECTED.md)', () => {
    assert.deepEqual(findingLines(workspace(), 'ja', SUSPECT), [
      '実施手順/管理区域入退室手順.md 2:5-2:13 warning trace/suspect 「3.1 管理区域の管理」の本文が、この参照を最後に確認した後に変わりました（policy-trace.lock）。読み直してから、この参照を確認済みにしてください。',
      '実施手順/管理区域入退室手順.md 8:0-8:8 warning trace/suspect 「3.1 管理区域の管理」の本文が、この参照を最後に確認した後に変わりました（policy-trace.lock）。読み直してから、この参照を確認済みにしてください。',
      '対策基準.md 16:4-16:13 warning trace/suspect 「6(2) 情報資産の分類と管理」の本文が、この参照を最後に確認した後に変わりました（policy-trace.lock）。読み直してから、この参照を確認済みにしてください。',
      '対策基準.md 20:7-20:16 warning trace/suspect 「6(2) 情報資産の分類と管理」の本文が、この参照を最後に確認した後に変わりました（policy-trace.lock）。読み直してから、この参照を確認済みにしてください。',
      '対策基準.md 40:4-40:13 information trace/suspect 「6(3) 物理的セキュリティ」へのこの参照は、まだ policy-trace.lock に確認済みとして記録されていません。記録すると、参照先の変更がわかるようになります。',
    ]);
  });

  it('speaks English when asked', () => {
    const lines = findingLines(workspace(), 'en', SUSPECT);
    assert.equal(lines[2], '対策基準.md 16:4-16:13 warning trace/suspect "6(2) 情報資産の分類と管理" has changed since this reference to it was last reviewed (policy-trace.lock). Read it again, then mark the reference reviewed.');
  });

  it('says nothing of change impact in a folder without a lock file', () => {
    const ws = fixtureWorkspace(FOLDER);
    ws.setLock(undefined);
    assert.deepEqual(findingLines(ws, 'ja', SUSPECT), []);
  });

  it('marks one reference reviewed by replacing its fingerprint, and only that one', () => {
    const before = fixtureText(`${FOLDER}/policy-trace.lock`);
    const finding = suspects(workspace()).find((f) => f.uri === 'file:///対策基準.md' && f.range.start.line === 16)!;
    assert.deepEqual(finding.fixes.map((f) => f.title), ['この参照を確認済みにする（policy-trace.lock）', 'この文書の参照をすべて確認済みにする（3 件、policy-trace.lock）']);
    const one = finding.fixes[0];
    assert.equal(one.edits[0].edits.length, 1);
    const after = applied(before, one);
    const changed = before.split('\n').map((line, i) => [line, after.split('\n')[i]]).filter(([a, b]) => a !== b);
    assert.equal(changed.length, 1);
    assert.match(changed[0][1], /^ {4}"対策基準\.md#2 -> 基本方針\.md#6\(2\)": "[0-9a-f]{16}",$/);
    assert.deepEqual(findingLines(workspace(after), 'ja', SUSPECT).map((l) => l.split(' ').slice(0, 2).join(' ')), [
      '実施手順/管理区域入退室手順.md 2:5-2:13', '実施手順/管理区域入退室手順.md 8:0-8:8', '対策基準.md 20:7-20:16', '対策基準.md 40:4-40:13',
    ]);
  });

  it('marks every reference of a document reviewed in one fix, adding the new one in sorted place', () => {
    const before = fixtureText(`${FOLDER}/policy-trace.lock`);
    const finding = suspects(workspace()).find((f) => f.uri === 'file:///対策基準.md')!;
    const after = applied(before, finding.fixes[1]);
    const keys = [...parseLock(LOCK, after).reviewed.keys()];
    assert.deepEqual(keys.filter((k) => k.startsWith('対策基準.md')), [
      '対策基準.md#1 -> 基本方針.md#6(1)', '対策基準.md#2 -> 基本方針.md#6(2)', '対策基準.md#2.1 -> 基本方針.md#6(2)',
      '対策基準.md#3 -> 基本方針.md#6(3)', '対策基準.md#3.3 -> 基本方針.md#6(3)', '対策基準.md#4 -> 基本方針.md#6(4)',
    ]);
    // The file keeps the one form the tool writes.
    assert.equal(after, writeLock(parseLock(LOCK, after).reviewed));
    assert.deepEqual(findingLines(workspace(after), 'ja', SUSPECT).map((l) => l.split(' ')[0]), ['実施手順/管理区域入退室手順.md', '実施手順/管理区域入退室手順.md']);
  });

  it('records every reference as the lock command does: counts, and no suspect after', () => {
    const ws = workspace();
    const record = ws.recordReviews(LOCK);
    assert.deepEqual({ links: record.links, changed: record.changed, added: record.added, removed: record.removed, unchanged: record.unchanged }, {
      links: 10, changed: 4, added: 1, removed: 1, unchanged: false,
    });
    assert.ok(!record.text.includes('情報資産台帳手順.md#2 -> 対策基準.md#4'));
    ws.setLock({ uri: LOCK, text: record.text });
    assert.deepEqual(findingLines(ws, 'ja', SUSPECT), []);
    assert.equal(ws.recordReviews(LOCK).unchanged, true);
  });

  it('keeps the keys of the other references when text is added above a section or a paragraph re-wrapped', () => {
    const texts = {
      '基本方針.md': '# 基本方針\n\n## 6 情報セキュリティ対策\n\n### (1) 組織体制\n\n全庁的な組織体制を確立する。\n',
      '対策基準.md': '---\n種別: 対策基準\n---\n# 対策基準\n\n## 1 組織体制\n\n根拠: 基本方針 6(1)\n\n役割を定める。\n',
    };
    const ws = workspaceOf(texts);
    ws.setLock({ uri: LOCK, text: ws.recordReviews(LOCK).text });
    ws.setDocument('file:///基本方針.md', '基本方針.md', '# 基本方針\n\n前文を加えた。\n\n## 6 情報セキュリティ対策\n\n### (1) 組織体制\n\n全庁的な\n**組織体制**を　確立する。\n');
    assert.deepEqual(findingLines(ws, 'ja', SUSPECT), []);
    ws.setDocument('file:///基本方針.md', '基本方針.md', '# 基本方針\n\n## 6 情報セキュリティ対策\n\n### (1) 組織体制\n\n全庁的な組織体制を確立し、毎年見直す。\n');
    assert.deepEqual(findingLines(ws, 'ja', SUSPECT).map((l) => l.split(' ').slice(0, 3).join(' ')), ['対策基準.md 7:4-7:13 warning']);
  });

  describe('a lock file that cannot be read', () => {
    const cases: [string, string, string][] = [
      ['merge conflict markers', '{\n  "version": 1,\n  "reviewed": {\n<<<<<<< HEAD\n    "a -> b": "0123456789abcdef"\n=======\n    "a -> b": "fedcba9876543210"\n>>>>>>> other\n  }\n}\n',
        'policy-trace.lock 3:0-3:7 error config/invalid policy-trace.lock を読めません（JSON の構文エラー: InvalidSymbol）。このため、参照の変更確認をしていません。マージの競合のあとなら「npx policy-trace lock」で書き直してください。'],
      ['another version', '{\n  "version": 2,\n  "reviewed": {}\n}\n',
        'policy-trace.lock 1:13-1:14 error config/invalid policy-trace.lock がこの版のツールの読む形式（version 1）ではありません。このため、参照の変更確認をしていません。「npx policy-trace lock」で書き直してください。'],
      ['a fingerprint edited by hand', '{\n  "version": 1,\n  "reviewed": {\n    "a -> b": "12345"\n  }\n}\n',
        'policy-trace.lock 3:14-3:21 error config/invalid policy-trace.lock のこの値は 16 桁の 16 進数の指紋ではありません。このため、参照の変更確認をしていません。「npx policy-trace lock」で書き直してください。'],
      ['no reviewed object', '[]\n',
        'policy-trace.lock 0:0-0:2 error config/invalid policy-trace.lock がこのツールの書く形（{"version": 1, "reviewed": {…}}）ではありません。このため、参照の変更確認をしていません。「npx policy-trace lock」で書き直してください。'],
    ];
    for (const [name, text, expected] of cases) {
      it(`${name}: config/invalid on the lock file, and no suspect anywhere`, () => {
        assert.deepEqual(findingLines(workspace(text), 'ja', /^(trace\/suspect|config\/invalid)$/), [expected]);
      });
    }
  });

  it('writes with the line breaks the lock file has (a Windows checkout)', () => {
    const crlf = fixtureText(`${FOLDER}/policy-trace.lock`).replace(/\n/g, '\r\n');
    const ws = workspace(crlf);
    const fix = suspects(ws).find((f) => f.uri === 'file:///対策基準.md')!.fixes[1];
    const after = applied(crlf, fix);
    assert.equal(after, writeLock(parseLock(LOCK, after).reviewed, '\r\n'));
    assert.equal(ws.recordReviews(LOCK).text.split('\r\n').length, 16);
  });

  it('gives, for any lock and any updates, the text the tool writes for the merged entries', () => {
    const key = fc.stringMatching(/^[a-z0-9#()/.\u3042-\u3093 >-]{1,12}$/);
    const print = fc.stringMatching(/^[0-9a-f]{16}$/);
    fc.assert(fc.property(fc.dictionary(fc.oneof(key, fc.constantFrom('a', 'b', 'c')), print), fc.array(fc.tuple(fc.oneof(key, fc.constantFrom('a', 'b', 'c')), print), { maxLength: 6 }), fc.boolean(), (entries, updates, crlf) => {
      const eol = crlf ? '\r\n' : '\n';
      const reviewed = new Map(Object.entries(entries));
      const text = writeLock(reviewed, eol);
      const lock = parseLock(LOCK, text);
      assert.deepEqual(lock.problems, []);
      const fix = markReviewedFix(lock, updates.map(([k, f]) => ({ key: k, fingerprint: f })), 't');
      for (const [k, f] of updates) reviewed.set(k, f);
      assert.equal(applied(text, fix), writeLock(reviewed, eol));
    }), { numRuns: 300 });
  });

  it('reads the items of an article written as lines of one paragraph (第5条第1号), each on its own', () => {
    const ws = fixtureWorkspace('domain/article-style');
    const texts = ws.getIndexes().flatMap((index) => index.documents.flatMap((doc) => trackedLinks(index, doc)))
      .map((t) => `${t.key}: ${fingerprintedText(t.link.to).slice(0, 24)}`);
    assert.deepEqual(texts.filter((t) => t.includes('基本方針.md#第5条')), [
      '対策基準.md#第2章 -> 基本方針.md#第5条第1号: (1)組織体制',
      '対策基準.md#第3章 -> 基本方針.md#第5条第2号: (2)情報資産の分類と管理',
      '対策基準.md#第4章 -> 基本方針.md#第5条第3号: (3)物理的セキュリティ',
      '対策基準.md#第5章 -> 基本方針.md#第5条第4号: (4)人的セキュリティ',
    ]);
  });

  it('fingerprints the text of every referenced section of the real-world corpus, each inside its parent', async () => {
    let links = 0;
    for (const set of corpusSets()) {
      const ws = new PolicyWorkspace();
      await loadFolder(join(CORPUS, set), ws);
      for (const index of ws.getIndexes()) {
        for (const doc of index.documents) {
          for (const t of trackedLinks(index, doc)) {
            links++;
            const text = fingerprintedText(t.link.to);
            assert.ok(text.length, `${set}: ${t.key} has no text`);
            const parent = t.link.to.section >= 0 ? t.link.to.doc.sections[t.link.to.section].parent : -1;
            if (t.link.to.section >= 0) assert.ok(fingerprintedText({ doc: t.link.to.doc, section: parent }).includes(text), `${set}: ${t.key} is not inside its parent`);
          }
        }
      }
    }
    assert.equal(links, 202);
  });

  it('tells apart references to sections that share a title or a number', () => {
    const ws = workspaceOf({
      '対策基準.md': '---\n種別: 対策基準\n---\n# 対策基準\n\n## 1 組織\n\n### 手順\n\n報告する。\n\n## 2 運用\n\n### 手順\n\n記録する。\n',
      '実施手順/a.md': '---\n種別: 実施手順\n---\n# 手順書\n\n根拠: 対策基準 1\n\n根拠: 対策基準 2\n',
    });
    const [index] = ws.getIndexes();
    const standards = index.documents.find((d) => d.path === '対策基準.md')!;
    const procedure = index.documents.find((d) => d.path === '実施手順/a.md')!;
    assert.deepEqual(trackedLinks(index, procedure).map((t) => t.key), ['実施手順/a.md#手順書 -> 対策基準.md#1', '実施手順/a.md#手順書 -> 対策基準.md#2']);
    // Two sections titled 手順 without a number: each keeps a key of its own.
    const titled = standards.sections.map((s, i) => ({ s, i })).filter(({ s }) => s.title === '手順');
    assert.deepEqual(titled.map(({ i }) => ({ i, key: linkKey({ from: { doc: procedure, section: -1 }, to: { doc: standards, section: i }, via: 'explicit' }) })).map((x) => x.key), [
      '実施手順/a.md -> 対策基準.md#手順 (1)', '実施手順/a.md -> 対策基準.md#手順 (2)',
    ]);
  });
});
