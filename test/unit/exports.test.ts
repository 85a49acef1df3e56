// What leaves the checker for other programs cannot be turned against their user: a CSV cell that
// starts like a formula stays text, a file name with # % ? or spaces stays one link, and an escape
// sequence or a bidirectional override from a title is shown, not obeyed, in a terminal.

import assert from 'node:assert/strict';
import { csvField } from '../../server/src/core/report/matrixCsv';
import { linkPath } from '../../server/src/core/report/matrixShared';
import { matrixCsv, matrixHtml, matrixMarkdown, messagesFor, PolicyWorkspace, traceMatrix } from '../../server/src/core/api';
import { terminalSafe } from '../../server/src/cli/format';

describe('exports and terminals', () => {
  it('neutralises CSV cells that start like a formula (OWASP): = + - @ tab and CR', () => {
    assert.deepEqual(['=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '6(1)', '組織体制'].map(csvField), [
      '"\'=HYPERLINK(""http://x"")"', "'+1", "'-1", "'@SUM(A1)", "'\t=1", '"\'\r=1"', '6(1)', '組織体制',
    ]);
  });

  it('encodes # % ? spaces and brackets in the paths of links, and keeps kanji and /', () => {
    assert.equal(linkPath('実施手順/手順 #1 (第2版)?50%.md'), '実施手順/手順%20%231%20%28第2版%29%3F50%25.md');
  });

  it('shows escape sequences and bidirectional overrides in terminal text as their codes', () => {
    assert.equal(terminalSafe('6(1) 組織\u001b[2J体制\u202e'), '6(1) 組織\\u{1b}[2J体制\\u{202e}');
    assert.equal(terminalSafe('普通の行'), '普通の行');
  });

  it('writes a title that looks like a formula, and a file named with #, safely into every matrix format', () => {
    const ws = new PolicyWorkspace();
    ws.setDocument('file:///基本方針.md', '基本方針.md', '# 基本方針\n\n## 6 情報セキュリティ対策\n\n(1) =HYPERLINK("http://x")\n');
    ws.setDocument('file:///基準%20%231.md', '基準 #1.md', '---\n種別: 対策基準\n---\n# 基準\n\n## 1 節\n\n根拠: 基本方針 6(1)\n');
    const msg = messagesFor('en');
    const matrix = traceMatrix(ws.getIndexes()[0]);
    assert.match(matrixCsv([matrix], { msg }), /\r\n6\(1\),"'=HYPERLINK\(""http:\/\/x""\)",/);
    assert.match(matrixMarkdown([matrix], { msg }), /\]\(基準%20%231\.md#L6\)/);
    assert.match(matrixHtml([matrix], { msg, generated: '2026-12-04 09:00' }), /href="基準%20%231\.md#L6"/);
  });
});
