// Inputs that made a scan quadratic, each at 1 MB: the analysis of the document and the checks of
// its set finish (mocha's timeout is 20 s; each took minutes before). Where the Markdown parser is
// the cost, the budgets below (nesting, inline markup per paragraph) read the text as plain lines;
// a table, whose parse is linear but large, is tried at 300 KB.

import assert from 'node:assert/strict';
import { analyzeDocument, PolicyWorkspace } from '../../server/src/core/api';
import { findingLines } from './helpers';
import { inlineCost, INLINE_BUDGET } from '../../server/src/core/parse/chunks';

const MB = 1_000_000;
const repeat = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

function check(text: string): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  ws.setDocument('file:///基本方針.md', '基本方針.md', text);
  ws.findings();
  return ws;
}

describe('linear time on adversarial documents', () => {
  const cases: [string, () => string][] = [
    ['「ア」とは repeated on one line (the quoted-term definition)', () => repeat('「ア」とは', MB)],
    ['a heading of （（（… (title keys)', () => `# ${repeat('（', MB)}\n`],
    ['a heading of 等等… (title keys)', () => `# 情報${repeat('等', MB)}\n`],
    ['a title of (1)(1)(1)… (tier from a title)', () => `${repeat('(1)', MB)}\n`],
    ['## 定義 repeated (definitions sections)', () => repeat('## 定義\n\n(1) ネットワーク　通信網をいう。\n\n', MB)],
    ['one term defined inline thousands of times', () => `# 基本方針\n\n${repeat('職員等（以下「職員等」という。）は守る。\n\n', MB)}`],
    ['caption lines', () => repeat('（目的）\n', MB)],
    ['a 目次 that never ends', () => `目次\n${repeat('第1章 総則\n', MB)}`],
    ['a list of * 1,000 deep (read as plain lines past 32 levels)', () => Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}* 項目`).join('\n')],
    ['a list of - 1,000 deep (read by the fast path, each level where its parent\'s text starts)', () => Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- 項目`).join('\n')],
    ['one definitions table (300 KB)', () => `## 定義\n\n| 用語 | 定義 |\n| --- | --- |\n${repeat('| 用語X | 意味をいう。 |\n', 300_000)}`],
    ['[ on one line', () => `${repeat('[', MB)}\n`],
    ['` on one line', () => `${repeat('`a', MB)}\n`],
    ['lines of one `', () => `ab${repeat('`\n', MB)}`],
    // Inline openers that never close: the parser tried each against the rest of the paragraph.
    ...['<!--', '<?', '<![CDATA[', '<!A', '*a', '**a', '[a]', '[a](<'].map((unit): [string, () => string] =>
      [`${unit} repeated in one paragraph (read as plain lines past the inline budget)`, () => `# 基本方針\n\nab${repeat(unit, MB)}\n`]),
  ];
  for (const [what, make] of cases) {
    it(what, () => {
      const text = make();
      const ws = check(text);
      assert.ok(ws.has('file:///基本方針.md'));
    });
  }

  it('says when lists or quotes nest too deep to be read as Markdown', () => {
    const ws = check(`# 基本方針\n\n${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}* 項目`).join('\n')}\n`);
    assert.deepEqual(findingLines(ws, 'en', /document\/limit/), [
      '基本方針.md 0:2-0:6 warning document/limit Lists or quotes nested more than 32 deep were read as plain lines, not Markdown: the Markdown parser takes too long on them. Nest less deeply to have them read as Markdown.',
    ]);
  });
});

describe('inline markup budget', () => {
  it('says when a paragraph has more inline markup than the Markdown parser can take in time', () => {
    const ws = check(`# 基本方針\n\n## 1 目的\n\n本文は守る。\n\nab${'<!--'.repeat(10_000)}\n`);
    assert.deepEqual(findingLines(ws, 'en', /document\/limit/), [
      '基本方針.md 0:2-0:6 warning document/limit A paragraph with more inline markup (*, _, `, [, <) than the Markdown parser can take in time was read as plain lines, not Markdown. Split it with blank lines, or close what it opens, to have it read as Markdown.',
    ]);
    // Only that chunk is read as plain lines: the headings before it are still headings.
    const facts = analyzeDocument({ uri: 'file:///基本方針.md', path: '基本方針.md', text: `# 基本方針\n\n## 1 目的\n\n本文は守る。\n\nab${'<!--'.repeat(10_000)}\n` });
    assert.deepEqual(facts.sections.map((x) => `${x.id ?? '-'} ${x.title}`), ['- 基本方針', '1 目的']);
    assert.deepEqual(facts.plainText, ['markup']);
  });

  it('counts each list item, heading and table row as a paragraph of its own', () => {
    const links = Array.from({ length: 3000 }, (_, i) => `- [手順 ${i}](実施手順/手順${i}.md#1-対象) と **重要** な <span>注記</span>`).join('\n');
    assert.ok(inlineCost(links) < INLINE_BUDGET);
    assert.ok(inlineCost(links.replace(/\n- /g, ' ')) > INLINE_BUDGET);
    const rows = `| 用語 | 意味 |\n| --- | --- |\n${Array.from({ length: 3000 }, (_, i) => `| [用語${i}](a.md) | *意味* |`).join('\n')}`;
    assert.ok(inlineCost(rows) < INLINE_BUDGET);
    const ws = check(`# 基本方針\n\n${links}\n`);
    assert.deepEqual(findingLines(ws, 'en', /document\/limit/), []);
  });
});

