// The core's side of a pass in slices: documents are analysed one at a time until the host says
// stop, and a document that did not change is found in the index last built meanwhile.

import assert from 'node:assert/strict';
import { PolicyWorkspace } from '../../server/src/core/api';

const POLICY = '# 情報セキュリティ基本方針\n\n## 6 情報セキュリティ対策\n\n### (1) 組織体制\n\n組織体制を確立する。\n';
const standard = (edition: string) => `# 情報セキュリティ対策基準\n\n## 1 組織体制（${edition}）\n\n根拠: 基本方針 6(1)\n`;

function workspace(): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  ws.setDocument('file:///基本方針.md', '基本方針.md', POLICY);
  ws.setDocument('file:///対策基準.md', '対策基準.md', standard('初版'));
  ws.setDocument('file:///対策基準2.md', '対策基準2.md', standard('別冊'));
  return ws;
}

describe('a pass of analysis in slices', () => {
  it('analyses one document per step until stopped, and says when none is left', () => {
    const ws = workspace();
    assert.equal(ws.pendingCount(), 3);
    let steps = 0;
    assert.equal(ws.analysePending(() => steps++ >= 1), false);
    assert.equal(ws.pendingCount(), 2);
    assert.equal(ws.analysePending(() => false), true);
    assert.equal(ws.pendingCount(), 0);
  });

  it('finds an unchanged document in the last index while another awaits analysis, and not the changed one', () => {
    const ws = workspace();
    ws.findings();
    const before = ws.find('file:///基本方針.md')!;
    ws.setDocument('file:///対策基準.md', '対策基準.md', standard('第2版'));
    assert.equal(ws.pendingCount(), 1);
    const found = ws.findAnalysed('file:///基本方針.md');
    assert.equal(found?.doc, before.doc);
    assert.equal(found?.index, before.index);
    assert.equal(ws.findAnalysed('file:///対策基準.md'), undefined);
    assert.equal(ws.pendingCount(), 1, 'nothing was analysed to answer');
    ws.analysePending(() => false);
    assert.equal(ws.findAnalysed('file:///対策基準.md'), undefined, 'its index is not built yet');
    const fresh = ws.find('file:///対策基準.md')!;
    assert.equal(ws.findAnalysed('file:///対策基準.md')?.doc, fresh.doc);
    assert.deepEqual(fresh.doc.sections.map((s) => s.title), ['情報セキュリティ対策基準', '組織体制（第2版）']);
  });

  it('does not answer from an index built under another configuration', () => {
    const ws = workspace();
    ws.findings();
    ws.setConfig({ uri: 'file:///policy-trace.json', text: '{}' });
    assert.equal(ws.findAnalysed('file:///基本方針.md'), undefined);
  });
});
