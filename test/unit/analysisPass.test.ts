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

  it('has again to analyse what a new configuration gives another tier, and only that', () => {
    const ws = workspace();
    assert.equal(ws.analysePending(() => false), true);
    assert.equal(ws.pendingCount(), 0);
    // The second standards file becomes a procedure: its facts for that tier are still to make.
    const config = { sets: [{ name: 'all', include: ['**/*.md'], tiers: { procedure: ['対策基準2.md'] } }] };
    ws.setConfig({ uri: 'file:///policy-trace.json', text: JSON.stringify(config) });
    assert.equal(ws.pendingCount(), 1);
    assert.equal(ws.analysePending(() => false), true);
    assert.equal(ws.pendingCount(), 0);
    assert.equal(ws.find('file:///対策基準2.md')?.doc.tier, 'procedure');
  });

  it('keeps the index of a set none of whose documents changed, and gives the sets of an edited document new ones', () => {
    const ws = workspace();
    const config = { sets: [{ name: 'a', include: ['基本方針.md', '対策基準.md'] }, { name: 'b', include: ['基本方針.md', '対策基準2.md'] }] };
    ws.setConfig({ uri: 'file:///policy-trace.json', text: JSON.stringify(config) });
    const [a, b] = ws.getIndexes();
    ws.setDocument('file:///対策基準2.md', '対策基準2.md', standard('第2版'));
    const [a2, b2] = ws.getIndexes();
    assert.equal(a2, a, 'set a has no changed document');
    assert.notEqual(b2, b);
    assert.deepEqual(ws.find('file:///対策基準2.md')?.doc.sections.map((s) => s.title), ['情報セキュリティ対策基準', '組織体制（第2版）']);
    // A document of both sets changes both.
    ws.setDocument('file:///基本方針.md', '基本方針.md', POLICY + '\n### (2) 物理的セキュリティ\n');
    const [a3, b3] = ws.getIndexes();
    assert.notEqual(a3, a2);
    assert.notEqual(b3, b2);
    assert.equal(ws.pendingCount(), 0);
  });

  it('does not answer from an index built under another configuration', () => {
    const ws = workspace();
    ws.findings();
    ws.setConfig({ uri: 'file:///policy-trace.json', text: '{}' });
    assert.equal(ws.findAnalysed('file:///基本方針.md'), undefined);
  });
});