describe('a document too long for the term checks', () => {
  it('is checked for structure and links, says so at its title, and raises no term findings', () => {
    const ws = new PolicyWorkspace();
    // 職員等 is defined and then written as 職員, a variant the term checks would report.
    const body = '職員等（以下「職員等」という。）は守る。職員は守る。\n\n';
    const text = `# 情報セキュリティ基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 組織体制\n\n${repeat(body, 2 * MB + 10)}`;
    ws.setDocument('file:///基本方針.md', '基本方針.md', text);
    assert.deepEqual(findingLines(ws, 'en', /document\/limit|term\/|trace\/no-measures/), [
      '基本方針.md 0:2-0:14 warning document/limit This document is longer than 2,000,000 characters: its structure and links are checked, its defined terms and their uses are not. Split it to have its terms checked too.',
    ]);
    assert.deepEqual(findingLines(ws, 'en', /trace\/missing-standard/).length, 1);
  });
});

describe('a document too long to check', () => {
  it('is kept in its set with one finding on its first line and nothing else read', () => {
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///基本方針.md', '基本方針.md', '# 情報セキュリティ基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 組織体制\n');
    const text = `# 情報セキュリティ対策基準\r\n\r\n${repeat('## 1 組織体制\r\n\r\n第1条 職員は守る。\r\n\r\n', 5 * MB)}`;
    ws.setDocument('file:///対策基準.md', '対策基準.md', text);
    assert.deepEqual(findingLines(ws, 'en', /document\/limit|trace\//), [
      '基本方針.md 4:0-4:8 warning trace/missing-standard No standards section implements measure 6(1) "組織体制".',
      '対策基準.md 0:0-0:14 warning document/limit This document is longer than 5,000,000 characters: it is not checked. Split it into documents of the policy, its standards and its procedures to have it checked.',
    ]);
  });
});

describe('a document the analysis fails on', () => {
  it('gets one finding at its top, and the rest of the set is checked without it', () => {
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///基本方針.md', '基本方針.md', '# 基本方針\n\n## 6 情報セキュリティ対策\n\n(1) 組織体制\n');
    ws.setDocument('file:///対策基準.md', '対策基準.md', '# 対策基準\n\n## 1 組織体制\n\n㍼の規程による。\n');
    // A fault of ours, wherever it is in the analysis: here the folding of ㍼ (which no other test
    // writes, so it is folded afresh) fails.
    const normalize = String.prototype.normalize;
    String.prototype.normalize = function (this: string, form?: string) {
      if (this.includes('㍼')) throw new Error('a fault for the test');
      return normalize.call(this, form);
    };
    try {
      assert.deepEqual(findingLines(ws, 'en', /document\/limit|trace\//), [
        '基本方針.md 4:0-4:8 warning trace/missing-standard No standards section implements measure 6(1) "組織体制".',
        '対策基準.md 0:0-0:0 warning document/limit This document could not be analysed (a fault for the test); the rest of the set is checked without it. Please report this with the document, if you can share it.',
      ]);
    } finally {
      String.prototype.normalize = normalize;
    }
  });
});
